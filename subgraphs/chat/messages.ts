/**
 * Sending, recalling and reading messages. A message is stored first, then
 * published to the members' channels: if the publish is lost, nothing is, since
 * subscribers fill gaps from the store (see messageEvents.ts).
 *
 * Each function takes the narrow dependencies it uses (MessageDeps), not the
 * request context: the server builds them per request (context.ts), and
 * messages.test.ts runs these functions against SQLite in memory and fakes of
 * the Redis-backed ports.
 */
import { badInput, forbidden, notFound, rateLimited } from '../../lib/errors.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ChatBus, BusEvent } from './bus.js';
import { conversationForMember, type Membership } from './conversations.js';
import type { SendClaim, SendThrottle } from './sendThrottle.js';
import type { ConversationRecord, ConversationStore } from './store/conversations.js';
import type { MessageRecord, MessageStore } from './store/messages.js';

export const MAX_MESSAGE_LENGTH = 2000;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * How long a send holds the claim on its clientMessageId. Only a crashed
 * holder's claim ever runs this long: it then lapses by itself.
 */
const SEND_CLAIM_TTL_MS = 10_000;
/** How often a copy waiting on another copy's claim looks for the stored message. */
const SEND_CLAIM_POLL_MS = 20;

export interface MessageDeps extends Membership {
  /** The signed-in sender or reader. */
  viewerId: string;
  conversations: Pick<ConversationStore, 'blockedBy' | 'markRead' | 'readPositions'>;
  messages: Pick<MessageStore, 'appendMessage' | 'findMessageByClientId' | 'findMessagesByIds' | 'recallMessage'>;
  bus: Pick<ChatBus, 'publish'>;
  throttle: SendThrottle;
  limits: { sendsPerMinute: number; recallWindowSeconds: number };
  log: Pick<Logger, 'warn'>;
  /** The clock recall windows are measured with. @default Date.now */
  now?: () => number;
}

export async function sendMessage(d: MessageDeps, args: { conversationId: string; text: string; clientMessageId?: string | null }): Promise<MessageRecord> {
  const me = d.viewerId;
  if (args.text.trim().length === 0) throw badInput('Messages cannot be empty.', { field: 'text' });
  if (args.text.length > MAX_MESSAGE_LENGTH) throw badInput(`Messages are at most ${MAX_MESSAGE_LENGTH} characters.`, { field: 'text' });
  if (args.clientMessageId != null && !CLIENT_MESSAGE_ID.test(args.clientMessageId)) {
    throw badInput('clientMessageId is 1-64 letters, digits, or _ . : -', { field: 'clientMessageId' });
  }
  const conversation = await conversationForMember(d, args.conversationId);
  const key = args.clientMessageId ?? null;
  // A retry whose first attempt was stored (its answer was lost) gets the stored
  // message, before the block and rate checks: it sends nothing new, so it must
  // neither use up the sender's quota nor be refused by it.
  if (key) {
    const stored = await d.messages.findMessageByClientId(conversation.id, me, key);
    if (stored) return stored;
  }
  const members = await d.lookup.members(conversation.id);
  if (conversation.kind === 'DIRECT') {
    const others = members.filter((m) => m !== me);
    if ((await d.conversations.blockedBy(me, others)).size) throw forbidden('This user does not accept messages from you.');
  }
  const claim = key ? await claimSend(d, conversation.id, key) : { claim: null };
  if ('stored' in claim) return claim.stored;
  try {
    const limit = d.limits.sendsPerMinute;
    const window = await d.throttle.hit(me, 60);
    if (window.count > limit) throw rateLimited(`You can send ${limit} messages a minute; wait ${window.retryAfterSeconds} s.`, window.retryAfterSeconds);
    const { message, created } = await d.messages.appendMessage({ conversationId: conversation.id, senderId: me, text: args.text, clientMessageId: key });
    if (created) await publish(d, members, { kind: 'MESSAGE', conversationId: conversation.id, message });
    return message;
  } finally {
    await claim.claim?.release().catch((err: unknown) => d.log.warn({ err }, 'chat send claim not released; it lapses by itself'));
  }
}

/**
 * Copies of one send (a client retrying while its first attempt is still in
 * flight) take turns on a claim of (conversation, sender, clientMessageId):
 * the copy holding it is the only one that counts against the rate limit and
 * stores; the others wait for it and answer its stored message. Without the
 * claim, every copy racing past the store check above would use up a unit of
 * quota, and at the limit a copy would be refused while another stores the
 * message. If the holder fails before storing (refused, crashed), the next
 * copy takes the claim and sends as a new message.
 */
async function claimSend(d: MessageDeps, conversationId: string, key: string): Promise<{ claim: SendClaim | null } | { stored: MessageRecord }> {
  // Past this a claim is being re-taken over and over (holders slower than the
  // claim's lifetime): send anyway; the store still keeps one message per key.
  const deadline = Date.now() + 2 * SEND_CLAIM_TTL_MS;
  for (;;) {
    const claim = await d.throttle.claim(conversationId, d.viewerId, key, SEND_CLAIM_TTL_MS);
    // Looked up again under the claim: the copy that held it may have just stored.
    const stored = await d.messages.findMessageByClientId(conversationId, d.viewerId, key);
    if (stored) {
      await claim?.release();
      return { stored };
    }
    if (claim || Date.now() > deadline) return { claim };
    await new Promise((r) => setTimeout(r, SEND_CLAIM_POLL_MS));
  }
}

export async function recallMessage(d: MessageDeps, messageId: string): Promise<MessageRecord> {
  const [message] = await d.messages.findMessagesByIds([messageId]);
  if (!message) throw notFound('No such message.');
  await conversationForMember(d, message.conversationId);
  if (message.senderId !== d.viewerId) throw forbidden('Only the sender can recall a message.');
  if (message.recalledAt) return message;
  const windowSeconds = d.limits.recallWindowSeconds;
  if ((d.now ?? Date.now)() - message.createdAt.getTime() > windowSeconds * 1000) {
    throw badInput(`Messages can be recalled for ${windowSeconds} s after sending.`);
  }
  const recalled = await d.messages.recallMessage(messageId);
  if (!recalled) throw notFound('No such message.');
  await publish(d, await d.lookup.members(message.conversationId), { kind: 'RECALL', conversationId: message.conversationId, message: recalled });
  return recalled;
}

/** Moves the viewer's read position forward; members hear of it when it moved. */
export async function markRead(d: MessageDeps, conversationId: string, seq: number): Promise<ConversationRecord> {
  if (!Number.isInteger(seq) || seq < 0) throw badInput('seq is a non-negative integer.');
  const conversation = await conversationForMember(d, conversationId);
  const before = (await d.conversations.readPositions(d.viewerId, [conversationId])).get(conversationId) ?? 0;
  const after = await d.conversations.markRead(conversationId, d.viewerId, seq);
  if (after !== before) {
    await publish(d, await d.lookup.members(conversationId), { kind: 'READ', conversationId, readerId: d.viewerId, readSeq: after });
  }
  return conversation;
}

async function publish(d: MessageDeps, members: string[], event: BusEvent) {
  // Stored already: a lost publish delays live delivery, it loses nothing.
  await d.bus.publish(members, event).catch((err: unknown) => d.log.warn({ err }, 'chat publish failed'));
}
