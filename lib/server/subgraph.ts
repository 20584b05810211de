/**
 * The subgraph server factory: one function that every subgraph's `server.ts`
 * calls with its schema, resolvers, rules and dependencies.
 *
 * What it guarantees for every subgraph:
 * - The schema is `buildSubgraphSchema` over `schema/<name>.graphql`, wrapped by
 *   the subgraph's graphql-shield rules (deny by default).
 * - No operation runs without a valid internal identity from the gateway, over
 *   HTTP (`x-internal-identity`) or graphql-ws (`connectionParams.internalIdentity`).
 * - Every request gets a fresh context: viewer, request id, a child logger and
 *   fresh DataLoaders, so batching never leaks data between requests.
 * - `/health` answers while the process is up; `/ready` checks each backing
 *   service and answers 503 naming the ones that fail.
 * - Every HTTP request has a deadline (SUBGRAPH_DEADLINE_MS) and is cancelled
 *   when the gateway hangs up: `context.signal` aborts, and from then on every
 *   list and entity field refuses to start (REQUEST_TIMEOUT), so a request
 *   whose answer can no longer be used stops fanning out into more store work.
 * - Slow senders are cut off (header, body and request timeouts) and socket
 *   messages are bounded (WS_MAX_PAYLOAD_BYTES).
 * - Metrics (lib/observability/metrics.ts) on a listener of their own, never on the
 *   subgraph's port: resolver errors by code, over HTTP and graphql-ws, beside
 *   whatever the subgraph registered on the same `ServiceMetrics`.
 * - `dispose()` closes the WebSocket server, drains HTTP, stops Apollo; the caller
 *   owns the stores and disposes them after.
 */
import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { applyMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import { defaultFieldResolver, execute, getOperationAST, isObjectType, parse, subscribe, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { metricsPort, type Config, type SubgraphName } from '../config.js';
import { ErrorCode, appError, knownCode, makeFormatError } from '../errors.js';
import { bodyDeadline, isJsonGraphQLPost, jsonErrors, serveJsonGraphQLSafely } from './graphqlHttp.js';
import { IdentityVerifier, INTERNAL_IDENTITY_HEADER, REQUEST_ID, REQUEST_ID_HEADER, type VerifiedIdentity, type Viewer } from '../auth/identity.js';
import type { Logger } from '../observability/logger.js';
import { serveMetrics, type MetricsServer, type ServiceMetrics } from '../observability/metrics.js';
import { readSchema } from '../process/paths.js';
import { keepAlive } from './ws.js';
import { failSpan, openSpan, SpanKind, traceFields, tracingOn } from '../observability/tracing.js';
import { drainAfterResponse } from './multipart.js';

export interface BaseContext {
  requestId: string;
  viewer: Viewer;
  log: Logger;
  clientIp?: string;
  /** Aborted at the request's deadline or when the gateway hangs up (HTTP requests only). */
  signal?: AbortSignal;
}

/** The HTTP exchange behind a context; absent for graphql-ws operations. */
export interface HttpExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
}

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface SubgraphOptions<Ctx extends BaseContext> {
  name: SubgraphName;
  config: Config;
  log: Logger;
  // Resolver maps are typed per subgraph by codegen; the factory only passes them on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  /** graphql-shield rules (deny by default); omitted only in tests of the factory itself. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  permissions?: IMiddlewareGenerator<any, any, any>;
  /** Builds the per-request context (fresh DataLoaders) from the verified base. */
  createContext: (base: BaseContext, http?: HttpExchange) => Ctx;
  readiness: ReadinessChecks;
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  host?: string;
  /** Optional express middleware run before Apollo on /graphql (multipart uploads). */
  beforeGraphQL?: express.RequestHandler[];
  /** The subgraph's metrics, served on `metricsPort`; omitted only in tests of the factory itself. */
  metrics?: ServiceMetrics;
  /** Port of the metrics listener; 0 picks a free one. @default the service's *_METRICS_PORT */
  metricsPort?: number;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  wsUrl: string;
  port: number;
  /** Where this subgraph's metrics are scraped (http://host:port/metrics), when it has metrics. */
  metricsUrl?: string;
  schema: GraphQLSchema;
  /**
   * Drops every open HTTP and WebSocket connection at once, without answering
   * what is in flight: to the gateway and clients it looks like a crash
   * (fault-injection tests). `dispose()` still has to be called after.
   */
  cutConnections(): void;
  dispose(): Promise<void>;
}

/** Largest JSON request body a subgraph accepts. @default 2 MB */
const JSON_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * How long an idle keep-alive connection stays open on a subgraph (and on the
 * gateway): well beyond the 30 s the gateway's fetcher keeps one
 * (gateway/transport/http.ts), so that the client is always the side that closes it.
 * @default 65000 ms
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** How long /ready waits for one backing service. @default 2000 ms */
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

/**
 * Counts every error a subgraph answers with, by its code as the client sees
 * it (`vidhub_resolver_errors_total`). Returns the Apollo plugin (HTTP) and a
 * counting function for graphql-ws results, which do not pass through Apollo.
 */
export function resolverErrorMetrics(metrics: ServiceMetrics) {
  const counter = metrics.counter('vidhub_resolver_errors_total', 'Errors in subgraph answers (resolvers, validation, refusals), by error code.', ['code']);
  const count = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => {
    for (const e of errors ?? []) counter.inc({ code: knownCode(e.extensions?.code) });
  };
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return listener;
    },
  };
  // One listener object for every request: nothing is allocated per request.
  const listener = {
    async didEncounterErrors({ errors }: { errors: readonly { extensions?: Record<string, unknown> }[] }) {
      count(errors);
    },
  };
  return { plugin, count };
}

