/**
 * A conversation's live messages that survive reconnections: the subscription
 * asks for `messageEvents(conversationId, afterSeq)` with the last sequence
 * number the page has, so the gateway first replays what was missed and then
 * continues live — no gap, no duplicate.
 *
 * graphql-ws re-sends a subscription's payload by itself after a dropped socket;
 * `afterSeq` is a getter, so each (re)send carries the current value. When the
 * subscription ends instead (an UPSTREAM_UNAVAILABLE event after a subgraph
 * restart, an expired session closing the socket), it is started again after a
 * back-off, from the same position.
 */
import { stringifyDocument } from 'urql';
import { graphql } from './__generated__';
import type { MessageEventsSubscription } from './__generated__/graphql';
import { retryDelay, ws } from './client';

export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    seq
    text
    recalled
    clientMessageId
    createdAt
    sender {
      id
      displayName
    }
  }
`);

export const MessageEventsDocument = graphql(`
  subscription MessageEvents($conversationId: ID, $afterSeq: Int) {
    messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
      kind
      conversationId
      readSeq
      reader {
        id
      }
      message {
        ...MessageFields
      }
    }
  }
`);

export type MessageEvent = MessageEventsSubscription['messageEvents'];

export interface LiveOptions {
  conversationId: string;
  /** The last sequence number already shown; events after it are delivered. */
  afterSeq: number;
  onEvent(event: MessageEvent): void;
  /** Whether the stream is live ('live') or waiting to reconnect ('reconnecting'). */
  onState?(state: 'live' | 'reconnecting'): void;
}

export function liveMessages({ conversationId, afterSeq, onEvent, onState }: LiveOptions): () => void {
  let last = afterSeq;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  const query = stringifyDocument(MessageEventsDocument);

  const start = () => {
    if (stopped) return;
    const variables = {
      conversationId,
      get afterSeq() {
        return last;
      },
    };
    unsubscribe = ws.subscribe<MessageEventsSubscription>(
      { query, variables },
      {
        next: (result) => {
          const event = result.data?.messageEvents;
          if (!event) {
            if (result.errors?.length) restart();
            return;
          }
          attempt = 0;
          onState?.('live');
          const seq = event.message?.seq;
          if (event.kind === 'MESSAGE' && seq != null) {
            if (seq <= last) return;
            last = seq;
          }
          onEvent(event);
        },
        error: () => restart(),
        complete: () => restart(),
      },
    );
  };
  const restart = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (stopped) return;
    onState?.('reconnecting');
    clearTimeout(timer);
    timer = setTimeout(start, retryDelay(attempt++));
  };
  const offConnected = ws.on('connected', () => onState?.('live'));
  const offClosed = ws.on('closed', () => onState?.('reconnecting'));
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    offConnected();
    offClosed();
    unsubscribe?.();
  };
}
