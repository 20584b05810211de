/** Membership is the whole of chat privacy: every read goes through these checks. */
import { forbidden, notFound } from '../../lib/errors.js';
import type { Context } from './context.js';
import type { ConversationRecord } from './store.js';

export async function isMember(ctx: Context, conversationId: string): Promise<boolean> {
  if (!ctx.viewer.userId) return false;
  return (await ctx.loaders.members.load(conversationId)).includes(ctx.viewer.userId);
}

/** The conversation if the viewer belongs to it; NOT_FOUND otherwise, so ids cannot be probed. */
export async function conversationForMember(ctx: Context, conversationId: string): Promise<ConversationRecord> {
  const conversation = await ctx.loaders.conversation.load(conversationId);
  if (!conversation || !(await isMember(ctx, conversationId))) throw notFound('No such conversation, or you are not a member of it.');
  return conversation;
}

export async function assertMember(ctx: Context, conversationId: string): Promise<void> {
  if (!(await isMember(ctx, conversationId))) throw forbidden('You are not a member of this conversation.');
}
