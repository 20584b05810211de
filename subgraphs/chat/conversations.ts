/**
 * Conversations and membership. Membership is the whole of chat privacy: every
 * read and write goes through these checks, and a conversation the viewer does
 * not belong to answers NOT_FOUND, like one that does not exist, so that ids
 * cannot be probed.
 */
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import type { ConversationRecord, ConversationStore } from './store/conversations.js';

/** @default 200 */
export const MAX_GROUP_MEMBERS = 200;
export const MAX_TITLE = 50;

/**
 * The reads membership checks make. Per request these are DataLoaders
 * (batched and cached, see context.ts); `storeLookup` reads the store as is.
 */
export interface ConversationLookup {
  conversation(id: string): Promise<ConversationRecord | null>;
  members(id: string): Promise<string[]>;
  /** Forgets what was read of a conversation, after changing it. */
  forget(id: string): void;
}

/** A lookup without a cache, straight from the store. */
export function storeLookup(store: Pick<ConversationStore, 'findConversationsByIds' | 'membersOf'>): ConversationLookup {
  return {
    conversation: async (id) => (await store.findConversationsByIds([id]))[0] ?? null,
    members: async (id) => (await store.membersOf([id])).get(id) ?? [],
    forget: () => {},
  };
}

/** Who asks (null: nobody signed in) and how conversations are looked up: what every membership check needs. */
export interface Membership {
  viewerId: string | null;
  lookup: ConversationLookup;
}

/** What the conversation functions below need: a signed-in viewer, the lookup, the conversations store. */
export interface ConversationDeps extends Membership {
  viewerId: string;
  conversations: ConversationStore;
}

export async function isMember(m: Membership, conversationId: string): Promise<boolean> {
  if (!m.viewerId) return false;
  return (await m.lookup.members(conversationId)).includes(m.viewerId);
}

export async function conversationForMember(m: Membership, conversationId: string): Promise<ConversationRecord> {
  const conversation = await m.lookup.conversation(conversationId);
  if (!conversation || !(await isMember(m, conversationId))) throw notFound('No such conversation, or you are not a member of it.');
  return conversation;
}

async function groupForOwner(d: ConversationDeps, conversationId: string): Promise<ConversationRecord> {
  const c = await conversationForMember(d, conversationId);
  if (c.kind !== 'GROUP') throw badInput('This is a direct conversation, not a group.');
  if (c.ownerId !== d.viewerId) throw forbidden('Only the group owner can do this.');
  return c;
}

function checkTitle(title: string): string {
  const t = title.trim();
  if (t.length < 1 || t.length > MAX_TITLE) throw badInput(`Group titles are 1-${MAX_TITLE} characters.`, { field: 'title' });
  return t;
}

function checkIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.some((id) => id.length === 0 || id.length > 64)) throw badInput('Invalid user id.');
  return unique;
}

function reload(d: ConversationDeps, id: string): Promise<ConversationRecord> {
  d.lookup.forget(id);
  return conversationForMember(d, id);
}

export async function startConversation(d: ConversationDeps, userId: string): Promise<ConversationRecord> {
  const me = d.viewerId;
  if (userId === me) throw badInput('A conversation needs another user.');
  if ((await d.conversations.blockedBy(me, [userId])).size) throw forbidden('This user does not accept messages from you.');
  return d.conversations.directConversation(me, userId);
}

export async function createGroup(d: ConversationDeps, title: string, memberIds: readonly string[]): Promise<ConversationRecord> {
  const me = d.viewerId;
  const members = checkIds(memberIds).filter((id) => id !== me);
  if (members.length + 1 > MAX_GROUP_MEMBERS) throw badInput(`Groups have at most ${MAX_GROUP_MEMBERS} members.`);
  return d.conversations.createConversation({ kind: 'GROUP', title: checkTitle(title), ownerId: me, memberIds: members });
}

export async function addMembers(d: ConversationDeps, conversationId: string, userIds: readonly string[]): Promise<ConversationRecord> {
  await groupForOwner(d, conversationId);
  const ids = checkIds(userIds);
  const current = await d.lookup.members(conversationId);
  if (new Set([...current, ...ids]).size > MAX_GROUP_MEMBERS) throw badInput(`Groups have at most ${MAX_GROUP_MEMBERS} members.`);
  await d.conversations.addMembers(conversationId, ids);
  return reload(d, conversationId);
}

export async function removeMember(d: ConversationDeps, conversationId: string, userId: string): Promise<ConversationRecord> {
  await groupForOwner(d, conversationId);
  if (userId === d.viewerId) throw badInput('Owners leave with leaveGroup.');
  await d.conversations.removeMember(conversationId, userId);
  return reload(d, conversationId);
}

export async function leaveGroup(d: ConversationDeps, conversationId: string): Promise<boolean> {
  const c = await conversationForMember(d, conversationId);
  if (c.kind !== 'GROUP') throw badInput('Direct conversations cannot be left.');
  await d.conversations.removeMember(conversationId, d.viewerId);
  return true;
}

export async function renameGroup(d: ConversationDeps, conversationId: string, title: string): Promise<ConversationRecord> {
  await groupForOwner(d, conversationId);
  await d.conversations.rename(conversationId, checkTitle(title));
  return reload(d, conversationId);
}

export async function blockUser(d: ConversationDeps, userId: string, blocked: boolean): Promise<boolean> {
  if (userId === d.viewerId) throw badInput('You cannot block yourself.');
  if (blocked) await d.conversations.block(d.viewerId, userId);
  else await d.conversations.unblock(d.viewerId, userId);
  return true;
}
