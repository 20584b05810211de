/**
 * The gateway's memory of revoked sessions against a real Redis: a revocation
 * is seen through the subscription, known sessions are not asked about again
 * while subscribed, and without a live subscription every check goes to Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { connectRedis } from '../redis/client.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../redis/embedded.js';
import { RevocationWatch, revokeInTransaction } from './revocation.js';
import type { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

async function until(check: () => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('RevocationWatch', () => {
  let server: EmbeddedRedis;
  let redis: Redis;
  let dir: string;
  const watches: RevocationWatch[] = [];
  const watch = () => {
    const w = new RevocationWatch(redis, 60_000);
    watches.push(w);
    return w;
  };
  const revoke = (familyId: string) => revokeInTransaction(redis.multi(), familyId, 60).exec();
  const subscribed = async () => {
    const [, n] = (await redis.pubsub('NUMSUB', 'auth:revoked')) as [string, number];
    return Number(n);
  };

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'revocation-'));
    server = await startEmbeddedRedis({ dataDir: dir });
    redis = connectRedis(server.url);
  });
  after(async () => {
    for (const w of watches) w.stop();
    redis?.disconnect();
    await server?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('asks Redis once per live session while subscribed, and sees a revocation as soon as it is published', async () => {
    const w = watch();
    await until(() => w.isLive(), 'the subscription');
    const family = randomUUID();
    assert.equal(await w.isRevoked(family), false);
    assert.equal(await w.isRevoked(family), false);
    assert.equal(await w.isRevoked(family), false);
    assert.equal(w.stats.redisChecks, 1, 'later checks answered from memory');

    const seen: string[] = [];
    w.onRevoked((f) => seen.push(f));
    await revoke(family);
    await until(() => seen.includes(family), 'the revocation message');
    assert.equal(await w.isRevoked(family), true);
    assert.equal(w.stats.redisChecks, 1);
  });

  test('a session revoked before the gateway first saw it is refused (from the marker)', async () => {
    const w = watch();
    const family = randomUUID();
    await revoke(family);
    assert.equal(await w.isRevoked(family), true);
    assert.equal(await w.isRevoked(family), true);
    assert.equal(w.stats.redisChecks, 1, 'a revocation is remembered');
  });

  test('a check whose Redis answer is overtaken by the revocation message answers revoked', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let answered = false;
    // The watch's Redis, except that EXISTS answers are held back until the gate opens.
    const gated = Object.create(redis) as Redis;
    gated.exists = (async (...keys: string[]) => {
      const n = await redis.exists(...keys);
      answered = true;
      await gate;
      return n;
    }) as Redis['exists'];
    const w = new RevocationWatch(gated, 60_000);
    watches.push(w);
    await until(() => w.isLive(), 'the subscription');
    const family = randomUUID();
    const seen: string[] = [];
    w.onRevoked((f) => seen.push(f));

    const check = w.isRevoked(family);
    await until(() => answered, 'Redis to answer "not revoked"');
    await revoke(family);
    await until(() => seen.includes(family), 'the revocation message');
    release();
    assert.equal(await check, true, 'the stale "not revoked" is not returned');
    assert.equal(await w.isRevoked(family), true);
  });

  test('without a live subscription every check goes to Redis; a revocation missed meanwhile still counts', async () => {
    const w = watch();
    await until(() => w.isLive(), 'the subscription');
    const family = randomUUID();
    assert.equal(await w.isRevoked(family), false);
    const seen: string[] = [];
    w.onRevoked((f) => seen.push(f));
    let resyncs = 0;
    w.onResync(() => resyncs++);

    // Cut the watch's subscriber connection; while it is down, revoke.
    const before = await subscribed();
    await redis.client('KILL', 'TYPE', 'pubsub');
    await until(() => !w.isLive(), 'the watch to notice');
    const checks = w.stats.redisChecks;
    await revoke(family);
    assert.equal(await w.isRevoked(family), true, 'answered by Redis, not by the old memory');
    assert.ok(w.stats.redisChecks > checks);
    assert.deepEqual(seen, [family], 'a revocation learned from Redis reaches the listeners (open sockets close)');

    // Back live: memory starts empty again and fills from Redis.
    await until(() => w.isLive(), 'the resubscription', 60_000);
    assert.equal(resyncs, 1, 'holders of open connections are asked to check again');
    // The kill cut every watch's subscriber (earlier tests' too): each subscribes again, once.
    for (const deadline = Date.now() + 60_000; (await subscribed()) < before && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await subscribed(), before);
    const fresh = randomUUID();
    const n = w.stats.redisChecks;
    assert.equal(await w.isRevoked(fresh), false);
    assert.equal(await w.isRevoked(fresh), false);
    assert.equal(w.stats.redisChecks, n + 1);
  });
});
