import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { redisTarget, type RedisTarget } from '../../testing/redisTarget.js';
import { runWhileLeader, tryLock, withLock } from './lock.js';

// An embedded redis-server, or the Redis Cluster named by REDIS_CLUSTER_NODES.
let redis: Redis;
let server: RedisTarget;
before(async () => {
  server = await redisTarget('vidhub-lock-');
  redis = server.connect();
});
after(async () => {
  redis.disconnect();
  await server.dispose();
});

// Locks that must not expire during a test live for a minute: a slow run cannot outlast them.
const LONG = 60_000;

test('only one holder at a time; release frees it', async () => {
  const a = await tryLock(redis, 'lock:a', LONG);
  assert.ok(a);
  assert.equal(await tryLock(redis, 'lock:a', LONG), null);
  assert.equal(await a.release(), true);
  assert.ok(await tryLock(redis, 'lock:a', LONG));
});

test('an expired holder cannot release or renew the lock its successor took', async () => {
  const first = await tryLock(redis, 'lock:b', 50);
  assert.ok(first);
  await new Promise((r) => setTimeout(r, 80));
  const second = await tryLock(redis, 'lock:b', LONG);
  assert.ok(second, 'the expired lock is free again');
  assert.equal(await first.release(), false);
  assert.equal(await first.renew(LONG), false);
  assert.equal(await redis.get('lock:b'), second.token, 'the successor still holds it');
});

test('withLock runs once among concurrent callers', async () => {
  let runs = 0;
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      withLock(redis, 'lock:c', LONG, async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
        return 'ran';
      }),
    ),
  );
  assert.equal(runs, 1);
  assert.equal(results.filter((r) => r === 'ran').length, 1);
});

test('renewal and release still work after the server forgot its scripts (restart, SCRIPT FLUSH)', async () => {
  const lock = await tryLock(redis, 'lock:d', LONG);
  assert.ok(lock);
  assert.equal(await lock.renew(LONG), true, 'the script is loaded and run');
  await redis.script('FLUSH');
  assert.equal(await lock.renew(LONG), true);
  await redis.script('FLUSH');
  assert.equal(await lock.release(), true);
  assert.equal(await redis.get('lock:d'), null);
});

test('a leader whose work fails to start gives the lock back and tries again', async () => {
  const errors: unknown[] = [];
  let attempts = 0;
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const leadership = runWhileLeader(
    redis,
    'lock:e',
    300,
    async () => {
      if (++attempts === 1) {
        // While this start fails, the lock is held: nobody else may take it.
        assert.equal(await tryLock(redis, 'lock:e', LONG), null);
        throw new Error('could not start');
      }
      started();
      return { dispose: async () => {} };
    },
    (err) => errors.push(err),
  );
  try {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('never started again')), 30_000).unref());
    await Promise.race([running, timeout]);
    while (!leadership.leading) await new Promise((r) => setTimeout(r, 10));
    assert.equal(attempts, 2);
    assert.equal((errors[0] as Error).message, 'could not start');
  } finally {
    await leadership.dispose();
  }
  assert.equal(await redis.get('lock:e'), null, 'released on dispose');
});
