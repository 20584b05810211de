/**
 * The soak benchmark's chat subscribers: one graphql-ws socket per user on the
 * gateway, subscribed to `messageEvents` with the sender's display name, every
 * delivery checked (no gap, no repeat per subscriber) and its latency taken
 * from the send time carried in the text (`soak:<n>:<ms>`).
 */
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { now } from './client.js';
import type { Tally } from './tally.js';
import { describeWsError, eagerWsClient } from './ws.js';
import { MessageEventsWithSenderDocument } from '../../testing/__generated__/operations.js';

// Without variables it follows every conversation; with them it resumes one after a seq.
const EVENTS = print(MessageEventsWithSenderDocument);

interface EventData {
  messageEvents: { kind: string; message: { seq: number; text: string | null; sender: { displayName: string } } | null };
}

export interface User {
  id: string;
  token: string;
  group: number;
}

export interface Subscriber {
  user: User;
  client?: Client;
  /** Bumped on every (re)connection: callbacks of an older client are ignored. */
  gen: number;
  /** Highest seq seen in its group; -1 until the first delivery. */
  lastSeq: number;
  busy: boolean;
}

export interface Chat {
  groups: { id: string; members: User[]; lastSent: number }[];
  subscribers: Subscriber[];
  delivered: number;
  duplicates: number;
  gaps: number;
  latencies: number[];
  stopping: boolean;
}

function onEvent(chat: Chat, tally: Tally, sub: Subscriber, r: { data?: EventData | null; errors?: readonly { message: string; extensions?: { code?: string } }[] }): void {
  if (r.errors?.length) return tally.fail('delivery', r.errors[0]!.extensions?.code ?? 'EVENT_ERROR', r.errors[0]!.message);
  const m = r.data?.messageEvents;
  if (m?.kind !== 'MESSAGE' || !m.message) return;
  const seq = m.message.seq;
  if (sub.lastSeq >= 0) {
    if (seq <= sub.lastSeq) {
      chat.duplicates++;
      return tally.fail('delivery', 'DUPLICATE_OR_OUT_OF_ORDER', `seq ${seq} after ${sub.lastSeq}`);
    }
    if (seq > sub.lastSeq + 1) {
      chat.gaps += seq - sub.lastSeq - 1;
      tally.fail('delivery', 'GAP', `seq ${seq} after ${sub.lastSeq}`);
    }
    chat.delivered++;
  }
  sub.lastSeq = seq;
  const sentAt = /^soak:\d+:([\d.]+)$/.exec(m.message.text ?? '')?.[1];
  if (sentAt) chat.latencies.push(now() - Number(sentAt));
}

/**
 * Opens a socket for the subscriber and subscribes: to every conversation on
 * the first connection, to its group from `lastSeq` on later ones (replay,
 * then live, so nothing falls between the two sockets). Resolves once the
 * socket is acknowledged (or failed).
 */
export function connect(wsUrl: string, chat: Chat, tally: Tally, sub: Subscriber, resume: boolean, onEnded: (sub: Subscriber) => void): Promise<void> {
  const gen = ++sub.gen;
  const mine = () => gen === sub.gen && !chat.stopping;
  return new Promise<void>((resolve) => {
    const onConnectError = (e: unknown) => {
      if (mine()) tally.fail('subscribe', 'CONNECT', describeWsError(e));
      resolve();
    };
    const client = eagerWsClient(wsUrl, onConnectError, { authorization: `Bearer ${sub.user.token}` });
    sub.client = client;
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
    const payload = resume ? { query: EVENTS, variables: { conversationId: chat.groups[sub.user.group]!.id, afterSeq: sub.lastSeq } } : { query: EVENTS };
    client.subscribe<EventData>(payload, {
      next: (r) => {
        if (gen === sub.gen) onEvent(chat, tally, sub, r as Parameters<typeof onEvent>[3]);
      },
      error: (e) => {
        if (!mine()) return;
        tally.fail('subscribe', 'SUBSCRIPTION_ENDED', describeWsError(e));
        onEnded(sub);
      },
      complete: () => {
        if (!mine()) return;
        tally.fail('subscribe', 'SUBSCRIPTION_ENDED', 'completed by the server');
        onEnded(sub);
      },
    });
  });
}