export function productionPlugins(production: boolean): ApolloServerPlugin[] {
  // Subgraphs never report to Apollo Studio themselves: the gateway does, with the
  // traces subgraphs add to responses when it asks (ftv1), hence inline tracing on.
  // No schema declares @cacheControl and every answer depends on the viewer, so
  // subgraphs compute no cache hints: the cache-control plugin's per-field hook
  // was pure cost (a policy object per resolved field). Subgraph answers carry no
  // Cache-Control header and the gateway's responses stay uncacheable, as before.
  const plugins: ApolloServerPlugin[] = [
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginInlineTrace(),
  ];
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return plugins;
}

export function buildSchema(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  permissions?: IMiddlewareGenerator<any, any, any>,
): GraphQLSchema {
  const schema = buildSubgraphSchema({ typeDefs: parse(readSchema(name)), resolvers });
  return guardFanOut(permissions ? applyMiddleware(schema, permissions) : schema);
}

/** Arguments that make a field fan out into store work (a page of items, entity batches). */
const FAN_OUT_ARGUMENTS = new Set(['first', 'pageSize', 'page', 'representations']);

/**
 * Fields that fan out check the request's signal before they start: once a
 * request is past its deadline or abandoned, nested pages and entity batches
 * stop at once instead of multiplying. Only these few fields are wrapped (a
 * wrapper on every field is measurable on the hot path); scalar fields finish
 * with whatever their parents already loaded.
 */
