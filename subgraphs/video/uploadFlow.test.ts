/**
 * Unit specs of the upload functions (uploads.ts), without servers: the
 * uploads and videos ports on an in-memory SQLite database (the real adapter),
 * and in-memory stand-ins for the two narrow ports that would need a server:
 * object storage (MemoryObjects, which keeps S3's rule that every composed part
 * but the last is at least 5 MiB) and the Redis-side upload state
 * (MemoryUploadState: the same set, GETDEL and lock semantics, without expiry).
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { FileUpload } from 'graphql-upload-minimal';
import type { GraphQLError } from 'graphql';
import type { StoredObject } from '../../lib/storage/objectStore.js';
import { sqliteVideoStores, type VideoStores } from './store/index.js';
import type { StoredChallenge, UploadState } from './uploadState.js';
import {
  MAX_CHUNKS_PER_CALL,
  MAX_DROPPED_ROUNDS,
  MIN_CHUNK_SIZE,
  abortUpload,
  completeUpload,
  confirmChunk,
  confirmChunks,
  initUpload,
  presignChunk,
  presignChunks,
  proveUpload,
  proofChallenge,
  receivedChunks,
  uploadChunk,
  uploadStatus,
  type UploadDeps,
  type UploadObjects,
} from './uploads.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Object storage in memory, for the operations uploads use. */
class MemoryObjects implements UploadObjects {
  readonly objects = new Map<string, Buffer>();
  /** Keys read whole, in order. */
  readonly reads: string[] = [];

  async put(key: string, body: Buffer | NodeJS.ReadableStream): Promise<StoredObject> {
    const chunks: Buffer[] = [];
    if (Buffer.isBuffer(body)) chunks.push(body);
    else for await (const c of body) chunks.push(Buffer.from(c as Buffer));
    const bytes = Buffer.concat(chunks);
    this.objects.set(key, bytes);
    return { key, size: bytes.length, etag: sha(bytes) };
  }
  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const bytes = this.objects.get(key);
    if (!bytes) throw Object.assign(new Error(`no object ${key}`), { code: 'NoSuchKey' });
    if (!range) this.reads.push(key);
    return Readable.from([range ? bytes.subarray(range.start, range.end === undefined ? undefined : range.end + 1) : bytes]);
  }
  async stat(key: string): Promise<StoredObject | null> {
    const bytes = this.objects.get(key);
    return bytes ? { key, size: bytes.length, etag: sha(bytes) } : null;
  }
  async compose(target: string, sources: string[]): Promise<StoredObject> {
    const parts = sources.map((k) => this.objects.get(k) ?? Buffer.alloc(0));
    if (parts.slice(0, -1).some((p) => p.length < 5 * 1024 * 1024)) throw new Error('EntityTooSmall');
    return this.put(target, Buffer.concat(parts));
  }
  async remove(keys: string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async presignedPut(key: string): Promise<string> {
    return `memory:///${key}`;
  }
}

/** The Redis-side upload state in memory (no expiry: the specs run in well under any TTL). */
class MemoryUploadState implements UploadState {
  readonly sets = new Map<string, Set<number>>();
  readonly challenges = new Map<string, StoredChallenge>();
  readonly presigns = new Map<string, string>();
  readonly held = new Set<string>();

  chunks = {
    members: async (id: string) => [...(this.sets.get(id) ?? [])].sort((a, b) => a - b),
    has: async (id: string, index: number) => this.sets.get(id)?.has(index) ?? false,
    add: async (id: string, indexes: readonly number[]) => {
      if (!indexes.length) return;
      const set = this.sets.get(id) ?? new Set<number>();
      for (const i of indexes) set.add(i);
      this.sets.set(id, set);
    },
    remove: async (id: string, indexes: readonly number[]) => {
      for (const i of indexes) this.sets.get(id)?.delete(i);
    },
  };
  proofs = {
    save: async (id: string, c: StoredChallenge) => void this.challenges.set(id, c),
    peek: async (id: string) => this.challenges.get(id) ?? null,
    take: async (id: string) => {
      const c = this.challenges.get(id) ?? null;
      this.challenges.delete(id);
      return c;
    },
  };
  presigned = {
    remember: async (id: string, index: number, key: string) => void this.presigns.set(`${id}/${index}`, key),
    find: async (id: string, index: number) => this.presigns.get(`${id}/${index}`) ?? null,
    forget: async (id: string, index: number) => void this.presigns.delete(`${id}/${index}`),
  };
  locks = {
    completing: <T>(id: string, _ttl: number, fn: () => Promise<T>) => this.hold(`completing/${id}`, fn),
    sweep: <T>(_ttl: number, fn: () => Promise<T>) => this.hold('sweep', fn),
    // Held until released by hand: these specs never run the periodic sweep.
    claimSweepPeriod: async () => (this.held.has('sweep') ? false : (this.held.add('sweep'), true)),
  };
  async forget(id: string) {
    this.sets.delete(id);
    this.challenges.delete(id);
  }
  private async hold<T>(key: string, fn: () => Promise<T>): Promise<T | undefined> {
    if (this.held.has(key)) return undefined;
    this.held.add(key);
    try {
      return await fn();
    } finally {
      this.held.delete(key);
    }
  }
}

