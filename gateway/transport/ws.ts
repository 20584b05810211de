/**
 * graphql-ws connections to subgraphs, for the subscription bridge
 * (gateway/subscriptions.ts): one shared socket per subgraph carries the
 * subscriptions of every client. Each subscription names its own viewer: its
 * `extensions.internalIdentity` is that viewer's internal identity, signed for
 * that one operation (`operationIdentity`), and the subgraph runs the
 * operation as that viewer and no other (lib/server/subgraph.ts). The socket's
 * own connection params carry an anonymous identity: an operation that named
 * no viewer would run as nobody.
 *
 * Why one socket rather than one per client: a chat message to a group of
 * 200 is 200 events; on one socket the subgraph writes them in a few syscalls
 * and the gateway reads them in a few, where 200 sockets cost 200 of each on
 * both sides.
 *
 * The same timeout policy as HTTP calls (transport/http.ts): a subgraph that
 * accepts the socket but does not acknowledge it within `timeoutMs` fails it
 * (graphql-ws closes it, 4504), and a socket that answers no ping within
 * UPSTREAM_PONG_TIMEOUT_MS is dropped. Cancellation: a subscription the client
 * stops is returned upstream, and the socket closes once idle.
 */
import { randomUUID } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
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

/** The viewer a shared socket's connection params name: nobody. Every operation on it names its own. */
const NOBODY: Viewer = { userId: null, roles: [] };

export class SubgraphSockets {
  /** Open sockets to subgraphs (`destroy`). */
  private readonly sockets = new Set<WebSocket>();
  /** The shared client of each subgraph, while its socket is open or opening. */
  private readonly shared = new Map<string, Client>();

  constructor(private readonly opts: WsOptions) {}

  /**
   * The shared graphql-ws client to a subgraph: it connects on its first
   * subscription and closes once no subscription has used it for a while;
   * the next call after its socket closed opens another.
   */
  subgraph(serviceName: string): Client {
    let client = this.shared.get(serviceName);
    if (!client) {
      const created = this.client(serviceName, NOBODY, () => {
        if (this.shared.get(serviceName) === created) this.shared.delete(serviceName);
      });
      client = created;
      this.shared.set(serviceName, client);
    }
    return client;
  }

  /** A viewer's identity for one operation on a shared socket (its `extensions.internalIdentity`). */
  operationIdentity(viewer: Viewer, requestId: string): Promise<string> {
    return signInternalIdentity(this.opts.identitySecret, viewer, requestId);
  }

  /** A lazy graphql-ws client to a subgraph whose connection params name `viewer`; `onClosed` runs when its socket closes. */
  private client(serviceName: string, viewer: Viewer, onClosed: () => void): Client {
    const httpUrl = this.opts.urls[serviceName];
    if (!httpUrl) throw new Error(`no URL for subgraph ${serviceName}`);
    const secret = this.opts.identitySecret;
    let pongTimer: NodeJS.Timeout | undefined;
    let socket: WebSocket | undefined;
    return createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: SharedPayloadSocket,
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

const NEXT_HEAD = '{"id":"';
const NEXT_MID = '","type":"next","payload":';

/**
 * Reads the frames of a subgraph's socket so that the frames of one event
 * share one parsed payload.
 *
 * The subgraph sends an event once per subscription on the shared socket: as
 * many frames as subscribers, the same payload text behind different ids, one
 * after the other. A `next` frame as graphql-ws serializes it
 * (`{"id":"…","type":"next","payload":…}`, in that order) whose payload text
 * is the previous frame's becomes a message with its own id and the previous
 * frame's parsed payload: parsed once per event instead of once per
 * subscriber, and one object for all its subscribers, which the bridge keys
 * the event's shared resolution by and never changes (a plan runs on a copy,
 * subscriptionPlans.ts). Any other frame, or one whose payload does not parse
 * on its own, is returned as it came, for graphql-ws to parse. graphql-ws
 * validates every message either way.
 */
export function sharedPayloadReader(): (data: unknown) => unknown {
  let lastText: string | undefined;
  let lastPayload: unknown;
  return (data) => {
    if (typeof data !== 'string' || !data.startsWith(NEXT_HEAD) || !data.endsWith('}')) return data;
    const mid = data.indexOf(NEXT_MID, NEXT_HEAD.length);
    if (mid < 0) return data;
    const id = data.slice(NEXT_HEAD.length, mid);
    // An id with an escape or a quote is not one graphql-ws makes: the frame is parsed whole.
    if (id.includes('\\') || id.includes('"')) return data;
    const text = data.slice(mid + NEXT_MID.length, -1);
    if (text !== lastText) {
      try {
        lastPayload = JSON.parse(text);
      } catch {
        // Nothing matches a cleared text: the next frame is parsed afresh.
        lastText = undefined;
        return data;
      }
      lastText = text;
    }
    return { id, type: 'next', payload: lastPayload };
  };
}

/** A socket to a subgraph whose messages are read by `sharedPayloadReader` (graphql-ws reads a socket through `onmessage` alone, and has no hook before its JSON.parse). */
class SharedPayloadSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    const read = sharedPayloadReader();
    const base = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;
    let listener: ((event: { data: unknown }) => void) | null = null;
    Object.defineProperty(this, 'onmessage', {
      get: () => listener,
      set: (next: ((event: { data: unknown }) => void) | null) => {
        listener = next;
        base.set!.call(this, next ? (event: { data: unknown }) => next({ data: read(event.data) }) : null);
      },
    });
  }
}

/** The next step of an upstream subscription: an event, its end, or its failure (what graphql-ws reports: errors or a close event). */
export type UpstreamStep<T> = { event: FormattedExecutionResult<T, unknown> } | { done: true } | { failed: unknown };

/**
 * One subscription on an upstream socket, read one event at a time. Events are
 * queued as they arrive and handed out in order; after the last one comes its
 * end or failure. `next()` answers `{ done: true }` as soon as `signal` aborts,
 * even while it waits. `dispose()` stops the subscription upstream.
 * (graphql-ws's own `iterate()` cannot be interrupted while it waits, and
 * costs an async generator step per event.)
 */
export class UpstreamSubscription<T> {
  private readonly pending: FormattedExecutionResult<T, unknown>[] = [];
  private end: { done: true } | { failed: unknown } | undefined;
  private wake: (() => void) | undefined;
  private readonly stop: () => void;
  /** `signal.aborted`, read once per event here rather than through the signal's checked getter. */
  private aborted: boolean;
  private readonly onAbort = () => {
    this.aborted = true;
    this.wake?.();
  };

  constructor(
    client: Client,
    payload: SubscribePayload,
    private readonly signal: AbortSignal,
    /**
     * Offered each event that arrives while the reader waits with nothing
     * queued (so nothing of this subscription is under way): true when it
     * handled the event itself, which then is not queued.
     */
    private readonly instant?: (event: FormattedExecutionResult<T, unknown>) => boolean,
  ) {
    this.stop = client.subscribe<T>(payload, {
      next: (value) => {
        if (this.wake && !this.pending.length && !this.aborted && this.instant?.(value)) return;
        this.pending.push(value);
        this.wake?.();
      },
      error: (err) => {
        this.end = { failed: err };
        this.wake?.();
      },
      complete: () => {
        this.end = { done: true };
        this.wake?.();
      },
    });
    this.aborted = signal.aborted;
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  async next(): Promise<UpstreamStep<T>> {
    while (!this.pending.length && !this.end && !this.aborted) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    if (this.aborted) return { done: true };
    const event = this.pending.shift();
    return event ? { event } : this.end!;
  }

  dispose(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.stop();
  }
}
