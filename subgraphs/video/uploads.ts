/**
 * Chunked, parallel, resumable uploads.
 *
 * The upload state machine (store, compare-and-set on status):
 *
 *   UPLOADING --completeUpload--> COMPLETED --publishVideo--> PUBLISHED
 *       |  \--abort / cleanup--> ABORTED
 *       \--complete finds a non-video or a wrong sha256--> FAILED
 *
 * A chunk sent through the API (uploadChunk) is accepted only once its bytes
 * are in object storage and its sha256 matches the client's checksum. A chunk
 * PUT to storage directly (presignChunkUpload, confirmChunk) is accepted on its
 * size; its checksum is checked only if the merged file turns out wrong (see
 * completeUpload). Then it is recorded in the store (unique per
 * index: the durable truth) and in the chunk index in Redis (uploadState.ts: fast status). Each attempt
 * writes its own object key, so two racing sends of one index never overwrite
 * each other: the one recorded first wins, the other deletes its object. State
 * lives only in the store, Redis and object storage, so a restarted instance
 * resumes every unfinished upload, and a chunk already received costs nothing
 * but the drained request.
 *
 * completeUpload merges server-side (S3 compose: every part but the last must
 * be at least 5 MiB, hence the minimum chunk size), then checks the merged
 * bytes: a video container by magic bytes, the declared size and sha256. When
 * that fails, the presigned chunks (the only ones not verified on the way in)
 * are read back: those that do not hash to their recorded checksum are
 * dropped and named (the client sends them again and completes; the upload
 * goes on), at most MAX_DROPPED_ROUNDS times per upload, so that a client
 * cannot make the service merge and hash the same file again and again by
 * re-sending one small wrong chunk. Otherwise the file itself is wrong: the
 * upload FAILS, and the merged object and the chunks are removed, so nothing
 * is left behind.
 *
 * Instant upload with proof of possession: a video's sha256 and size are
 * public, so they alone must not be enough to get its bytes as one's own
 * upload. When the declared content is already stored, initUpload starts a
 * normal UPLOADING upload and, beside it in Redis, a challenge: a few byte
 * ranges drawn with a CSPRNG. proveUpload reads those ranges from the stored
 * object and compares their sha256 with the client's answers; only a client
 * holding the file can give them. The challenge is consumed by the first
 * answer (ProofChallenges.take, a GETDEL), so each challenge allows one guess; after a wrong one the
 * upload simply goes on as a chunked upload, which a client may also do from
 * the start. A right answer moves the upload to COMPLETED pointing at the
 * stored object.
 *
 * Shared objects are reference-counted: a video and a COMPLETED upload each
 * keep the object they point at (see releaseObject), so an instant upload's
 * bytes outlive the deletion of the video it was proved against, and go when
 * the last video or completed upload using them does. Completed uploads never
 * published expire like unfinished ones and give their reference back.
 */
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload-minimal';
import type { Config } from '../../lib/config.js';
import { ErrorCode, appError, badInput, conflict, forbidden, notFound, rateLimited } from '../../lib/errors.js';
import type { ServiceMetrics } from '../../lib/observability/metrics.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import { VIDEO_SNIFF_BYTES, sniffVideo } from './media.js';
import type { ChunkRecord, UploadRecord, UploadStore } from './store/uploads.js';
import type { VideoStore } from './store/videos.js';
import type { ByteRange, StoredChallenge, UploadState } from './uploadState.js';

export const MIN_CHUNK_SIZE = 5 * 1024 * 1024;
export const MAX_CHUNK_SIZE = 32 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = MIN_CHUNK_SIZE;
/** Lifetime of presigned chunk URLs. @default 15 minutes */
export const PRESIGN_TTL_SECONDS = 15 * 60;
/** Chunks per presignChunkUploads or confirmChunks call. @default 100 */
export const MAX_CHUNKS_PER_CALL = 100;
/** Times completeUpload drops presigned chunks that do not match their checksums before it fails the upload instead. @default 2 */
export const MAX_DROPPED_ROUNDS = 2;
const SHA256 = /^[0-9a-f]{64}$/;