const fileOf = (bytes: Buffer) => Promise.resolve({ filename: 'chunk', fieldName: 'chunk', mimetype: 'application/octet-stream', encoding: '7bit', createReadStream: () => Readable.from([bytes]) } as unknown as FileUpload);

/** Bytes that sniff as MP4 (an 'ftyp' box first), `size` long, distinct per `seed`. */
function videoBytes(size: number, seed: string): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 32) createHash('sha256').update(`${seed}/${i}`).digest().copy(b, i);
  Buffer.from('\0\0\0\x18ftypisom', 'latin1').copy(b, 0);
  return b;
}

async function codeOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('expected an error'),
    (err: GraphQLError) => err.extensions?.code,
  );
}

describe('uploads (in-memory SQLite, in-memory object storage and upload state)', () => {
  let stores: VideoStores;
  let objects: MemoryObjects;
  let state: MemoryUploadState;
  let deps: UploadDeps;
  const alice = 'alice';
  beforeEach(() => {
    stores = sqliteVideoStores(new Database(':memory:'));
    objects = new MemoryObjects();
    state = new MemoryUploadState();
    deps = {
      uploads: stores.uploads,
      videos: stores.videos,
      objects,
      state,
      limits: { VIDEO_MAX_BYTES: 64 * 1024 * 1024, VIDEO_MAX_UPLOADS_PER_USER: 2, VIDEO_UPLOAD_TTL_SECONDS: 3600, VIDEO_MAX_CHUNKS_IN_FLIGHT: 4 },
      inFlight: { count: 0 },
    };
  });

  test('initUpload refuses bad input with stable codes and caps unfinished uploads per user', async () => {
    const ok = { filename: 'a.mp4', size: 10, sha256: sha('x') };
    assert.equal(await codeOf(initUpload(deps, alice, { ...ok, filename: '  ' })), 'BAD_USER_INPUT');
    assert.equal(await codeOf(initUpload(deps, alice, { ...ok, size: 0 })), 'BAD_USER_INPUT');
    assert.equal(await codeOf(initUpload(deps, alice, { ...ok, size: 65 * 1024 * 1024 })), 'PAYLOAD_TOO_LARGE');
    assert.equal(await codeOf(initUpload(deps, alice, { ...ok, sha256: 'abc' })), 'BAD_USER_INPUT');
    assert.equal(await codeOf(initUpload(deps, alice, { ...ok, chunkSize: 1024 })), 'BAD_USER_INPUT');
    const { upload } = await initUpload(deps, alice, ok);
    assert.equal(upload.chunkCount, 1);
    assert.equal(upload.status, 'UPLOADING');
    await initUpload(deps, alice, ok);
    assert.equal(await codeOf(initUpload(deps, alice, ok)), 'RATE_LIMITED', 'a third unfinished upload');
    await abortUpload(deps, alice, upload.id);
    await initUpload(deps, alice, ok);
  });

  test('chunks: each index is stored once, bad bytes are refused and leave no object, only the owner may send', async () => {
    const file = videoBytes(MIN_CHUNK_SIZE + 1000, 'two-chunks');
    const parts = [file.subarray(0, MIN_CHUNK_SIZE), file.subarray(MIN_CHUNK_SIZE)];
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: file.length, sha256: sha(file) });
    assert.equal(upload.chunkCount, 2);
    const send = (index: number, bytes: Buffer, checksum = sha(bytes), who = alice) => uploadChunk(deps, who, { uploadId: upload.id, index, chunk: fileOf(bytes), checksum });

    assert.equal(await codeOf(send(1, parts[1]!, sha('other'))), 'BAD_USER_INPUT', 'checksum mismatch');
    assert.equal(await codeOf(send(1, parts[1]!.subarray(1))), 'BAD_USER_INPUT', 'short chunk');
    assert.equal(await codeOf(send(2, parts[1]!)), 'BAD_USER_INPUT', 'index out of range');
    assert.equal(await codeOf(send(1, parts[1]!, undefined, 'mallory')), 'FORBIDDEN');
    assert.equal(await codeOf(uploadChunk(deps, alice, { uploadId: randomUUID(), index: 0, chunk: fileOf(parts[0]!), checksum: sha(parts[0]!) })), 'NOT_FOUND');
    assert.deepEqual(await objects.list(`uploads/${upload.id}/`), [], 'refused chunks leave no object');

    assert.deepEqual(await send(1, parts[1]!), { index: 1, stored: true, receivedCount: 1, chunkCount: 2 });
    assert.deepEqual(await send(1, parts[1]!), { index: 1, stored: false, receivedCount: 1, chunkCount: 2 }, 'a resent chunk costs nothing');
    assert.equal((await objects.list(`uploads/${upload.id}/`)).length, 1, 'one object per index');

    // Redis lost the index: the store's records rebuild it.
    state.sets.clear();
    assert.deepEqual(await receivedChunks(deps, (await stores.uploads.findUpload(upload.id))!), [1]);
    assert.deepEqual(await send(1, parts[1]!), { index: 1, stored: false, receivedCount: 1, chunkCount: 2 });

    assert.equal(await codeOf(completeUpload(deps, alice, upload.id)), 'BAD_USER_INPUT', 'chunk 0 is missing');
    assert.deepEqual(await send(0, parts[0]!), { index: 0, stored: true, receivedCount: 2, chunkCount: 2 });
    const done = await completeUpload(deps, alice, upload.id);
    assert.equal(done.status, 'COMPLETED');
    assert.ok(objects.objects.get(done.objectKey!)?.equals(file), 'the merged object is the file');
    assert.deepEqual(await objects.list(`uploads/${upload.id}/`), [], 'chunks are gone once merged');
    assert.deepEqual(await stores.uploads.listChunks(upload.id), []);
    assert.equal(await codeOf(send(0, parts[0]!)), 'BAD_USER_INPUT', 'a completed upload takes no chunks');
    assert.equal((await completeUpload(deps, alice, upload.id)).objectKey, done.objectKey, 'completing again answers the same');
  });

  test('a busy instance refuses chunks with RATE_LIMITED before reading them', async () => {
    const bytes = videoBytes(1000, 'busy');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: bytes.length, sha256: sha(bytes) });
    deps.inFlight.count = deps.limits.VIDEO_MAX_CHUNKS_IN_FLIGHT;
    assert.equal(await codeOf(uploadChunk(deps, alice, { uploadId: upload.id, index: 0, chunk: fileOf(bytes), checksum: sha(bytes) })), 'RATE_LIMITED');
    assert.deepEqual(await objects.list('uploads/'), []);
    deps.inFlight.count = 0;
    assert.equal((await uploadChunk(deps, alice, { uploadId: upload.id, index: 0, chunk: fileOf(bytes), checksum: sha(bytes) })).stored, true);
  });

  test('a merged file that is not what was declared fails the upload and leaves nothing behind', async () => {
    const declared = videoBytes(1000, 'declared');
    const sent = videoBytes(1000, 'sent');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: 1000, sha256: sha(declared) });
    await uploadChunk(deps, alice, { uploadId: upload.id, index: 0, chunk: fileOf(sent), checksum: sha(sent) });
    assert.equal(await codeOf(completeUpload(deps, alice, upload.id)), 'BAD_USER_INPUT');
    const failed = await uploadStatus(deps, alice, upload.id);
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.failure ?? '', /sha256/);
    assert.deepEqual([...objects.objects.keys()], [], 'neither chunks nor the merged object stay');
    assert.deepEqual(objects.reads, [`videos/${upload.id}/source`], 'a chunk verified on its way in is not read back');
  });

  test(`the presigned path in batches: at most ${MAX_CHUNKS_PER_CALL} chunks per call, and a refused call records nothing`, async () => {
    const size = (MAX_CHUNKS_PER_CALL + 1) * MIN_CHUNK_SIZE;
    deps.limits.VIDEO_MAX_BYTES = size;
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size, sha256: sha('whatever') });
    const all = Array.from({ length: MAX_CHUNKS_PER_CALL + 1 }, (_, i) => i);
    assert.equal(await codeOf(presignChunks(deps, alice, upload.id, all)), 'BAD_USER_INPUT');
    assert.equal(state.presigns.size, 0, 'no URL was remembered');
    assert.equal((await presignChunks(deps, alice, upload.id, all.slice(0, MAX_CHUNKS_PER_CALL))).length, MAX_CHUNKS_PER_CALL);
    const chunks = all.map((index) => ({ index, checksum: sha(`${index}`) }));
    assert.equal(await codeOf(confirmChunks(deps, alice, { uploadId: upload.id, chunks })), 'BAD_USER_INPUT');
    assert.equal(await codeOf(confirmChunks(deps, alice, { uploadId: upload.id, chunks: [] })), 'BAD_USER_INPUT');
    assert.equal(await codeOf(presignChunks(deps, 'mallory', upload.id, [0])), 'FORBIDDEN');
    assert.equal(await codeOf(confirmChunks(deps, 'mallory', { uploadId: upload.id, chunks: chunks.slice(0, 1) })), 'FORBIDDEN');
    assert.equal(state.presigns.size, MAX_CHUNKS_PER_CALL, 'nothing was confirmed');
  });

  test('the presigned path: when every chunk matches its checksum but the file does not, the upload fails', async () => {
    const declared = videoBytes(1000, 'declared');
    const sent = videoBytes(1000, 'sent');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: 1000, sha256: sha(declared) });
    const { url } = await presignChunk(deps, alice, upload.id, 0);
    await objects.put(url.replace('memory:///', ''), sent);
    await confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(sent) });
    const refused = await completeUpload(deps, alice, upload.id).then(
      () => assert.fail('expected an error'),
      (err: GraphQLError) => err,
    );
    assert.equal(refused.extensions.code, 'BAD_USER_INPUT');
    assert.equal(refused.extensions.missing, undefined, 'no chunk to send again');
    assert.equal((await uploadStatus(deps, alice, upload.id)).status, 'FAILED');
    assert.deepEqual([...objects.objects.keys()], [], 'neither chunks nor the merged object stay');
  });

  test(`the presigned path: wrong chunks are dropped ${MAX_DROPPED_ROUNDS} times at most, then the upload fails`, async () => {
    const bytes = videoBytes(1000, 'one chunk');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: bytes.length, sha256: sha(bytes) });
    const sendWrong = async () => {
      const { url } = await presignChunk(deps, alice, upload.id, 0);
      await objects.put(url.replace('memory:///', ''), Buffer.alloc(bytes.length, 7));
      await confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(bytes) });
      return completeUpload(deps, alice, upload.id).then(
        () => assert.fail('expected an error'),
        (err: GraphQLError) => err,
      );
    };
    for (let round = 1; round <= MAX_DROPPED_ROUNDS; round++) {
      const dropped = await sendWrong();
      assert.deepEqual(dropped.extensions.missing, [0], `round ${round} drops the chunk`);
      assert.equal((await uploadStatus(deps, alice, upload.id)).status, 'UPLOADING');
    }
    const last = await sendWrong();
    assert.equal(last.extensions.code, 'BAD_USER_INPUT');
    assert.equal(last.extensions.missing, undefined, 'no more rounds');
    assert.equal((await uploadStatus(deps, alice, upload.id)).status, 'FAILED');
    assert.deepEqual([...objects.objects.keys()], [], 'neither chunks nor the merged object stay');
  });

  test('the presigned path: the object at the remembered key is checked, then recorded once', async () => {
    const bytes = videoBytes(2000, 'presigned');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: bytes.length, sha256: sha(bytes) });
    assert.equal(await codeOf(confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(bytes) })), 'BAD_USER_INPUT', 'nothing presigned');
    const { url } = await presignChunk(deps, alice, upload.id, 0);
    const key = url.replace('memory:///', '');
    assert.equal(await codeOf(confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(bytes) })), 'BAD_USER_INPUT', 'nothing uploaded yet');
    await objects.put(key, bytes);
    assert.equal((await confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(bytes) })).stored, true);
    assert.equal(await codeOf(confirmChunk(deps, alice, { uploadId: upload.id, index: 0, checksum: sha(bytes) })), 'BAD_USER_INPUT', 'a presign is confirmed once');
    assert.equal((await completeUpload(deps, alice, upload.id)).status, 'COMPLETED');
  });

  test('the presigned path: a chunk of the right size but other bytes is dropped at completion, and the upload goes on', async () => {
    const bytes = videoBytes(MIN_CHUNK_SIZE + 1000, 'two chunks');
    const { upload } = await initUpload(deps, alice, { filename: 'v.mp4', size: bytes.length, sha256: sha(bytes) });
    const first = bytes.subarray(0, MIN_CHUNK_SIZE);
    const second = bytes.subarray(MIN_CHUNK_SIZE);
    await uploadChunk(deps, alice, { uploadId: upload.id, index: 0, chunk: fileOf(first), checksum: sha(first) });
    const presigned = async (body: Buffer) => {
      const { url } = await presignChunk(deps, alice, upload.id, 1);
      await objects.put(url.replace('memory:///', ''), body);
      return confirmChunk(deps, alice, { uploadId: upload.id, index: 1, checksum: sha(second) });
    };
    // Same size, other bytes: confirmChunk checks the size only.
    assert.equal((await presigned(Buffer.alloc(second.length, 7))).stored, true);
    const refused = await completeUpload(deps, alice, upload.id).then(
      () => assert.fail('expected an error'),
      (err: GraphQLError) => err,
    );
    assert.equal(refused.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(refused.extensions.missing, [1], 'the wrong chunk is named, the right one kept');
    assert.equal((await uploadStatus(deps, alice, upload.id)).status, 'UPLOADING');
    assert.deepEqual(await receivedChunks(deps, await uploadStatus(deps, alice, upload.id)), [0]);
    assert.deepEqual((await stores.uploads.listChunks(upload.id)).map((c) => c.index), [0]);
    assert.equal((await objects.list(`uploads/${upload.id}/`)).length, 1, 'the wrong chunk object is gone');
    assert.deepEqual(await objects.list(`videos/${upload.id}/`), [], 'no merged object stays');

    assert.equal((await presigned(second)).stored, true);
    const done = await completeUpload(deps, alice, upload.id);
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(objects.objects.get(done.objectKey!), bytes);
  });

  test('instant upload: a right proof completes against the stored object, a wrong one is one guess and falls back to chunks', async () => {
    const bytes = videoBytes(100_000, 'famous');
    const original = await stores.videos.createVideo({
      uploaderId: 'bob', title: 'famous', description: '', tags: [], objectKey: 'videos/famous/source', coverKey: null, sha256: sha(bytes), size: bytes.length, durationMs: null, width: null, height: null,
    });
    await objects.put(original.objectKey, bytes);

    const { upload } = await initUpload(deps, alice, { filename: 'copy.mp4', size: bytes.length, sha256: sha(bytes) });
    const challenge = await proofChallenge(deps, upload);
    assert.ok(challenge && challenge.ranges.length > 0);
    const answers = challenge.ranges.map((r) => sha(bytes.subarray(r.offset, r.offset + r.length)));
    const done = await proveUpload(deps, alice, { uploadId: upload.id, proofs: answers });
    assert.equal(done.status, 'COMPLETED');
    assert.equal(done.objectKey, original.objectKey, 'shares the stored object');
    assert.equal(await stores.videos.countObjectReferences(original.objectKey), 2, 'the video and the completed upload');

    const second = (await initUpload(deps, alice, { filename: 'guess.mp4', size: bytes.length, sha256: sha(bytes) })).upload;
    const pending = (await proofChallenge(deps, second))!;
    const wrong = pending.ranges.map(() => sha('a guess'));
    assert.equal(await codeOf(proveUpload(deps, alice, { uploadId: second.id, proofs: wrong })), 'BAD_USER_INPUT');
    assert.equal(await proofChallenge(deps, second), null, 'the challenge was consumed by the guess');
    assert.equal(await codeOf(proveUpload(deps, alice, { uploadId: second.id, proofs: answers })), 'BAD_USER_INPUT', 'no second guess');
    assert.equal((await uploadStatus(deps, alice, second.id)).status, 'UPLOADING', 'it goes on as a chunked upload');
  });
});
