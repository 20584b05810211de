/**
 * The gateway: @apollo/gateway inside @apollo/server on express.
 *
 * Per request: a request id (the client's `x-request-id` if well-formed, else a
 * new one) echoed in the response and forwarded to subgraphs; the access token
 * verified once; the viewer forwarded as an internal identity token; one
 * access-log line and the operation's metrics (gateway/access.ts).
 *
 * Metrics are served on their own listener (GATEWAY_METRICS_PORT), never on
 * the public one: /metrics on the gateway's port is a 404.
 *
 * The supergraph comes from schema/supergraph.graphql (composed offline by
 * `npm run compose`), or from Apollo's managed federation when APOLLO_KEY and
 * APOLLO_GRAPH_REF are both set. With them unset nothing calls out of the machine.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import cors from 'cors';
import express from 'express';
import proxyaddr from 'proxy-addr';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { SUBGRAPHS, metricsPort, subgraphUrl, type Config, type SubgraphName } from '../lib/config.js';
import { makeFormatError } from '../lib/errors.js';
import { bodyDeadline, isJsonGraphQLPost, jsonErrors, serveJsonGraphQLSafely } from '../lib/server/graphqlHttp.js';
import { IdentityTokenCache, REQUEST_ID, REQUEST_ID_HEADER } from '../lib/auth/identity.js';
import type { Logger } from '../lib/observability/logger.js';
import { ServiceMetrics, serveMetrics, type MetricsServer } from '../lib/observability/metrics.js';
import { ROOT, schemaPath } from '../lib/process/paths.js';
import { runReadiness, SERVER_KEEP_ALIVE_MS } from '../lib/server/subgraph.js';
import { requireRedis } from '../lib/process/runtime.js';
import { pingRedis } from '../lib/redis/client.js';
import { drainAfterResponse, multipartRequests } from '../lib/server/multipart.js';
import { AccessLog, type AccessEntry } from './access.js';
import { AccessVerifier, authenticate, sessionApplier } from './auth.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './dataSource.js';
import { asLimitError, costPlugin, documentLimitRules, limitsFromConfig } from './limits.js';
import { GatewayMetrics } from './metrics.js';
import { finiteNumberLiterals, requestChecksPlugin } from './requestChecks.js';
import { httpSubscriptions, wantsStream } from './httpSubscriptions.js';
import { SubscriptionBridge } from './subscriptions.js';
import { createSubgraphTransport } from './transport/index.js';

export interface RunningGateway {
  url: string;
  port: number;
  /** Subgraph requests sent, and requests answered by merging into one already in flight. */
  fetcherStats: { requests: number; merged: number };
  /** Where the gateway's metrics are scraped: http://host:port/metrics, on a listener of its own. */
  metricsUrl: string;
  /**
   * Drops every connection at once — clients' HTTP requests and sockets, and the
   * gateway's own connections to subgraphs — without answering what is in
   * flight: to clients and subgraphs it looks like a crash (fault-injection
   * tests). `dispose()` still has to be called after.
   */
  cutConnections(): void;
  dispose(): Promise<void>;
}

export interface GatewayOptions {
  port?: number;
  /** Overrides of the subgraph URLs (tests start subgraphs on free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Port of the metrics listener; 0 picks a free one. @default GATEWAY_METRICS_PORT */
  metricsPort?: number;
  /** Folder of the built web app served at `/`; `null` serves none. @default WEB_DIR */
  webDir?: string | null;
}

/** Largest file the gateway accepts in a multipart request (a video chunk, a cover). @default 32 MiB */
export const GATEWAY_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Largest JSON request body. @default 1 MB */
const JSON_BODY_LIMIT = 1024 * 1024;

/** Browsers (an Origin header) go through express for CORS. */
function isNonBrowserJsonPost(req: http.IncomingMessage): boolean {
  return req.headers.origin === undefined && isJsonGraphQLPost(req);
}

