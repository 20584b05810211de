/**
 * An S3-compatible server inside this process, standing in for MinIO when
 * `S3_ENDPOINT` is unset (development, tests, CI).
 *
 * Why it exists: the machines this project is built and tested on have no Docker
 * engine and no MinIO package, so no real S3 server can run. `@20minutes/s3rver`
 * (4.0.4, the last release that runs on Node 20) speaks enough of the S3 protocol
 * for the unmodified minio client, so `ObjectStore` runs the same code against
 * both. Objects are plain files under `dataDir` and survive restarts.
 *
 * Why the compatibility layer in front of it (each fix is small and local):
 * - The minio client lists in-progress multipart uploads (`GET /bucket?uploads`)
 *   before every multipart upload, to resume one, and aborts with
 *   `DELETE /bucket/key?uploadId=...` when a compose fails; s3rver answers the first
 *   with NotImplemented and the second with MethodNotAllowed. We answer "no uploads
 *   in progress" and accept the abort (leaving the parts on disk). Both answers are
 *   constant and reveal or change nothing, so they need no signature check.
 * - s3rver misreads two kinds of Range header: `bytes=0-0` (reads `end || Infinity`)
 *   returned the whole object, and a suffix range `bytes=-N` returned the first N+1
 *   bytes. See `fixFirstByteRange` and `answerCompat`.
 * - Concurrent deletes under one directory fail with HTTP 500 (`serializeDeletes`).
 * - A PUT cut off in the middle of its body left the bytes it got as the object
 *   (`refuseCutPuts`).
 * - s3rver canonicalizes query values with encodeURIComponent, which leaves
 *   ! ' ( ) * unescaped where SigV4 escapes them, so it rejects valid signatures on
 *   such requests: every presigned GET with a non-ASCII download name, a list by a
 *   prefix holding "(". Those requests alone skip the signature comparison (the
 *   access key must still be S3RVER).
 *
 * s3rver serves anonymous requests as well as signed ones: it binds to 127.0.0.1
 * only. It accepts the access key and secret `S3RVER`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { IncomingMessage, createServer, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

export interface EmbeddedS3 {
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  /**
   * Stops at once, as a killed process would: every connection is cut with its
   * request unanswered and nothing listens on the port any more. Resolves once
   * it is closed (fault injection; `dispose` is the orderly stop).
   */
  kill(): Promise<void>;
  dispose(): Promise<void>;
}

export interface EmbeddedS3Options {
  /** Directory holding the buckets (one subdirectory each); created if missing. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Internal errors (HTTP 500s). S3 errors sent to clients (404, 416, ...) are not reported. @default console.error */
  onError?: (err: Error) => void;
}

/** What s3rver's filesystem store returns for a GET (`models/object.js`). */
interface StoredObjectRead {
  content: Readable | null;
  range?: { start: number; end: number };
}
/** An object s3rver is asked to store (`models/object.js`): a PUT's request itself is its content. */
interface ObjectToStore {
  bucket: string;
  key: string;
  content: unknown;
}
interface FilesystemStore {
  putObject(object: ObjectToStore): Promise<{ size: number; md5: string }>;
  getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<StoredObjectRead | null>;
  getResourcePath(bucket: string, key: string, resource: string): string;
  deleteObject(bucket: string, key: string): Promise<void>;
}
/** The part of s3rver (a Koa application, untyped CommonJS) used here. */
interface S3rverApp {
  store: FilesystemStore;
  allowMismatchedSignatures: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: 'error', listener: (err: Error & { expose?: boolean }) => void): void;
  logger: { close(): void; exceptions: { unhandle(): void } };
}
type S3rverConstructor = new (options: {
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
}) => S3rverApp;

const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverConstructor;

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const HOST = '127.0.0.1';

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Query strings s3rver cannot canonicalize like SigV4 does (see the header). */
function hasMisencodedQuery(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    if (/[!'()*]/.test(name) || /[!'()*]/.test(value)) return true;
  }
  return false;
}

/**
 * Answers the requests s3rver does not implement and repairs those it misreads
 * (see the header). Returns true when it answered.
 */