/** Ranges per proof-of-possession challenge. @default 3 */
export const PROOF_RANGE_COUNT = 3;
/** Shortest and longest challenged range; a range never exceeds half the file, so no answer is the public whole-file sha256. */
export const PROOF_RANGE_MIN_BYTES = 4 * 1024;
export const PROOF_RANGE_MAX_BYTES = 64 * 1024;
/** Smaller files are not offered instant upload: there is no range short enough to keep the answer unguessable and long enough to matter, and sending them costs little. */
export const INSTANT_MIN_BYTES = 2 * PROOF_RANGE_MIN_BYTES;

const chunkPrefix = (uploadId: string) => `uploads/${uploadId}/`;
const chunkObjectKey = (uploadId: string, index: number) => `${chunkPrefix(uploadId)}chunk-${String(index).padStart(6, '0')}-${randomUUID()}`;
export const mergedObjectKey = (uploadId: string) => `videos/${uploadId}/source`;

export type UploadMetrics = ReturnType<typeof uploadMetrics>;

/** The object storage operations uploads use. */
export type UploadObjects = Pick<ObjectStore, 'put' | 'get' | 'stat' | 'compose' | 'remove' | 'list' | 'presignedPut'>;

/** What the upload functions use: the uploads port, the few video lookups of instant uploads and shared objects, object storage, the Redis-side state, the limits. */
export interface UploadDeps {
  uploads: UploadStore;
  videos: Pick<VideoStore, 'findVideoBySha256' | 'countVideosWithObject' | 'countObjectReferences'>;
  objects: UploadObjects;
  state: UploadState;
  limits: Pick<Config, 'VIDEO_MAX_BYTES' | 'VIDEO_MAX_UPLOADS_PER_USER' | 'VIDEO_UPLOAD_TTL_SECONDS' | 'VIDEO_MAX_CHUNKS_IN_FLIGHT'>;
  /** Chunk uploads this instance is receiving now (the per-instance cap). */
  inFlight: { count: number };
  /** Chunks and bytes received, uploads finished (absent where nothing is measured). */
  metrics?: UploadMetrics | undefined;
}

/** Chunks by what became of them, bytes stored, chunk uploads in progress, and how uploads finished. */
export function uploadMetrics(metrics: ServiceMetrics, inFlight: { count: number }) {
  const chunks = metrics.counter('vidhub_upload_chunks_total', 'Chunks received (sent or confirmed after a presigned PUT), by outcome: stored, duplicate (already had it), rejected (wrong size or checksum).', ['outcome']);
  const bytes = metrics.counter('vidhub_upload_bytes_total', 'Bytes of chunks stored.');
  const finished = metrics.counter('vidhub_uploads_finished_total', 'Uploads that reached an end: completed (chunks merged), instant (proof of possession accepted), failed (not a video, or wrong sha256).', ['outcome']);
  const cleanupPasses = metrics.counter('vidhub_upload_cleanup_passes_total', 'Stale-upload cleanup passes this instance ran (one pass per VIDEO_CLEANUP_INTERVAL_SECONDS across all instances).');
  metrics.gaugeFrom('vidhub_upload_chunks_in_flight', 'Chunk uploads this instance is receiving now (capped by VIDEO_MAX_CHUNKS_IN_FLIGHT).', [], () => [[{}, inFlight.count]]);
  return {
    stored: (size: number) => {
      chunks.inc({ outcome: 'stored' });
      bytes.inc(size);
    },
    duplicate: () => chunks.inc({ outcome: 'duplicate' }),
    rejected: () => chunks.inc({ outcome: 'rejected' }),
    finished: (outcome: 'completed' | 'instant' | 'failed') => finished.inc({ outcome }),
    cleanupPass: () => cleanupPasses.inc(),
  };
}

