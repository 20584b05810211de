/**
 * Multipart requests (GraphQL's multipart request spec, parsed by
 * graphql-upload-minimal) in front of an Apollo server: the gateway's, and
 * the subgraphs' that take files.
 */
import type { RequestHandler } from 'express';
import { processRequest, type UploadOptions } from 'graphql-upload-minimal';

/**
 * Keep-alive after a multipart request. graphql-upload pipes the request into
 * a multipart parser that waits for each file to be read. When an operation
 * answers without reading a file to its end (a refused or already received
 * chunk), the rest of the body stays unread, and the connection cannot carry
 * the next request: the client's next request on it fails. After the
 * response, this drains what is left, so the connection stays usable.
 */
export const drainAfterResponse: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) {
    res.on('finish', () => {
      if (!req.complete) {
        req.unpipe();
        req.resume();
      }
    });
  }
  next();
};

/**
 * graphql-upload's express middleware, with every refusal of a malformed body
 * a client error. The library gives its own refusals a status (400, 413), but
 * lets the multipart parser's errors (a body cut off before its closing
 * boundary, a boundary that is not in the body, a malformed part header)
 * through without one, and answers a body with no `operations` and no `map`
 * part with 500, on the theory that another middleware must have read it
 * first: here nothing reads a multipart body before it, so that body is the
 * client's. Each of these used to reach the client as a 500
 * INTERNAL_SERVER_ERROR.
 */
export function multipartRequests(options: UploadOptions): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    // The parser can report several errors for one body (a malformed part
    // header, then "Unexpected end of form" as it is destroyed), and
    // graphql-upload-minimal listens for the first one only: the next would be
    // an uncaught exception that stops the gateway. The library pipes the
    // request into the parser it creates; this keeps a listener on it. The
    // first error still reaches the library, which answers with it.
    const pipe = req.pipe.bind(req);
    req.pipe = <T extends NodeJS.WritableStream>(destination: T, opts?: { end?: boolean }): T => {
      destination.on('error', ignoreLaterErrors);
      return pipe(destination, opts);
    };
    processRequest(req, res, options).then(
      (body) => {
        req.body = body;
        next();
      },
      (err: unknown) => next(asClientError(err)),
    );
  };
}

function ignoreLaterErrors(): void {}

function asClientError(err: unknown): unknown {
  const e = err as { status?: unknown; message?: unknown };
  if (e?.status === 500) return httpError(400, 'The multipart request has neither an "operations" nor a "map" part.');
  if (typeof e?.status === 'number') return err;
  return httpError(400, `Malformed multipart request: ${typeof e?.message === 'string' ? e.message : 'unreadable body'}.`);
}

function httpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, expose: true });
}
