/**
 * Sending, recalling and reading messages. A message is stored first, then
 * published to the members' channels: if the publish is lost, nothing is, since
 * subscribers fill gaps from the store (see events.ts).
 */
import { badInput, forbidden, notFound, rateLimited } from '../../lib/errors.js';
import { hitWindow } from '../../lib/rateLimit.js';
import type { Context } from './context.js';
import { conversationForMember } from './conversations.js';
import type { ConversationRecord, MessageRecord } from './store.js';

export const MAX_MESSAGE_LENGTH = 2000;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export async function sendMessage(ctx: Context, args: { conversationId: string; text: string; clientMessageId?: string | null }): Promise<MessageRecord> {
  const me = ctx.viewer.userId!;
  if (args.text.trim().length === 0) throw badInput('Messages cannot be empty.', { field: 'text' });
  if (args.text.length > MAX_MESSAGE_LENGTH) throw badInput(`Messages are at most ${MAX_MESSAGE_LENGTH} characters.`, { field: 'text' });
  if (args.clientMessageId != null && !CLIENT_MESSAGE_ID.test(args.clientMessageId)) {
    throw badInput('clientMessageId is 1-64 letters, digits, or _ . : -', { field: 'clientMessageId' });
  }
  const conversation = await conversationForMember(ctx, args.conversationId);
  const members = await ctx.loaders.members.load(conversation.id);
  if (conversation.kind === 'DIRECT') {
    const others = members.filter((m) => m !== me);
    if ((await ctx.store.blockedBy(me, others)).size) throw forbidden('This user does not accept messages from you.');
  }
  const limit = ctx.config.CHAT_SEND_LIMIT_PER_MINUTE;
  const window = await hitWindow(ctx.redis, `chat:send:${me}`, 60);
  if (window.count > limit) throw rateLimited(`You can send ${limit} messages a minute; wait ${window.retryAfterSeconds} s.`, window.retryAfterSeconds);

  const { message, created } = await ctx.store.appendMessage({ conversationId: conversation.id, senderId: me, text: args.text, clientMessageId: args.clientMessageId ?? null });
  if (created) await publish(ctx, members, { kind: 'MESSAGE', conversationId: conversation.id, message });
  return message;
}

export async function recallMessage(ctx: Context, messageId: string): Promise<MessageRecord> {
  const message = await ctx.loaders.message.load(messageId);
  if (!message) throw notFound('No such message.');
  await conversationForMember(ctx, message.conversationId);
  if (message.senderId !== ctx.viewer.userId) throw forbidden('Only the sender can recall a message.');
  if (message.recalledAt) return message;
  const windowMs = ctx.config.CHAT_RECALL_WINDOW_SECONDS * 1000;
  if (Date.now() - message.createdAt.getTime() > windowMs) {
    throw badInput(`Messages can be recalled for ${ctx.config.CHAT_RECALL_WINDOW_SECONDS} s after sending.`);
  }
  const recalled = await ctx.store.recallMessage(messageId);
  if (!recalled) throw notFound('No such message.');
  await publish(ctx, await ctx.loaders.members.load(message.conversationId), { kind: 'RECALL', conversationId: message.conversationId, message: recalled });
  return recalled;
}

export async function markRead(ctx: Context, conversationId: string, seq: number): Promise<ConversationRecord> {
  if (!Number.isInteger(seq) || seq < 0) throw badInput('seq is a non-negative integer.');
  const conversation = await conversationForMember(ctx, conversationId);
  const before = await ctx.loaders.readPosition.load(conversationId);
  const after = await ctx.store.markRead(conversationId, ctx.viewer.userId!, seq);
  ctx.loaders.readPosition.clear(conversationId).prime(conversationId, after);
  if (after !== before) {
    await publish(ctx, await ctx.loaders.members.load(conversationId), { kind: 'READ', conversationId, readerId: ctx.viewer.userId!, readSeq: after });
  }
  return conversation;
}

async function publish(ctx: Context, members: string[], event: Parameters<Context['bus']['publish']>[1]) {
  // Stored already: a lost publish delays live delivery, it loses nothing.
  await ctx.bus.publish(members, event).catch((err: unknown) => ctx.log.warn({ err }, 'chat publish failed'));
}
