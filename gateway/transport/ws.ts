/**
 * graphql-ws connections to subgraphs, for the subscription bridge
 * (gateway/subscriptions.ts): one socket per client and subgraph, whose
 * connection params carry that viewer's internal identity (never another's),
 * signed when it connects.
 *
 * The same timeout policy as HTTP calls (transport/http.ts): a subgraph that
 * accepts the socket but does not acknowledge it within `timeoutMs` fails it
 * (graphql-ws closes it, 4504), and a socket that answers no ping within
 * UPSTREAM_PONG_TIMEOUT_MS is dropped. Cancellation: a subscription the client
 * stops is returned upstream, and the socket closes once idle.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signInternalIdentity, type Viewer } from '../../lib/auth/identity.js';

/** How long an upstream socket stays open with no subscription on it. @default 3 s */
const UPSTREAM_LAZY_CLOSE_MS = 3_000;
/** Upstream keep-alive: ping every interval, drop the socket if no pong within the timeout. */
const UPSTREAM_PING_MS = 12_000;
const UPSTREAM_PONG_TIMEOUT_MS = 6_000;

export interface WsOptions {
  /** HTTP URL of each subgraph; its graphql-ws endpoint is the same path. */
  urls: Record<string, string>;
  /** Signs the internal identity sent in connection params. */
  identitySecret: string;
  /** Longest wait for a subgraph to acknowledge a socket (SUBGRAPH_TIMEOUT_MS). @default 30 s */
  timeoutMs?: number;
}

export class SubgraphSockets {
  /** Open sockets to subgraphs, of every client (`destroy`). */
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly opts: WsOptions) {}

  /**
   * A lazy graphql-ws client to a subgraph for one viewer: it connects on its
   * first subscription; `onClosed` runs when its socket closes, so the caller
   * forgets it and opens another next time.
   */
  client(serviceName: string, viewer: Viewer, onClosed: () => void): Client {
    const httpUrl = this.opts.urls[serviceName];
    if (!httpUrl) throw new Error(`no URL for subgraph ${serviceName}`);
    const secret = this.opts.identitySecret;
    let pongTimer: NodeJS.Timeout | undefined;
    let socket: WebSocket | undefined;
    return createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: UPSTREAM_LAZY_CLOSE_MS,
      retryAttempts: 0,
      keepAlive: UPSTREAM_PING_MS,
      connectionAckWaitTimeout: this.opts.timeoutMs ?? 30_000,
      // Signed at connect time: the identity lives as long as the upstream socket.
      connectionParams: async () => ({ internalIdentity: await signInternalIdentity(secret, viewer, randomUUID()) }),
      on: {
        opened: (s) => {
          socket = s as WebSocket;
          this.sockets.add(socket);
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => socket?.terminate(), UPSTREAM_PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: () => {
          clearTimeout(pongTimer);
          if (socket) this.sockets.delete(socket);
          onClosed();
        },
      },
    });
  }

  /** Drops every socket to a subgraph at once, with no close handshake: a crash as subgraphs see it (fault injection). */
  destroy(): void {
    for (const socket of this.sockets) socket.terminate();
  }
}
