/**
 * The resumable upload protocol as bench/upload.ts drives it: the test file,
 * its chunks and checksums, and initUpload / uploadChunk / completeUpload /
 * uploadStatus against the gateway or a subgraph.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  CompleteUploadDocument,
  ConfirmUploadChunkDocument,
  ConfirmUploadChunksDocument,
  InitUploadDocument,
  PresignUploadChunkDocument,
  PresignUploadChunksDocument,
  UploadChunkDocument,
  VideoUploadStatusDocument,
  type UploadSessionFieldsFragment,
} from '../../testing/__generated__/operations.js';
import { print } from 'graphql';
import { sha256 } from '../../testing/media.js';
import { gql, must, now, pool, type GqlOptions, type GqlResult } from './client.js';

export { sha256 };

/* ------------------------------------------------------------------ file */

/** 640x480 yuv420p: bytes per raw frame. */
const FRAME_BYTES = (640 * 480 * 3) / 2;

/**
 * A Matroska file of raw frames at least `size` bytes long, made once per
 * machine and size, cut to exactly `size` bytes (a truncated video: the
 * container header, which is what completeUpload checks, is intact).
 */
export function videoFile(size: number): Buffer {
  const frames = Math.ceil(size / FRAME_BYTES) + 1;
  const file = path.join(os.tmpdir(), `vidhub-bench-raw-640x480-${frames}f.mkv`);
  if (!existsSync(file) || statSync(file).size < size) {
    const tmp = `${file}.${process.pid}.tmp.mkv`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=25', '-frames:v', String(frames), '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', tmp]);
    renameSync(tmp, file);
  }
  const bytes = readFileSync(file);
  if (bytes.length < size) throw new Error(`${file} has ${bytes.length} bytes, fewer than ${size}`);
  return bytes.subarray(0, size);
}

/* ------------------------------------------------------------- uploading */

export type Session = UploadSessionFieldsFragment;

/** Where requests go and how they are authenticated: the gateway with a token, or a subgraph with an internal identity. */
export interface Endpoint {
  name: string;
  url: string;
  auth(): Promise<GqlOptions>;
}

export class Chunks {
  readonly count: number;
  readonly checksums: string[];
  constructor(
    readonly file: Buffer,
    readonly size: number,
  ) {
    this.count = Math.ceil(file.length / size);
    this.checksums = Array.from({ length: this.count }, (_, i) => sha256(this.at(i)));
  }
  at(i: number): Buffer {
    return this.file.subarray(i * this.size, Math.min(this.file.length, (i + 1) * this.size));
  }
}

export interface SendResult {
  ms: number;
  bytes: number;
  /** Round trip of each chunk request, ms. */
  latencies: number[];
  /** The server's `stored` answer per index sent. */
  stored: Map<number, boolean>;
}

export async function initUpload(ep: Endpoint, file: Buffer, fileSha: string, chunkSize: number): Promise<Session> {
  const data = must('initUpload', await gql(ep.url, InitUploadDocument, { filename: 'bench.mkv', size: file.length, sha256: fileSha, chunkSize }, await ep.auth()));
  // A challenge means the same bytes are already a published video: the run would measure an instant upload, not a transfer.
  if (data.initUpload.upload.proofChallenge) throw new Error('initUpload offered a proof challenge: the same bytes are already a published video');
  return data.initUpload.upload;
}

/** Sends each index with `send` (which answers the server's `stored`), `parallel` at a time, timing each and the whole. */
async function timedChunks(chunks: Chunks, indexes: number[], parallel: number, send: (i: number, body: Buffer) => Promise<boolean>): Promise<SendResult> {
  const latencies: number[] = [];
  const stored = new Map<number, boolean>();
  let bytes = 0;
  const start = now();
  await pool(indexes, parallel, async (i) => {
    const body = chunks.at(i);
    const t = now();
    const answer = await send(i, body);
    latencies.push(now() - t);
    bytes += body.length;
    stored.set(i, answer);
  });
  return { ms: now() - start, bytes, latencies: latencies.sort((a, b) => a - b), stored };
}

export function sendChunks(ep: Endpoint, uploadId: string, chunks: Chunks, indexes: number[], parallel: number): Promise<SendResult> {
  const query = print(UploadChunkDocument);
  return timedChunks(chunks, indexes, parallel, async (i, body) => {
    const operations = JSON.stringify({ query, variables: { uploadId, index: i, chunk: null, checksum: chunks.checksums[i]! } });
    const res = (await multipartPost(ep.url, operations, 'variables.chunk', `chunk-${i}`, body, await ep.auth())) as GqlResult<{ uploadChunk: { stored: boolean } }>;
    return must(`uploadChunk ${i}`, res).uploadChunk.stored;
  });
}

/* ----------------------------------------------------------------- HTTP */

/**
 * The benchmark's own HTTP client for the bytes it sends: node:http over
 * keep-alive connections, each body written as the buffers it is made of,
 * with its length. The raw PUT's client (minio, through `ObjectStore`) sends
 * with node:http too, so each path's ratio to the raw PUT does not depend on
 * which client the load generator used: fetch with a FormData copied every
 * chunk into a Blob first and cost this process more CPU than minio did on
 * the same cores.
 */
