/**
 * Sending, recalling and reading messages. A message is stored first, then
 * published to the members' channels: if the publish is lost, nothing is, since
 * subscribers fill gaps from the store (see events.ts).
 */
import { badInput, forbidden, notFound, rateLimited } from '../../lib/errors.js';
import { tryLock, type Lock } from '../../lib/redis/lock.js';
import { hitWindow } from '../../lib/redis/rateLimit.js';
import type { Context } from './context.js';
import { conversationForMember } from './conversations.js';
import type { ConversationRecord, MessageRecord } from './store.js';

export const MAX_MESSAGE_LENGTH = 2000;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * How long a send holds the claim on its clientMessageId. Only a crashed
 * holder's claim ever runs this long: it then lapses by itself.
 */
const SEND_CLAIM_TTL_MS = 10_000;
/** How often a copy waiting on another copy's claim looks for the stored message. */
const SEND_CLAIM_POLL_MS = 20;

export async function sendMessage(ctx: Context, args: { conversationId: string; text: string; clientMessageId?: string | null }): Promise<MessageRecord> {
  const me = ctx.viewer.userId!;
  if (args.text.trim().length === 0) throw badInput('Messages cannot be empty.', { field: 'text' });
  if (args.text.length > MAX_MESSAGE_LENGTH) throw badInput(`Messages are at most ${MAX_MESSAGE_LENGTH} characters.`, { field: 'text' });
  if (args.clientMessageId != null && !CLIENT_MESSAGE_ID.test(args.clientMessageId)) {
    throw badInput('clientMessageId is 1-64 letters, digits, or _ . : -', { field: 'clientMessageId' });
  }
  const conversation = await conversationForMember(ctx, args.conversationId);
  const key = args.clientMessageId ?? null;
  // A retry whose first attempt was stored (its answer was lost) gets the stored
  // message, before the block and rate checks: it sends nothing new, so it must
  // neither use up the sender's quota nor be refused by it.
  if (key) {
    const stored = await ctx.store.findMessageByClientId(conversation.id, me, key);
    if (stored) return stored;
  }
  const members = await ctx.loaders.members.load(conversation.id);
  if (conversation.kind === 'DIRECT') {
    const others = members.filter((m) => m !== me);
    if ((await ctx.store.blockedBy(me, others)).size) throw forbidden('This user does not accept messages from you.');
  }
  const claim = key ? await claimSend(ctx, conversation.id, me, key) : { lock: null };
  if ('stored' in claim) return claim.stored;
  try {
    const limit = ctx.config.CHAT_SEND_LIMIT_PER_MINUTE;
    const window = await hitWindow(ctx.redis, `chat:send:${me}`, 60);
    if (window.count > limit) throw rateLimited(`You can send ${limit} messages a minute; wait ${window.retryAfterSeconds} s.`, window.retryAfterSeconds);
    const { message, created } = await ctx.store.appendMessage({ conversationId: conversation.id, senderId: me, text: args.text, clientMessageId: key });
    if (created) await publish(ctx, members, { kind: 'MESSAGE', conversationId: conversation.id, message });
    return message;
  } finally {
    await claim.lock?.release().catch((err: unknown) => ctx.log.warn({ err }, 'chat send claim not released; it lapses by itself'));
  }
}

/**
 * Copies of one send (a client retrying while its first attempt is still in
 * flight) take turns on a Redis claim of (conversation, sender,
 * clientMessageId): the copy holding it is the only one that counts against
 * the rate limit and stores; the others wait for it and answer its stored
 * message. Without the claim, every copy racing past the store check above
 * would use up a unit of quota, and at the limit a copy would be refused while
 * another stores the message. If the holder fails before storing (refused,
 * crashed), the next copy takes the claim and sends as a new message.
 */
async function claimSend(ctx: Context, conversationId: string, senderId: string, key: string): Promise<{ lock: Lock | null } | { stored: MessageRecord }> {
  const claimKey = `chat:send-claim:${conversationId}:${senderId}:${key}`;
  // Past this a claim is being re-taken over and over (holders slower than the
  // claim's lifetime): send anyway; the store still keeps one message per key.
  const deadline = Date.now() + 2 * SEND_CLAIM_TTL_MS;
  for (;;) {
    const lock = await tryLock(ctx.redis, claimKey, SEND_CLAIM_TTL_MS);
    // Looked up again under the claim: the copy that held it may have just stored.
    const stored = await ctx.store.findMessageByClientId(conversationId, senderId, key);
    if (stored) {
      await lock?.release();
      return { stored };
    }
    if (lock || Date.now() > deadline) return { lock };
    await new Promise((r) => setTimeout(r, SEND_CLAIM_POLL_MS));
  }
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
