/**
 * How the gateway talks to a subgraph: every request carries the request id and
 * the viewer's internal identity (signed once per viewer, reused by each fetch
 * of its query plan). Requests to the user subgraph also carry the refresh
 * token from the HTTP-only cookie, and the user subgraph's session instructions
 * (tokens to set as cookies, or to clear) come back on a private header that is
 * consumed here and never forwarded to the client.
 *
 * This implements @apollo/gateway's `GraphQLDataSource` interface itself rather
 * than extending `RemoteGraphQLDataSource`: that class builds a node-fetch
 * `Headers` and a node-fetch `Request` for every fetch (4% of the gateway's CPU
 * under load, `bench/gateway.ts --profile`), and its fetcher call cannot carry
 * per-call facts (viewer, client abort signal) except through AsyncLocalStorage,
 * whose promise hooks then tax every promise of the process. What it did that
 * matters is kept: the same JSON body, non-2xx answers as GraphQL errors with
 * UNAUTHENTICATED/FORBIDDEN for 401/403, the subgraph's Cache-Control header
 * restricting the response's cache policy, and the gateway's own headers
 * (`apollo-federation-include-trace`) passed on.
 *
 * The call itself goes through the gateway's transport (gateway/transport/):
 * a JSON body, or, when the client's variables hold files, a multipart body
 * streamed from the client's upload; either way the same agent, timeout,
 * cancellation when the client goes away, and in-flight merge.
 *
 * Each fetch is timed into `vidhub_gateway_subgraph_fetch_duration_seconds`
 * by outcome, through observers bound once per data source.
 */
import { performance } from 'node:perf_hooks';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode, appError } from '../lib/errors.js';
import { INTERNAL_IDENTITY_HEADER, REQUEST_ID_HEADER } from '../lib/auth/identity.js';
import { REFRESH_TOKEN_HEADER, SESSION_HEADER, decodeSession } from '../lib/auth/session.js';
import type { GatewayContext } from './context.js';
import type { EntityCache, Representation } from './entityCache.js';
import type { FetchOutcome, GatewayMetrics } from './metrics.js';
import { ANY_VIEWER, SubgraphTimeoutError, mergeKey, multipartFetch, type MultipartFetch, type Operation, type SubgraphCall, type SubgraphHttp } from './transport/index.js';

const MUTATION = /^\s*mutation\b/;

