/**
 * Subscriptions over plain HTTP, beside graphql-ws, on the same /graphql path
 * and through the same bridge (subscriptions.ts): the same limits, per-user
 * count, authentication, upstream identity, ordering and access log.
 *
 * Two protocols, chosen by the request's `Accept` header:
 *
 * - **Multipart** (`multipart/mixed;subscriptionSpec=1.0`), Apollo's protocol
 *   and what Apollo Client's HttpLink sends for a subscription: a POST (or GET)
 *   answered with `multipart/mixed;boundary="graphql";subscriptionSpec="1.0"`,
 *   one part per event `{"payload":{"data":…,"errors":…}}`, a heartbeat part
 *   `{}` every MULTIPART_HEARTBEAT_MS, and the closing boundary when the
 *   subscription ends. Queries and mutations with this header are left to
 *   Apollo Server.
 * - **Server-Sent Events** (`text/event-stream` first in Accept), The Guild's
 *   GraphQL over SSE in its "distinct connections" mode (graphql-sse): one
 *   request per operation, `next` events and a `complete` event. Queries and
 *   mutations are served too (through Apollo Server, as over a socket).
 * - Clients that accept a stream among other types on every request (urql
 *   lists `text/event-stream` and `multipart/mixed` after JSON) get one for
 *   subscriptions only; their queries and mutations are Apollo Server's. The "single
 *   connection" mode is not offered: its reservations live in one process's
 *   memory and would not survive a load balancer sending the stream and the
 *   operations to different gateways; it answers 405.
 *
 * Authentication is an HTTP request's (bearer token, or the access cookie with
 * `x-device-id`), and a page using the cookie must come from an allowed origin,
 * as for a socket. A refused request is an ordinary JSON error answer with its
 * HTTP status (401, 403, 503, or 400 for a malformed or over-limit operation);
 * once streaming, errors arrive as events. A session revoked or an access
 * token expiring ends the stream with a last event carrying UNAUTHENTICATED.
 */
import type http from 'node:http';
import type express from 'express';
import { getOperationAST, parse, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { createHandler, type RequestParams } from 'graphql-sse';
import { ErrorCode, appError } from '../lib/errors.js';
import { DEVICE_ID_HEADER } from '../lib/auth/session.js';
import { codesOf, type AccessLog, type AccessEntry } from './access.js';
import { authenticateCredentials, isUnavailableError, type AccessVerifier, type RequestAuth } from './auth.js';
import type { SubscriptionBridge } from './subscriptions.js';

/** Apollo's multipart subscriptions: a heartbeat part while no event comes, so proxies keep the response open. @default 5 s */
export const MULTIPART_HEARTBEAT_MS = 5_000;

export interface HttpSubscriptionOptions {
  bridge: SubscriptionBridge;
  verifier: AccessVerifier;
  access: AccessLog;
  originAllowed: (origin: string, request: http.IncomingMessage) => boolean;
}

/** Whether a request asks for a streamed answer: it must go through express to this handler, never the JSON fast path. */
export function wantsStream(req: http.IncomingMessage): boolean {
  const accept = req.headers.accept;
  return accept !== undefined && (accept.includes('text/event-stream') || accept.includes('subscriptionSpec'));
}

/** The transports a subscription can use, for errors that refuse one sent elsewhere. */
export const SUBSCRIPTION_TRANSPORTS =
  'Subscriptions are served at this URL over WebSocket (graphql-transport-ws), Server-Sent Events (Accept: text/event-stream) or multipart HTTP (Accept: multipart/mixed;subscriptionSpec=1.0).';

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLError[],
  ) {
    super(errors[0]?.message);
  }
}

type StreamContext = {
  auth: RequestAuth;
  clientIp: string | undefined;
  /** Aborted when the client's response closes. */
  signal: AbortSignal;
};

