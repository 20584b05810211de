/**
 * HTTP calls to subgraphs: one undici agent, one timeout and cancellation
 * policy, and the in-flight merge of identical calls.
 *
 * @apollo/gateway's default fetcher (make-fetch-happen) spent about half of the
 * gateway's CPU in its HTTP agent (it builds an `Error().stack` on every call);
 * this is a thin layer on undici's `request` with a keep-alive pool per
 * subgraph origin.
 *
 * The policy, the same for a JSON query and for a multipart upload streamed
 * from the client:
 * - a subgraph that stalls is given up after `timeoutMs` without progress:
 *   while it does not take the request body (undici's headers timer runs while
 *   a write waits for the socket to drain, and is restarted by each write that
 *   goes through), while it sends no response headers once the body is sent,
 *   and between chunks of its response body. The call then fails with
 *   `SubgraphTimeoutError`. Time spent waiting for the client's own upload
 *   bytes is not the subgraph's and does not count (the client's request has
 *   its own timeouts at the gateway's HTTP server);
 * - a call whose client goes away (`signal`) is cancelled: its connection is
 *   closed and the subgraph sees the request end.
 * Failures reach the caller without a response (the data source answers them
 * as UPSTREAM_UNAVAILABLE).
 *
 * In-flight merging: identical calls in flight at the same time share one
 * request. The key (`mergeKey`) is the URL, the exact body (query and
 * variables) and the audience: one viewer (user, roles, device, session), or
 * every viewer for a fetch whose answer is the same for all of them
 * (gateway/viewerIndependent.ts). No user ever receives a response fetched for
 * another. Calls without a key (mutations, uploads) are never merged. A shared
 * request is cancelled only when every caller waiting on it has gone away.
 */
import type { Readable } from 'node:stream';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, errors as undiciErrors, request } from 'undici';
import { viewerKey, type Viewer } from '../../lib/auth/identity.js';

/** The audience of a fetch whose answer is the same for every viewer (gateway/viewerIndependent.ts). */
export const ANY_VIEWER = Symbol('any viewer');

/**
 * The merge key of a call: calls with equal keys that are in flight together
 * share one request. `audience` is the viewer the answer is for, or
 * ANY_VIEWER where the caller knows it is the same for everyone.
 */
export function mergeKey(url: string, audience: Viewer | undefined | typeof ANY_VIEWER, body: string): string {
  return `${url}\u0000${audience === ANY_VIEWER ? '\u0000any viewer' : viewerKey(audience)}\u0000${body}`;
}

export interface SubgraphCall {
  url: string;
  headers: Record<string, string>;
  /** A JSON body, or a streamed one (a multipart upload, transport/multipart.ts). */
  body: string | AsyncIterable<Uint8Array>;
  /** Aborted when the client disconnects: the call is cancelled. */
  signal?: AbortSignal;
  /** Merge with identical calls in flight (`mergeKey`); absent: never merged. Only for string bodies. */
  mergeKey?: string;
}

export interface HttpOptions {
  /** Keep-alive connections per subgraph origin. @default 64 */
  connections?: number;
  /** Longest a subgraph may make no progress on a call (SUBGRAPH_TIMEOUT_MS). @default 30 s */
  timeoutMs?: number;
  /** Merge identical in-flight calls (GATEWAY_MERGE_INFLIGHT). @default true */
  merge?: boolean;
}

export interface HttpStats {
  /** Requests sent to subgraphs (uploads included). */
  requests: number;
  /** Calls answered by a request already in flight. */
  merged: number;
}

/** The subgraph made no progress on a call for `timeoutMs`. */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'SubgraphTimeoutError';
  constructor(
    readonly timeoutMs: number,
    options: { cause: unknown },
  ) {
    super(`no progress from the subgraph for ${timeoutMs} ms`, options);
  }
}

class LiteHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) this.map.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v);
  }
  append(name: string, value: string) {
    const k = name.toLowerCase();
    this.map.set(k, this.map.has(k) ? `${this.map.get(k)}, ${value}` : value);
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  get(name: string) {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string) {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

/** Just what the gateway reads from a response; the body is read once, up front. */
class LiteResponse implements FetcherResponse {
  readonly ok: boolean;
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly statusText = '';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: LiteHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async text() {
    return this.body;
  }
  async json() {
    return JSON.parse(this.body) as unknown;
  }
  async arrayBuffer() {
    const b = Buffer.from(this.body);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  clone() {
    return new LiteResponse(this.url, this.status, this.headers, this.body);
  }
}

function isStall(err: unknown): boolean {
  return err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError;
}

export class SubgraphHttp {
  readonly stats: HttpStats = { requests: 0, merged: 0 };
  readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly merge: boolean;
  private readonly inFlight = new Map<string, { promise: Promise<LiteResponse>; waiters: number; controller: AbortController }>();
  private ended?: Promise<void>;

  constructor(opts: HttpOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.merge = opts.merge ?? true;
    // An idle connection is kept for 30 s at most, whatever the subgraph's keep-alive hint says:
    // undici would otherwise reuse it until 1 s before the subgraph closes it, and a request sent
    // on it as the subgraph closes it is reset (UPSTREAM_UNAVAILABLE). Subgraphs keep idle
    // connections for 65 s (lib/server/subgraph.ts), so the gateway is always the side that closes them.
    this.agent = new Agent({
      connections: opts.connections ?? 64,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** One call; merged with an identical one in flight when it has a merge key. */
  async call(c: SubgraphCall): Promise<FetcherResponse> {
    if (!this.merge || c.mergeKey === undefined || typeof c.body !== 'string') return this.send(c.url, c.headers, c.body, c.signal);

    const key = c.mergeKey;
    let shared = this.inFlight.get(key);
    if (shared) {
      this.stats.merged++;
    } else {
      const controller = new AbortController();
      const promise = this.send(c.url, c.headers, c.body, controller.signal).finally(() => this.inFlight.delete(key));
      shared = { promise, waiters: 0, controller };
      this.inFlight.set(key, shared);
    }
    const entry = shared;
    entry.waiters++;
    const leave = () => {
      if (--entry.waiters === 0) entry.controller.abort(new Error('every client waiting for this subgraph request went away'));
    };
    c.signal?.addEventListener('abort', leave, { once: true });
    try {
      return (await entry.promise).clone();
    } finally {
      if (!c.signal?.aborted) {
        c.signal?.removeEventListener('abort', leave);
        entry.waiters--;
      }
    }
  }

  /** Closes the pool once the requests in flight are answered. */
  close(): Promise<void> {
    return (this.ended ??= this.agent.close());
  }

  /** Drops every connection at once, failing the requests in flight (fault injection: a crash as subgraphs see it). */
  destroy(): Promise<void> {
    return (this.ended ??= this.agent.destroy());
  }

  private async send(url: string, headers: Record<string, string>, body: string | AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<LiteResponse> {
    this.stats.requests++;
    try {
      // undici sends an async iterable body as it is read (its types list Readable only; the dispatcher takes any async iterable).
      const payload = body as string | Readable;
      const res = await request(url, { method: 'POST', headers, body: payload, dispatcher: this.agent, ...(signal ? { signal } : {}) });
      return new LiteResponse(url, res.statusCode, new LiteHeaders(res.headers), await res.body.text());
    } catch (err) {
      if (isStall(err)) throw new SubgraphTimeoutError(this.timeoutMs, { cause: err });
      throw err;
    }
  }
}
