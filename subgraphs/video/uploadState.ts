/**
 * The part of an upload's state kept in Redis, as named repositories: the
 * index of received chunks (a fast cache of the store's chunk records, which
 * stay the truth), pending proof-of-possession challenges, the object keys of
 * presigned chunk PUTs, and the locks of completion and of the stale-upload
 * sweep. Keys come from lib/redis/keys.ts (VIDEO_KEYS); an upload's keys share
 * the hash tag {<uploadId>}, so they are deleted together in one slot.
 */
import type { Redis } from 'ioredis';
import { VIDEO_KEYS } from '../../lib/redis/keys.js';
import { tryLock, withLock } from '../../lib/redis/lock.js';

export interface ByteRange {
  offset: number;
  length: number;
}

/** A pending challenge; the object key never leaves the server. */
export interface StoredChallenge {
  objectKey: string;
  ranges: ByteRange[];
  expiresAt: string;
}

export interface ChunkIndex {
  /** Received indexes, ascending; empty when Redis does not know them (lost, expired). */
  members(uploadId: string): Promise<number[]>;
  has(uploadId: string, index: number): Promise<boolean>;
  /** Adds indexes and restarts the index's expiry. */
  add(uploadId: string, indexes: readonly number[], ttlSeconds: number): Promise<void>;
  remove(uploadId: string, indexes: readonly number[]): Promise<void>;
}

export interface ProofChallenges {
  save(uploadId: string, challenge: StoredChallenge, ttlSeconds: number): Promise<void>;
  peek(uploadId: string): Promise<StoredChallenge | null>;
  /** Takes the challenge away: of concurrent takes exactly one gets it. */
  take(uploadId: string): Promise<StoredChallenge | null>;
}

export interface PresignedChunks {
  remember(uploadId: string, index: number, objectKey: string, ttlSeconds: number): Promise<void>;
  find(uploadId: string, index: number): Promise<string | null>;
  forget(uploadId: string, index: number): Promise<void>;
}

export interface UploadLocks {
  /** Runs `fn` holding the upload's completion lock; undefined when someone else holds it. */
  completing<T>(uploadId: string, ttlMs: number, fn: () => Promise<T>): Promise<T | undefined>;
  /** Runs `fn` holding the sweep lock (one instance sweeps at a time), released after; undefined when another holds it. */
  sweep<T>(ttlMs: number, fn: () => Promise<T>): Promise<T | undefined>;
  /** Takes the sweep lock for `holdMs` and keeps it (it expires): true when taken, false when another holds it. */
  claimSweepPeriod(holdMs: number): Promise<boolean>;
}

export interface UploadState {
  chunks: ChunkIndex;
  proofs: ProofChallenges;
  presigned: PresignedChunks;
  locks: UploadLocks;
  /** Forgets the received chunks and a pending challenge of an upload that is done (or gone). */
  forget(uploadId: string): Promise<void>;
}

export function redisUploadState(redis: Redis): UploadState {
  const K = VIDEO_KEYS;
  return {
    chunks: {
      members: async (uploadId) => (await redis.smembers(K.uploadChunks(uploadId))).map(Number).sort((a, b) => a - b),
      has: async (uploadId, index) => (await redis.sismember(K.uploadChunks(uploadId), String(index))) === 1,
      async add(uploadId, indexes, ttlSeconds) {
        if (indexes.length === 0) return;
        const key = K.uploadChunks(uploadId);
        await redis
          .multi()
          .sadd(key, ...indexes.map(String))
          .expire(key, ttlSeconds)
          .exec();
      },
      async remove(uploadId, indexes) {
        if (indexes.length) await redis.srem(K.uploadChunks(uploadId), ...indexes.map(String));
      },
    },
    proofs: {
      async save(uploadId, challenge, ttlSeconds) {
        await redis.set(K.uploadProof(uploadId), JSON.stringify(challenge), 'EX', ttlSeconds);
      },
      peek: async (uploadId) => parse(await redis.get(K.uploadProof(uploadId))),
      // GETDEL: one command, so one taker.
      take: async (uploadId) => parse(await redis.getdel(K.uploadProof(uploadId))),
    },
    presigned: {
      async remember(uploadId, index, objectKey, ttlSeconds) {
        await redis.set(K.uploadPresign(uploadId, index), objectKey, 'EX', ttlSeconds);
      },
      find: (uploadId, index) => redis.get(K.uploadPresign(uploadId, index)),
      async forget(uploadId, index) {
        await redis.del(K.uploadPresign(uploadId, index));
      },
    },
    locks: {
      completing: (uploadId, ttlMs, fn) => withLock(redis, K.uploadCompleting(uploadId), ttlMs, fn),
      sweep: (ttlMs, fn) => withLock(redis, K.uploadCleanupLock, ttlMs, fn),
      claimSweepPeriod: async (holdMs) => (await tryLock(redis, K.uploadCleanupLock, holdMs)) !== null,
    },
    async forget(uploadId) {
      await redis.del(K.uploadChunks(uploadId), K.uploadProof(uploadId));
    },
  };
}

function parse(raw: string | null): StoredChallenge | null {
  return raw ? (JSON.parse(raw) as StoredChallenge) : null;
}
