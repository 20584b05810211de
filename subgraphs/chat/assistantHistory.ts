/**
 * The repository of assistant conversations: per user and thread, the last
 * turns (a prompt and its complete answer), newest first, in the Redis list
 * `assistant:history:<userId>:<thread>` (lib/redis/keys.ts). Redis is
 * persisted, so history survives restarts; a turn is stored only once its
 * answer is complete.
 */
import type { Redis } from 'ioredis';
import { CHAT_KEYS } from '../../lib/redis/keys.js';

export interface Turn {
  prompt: string;
  answer: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface AssistantHistoryStore {
  /** The newest `limit` turns of a thread, oldest first. */
  recent(userId: string, thread: string, limit: number): Promise<Turn[]>;
  /** Adds a turn, keeping the newest `keep`. */
  append(userId: string, thread: string, turn: Turn, keep: number): Promise<void>;
  clear(userId: string, thread: string): Promise<void>;
}

export class RedisAssistantHistory implements AssistantHistoryStore {
  constructor(private readonly redis: Redis) {}

  async recent(userId: string, thread: string, limit: number): Promise<Turn[]> {
    const raw = await this.redis.lrange(CHAT_KEYS.assistantHistory(userId, thread), 0, Math.max(0, limit - 1));
    return raw.map((r) => JSON.parse(r) as Turn).reverse();
  }

  async append(userId: string, thread: string, turn: Turn, keep: number): Promise<void> {
    const key = CHAT_KEYS.assistantHistory(userId, thread);
    // One key, so one MULTI even on a cluster: the push and the trim apply together.
    await this.redis.multi().lpush(key, JSON.stringify(turn)).ltrim(key, 0, keep - 1).exec();
  }

  async clear(userId: string, thread: string): Promise<void> {
    await this.redis.del(CHAT_KEYS.assistantHistory(userId, thread));
  }
}