const agent = new Agent({ keepAlive: true });

function send(url: string, method: string, headers: Record<string, string>, parts: Buffer[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const length = parts.reduce((n, p) => n + p.length, 0);
    const req = request(url, { method, agent, headers: { ...headers, 'content-length': String(length) } }, (res) => {
      const body: Buffer[] = [];
      res.on('data', (piece: Buffer) => body.push(piece));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(body).toString() }));
      res.once('error', reject);
    });
    req.once('error', reject);
    for (const part of parts.slice(0, -1)) req.write(part);
    req.end(parts.at(-1));
  });
}

/** A GraphQL multipart request with one file (the bytes as they are, not copied) at `path` in the variables. */
async function multipartPost(url: string, operations: string, path: string, filename: string, bytes: Buffer, auth: GqlOptions): Promise<GqlResult<unknown>> {
  const boundary = `----bench${randomUUID().replaceAll('-', '')}`;
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
      `--${boundary}\r\ncontent-disposition: form-data; name="map"\r\n\r\n${JSON.stringify({ 0: [path] })}\r\n` +
      `--${boundary}\r\ncontent-disposition: form-data; name="0"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
  );
  const headers = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'apollo-require-preflight': 'true',
    ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
    ...auth.headers,
  };
  const res = await send(url, 'POST', headers, [head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { status: res.status, headers: new Headers(), ...(JSON.parse(res.text) as Omit<GqlResult<unknown>, 'status' | 'headers'>) };
}

/**
 * The presigned path, per chunk: presignChunkUpload, a PUT of the bytes
 * straight to object storage, then confirmChunk (the server reads the object
 * back and checks its size and sha256). A latency is the whole of the three.
 */
export function sendChunksPresigned(ep: Endpoint, uploadId: string, chunks: Chunks, indexes: number[], parallel: number): Promise<SendResult> {
  return timedChunks(chunks, indexes, parallel, async (i, body) => {
    const { presignChunkUpload: target } = must(`presignChunkUpload ${i}`, await gql(ep.url, PresignUploadChunkDocument, { uploadId, index: i }, await ep.auth()));
    const put = await send(target.url, target.method, {}, [body]);
    if (put.status !== 200) throw new Error(`PUT of chunk ${i} to its presigned URL: HTTP ${put.status}`);
    const res = await gql(ep.url, ConfirmUploadChunkDocument, { uploadId, index: i, checksum: chunks.checksums[i]! }, await ep.auth());
    return must(`confirmChunk ${i}`, res).confirmChunk.stored;
  });
}

/** Chunks per presignChunkUploads / confirmChunks call (the server's maximum). */
const BATCH = 100;

/**
 * The presigned path as a client with many chunks uses it: for each 100
 * chunks, one presignChunkUploads, the PUTs straight to object storage
 * (`parallel` in flight), then one confirmChunks. A latency is one PUT; the
 * total time includes the two calls.
 */
export async function sendChunksPresignedBatched(ep: Endpoint, uploadId: string, chunks: Chunks, indexes: number[], parallel: number): Promise<SendResult> {
  const start = now();
  const latencies: number[] = [];
  const stored = new Map<number, boolean>();
  let bytes = 0;
  for (let from = 0; from < indexes.length; from += BATCH) {
    const batch = indexes.slice(from, from + BATCH);
    const { presignChunkUploads: targets } = must('presignChunkUploads', await gql(ep.url, PresignUploadChunksDocument, { uploadId, indexes: batch }, await ep.auth()));
    await pool(targets, parallel, async (target) => {
      const body = chunks.at(target.index);
      const t = now();
      const put = await send(target.url, target.method, {}, [body]);
      if (put.status !== 200) throw new Error(`PUT of chunk ${target.index} to its presigned URL: HTTP ${put.status}`);
      latencies.push(now() - t);
      bytes += body.length;
    });
    const res = await gql(ep.url, ConfirmUploadChunksDocument, { uploadId, chunks: batch.map((index) => ({ index, checksum: chunks.checksums[index]! })) }, await ep.auth());
    for (const receipt of must('confirmChunks', res).confirmChunks) stored.set(receipt!.index, receipt!.stored);
  }
  return { ms: now() - start, bytes, latencies: latencies.sort((a, b) => a - b), stored };
}

export async function completeUpload(ep: Endpoint, uploadId: string): Promise<{ ms: number; session: Session }> {
  const t = now();
  const res = await gql(ep.url, CompleteUploadDocument, { uploadId }, await ep.auth());
  const ms = now() - t;
  return { ms, session: must('completeUpload', res).completeUpload };
}

export async function uploadStatus(ep: Endpoint, uploadId: string): Promise<{ ms: number; session: Session }> {
  const t = now();
  const res = await gql(ep.url, VideoUploadStatusDocument, { uploadId }, await ep.auth());
  return { ms: now() - t, session: must('uploadStatus', res).uploadStatus };
}

export async function hashStream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/* ---------------------------------------------------------------- report */