function expectedChunkSize(u: UploadRecord, index: number): number {
  return index === u.chunkCount - 1 ? u.size - u.chunkSize * (u.chunkCount - 1) : u.chunkSize;
}

/** The viewer's upload, or NOT_FOUND / FORBIDDEN. */
async function ownUpload(deps: UploadDeps, viewerId: string, uploadId: string): Promise<UploadRecord> {
  const upload = await deps.uploads.findUpload(uploadId);
  if (!upload) throw notFound('No such upload.');
  if (upload.ownerId !== viewerId) throw forbidden('Only the user who started this upload can use it.');
  return upload;
}

function checkIndex(u: UploadRecord, index: number) {
  if (!Number.isInteger(index) || index < 0 || index >= u.chunkCount) throw badInput(`index must be between 0 and ${u.chunkCount - 1}.`, { field: 'index' });
}

function requireUploading(u: UploadRecord) {
  if (u.status !== 'UPLOADING') throw badInput(`This upload is ${u.status.toLowerCase()}; it takes no more chunks.`);
}

/** Received indexes, from the chunk index in Redis, rebuilt from the store when Redis lost them. */
export async function receivedChunks(deps: Pick<UploadDeps, 'uploads' | 'state' | 'limits'>, u: UploadRecord): Promise<number[]> {
  if (u.status !== 'UPLOADING') return u.objectKey ? Array.from({ length: u.chunkCount }, (_, i) => i) : [];
  const members = await deps.state.chunks.members(u.id);
  if (members.length) return members;
  const stored = (await deps.uploads.listChunks(u.id)).map((c) => c.index);
  await deps.state.chunks.add(u.id, stored, deps.limits.VIDEO_UPLOAD_TTL_SECONDS);
  return stored;
}

export async function initUpload(deps: UploadDeps, viewerId: string, args: { filename: string; size: number; sha256: string; chunkSize?: number | null }) {
  const filename = args.filename.trim();
  if (!filename || filename.length > 255) throw badInput('filename is 1-255 characters.', { field: 'filename' });
  if (!Number.isInteger(args.size) || args.size < 1) throw badInput('size is a positive whole number of bytes.', { field: 'size' });
  if (args.size > deps.limits.VIDEO_MAX_BYTES) throw appError(ErrorCode.PAYLOAD_TOO_LARGE, `Videos are at most ${deps.limits.VIDEO_MAX_BYTES} bytes.`, { maxBytes: deps.limits.VIDEO_MAX_BYTES });
  const sha256 = args.sha256.toLowerCase();
  if (!SHA256.test(sha256)) throw badInput('sha256 is the file digest as 64 hex characters.', { field: 'sha256' });
  const chunkSize = args.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw badInput(`chunkSize is between ${MIN_CHUNK_SIZE} and ${MAX_CHUNK_SIZE} bytes.`, { field: 'chunkSize' });
  }
  const chunkCount = Math.ceil(args.size / chunkSize);
  const ownerId = viewerId;

  // An upload with a challenge is an unfinished upload like any other (the
  // client may send its chunks), so it counts against the cap.
  if ((await deps.uploads.countActiveUploads(ownerId)) >= deps.limits.VIDEO_MAX_UPLOADS_PER_USER) {
    throw rateLimited(`You can have ${deps.limits.VIDEO_MAX_UPLOADS_PER_USER} unfinished uploads at a time; complete or abort one first.`, 60);
  }
  const existing = args.size >= INSTANT_MIN_BYTES ? await deps.videos.findVideoBySha256(sha256) : null;
  const upload = await deps.uploads.createUpload({ ownerId, filename, size: args.size, sha256, chunkSize, chunkCount, status: 'UPLOADING', objectKey: null });
  if (existing && existing.size === args.size) await issueChallenge(deps, upload, existing.objectKey);
  // `instant` stays in the result for older clients: false sends them down the chunked path, which still works.
  return { upload, instant: false };
}

