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
import { badInput, notFound, rateLimited } from '../../lib/errors.js';
import { cancellable } from '../../lib/iterators.js';
import { NIL_ID, idCursor } from '../../lib/data/pagination.js';
import { hitWindow } from '../../lib/redis/rateLimit.js';
import type { Context } from './context.js';
import type { DanmakuMode, DanmakuRecord } from './store.js';

export const MAX_DANMAKU_LENGTH = 100;
export const MAX_DANMAKU_PAGE = 5000;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
const REPLAY_PAGE = 500;
export const danmakuChannel = (videoId: string) => `danmaku:${videoId}`;

export async function sendDanmaku(ctx: Context, args: { videoId: string; text: string; timeMs: number; color?: string | null; mode?: DanmakuMode | null }): Promise<DanmakuRecord> {
  const text = args.text.trim();
  if (text.length < 1 || text.length > MAX_DANMAKU_LENGTH) throw badInput(`Danmaku are 1-${MAX_DANMAKU_LENGTH} characters.`, { field: 'text' });
  const color = args.color ?? '#FFFFFF';
  if (!COLOR.test(color)) throw badInput('color is #RRGGBB.', { field: 'color' });
  const video = await ctx.loaders.video.load(args.videoId);
  if (!video) throw notFound('No such video.');
  if (!Number.isInteger(args.timeMs) || args.timeMs < 0 || (video.durationMs !== null && args.timeMs > video.durationMs)) {
    throw badInput(`timeMs is within the video (0-${video.durationMs ?? '∞'} ms).`, { field: 'timeMs' });
  }
  const limit = ctx.config.DANMAKU_PER_10_SECONDS;
  const window = await hitWindow(ctx.redis, `danmaku:rate:${ctx.viewer.userId}`, 10);
  if (window.count > limit) throw rateLimited(`You can send ${limit} danmaku every 10 seconds; wait ${window.retryAfterSeconds} s.`, window.retryAfterSeconds);
  const danmaku = await ctx.store.addDanmaku({ videoId: video.id, userId: ctx.viewer.userId!, text, timeMs: args.timeMs, color: color.toUpperCase(), mode: args.mode ?? 'SCROLL' });
  await ctx.danmakuBus.publish([danmakuChannel(video.id)], danmaku).catch((err: unknown) => ctx.log.warn({ err }, 'danmaku publish failed'));
  return danmaku;
}

export async function listDanmaku(ctx: Context, args: { videoId: string; fromMs?: number | null; toMs?: number | null; first?: number | null }) {
  const fromMs = args.fromMs ?? 0;
  const toMs = args.toMs ?? Number.MAX_SAFE_INTEGER;
  const limit = args.first ?? 1000;
  if (!Number.isInteger(fromMs) || fromMs < 0 || toMs < fromMs) throw badInput('Give 0 <= fromMs <= toMs.');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DANMAKU_PAGE) throw badInput(`first must be between 1 and ${MAX_DANMAKU_PAGE}.`);
  return ctx.store.listDanmaku({ videoId: args.videoId, fromMs, toMs, limit });
}

/** Where sending stands: the id of a video's newest danmaku, or the nil id when it has none. */
export async function lastDanmakuId(ctx: Context, videoId: string): Promise<string> {
  return (await ctx.loaders.lastDanmakuId.load(videoId)) ?? NIL_ID;
}

export async function danmakuAdded(ctx: Context, args: { videoId: string; afterId?: string | null }): Promise<AsyncGenerator<{ danmakuAdded: DanmakuRecord }>> {
  const afterId = args.afterId != null ? idCursor(args.afterId, 'afterId') : null;
  const { videoId } = args;
  if (!(await ctx.loaders.video.load(videoId))) throw notFound('No such video.');
  // Anyone may subscribe, so a replay is bounded like a `danmakus` page: a
  // cursor further behind is refused rather than replayed with a gap.
  if (afterId && (await ctx.store.listDanmakuAfter({ videoId, afterId, limit: MAX_DANMAKU_PAGE + 1 })).length > MAX_DANMAKU_PAGE) {
    throw badInput(`More than ${MAX_DANMAKU_PAGE} danmaku were sent after afterId: read danmakus again and subscribe with the video's lastDanmakuId.`, { field: 'afterId' });
  }
  return cancellable(async function* (signal) {
    const emitter = new EventEmitter();
    const live = on(emitter, 'danmaku', { signal }) as AsyncIterableIterator<[DanmakuRecord]>;
    const stop = await ctx.danmakuBus.listen(danmakuChannel(videoId), (d) => emitter.emit('danmaku', d));
    try {
      // Replayed ids, each forgotten when its live copy arrives (it is published once).
      const replayed = new Set<string>();
      if (afterId) {
        let after = afterId;
        for (;;) {
          const page = await ctx.store.listDanmakuAfter({ videoId, afterId: after, limit: REPLAY_PAGE });
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
