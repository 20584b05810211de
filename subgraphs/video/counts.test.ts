/** The coalesced counts publisher against a real (embedded) Redis and a stub store. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Redis } from 'ioredis';
import { STREAMS, parseEvent, type DomainEvent } from '../../lib/redis/domainEvents.js';
import { connectRedis } from '../../lib/redis/client.js';
import { startEmbeddedRedis } from '../../lib/redis/embedded.js';
import { COUNTS_DIRTY, countsChanged, flushCounts } from './counts.js';
import type { VideoRecord, VideoStore } from './store/videos.js';

let redis: Redis;
let server: Awaited<ReturnType<typeof startEmbeddedRedis>>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-counts-'));
before(async () => {
  server = await startEmbeddedRedis({ dataDir: dir });
  redis = connectRedis(server.url);
});
after(async () => {
  redis.disconnect();
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await redis.del(COUNTS_DIRTY, STREAMS.video);
});

function record(id: string, likeCount: number, version: number): VideoRecord {
  const now = new Date();
  return {
    id,
    uploaderId: 'u1',
    uploadId: null,
    title: `title of ${id}`,
    description: '',
    tags: [],
    objectKey: `videos/${id}`,
    coverKey: null,
    sha256: '0'.repeat(64),
    size: 1,
    durationMs: null,
    width: null,
    height: null,
    viewCount: 0,
    likeCount,
    commentCount: 0,
    version,
    createdAt: now,
    updatedAt: now,
  };
}

/** A store holding the given videos; `afterRead` runs once a flush has read them, before it publishes. */
function storeOf(videos: Map<string, VideoRecord>, afterRead: () => Promise<void> = async () => {}): VideoStore {
  return {
    findVideosByIds: async (ids: readonly string[]) => {
      const found = ids.flatMap((id) => (videos.has(id) ? [videos.get(id)!] : []));
      await afterRead();
      return found;
    },
  } as unknown as VideoStore;
}

async function published(): Promise<DomainEvent[]> {
  return (await redis.xrange(STREAMS.video, '-', '+')).map(([, fields]) => parseEvent(fields)!);
}

test('many changes of a video become one snapshot with absolute counts and the version', async () => {
  for (let i = 0; i < 50; i++) await countsChanged(redis, 'v1');
  await countsChanged(redis, 'v2');
  const videos = new Map([
    ['v1', record('v1', 50, 51)],
    ['v2', record('v2', 1, 2)],
  ]);
  assert.equal(await flushCounts({ redis, videos: storeOf(videos) }), 2);
  const events = await published();
  assert.deepEqual(events.map((e) => [e.type, e.subjectId, e.version, e.payload.likeCount, e.payload.title]).sort(), [
    ['video.counts', 'v1', 51, 50, 'title of v1'],
    ['video.counts', 'v2', 2, 1, 'title of v2'],
  ]);
  assert.equal(await redis.zcard(COUNTS_DIRTY), 0);
  assert.equal(await flushCounts({ redis, videos: storeOf(videos) }), 0, 'nothing left to publish');
});

test('a change landing while a flush runs stays marked and goes out with the next flush', async () => {
  const videos = new Map([['v1', record('v1', 1, 2)]]);
  await countsChanged(redis, 'v1');
  let raced = false;
  const racing = storeOf(videos, async () => {
    if (raced) return;
    raced = true;
    // Stored after the flush read the counts: this snapshot cannot include it.
    videos.set('v1', record('v1', 2, 3));
    await countsChanged(redis, 'v1');
  });
  await flushCounts({ redis, videos: racing });
  assert.equal(await redis.zcard(COUNTS_DIRTY), 1, 'the later change keeps its mark');
  await flushCounts({ redis, videos: racing });
  assert.deepEqual((await published()).map((e) => e.version), [2, 3]);
  assert.equal(await redis.zcard(COUNTS_DIRTY), 0);
});

test('a deleted video loses its mark without an event; a failed publish keeps every mark', async () => {
  await countsChanged(redis, 'gone');
  assert.equal(await flushCounts({ redis, videos: storeOf(new Map()) }), 0);
  assert.equal(await redis.zcard(COUNTS_DIRTY), 0);
  assert.deepEqual(await published(), []);

  await countsChanged(redis, 'v1');
  const failing = { findVideosByIds: async () => Promise.reject(new Error('store down')) } as unknown as VideoStore;
  await assert.rejects(flushCounts({ redis, videos: failing }), /store down/);
  assert.equal(await redis.zcard(COUNTS_DIRTY), 1);
});

test('one instance flushes at a time', async () => {
  await countsChanged(redis, 'v1');
  const videos = new Map([['v1', record('v1', 1, 2)]]);
  let release: () => void = () => {};
  let entered: () => void = () => {};
  const inStore = new Promise<void>((r) => (entered = r));
  const slow = storeOf(videos, () => {
    entered();
    return new Promise<void>((r) => (release = r));
  });
  const first = flushCounts({ redis, videos: slow });
  // Wait until the first flush is inside its store read (it holds the lock there), not merely until
  // the lock exists: released before the read began, the read would wait for ever.
  await inStore;
  assert.equal(await redis.exists('video:counts-flush'), 1, 'the first flush holds the lock');
  assert.equal(await flushCounts({ redis, videos: storeOf(videos) }), undefined, 'the other instance skips its turn');
  release();
  assert.equal(await first, 1);
  assert.equal((await published()).length, 1);
});
