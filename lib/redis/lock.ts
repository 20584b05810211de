/**
 * A Redis lock for work only one instance may do at a time (cleanup jobs, the
 * search sync consumer, a reindex). SET NX PX takes it with an expiry, so a
 * crashed holder frees it by itself; release and renewal compare the token
 * first (in Lua, atomically), so an instance whose lock already expired and
 * passed to another can never release or extend the other's.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { defineScripts } from './scripts.js';

/** Both return 1 when `token` still held the lock, else 0. */
const scripts = defineScripts<{
  lockRelease(key: string, token: string): Promise<number>;
  lockRenew(key: string, token: string, ttlMs: number): Promise<number>;
}>({
  lockRelease: { numberOfKeys: 1, lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end` },
  lockRenew: { numberOfKeys: 1, lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end` },
});

export interface Lock {
  readonly key: string;
  readonly token: string;
  /** Extends the lock; false when it was lost (expired and taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  /** Releases the lock if still held; false when it had been lost. */
  release(): Promise<boolean>;
}

export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<Lock | null> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  const { lockRenew, lockRelease } = scripts(redis);
  return {
    key,
    token,
    renew: async (ms) => (await lockRenew(key, token, ms)) === 1,
    release: async () => (await lockRelease(key, token)) === 1,
  };
}

/** Runs `fn` under the lock if it can be taken now; returns undefined when another holds it. */
export async function withLock<T>(redis: Redis, key: string, ttlMs: number, fn: () => Promise<T>): Promise<T | undefined> {
  const lock = await tryLock(redis, key, ttlMs);
  if (!lock) return undefined;
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

export interface Leadership {
  /** True while this instance holds the lock and runs the work. */
  readonly leading: boolean;
  dispose(): Promise<void>;
}

/**
 * Runs `start` on exactly one instance at a time: whoever holds `key`. The
 * holder renews the lock every ttl/3; if a renewal fails (it lost the lock:
 * paused too long, Redis failed over) it stops the work at once. The others
 * retry every ttl/3 and take over within one ttl after the holder dies. If
 * `start` fails, the lock is given back and taking it is tried again.
 */
export function runWhileLeader(redis: Redis, key: string, ttlMs: number, start: () => Promise<{ dispose(): Promise<void> }>, onError: (err: unknown) => void): Leadership {
  let lock: Lock | null = null;
  let work: { dispose(): Promise<void> } | null = null;
  let stopped = false;
  let tick: Promise<void> = Promise.resolve();

  const step = async () => {
    try {
      if (lock) {
        if (await lock.renew(ttlMs)) return;
        lock = null;
        await work?.dispose();
        work = null;
      }
      lock = await tryLock(redis, key, ttlMs);
      if (lock) {
        try {
          work = await start();
        } catch (err) {
          // Not leading after all: holding (and renewing) the lock without the work would stop it everywhere.
          const failed = lock;
          lock = null;
          await failed.release().catch(() => false);
          throw err;
        }
      }
    } catch (err) {
      onError(err);
    }
  };
  tick = step();
  const timer = setInterval(() => {
    if (!stopped) tick = tick.then(step);
  }, Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    get leading() {
      return lock !== null && work !== null;
    },
    async dispose() {
      stopped = true;
      clearInterval(timer);
      await tick;
      await work?.dispose();
      await lock?.release().catch(() => false);
      lock = null;
      work = null;
    },
  };
}
