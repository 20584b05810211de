/**
 * Object storage: a small port over the minio client.
 *
 * The same client talks to a production MinIO (`S3_ENDPOINT`) and to the embedded
 * S3 server (`embeddedS3.ts`), so every code path the services use is exercised in
 * tests against real HTTP and real bytes.
 */
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Client, CopyDestinationOptions, CopySourceOptions } from 'minio';

export interface ObjectStoreOptions {
  /** e.g. http://127.0.0.1:9000 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  bucket: string;
  /** Endpoint presigned URLs should name, when clients reach storage at another address. Defaults to `endpoint`. */
  publicEndpoint?: string;
}

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  contentType?: string;
}

/**
 * minio's default part size is derived from the object size; for a stream of unknown
 * length it assumes 5 TiB and buffers over 500 MB per part in memory. A fixed part size
 * bounds memory per upload; the price is a 160 GiB ceiling per object (10,000 parts).
 */
const PART_SIZE = 16 * 1024 * 1024;

/** The largest object S3 takes in one PUT. */
const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

/** A blackholed endpoint would otherwise hang a readiness probe indefinitely (minio sets no timeout). */
const PING_TIMEOUT_MS = 3_000;

function clientFor(endpoint: string, opts: ObjectStoreOptions, retries = true): Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  if (!useSSL && url.protocol !== 'http:') throw new Error(`object store endpoint must be http(s): ${endpoint}`);
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: opts.accessKey,
    secretKey: opts.secretKey,
    // Known region: presigning is then pure computation, and no request asks for the bucket's location.
    region: opts.region,
    // MinIO and the embedded server address buckets by path, not by virtual host.
    pathStyle: true,
    partSize: PART_SIZE,
    // A stream cannot be sent twice: the client that streams bodies does not retry.
    ...(retries ? {} : { retryOptions: { disableRetry: true } }),
  });
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/**
 * `filename="..."` must be ASCII without quotes; other names also get `filename*`
 * (RFC 6266), which carries the real UTF-8 name.
 */
