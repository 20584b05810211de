/**
 * Likes and views reach search as coalesced snapshots, not one event per like.
 *
 * A like, unlike or counted view bumps the video's `version` in the same atomic
 * store step as the count (popularity is something search ranks by, so it is a
 * change to what search indexes), then marks the video dirty in Redis. Every
 * COUNTS_FLUSH_MS one instance at a time (lock) turns the dirty videos into one
 * `video.counts` event each: the video's whole searchable state, with absolute
 * counts, read from the store with its version.
 *
 * Why snapshots with the one version rather than deltas or a counts-only
 * version: the index keeps the highest version per document, so a counts event
 * and a title update are ordered against each other like any two updates.
 * A counts event read before a title change carries the old title and a lower
 * version, and loses; a title update read before a like carries the old counts
 * and a lower version than the like's snapshot, and loses. Duplicates, late
 * deliveries and reordering are harmless, as for every other video event, and
 * a burst of 10,000 likes on one video costs one event per flush.
 *
 * The dirty set is a sorted set whose score counts changes since the last
 * flush: a flush removes a video only if its score is still the one it read, so
 * a like landing while the flush runs keeps the mark and goes out with the next
 * flush. A crash mid-flush loses nothing either: marks are removed only after
 * their events were appended.
 */
import type { Redis } from 'ioredis';
import { withLock } from '../../lib/redis/lock.js';
import { defineScripts } from '../../lib/redis/scripts.js';
import type { Logger } from '../../lib/observability/logger.js';
import { VIDEO_KEYS } from '../../lib/redis/keys.js';
import { redisVideoEvents } from './events.js';
import type { VideoStore } from './store/videos.js';

export const COUNTS_DIRTY = VIDEO_KEYS.countsDirty;
const FLUSH_LOCK = VIDEO_KEYS.countsFlushLock;
/** How often changed counts are published. @default 1 s */
export const COUNTS_FLUSH_MS = 1000;
/** Videos read and published per round. */
const FLUSH_BATCH = 500;
/**
 * Rounds per flush: videos changed again during a round stay dirty, so a flush
 * under a constant stream of changes stops here and leaves the rest to the next.
 */
const MAX_ROUNDS = 20;
const FLUSH_LOCK_MS = 60_000;

const scripts = defineScripts<{
  /** Removes each (member, score) pair whose score has not changed since it was read. */
  countsRemoveUnchanged(dirtySet: string, ...membersAndScores: string[]): Promise<0>;
}>({
  countsRemoveUnchanged: {
    numberOfKeys: 1,
    lua: `
for i = 1, #ARGV, 2 do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) == ARGV[i + 1] then redis.call('ZREM', KEYS[1], ARGV[i]) end
end
return 0`,
  },
});

/** Marks a video whose counts changed; call after the change is stored. */
export async function countsChanged(redis: Redis, videoId: string): Promise<void> {
  await redis.zincrby(COUNTS_DIRTY, 1, videoId);
}

/** The dirty marks as the domain functions see them. */
export interface CountMarks {
  /** Marks a video whose like or view count changed; call after the change is stored. */
  mark(videoId: string): Promise<void>;
}

export const redisCountMarks = (redis: Redis): CountMarks => ({ mark: (videoId) => countsChanged(redis, videoId) });

/** What the publisher uses: Redis (marks, lock, event stream) and the video lookup. */
export interface CountsDeps {
  redis: Redis;
  videos: Pick<VideoStore, 'findVideosByIds'>;
}

/**
 * Publishes a `video.counts` snapshot of every dirty video; returns how many,
 * or undefined when another instance is flushing.
 */
export async function flushCounts(deps: CountsDeps): Promise<number | undefined> {
  const { redis, videos: store } = deps;
  const events = redisVideoEvents(redis);
  return withLock(redis, FLUSH_LOCK, FLUSH_LOCK_MS, async () => {
    let published = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // [id, score, id, score, ...], scores formatted as ZSCORE formats them.
      const marks = await redis.zrange(COUNTS_DIRTY, 0, FLUSH_BATCH - 1, 'WITHSCORES');
      if (marks.length === 0) break;
      const ids = marks.filter((_, i) => i % 2 === 0);
      // A deleted video is left out here; its own delete event settles the index.
      const videos = await store.findVideosByIds(ids);
      await Promise.all(videos.map((v) => events.changed('video.counts', v)));
      await scripts(redis).countsRemoveUnchanged(COUNTS_DIRTY, ...marks);
      published += videos.length;
      if (ids.length < FLUSH_BATCH) break;
    }
    return published;
  });
}

export interface CountsPublisher {
  /** Flushes now (tests, shutdown); resolves when that flush is done. */
  flushNow(): Promise<number | undefined>;
  dispose(): Promise<void>;
}

export function startCountsPublisher(deps: CountsDeps, log: Logger): CountsPublisher {
  let inFlight: Promise<number | undefined> | null = null;
  const run = (): Promise<number | undefined> =>
    (inFlight = flushCounts(deps)
      .catch((err: unknown) => {
        // The marks stay in Redis: the next flush publishes them.
        log.error({ err }, 'publishing video counts failed');
        return undefined;
      })
      .finally(() => (inFlight = null)));
  // A tick while this instance is still flushing is skipped, so slow flushes never pile up.
  const timer = setInterval(() => void (inFlight ?? run()), COUNTS_FLUSH_MS);
  timer.unref();
  return {
    flushNow: async () => {
      await inFlight;
      return run();
    },
    async dispose() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
