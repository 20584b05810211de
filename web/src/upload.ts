/**
 * Chunked, resumable uploads: the file's sha256 (hashed incrementally with
 * hash-wasm — WebCrypto cannot hash a file larger than memory), `initUpload`,
 * one `uploadChunk` per missing chunk with its own sha256, `completeUpload`.
 * The upload id is kept in localStorage under the file's sha256 and size, so
 * choosing the same file again — after a reload, a crash, a lost connection —
 * asks `uploadStatus` and sends only the chunks the server has not received,
 * a few at a time.
 * Content already stored for a published video answers the server's proof
 * challenge (3 byte ranges) instead of sending any chunk.
 */
import { createSHA256 } from 'hash-wasm';
import type { Client } from 'urql';
import { graphql } from './__generated__';
import type { UploadFieldsFragment } from './__generated__/graphql';

graphql(`
  fragment UploadFields on UploadSession {
    id
    chunkSize
    chunkCount
    receivedChunks
    status
    failure
    proofChallenge {
      ranges {
        offset
        length
      }
    }
  }
`);

const InitDocument = graphql(`
  mutation InitUpload($filename: String!, $size: Float!, $sha256: String!) {
    initUpload(filename: $filename, size: $size, sha256: $sha256) {
      upload {
        ...UploadFields
      }
    }
  }
`);

const StatusDocument = graphql(`
  query UploadStatus($uploadId: ID!) {
    uploadStatus(uploadId: $uploadId) {
      ...UploadFields
    }
  }
`);

const ProveDocument = graphql(`
  mutation ProveUpload($uploadId: ID!, $proofs: [String!]!) {
    proveUpload(uploadId: $uploadId, proofs: $proofs) {
      ...UploadFields
    }
  }
`);

const ChunkDocument = graphql(`
  mutation UploadChunk($uploadId: ID!, $index: Int!, $chunk: Upload!, $checksum: String!) {
    uploadChunk(uploadId: $uploadId, index: $index, chunk: $chunk, checksum: $checksum) {
      index
      receivedCount
      chunkCount
    }
  }
`);

const CompleteDocument = graphql(`
  mutation CompleteUpload($uploadId: ID!) {
    completeUpload(uploadId: $uploadId) {
      ...UploadFields
    }
  }
`);

export type UploadPhase = { phase: 'hashing'; done: number } | { phase: 'proving' } | { phase: 'sending'; done: number; resumed: boolean } | { phase: 'completing' };

/** A completed upload, ready to publish; `instant` when the server had the content and nothing was sent. */
export interface UploadedFile {
  uploadId: string;
  instant: boolean;
}

const SLICE = 8 * 1024 * 1024;
/**
 * Chunks sent at once. One at a time leaves the line idle while each chunk's
 * answer comes back (a round trip, and the server storing the chunk); a few
 * keep it busy. More than a few only split the same bandwidth further.
 */
const CHUNKS_IN_FLIGHT = 3;
const storageKey = (sha256: string, size: number) => `vidhub:upload:${sha256}:${size}`;

async function digest(blob: Blob): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function hashFile(file: File, onProgress: (done: number) => void, signal: AbortSignal): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += SLICE) {
    signal.throwIfAborted();
    hasher.update(new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer()));
    onProgress(Math.min(1, (offset + SLICE) / file.size));
  }
  return hasher.digest('hex');
}

/** A GraphQL error's code, or NETWORK for a request that got no answer. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function unwrap<T>(result: { data?: T; error?: { networkError?: Error; graphQLErrors: { message: string; extensions?: Record<string, unknown> }[] } }): T {
  if (result.error?.networkError) throw new UploadError('The connection was lost.', 'NETWORK');
  const first = result.error?.graphQLErrors[0];
  if (first) throw new UploadError(first.message, String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  if (!result.data) throw new UploadError('No answer from the server.', 'NETWORK');
  return result.data;
}

/**
 * Uploads (or resumes) `file`; resolves with the id of the COMPLETED upload,
 * ready to publish. Up to CHUNKS_IN_FLIGHT chunks are sent at once. `signal`
 * pauses: no chunk starts after it, the chunks in flight finish.
 */
export async function uploadFile(client: Client, file: File, onProgress: (p: UploadPhase) => void, signal: AbortSignal): Promise<UploadedFile> {
  const sha256 = await hashFile(file, (done) => onProgress({ phase: 'hashing', done }), signal);
  const key = storageKey(sha256, file.size);
  let upload: UploadFieldsFragment | undefined;
  let resumed = false;
  const known = localStorage.getItem(key);
  if (known) {
    const status = await client.query(StatusDocument, { uploadId: known }, { requestPolicy: 'network-only' }).toPromise();
    const found = status.data?.uploadStatus;
    if (found && (found.status === 'UPLOADING' || found.status === 'COMPLETED')) {
      upload = found;
      resumed = true;
    } else localStorage.removeItem(key);
  }
  upload ??= unwrap(await client.mutation(InitDocument, { filename: file.name, size: file.size, sha256 }).toPromise()).initUpload.upload;
  localStorage.setItem(key, upload.id);

  let instant = false;
  if (upload.status === 'UPLOADING' && upload.proofChallenge) {
    // The server holds this content already: prove we have it instead of sending it.
    onProgress({ phase: 'proving' });
    const proofs = await Promise.all(upload.proofChallenge.ranges.map((r) => digest(file.slice(r.offset, r.offset + r.length))));
    const proved = await client.mutation(ProveDocument, { uploadId: upload.id, proofs }).toPromise();
    if (proved.data) {
      upload = proved.data.proveUpload;
      instant = upload.status === 'COMPLETED';
    }
  }

  if (upload.status === 'UPLOADING') {
    const { id, chunkSize, chunkCount } = upload;
    const received = new Set(upload.receivedChunks);
    const missing = Array.from({ length: chunkCount }, (_, i) => i).filter((i) => !received.has(i));
    let done = received.size;
    onProgress({ phase: 'sending', done: done / chunkCount, resumed });
    // CHUNKS_IN_FLIGHT senders share the missing chunks. After the first
    // failure (or a pause) none starts another; those in flight finish, so the
    // server keeps every chunk that arrived whole and a resume skips it.
    let failure: { error: unknown } | undefined;
    const sender = async () => {
      for (let index = missing.shift(); index !== undefined && !failure; index = missing.shift()) {
        try {
          signal.throwIfAborted();
          const blob = file.slice(index * chunkSize, Math.min(file.size, (index + 1) * chunkSize));
          const chunk = new File([blob], `${file.name}.part${index}`, { type: 'application/octet-stream' });
          const checksum = await digest(blob);
          unwrap(await client.mutation(ChunkDocument, { uploadId: id, index, chunk, checksum }).toPromise());
        } catch (error) {
          failure ??= { error };
          return;
        }
        done++;
        onProgress({ phase: 'sending', done: done / chunkCount, resumed });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, missing.length) }, sender));
    if (failure) throw failure.error;
    onProgress({ phase: 'completing' });
    upload = unwrap(await client.mutation(CompleteDocument, { uploadId: upload.id }).toPromise()).completeUpload;
  }
  if (upload.status !== 'COMPLETED') throw new UploadError(upload.failure ?? `The upload is ${upload.status.toLowerCase()}.`, 'FAILED');
  return { uploadId: upload.id, instant };
}

/** Forgets a published upload, so the same file later starts afresh. */
export function forgetUpload(uploadId: string): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k?.startsWith('vidhub:upload:') && localStorage.getItem(k) === uploadId) localStorage.removeItem(k);
  }
}