function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (fallback === name) return `attachment; filename="${name}"`;
  // RFC 5987 forbids ' ( ) * unescaped, which encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export class ObjectStore {
  private constructor(
    private readonly client: Client,
    /** Signs URLs naming the public endpoint; never used for requests. */
    private readonly presigner: Client,
    /** Sends the bodies of streamed puts (see `put` with `sha256`); never retries. */
    private readonly streamer: Client,
    readonly bucket: string,
    private readonly region: string,
  ) {}

  /** Connects and creates the bucket if it is missing. */
  static async connect(opts: ObjectStoreOptions): Promise<ObjectStore> {
    const client = clientFor(opts.endpoint, opts);
    const presigner = opts.publicEndpoint ? clientFor(opts.publicEndpoint, opts) : client;
    if (!(await client.bucketExists(opts.bucket))) {
      try {
        await client.makeBucket(opts.bucket, opts.region);
      } catch (err) {
        // Another service starting at the same moment may have created it first.
        const code = errorCode(err);
        if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw err;
      }
    }
    return new ObjectStore(client, presigner, clientFor(opts.endpoint, opts, false), opts.bucket, opts.region);
  }

  /**
   * Stores an object. Pass `size` for streams when it is known: minio then buffers
   * streams up to 16 MiB into one request, and uses a multipart upload beyond that
   * or when the size is unknown.
   *
   * A stream whose size and sha256 are both known beforehand (`size` and
   * `sha256`, up to 5 GiB) goes in one PUT as it arrives instead: nothing is
   * buffered, copied or hashed here. See `putStream`.
   */
  async put(
    key: string,
    body: Buffer | NodeJS.ReadableStream,
    size?: number,
    contentType?: string,
    sha256?: string,
  ): Promise<StoredObject> {
    const metadata = contentType ? { 'Content-Type': contentType } : {};
    if (!Buffer.isBuffer(body) && size !== undefined && sha256 !== undefined && size <= MAX_SINGLE_PUT_BYTES) {
      return this.putStream(key, body instanceof Readable ? body : new Readable().wrap(body), size, sha256, contentType);
    }
    if (Buffer.isBuffer(body)) {
      const { etag } = await this.client.putObject(this.bucket, key, body, body.length, metadata);
      return { key, size: body.length, etag, contentType };
    }

    const source = body instanceof Readable ? body : new Readable().wrap(body);
    // For a multipart upload (unknown or large size) minio pipes the body into its
    // part splitter without watching the body for errors: a source that fails
    // mid-upload (a client disconnecting) leaves putObject pending forever.
    // Surface the error ourselves. The upload stays incomplete: MinIO purges those
    // after 24 h (`stale_uploads_expiry`); the embedded server keeps the parts.
    let onError!: (err: Error) => void;
    const failed = new Promise<never>((_, reject) => {
      onError = reject;
      source.once('error', onError);
    });
    try {
      const { etag } = await Promise.race([
        this.client.putObject(this.bucket, key, source, size, metadata),
        failed,
      ]);
      if (size !== undefined) return { key, size, etag, contentType };
    } finally {
      source.off('error', onError);
    }
    const stored = await this.stat(key);
    if (!stored) throw new Error(`object ${key} vanished right after it was stored`);
    return stored;
  }

  /**
   * One PUT with the body streamed as it arrives. minio's own put reads a body
   * of known size into memory first (a copy of every byte into a fresh buffer),
   * then hashes it to sign the request; with the sha256 known, neither is
   * needed. Over plain HTTP the sha256 is the signed payload checksum
   * (`x-amz-content-sha256`): S3 and MinIO refuse a body that does not match it
   * and store nothing (the embedded server does not check it). Over HTTPS the
   * payload goes unsigned, as minio sends every body there.
   *
   * The request announces `size` bytes: a body that ends short must fail (emit
   * an error) rather than end, or the server waits for the rest. A body that
   * fails cuts the request short of its length, so nothing is stored.
   */
  private async putStream(key: string, body: Readable, size: number, sha256: string, contentType?: string): Promise<StoredObject> {
    const res = await this.streamer.makeRequestStreamAsync(
      { method: 'PUT', bucketName: this.bucket, objectName: key, headers: { ...(contentType ? { 'Content-Type': contentType } : {}), 'Content-Length': size } },
      body,
      this.streamer.enableSHA256 ? sha256 : '',
      [200],
      this.region,
    );
    res.resume();
    await finished(res);
    const etag = String(res.headers.etag ?? '').replace(/^"|"$/g, '');
    return { key, size, etag, contentType };
  }

  /** Reads an object, or with `range` bytes `start..end` inclusive (`end` omitted: to the end). */
  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    if (!range) return this.client.getObject(this.bucket, key);
    const { start, end } = range;
    if (!Number.isInteger(start) || start < 0 || (end !== undefined && (!Number.isInteger(end) || end < start))) {
      throw new RangeError(`invalid byte range ${start}-${end ?? ''}`);
    }
    return this.client.getPartialObject(this.bucket, key, start, end === undefined ? undefined : end - start + 1);
  }

  async getBuffer(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Metadata of an object, or null when it does not exist. */
  async stat(key: string): Promise<StoredObject | null> {
    try {
      const stat = await this.client.statObject(this.bucket, key);
      const contentType = stat.metaData['content-type'] as string | undefined;
      return { key, size: stat.size, etag: stat.etag, contentType };
    } catch (err) {
      // HEAD responses have no body, so a missing key surfaces as `NotFound`.
      const code = errorCode(err);
      if (code === 'NotFound' || code === 'NoSuchKey') return null;
      throw err;
    }
  }

  /**
   * Concatenates `sourceKeys` into `targetKey` on the server (multipart upload with
   * part copies: the bytes never pass through this process). The sources stay.
   *
   * Every source except the last must be at least 5 MiB: S3 and MinIO reject smaller
   * non-final parts (EntityTooSmall), and the minio client refuses them before sending
   * (InvalidArgumentError). Chunked uploads must therefore use chunks >= 5 MiB.
   */
  async compose(targetKey: string, sourceKeys: string[]): Promise<StoredObject> {
    if (sourceKeys.length === 0) throw new Error('compose needs at least one source');
    const sources = sourceKeys.map((key) => new CopySourceOptions({ Bucket: this.bucket, Object: key }));
    const target = new CopyDestinationOptions({ Bucket: this.bucket, Object: targetKey });
    // minio reports invalid options by resolving `false` rather than throwing.
    if ((await this.client.composeObject(target, sources)) === false) {
      throw new Error(`compose into ${targetKey}: invalid source or target options`);
    }
    const stored = await this.stat(targetKey);
    if (!stored) throw new Error(`compose into ${targetKey} succeeded but the object is missing`);
    return stored;
  }

  /** Deletes objects in bulk; keys that do not exist are not an error. */
  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const failures = (await this.client.removeObjects(this.bucket, keys)).filter(
      (result) => result?.Error && result.Error.Code !== 'NoSuchKey',
    );
    if (failures.length > 0) {
      const detail = failures.map((f) => `${f?.Error?.Key}: ${f?.Error?.Code} ${f?.Error?.Message ?? ''}`);
      throw new Error(`failed to remove ${failures.length} object(s): ${detail.join('; ')}`);
    }
  }

  /** Keys under `prefix`, recursively, sorted (the embedded server lists in directory-walk order, not S3's). */
  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (item.name !== undefined) keys.push(item.name);
    }
    return keys.sort();
  }

  /** URL a client can PUT the object's bytes to, without credentials, for `expirySeconds` (1 s to 7 days). */
  presignedPut(key: string, expirySeconds: number): Promise<string> {
    return this.presigner.presignedPutObject(this.bucket, key, expirySeconds);
  }

  /**
   * URL a client can GET (Range requests included) without credentials. With
   * `downloadName`, the response says `Content-Disposition: attachment` with that name.
   */
  presignedGet(key: string, expirySeconds: number, opts: { downloadName?: string } = {}): Promise<string> {
    const responseHeaders: Record<string, string> = {};
    if (opts.downloadName) responseHeaders['response-content-disposition'] = attachmentDisposition(opts.downloadName);
    return this.presigner.presignedGetObject(this.bucket, key, expirySeconds, responseHeaders);
  }

  /** Readiness check: the server answers and the bucket exists. */
  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`object store did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      if (!(await Promise.race([this.client.bucketExists(this.bucket), timeout]))) {
        throw new Error(`bucket ${this.bucket} does not exist`);
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