/** PROOF_RANGE_COUNT ranges at offsets and of lengths drawn with a CSPRNG, ordered by offset. */
export function challengeRanges(size: number): ByteRange[] {
  const longest = Math.min(PROOF_RANGE_MAX_BYTES, Math.floor(size / 2));
  if (longest < PROOF_RANGE_MIN_BYTES) throw new RangeError(`no challenge for a file of ${size} bytes`);
  return Array.from({ length: PROOF_RANGE_COUNT }, () => {
    const length = randomInt(PROOF_RANGE_MIN_BYTES, longest + 1);
    return { offset: randomInt(0, size - length + 1), length };
  }).sort((a, b) => a.offset - b.offset);
}

async function issueChallenge(deps: UploadDeps, u: UploadRecord, objectKey: string) {
  const ttl = deps.limits.VIDEO_UPLOAD_TTL_SECONDS;
  const challenge: StoredChallenge = { objectKey, ranges: challengeRanges(u.size), expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
  await deps.state.proofs.save(u.id, challenge, ttl);
}

/** The pending challenge of an upload as the client sees it (ranges and expiry), or null. */
export async function proofChallenge(deps: Pick<UploadDeps, 'state'>, u: UploadRecord): Promise<{ ranges: ByteRange[]; expiresAt: Date } | null> {
  if (u.status !== 'UPLOADING') return null;
  const pending = await deps.state.proofs.peek(u.id);
  return pending && { ranges: pending.ranges, expiresAt: new Date(pending.expiresAt) };
}

/** Constant-time comparison of two hex digests of equal length. */
function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function proveUpload(deps: UploadDeps, viewerId: string, args: { uploadId: string; proofs: readonly string[] }): Promise<UploadRecord> {
  const u = await ownUpload(deps, viewerId, args.uploadId);
  // A retry after a lost answer finds the upload already completed.
  if (u.status === 'COMPLETED' || u.status === 'PUBLISHED') return u;
  requireUploading(u);
  const pending = await proofChallenge(deps, u);
  if (!pending) throw badInput('This upload has no pending proof challenge (it was answered or has expired); send the chunks.', { field: 'proofs' });
  // Malformed answers are refused before the challenge is consumed: they are not a guess.
  const proofs = args.proofs.map((p) => p.toLowerCase());
  if (proofs.length !== pending.ranges.length) throw badInput(`proofs holds one sha256 per challenged range: ${pending.ranges.length}.`, { field: 'proofs' });
  if (!proofs.every((p) => SHA256.test(p))) throw badInput('Each proof is a sha256 as 64 hex characters.', { field: 'proofs' });

  const result = await deps.state.locks.completing(u.id, 60_000, async () => {
    // Of concurrent answers only one takes the challenge, so a challenge is one guess.
    const challenge = await deps.state.proofs.take(u.id);
    if (!challenge) throw badInput('This upload has no pending proof challenge (it was answered or has expired); send the chunks.', { field: 'proofs' });
    if (!(await deps.objects.stat(challenge.objectKey))) throw conflict('The stored copy of this content is gone; send the chunks.');
    const digests = await Promise.all(
      challenge.ranges.map(async (r) => hashObject(await deps.objects.get(challenge.objectKey, { start: r.offset, end: r.offset + r.length - 1 }))),
    );
    // Every range is compared, whatever the first mismatch, and the answer says nothing of which one was wrong.
    const matches = digests.map((d, i) => sameDigest(d, proofs[i]!));
    if (!matches.every(Boolean)) throw badInput('The proofs do not match the content; send the chunks instead.', { field: 'proofs' });

    const done = await deps.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: challenge.objectKey });
    if (!done) throw conflict('The upload changed while its proof was being checked.');
    // The upload now holds a reference to the object. A delete of the last
    // video using it may have counted references just before that: only if a
    // video still uses the object (counted after our reference exists) is it
    // certain to stay; otherwise give the reference back and send the chunks.
    if ((await deps.videos.countVideosWithObject(challenge.objectKey)) === 0) {
      await deps.uploads.transitionUpload(u.id, ['COMPLETED'], 'UPLOADING', { objectKey: null });
      await releaseObject(deps, challenge.objectKey);
      throw conflict('The stored copy of this content is gone; send the chunks.');
    }
    // Chunks sent before the proof are not needed any more.
    await discardChunks(deps, u.id);
    deps.metrics?.finished('instant');
    return done;
  });
  if (!result) throw conflict('This upload is already being completed; ask uploadStatus in a moment.');
  return result;
}

