/**
 * A file uploaded in chunks through the gateway the way the README tells
 * clients to: `initUpload` with a chunk size, then each chunk as a multipart
 * `uploadChunk` with its checksum, in any order, any number of times.
 */
import assert from 'node:assert/strict';
import { gql, gqlUpload, type GraphQLResponse } from './client.js';
import { sha256 } from './media.js';

export const UPLOAD_CHUNK = `mutation($u: ID!, $i: Int!, $c: Upload!, $h: String!) { uploadChunk(uploadId: $u, index: $i, chunk: $c, checksum: $h) { index } }`;

export type ChunkAnswer = GraphQLResponse<{ uploadChunk: { index: number } }>;

export interface ChunkedUpload {
  id: string;
  chunkCount: number;
  /** The bytes of chunk `i`. */
  chunk(i: number): Buffer;
  /** The variables of `UPLOAD_CHUNK` for chunk `i`, its bytes at `variables.c`. */
  variables(i: number): Record<string, unknown>;
  /** Sends chunk `i` once. */
  send(i: number, opts?: { signal?: AbortSignal }): Promise<ChunkAnswer>;
}

/** Starts the upload of `file` as `filename` in chunks of `chunkSize` bytes; fails the test if it is refused. */
export async function startChunkedUpload(url: string, token: string, file: Buffer, filename: string, chunkSize: number): Promise<ChunkedUpload> {
  const init = await gql<{ initUpload: { upload: { id: string; chunkCount: number } } }, Record<string, unknown>>(
    url,
    `mutation($f: String!, $s: Float!, $h: String!, $c: Int) { initUpload(filename: $f, size: $s, sha256: $h, chunkSize: $c) { upload { id chunkCount } } }`,
    { f: filename, s: file.length, h: sha256(file), c: chunkSize },
    { token },
  );
  assert.equal(init.errors, undefined, JSON.stringify(init.errors));
  const { id, chunkCount } = init.data!.initUpload.upload;
  const chunk = (i: number) => file.subarray(i * chunkSize, Math.min(file.length, (i + 1) * chunkSize));
  const variables = (i: number) => ({ u: id, i, c: null, h: sha256(chunk(i)) });
  return {
    id,
    chunkCount,
    chunk,
    variables,
    send: (i, opts = {}) =>
      gqlUpload<{ uploadChunk: { index: number } }>(url, UPLOAD_CHUNK, variables(i), { 'variables.c': { bytes: chunk(i), filename: `c${i}` } }, { token, ...opts }),
  };
}
