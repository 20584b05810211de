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
import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
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

      const boundary = `----vidhub${randomUUID().replaceAll('-', '')}`;
      const headers: Record<string, string> = {
        ...Object.fromEntries(Object.entries(init.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-type')),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'apollo-require-preflight': 'true',
      };
      const uploads = files.map((f) => {
        const upload = this.pending.get(f.marker);
        if (!upload) throw new Error('upload marker without a pending upload');
        return { ...f, upload };
      });
      // A file fails when the client's body does (cut off inside it, a map naming
      // a file that never comes). The body below then throws, fetch fails, and
      // the answer says whose mistake it was.
      let clientBodyError: ClientUploadError | undefined;
      const multipart = multipartBody(boundary, operations, uploads, (err) => (clientBodyError ??= err));
      try {
        const res = await fetch(url, { method: 'POST', headers, body: multipart, duplex: 'half', signal: scope?.signal ?? init.signal } as unknown as RequestInit);
        return res as unknown as FetcherResponse;
      } catch (err) {
        if (clientBodyError) throw clientBodyError;
        throw err;
      }
    };
  }
}

/**
 * The multipart body sent to a subgraph, produced as the subgraph reads it.
 *
 * The client's files can only be read in the order the client sent them: the
 * parser reaches the second file's part after the first has been read through.
 * So each file is forwarded as soon as its part begins (whichever that is), and
 * its part header, which holds its name, is written only then. (This is why the
 * body is written here rather than with form-data, which needs every part's
 * header, and so every file's name, before the first byte is sent.)
 */
async function* multipartBody(
  boundary: string,
  operations: unknown,
  uploads: { path: string; upload: Upload }[],
  onClientError: (err: ClientUploadError) => void,
): AsyncGenerator<Buffer> {
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const fail = (message: string) => {
    const err = new ClientUploadError(message);
    onClientError(err);
    return err;
  };
  yield field('operations', JSON.stringify(operations));
  yield field('map', JSON.stringify(Object.fromEntries(uploads.map((u, i) => [String(i), [u.path]]))));
  // Each file's promise settles when its part begins, or rejects when the client's body ends without it.
  const waiting = new Map(
    uploads.map((u, i) => [
      i,
      u.upload.promise.then(
        (file: FileUpload) => ({ i, file }),
        () => ({ i, missing: u.path }),
      ),
    ]),
  );
  while (waiting.size > 0) {
    const next: { i: number; file?: FileUpload; missing?: string } = await Promise.race(waiting.values());
    waiting.delete(next.i);
    if (!next.file) throw fail(`The file for ${next.missing} was not in the request: every entry of "map" must name a file part that is sent.`);
    const { file } = next;
    yield Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${next.i}"; filename="${headerSafe(file.filename)}"\r\ncontent-type: ${percentEncodeUnsafe(file.mimetype || 'application/octet-stream')}\r\n\r\n`,
    );
    let readable: NodeJS.ReadableStream;
    try {
      // Throws when the file has already failed (the client's body ended inside it).
      readable = file.createReadStream();
    } catch (err) {
      throw fail(unreadable(err));
    }
    try {
      for await (const chunk of readable) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    } catch (err) {
      throw fail(unreadable(err));
    }
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

function unreadable(err: unknown): string {
  return `A file in the request could not be read to its end (${err instanceof Error ? err.message : String(err)}): send the whole multipart body.`;
}

/**
 * A client's filename as it may appear in the part header sent to a subgraph.
 * The client's parser decodes `filename*=UTF-8''a%00b` into a name with a NUL
 * in it, and a name may hold `"`, CR or LF; written as they are, the subgraph's
 * parser would refuse the whole body as a malformed part header, so they are
 * percent-encoded (as browsers encode CR, LF and `"`). A file sent with
 * `filename=""` has no name once parsed; it is called `file`.
 */
function headerSafe(filename: string | undefined): string {
  if (!filename) return 'file';
  return percentEncodeUnsafe(filename);
}

function percentEncodeUnsafe(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f || c === '"' ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : c;
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