/**
 * A chunk's bytes on their way to storage: counted and hashed as they pass,
 * with the latest piece held back until the body has ended at exactly
 * `expected` bytes whose sha256 is `checksum`. So storage, which is told to
 * expect `expected` bytes, never receives a whole object that is not the
 * chunk: a body too long fails at the first byte too many, one too short or
 * with other bytes fails at its end, and the request to storage stays short of
 * its length. `refusal` is the client's error once the body ended wrong.
 */
function verifiedChunk(index: number, expected: number, checksum: string) {
  const hash = createHash('sha256');
  let bytes = 0;
  let held: Buffer | undefined;
  let refusal: Error | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > expected) return done(badInput(`This chunk is larger than expected (${expected} bytes).`));
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      if (bytes !== expected) refusal = badInput(`Chunk ${index} has ${bytes} bytes; expected ${expected}.`, { field: 'chunk' });
      else if (hash.digest('hex') !== checksum) refusal = badInput(`Chunk ${index} does not match its checksum; send it again.`, { field: 'chunk' });
      if (refusal) done(refusal);
      else done(null, held);
    },
  });
  return { stream, refusal: () => refusal };
}

async function receipt(deps: UploadDeps, u: UploadRecord, index: number, stored: boolean) {
  const received = await receivedChunks(deps, u);
  return { index, stored, receivedCount: received.length, chunkCount: u.chunkCount };
}

async function record(deps: UploadDeps, u: UploadRecord, chunk: Omit<ChunkRecord, 'uploadId'>) {
  const { index, size, objectKey } = chunk;
  const stored = await deps.uploads.recordChunk({ uploadId: u.id, ...chunk });
  if (stored) deps.metrics?.stored(size);
  else deps.metrics?.duplicate();
  if (!stored) await deps.objects.remove([objectKey]);
  await deps.state.chunks.add(u.id, [index], deps.limits.VIDEO_UPLOAD_TTL_SECONDS);
  return stored;
}

async function alreadyReceived(deps: UploadDeps, u: UploadRecord, index: number): Promise<boolean> {
  return (await deps.state.chunks.has(u.id, index)) || (await receivedChunks(deps, u)).includes(index);
}

export async function uploadChunk(deps: UploadDeps, viewerId: string, args: { uploadId: string; index: number; chunk: Promise<FileUpload>; checksum: string }) {
  const file = await args.chunk;
  const body = file.createReadStream();
  try {
    const u = await ownUpload(deps, viewerId, args.uploadId);
    requireUploading(u);
    checkIndex(u, args.index);
    const checksum = args.checksum.toLowerCase();
    if (!SHA256.test(checksum)) throw badInput('checksum is the chunk sha256 as 64 hex characters.', { field: 'checksum' });
    if (await alreadyReceived(deps, u, args.index)) {
      deps.metrics?.duplicate();
      return receipt(deps, u, args.index, false);
    }
    if (deps.inFlight.count >= deps.limits.VIDEO_MAX_CHUNKS_IN_FLIGHT) throw rateLimited('This server is busy with other uploads; retry the chunk in a moment.', 1);

    deps.inFlight.count++;
    try {
      const expected = expectedChunkSize(u, args.index);
      const key = chunkObjectKey(u.id, args.index);
      const chunk = verifiedChunk(args.index, expected, checksum);
      // pipe() does not pass on the body's error: a request cut in the middle of
      // the chunk (the client or the gateway gone) would leave the put waiting
      // for bytes that never come, holding its in-flight slot. It fails the put.
      body.once('error', (err: Error) => chunk.stream.destroy(err));
      try {
        // Size and sha256 known: one PUT, streamed as the bytes arrive.
        await deps.objects.put(key, body.pipe(chunk.stream), expected, undefined, checksum);
      } catch (err) {
        await deps.objects.remove([key]).catch(() => undefined);
        const refusal = chunk.refusal();
        if (!refusal) throw err;
        deps.metrics?.rejected();
        throw refusal;
      }
      return receipt(deps, u, args.index, await record(deps, u, { index: args.index, size: expected, sha256: checksum, objectKey: key, verified: true }));
    } finally {
      deps.inFlight.count--;
    }
  } finally {
    // Whatever happened, the rest of the request body is consumed, or the connection stalls.
    body.resume();
  }
}

