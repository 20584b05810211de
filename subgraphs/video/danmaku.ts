/**
 * Danmaku: bullet comments pinned to a time offset of a video, stored, then
 * fanned out live to everyone watching that video on any instance
 * (channel `danmaku:<videoId>`).
 */
import { EventEmitter, on } from 'node:events';
import { badInput, notFound, rateLimited } from '../../lib/errors.js';
import { cancellable } from '../../lib/iterators.js';
import { hitWindow } from '../../lib/rateLimit.js';
import type { Context } from './context.js';
import type { DanmakuMode, DanmakuRecord } from './store.js';

export const MAX_DANMAKU_LENGTH = 100;
export const MAX_DANMAKU_PAGE = 5000;
const COLOR = /^#[0-9A-Fa-f]{6}$/;
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

export async function danmakuAdded(ctx: Context, videoId: string): Promise<AsyncGenerator<{ danmakuAdded: DanmakuRecord }>> {
  if (!(await ctx.loaders.video.load(videoId))) throw notFound('No such video.');
  return cancellable(async function* (signal) {
    const emitter = new EventEmitter();
    const live = on(emitter, 'danmaku', { signal }) as AsyncIterableIterator<[DanmakuRecord]>;
    const stop = await ctx.danmakuBus.listen(danmakuChannel(videoId), (d) => emitter.emit('danmaku', d));
    try {
      for await (const [danmaku] of live) yield { danmakuAdded: danmaku };
    } finally {
      stop();
    }
  });
}
