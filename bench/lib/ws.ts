/** graphql-ws clients as the benchmarks open them: connected at once, never retried. */
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** A client that connects now (not on first subscribe) and reports a failed connection to `onError` instead of retrying. */
export function eagerWsClient(url: string, onError: (e: unknown) => void, connectionParams: ClientOptions['connectionParams']): Client {
  return createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: onError, connectionParams });
}

/** A readable line for whatever graphql-ws hands an error callback: an Error, a CloseEvent, or GraphQL errors. */
export function describeWsError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (Array.isArray(e)) return (e[0] as { message?: string } | undefined)?.message ?? 'GraphQL errors';
  const close = e as { code?: number; reason?: string } | undefined;
  if (close && typeof close.code === 'number') return `socket closed ${close.code}${close.reason ? ` (${close.reason})` : ''}`;
  return String(e);
}
