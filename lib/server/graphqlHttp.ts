/**
 * Serving a GraphQL JSON POST straight from node's http server, without express.
 *
 * Express (router, body-parser, raw-body and the Apollo express integration)
 * is a large share of a service's CPU per request, so the gateway and every
 * subgraph answer the common request — a JSON POST to /graphql — here, and
 * hand everything else (GET, multipart uploads, CORS preflights, /health,
 * /ready) to express. Both paths run the same Apollo server with the same
 * context function.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** A charset other than UTF-8 (express refuses it with 415). */
const FOREIGN_CHARSET = /;\s*charset\s*=\s*"?(?!utf-8\b)/i;

/**
 * A POST to /graphql with a plain UTF-8 JSON body. Compressed bodies and other
 * charsets go through express, which inflates or refuses them.
 */
export function isJsonGraphQLPost(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  return (
    req.method === 'POST' &&
    (req.url === '/graphql' || req.url?.startsWith('/graphql?') === true) &&
    type?.startsWith('application/json') === true &&
    !FOREIGN_CHARSET.test(type) &&
    (encoding === undefined || encoding === 'identity')
  );
}

/** The whole body, or null once it passes `limit` (the rest is then discarded unread). */
function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A client that trickles its body holds a socket and a buffer: give it a deadline.
    const timer = setTimeout(() => reject(Object.assign(new Error('request body timed out'), { bodyTimeout: true })), timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.once('end', () => clearTimeout(timer));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(Object.assign(new Error('the client closed the request before sending all of it'), { clientGone: true }));
    });
  });
}

export function sendError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

function bodyTimedOut(res: ServerResponse, timeoutMs: number) {
  res.setHeader('connection', 'close');
  sendError(res, 408, 'REQUEST_TIMEOUT', `The request body was not received within ${Math.round(timeoutMs / 1000)} s.`);
  res.once('finish', () => res.destroy());
}

/**
 * Express middleware: the same body deadline for requests express reads
 * (browser JSON POSTs, compressed bodies). Multipart uploads are bounded by the
 * server's whole-request timeout instead: a 32 MiB chunk may take a while.
 */
export function bodyDeadline(timeoutMs: number) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const type = req.headers['content-type'] ?? '';
    if (req.method === 'GET' || req.method === 'HEAD' || type.startsWith('multipart/') || req.readableEnded) return next();
    const timer = setTimeout(() => {
      if (!req.complete && !res.headersSent) bodyTimedOut(res, timeoutMs);
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    req.once('close', clear);
    res.once('finish', clear);
    next();
  };
}

/**
 * Reads the body (refusing more than `limitBytes` with 413 PAYLOAD_TOO_LARGE,
 * and a body that is not JSON with 400 BAD_REQUEST), runs the operation and
 * writes Apollo's answer, streamed when Apollo streams it (incremental delivery).
 */
export async function serveJsonGraphQL<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  opts: { limitBytes: number; bodyTimeoutMs: number; context: () => Promise<Ctx> },
): Promise<void> {
  let raw: Buffer | null;
  try {
    raw = await readBody(req, opts.limitBytes, opts.bodyTimeoutMs);
  } catch (err) {
    if (!(err as { bodyTimeout?: boolean }).bodyTimeout) throw err;
    bodyTimedOut(res, opts.bodyTimeoutMs);
    return;
  }
  if (raw === null) {
    // The unread rest of the body makes the connection unusable for a next request.
    res.setHeader('connection', 'close');
    sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.round(opts.limitBytes / (1024 * 1024))} MB.`);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    return;
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: q === -1 ? '' : url.slice(q), body },
    context: opts.context,
  });
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Express error handler: errors raised before GraphQL runs (a body that is not
 * JSON, too large, a malformed multipart request) as a GraphQL-shaped JSON
 * answer with a client code; anything else is the server's fault, logged and
 * answered without details.
 */
export function jsonErrors(log: { error(obj: object, msg: string): void }) {
  return (err: unknown, _req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status === 413) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', e.message ?? 'The request body is too large.');
    if (status >= 400 && status < 500) {
      const message = e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : e.expose !== false && e.message ? e.message : 'Bad request.';
      return sendError(res, status === 415 ? 415 : 400, 'BAD_REQUEST', message);
    }
    log.error({ err }, 'request failed before GraphQL');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** Runs `serveJsonGraphQL`; an unexpected failure answers 500 (or cuts a response already started). */
export function serveJsonGraphQLSafely<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  opts: { limitBytes: number; bodyTimeoutMs: number; context: () => Promise<Ctx>; onError: (err: unknown) => void },
): void {
  serveJsonGraphQL(apollo, req, res, opts).catch((err: unknown) => {
    // A client that hangs up mid-request is not a server failure.
    if ((err as { clientGone?: boolean }).clientGone) {
      res.destroy();
      return;
    }
    opts.onError(err);
    if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    else res.destroy();
  });
}
