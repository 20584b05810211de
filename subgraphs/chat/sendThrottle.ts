/**
 * The repository of send limits, in Redis (keys in lib/redis/keys.ts): the
 * per-user fixed window of sends (`chat:send:<userId>`) and the claim one
 * copy of a send holds on its clientMessageId
 * (`chat:send-claim:<conversation>:<sender>:<clientMessageId>`), which makes
 * copies of one send racing on several instances take turns (see messages.ts).
 */
import type { Redis } from 'ioredis';
import { CHAT_KEYS } from '../../lib/redis/keys.js';
import { tryLock } from '../../lib/redis/lock.js';
import { hitWindow, type WindowState } from '../../lib/redis/rateLimit.js';

export interface SendClaim {
  /** Gives the claim up early; false when it had already lapsed. */
  release(): Promise<boolean>;
}

export interface SendThrottle {
  /** Counts one send of the user in the current window of `windowSeconds`; the count includes it. */
  hit(userId: string, windowSeconds: number): Promise<WindowState>;
  /** Takes the claim on one (conversation, sender, clientMessageId) for `ttlMs`, or null while another copy holds it. */
  claim(conversationId: string, senderId: string, clientMessageId: string, ttlMs: number): Promise<SendClaim | null>;
}

export class RedisSendThrottle implements SendThrottle {
  constructor(private readonly redis: Redis) {}

  hit(userId: string, windowSeconds: number): Promise<WindowState> {
    return hitWindow(this.redis, CHAT_KEYS.sendWindow(userId), windowSeconds);
  }

  claim(conversationId: string, senderId: string, clientMessageId: string, ttlMs: number): Promise<SendClaim | null> {
    return tryLock(this.redis, CHAT_KEYS.sendClaim(conversationId, senderId, clientMessageId), ttlMs);
  }
}
