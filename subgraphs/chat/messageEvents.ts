/**
 * Subscription.messageEvents: live events for the viewer's conversations, in
 * order, without gaps, resumable.
 *
 * The invariant: for each conversation the subscriber knows `next`, the
 * sequence number it must deliver next. Every message it yields has exactly
 * that number, so a client sees each message once and in order:
 *
 * 1. Listen on the bus first (events are buffered), and only then read the
 *    store: whatever is stored after the read arrives through the bus, so
 *    nothing falls between the two (the seam).
 * 2. With `afterSeq`, replay the stored messages after it from the store;
 *    otherwise start after each conversation's current last message.
 * 3. A live message below `next` was already delivered (by the replay or a gap
 *    fill): dropped. One above `next` means others are still in flight (two
 *    senders on two instances can publish out of order): the missing ones are
 *    read from the store, where they already are, since a sequence number is
 *    only handed out after the previous message was stored.
 *
 * Recalls and read receipts carry no sequence of their own. With `afterSeq`,
 * after the replayed messages, the subscriber sends the state the cursor
 * cannot order: a RECALL for each message at or below the cursor that is
 * recalled (only messages sent within the recall window before the cursor's
 * message can have been recalled since the client saw them), then a READ with
 * every member's current read position (above 0). Live recalls of messages already sent
 * as recalled, and live read positions not beyond the one already sent for
 * that member, are dropped; read positions only move forward, so nothing is
 * lost. While the subscription is open the viewer counts as online.
 */
import { EventEmitter, on } from 'node:events';
import { badInput } from '../../lib/errors.js';
import { cancellable } from '../../lib/iterators.js';
import { idCursor } from '../../lib/data/pagination.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { BusEvent, ChatBus } from './bus.js';
import { conversationForMember, type Membership } from './conversations.js';
import type { Presence } from './presence.js';
import type { ConversationStore } from './store/conversations.js';
import type { MessageRecord, MessageStore } from './store/messages.js';
import type { NotificationRecord, NotificationStore } from './store/notifications.js';

const REPLAY_PAGE = 200;
/** Reads of a gap that is not visible yet (another instance still writing) are retried this often. */
const GAP_RETRIES = 5;
const GAP_RETRY_MS = 20;

export type MessageEventModel =
  | { kind: 'MESSAGE' | 'RECALL'; conversationId: string; message: MessageRecord }
  | { kind: 'READ'; conversationId: string; readerId: string; readSeq: number };

/** What Subscription.messageEvents reads and listens to. */
export interface MessageEventDeps extends Membership {
  viewerId: string;
  conversations: Pick<ConversationStore, 'memberReadPositions' | 'lastSeqsOf'>;
  messages: Pick<MessageStore, 'listMessages'>;
  bus: Pick<ChatBus, 'listen'>;
  presence: Pick<Presence, 'enter'>;
  recallWindowSeconds: number;
  log: Pick<Logger, 'warn'>;
}

/** What Subscription.notificationAdded reads and listens to. */
export interface NotificationEventDeps {
  viewerId: string;
  notifications: Pick<NotificationStore, 'listNotificationsAfter'>;
  bus: Pick<ChatBus, 'listen'>;
}

function messageEvent(message: MessageRecord): MessageEventModel {
  return { kind: 'MESSAGE', conversationId: message.conversationId, message };
}

/** Validates and authorizes before the stream starts, so errors reach the client as errors. */
export async function messageEvents(d: MessageEventDeps, args: { conversationId?: string | null; afterSeq?: number | null }): Promise<AsyncGenerator<{ messageEvents: MessageEventModel }>> {
  const viewer = d.viewerId;
  if (args.afterSeq != null && !args.conversationId) throw badInput('afterSeq needs conversationId: sequence numbers are per conversation.');
  if (args.afterSeq != null && (!Number.isInteger(args.afterSeq) || args.afterSeq < 0)) throw badInput('afterSeq is a non-negative integer.');
  const only = args.conversationId ?? null;
  const conversation = only ? await conversationForMember(d, only) : null;

  return cancellable(async function* (signal) {
    const emitter = new EventEmitter();
    const live = on(emitter, 'event', { signal }) as AsyncIterableIterator<[BusEvent]>;
    const stopListening = await d.bus.listen(viewer, (e) => {
      if (e.kind !== 'NOTIFICATION' && (!only || e.conversationId === only)) emitter.emit('event', e);
    });
    const leave = await d.presence.enter(viewer);
    try {
      const next = new Map<string, number>();
      /** Messages already sent as recalled, and read positions already sent (resumed subscriptions only). */
      const recalled = new Set<string>();
      const readSent = new Map<string, number>();
      if (conversation && args.afterSeq != null) {
        let after = args.afterSeq;
        for (;;) {
          const page = await d.messages.listMessages({ conversationId: conversation.id, afterSeq: after, limit: REPLAY_PAGE });
          for (const m of page) {
            if (m.recalledAt) recalled.add(m.id);
            yield { messageEvents: messageEvent(m) };
          }
          if (page.length) after = page.at(-1)!.seq;
          if (page.length < REPLAY_PAGE) break;
        }
        next.set(conversation.id, after + 1);
        for (const m of await recentRecalls(d, conversation.id, args.afterSeq)) {
          recalled.add(m.id);
          yield { messageEvents: { kind: 'RECALL', conversationId: conversation.id, message: m } };
        }
        for (const [readerId, readSeq] of await d.conversations.memberReadPositions(conversation.id)) {
          readSent.set(readerId, readSeq);
          // Nothing read is where every client starts: not worth an event.
          if (readSeq > 0) yield { messageEvents: { kind: 'READ', conversationId: conversation.id, readerId, readSeq } };
        }
      } else if (conversation) {
        next.set(conversation.id, conversation.lastSeq + 1);
      } else {
        for (const [id, last] of await d.conversations.lastSeqsOf(viewer)) next.set(id, last + 1);
      }

      for await (const [event] of live) {
        if (event.kind === 'NOTIFICATION') continue;
        if (event.kind === 'RECALL') {
          if (recalled.has(event.message.id)) continue;
          yield { messageEvents: event };
          continue;
        }
        if (event.kind === 'READ') {
          if (event.readSeq <= (readSent.get(event.readerId) ?? -1)) continue;
          if (conversation && args.afterSeq != null) readSent.set(event.readerId, event.readSeq);
          yield { messageEvents: event };
          continue;
        }
        const { conversationId, seq } = { conversationId: event.conversationId, seq: event.message.seq };
        // A conversation joined after the subscription started begins where its first event does.
        const expected = next.get(conversationId) ?? seq;
        if (seq < expected) continue;
        if (seq > expected) {
          for (const m of await readGap(d, conversationId, expected, seq)) yield { messageEvents: messageEvent(m) };
        }
        next.set(conversationId, seq + 1);
        yield { messageEvents: event };
      }
    } finally {
      stopListening();
      await leave();
    }
  });
}