export function guardFanOut(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((a) => FAN_OUT_ARGUMENTS.has(a.name))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { signal?: AbortSignal } | undefined, info) => {
        const signal = context?.signal;
        if (signal?.aborted) throw signal.reason instanceof Error && 'extensions' in signal.reason ? signal.reason : appError(ErrorCode.REQUEST_TIMEOUT, 'The request was cancelled.');
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

export async function startSubgraph<Ctx extends BaseContext>(opts: SubgraphOptions<Ctx>): Promise<RunningSubgraph> {
  const { config, log } = opts;
  const production = config.NODE_ENV === 'production';
  const secret = config.INTERNAL_IDENTITY_SECRET;
  if (!secret) throw new Error('INTERNAL_IDENTITY_SECRET is not set: the launcher or the environment must provide it');
  const schema = buildSchema(opts.name, opts.resolvers, opts.permissions);
  const identities = new IdentityVerifier(secret);
  const baseFrom = (identity: VerifiedIdentity, headerRequestId?: string, signal?: AbortSignal): BaseContext => {
    const requestId = identity.requestId ?? headerRequestId ?? randomUUID();
    return {
      requestId,
      viewer: identity.viewer,
      log: log.child({ rid: requestId, ...traceFields() }),
      ...(identity.clientIp ? { clientIp: identity.clientIp } : {}),
      ...(signal ? { signal } : {}),
    };
  };

  const app = express();
  app.disable('x-powered-by');
  // JSON POSTs to /graphql skip express (lib/server/graphqlHttp.ts); uploads, GETs, /health and /ready do not.
  const httpServer = http.createServer((req, res) => {
    if (isJsonGraphQLPost(req)) {
      serveJsonGraphQLSafely(apollo, req, res, {
        limitBytes: JSON_BODY_LIMIT,
        bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
        context: () => httpContext(req, res),
        onError: (err) => log.error({ err }, `${opts.name} request failed`),
      });
      return;
    }
    app(req, res);
  });
  httpServer.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  // An idle keep-alive connection must be closed by the client (the gateway's
  // fetcher, which keeps one for at most 30 s), never by this server: a server
  // that closes it while the client is sending a request on it resets that
  // request, and the client sees UPSTREAM_UNAVAILABLE. Node's 5 s default left
  // the client only the 1 s its keep-alive hint allows for, which a busy event
  // loop overruns.
  httpServer.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;

  const formatError = makeFormatError(!production);
  const errorMetrics = opts.metrics ? resolverErrorMetrics(opts.metrics) : undefined;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.WS_MAX_PAYLOAD_BYTES });
  // With tracing on, an operation over graphql-ws (the gateway's subscription
  // bridge) continues the trace its subscribe message carries in
  // `extensions.traceparent`, in a span that ends once its result, or its
  // event stream, is ready.
  // Socket messages do not reliably run in the context the service started in (which names it): spans start from this one.
  const traceBase = context.active();
  const wsSpans = new WeakMap<object, NonNullable<ReturnType<typeof openSpan>>>();
  const traced =
    (run: (args: ExecutionArgs) => OperationResult) =>
    async (args: ExecutionArgs): Promise<Awaited<OperationResult>> => {
      const traced = wsSpans.get(args.contextValue as object);
      if (!traced) return run(args);
      try {
        return await context.with(traced.ctx, () => run(args));
      } catch (err) {
        failSpan(traced.span, err);
        throw err;
      } finally {
        traced.span.end();
      }
    };
  const stopKeepAlive = keepAlive(wsServer);
  const wsCleanup = useServer<{ internalIdentity?: string }, { identity?: VerifiedIdentity }>(
    {
      schema,
      // The identity is verified once per socket, at connection_init; a socket
      // without a valid one is closed (4403 Forbidden) before any operation starts.
      onConnect: async (ctx) => {
        try {
          ctx.extra.identity = await identities.verify(ctx.connectionParams?.internalIdentity);
          return true;
        } catch {
          return false;
        }
      },
      // A fresh context (and fresh DataLoaders) per operation on the socket.
      context: (ctx, _id, payload, args) => {
        const identity = ctx.extra.identity;
        if (!identity) throw new Error('socket has no verified identity');
        if (!tracingOn()) return opts.createContext(baseFrom(identity));
        const operation = getOperationAST(args.document, args.operationName);
        const type = operation?.operation ?? 'operation';
        const name = operation?.name?.value;
        const span = openSpan(name ? `${type} ${name}` : type, { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) } }, payload.extensions, traceBase);
        const value = span ? context.with(span.ctx, () => opts.createContext(baseFrom(identity))) : opts.createContext(baseFrom(identity));
        if (span) wsSpans.set(value, span);
        return value;
      },
      ...(tracingOn() ? { execute: traced(execute), subscribe: traced(subscribe) } : {}),
      // Errors of subscriptions (in an event, or ending one that failed, e.g.
      // Redis away) are shaped as over HTTP: the same codes and redaction.
      // Socket operations do not pass through Apollo's plugins: their errors are counted here too.
      onNext: (_ctx, _id, _payload, _args, result) => {
        errorMetrics?.count(result.errors);
        return result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined;
      },
      onError: (_ctx, _id, _payload, errors) => {
        errorMetrics?.count(errors);
        return errors.map((e) => formatError(e.toJSON(), e));
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<Ctx>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError,
    hideSchemaDetailsFromClientErrors: production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...productionPlugins(production),
      ...(errorMetrics ? [errorMetrics.plugin] : []),
    ],
  });
  await apollo.start();

  const httpContext = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Ctx> => {
    const header = req.headers[INTERNAL_IDENTITY_HEADER];
    const identity = await identities.verify(Array.isArray(header) ? header[0] : header).catch((err: Error & { extensions?: Record<string, unknown> }) => {
      // Apollo answers errors thrown here as a top-level error; give it HTTP 401.
      err.extensions = { ...err.extensions, http: { status: 401 } };
      throw err;
    });
    const rid = req.headers[REQUEST_ID_HEADER];
    return opts.createContext(baseFrom(identity, typeof rid === 'string' && REQUEST_ID.test(rid) ? rid : undefined, requestSignal(res)), { req, res });
  };

  // Aborted at the deadline, or when the gateway hangs up before the answer is written.
  const requestSignal = (res: http.ServerResponse): AbortSignal => {
    const controller = new AbortController();
    const deadline = setTimeout(
      () => controller.abort(appError(ErrorCode.REQUEST_TIMEOUT, `The ${opts.name} service stopped this request after ${config.SUBGRAPH_DEADLINE_MS} ms; ask for less (smaller pages, fewer nested lists).`)),
      config.SUBGRAPH_DEADLINE_MS,
    );
    deadline.unref();
    res.once('close', () => {
      clearTimeout(deadline);
      if (!res.writableFinished) controller.abort(appError(ErrorCode.REQUEST_TIMEOUT, 'The caller went away before the answer was ready.'));
    });
    return controller.signal;
  };

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  app.get('/ready', async (_req, res) => {
    const result = await runReadiness(opts.readiness);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'unavailable', service: opts.name, checks: result.checks });
  });
  app.use(
    '/graphql',
    bodyDeadline(config.HTTP_BODY_TIMEOUT_MS),
    express.json({ limit: JSON_BODY_LIMIT }),
    drainAfterResponse,
    ...(opts.beforeGraphQL ?? []),
    expressMiddleware(apollo, { context: ({ req, res }) => httpContext(req, res) }),
  );
  app.use(jsonErrors(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host ?? config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = (opts.host ?? config.HOST) === '0.0.0.0' ? '127.0.0.1' : (opts.host ?? config.HOST);
  log.info({ port }, `${opts.name} subgraph listening`);
  let metricsServer: MetricsServer | undefined;
  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= (async () => {
      stopKeepAlive();
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await apollo.stop();
      httpServer.closeAllConnections();
      await metricsServer?.close();
    })();
    return disposed;
  };
  try {
    metricsServer = opts.metrics ? await serveMetrics(opts.metrics, opts.host ?? config.HOST, opts.metricsPort ?? metricsPort(config, opts.name), log) : undefined;
  } catch (err) {
    // The public listener is up already: close everything before failing the start.
    await dispose();
    throw err;
  }

  return {
    name: opts.name,
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    schema,
    cutConnections() {
      for (const socket of wsServer.clients) socket.terminate();
      httpServer.closeAllConnections();
    },
    dispose,
  };
}