/** The indexes of one batch call: 1-MAX_CHUNKS_PER_CALL, distinct, in range; or BAD_USER_INPUT naming `field`. */
function checkBatch(u: UploadRecord, indexes: readonly number[], field: string) {
  if (indexes.length < 1 || indexes.length > MAX_CHUNKS_PER_CALL) throw badInput(`Give 1-${MAX_CHUNKS_PER_CALL} chunks per call.`, { field });
  if (new Set(indexes).size !== indexes.length) throw badInput('Name each chunk at most once per call.', { field });
  const outside = indexes.find((i) => !Number.isInteger(i) || i < 0 || i >= u.chunkCount);
  if (outside !== undefined) throw badInput(`Chunk ${outside} is out of range: indexes go from 0 to ${u.chunkCount - 1}.`, { field });
}

async function presignFor(deps: UploadDeps, u: UploadRecord, index: number) {
  const key = chunkObjectKey(u.id, index);
  await deps.state.presigned.remember(u.id, index, key, PRESIGN_TTL_SECONDS);
  return { index, method: 'PUT', url: await deps.objects.presignedPut(key, PRESIGN_TTL_SECONDS), expiresAt: new Date(Date.now() + PRESIGN_TTL_SECONDS * 1000) };
}

export async function presignChunk(deps: UploadDeps, viewerId: string, uploadId: string, index: number) {
  const u = await ownUpload(deps, viewerId, uploadId);
  requireUploading(u);
  checkIndex(u, index);
  return presignFor(deps, u, index);
}

