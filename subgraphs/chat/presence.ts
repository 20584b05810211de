/**
 * Presence, the repository of who is online: a user is online while any of their subscriptions is open on any
 * chat instance. Each open subscription holds a lease in the sorted set
 * `presence:<userId>` (member: a lease id, score: its expiry), renewed every
 * PRESENCE_RENEW_MS. A crashed instance renews nothing, so its leases lapse by
 * themselves within PRESENCE_TTL_MS.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CHAT_KEYS } from '../../lib/redis/keys.js';

/** @default 45 s */
export const PRESENCE_TTL_MS = 45_000;
/** @default 15 s */
export const PRESENCE_RENEW_MS = 15_000;

const key = CHAT_KEYS.presence;

export class Presence {
  constructor(private readonly redis: Redis) {}

  /** Marks the user online until the returned function is called. */
  async enter(userId: string): Promise<() => Promise<void>> {
    const lease = randomUUID();
    const renew = () =>
      this.redis
        .multi()
        .zadd(key(userId), Date.now() + PRESENCE_TTL_MS, lease)
        .zremrangebyscore(key(userId), '-inf', Date.now())
        .pexpire(key(userId), PRESENCE_TTL_MS)
        .exec();
    await renew();
    const timer = setInterval(() => void renew().catch(() => undefined), PRESENCE_RENEW_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.redis.zrem(key(userId), lease).catch(() => undefined);
    };
  }

  /**
   * Which of `userIds` are online. The commands are sent together without
   * waiting for each other's answers (ioredis writes them back to back), not as
   * one pipeline: on a Redis Cluster the users' keys live in different slots,
   * and a pipeline must stay on one node.
   */
  async online(userIds: readonly string[]): Promise<boolean[]> {
    const now = Date.now();
    const counts = await Promise.all(userIds.map((id) => this.redis.zcount(key(id), now, '+inf')));
    return counts.map((n) => n > 0);
  }
}