function assignRequestId(req: http.IncomingMessage, res: http.ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The client address of a request that does not go through express (WebSocket upgrades), with express's TRUST_PROXY rules. */
function clientAddressResolver(setting: boolean | number | string): (req: http.IncomingMessage) => string | undefined {
  if (setting === false) return (req) => req.socket.remoteAddress;
  const trust =
    setting === true ? () => true : typeof setting === 'number' ? (_addr: string, hop: number) => hop < setting : proxyaddr.compile(setting.split(',').map((s) => s.trim()));
  return (req) => proxyaddr(req, trust);
}

/** Which of a subgraph's readiness checks failed (" (redis, store)"), from its /ready answer. */
async function failingChecks(r: Response): Promise<string> {
  try {
    const body = (await r.json()) as { checks?: Record<string, string> };
    const failing = Object.entries(body.checks ?? {}).filter(([, v]) => v !== 'ok').map(([k]) => k);
    return failing.length ? ` (${failing.join(', ')})` : '';
  } catch {
    return '';
  }
}

/** A browser page may use the session cookie from the gateway's own host or an origin CORS_ORIGINS allows. */
function originPolicy(allowed: readonly string[]): (origin: string, req: http.IncomingMessage) => boolean {
  return (origin, req) => {
    if (allowed.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
}

/** The API's paths and the app's hashed files: a miss there is a 404, never index.html. */
const API_PATHS = /^\/(graphql|health|ready|metrics|assets)(\/|$)/;

/**
 * The web app at `/`: hashed files under /assets are cached for a year, every
 * other file is revalidated, and a GET for any other page path that accepts
 * HTML answers index.html (the app routes in the browser). Nothing is served
 * when the folder has no index.html (the app was not built): a warning says so.
 */
function serveWebApp(app: express.Express, dir: string, log: Logger): void {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    log.warn({ dir }, 'no web app to serve (run npm run build)');
    return;
  }
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => {
        const immutable = file.startsWith(path.join(dir, 'assets') + path.sep);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

export async function startGateway(config: Config, log: Logger, opts: GatewayOptions = {}): Promise<RunningGateway> {
  const production = config.NODE_ENV === 'production';
  const identitySecret = config.INTERNAL_IDENTITY_SECRET;
  if (!identitySecret || !config.JWT_ACCESS_SECRET) throw new Error('INTERNAL_IDENTITY_SECRET and JWT_ACCESS_SECRET must be set (the launcher provides them in development)');
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, opts.subgraphUrls?.[name] ?? subgraphUrl(config, name)])) as Record<SubgraphName, string>;
  const managed = Boolean(config.APOLLO_KEY && config.APOLLO_GRAPH_REF);

  const transport = createSubgraphTransport({ urls, identitySecret, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, merge: config.GATEWAY_MERGE_INFLIGHT });
  const redis = requireRedis(config, 'gateway');
  const identities = new IdentityTokenCache(identitySecret);
  const verifier = new AccessVerifier(config.JWT_ACCESS_SECRET, redis);
  const serviceMetrics = new ServiceMetrics('gateway');
  // The bridge is made below (it reports through these metrics); until then it has no sockets.
  const live: { bridge?: SubscriptionBridge } = {};
  const metrics = new GatewayMetrics(serviceMetrics, {
    fetcher: transport.http.stats,
    tokens: verifier.stats,
    revocations: verifier.revocations.stats,
    openSockets: () => live.bridge?.openSockets ?? 0,
    activeSubscriptions: () => live.bridge?.activeSubscriptions ?? 0,
  });
  const access = new AccessLog(log, metrics);

  const dataSources: Record<string, SubgraphDataSource> = Object.fromEntries(SUBGRAPHS.map((name) => [name, new SubgraphDataSource(name, urls[name], transport.http, metrics)]));
  const gateway = new ApolloGateway({
    ...(managed ? {} : { supergraphSdl: readFileSync(schemaPath('supergraph'), 'utf8') }),
    buildService: ({ name, url }) => dataSources[name] ?? new SubgraphDataSource(name, url ?? '', transport.http, metrics),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  // The hot path — a JSON POST to /graphql from a non-browser client — skips
  // express (express took about 10-15% of the gateway's CPU under load); browsers
  // (CORS), multipart uploads, GETs, streamed subscriptions and proxied
  // deployments (TRUST_PROXY) go through express. Both paths build the same context.
  const fastPath = config.TRUST_PROXY === 'false';
  const httpServer = http.createServer((req, res) => {
    if (fastPath && isNonBrowserJsonPost(req) && !wantsStream(req)) {
      const requestId = assignRequestId(req, res);
      const entry = access.http(res, requestId, req.socket.remoteAddress);
      serveJsonGraphQLSafely(apollo, req, res, {
        limitBytes: JSON_BODY_LIMIT,
        bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
        context: () => requestContext(req, res, requestId, req.socket.remoteAddress, entry),
        onError: (err) => log.error({ err }, 'gateway request failed'),
      });
      return;
    }
    app(req, res);
  });
  // Slow clients: a socket that dribbles headers or a request holds memory and a connection.
  httpServer.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  // Idle keep-alive connections are left for the client to close: a request that
  // a client sends on a connection as the server closes it is reset, and a POST
  // cannot be retried blindly. 65 s outlasts the idle timeouts of common load
  // balancers (60 s) and of clients that keep their own (Node's 5 s default did not).
  httpServer.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;

  const limits = limitsFromConfig(config);
  const formatError = makeFormatError(!production);
  const plugins: ApolloServerPlugin<GatewayContext>[] = [ApolloServerPluginDrainHttpServer({ httpServer }), requestChecksPlugin(), costPlugin<GatewayContext>(limits.cost), access.plugin()];
  if (!managed) plugins.push(ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled());
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => {
      const limit = asLimitError(formatted.message, formatted.extensions, limits);
      return formatError(limit ? { ...formatted, extensions: limit } : formatted, error);
    },
    csrfPrevention: true,
    // Operation limits (gateway/limits.ts); no "Did you mean ...?" schema hints in production.
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [...documentLimitRules(limits), finiteNumberLiterals],
    maxRecursiveSelections: limits.recursiveSelections,
    hideSchemaDetailsFromClientErrors: production,
    plugins,
  });
  // Registered before start() so that it sees the first supergraph load.
  const subscriptions = new SubscriptionBridge({ config, log, verifier, gateway, apollo, dataSources, upstream: transport.ws, identities, limits, formatError,
    clientAddress: clientAddressResolver(trustProxy(config.TRUST_PROXY)),
    originAllowed: originPolicy(config.CORS_ORIGINS),
    access,
    metrics,
  });
  live.bridge = subscriptions;
  await apollo.start();
  subscriptions.listen(httpServer);

  const requestContext = async (req: http.IncomingMessage, res: http.ServerResponse, requestId: string, clientIp: string | undefined, entry: AccessEntry, multipart = false): Promise<GatewayContext> => {
    const { viewer, refreshCookie } = await authenticate(req, res, config, verifier).catch((err: { extensions?: Record<string, unknown> }) => {
      // Apollo answers a failed context without running any plugin: the access line is written when the response ends.
      entry.codes = [String(err.extensions?.code ?? 'INTERNAL_SERVER_ERROR')];
      throw err;
    });
    const disconnected = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) disconnected.abort(new Error('client disconnected'));
    });
    return {
      requestId,
      viewer,
      log: log.child(entry.traceId ? { rid: requestId, traceId: entry.traceId } : { rid: requestId }),
      identityToken: () => identities.get(viewer, clientIp),
      ...(refreshCookie ? { refreshCookie } : {}),
      applySession: sessionApplier(res, config),
      ...(multipart ? { multipart } : {}),
      signal: disconnected.signal,
      access: entry,
    };
  };

  app.use((req, res, next) => {
    res.locals.requestId = assignRequestId(req, res);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const result = await runReadiness({
      // Signed-in requests need the gateway's own Redis connection (revocation checks).
      redis: () => pingRedis(redis),
      ...Object.fromEntries(
        SUBGRAPHS.map((name) => [
          name,
          async () => {
            const r = await fetch(new URL('/ready', urls[name]));
            if (!r.ok) throw new Error(`HTTP ${r.status}${await failingChecks(r)}`);
          },
        ]),
      ),
    });
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'unavailable', service: 'gateway', checks: result.checks });
  });
  app.use(
    '/graphql',
    cors<cors.CorsRequest>({
      origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
      credentials: true,
      exposedHeaders: [REQUEST_ID_HEADER],
    }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.locals.access = access.http(res, res.locals.requestId as string, req.ip);
      next();
    },
    bodyDeadline(config.HTTP_BODY_TIMEOUT_MS),
    express.json({ limit: JSON_BODY_LIMIT }),
    // Subscriptions over SSE and multipart HTTP; everything else goes on to Apollo Server.
    httpSubscriptions({ bridge: subscriptions, verifier, access, originAllowed: originPolicy(config.CORS_ORIGINS) }),
    drainAfterResponse,
    multipartRequests({ maxFileSize: GATEWAY_MAX_FILE_BYTES, maxFiles: 2 }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => requestContext(req, res, res.locals.requestId as string, req.ip, res.locals.access as AccessEntry, req.is('multipart/form-data') === 'multipart/form-data'),
    }),
  );
  const webDir = opts.webDir !== undefined ? opts.webDir : config.WEB_DIR === 'off' ? null : path.resolve(ROOT, config.WEB_DIR);
  if (webDir) serveWebApp(app, webDir, log);
  // Body parsing and multipart errors (not JSON, too large, a malformed map) answer JSON like every other error, never express's HTML page.
  app.use(jsonErrors(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? config.GATEWAY_PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  log.info({ port, managed }, 'gateway listening');
  let metricsServer: MetricsServer | undefined;
  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= (async () => {
      await subscriptions.dispose();
      await apollo.stop();
      httpServer.closeAllConnections();
      await transport.close();
      verifier.revocations.stop();
      redis.disconnect();
      await metricsServer?.close();
    })();
    return disposed;
  };
  try {
    metricsServer = await serveMetrics(serviceMetrics, config.HOST, opts.metricsPort ?? metricsPort(config, 'gateway'), log);
  } catch (err) {
    await dispose();
    throw err;
  }
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    fetcherStats: transport.http.stats,
    metricsUrl: metricsServer.url,
    cutConnections() {
      subscriptions.cutConnections();
      httpServer.closeAllConnections();
      void transport.destroy();
    },
    dispose,
  };
}
