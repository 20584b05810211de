/**
 * The HTTP and WebSocket server of every service: the gateway
 * (gateway/server.ts) and each subgraph (lib/server/subgraph.ts) describe
 * their GraphQL endpoint; this serves it.
 *
 * - **Two paths**: a JSON POST to /graphql is answered straight from node's
 *   HTTP server (lib/server/graphqlHttp.ts); everything else — GETs, uploads,
 *   CORS, compressed bodies, /health, /ready — goes through express. Both run
 *   the same Apollo server with the same context. A service may send more to
 *   express (the gateway: browsers, streamed subscriptions); with TRUST_PROXY
 *   set (`trustProxy`) everything goes through express, which reads the
 *   forwarded client address.
 * - **One JSON body limit** (HTTP_JSON_BODY_LIMIT_BYTES, `jsonBodyLimit`), on
 *   both paths; slow senders are cut off (header, body and request timeouts).
 * - **Request ids**: the client's `x-request-id` when well-formed, else a new
 *   one, echoed in the response.
 * - `/health` answers while the process is up; `/ready` runs the service's
 *   checks and answers 503 naming the ones that fail.
 * - **graphql-ws** on /graphql (WS_MAX_PAYLOAD_BYTES), with graphql-ws's own
 *   keep-alive: every WS_PING_INTERVAL_MS each socket is pinged, and a socket
 *   that has not answered by the next ping is terminated.
 * - **Metrics** on a listener of their own, never on the public port.
 * - **Start and stop**: what the service starts in `setup` (connections,
 *   clients), then Apollo, the listener, graphql-ws and the metrics listener
 *   start in this order, and stop in the reverse order — on `dispose()`, and
 *   as soon as a step fails, so a start that fails half-way leaves nothing
 *   open (no Redis connection, no port, no timer).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import proxyaddr from 'proxy-addr';
import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { WebSocketServer } from 'ws';
import { jsonBodyLimit, metricsPort, type ServiceConfig, type SubgraphName } from '../config.js';
import { REQUEST_ID, REQUEST_ID_HEADER } from '../auth/identity.js';
import type { Logger } from '../observability/logger.js';
import { serveMetrics, type ServiceMetrics } from '../observability/metrics.js';
import { DisposableStack, type Disposable } from '../process/disposable.js';
import { bodyDeadline, isJsonGraphQLPost, jsonErrors, serveJsonGraphQLSafely } from './graphqlHttp.js';
import { drainAfterResponse } from './multipart.js';

export type ServiceName = 'gateway' | SubgraphName;

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * How long an idle keep-alive connection stays open: well beyond the 30 s the
 * gateway's fetcher keeps one (gateway/fetcher.ts), and beyond the 60 s idle
 * timeout of common load balancers, so that the client is always the side
 * that closes it. A server that closes a connection while the client is
 * sending a request on it resets that request (and a POST cannot be retried
 * blindly); Node's 5 s default left the client only the 1 s its keep-alive
 * hint allows for, which a busy event loop overruns.
 * @default 65000 ms
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** How long /ready waits for one check. @default 2000 ms */
const READY_TIMEOUT_MS = 2000;

export async function runReadiness(checks: ReadinessChecks): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
          }),
        ]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

/** TRUST_PROXY as express's `trust proxy` setting. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The client address of a request that does not go through express (WebSocket upgrades), with express's TRUST_PROXY rules. */
export function clientAddressResolver(setting: boolean | number | string): (req: http.IncomingMessage) => string | undefined {
  if (setting === false) return (req) => req.socket.remoteAddress;
  const trust =
    setting === true ? () => true : typeof setting === 'number' ? (_addr: string, hop: number) => hop < setting : proxyaddr.compile(setting.split(',').map((s) => s.trim()));
  return (req) => proxyaddr(req, trust);
}

