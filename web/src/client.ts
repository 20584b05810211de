/**
 * The GraphQL client: urql (small, document cache, exchanges for auth and
 * subscriptions) over the gateway's `/graphql` on the page's own origin, and
 * graphql-ws on the same path for subscriptions. Cookies go with every request;
 * `apollo-require-preflight` satisfies the gateway's CSRF prevention for any
 * request shape, multipart included.
 */
import { authExchange } from '@urql/exchange-auth';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Operation } from 'urql';
import { refreshSession } from './session';

/** Operations whose UNAUTHENTICATED answer means wrong credentials, not an expired session. */
const NO_REFRESH = new Set(['Login', 'Register', 'Refresh', 'Logout']);

function operationName(op: Operation): string | undefined {
  for (const def of op.query.definitions) if (def.kind === 'OperationDefinition') return def.name?.value;
  return undefined;
}

function wsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Wait before the next reconnection: 0.5 s, 1 s, 2 s … at most 5 s, with jitter. */
export function retryDelay(attempt: number): number {
  return Math.min(5_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
}

/** Resolves when the browser has a network (at once when it has). */
function online(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

/** Set when the gateway closed the socket because the access cookie expired (4401). */
let refreshBeforeConnect = false;

export const ws: WsClient = createWsClient({
  url: wsUrl,
  lazy: true,
  // Reconnect for as long as the page is open; 4401 is handled by refreshing (below).
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  retryWait: async (attempt) => {
    await online();
    await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
  },
  keepAlive: 15_000,
  connectionParams: async () => {
    if (refreshBeforeConnect) {
      refreshBeforeConnect = false;
      await refreshSession();
    }
    return {};
  },
  on: {
    closed: (event) => {
      if ((event as CloseEvent).code === 4401) refreshBeforeConnect = true;
    },
  },
});

// Offline: a socket may linger without noticing the network is gone (until its
// keep-alive fails), missing messages meanwhile. Drop it now and wait for the
// network; live streams resume from their last position (see live.ts).
window.addEventListener('offline', () => ws.terminate());

export const client = new Client({
  url: '/graphql',
  fetchOptions: () => ({ credentials: 'same-origin', headers: { 'apollo-require-preflight': 'true' } }),
  requestPolicy: 'cache-and-network',
  exchanges: [
    cacheExchange,
    authExchange(async () => ({
      addAuthToOperation: (operation) => operation,
      didAuthError: (error, operation) =>
        !NO_REFRESH.has(operationName(operation) ?? '') && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
      refreshAuth: async () => {
        await refreshSession();
      },
    })),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  ],
});
