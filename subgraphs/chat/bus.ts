/**
 * Live fan-out between chat instances: one channel per user (`chat:u:<userId>`).
 * Senders publish an event to each member's channel once it is stored; each
 * instance listens on the channels of the users subscribed to it. Delivery
 * guarantees come from the store (subscribers resume with afterSeq and fill
 * gaps from it), not from the bus.
 */
import type { Redis } from 'ioredis';
import { RedisFanout, reviveDates } from '../../lib/redis/fanout.js';
import { CHAT_KEYS } from '../../lib/redis/keys.js';
import type { MessageRecord } from './store/messages.js';
import type { NotificationRecord } from './store/notifications.js';

export type BusEvent =
  | { kind: 'MESSAGE' | 'RECALL'; conversationId: string; message: MessageRecord }
  | { kind: 'READ'; conversationId: string; readerId: string; readSeq: number }
  | { kind: 'NOTIFICATION'; notification: NotificationRecord };

const channel = CHAT_KEYS.userChannel;

export class ChatBus {
  private readonly fanout: RedisFanout<BusEvent>;

  constructor(redis: Redis) {
    this.fanout = new RedisFanout<BusEvent>(redis, 'chat-bus', reviveDates);
  }

  publish(userIds: Iterable<string>, event: BusEvent): Promise<void> {
    return this.fanout.publish([...userIds].map(channel), event);
  }

  listen(userId: string, listener: (e: BusEvent) => void): Promise<() => void> {
    return this.fanout.listen(channel(userId), listener);
  }

  dispose(): Promise<void> {
    return this.fanout.dispose();
  }
}
