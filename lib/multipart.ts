/**
 * Multipart requests and keep-alive. graphql-upload pipes the request into a
 * multipart parser that waits for each file to be read. When an operation
 * answers without reading a file to its end (a refused or already received
 * chunk), the rest of the body stays unread, and the connection cannot carry
 * the next request: the client's next request on it fails. After the response,
 * this drains what is left, so the connection stays usable.
 */
import type { RequestHandler } from 'express';

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
