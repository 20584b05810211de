/**
 * Live fan-out between instances of a service over Redis pub/sub: publishers
 * send to named channels; each instance subscribes to a channel while it has
 * local listeners on it, and hands messages to them.
 *
 * Pub/sub is fire-and-forget: what must not be lost is stored first, and
 * listeners that need every event recover gaps from the store.
 */
import type { Redis } from 'ioredis';
import { subscriberConnection } from './client.js';

export class RedisFanout<E> {
  private readonly listeners = new Map<string, Set<(e: E) => void>>();
  private readonly subscriber: Redis;

  /** `revive` restores what JSON cannot carry (dates). */
  constructor(
    private readonly redis: Redis,
    name: string,
    private readonly revive?: (key: string, value: unknown) => unknown,
  ) {
    // A connection in subscriber mode can do nothing else: it gets its own,
    // with the same command timeout (SUBSCRIBE to a stalled server fails fast).
    // On a Redis Cluster, PUBLISH reaches every node, so one subscription hears every channel.
    this.subscriber = subscriberConnection(redis, name);
    // An event published to many channels (a group message to each member's)
    // arrives once per channel, back to back, with the same payload: it is
    // parsed once and the listeners of every channel share it, as the
    // listeners of one channel always have (none may change it).
    let last: { raw: string; event: E } | undefined;
    this.subscriber.on('message', (channel: string, raw: string) => {
      const set = this.listeners.get(channel);
      if (!set?.size) return;
      const event = last?.raw === raw ? last.event : (JSON.parse(raw, this.revive) as E);
      last = { raw, event };
      for (const listener of set) listener(event);
    });
  }

  async publish(channels: Iterable<string>, event: E): Promise<void> {
    const payload = JSON.stringify(event);
    const pipeline = this.redis.pipeline();
    for (const channel of new Set(channels)) pipeline.publish(channel, payload);
    await pipeline.exec();
  }

  /** Resolves once the channel is subscribed, so nothing published after that is missed. */
  async listen(channel: string, listener: (e: E) => void): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    const stop = () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        void this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
    try {
      await this.subscriber.subscribe(channel);
    } catch (err) {
      // Redis did not confirm (stalled or away): the caller gets the error and nothing stays registered for it.
      stop();
      throw err;
    }
    return stop;
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    this.subscriber.disconnect();
  }
}

const DATE_FIELDS = new Set(['createdAt', 'updatedAt', 'recalledAt', 'readAt']);

/** Revives the ISO dates of records sent through a fan-out. */
export function reviveDates(key: string, value: unknown): unknown {
  return DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value;
}