/** presignChunk for several chunks: checked as a whole first, then every URL is made. */
export async function presignChunks(deps: UploadDeps, viewerId: string, uploadId: string, indexes: readonly number[]) {
  const u = await ownUpload(deps, viewerId, uploadId);
  requireUploading(u);
  checkBatch(u, indexes, 'indexes');
  return Promise.all(indexes.map((index) => presignFor(deps, u, index)));
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function hashObject(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function confirmChunk(deps: UploadDeps, viewerId: string, args: { uploadId: string; index: number; checksum: string }) {
  const u = await ownUpload(deps, viewerId, args.uploadId);
  requireUploading(u);
  checkIndex(u, args.index);
  const checksum = args.checksum.toLowerCase();
  if (!SHA256.test(checksum)) throw badInput('checksum is the chunk sha256 as 64 hex characters.', { field: 'checksum' });
  return confirmFor(deps, u, { index: args.index, checksum });
}

/**
 * confirmChunk for several chunks. The call as a whole is checked first
 * (nothing is recorded if it is wrong); then each chunk is confirmed on its
 * own: one that cannot be is answered with its error in its place (the list
 * item becomes null with that error), the others are recorded.
 */
export async function confirmChunks(deps: UploadDeps, viewerId: string, args: { uploadId: string; chunks: readonly { index: number; checksum: string }[] }) {
  const u = await ownUpload(deps, viewerId, args.uploadId);
  requireUploading(u);
  checkBatch(u, args.chunks.map((c) => c.index), 'chunks');
  const chunks = args.chunks.map((c) => ({ index: c.index, checksum: c.checksum.toLowerCase() }));
  const bad = chunks.find((c) => !SHA256.test(c.checksum));
  if (bad) throw badInput(`The checksum of chunk ${bad.index} is not a sha256 as 64 hex characters.`, { field: 'chunks' });
  // One promise per item: GraphQL answers a rejected one as null with its error at that item's path.
  return chunks.map((c) => confirmFor(deps, u, c));
}

/** Confirms one presigned chunk of `u` (checked to be UPLOADING, index in range, checksum lower-case hex). */
async function confirmFor(deps: UploadDeps, u: UploadRecord, args: { index: number; checksum: string }) {
  const checksum = args.checksum;
  const key = await deps.state.presigned.find(u.id, args.index);
  if (!key) throw badInput(`No presigned upload is pending for chunk ${args.index}: call presignChunkUpload first (URLs expire).`);
  const stat = await deps.objects.stat(key);
  if (!stat) throw badInput(`Nothing was uploaded to the presigned URL of chunk ${args.index} yet.`);
  await deps.state.presigned.forget(u.id, args.index);
  if (await alreadyReceived(deps, u, args.index)) {
    deps.metrics?.duplicate();
    await deps.objects.remove([key]);
    return receipt(deps, u, args.index, false);
  }
  const expected = expectedChunkSize(u, args.index);
  if (stat.size !== expected) {
    deps.metrics?.rejected();
    await deps.objects.remove([key]);
    throw badInput(`Chunk ${args.index} has ${stat.size} bytes; expected ${expected}.`);
  }
  // The bytes are not read back to check the checksum here: that would move
  // every byte of a direct-to-storage upload through this service after all.
  // completeUpload hashes the merged file anyway, and only when that fails
  // reads the chunks, to drop those that do not match (wrongChunks).
  return receipt(deps, u, args.index, await record(deps, u, { index: args.index, size: stat.size, sha256: checksum, objectKey: key, verified: false }));
}

/**
 * Deletes an object once nothing refers to it any more: no video and no
 * COMPLETED upload (instant uploads share objects). Called by whoever has just
 * given up a reference; true when the object was deleted.
 */
export async function releaseObject(deps: { videos: Pick<VideoStore, 'countObjectReferences'>; objects: Pick<ObjectStore, 'remove'> }, objectKey: string): Promise<boolean> {
  if ((await deps.videos.countObjectReferences(objectKey)) > 0) return false;
  await deps.objects.remove([objectKey]);
  return true;
}

/** Deletes every chunk object and record of an upload (recorded or not, e.g. presigned leftovers). */
export async function discardChunks(deps: Pick<UploadDeps, 'uploads' | 'objects' | 'state'>, uploadId: string) {
  const keys = await deps.objects.list(chunkPrefix(uploadId));
  if (keys.length) await deps.objects.remove(keys);
  await deps.uploads.deleteChunks(uploadId);
  // A pending challenge goes too: the upload is done (or gone) either way.
  await deps.state.forget(uploadId);
}

/** Up to 20 chunk indexes for a message. */
function listed(indexes: number[]): string {
  return `${indexes.slice(0, 20).join(', ')}${indexes.length > 20 ? '…' : ''}`;
}

/** The unverified chunks whose stored bytes do not hash to the checksum recorded with them (read one at a time). */
async function wrongChunks(deps: Pick<UploadDeps, 'objects'>, chunks: ChunkRecord[]): Promise<ChunkRecord[]> {
  const wrong: ChunkRecord[] = [];
  for (const c of chunks) {
    if (!c.verified && (await hashObject(await deps.objects.get(c.objectKey))) !== c.sha256) wrong.push(c);
  }
  return wrong;
}

/**
 * Forgets chunks so that they can be sent again: the Redis index first (an
 * index it still listed would be skipped as already received), then the
 * records with their round counted, then the objects (any left over go with
 * the upload's prefix in discardChunks).
 */
async function dropChunks(deps: UploadDeps, u: UploadRecord, wrong: ChunkRecord[]) {
  const indexes = wrong.map((c) => c.index);
  await deps.state.chunks.remove(u.id, indexes);
  await deps.uploads.dropChunks(u.id, indexes);
  await deps.objects.remove(wrong.map((c) => c.objectKey));
  for (const _ of wrong) deps.metrics?.rejected();
}

export async function completeUpload(deps: UploadDeps, viewerId: string, uploadId: string): Promise<UploadRecord> {
  const u = await ownUpload(deps, viewerId, uploadId);
  if (u.status === 'COMPLETED' || u.status === 'PUBLISHED') return u;
  requireUploading(u);
  const result = await deps.state.locks.completing(u.id, 10 * 60_000, async () => {
    // Read again under the lock: a completion that just ended may have moved it on.
    const current = await ownUpload(deps, viewerId, uploadId);
    if (current.status === 'COMPLETED' || current.status === 'PUBLISHED') return current;
    requireUploading(current);
    const chunks = await deps.uploads.listChunks(u.id);
    if (chunks.length !== u.chunkCount) {
      const have = new Set(chunks.map((c) => c.index));
      const missing = Array.from({ length: u.chunkCount }, (_, i) => i).filter((i) => !have.has(i));
      // The Redis index may still list them (a drop cut short): it must not, or a re-sent chunk is skipped.
      await deps.state.chunks.remove(u.id, missing);
      throw badInput(`Missing chunks: ${listed(missing)}.`, { missing });
    }
    const target = mergedObjectKey(u.id);
    let failure: string | null = null;
    try {
      await deps.objects.compose(target, chunks.map((c) => c.objectKey));
      const head = await readAll(await deps.objects.get(target, { start: 0, end: VIDEO_SNIFF_BYTES - 1 }));
      if (!sniffVideo(head)) failure = 'The file is not a video (its content matches no video container).';
      else if ((await hashObject(await deps.objects.get(target))) !== u.sha256) failure = 'The merged file does not match the declared sha256.';
    } catch (err) {
      await deps.objects.remove([target]).catch(() => undefined);
      throw err;
    }
    if (failure) {
      await deps.objects.remove([target]);
      // A chunk PUT to storage directly was only checked for its size: the
      // file may be fine once the wrong ones are sent again. The upload goes on.
      const wrong = current.droppedRounds < MAX_DROPPED_ROUNDS ? await wrongChunks(deps, chunks) : [];
      if (wrong.length) {
        await dropChunks(deps, u, wrong);
        const indexes = wrong.map((c) => c.index);
        throw badInput(`Chunks ${listed(indexes)} do not match their checksums and were dropped: send them again, then complete.`, { missing: indexes });
      }
      await discardChunks(deps, u.id);
      await deps.uploads.transitionUpload(u.id, ['UPLOADING'], 'FAILED', { failure });
      deps.metrics?.finished('failed');
      throw badInput(failure);
    }
    const done = await deps.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: target });
    if (!done) throw conflict('The upload changed while it was being completed.');
    await discardChunks(deps, u.id);
    deps.metrics?.finished('completed');
    return done;
  });
  if (!result) throw conflict('This upload is already being completed; ask uploadStatus in a moment.');
  return result;
}

export async function abortUpload(deps: UploadDeps, viewerId: string, uploadId: string): Promise<boolean> {
  const u = await ownUpload(deps, viewerId, uploadId);
  if (u.status === 'ABORTED') return true;
  requireUploading(u);
  await deps.uploads.transitionUpload(u.id, ['UPLOADING'], 'ABORTED');
  await discardChunks(deps, u.id);
  return true;
}

export async function uploadStatus(deps: UploadDeps, viewerId: string, uploadId: string) {
  return ownUpload(deps, viewerId, uploadId);
}
