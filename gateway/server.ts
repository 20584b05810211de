/**
 * The gateway: @apollo/gateway inside @apollo/server, served by
 * lib/server/httpServer.ts (the fast path and express, /health, /ready,
 * graphql-ws, start and stop) like every subgraph.
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
import { existsSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import cors from 'cors';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { SUBGRAPHS, subgraphUrl, type ServiceConfig, type SubgraphName } from '../lib/config.js';
import { makeFormatError } from '../lib/errors.js';
import { IdentityTokenCache, REQUEST_ID_HEADER } from '../lib/auth/identity.js';
import type { Logger } from '../lib/observability/logger.js';
import { ServiceMetrics } from '../lib/observability/metrics.js';
import { ROOT, schemaPath } from '../lib/process/paths.js';
import { clientAddressResolver, startHttpServer, trustProxySetting, type GraphQLEndpoint, type RunningHttpServer, type ServerSetup } from '../lib/server/httpServer.js';
import { requireRedis } from '../lib/process/runtime.js';
import { pingRedis } from '../lib/redis/client.js';
import { STREAMS } from '../lib/redis/domainEvents.js';
import { multipartRequests } from '../lib/server/multipart.js';
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
import { EntityCache } from './entityCache.js';

export interface RunningGateway extends RunningHttpServer {
  /** Subgraph requests sent, and requests answered by merging into one already in flight. */
  fetcherStats: { requests: number; merged: number };
  /** Subscription events answered with a result resolved for another subscriber (gateway/sharedEvents.ts). */
  sharedEvents: { reused: number };
  /** Where the gateway's metrics are scraped: http://host:port/metrics, on a listener of its own. */
  metricsUrl: string;
  /**
   * Drops every connection at once — clients' HTTP requests and sockets, and the
   * gateway's own connections to subgraphs — without answering what is in
   * flight: to clients and subgraphs it looks like a crash (fault-injection
   * tests). `dispose()` still has to be called after.
   */
  cutConnections(): void;
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

/**
 * The fast path (lib/server/httpServer.ts) takes JSON POSTs from non-browser
 * clients: browsers (an Origin header) go through express for CORS, and
 * streamed subscriptions through express to gateway/httpSubscriptions.ts.
 */
