/**
 * Live streams that survive reconnections. A subscription asks for what comes
 * after the last position the page has (`messageEvents(conversationId,
 * afterSeq)`, `notificationAdded(afterId)`), so the gateway first replays what
 * was missed and then continues live — no gap, no duplicate.
 *
 * graphql-ws re-sends a subscription's payload by itself after a dropped socket;
 * the position is a getter, so each (re)send carries the current value. When the
 * subscription ends instead (an UPSTREAM_UNAVAILABLE event after a subgraph
 * restart, an expired session closing the socket), it is started again after a
 * back-off, from the same position.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { stringifyDocument } from 'urql';
import { graphql } from './__generated__';
import type { MessageEventsSubscription } from './__generated__/graphql';
import { retryDelay, ws } from './client';

export type LiveState = 'live' | 'reconnecting';

export interface ResumableOptions<Data, Variables extends Record<string, unknown>, Item> {
  document: TypedDocumentNode<Data, Variables>;
  /** Read at each (re)send: the position is a getter over the caller's last one. */
  variables: Variables;
  /** The item a result carries; a result without one that has errors ends the subscription. */
  pick(data: Data): Item | null | undefined;
  onItem(item: Item): void;
  /** Whether the stream is live or waiting to reconnect. */
  onState?(state: LiveState): void;
}

/** Follows a subscription, starting it again after a back-off whenever it ends; returns the function that stops it. */
export function resumable<Data, Variables extends Record<string, unknown>, Item>({ document, variables, pick, onItem, onState }: ResumableOptions<Data, Variables, Item>): () => void {
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  const query = stringifyDocument(document);

  const start = () => {
    if (stopped) return;
    unsubscribe = ws.subscribe<Data>(
      { query, variables },
      {
        next: (result) => {
          const item = result.data ? pick(result.data) : undefined;
          if (!item) {
            if (result.errors?.length) restart();
            return;
          }
          attempt = 0;
          onState?.('live');
          onItem(item);
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
  const offConnected = onState ? ws.on('connected', () => onState('live')) : undefined;
  const offClosed = onState ? ws.on('closed', () => onState('reconnecting')) : undefined;
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    offConnected?.();
    offClosed?.();
    unsubscribe?.();
  };
}

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
  onState?(state: LiveState): void;
}

export function liveMessages({ conversationId, afterSeq, onEvent, onState }: LiveOptions): () => void {
  let last = afterSeq;
  return resumable({
    document: MessageEventsDocument,
    variables: {
      conversationId,
      get afterSeq() {
        return last;
      },
    },
    pick: (data) => data.messageEvents,
    onItem: (event) => {
      const seq = event.message?.seq;
      if (event.kind === 'MESSAGE' && seq != null) {
        if (seq <= last) return;
        last = seq;
      }
      onEvent(event);
    },
    onState,
  });
}