export function httpSubscriptions(opts: HttpSubscriptionOptions): express.RequestHandler {
  const { bridge } = opts;

  /** Who is asking, as for any HTTP request; cookie users only from an allowed origin. */
  const authenticate = async (req: express.Request): Promise<RequestAuth> => {
    const origin = req.headers.origin;
    if (!req.headers.authorization && req.headers.cookie && origin !== undefined && !opts.originAllowed(origin, req)) {
      throw new Refusal(403, [appError(ErrorCode.FORBIDDEN, 'This origin may not use the session cookie: subscribe from an allowed origin or send a token.')]);
    }
    const device = req.headers[DEVICE_ID_HEADER];
    try {
      return await authenticateCredentials({ authorization: req.headers.authorization, cookieHeader: req.headers.cookie, deviceId: typeof device === 'string' ? device : undefined }, opts.verifier);
    } catch (err) {
      if (isUnavailableError(err)) throw new Refusal(503, [err as GraphQLError]);
      throw new Refusal(401, [err as GraphQLError]);
    }
  };

  /** The operation, checked against the limits; a refusal otherwise. */
  const operation = (params: Partial<RequestParams>): { document: DocumentNode; variables: Record<string, unknown>; operationName: string | undefined } => {
    if (typeof params.query !== 'string' || params.query === '') throw new Refusal(400, [appError(ErrorCode.BAD_REQUEST, 'The request has no "query": send the operation as "query", with "variables" and "operationName" if it has them.')]);
    const variables = params.variables && typeof params.variables === 'object' ? (params.variables as Record<string, unknown>) : {};
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const checked = bridge.check(params.query, variables, operationName);
    if ('errors' in checked) throw new Refusal(400, checked.errors);
    return { document: checked.document, variables, operationName };
  };

  /** A refusal's JSON body, shaped for the client; its codes go to the request's access line. */
  const refusalBody = (res: express.Response, refusal: Refusal): string => {
    const errors = bridge.present(refusal.errors);
    (res.locals.access as AccessEntry).codes = codesOf(errors);
    return JSON.stringify({ errors });
  };

  const sse = createHandler<unknown, { res: express.Response }, StreamContext>({
    onSubscribe: async (req, params) => {
      const raw = req.raw as express.Request;
      const res = req.context.res;
      try {
        const auth = await authenticate(raw);
        const { document, variables, operationName } = operation(params);
        return { schema: bridge.schema, document, variableValues: variables, operationName: operationName ?? null, contextValue: { auth, clientIp: raw.ip, signal: abortedOnClose(res) } };
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        return [refusalBody(res, err), { status: err.status, statusText: '', headers: { 'content-type': 'application/json; charset=utf-8' } }];
      }
    },
    execute: (args) => {
      const c = args.contextValue as StreamContext;
      return bridge.execute(c.auth, c.clientIp, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName ?? undefined, 'sse');
    },
    subscribe: (args) => {
      const c = args.contextValue as StreamContext;
      return bridge.serveHttp(c.auth, c.clientIp, 'sse', args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, c.signal);
    },
  });

  /** GraphQL over SSE, distinct connections mode, through graphql-sse's handler. */
  const serveSse = async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const entry = res.locals.access as AccessEntry;
    // The single connection mode's reservation (PUT) and its token header.
    if (req.method === 'PUT' || req.headers['x-graphql-event-stream-token'] !== undefined) {
      res.status(405).type('application/json').send(JSON.stringify({ errors: [{ message: 'Only the distinct connections mode of GraphQL over SSE is served: send each operation as its own request.', extensions: { code: ErrorCode.BAD_REQUEST } }] }));
      return;
    }
    try {
      const [body, init] = await sse({
        method: req.method,
        url: req.originalUrl,
        headers: {
          get: (key: string) => {
            // The handler streams only when Accept is exactly this; here the client accepts it (perhaps among others).
            if (key === 'accept') return 'text/event-stream';
            const value = req.headers[key];
            return Array.isArray(value) ? value.join('\n') : value;
          },
        },
        body: () => Promise.resolve(req.body ?? ''),
        raw: req,
        context: { res },
      });
      res.writeHead(init.status, init.statusText, init.headers as http.OutgoingHttpHeaders);
      if (!body || typeof body === 'string') {
        res.end(body);
        return;
      }
      // Marks the request as answered by this path: the access line is the bridge's (or Apollo's), not a second one.
      entry.written = true;
      res.once('close', () => void body.return(undefined));
      for await (const chunk of body) {
        if (!res.writable) break;
        res.write(chunk);
      }
      res.end();
    } catch (err) {
      next(err);
    }
  };

  /** Apollo's multipart protocol: subscriptions only. */
  const serveMultipart = async (req: express.Request, res: express.Response, next: express.NextFunction, params: Partial<RequestParams>) => {
    const entry = res.locals.access as AccessEntry;
    let op: ReturnType<typeof operation>;
    let auth: RequestAuth;
    try {
      auth = await authenticate(req);
      op = operation(params);
    } catch (err) {
      if (err instanceof Refusal) return void res.status(err.status).type('application/json').send(refusalBody(res, err));
      throw err;
    }
    if (!bridge.isSubscription(op.document, op.operationName)) return next();
    entry.written = true;
    await streamMultipart(res, bridge.serveHttp(auth, req.ip, 'multipart', op.document, op.variables, op.operationName, abortedOnClose(res)));
  };

  return async (req, res, next) => {
    const accept = req.headers.accept ?? '';
    const params = ((req.method === 'GET' ? queryParams(req.query) : req.body) ?? {}) as Partial<RequestParams>;
    // A GraphQL over SSE client asks for the event stream first (graphql-sse sends only that): everything it sends streams.
    if (preferredType(accept) === 'text/event-stream') return serveSse(req, res, next);
    // Apollo Client sends this parameter only with subscriptions (a refused operation is answered here, as JSON).
    if (accept.includes('subscriptionSpec')) return serveMultipart(req, res, next, params);
    // Clients that list the streaming types among others for every request (urql) stream subscriptions only.
    if ((accept.includes('text/event-stream') || accept.includes('multipart/mixed')) && isSubscriptionRequest(params)) {
      return accept.includes('text/event-stream') ? serveSse(req, res, next) : serveMultipart(req, res, next, params);
    }
    next();
  };
}

