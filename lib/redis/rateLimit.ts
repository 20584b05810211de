/**
 * Fixed-window counters in Redis, shared by every replica: chat send and
 * danmaku limits (sign-in throttling is subgraphs/user/loginThrottle.ts).
 * INCR and the first EXPIRE run in one MULTI so a crash cannot leave a counter
 * without an expiry.
 */
import type { Redis } from 'ioredis';

export interface WindowState {
  count: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/** Adds one to `key`'s window and returns the new count. */
export async function hitWindow(redis: Redis, key: string, windowSeconds: number): Promise<WindowState> {
  const result = await redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec();
  const count = Number(result?.[0]?.[1] ?? 0);
  const ttl = Number(result?.[2]?.[1] ?? windowSeconds);
  return { count, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
}