function fastPath(req: http.IncomingMessage): boolean {
  return req.headers.origin === undefined && !wantsStream(req);
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

export async function startGateway(config: ServiceConfig, log: Logger, opts: GatewayOptions = {}): Promise<RunningGateway> {
  const { endpoint, ...server } = await startHttpServer<GatewayContext, GatewayEndpoint>(
    { service: 'gateway', config, log, port: opts.port ?? config.GATEWAY_PORT, trustProxy: true, ...(opts.metricsPort !== undefined ? { metricsPort: opts.metricsPort } : {}) },
    (setup) => gatewayEndpoint(setup, config, log, opts),
  );
  return { ...server, fetcherStats: endpoint.fetcherStats, sharedEvents: endpoint.sharedEvents, metricsUrl: server.metricsUrl ?? '' };
}

/**
 * What the gateway serves at /graphql, built on the server's setup: everything
 * it starts (the subgraph fetcher, its Redis connection, the revocation watch)
 * is registered there, so it stops after the server, and at once when the
 * start fails half-way.
 */
type GatewayEndpoint = GraphQLEndpoint<GatewayContext> & { fetcherStats: RunningGateway['fetcherStats']; sharedEvents: RunningGateway['sharedEvents'] };

async function gatewayEndpoint(server: ServerSetup, config: ServiceConfig, log: Logger, opts: GatewayOptions): Promise<GatewayEndpoint> {
  const production = config.NODE_ENV === 'production';
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, opts.subgraphUrls?.[name] ?? subgraphUrl(config, name)])) as Record<SubgraphName, string>;
  const managed = Boolean(config.APOLLO_KEY && config.APOLLO_GRAPH_REF);

  const transport = createSubgraphTransport({ urls, identitySecret: config.INTERNAL_IDENTITY_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, merge: config.GATEWAY_MERGE_INFLIGHT });
  server.defer('subgraph transport', () => transport.close());
  const redis = requireRedis(config, 'gateway', log);
  server.defer('redis', () => redis.disconnect());
  const identities = new IdentityTokenCache(config.INTERNAL_IDENTITY_SECRET);
  const verifier = new AccessVerifier(config.JWT_ACCESS_SECRET, redis);
  server.defer('revocation watch', () => verifier.revocations.stop());
  const serviceMetrics = new ServiceMetrics('gateway');
  const entityCache = config.GATEWAY_ENTITY_CACHE
    ? new EntityCache({
        redis,
        // Users only. Every change to a user's marked fields is announced at once;
        // a video's like and view counts reach its stream coalesced, up to a
        // second later (subgraphs/video/counts.ts), so videos are shared between
        // viewers in flight but never kept.
        sources: [{ stream: STREAMS.user, typename: 'User' }],
        maxEntities: config.GATEWAY_ENTITY_CACHE_MAX_ENTITIES,
        maxAgeMs: config.GATEWAY_ENTITY_CACHE_MAX_AGE_MS,
        onInvalidate: (lagMs) => metrics.entityCacheInvalidated(lagMs / 1000),
        onError: (err) => log.warn({ err }, 'entity cache: cannot read change events; answering without the cache until it can'),
      })
    : undefined;
  if (entityCache) {
    // Before the first request: the cache must know where each change stream ends before it keeps anything.
    await entityCache.start();
    server.defer('entity cache', () => entityCache.stop());
  }
  // The bridge is made below (it reports through these metrics); until then it has no sockets.
  const live: { bridge?: SubscriptionBridge } = {};
  const metrics = new GatewayMetrics(serviceMetrics, {
    fetcher: transport.http.stats,
    tokens: verifier.stats,
    revocations: verifier.revocations.stats,
    openSockets: () => live.bridge?.openSockets ?? 0,
    activeSubscriptions: () => live.bridge?.activeSubscriptions ?? 0,
    sharedEvents: () => live.bridge?.sharedEvents.reused ?? 0,
    ...(entityCache ? { entityCache: entityCache.stats } : {}),
  });
  const access = new AccessLog(log, metrics);

  const dataSources: Record<string, SubgraphDataSource> = Object.fromEntries(SUBGRAPHS.map((name) => [name, new SubgraphDataSource(name, urls[name], transport.http, metrics, entityCache)]));
  const gateway = new ApolloGateway({
    ...(managed ? {} : { supergraphSdl: readFileSync(schemaPath('supergraph'), 'utf8') }),
    buildService: ({ name, url }) => dataSources[name] ?? new SubgraphDataSource(name, url ?? '', transport.http, metrics),
  });

  const limits = limitsFromConfig(config);
  const formatError = makeFormatError(!production);
  const plugins: ApolloServerPlugin<GatewayContext>[] = [...server.plugins, requestChecksPlugin(), costPlugin<GatewayContext>(limits.cost), access.plugin()];
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
    clientAddress: clientAddressResolver(trustProxySetting(config.TRUST_PROXY)),
    originAllowed: originPolicy(config.CORS_ORIGINS),
    access,
    metrics,
    ...(entityCache ? { entities: entityCache } : {}),
  });
  live.bridge = subscriptions;

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
      shareAcrossViewers: (query, subgraph) => subscriptions.shareable(query, subgraph),
    };
  };

  const webDir = opts.webDir !== undefined ? opts.webDir : config.WEB_DIR === 'off' ? null : path.resolve(ROOT, config.WEB_DIR);
  return {
    apollo,
    fetcherStats: transport.http.stats,
    sharedEvents: subscriptions.sharedEvents,
    metrics: serviceMetrics,
    fastPath,
    fastContext: (req, res, requestId) => {
      // The access line starts with the request: a body that is refused is logged too.
      const entry = access.http(res, requestId, req.socket.remoteAddress);
      return () => requestContext(req, res, requestId, req.socket.remoteAddress, entry);
    },
    expressContext: (req, res, requestId) => requestContext(req, res, requestId, req.ip, res.locals.access as AccessEntry, req.is('multipart/form-data') === 'multipart/form-data'),
    beforeBody: [
      cors<cors.CorsRequest>({
        origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
        credentials: true,
        exposedHeaders: [REQUEST_ID_HEADER],
      }),
      (req: express.Request, res: express.Response, next: express.NextFunction) => {
        res.locals.access = access.http(res, res.locals.requestId as string, req.ip);
        next();
      },
    ],
    beforeGraphQL: [
      // Subscriptions over SSE and multipart HTTP; everything else goes on to Apollo Server.
      httpSubscriptions({ bridge: subscriptions, verifier, access, originAllowed: originPolicy(config.CORS_ORIGINS) }),
      multipartRequests({ maxFileSize: GATEWAY_MAX_FILE_BYTES, maxFiles: 2 }),
    ],
    webSocket: (wsServer, keepAliveMs) => {
      subscriptions.listen(wsServer, keepAliveMs);
      return subscriptions;
    },
    ...(webDir ? { routes: (app: express.Express) => serveWebApp(app, webDir, log) } : {}),
    readiness: {
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
    },
    cutConnections() {
      subscriptions.cutConnections();
      void transport.destroy();
    },
  };
}
