/**
 * Live fan-out between chat instances: Redis pub/sub on one channel per user
 * (`chat:u:<userId>`). Senders publish an event to each member's channel once
 * it is stored; each instance subscribes to the channels of the users with a
 * live subscription on it, and hands events to those local listeners.
 *
 * Pub/sub is fire-and-forget by design: delivery guarantees come from the store
 * (subscribers resume with afterSeq and fill gaps from it), not from the bus.
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/infra/redis.js';
import type { MessageRecord, NotificationRecord } from './store.js';

export type BusEvent =
  | { kind: 'MESSAGE' | 'RECALL'; conversationId: string; message: MessageRecord }
  | { kind: 'READ'; conversationId: string; readerId: string; readSeq: number }
  | { kind: 'NOTIFICATION'; notification: NotificationRecord };

const channel = (userId: string) => `chat:u:${userId}`;
const DATE_FIELDS = new Set(['createdAt', 'recalledAt', 'readAt']);

function revive(key: string, value: unknown): unknown {
  return DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value;
}

export class ChatBus {
  private readonly listeners = new Map<string, Set<(e: BusEvent) => void>>();
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    redisUrl: string,
  ) {
    // A connection in subscriber mode can do nothing else: it gets its own.
    this.subscriber = connectRedis(redisUrl, { name: 'chat-bus' });
    this.subscriber.on('message', (ch: string, raw: string) => {
      const set = this.listeners.get(ch);
      if (!set?.size) return;
      const event = JSON.parse(raw, revive) as BusEvent;
      for (const listener of set) listener(event);
    });
  }

  async publish(userIds: Iterable<string>, event: BusEvent): Promise<void> {
    const payload = JSON.stringify(event);
    const pipeline = this.redis.pipeline();
    for (const id of new Set(userIds)) pipeline.publish(channel(id), payload);
    await pipeline.exec();
  }

  /** Resolves once the channel is subscribed, so nothing published after that is missed. */
  async listen(userId: string, listener: (e: BusEvent) => void): Promise<() => void> {
    const ch = channel(userId);
    let set = this.listeners.get(ch);
    if (!set) {
      set = new Set();
      this.listeners.set(ch, set);
    }
    set.add(listener);
    await this.subscriber.subscribe(ch);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(ch) === set) {
        this.listeners.delete(ch);
        void this.subscriber.unsubscribe(ch).catch(() => undefined);
      }
    };
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    this.subscriber.disconnect();
  }
}
