/**
 * Danmaku: bullet comments pinned to a time offset of a video, stored, then
 * fanned out live to everyone watching that video on any instance
 * (channel `danmaku:<videoId>`).
 *
 * Resuming: a danmaku's id (uuid v7) starts with the time it was stored, so
 * ids grow in sending order whatever the video time they are pinned to, and
 * `danmakuAdded(afterId:)` replays in id order. Each danmaku is stored before
 * it is published, and the subscriber listens before it reads the store: a
 * danmaku stored after the read arrives live; one both replayed and received
 * live is sent once.
 */
import { EventEmitter, on } from 'node:events';
import type DataLoader from 'dataloader';
import type { Config } from '../../lib/config.js';
import { badInput, notFound, rateLimited } from '../../lib/errors.js';
import { cancellable } from '../../lib/iterators.js';
import { NIL_ID, idCursor } from '../../lib/data/pagination.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { RedisFanout } from '../../lib/redis/fanout.js';
import { DANMAKU_WINDOW_SECONDS, type DanmakuRate } from './repositories.js';
import type { DanmakuMode, DanmakuRecord, DanmakuStore } from './store/danmaku.js';
import type { VideoRecord } from './store/videos.js';

/** What the danmaku functions use; the loaders are the request's. */
export interface DanmakuDeps {
  danmaku: DanmakuStore;
  bus: Pick<RedisFanout<DanmakuRecord>, 'publish' | 'listen'>;
  rate: DanmakuRate;
  limits: Pick<Config, 'DANMAKU_PER_10_SECONDS'>;
  videoLoader: Pick<DataLoader<string, VideoRecord | null>, 'load'>;
  lastIdLoader: Pick<DataLoader<string, string | null>, 'load'>;
  log: Logger;
}

export const MAX_DANMAKU_LENGTH = 100;
export const MAX_DANMAKU_PAGE = 5000;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const REPLAY_PAGE = 500;
export const danmakuChannel = (videoId: string) => `danmaku:${videoId}`;

export async function sendDanmaku(deps: DanmakuDeps, viewerId: string, args: { videoId: string; text: string; timeMs: number; color?: string | null; mode?: DanmakuMode | null }): Promise<DanmakuRecord> {
  const text = args.text.trim();
  if (text.length < 1 || text.length > MAX_DANMAKU_LENGTH) throw badInput(`Danmaku are 1-${MAX_DANMAKU_LENGTH} characters.`, { field: 'text' });
  const color = args.color ?? '#FFFFFF';
  if (!COLOR.test(color)) throw badInput('color is #RRGGBB.', { field: 'color' });
  const video = await deps.videoLoader.load(args.videoId);
  if (!video) throw notFound('No such video.');
  if (!Number.isInteger(args.timeMs) || args.timeMs < 0 || (video.durationMs !== null && args.timeMs > video.durationMs)) {
    throw badInput(`timeMs is within the video (0-${video.durationMs ?? '∞'} ms).`, { field: 'timeMs' });
  }
  const limit = deps.limits.DANMAKU_PER_10_SECONDS;
  const window = await deps.rate.hit(viewerId);
  if (window.count > limit) throw rateLimited(`You can send ${limit} danmaku every ${DANMAKU_WINDOW_SECONDS} seconds; wait ${window.retryAfterSeconds} s.`, window.retryAfterSeconds);
  const danmaku = await deps.danmaku.addDanmaku({ videoId: video.id, userId: viewerId, text, timeMs: args.timeMs, color: color.toUpperCase(), mode: args.mode ?? 'SCROLL' });
  await deps.bus.publish([danmakuChannel(video.id)], danmaku).catch((err: unknown) => deps.log.warn({ err }, 'danmaku publish failed'));
  return danmaku;
}

export async function listDanmaku(deps: Pick<DanmakuDeps, 'danmaku'>, args: { videoId: string; fromMs?: number | null; toMs?: number | null; first?: number | null }) {
  const fromMs = args.fromMs ?? 0;
  const toMs = args.toMs ?? Number.MAX_SAFE_INTEGER;
  const limit = args.first ?? 1000;
  if (!Number.isInteger(fromMs) || fromMs < 0 || toMs < fromMs) throw badInput('Give 0 <= fromMs <= toMs.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DANMAKU_PAGE) throw badInput(`first must be between 1 and ${MAX_DANMAKU_PAGE}.`);
  return deps.danmaku.listDanmaku({ videoId: args.videoId, fromMs, toMs, limit });
}

/** Where sending stands: the id of a video's newest danmaku, or the nil id when it has none. */
export async function lastDanmakuId(deps: Pick<DanmakuDeps, 'lastIdLoader'>, videoId: string): Promise<string> {
  return (await deps.lastIdLoader.load(videoId)) ?? NIL_ID;
}

export async function danmakuAdded(deps: DanmakuDeps, args: { videoId: string; afterId?: string | null }): Promise<AsyncGenerator<{ danmakuAdded: DanmakuRecord }>> {
  const afterId = args.afterId != null ? idCursor(args.afterId, 'afterId') : null;
  const { videoId } = args;
  if (!(await deps.videoLoader.load(videoId))) throw notFound('No such video.');
  // Anyone may subscribe, so a replay is bounded like a `danmakus` page: a
  // cursor further behind is refused rather than replayed with a gap.
  if (afterId && (await deps.danmaku.listDanmakuAfter({ videoId, afterId, limit: MAX_DANMAKU_PAGE + 1 })).length > MAX_DANMAKU_PAGE) {
    throw badInput(`More than ${MAX_DANMAKU_PAGE} danmaku were sent after afterId: read danmakus again and subscribe with the video's lastDanmakuId.`, { field: 'afterId' });
  }
  return cancellable(async function* (signal) {
    const emitter = new EventEmitter();
    const live = on(emitter, 'danmaku', { signal }) as AsyncIterableIterator<[DanmakuRecord]>;
    const stop = await deps.bus.listen(danmakuChannel(videoId), (d) => emitter.emit('danmaku', d));
    try {
      // Replayed ids, each forgotten when its live copy arrives (it is published once).
      const replayed = new Set<string>();
      if (afterId) {
        let after = afterId;
        for (;;) {
          const page = await deps.danmaku.listDanmakuAfter({ videoId, afterId: after, limit: REPLAY_PAGE });
          for (const d of page) {
            replayed.add(d.id);
            yield { danmakuAdded: d };
          }
          if (page.length) after = page.at(-1)!.id;
          if (page.length < REPLAY_PAGE) break;
        }
      }
      for await (const [danmaku] of live) {
        if (replayed.delete(danmaku.id) || (afterId && danmaku.id <= afterId)) continue;
        yield { danmakuAdded: danmaku };
      }
    } finally {
      stop();
    }
  });
}
