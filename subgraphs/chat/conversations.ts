/**
 * Conversations and membership. Membership is the whole of chat privacy: every
 * read and write goes through these checks, and a conversation the viewer does
 * not belong to answers NOT_FOUND, like one that does not exist, so that ids
 * cannot be probed.
 */
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import type { Context } from './context.js';
import type { ConversationRecord } from './store.js';

/** @default 200 */
export const MAX_GROUP_MEMBERS = 200;
export const MAX_TITLE = 50;

export async function isMember(ctx: Context, conversationId: string): Promise<boolean> {
  if (!ctx.viewer.userId) return false;
  return (await ctx.loaders.members.load(conversationId)).includes(ctx.viewer.userId);
}

export async function conversationForMember(ctx: Context, conversationId: string): Promise<ConversationRecord> {
  const conversation = await ctx.loaders.conversation.load(conversationId);
  if (!conversation || !(await isMember(ctx, conversationId))) throw notFound('No such conversation, or you are not a member of it.');
  return conversation;
}

async function groupForOwner(ctx: Context, conversationId: string): Promise<ConversationRecord> {
  const c = await conversationForMember(ctx, conversationId);
  if (c.kind !== 'GROUP') throw badInput('This is a direct conversation, not a group.');
  if (c.ownerId !== ctx.viewer.userId) throw forbidden('Only the group owner can do this.');
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

function reload(ctx: Context, id: string): Promise<ConversationRecord> {
  ctx.loaders.conversation.clear(id);
  ctx.loaders.members.clear(id);
  return conversationForMember(ctx, id);
}

export async function startConversation(ctx: Context, userId: string): Promise<ConversationRecord> {
  const me = ctx.viewer.userId!;
  if (userId === me) throw badInput('A conversation needs another user.');
  if ((await ctx.store.blockedBy(me, [userId])).size) throw forbidden('This user does not accept messages from you.');
  return ctx.store.directConversation(me, userId);
}

export async function createGroup(ctx: Context, title: string, memberIds: readonly string[]): Promise<ConversationRecord> {
  const me = ctx.viewer.userId!;
  const members = checkIds(memberIds).filter((id) => id !== me);
  if (members.length + 1 > MAX_GROUP_MEMBERS) throw badInput(`Groups have at most ${MAX_GROUP_MEMBERS} members.`);
  return ctx.store.createConversation({ kind: 'GROUP', title: checkTitle(title), ownerId: me, memberIds: members });
}

export async function addMembers(ctx: Context, conversationId: string, userIds: readonly string[]): Promise<ConversationRecord> {
  await groupForOwner(ctx, conversationId);
  const ids = checkIds(userIds);
  const current = await ctx.loaders.members.load(conversationId);
  if (new Set([...current, ...ids]).size > MAX_GROUP_MEMBERS) throw badInput(`Groups have at most ${MAX_GROUP_MEMBERS} members.`);
  await ctx.store.addMembers(conversationId, ids);
  return reload(ctx, conversationId);
}

export async function removeMember(ctx: Context, conversationId: string, userId: string): Promise<ConversationRecord> {
  await groupForOwner(ctx, conversationId);
  if (userId === ctx.viewer.userId) throw badInput('Owners leave with leaveGroup.');
  await ctx.store.removeMember(conversationId, userId);
  return reload(ctx, conversationId);
}

export async function leaveGroup(ctx: Context, conversationId: string): Promise<boolean> {
  const c = await conversationForMember(ctx, conversationId);
  if (c.kind !== 'GROUP') throw badInput('Direct conversations cannot be left.');
  await ctx.store.removeMember(conversationId, ctx.viewer.userId!);
  return true;
}

export async function renameGroup(ctx: Context, conversationId: string, title: string): Promise<ConversationRecord> {
  await groupForOwner(ctx, conversationId);
  await ctx.store.rename(conversationId, checkTitle(title));
  return reload(ctx, conversationId);
}

export async function blockUser(ctx: Context, userId: string, blocked: boolean): Promise<boolean> {
  if (userId === ctx.viewer.userId) throw badInput('You cannot block yourself.');
  if (blocked) await ctx.store.block(ctx.viewer.userId!, userId);
  else await ctx.store.unblock(ctx.viewer.userId!, userId);
  return true;
}
