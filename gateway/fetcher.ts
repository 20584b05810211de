/**
 * The gateway's subgraph fetcher.
 *
 * @apollo/gateway's default fetcher (make-fetch-happen) spent about half of the
 * gateway's CPU in its HTTP agent (it builds an `Error().stack` on every call);
 * this one is a thin layer on undici's `request` with a keep-alive pool per
 * subgraph origin, header and body timeouts, and cancellation when the client
 * goes away. Network failures reach the data source without a response and
 * become UPSTREAM_UNAVAILABLE there.
 *
 * In-flight merging: identical subgraph queries that are in flight at the same
 * time share one request. The merge key is the URL, the exact body (query and
 * variables) and the viewer (user, roles, device), so no user ever receives a
 * response fetched for another. Mutations are never merged. A shared request is
 * cancelled only when every caller waiting on it has gone away.
 *
 * Per-call facts (the viewer, the client's abort signal, whether the request
 * may merge) come from the data source as a third argument.
 */
import type { FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

export interface CallScope {
  /** Identifies the viewer for merging; requests of different viewers never share a response. */
  viewerKey: string;
  /** Aborted when the client disconnects. */
  signal?: AbortSignal;
  /** False for mutations and uploads. */
  mergeable: boolean;
}

/** A fetch of one subgraph request, with the facts of the call that make it. */
export type SubgraphFetcher = (url: string, init: FetcherRequestInit, scope?: CallScope) => Promise<FetcherResponse>;

export interface FetcherOptions {
  /** Keep-alive connections per subgraph origin. @default 64 */
  connections?: number;
  /** Longest wait for a subgraph's response headers, and between body chunks. @default 30 s */
  timeoutMs?: number;
  /** Merge identical in-flight queries. @default true */
  merge?: boolean;
}

export interface FetcherStats {
  requests: number;
  merged: number;
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

/** The fetcher with its connection pool's controls. */
export type PooledSubgraphFetcher = SubgraphFetcher & {
  stats: FetcherStats;
  /** Closes the pool once the requests in flight are answered. */
  close(): Promise<void>;
  /** Drops every connection at once, failing the requests in flight (fault injection: a crash as subgraphs see it). */
  destroy(): Promise<void>;
};

export function createSubgraphFetcher(opts: FetcherOptions = {}): PooledSubgraphFetcher {
  const timeout = opts.timeoutMs ?? 30_000;
  // An idle connection is kept for 30 s at most, whatever the subgraph's keep-alive hint says:
  // undici would otherwise reuse it until 1 s before the subgraph closes it, and a request sent
  // on it as the subgraph closes it is reset (UPSTREAM_UNAVAILABLE). Subgraphs keep idle
  // connections for 65 s (lib/server/subgraph.ts), so the fetcher is always the side that closes them.
  const agent = new Agent({ connections: opts.connections ?? 64, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000, headersTimeout: timeout, bodyTimeout: timeout });
  const merge = opts.merge ?? true;
  const inFlight = new Map<string, { promise: Promise<LiteResponse>; waiters: number; controller: AbortController }>();
  const stats: FetcherStats = { requests: 0, merged: 0 };

  const send = async (url: string, init: FetcherRequestInit | undefined, signal: AbortSignal | undefined): Promise<LiteResponse> => {
    stats.requests++;
    const res = await request(url, {
      method: (init?.method ?? 'POST') as 'POST',
      headers: init?.headers ?? {},
      body: init?.body ?? null,
      dispatcher: agent,
      ...(signal ? { signal } : {}),
    });
    return new LiteResponse(url, res.statusCode, new LiteHeaders(res.headers), await res.body.text());
  };

  const fetcher = (async (url: string, init: FetcherRequestInit, scope?: CallScope): Promise<FetcherResponse> => {
    if (!merge || !scope?.mergeable || typeof init?.body !== 'string') return send(url, init, scope?.signal);

    const key = `${url}\u0000${scope.viewerKey}\u0000${init.body}`;
    let shared = inFlight.get(key);
    if (shared) {
      stats.merged++;
    } else {
      const controller = new AbortController();
      const promise = send(url, init, controller.signal).finally(() => inFlight.delete(key));
      shared = { promise, waiters: 0, controller };
      inFlight.set(key, shared);
    }
    const entry = shared;
    entry.waiters++;
    const leave = () => {
      if (--entry.waiters === 0) entry.controller.abort(new Error('every client waiting for this subgraph request went away'));
    };
    scope.signal?.addEventListener('abort', leave, { once: true });
    try {
      return (await entry.promise).clone();
    } finally {
      if (!scope.signal?.aborted) {
        scope.signal?.removeEventListener('abort', leave);
        entry.waiters--;
      }
    }
  }) as PooledSubgraphFetcher;
  fetcher.stats = stats;
  let ended: Promise<void> | undefined;
  fetcher.close = () => (ended ??= agent.close());
  fetcher.destroy = () => (ended ??= agent.destroy());
  return fetcher;
}
