/**
 * Subscriptions through the gateway.
 *
 * @apollo/gateway plans subscriptions but does not execute them. This bridge
 * serves graphql-ws on the gateway's /graphql path and, for each subscription:
 *
 * 1. plans it with the gateway's query planner (same supergraph, same planner
 *    version). A subscription plan is a `primary` fetch to the owning subgraph
 *    plus an optional `rest` (entity fetches to other subgraphs);
 * 2. sends the primary fetch to the owning subgraph over graphql-ws, on the
 *    gateway's shared socket to that subgraph, as an operation that names this
 *    viewer (its `extensions.internalIdentity`, signed for this subscription
 *    alone and checked by the subgraph; gateway/transport/ws.ts);
 * 3. for every event, runs the `rest` of the plan through the gateway's own
 *    `executeQueryPlan`, seeded with the event: the plan is rewritten as
 *    [fetch from a one-event data source, rest], so entity fetches, merging and
 *    response shaping are the gateway's, not a copy of them. When `rest` is
 *    empty (a token stream selecting only the owner's fields) no fetch is made.
 *    When `rest` reads nothing that depends on the viewer, an event is resolved
 *    once and its result answers the other subscribers of the same event
 *    (gateway/sharedEvents.ts);
 * 4. writes each result to the client's socket as graphql-ws would, the
 *    result's JSON made once for all who receive it (gateway/nextFrames.ts).
 *    An event whose result is already resolved, arriving while the
 *    subscription has nothing under way, is written as its frame arrives.
 *
 * Events are delivered in the order the subgraph sent them: the next event is
 * not read until the previous one has been resolved and handed to the client.
 *
 * Closing: when the client stops a subscription or disconnects, the upstream
 * subscription is completed upstream (the shared socket closes once idle). When the
 * upstream ends abnormally (subgraph restart), the client gets one error event
 * with code UPSTREAM_UNAVAILABLE and the subscription completes, so it can
 * resubscribe (with `afterSeq` where the field supports resuming).
 *
 * Authorization: connection_init is authenticated like an HTTP request
 * (`authorization` / `deviceId` connection params, or the cookies of the
 * upgrade request); a bad bearer token closes the socket with 4401, and the
 * socket is closed with 4401 when the access token expires; a session that
 * cannot be checked because Redis is away closes it with 1013 (try again later). A socket that
 * authenticates by cookie must come from an allowed Origin (CORS_ORIGINS, or
 * the gateway's own host): a page elsewhere cannot ride the victim's cookie
 * (4403). Subgraphs enforce their own rules on every subscription.
 *
 * Limits: every operation on a socket passes the same operation limits as over
 * HTTP (gateway/limits.ts); a socket holds at most WS_MAX_SUBSCRIPTIONS_PER_SOCKET
 * operations at once and a user (or, signed out, a client address) at most
 * WS_MAX_SUBSCRIPTIONS_PER_USER subscriptions on this instance; messages are at
 * most WS_MAX_PAYLOAD_BYTES. A refused operation gets an `error` message with
 * its code and the socket, with its other subscriptions, stays open.
 *
 * Access log (gateway/access.ts): a refused connection gets a warn line; every
 * operation gets one line, a subscription when it ends (its lifetime and the
 * number of results delivered), a refused operation when it is refused.
 */
import { randomUUID } from 'node:crypto';
import { context, type Context } from '@opentelemetry/api';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, getOperationAST, print, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocketServer } from 'ws';
import type { Config } from '../lib/config.js';
import { ErrorCode, appError } from '../lib/errors.js';
import { codesOf, type AccessLog, type Transport } from './access.js';
import type { IdentityTokenCache } from '../lib/auth/identity.js';
import type { Logger } from '../lib/observability/logger.js';
import { cancellable } from '../lib/iterators.js';
import { extractTrace, failSpan, inSpan, injectTrace, openSpan, SpanKind, traceFields } from '../lib/observability/tracing.js';
import { authenticateCredentials, isUnavailableError, type AccessVerifier, type RequestAuth } from './auth.js';
import type { GatewayContext } from './context.js';
import { checkOperation, limitError, type OperationLimits } from './limits.js';
import type { GatewayMetrics } from './metrics.js';
import { NextFrames } from './nextFrames.js';
import { UpstreamSubscription, type SubgraphSockets } from './transport/index.js';
import { finiteNumberLiterals } from './requestChecks.js';
import { eventResolution, planningState, resolveEvent, reusableResult, subscriptionPlan, toGraphQLErrors, upstreamFailure, type EventResolution, type PlanningState } from './subscriptionPlans.js';
import type { EntityVersion, SharedEventStats } from './sharedEvents.js';
import { refuseServerMessages, SessionSockets, TRY_AGAIN_LATER, type OperationValue, type SocketExtra } from './subscriptionSockets.js';