export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly observe: Record<FetchOutcome, (seconds: number) => void> | undefined;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly http: SubgraphHttp,
    metrics?: GatewayMetrics,
    /** Answers viewer-independent entity fetches it has seen, until their entity changes (gateway/entityCache.ts). */
    private readonly entities?: EntityCache,
  ) {
    this.observe = metrics?.fetchObservers(name);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as GatewayContext | undefined;
    if (!request.query) throw new Error('Missing query');
    // A fetch whose answer is the same for every viewer (gateway/viewerIndependent.ts) may
    // share one request with other viewers' and be answered from the entity cache. It is
    // sent without the viewer's refresh cookie, and session instructions in its answer are
    // not applied: they would belong to whichever viewer's request was sent.
    const shared = !context?.multipart && !MUTATION.test(request.query) && context?.shareAcrossViewers?.(request.query, this.name) === true;

    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    // Requests without a client context (none today) carry no identity and are refused by the subgraph.
    if (context?.identityToken) {
      headers[REQUEST_ID_HEADER] = context.requestId;
      headers[INTERNAL_IDENTITY_HEADER] = await context.identityToken();
      if (this.name === 'user' && context.refreshCookie && !shared) headers[REFRESH_TOKEN_HEADER] = context.refreshCookie;
    }

    const operation: Operation = {
      query: request.query,
      ...(request.operationName ? { operationName: request.operationName } : {}),
      ...(request.variables ? { variables: request.variables } : {}),
      ...(request.extensions ? { extensions: request.extensions } : {}),
    };
    const representations = operation.variables?.representations;
    if (shared && this.entities && Array.isArray(representations)) {
      const answer = await this.entities.load(`${this.name}\u0000${request.query}`, representations as Representation[], (missing) =>
        this.send(options, context, headers, { ...operation, variables: { ...operation.variables, representations: missing } }, true),
      );
      // Entirely from the cache: no subgraph Cache-Control was seen, so the answer is taken as uncacheable.
      if (!('http' in answer) && 'incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, null);
      return answer as GatewayGraphQLResponse;
    }
    return this.send(options, context, headers, operation, shared);
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>, context: GatewayContext | undefined, headers: Record<string, string>, operation: Operation, shared: boolean): Promise<GatewayGraphQLResponse> {
    // Files exist only in a multipart request's own variables (transport/multipart.ts).
    const upload: MultipartFetch | undefined = context?.multipart ? multipartFetch(operation) : undefined;
    const call: SubgraphCall = upload ? { url: this.url, headers: { ...headers, ...upload.headers }, body: upload.body } : { url: this.url, headers, body: JSON.stringify(operation) };
    if (context?.signal) call.signal = context.signal;
    // Mutations and uploads are never merged: each must run once per request. Requests of
    // different viewers never share a response, except a fetch whose answer is the same for
    // every viewer.
    if (!upload && !MUTATION.test(operation.query)) call.mergeKey = mergeKey(this.url, shared ? ANY_VIEWER : context?.viewer, call.body as string);

    const started = performance.now();
    let response: FetcherResponse;
    try {
      response = await this.http.call(call);
    } catch (err) {
      this.observe?.[context?.signal?.aborted ? 'cancelled' : 'unavailable']((performance.now() - started) / 1000);
      const clientError = upload?.clientError();
      if (clientError) throw appError(ErrorCode.BAD_REQUEST, clientError.message, { http: { status: 400 } });
      context?.log?.warn({ err, subgraph: this.name }, 'subgraph request failed');
      // The subgraph stalled: no progress for SUBGRAPH_TIMEOUT_MS (transport/http.ts).
      if (err instanceof SubgraphTimeoutError) {
        throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${this.name} service did not answer within ${formatSeconds(err.timeoutMs)}; try again shortly.`);
      }
      // No response at all: the subgraph is down or unreachable (or the client went away).
      throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${this.name} service is unavailable; try again shortly.`);
    }
    if (!response.ok) {
      const refused = await parseBody(response).catch(() => undefined);
      this.observe?.error((performance.now() - started) / 1000);
      // A subgraph runs its own scalars: it refuses variables they reject (a
      // string where an Upload goes) with 400 and a GraphQL body whose errors
      // carry their codes. Those are the client's errors, passed on like any
      // other error of the subgraph's; without codes they would read as
      // INTERNAL_SERVER_ERROR.
      if (response.status !== 401 && response.status !== 403 && isCodedErrorBody(refused)) return { errors: refused.errors, http: response };
      throw errorFromResponse(response, refused);
    }
    const parsed = await parseBody(response);
    const valid = parsed && typeof parsed === 'object' && !Array.isArray(parsed);
    this.observe?.[valid && !('errors' in parsed) ? 'success' : 'error']((performance.now() - started) / 1000);
    if (!valid) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);

    if (this.name === 'user' && context?.applySession && !shared) {
      const header = response.headers.get(SESSION_HEADER);
      const instruction = header ? decodeSession(header) : null;
      if (instruction) context.applySession(instruction);
    }
    if ('incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, response.headers.get('cache-control'));
    return { ...(parsed as GatewayGraphQLResponse), http: response };
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function parseBody(response: FetcherResponse): Promise<unknown> {
  const type = response.headers.get('content-type');
  return type && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) ? response.json() : response.text();
}

/** A GraphQL answer made only of errors, each with `extensions.code`. */
function isCodedErrorBody(body: unknown): body is { errors: NonNullable<GatewayGraphQLResponse['errors']> } {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => typeof (e as { message?: unknown })?.message === 'string' && typeof (e as { extensions?: { code?: unknown } }).extensions?.code === 'string')
  );
}

/** A non-2xx answer, as @apollo/gateway reports it: `<status>: <text>` with the body in extensions. */
function errorFromResponse(response: FetcherResponse, body: unknown): GraphQLError {
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${response.status}: ${response.statusText}`, {
    extensions: { response: { url: response.url, status: response.status, statusText: response.statusText, body }, ...(code ? { code } : {}) },
  });
}

/** The subgraph's Cache-Control can only shorten or privatise the whole response's policy. */
function restrictCachePolicy(policy: GatewayCachePolicy | undefined, header: string | null) {
  if (!policy || !('restrict' in policy)) return;
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const directive of (header ?? '').split(',')) {
    const [name, value] = directive.trim().toLowerCase().split('=');
    if (name === 'max-age' && value && /^\d+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
}
