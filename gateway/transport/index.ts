/**
 * The gateway's transport to subgraphs: every call a subgraph receives from
 * the gateway goes through here.
 *
 * - http.ts: query plan fetches, JSON or multipart, over one undici agent,
 *   with one timeout and cancellation policy and the in-flight merge (its
 *   key, `mergeKey`, is made there and nowhere else);
 * - multipart.ts: a fetch whose variables hold the client's files, as a
 *   GraphQL multipart request streamed from the client's upload;
 * - ws.ts: graphql-ws sockets for subscriptions, per client and subgraph.
 *
 * What a call carries at the GraphQL level (identity, request id, session
 * headers, error mapping, metrics) is the data source's (gateway/dataSource.ts).
 */
import { SubgraphHttp } from './http.js';
import { SubgraphSockets } from './ws.js';

export { ANY_VIEWER, mergeKey, SubgraphHttp, SubgraphTimeoutError, type HttpStats, type SubgraphCall } from './http.js';
export { ClientUploadError, multipartFetch, type MultipartFetch, type Operation } from './multipart.js';
export { SubgraphSockets, UpstreamSubscription, type UpstreamStep } from './ws.js';

export interface TransportOptions {
  /** HTTP URL of each subgraph. */
  urls: Record<string, string>;
  /** Signs the internal identity of upstream sockets. */
  identitySecret: string;
  /** SUBGRAPH_TIMEOUT_MS. @default 30 s */
  timeoutMs?: number;
  /** GATEWAY_MERGE_INFLIGHT. @default true */
  merge?: boolean;
  /** Keep-alive connections per subgraph origin. @default 64 */
  connections?: number;
}

export interface SubgraphTransport {
  http: SubgraphHttp;
  ws: SubgraphSockets;
  /** Closes the HTTP pool once the requests in flight are answered. */
  close(): Promise<void>;
  /** Drops every connection to every subgraph at once, HTTP and graphql-ws (fault injection: a crash as subgraphs see it). */
  destroy(): Promise<void>;
}

export function createSubgraphTransport(opts: TransportOptions): SubgraphTransport {
  const http = new SubgraphHttp({
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.merge !== undefined ? { merge: opts.merge } : {}),
    ...(opts.connections !== undefined ? { connections: opts.connections } : {}),
  });
  const ws = new SubgraphSockets({ urls: opts.urls, identitySecret: opts.identitySecret, timeoutMs: http.timeoutMs });
  return {
    http,
    ws,
    close: () => http.close(),
    destroy: () => {
      ws.destroy();
      return http.destroy();
    },
  };
}
