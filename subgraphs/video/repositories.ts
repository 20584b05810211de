/**
 * The video subgraph's small Redis-backed repositories, as the domain
 * functions see them (the upload state is in uploadState.ts, the counts marks
 * in counts.ts). Keys come from lib/redis/keys.ts (VIDEO_KEYS).
 */
import type { Redis } from 'ioredis';
import { VIDEO_KEYS } from '../../lib/redis/keys.js';
import { hitWindow, type WindowState } from '../../lib/redis/rateLimit.js';

/** A viewer counts once per video in this window. @default 10 minutes */
export const VIEW_WINDOW_SECONDS = 600;
/** Danmaku a user may send per window, counted over this many seconds. */
export const DANMAKU_WINDOW_SECONDS = 10;

export interface ViewWindow {
  /** True when `viewer` has not viewed the video within the window (and starts one). */
  firstView(videoId: string, viewer: string): Promise<boolean>;
}

export function redisViewWindow(redis: Redis, seconds = VIEW_WINDOW_SECONDS): ViewWindow {
  return {
    firstView: async (videoId, viewer) => (await redis.set(VIDEO_KEYS.view(videoId, viewer), '1', 'EX', seconds, 'NX')) === 'OK',
  };
}

export interface DanmakuRate {
  /** Counts one danmaku of the user in the current fixed window. */
  hit(userId: string): Promise<WindowState>;
}

export function redisDanmakuRate(redis: Redis): DanmakuRate {
  return { hit: (userId) => hitWindow(redis, VIDEO_KEYS.danmakuRate(userId), DANMAKU_WINDOW_SECONDS) };
}