export interface BridgeOptions {
  config: Config;
  log: Logger;
  verifier: AccessVerifier;
  gateway: ApolloGateway;
  apollo: ApolloServer<GatewayContext>;
  /** The HTTP data sources by subgraph name (the gateway's own), used for the entity fetches of each event. */
  dataSources: Readonly<Record<string, GraphQLDataSource<GatewayContext>>>;
  /** graphql-ws sockets to subgraphs, for the primary fetch of each subscription (gateway/transport/ws.ts). */
  upstream: SubgraphSockets;
  /** Internal identity tokens per viewer, shared with the HTTP path. */
  identities: IdentityTokenCache;
  limits: OperationLimits;
  /** The gateway's formatError: what leaves over the socket is shaped as over HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The client's address for an upgrade request (TRUST_PROXY applies). */
  clientAddress: (request: http.IncomingMessage) => string | undefined;
  /** Whether a browser page at `origin` may use the session cookie (CORS_ORIGINS or same host). */
  originAllowed: (origin: string, request: http.IncomingMessage) => boolean;
  access: AccessLog;
  metrics: GatewayMetrics;
  /** The entity cache's version: events whose plan reads only what it watches are resolved once for all their subscribers (sharedEvents.ts). */
  entities?: EntityVersion;
}

/** A subscription's primary fetch, running on the owning subgraph, and how each of its events is resolved. */
interface Upstream {
  events: UpstreamSubscription<Record<string, unknown>>;
  /** The subgraph that owns the subscription. */
  service: string;
  resolve: EventResolution;
  traceContext: Context | undefined;
}

export class SubscriptionBridge {
  private state?: PlanningState;
  private wsServer?: WebSocketServer;
  private cleanup?: { dispose(): void | Promise<void> };
  /** Open sockets by session family, closed when their session is revoked. */
  private readonly sessions = new SessionSockets();
  private stopRevocations?: () => void;
  /** Subscriptions running per user (or client address), on this instance. */
  private readonly perUser = new Map<string, number>();
  /** The context the bridge started listening in: spans of socket operations start from it. */
  private traceBase: Context = context.active();
  /** Subscriptions running on this instance (a gauge). */
  activeSubscriptions = 0;
  /** Events answered with a result resolved for another subscriber (sharedEvents.ts). */
  readonly sharedEvents: SharedEventStats = { reused: 0 };

  /** graphql-ws sockets open now (a gauge). */
  get openSockets(): number {
    return this.wsServer?.clients.size ?? 0;
  }

  /**
   * True when `query`, sent to `subgraph`, answers the same for every viewer
   * (an entity fetch of @viewerIndependent fields only): the HTTP path shares
   * such fetches across viewers as the bridge does. False until the schema is loaded.
   */
  shareable(query: string, subgraph: string): boolean {
    return this.state?.independence.shareable(query, subgraph) ?? false;
  }

