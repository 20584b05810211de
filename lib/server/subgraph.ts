/**
 * The subgraph server factory: one function that every subgraph's `server.ts`
 * calls with its schema, resolvers, rules and dependencies.
 *
 * What it guarantees for every subgraph:
 * - The schema is `buildSubgraphSchema` over `schema/<name>.graphql`, wrapped by
 *   the subgraph's graphql-shield rules (deny by default).
 * - No operation runs without a valid internal identity from the gateway, over
 *   HTTP (`x-internal-identity`) or graphql-ws (`connectionParams.internalIdentity`
 *   for the socket; an operation on it may name its own viewer in
 *   `extensions.internalIdentity`, verified per operation: the gateway carries
 *   many viewers' subscriptions on one socket).
 * - Every request gets a fresh context: viewer, request id, a child logger and
 *   fresh DataLoaders, so batching never leaks data between requests.
 * - Served by lib/server/httpServer.ts, as the gateway is: the fast path for
 *   JSON POSTs, request ids, `/health`, `/ready` (each backing service the
 *   subgraph names; 503 naming the ones that fail), graphql-ws with keep-alive
 *   pings, slow senders cut off, bounded bodies and socket messages.
 * - Every HTTP request has a deadline (SUBGRAPH_DEADLINE_MS) and is cancelled
 *   when the gateway hangs up: `context.signal` aborts, and from then on every
 *   list and entity field refuses to start (REQUEST_TIMEOUT), so a request
 *   whose answer can no longer be used stops fanning out into more store work.
 * - Metrics (lib/observability/metrics.ts) on a listener of their own, never on the
 *   subgraph's port: resolver errors by code, over HTTP and graphql-ws, beside
 *   whatever the subgraph registered on the same `ServiceMetrics`.
 * - `dispose()` closes the metrics listener and the WebSocket server, drains
 *   HTTP, stops Apollo; the caller owns the stores and disposes them after.
 */
import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import type http from 'node:http';
import type express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
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
import type { IRules } from 'graphql-shield';
import type { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ServiceConfig, SubgraphName } from '../config.js';
import { ErrorCode, appError, knownCode, makeFormatError } from '../errors.js';
import { allow, effectiveRule } from '../auth/shield.js';
import { IdentityVerifier, INTERNAL_IDENTITY_HEADER, type VerifiedIdentity, type Viewer } from '../auth/identity.js';
import type { Logger } from '../observability/logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { readSchema } from '../process/paths.js';
import { failSpan, openSpan, SpanKind, traceFields, tracingOn } from '../observability/tracing.js';
import { sharedEventSubscribe, type EventSharingStats, type EventVariant } from './eventSharing.js';
import { batchFramesOf } from './frameBatching.js';
import { startHttpServer, type ReadinessChecks, type RunningHttpServer } from './httpServer.js';

export type { ReadinessChecks } from './httpServer.js';

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


export interface SubgraphOptions<Ctx extends BaseContext> {
  name: SubgraphName;
  config: ServiceConfig;
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
  /**
   * Fields (`Type.field`) whose value never depends on the viewer once an
   * event reached a subscriber: an event is executed once for all the
   * subscriptions that select only these (lib/server/eventSharing.ts).
   */
  sharedEventFields?: readonly string[];
  /** Fields whose value depends on the viewer only through the case these name (eventSharing.ts): shared within each case. */
  sharedEventVariants?: Readonly<Record<string, EventVariant>>;
}