function answerCompat(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  if (req.method === 'GET' && segments.length === 1 && url.searchParams.has('uploads')) {
    const bucket = escapeXml(segments[0] ?? '');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${bucket}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
      '<NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker>' +
      '<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>' +
      '</ListMultipartUploadsResult>';
    res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
  if (req.method === 'DELETE' && segments.length >= 2 && url.searchParams.has('uploadId')) {
    res.writeHead(204).end();
    return true;
  }
  // A server may ignore Range and send the whole object (RFC 9110 14.2); better
  // than the wrong bytes. Players send suffix ranges unsigned, so the signature holds.
  if (/^bytes=\s*-/.test(req.headers.range ?? '')) delete req.headers.range;
  return false;
}

/**
 * Deleting an object also removes the directories it leaves empty, and a bulk
 * delete runs all its deletes at once: two deletes in one directory race
 * (ENOENT, HTTP 500). One delete at a time.
 */
function serializeDeletes(store: FilesystemStore): void {
  const deleteObject = store.deleteObject.bind(store);
  let queue: Promise<unknown> = Promise.resolve();
  store.deleteObject = (bucket, key) => {
    const done = queue.then(() => deleteObject(bucket, key));
    queue = done.catch(() => undefined);
    return done;
  };
}

/**
 * The peer closed the connection while a request was read or its answer
 * written. HPE_INVALID_EOF_STATE: the connection ended inside a request body
 * (a streamed PUT whose source failed is cut short of its Content-Length).
 */
function isHangUp(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'HPE_INVALID_EOF_STATE';
}

/**
 * A PUT whose connection ended before its body was whole (the sender failed
 * in the middle) leaves no object. s3rver writes the body straight into the
 * object's file and, when the request fails, keeps what it got: a truncated
 * object that stat and list then show. S3 and MinIO store only whole bodies.
 * (s3rver writes in place, so a cut overwrite loses the old object too.)
 */
function refuseCutPuts(store: FilesystemStore): void {
  const putObject = store.putObject.bind(store);
  const cut = (object: ObjectToStore) => object.content instanceof IncomingMessage && !object.content.complete;
  store.putObject = async (object) => {
    try {
      const stored = await putObject(object);
      if (cut(object)) throw Object.assign(new Error(`the PUT of ${object.key} ended before its body was whole`), { code: 'ECONNRESET' });
      return stored;
    } catch (err) {
      if (cut(object)) await store.deleteObject(object.bucket, object.key).catch(() => undefined);
      throw err;
    }
  };
}

/** `bytes=0-0` (a player's probe, or a 1-byte ranged get) must return one byte, not the object. */
function fixFirstByteRange(store: FilesystemStore): void {
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (options?.end === 0 && object?.content && object.range) {
      object.content.destroy();
      object.content = createReadStream(store.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 });
      object.range.end = 0;
    }
    return object;
  };
}

export async function startEmbeddedS3(opts: EmbeddedS3Options): Promise<EmbeddedS3> {
  await mkdir(opts.dataDir, { recursive: true });
  const onError = opts.onError ?? ((err: Error) => console.error('embedded S3:', err));

  const s3rver = new S3rver({
    directory: opts.dataDir,
    // Its logger prints every request; errors are reported through onError instead.
    silent: true,
    // Otherwise a Host that is neither an IP nor localhost (a public endpoint name)
    // is taken as a virtual-host bucket name. Our clients use path-style URLs.
    vhostBuckets: false,
  });
  // Koa installs its default logger only when nobody listens; S3 errors answered
  // to the client (`expose`, status < 500) are normal traffic, not failures.
  // Nor is a client that hangs up mid-answer (ffprobe reads what it needs and closes), or
  // an answer still being written when `kill` cut its connection.
  let killed = false;
  s3rver.on('error', (err) => {
    if (!err.expose && !killed && !isHangUp(err)) onError(err);
  });
  fixFirstByteRange(s3rver.store);
  refuseCutPuts(s3rver.store);
  serializeDeletes(s3rver.store);
  // s3rver reads this flag inside its authentication middleware, per request;
  // scoping it with AsyncLocalStorage keeps it off for every other request.
  const skipSignatureCheck = new AsyncLocalStorage<boolean>();
  Object.defineProperty(s3rver, 'allowMismatchedSignatures', {
    get: () => skipSignatureCheck.getStore() ?? false,
  });

  // s3rver's own listen() cannot take middleware ahead of its router (Koa runs
  // `use()`d middleware after the routes, which never call next), so we own the
  // HTTP server and hand it everything else.
  const handle = s3rver.callback();
  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(`http://s3${req.url ?? '/'}`);
    } catch {
      return handle(req, res); // s3rver answers malformed requests itself
    }
    if (!answerCompat(req, res, url)) skipSignatureCheck.run(hasMisencodedQuery(url), () => handle(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= new Promise<void>((resolve, reject) => {
      // Also closes idle keep-alive connections (Node >= 19).
      server.close((err) => {
        // What s3rver's own server does on close.
        s3rver.logger.exceptions.unhandle();
        s3rver.logger.close();
        if (err) reject(err);
        else resolve();
      });
    });
    return disposed;
  };
  return {
    endpoint: `http://${HOST}:${port}`,
    port,
    accessKey: ACCESS_KEY,
    secretKey: SECRET_KEY,
    kill() {
      killed = true;
      const closed = dispose();
      server.closeAllConnections();
      return closed;
    },
    dispose,
  };
}
