/**
 * Uploads to subgraphs: a subgraph fetch whose variables hold files is sent as
 * a GraphQL multipart request (operations, map, then the file parts), built
 * here from the fetch itself.
 *
 * graphql-upload-minimal parses the client's multipart request in front of the
 * gateway and leaves an `Upload` wherever a file goes in the variables; the
 * query plan passes those variables to the data source as they are. The data
 * source asks `multipartFetch` for the request: each Upload becomes `null` in
 * `operations`, its path goes in `map`, and its bytes are streamed from the
 * client's request to the subgraph as the subgraph reads them, never buffered
 * whole. The body goes through the same HTTP transport as every other call
 * (transport/http.ts): the same agent, timeout and cancellation.
 * The subgraph's own CSRF check requires `apollo-require-preflight` on
 * multipart requests, so it is added here.
 */
import { randomUUID } from 'node:crypto';
import { Upload, type FileUpload } from 'graphql-upload-minimal';

/** The client's multipart body failed while a file of it was being forwarded: the client's mistake, not the subgraph's. */
export class ClientUploadError extends Error {
  override readonly name = 'ClientUploadError';
}

export interface Operation {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

export interface MultipartFetch {
  /** content-type (with the boundary) and apollo-require-preflight. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Set once the client's body has failed a file (cut off inside it, or a file it never sent). */
  clientError(): ClientUploadError | undefined;
}

/** The multipart request for an operation whose variables hold files; undefined when they hold none. */
export function multipartFetch(operation: Operation): MultipartFetch | undefined {
  if (!operation.variables) return undefined;
  const files: { path: string; upload: Upload }[] = [];
  const variables = withoutFiles(operation.variables, 'variables', files) as Record<string, unknown>;
  if (files.length === 0) return undefined;
  const boundary = `----vidhub${randomUUID().replaceAll('-', '')}`;
  let failed: ClientUploadError | undefined;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true' },
    body: multipartBody(boundary, { ...operation, variables }, files, (err) => (failed ??= err)),
    clientError: () => failed,
  };
}

/** `value` with every Upload replaced by null (as the spec's `operations` has it); each one's path is collected. */
function withoutFiles(value: unknown, path: string, files: { path: string; upload: Upload }[]): unknown {
  if (value instanceof Upload) {
    files.push({ path, upload: value });
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => withoutFiles(v, `${path}.${i}`, files));
  // Variables arrive as null-prototype objects at the top level, plain ones below.
  if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutFiles(v, `${path}.${k}`, files)]));
  }
  return value;
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
  operations: Operation,
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