export interface RunningSubgraph extends RunningHttpServer {
  name: SubgraphName;
  schema: GraphQLSchema;
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

/**
 * An event executed for one subscriber is handed to the others, so each field
 * listed as shared (sharedEventFields and sharedEventVariants) must be one
 * every subscriber may read: its shield rule is `allow`. The subscription's
 * root field is the exception when it has no resolver of its own: shield then
 * checks its rule on `subscribe`, which every subscriber runs for itself. With
 * a resolver, shield would check it per event, in the context of whichever
 * subscriber executed it, so it must be `allow` as well. Throws at start with
 * the fields that are not.
 */
export function checkSharedEventRules(schema: GraphQLSchema, rules: IRules, names: readonly string[]): void {
  const root = schema.getSubscriptionType();
  const refused = names.filter((name) => {
    const [type = '', field = ''] = name.split('.');
    if (type === root?.name && !root.getFields()[field]?.resolve) return false;
    return effectiveRule(rules, type, field) !== allow;
  });
  if (refused.length) throw new Error(`sharedEventFields: the shield rule of ${refused.join(', ')} is not allow, so one subscriber's result could reach another who may not read it`);
}

export async function startSubgraph<Ctx extends BaseContext>(opts: SubgraphOptions<Ctx>): Promise<RunningSubgraph> {
  const { config, log } = opts;
  const production = config.NODE_ENV === 'production';
  const schema = buildSchema(opts.name, opts.resolvers, opts.permissions);
  const identities = new IdentityVerifier(config.INTERNAL_IDENTITY_SECRET);
  const baseFrom = (identity: VerifiedIdentity, requestId?: string, signal?: AbortSignal): BaseContext => {
    // The gateway's id for the request travels in the identity token.
    const rid = identity.requestId ?? requestId ?? randomUUID();
    return {
      requestId: rid,
      viewer: identity.viewer,
      log: log.child({ rid, ...traceFields() }),
      ...(identity.clientIp ? { clientIp: identity.clientIp } : {}),
      ...(signal ? { signal } : {}),
    };
  };

  const httpContext = async (req: http.IncomingMessage, res: http.ServerResponse, requestId: string): Promise<Ctx> => {
    const header = req.headers[INTERNAL_IDENTITY_HEADER];
    const identity = await identities.verify(Array.isArray(header) ? header[0] : header).catch((err: Error & { extensions?: Record<string, unknown> }) => {
      // Apollo answers errors thrown here as a top-level error; give it HTTP 401.
      err.extensions = { ...err.extensions, http: { status: 401 } };
      throw err;
    });
    return opts.createContext(baseFrom(identity, requestId, requestSignal(res)), { req, res });
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

  const formatError = makeFormatError(!production);
  const errorMetrics = opts.metrics ? resolverErrorMetrics(opts.metrics) : undefined;
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
  // Subscriptions whose selection is the same for every viewer execute each event once for all of them.
  let subscribeOnSocket = subscribe as (args: ExecutionArgs) => OperationResult;
  if (opts.sharedEventFields?.length) {
    if (opts.permissions) {
      // makeShield keeps the rules readable; a shield made otherwise cannot be checked, so it is refused.
      const rules = (opts.permissions as { rules?: IRules }).rules;
      if (!rules) throw new Error('sharedEventFields: the permissions carry no readable rules (make them with makeShield), so the shared fields cannot be checked');
      checkSharedEventRules(schema, rules, [...opts.sharedEventFields, ...Object.keys(opts.sharedEventVariants ?? {})]);
    }
    const sharing: EventSharingStats = { executed: 0, shared: 0 };
    subscribeOnSocket = sharedEventSubscribe(schema, new Set(opts.sharedEventFields), new Map(Object.entries(opts.sharedEventVariants ?? {})), sharing);
    opts.metrics?.counterFrom(
      'vidhub_subscription_events_total',
      'Events of subscriptions whose selection may be shared (sharedEventFields), by how each was answered: executed for its subscriber, or shared (the result executed for another subscriber of the same event).',
      ['execution'],
      () => [
        [{ execution: 'executed' }, sharing.executed],
        [{ execution: 'shared' }, sharing.shared],
      ],
    );
  }
  const serveWebSocket = (wsServer: WebSocketServer, keepAliveMs: number) => {
    // The gateway's one socket carries many subscriptions: an event's frames for all of them leave in a few writes, not one each.
    batchFramesOf(wsServer);
    return useServer<{ internalIdentity?: string }, { identity?: VerifiedIdentity; operations?: Map<string, VerifiedIdentity> }>(
      {
        schema,
        // The socket's identity is verified once, at connection_init; a socket
        // without a valid one is closed (4403 Forbidden) before any operation starts.
        onConnect: async (ctx) => {
          try {
            ctx.extra.identity = await identities.verify(ctx.connectionParams?.internalIdentity);
            return true;
          } catch {
            return false;
          }
        },
        // The gateway carries many viewers' subscriptions on one socket: each
        // names its viewer in `extensions.internalIdentity`, verified here, and
        // runs as that viewer. An operation whose identity does not verify is
        // refused on its own; the socket and its other operations go on.
        onSubscribe: async (ctx, id, payload) => {
          const named = payload.extensions?.internalIdentity;
          if (named === undefined) return undefined;
          try {
            (ctx.extra.operations ??= new Map()).set(id, await identities.verify(typeof named === 'string' ? named : undefined));
            return undefined;
          } catch (err) {
            return [appError(ErrorCode.UNAUTHENTICATED, `The operation's internal identity was refused: ${(err as Error).message}`)];
          }
        },
        onComplete: (ctx, id) => {
          ctx.extra.operations?.delete(id);
        },
        // A fresh context (and fresh DataLoaders) per operation on the socket.
        context: (ctx, id, payload, args) => {
          const identity = ctx.extra.operations?.get(id) ?? ctx.extra.identity;
          ctx.extra.operations?.delete(id);
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
        ...(tracingOn() ? { execute: traced(execute), subscribe: traced(subscribeOnSocket) } : { subscribe: subscribeOnSocket }),
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
      keepAliveMs,
    );
  };

  const { endpoint: _endpoint, ...server } = await startHttpServer<Ctx>(
    { service: opts.name, config, log, port: opts.port, ...(opts.host ? { host: opts.host } : {}), ...(opts.metricsPort !== undefined ? { metricsPort: opts.metricsPort } : {}) },
    ({ plugins }) => ({
      apollo: new ApolloServer<Ctx>({
        schema,
        introspection: !production,
        includeStacktraceInErrorResponses: !production,
        formatError,
        hideSchemaDetailsFromClientErrors: production,
        plugins: [...plugins, ...productionPlugins(production), ...(errorMetrics ? [errorMetrics.plugin] : [])],
      }),
      fastContext: (req, res, requestId) => () => httpContext(req, res, requestId),
      expressContext: httpContext,
      ...(opts.beforeGraphQL ? { beforeGraphQL: opts.beforeGraphQL } : {}),
      webSocket: serveWebSocket,
      readiness: opts.readiness,
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    }),
  );
  return { name: opts.name, schema, ...server };
}
