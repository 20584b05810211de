/**
 * The socket half of the subscription bridge (gateway/subscriptions.ts): what
 * the bridge keeps per client socket (or per HTTP subscription stream), the
 * open sockets by session family (closed when the session is revoked), and
 * the reviver that refuses server-only messages from clients.
 */
import type WebSocket from 'ws';
import type { Transport } from './access.js';
import type { RequestAuth } from './auth.js';

/** WebSocket close code (RFC 6455 registry): the server is briefly unable to serve; reconnect later. */
export const TRY_AGAIN_LATER = 1013;

export type SocketExtra = {
  auth?: RequestAuth;
  /** The client's address (from the socket, or X-Forwarded-For of trusted proxies). */
  clientIp?: string;
  expiryTimer?: NodeJS.Timeout;
  /** The socket has closed (possibly before onConnect finished). */
  closed?: boolean;
  /** How the client reaches this operation: a graphql-ws socket, or one HTTP response (httpSubscriptions.ts). @default 'ws' */
  transport?: Transport;
  [key: string]: unknown;
};

/** What onSubscribe hands to execute and subscribe. */
export interface OperationValue {
  extra: SocketExtra;
  /** The payload's extensions, where a client may send its W3C trace context. */
  trace: unknown;
  /** The operation's id on the socket, and the socket: the bridge writes a subscription's results itself (nextFrames.ts). */
  id: string;
  socket: WebSocket;
}

/** Anything the bridge can end when its session ends: a client socket, or an HTTP subscription stream. */
export interface Closable {
  close(code: number, reason: string): void;
}

/** Open sockets (and HTTP subscription streams) by session family, closed when their session is revoked. */
export class SessionSockets {
  private readonly byFamily = new Map<string, Set<Closable>>();

  add(familyId: string | undefined, socket: Closable): void {
    if (!familyId) return;
    const sockets = this.byFamily.get(familyId) ?? new Set();
    sockets.add(socket);
    this.byFamily.set(familyId, sockets);
  }

  delete(familyId: string | undefined, socket: Closable): void {
    const sockets = familyId ? this.byFamily.get(familyId) : undefined;
    if (sockets?.delete(socket) && sockets.size === 0) this.byFamily.delete(familyId!);
  }

  /** Closes every socket of the session and forgets them. */
  close(familyId: string, code: number, reason: string): void {
    for (const socket of this.byFamily.get(familyId) ?? []) socket.close(code, reason);
    this.byFamily.delete(familyId);
  }

  families(): IterableIterator<string> {
    return this.byFamily.keys();
  }
}

/** Message types only a server sends. */
const SERVER_MESSAGE_TYPES = new Set(['connection_ack', 'next', 'error']);

/**
 * graphql-ws parses every incoming message with this reviver. A client that
 * sends a message only a server may send (`next`, `error`,
 * `connection_ack`) breaks the protocol, which the protocol answers with
 * 4400; graphql-ws parses such a message, then throws on it and closes with
 * 4500 "Internal server error" (logging it as a fault of ours). A throw here
 * makes it an unparsable message instead: 4400 "Invalid message received".
 * (Key '' is the root of the message; a nested key '' is no GraphQL name.)
 */
export function refuseServerMessages(key: string, value: unknown): unknown {
  if (key === '' && value !== null && typeof value === 'object' && SERVER_MESSAGE_TYPES.has((value as { type?: unknown }).type as string)) {
    throw new Error(`clients do not send "${String((value as { type?: unknown }).type)}" messages`);
  }
  return value;
}
