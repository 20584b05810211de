/**
 * Multipart uploads through the gateway.
 *
 * @apollo/gateway sends every subgraph request as JSON, so a file in the
 * variables would arrive as `{}`. graphql-upload-minimal parses the client's
 * multipart request in front of the gateway and leaves an `Upload` instance
 * wherever a file goes. Before the query plan's fetch is serialised, each such
 * instance is swapped for a unique marker string (kept in a table); the
 * fetcher then recognises the markers in the JSON body and re-encodes that one
 * request as a GraphQL multipart request (operations, map, files), streaming
 * each file from the client's request to the subgraph without buffering it.
 * The subgraph's own CSRF check requires `apollo-require-preflight` on
 * multipart requests, so it is added here.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import FormData from 'form-data';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import type { CallScope, SubgraphFetcher } from './fetcher.js';

const MARKER_PREFIX = '\u0000vidhub-upload:';

/** The client's multipart body failed while a file of it was being forwarded: the client's mistake, not the subgraph's. */
export class ClientUploadError extends Error {
  override readonly name = 'ClientUploadError';
}

export class UploadTable {
  private readonly pending = new Map<string, Upload>();

  /** Replaces every Upload in `value` with a marker; returns the markers to release later. */
  swapOut(value: unknown, markers: string[]): unknown {
    if (value instanceof Upload) {
      const marker = `${MARKER_PREFIX}${randomUUID()}`;
      this.pending.set(marker, value);
      markers.push(marker);
      return marker;
    }
    if (Array.isArray(value)) return value.map((v) => this.swapOut(v, markers));
    // Variables arrive as null-prototype objects at the top level, plain ones below.
    if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.swapOut(v, markers)]));
    }
    return value;
  }

  release(markers: string[]): void {
    for (const m of markers) this.pending.delete(m);
  }

  /** A fetcher that sends JSON bodies with markers as multipart, and everything else through `next`. */
  fetcher(next: SubgraphFetcher): SubgraphFetcher {
    return async (url: string, init: FetcherRequestInit, scope?: CallScope): Promise<FetcherResponse> => {
      if (this.pending.size === 0 || typeof init.body !== 'string' || !init.body.includes('vidhub-upload:')) return next(url, init, scope);
      const body = JSON.parse(init.body) as Record<string, unknown>;
      const files: { marker: string; path: string }[] = [];
      const operations = replaceMarkers(body, '', files);
      if (files.length === 0) return next(url, init, scope);

      const form = new FormData();
      form.append('operations', JSON.stringify(operations));
      form.append('map', JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [f.path]]))));
      for (const [i, f] of files.entries()) {
        const upload = this.pending.get(f.marker);
        if (!upload) throw new Error('upload marker without a pending upload');
        // Rejects when the client's request ended without this file: the client's mistake.
        const file: FileUpload = await upload.promise.catch(() => {
          throw new ClientUploadError(`The file for ${f.path} was not in the request: every entry of "map" must name a file part that is sent.`);
        });
        let readable: NodeJS.ReadableStream;
        try {
          // Throws when the file has already failed (the client's body ended inside it).
          readable = file.createReadStream();
        } catch (err) {
          throw new ClientUploadError(unreadable(err));
        }
        form.append(String(i), readable, { filename: headerSafe(file.filename), contentType: file.mimetype });
      }
      const headers: Record<string, string> = {
        ...Object.fromEntries(Object.entries(init.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type')),
        ...(form.getHeaders() as Record<string, string>),
        'apollo-require-preflight': 'true',
      };
      // form-data is an old-style stream of strings and Buffers; a PassThrough turns it into bytes fetch can iterate.
      const stream = form.pipe(new PassThrough());
      // A file fails when the client's body does (cut off before its closing
      // boundary, malformed after the map). form-data re-emits that error on
      // the form, where `pipe` does not listen: it was an uncaught exception
      // that stopped the gateway. It ends the forwarded body instead, and the
      // answer says whose mistake it was. fetch hears the body's error while
      // it reads the body; once it has stopped (the subgraph answered early),
      // nobody would, so the body keeps a listener of its own.
      let clientBodyError: Error | undefined;
      stream.on('error', () => {});
      form.on('error', (err: Error) => {
        clientBodyError ??= err;
        stream.destroy(err);
      });
      try {
        const res = await fetch(url, { method: 'POST', headers, body: stream as unknown as ReadableStream, duplex: 'half', signal: scope?.signal ?? init.signal } as RequestInit);
        return res as unknown as FetcherResponse;
      } catch (err) {
        if (clientBodyError) throw new ClientUploadError(unreadable(clientBodyError));
        throw err;
      }
    };
  }
}

function unreadable(err: unknown): string {
  return `A file in the request could not be read to its end (${err instanceof Error ? err.message : String(err)}): send the whole multipart body.`;
}

/**
 * A client's filename as it may appear in the part header sent to a subgraph.
 * The client's parser decodes `filename*=UTF-8''a%00b` into a name with a NUL
 * in it; form-data escapes CR, LF and `"` but writes other control characters
 * as they are, and the subgraph's parser then refuses the whole body as a
 * malformed part header. They are percent-encoded the way form-data encodes
 * CR and LF. A file sent with `filename=""` has no name once parsed; without
 * one, form-data would write a plain field instead of a file, so it gets one.
 */
function headerSafe(filename: string | undefined): string {
  if (!filename) return 'file';
  let out = '';
  for (const c of filename) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : c;
  }
  return out;
}

function replaceMarkers(value: unknown, path: string, files: { marker: string; path: string }[]): unknown {
  if (typeof value === 'string' && value.startsWith(MARKER_PREFIX)) {
    files.push({ marker: value, path });
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => replaceMarkers(v, path ? `${path}.${i}` : String(i), files));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceMarkers(v, path ? `${path}.${k}` : k, files)]));
  }
  return value;
}