  /** Must run before `apollo.start()` so the first schema load is seen. */
  constructor(private readonly opts: BridgeOptions) {
    opts.gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      this.state = planningState(coreSupergraphSdl, opts.entities, this.sharedEvents);
    });
  }

  /** Serves graphql-ws on `wsServer` (the gateway's, at /graphql), pinging each socket every `keepAliveMs`. */
  listen(wsServer: WebSocketServer, keepAliveMs: number): void {
    const { log, verifier } = this.opts;
    // Socket messages do not reliably run in the context the gateway started in
    // (lib/observability/tracing.ts names the service there): their spans start from this one.
    this.traceBase = context.active();
    this.wsServer = wsServer;
    // Signing out (or a detected token theft) ends the session's live subscriptions too.
    const stopRevoked = verifier.revocations.onRevoked((familyId) => this.sessions.close(familyId, CloseCode.Unauthorized, 'This session has ended: sign in again.'));
    // Back from a Redis disconnect: revocations published meanwhile were missed; ask about every open session.
    const stopResync = verifier.revocations.onResync(() => {
      for (const familyId of this.sessions.families()) void verifier.revocations.isRevoked(familyId).catch(() => undefined);
    });
    this.stopRevocations = () => {
      stopRevoked();
      stopResync();
    };
    this.cleanup = useServer<Record<string, unknown>, SocketExtra>(
      {
        schema: () => this.requireState().apiGraphQLSchema,
        jsonMessageReviver: refuseServerMessages,
        onConnect: async (ctx) => {
          const params = ctx.connectionParams ?? {};
          const authorization = typeof params.authorization === 'string' ? params.authorization : typeof params.Authorization === 'string' ? params.Authorization : undefined;
          const request = ctx.extra.request;
          const origin = request.headers.origin;
          // Cookies go with a cross-site WebSocket handshake (SameSite=Lax lets a sibling subdomain through): only the platform's own pages may use them.
          const clientIp = this.opts.clientAddress(request);
          if (!authorization && request.headers.cookie && origin !== undefined && !this.opts.originAllowed(origin, request)) {
            this.opts.access.socketRefused(ErrorCode.FORBIDDEN, clientIp, 'origin may not use the session cookie');
            ctx.extra.socket.close(CloseCode.Forbidden, 'This origin may not use the session cookie: connect from an allowed origin or send a token.');
            return false;
          }
          if (clientIp) ctx.extra.clientIp = clientIp;
          try {
            ctx.extra.auth = await authenticateCredentials(
              {
                authorization,
                cookieHeader: ctx.extra.request.headers.cookie,
                deviceId: typeof params.deviceId === 'string' ? params.deviceId : undefined,
              },
              verifier,
            );
          } catch (err) {
            // Redis away: 1013 (Try Again Later), which graphql-ws clients retry, unlike 4401 which means "refresh your token".
            const unavailable = isUnavailableError(err);
            this.opts.access.socketRefused(unavailable ? ErrorCode.UPSTREAM_UNAVAILABLE : ErrorCode.UNAUTHENTICATED, clientIp, (err as Error).message.slice(0, 120));
            ctx.extra.socket.close(unavailable ? TRY_AGAIN_LATER : CloseCode.Unauthorized, (err as Error).message.slice(0, 120));
            return false;
          }
          // The client may have gone while its token was checked (onClose has run): register nothing.
          if (ctx.extra.closed) return false;
          this.sessions.add(ctx.extra.auth.viewer.familyId, ctx.extra.socket);
          const expiresAt = ctx.extra.auth.expiresAt;
          if (expiresAt) {
            const socket = ctx.extra.socket;
            ctx.extra.expiryTimer = setTimeout(() => socket.close(CloseCode.Unauthorized, 'Access token expired: refresh it and reconnect.'), Math.max(0, expiresAt * 1000 - Date.now()));
            ctx.extra.expiryTimer.unref();
          }
          return true;
        },
        onClose: (ctx) => {
          ctx.extra.closed = true;
          clearTimeout(ctx.extra.expiryTimer);
          this.sessions.delete(ctx.extra.auth?.viewer.familyId, ctx.extra.socket);
        },
        // Every operation on the socket is measured against the limits before it runs.
        onSubscribe: (ctx, id, payload) => {
          const extra = ctx.extra;
          const start = performance.now();
          const refuse = (errors: readonly GraphQLError[]) => {
            const presented = this.present(errors);
            this.opts.access.record({
              rid: randomUUID(),
              name: payload.operationName,
              resolved: false,
              type: 'unknown',
              transport: 'ws',
              start,
              codes: codesOf(presented),
              userId: extra.auth?.viewer.userId ?? undefined,
              clientIp: extra.clientIp,
            });
            return presented;
          };
          if (Object.keys(ctx.subscriptions).length > this.opts.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
            const max = this.opts.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
            return refuse([limitError('subscriptionsPerSocket', max, undefined, `A socket may run ${max} operations at once; complete one first or open another socket.`)]);
          }
          const checked = this.check(payload.query, payload.variables ?? undefined, payload.operationName ?? undefined);
          if ('errors' in checked) return refuse(checked.errors);
          const args: ExecutionArgs = {
            schema: this.requireState().apiGraphQLSchema,
            document: checked.document,
            variableValues: payload.variables ?? {},
            operationName: payload.operationName ?? null,
            // The client's trace context (W3C traceparent in the payload's extensions), when it sends one.
            contextValue: { extra, trace: payload.extensions, id, socket: ctx.extra.socket } satisfies OperationValue,
          };
          return args;
        },
        // Queries and mutations over the socket run through Apollo Server as over HTTP.
        execute: async (args) => {
          const { extra, trace } = args.contextValue as OperationValue;
          return this.execute(extra.auth!, extra.clientIp, args.document, args.variableValues as Record<string, unknown>, args.operationName ?? undefined, 'ws', trace);
        },
        // Results are written to the socket by the bridge (nextFrames.ts); graphql-ws sees an iterator that ends when the subscription does.
        subscribe: (args) => {
          const { extra, trace, id, socket } = args.contextValue as OperationValue;
          const frames = new NextFrames(socket, id);
          return cancellable((signal) =>
            frames.relay(
              this.subscribe(extra, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, signal, trace, (result) =>
                frames.tryWrite(result),
              ),
            ),
          );
        },
        context: (ctx) => ({ extra: ctx.extra }),
      },
      this.wsServer,
      keepAliveMs,
    );
    log.debug('subscription bridge listening');
  }

  /**
   * Drops every client socket at once, with no close handshake: to clients it
   * looks like a crash (fault-injection tests; the sockets to subgraphs are the
   * transport's, `SubgraphSockets.destroy`). `dispose()` still has to be called after.
   */
  cutConnections(): void {
    for (const socket of this.wsServer?.clients ?? []) socket.terminate();
  }

  async dispose(): Promise<void> {
    this.stopRevocations?.();
    // Closes every socket (1001) and the WebSocketServer.
    await this.cleanup?.dispose();
  }

  /** The public API's schema, as clients see it. */
  get schema(): GraphQLSchema {
    return this.requireState().apiGraphQLSchema;
  }

  /** An operation measured against the limits, as every operation on a socket is: the parsed document, or the errors (not yet shaped). */
  check(query: string, variables: Record<string, unknown> | undefined, operationName: string | undefined): { document: DocumentNode } | { errors: GraphQLError[] } {
    return checkOperation(this.requireState().apiGraphQLSchema, query, variables, operationName, this.opts.limits, [finiteNumberLiterals]);
  }

  /** Whether an operation of the document is a subscription. */
  isSubscription(document: DocumentNode, operationName: string | undefined): boolean {
    return getOperationAST(document, operationName)?.operation === 'subscription';
  }

  /** A query or mutation sent over a subscription transport: run through Apollo Server as over HTTP, with its access line. */
  async execute(
    auth: RequestAuth,
    clientIp: string | undefined,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
    transport: Transport = 'ws',
    /** The client's W3C trace context, when it sent one. */
    trace?: unknown,
  ): Promise<ExecutionResult> {
    const operation = getOperationAST(document, operationName);
    const type = operation?.operation ?? 'operation';
    const response = await inSpan(`${type}${operation?.name ? ` ${operation.name.value}` : ''}`, { kind: SpanKind.SERVER, parent: extractTrace(trace, this.traceBase) }, () =>
      this.opts.apollo.executeOperation(
        { query: document, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) },
        { contextValue: this.context(auth, clientIp, undefined, undefined, transport) },
      ),
    );
    if (response.body.kind !== 'single') return { errors: [new GraphQLError('Incremental delivery is not supported on this transport.')] };
    // Apollo hands back formatted (plain) errors; graphql-ws and graphql-sse serialise GraphQLErrors.
    const { errors, ...rest } = response.body.singleResult;
    return { ...(rest as ExecutionResult), ...(errors ? { errors: toGraphQLErrors(errors) } : {}) };
  }

  /** Errors about to leave for a client, shaped by the gateway's formatError (no internals in production). */
  present(errors: readonly GraphQLError[]): GraphQLError[] {
    return toGraphQLErrors(errors.map((e) => this.opts.formatError(e instanceof GraphQLError ? e.toJSON() : (e as GraphQLFormattedError), e)));
  }

  /**
   * One subscription for a client over plain HTTP (a multipart or an SSE
   * response, httpSubscriptions.ts), served as a socket's are: the same plan,
   * limits, per-user count, upstream identity and access line. It ends when
   * `signal` aborts (the client went away), or, like a socket, when the
   * session is revoked or the access token expires: then with a last event
   * carrying UNAUTHENTICATED, so the client refreshes and subscribes again.
   */
  async *serveHttp(
    auth: RequestAuth,
    clientIp: string | undefined,
    transport: Transport,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<ExecutionResult> {
    const extra: SocketExtra = { auth, clientIp, transport, upstream: new Map() };
    const ended = new AbortController();
    const clientGone = () => ended.abort();
    signal.addEventListener('abort', clientGone, { once: true });
    let endedBy: string | undefined;
    const session = {
      close: (_code: number, reason: string) => {
        endedBy = reason;
        ended.abort();
      },
    };
    const familyId = auth.viewer.familyId;
    this.sessions.add(familyId, session);
    const expiry = auth.expiresAt ? setTimeout(() => session.close(CloseCode.Unauthorized, 'Access token expired: refresh it and subscribe again.'), Math.max(0, auth.expiresAt * 1000 - Date.now())) : undefined;
    expiry?.unref();
    try {
      if (signal.aborted) return;
      // Its span continues the HTTP request's trace.
      yield* this.subscribe(extra, document, variables, operationName, ended.signal, injectTrace());
      if (endedBy && !signal.aborted) yield { errors: this.present([appError(ErrorCode.UNAUTHENTICATED, endedBy)]) };
    } finally {
      clearTimeout(expiry);
      signal.removeEventListener('abort', clientGone);
      this.sessions.delete(familyId, session);
    }
  }

  private requireState(): PlanningState {
    if (!this.state) throw new Error('supergraph not loaded yet');
    return this.state;
  }

  /** An event's errors (from subgraphs and entity fetches) leave shaped as over HTTP: no internal URL or body in production. */
  private shaped(result: ExecutionResult): ExecutionResult {
    return result.errors?.length ? { ...result, errors: this.present(result.errors) } : result;
  }

  /**
   * The context of an operation on a socket or a stream (`logged`: it gets an access line, with that transport)
   * or of one event of a subscription (with the subscription's request id).
   */
  private context(auth: RequestAuth, clientIp: string | undefined, shareAcrossViewers?: (query: string, subgraph: string) => boolean, rid?: string, logged?: Transport): GatewayContext {
    const requestId = rid ?? randomUUID();
    return {
      requestId,
      viewer: auth.viewer,
      log: this.opts.log.child({ rid: requestId, ...traceFields() }),
      // The same cache as HTTP requests: one token per viewer, re-signed before it expires.
      identityToken: () => this.opts.identities.get(auth.viewer, clientIp),
      ...(shareAcrossViewers ? { shareAcrossViewers } : {}),
      ...(logged ? { access: this.opts.access.socket(requestId, clientIp, logged) } : {}),
    };
  }

  private async *subscribe(
    extra: SocketExtra,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    signal: AbortSignal,
    parentTrace: unknown,
    /** Writes a result to the client at once, if the transport can (nextFrames.ts): events already resolved for another subscriber then skip this generator. */
    writeNow?: (result: ExecutionResult) => boolean,
  ): AsyncGenerator<ExecutionResult> {
    const start = performance.now();
    // One request id for the subscription: its access line and the subgraph fetches of all its events.
    const rid = randomUUID();
    const operation = getOperationAST(document, operationName);
    // One span for the subscription's life (tracing on): the upstream operation and every event's fetches are in it.
    const traced = openSpan(`subscription${operation?.name ? ` ${operation.name.value}` : ''}`, { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': 'subscription' } }, parentTrace, this.traceBase);
    const codes: string[] = [];
    let events = 0;
    const record = () =>
      this.opts.access.record({
        rid,
        traceId: traced?.traceId,
        name: operation?.name?.value ?? operationName,
        resolved: operation != null,
        type: 'subscription',
        transport: extra.transport ?? 'ws',
        start,
        codes,
        userId: extra.auth?.viewer.userId ?? undefined,
        clientIp: extra.clientIp,
        events,
      });
    // Counted from the generator's first step (synchronous, so the check and the count cannot interleave).
    const who = extra.auth?.viewer.userId ?? `ip:${extra.clientIp ?? 'unknown'}`;
    const running = this.perUser.get(who) ?? 0;
    const max = this.opts.config.WS_MAX_SUBSCRIPTIONS_PER_USER;
    if (running >= max) {
      codes.push(ErrorCode.OPERATION_LIMIT_EXCEEDED);
      record();
      traced?.span.end();
      throw limitError('subscriptionsPerUser', max, undefined, `At most ${max} subscriptions may run at once per user; complete one first.`);
    }
    this.perUser.set(who, running + 1);
    this.activeSubscriptions++;
    // One loop from the upstream event to the client (no generator in between: this runs once per event and subscriber).
    let upstream: Upstream | undefined;
    try {
      // An event that arrives while this subscription has nothing under way and whose result another subscriber's resolution already made is written at once.
      const instant = writeNow
        ? (result: ExecutionResult) => {
            if (!writeNow(result)) return false;
            events++;
            this.sharedEvents.reused++;
            this.opts.metrics.subscriptionEvent();
            return true;
          }
        : undefined;
      upstream = await this.openUpstream(extra, document, variables, operationName, signal, rid, traced?.ctx, instant);
      const { events: steps, service, resolve, traceContext } = upstream;
      for (;;) {
        const next = await steps.next();
        if ('done' in next) return;
        const result =
          'failed' in next
            ? this.shaped(upstreamFailure(service, next.failed))
            : this.shaped(await (traceContext ? context.with(traceContext, () => this.resolveEvent(extra, next.event, resolve)) : this.resolveEvent(extra, next.event, resolve)));
        events++;
        this.opts.metrics.subscriptionEvent();
        if (result.errors) for (const code of codesOf(result.errors)) if (!codes.includes(code)) codes.push(code);
        yield result;
        if ('failed' in next) return;
      }
    } catch (err) {
      const code = (err as GraphQLError).extensions?.code;
      codes.push(typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR);
      if (traced) failSpan(traced.span, err);
      throw err;
    } finally {
      upstream?.events.dispose();
      traced?.span.end();
      this.activeSubscriptions--;
      const left = (this.perUser.get(who) ?? 1) - 1;
      if (left > 0) this.perUser.set(who, left);
      else this.perUser.delete(who);
      record();
    }
  }

  /** Plans the subscription and starts its primary fetch on the owning subgraph's shared socket. */
  private async openUpstream(
    extra: SocketExtra,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    signal: AbortSignal,
    rid: string,
    traceContext: Context | undefined,
    /** Takes an event's result already resolved for another subscriber, at once: true when it did. */
    instant?: (result: ExecutionResult) => boolean,
  ): Promise<Upstream> {
    const query = print(document);
    const state = this.requireState();
    const node = subscriptionPlan(state, document, operationName, query);
    const { primary } = node;
    const upstreamVariables = Object.fromEntries((primary.variableUsages ?? []).filter((v) => v in variables).map((v) => [v, variables[v]]));
    // The subgraph continues the subscription's trace from the payload's extensions (lib/server/subgraph.ts).
    const upstreamTrace = traceContext ? injectTrace(traceContext) : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) throw new Error('operation not found');
    const resolve = eventResolution(state, node, document, operationName, variables, query, rid);
    // The subgraph runs the operation as this viewer (the shared socket itself names nobody: transport/ws.ts).
    const internalIdentity = await this.opts.upstream.operationIdentity(extra.auth!.viewer, rid);
    const reuse =
      instant && resolve.sharedKey
        ? (event: FormattedExecutionResult<Record<string, unknown>, unknown>) => {
            const result = reusableResult(event, resolve);
            return result !== undefined && instant(result);
          }
        : undefined;
    const events = new UpstreamSubscription<Record<string, unknown>>(
      this.opts.upstream.subgraph(primary.serviceName),
      { query: primary.operation, variables: upstreamVariables, extensions: { ...upstreamTrace, internalIdentity } },
      signal,
      reuse,
    );
    return { events, service: primary.serviceName, resolve, traceContext };
  }

  /** Runs the rest of the plan for one event, seeded with the event's data, in the context of the subscriber. */
  private resolveEvent(extra: SocketExtra, event: FormattedExecutionResult<Record<string, unknown>, unknown>, r: EventResolution): Promise<ExecutionResult> {
    return resolveEvent(this.opts.dataSources, () => this.context(extra.auth!, extra.clientIp, r.shareAcrossViewers, r.rid), event, r);
  }
}