/**
 * The recalled messages with seq <= `atSeq` that a client holding everything
 * up to `atSeq` may not know are recalled: a message can only be recalled
 * within the recall window after it was sent, so only those sent within that
 * window before message `atSeq` (the client had that one, so it was sent
 * before the client went away) are looked at.
 */
async function recentRecalls(d: MessageEventDeps, conversationId: string, atSeq: number): Promise<MessageRecord[]> {
  const found: MessageRecord[] = [];
  const windowMs = d.recallWindowSeconds * 1000;
  let oldest: number | null = null;
  let before = atSeq + 1;
  while (before > 1) {
    const page = await d.messages.listMessages({ conversationId, beforeSeq: before, limit: REPLAY_PAGE });
    if (!page.length) break;
    // The newest message of the first page is the cursor's (or the last one before it, when it is gone).
    oldest ??= page.at(-1)!.createdAt.getTime() - windowMs;
    const inWindow = page.filter((m) => m.createdAt.getTime() >= oldest!);
    found.unshift(...inWindow.filter((m) => m.recalledAt));
    if (inWindow.length < page.length || page.length < REPLAY_PAGE) break;
    before = page[0]!.seq;
  }
  return found;
}

/** Messages with sequence numbers in [from, to), from the store. */
async function readGap(d: MessageEventDeps, conversationId: string, from: number, to: number): Promise<MessageRecord[]> {
  let found: MessageRecord[] = [];
  for (let attempt = 0; attempt < GAP_RETRIES; attempt++) {
    found = await d.messages.listMessages({ conversationId, afterSeq: from - 1, beforeSeq: to, limit: to - from });
    if (found.length === to - from) break;
    await new Promise((r) => setTimeout(r, GAP_RETRY_MS));
  }
  if (found.length !== to - from) d.log.warn({ conversationId, from, to, found: found.length }, 'gap not fully readable; delivering what is stored');
  return found;
}

/**
 * Subscription.notificationAdded: the viewer's new notifications as they are
 * created; with `afterId`, first those stored after that notification.
 * Notification ids grow with creation time (uuid v7), so the id is the
 * cursor. As for messages, the bus is listened to before the store is read;
 * live notifications replayed already, or at or before the cursor, are dropped.
 */
export async function notificationAdded(d: NotificationEventDeps, args: { afterId?: string | null }): Promise<AsyncGenerator<{ notificationAdded: NotificationRecord }>> {
  const viewer = d.viewerId;
  const afterId = args.afterId != null ? idCursor(args.afterId, 'afterId') : null;
  return cancellable(async function* (signal) {
    const emitter = new EventEmitter();
    const live = on(emitter, 'event', { signal }) as AsyncIterableIterator<[BusEvent]>;
    const stopListening = await d.bus.listen(viewer, (e) => {
      if (e.kind === 'NOTIFICATION') emitter.emit('event', e);
    });
    try {
      // Replayed ids, each forgotten when its live copy arrives (it is published once).
      const replayed = new Set<string>();
      if (afterId) {
        let after = afterId;
        for (;;) {
          const page = await d.notifications.listNotificationsAfter(viewer, { afterId: after, limit: REPLAY_PAGE });
          for (const n of page) {
            replayed.add(n.id);
            yield { notificationAdded: n };
          }
          if (page.length) after = page.at(-1)!.id;
          if (page.length < REPLAY_PAGE) break;
        }
      }
      for await (const [event] of live) {
        if (event.kind !== 'NOTIFICATION') continue;
        const { id } = event.notification;
        if (replayed.delete(id) || (afterId && id <= afterId)) continue;
        yield { notificationAdded: event.notification };
      }
    } finally {
      stopListening();
    }
  });
}