function assignRequestId(req: http.IncomingMessage, res: http.ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

/** What `setup` gets: the server to build Apollo on, and where to register what it starts. */
export interface ServerSetup {
  httpServer: http.Server;
  /** Plugins every Apollo server here needs (draining HTTP requests on stop). */
  plugins: ApolloServerPlugin[];
  /** Registers how to stop something `setup` started; stopped after the server, in reverse order. */
  defer(name: string, stop: () => Promise<void> | void): void;
  use<T extends Disposable>(name: string, value: T): T;
}

/** The GraphQL endpoint a service serves at /graphql. */
export interface GraphQLEndpoint<Ctx extends BaseContext> {
  /** Not started yet: the factory starts and stops it. */
  apollo: ApolloServer<Ctx>;
  /**
   * Called as a request taking the fast path arrives (before its body is read);
   * returns how to build its context, once Apollo asks for it.
   */
  fastContext(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): () => Promise<Ctx>;
  /** The context of a request through express (`req.ip` honours TRUST_PROXY). */
  expressContext(req: express.Request, res: express.Response, requestId: string): Promise<Ctx>;
  /** Whether a JSON POST to /graphql may take the fast path; the rest goes through express. @default all of them */
  fastPath?: (req: http.IncomingMessage) => boolean;
  /** Express middleware on /graphql before the body is read (CORS, the access log). */
  beforeBody?: express.RequestHandler[];
  /** Express middleware on /graphql after the JSON body is parsed, before Apollo (subscriptions over HTTP, uploads). */
  beforeGraphQL?: express.RequestHandler[];
  /** Serves graphql-ws on the WebSocketServer at /graphql, pinging every `keepAliveMs`; returns how to stop it. */
  webSocket?: (wsServer: WebSocketServer, keepAliveMs: number) => { dispose(): Promise<void> | void };
  /** Express routes after /graphql (the web app). */
  routes?: (app: express.Express) => void;
  readiness: ReadinessChecks;
  /** Served on the metrics port (`metricsPort`); omitted only in tests of a factory itself. */
  metrics?: ServiceMetrics;
  /** Drops connections the service holds beside its clients' (`cutConnections`). */
  cutConnections?: () => void;
}

export interface HttpServerOptions {
  service: ServiceName;
  config: ServiceConfig;
  log: Logger;
  /** 0 picks a free port (tests). */
  port: number;
  /** @default HOST */
  host?: string;
  /** Apply TRUST_PROXY (the gateway, which sees clients' addresses). @default false */
  trustProxy?: boolean;
  /** 0 picks a free one. @default the service's *_METRICS_PORT */
  metricsPort?: number;
}

export interface RunningHttpServer {
  url: string;
  wsUrl: string;
  port: number;
  metricsUrl?: string;
  /**
   * Drops every open HTTP and WebSocket connection at once, without answering
   * what is in flight: to clients it looks like a crash (fault-injection
   * tests). `dispose()` still has to be called after.
   */
  cutConnections(): void;
  /** Stops everything, in the reverse order of start. */
  dispose(): Promise<void>;
}

/** Starts the server for the endpoint `setup` builds; returns it, with that endpoint. */
export async function startHttpServer<Ctx extends BaseContext, Endpoint extends GraphQLEndpoint<Ctx> = GraphQLEndpoint<Ctx>>(
  opts: HttpServerOptions,
  setup: (server: ServerSetup) => Promise<Endpoint> | Endpoint,
): Promise<RunningHttpServer & { endpoint: Endpoint }> {
  const { config, log, service } = opts;
  const host = opts.host ?? config.HOST;
  const limitBytes = jsonBodyLimit(config, service);
  const trustProxy = opts.trustProxy ? trustProxySetting(config.TRUST_PROXY) : false;
  const stack = new DisposableStack();
  const stop = () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  let endpoint: Endpoint | undefined;
  const httpServer = http.createServer((req, res) => {
    // The fast path reads the socket's address: behind a proxy, express reads the forwarded one.
    if (endpoint && trustProxy === false && isJsonGraphQLPost(req) && (endpoint.fastPath?.(req) ?? true)) {
      serveJsonGraphQLSafely(endpoint.apollo, req, res, {
        limitBytes,
        bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
        context: endpoint.fastContext(req, res, assignRequestId(req, res)),
        onError: (err) => log.error({ err }, `${service} request failed`),
      });
      return;
    }
    app(req, res);
  });
  // Slow clients: a socket that dribbles headers or a request holds memory and a connection.
  httpServer.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  httpServer.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;

  let wsServer: WebSocketServer | undefined;
  let metricsUrl: string | undefined;
  let graphql: Endpoint;
  try {
    graphql = await setup({
      httpServer,
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
      defer: (name, fn) => stack.defer(name, fn),
      use: (name, value) => stack.use(name, value),
    });

    await graphql.apollo.start();
    // Stops the listener too: Apollo's stop drains it first (the plugin above:
    // no new connections, requests in flight finish within 10 s), then what
    // is left is closed. Before the listener has started, only Apollo stops.
    stack.defer('apollo and the HTTP listener', async () => {
      await graphql.apollo.stop();
      httpServer.closeAllConnections();
    });

    app.use((req, res, next) => {
      res.locals.requestId = assignRequestId(req, res);
      next();
    });
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok', service });
    });
    app.get('/ready', async (_req, res) => {
      const result = await runReadiness(graphql.readiness);
      res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'unavailable', service, checks: result.checks });
    });
    app.use(
      '/graphql',
      ...(graphql.beforeBody ?? []),
      bodyDeadline(config.HTTP_BODY_TIMEOUT_MS),
      express.json({ limit: limitBytes }),
      drainAfterResponse,
      ...(graphql.beforeGraphQL ?? []),
      expressMiddleware(graphql.apollo, { context: ({ req, res }) => graphql.expressContext(req, res, res.locals.requestId as string) }),
    );
    graphql.routes?.(app);
    // Body parsing and multipart errors (not JSON, too large, a malformed map) answer JSON like every other error, never express's HTML page.
    app.use(jsonErrors(log));
    endpoint = graphql;

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(opts.port, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });

    if (graphql.webSocket) {
      const ws = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.WS_MAX_PAYLOAD_BYTES });
      wsServer = ws;
      const served = graphql.webSocket(ws, config.WS_PING_INTERVAL_MS);
      stack.defer('graphql-ws', async () => {
        await served.dispose();
        await new Promise<void>((resolve) => ws.close(() => resolve()));
      });
    }

    if (graphql.metrics) {
      const metricsServer = await serveMetrics(graphql.metrics, host, opts.metricsPort ?? metricsPort(config, service), log);
      metricsUrl = metricsServer.url;
      stack.defer('metrics listener', () => metricsServer.close());
    }
  } catch (err) {
    await stop();
    throw err;
  }

  const { port } = httpServer.address() as AddressInfo;
  const publicHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  log.info({ port }, `${service} listening`);
  return {
    endpoint: graphql,
    url: `http://${publicHost}:${port}/graphql`,
    wsUrl: `ws://${publicHost}:${port}/graphql`,
    port,
    ...(metricsUrl ? { metricsUrl } : {}),
    cutConnections() {
      for (const socket of wsServer?.clients ?? []) socket.terminate();
      httpServer.closeAllConnections();
      graphql.cutConnections?.();
    },
    dispose: stop,
  };
}