/** The media type a client lists first in Accept (clients list their preference first; q-values are not weighed). */
function preferredType(accept: string): string {
  return (accept.split(',')[0] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether the request's operation is a subscription: checked only for documents that mention the word. */
function isSubscriptionRequest(params: Partial<RequestParams>): boolean {
  if (typeof params.query !== 'string' || !params.query.includes('subscription')) return false;
  try {
    return getOperationAST(parse(params.query), typeof params.operationName === 'string' ? params.operationName : undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

/** GET parameters: `variables` and `extensions` arrive as JSON strings. */
function queryParams(query: express.Request['query']): Partial<RequestParams> {
  const json = (v: unknown) => {
    if (typeof v !== 'string') return undefined;
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  return {
    ...(typeof query.query === 'string' ? { query: query.query } : {}),
    ...(typeof query.operationName === 'string' ? { operationName: query.operationName } : {}),
    ...(json(query.variables) ? { variables: json(query.variables) } : {}),
  };
}

function abortedOnClose(res: http.ServerResponse): AbortSignal {
  const closed = new AbortController();
  res.once('close', () => closed.abort());
  return closed.signal;
}

/** Apollo's multipart subscription answer: each part is followed at once by the next boundary, so the client can read it without waiting. */
async function streamMultipart(res: http.ServerResponse, events: AsyncGenerator<ExecutionResult>): Promise<void> {
  res.writeHead(200, {
    'content-type': 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
    'cache-control': 'no-cache, no-store',
    // Proxies (nginx) must pass each part on as it comes.
    'x-accel-buffering': 'no',
  });
  const part = (json: string) => res.write(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}\r\n--graphql`);
  res.write('\r\n--graphql');
  const heartbeat = setInterval(() => part('{}'), MULTIPART_HEARTBEAT_MS);
  try {
    for await (const result of events) {
      if (!res.writable) break;
      part(JSON.stringify({ payload: result }));
    }
  } finally {
    clearInterval(heartbeat);
    if (res.writable) res.end('--\r\n');
  }
}
