/**
 * Revoked sessions, shared by the user subgraph (which revokes) and the gateway
 * (which refuses access tokens of a revoked family on every request).
 *
 * A revocation is a Redis marker (`auth:revoked:{<family>}`, kept as long as an
 * access token of that family can live) and, in the same transaction, a
 * message on REVOKED_CHANNEL. The gateway asks Redis about a family once, then
 * answers from memory for as long as its subscription to the channel is live:
 * a revocation reaches it as a message before the revoking request has even
 * answered. Without a live subscription (starting, reconnecting) every check
 * goes to Redis, and "not revoked" is remembered only while the subscription
 * stays up, for at most NOT_REVOKED_TTL_MS as a guard against a connection
 * that died silently.
 *
 * When Redis cannot answer (down, restarting, or stalled past the command
 * timeout) `isRevoked` rejects and the gateway refuses the request with
 * UPSTREAM_UNAVAILABLE: it fails closed (gateway/auth.ts says why). The only
 * answers still given from memory are the ones above: a known revocation,
 * and a "not revoked" younger than NOT_REVOKED_TTL_MS while the subscription
 * looks live. A server that is killed drops the subscription at once (no
 * memory); one that stalls keeps its socket open, so for at most those 5 s a
 * recently confirmed session still passes the gateway (and then meets the
 * same failure in whatever Redis command its operation needs). No
 * revocation can be written while Redis is stalled, so none is missed there.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Tagged {<familyId>} like the family's own keys (subgraphs/user/sessions.ts): revoking deletes one and writes the other in one MULTI. */
export const revokedFamilyKey = (familyId: string) => `auth:revoked:{${familyId}}`;
export const REVOKED_CHANNEL = 'auth:revoked';

/** Adds a family's revocation (marker + message) to a transaction. */
export function revokeInTransaction(tx: ChainableCommander, familyId: string, ttlSeconds: number): ChainableCommander {
  return tx.set(revokedFamilyKey(familyId), '1', 'EX', ttlSeconds).publish(REVOKED_CHANNEL, familyId);
}

export async function isFamilyRevoked(redis: Redis, familyId: string): Promise<boolean> {
  return (await redis.exists(revokedFamilyKey(familyId))) === 1;
}

/** How long a "not revoked" answer is reused while subscribed. @default 5 s */
const NOT_REVOKED_TTL_MS = 5_000;
/** Families remembered either way; past this the least recently used is forgotten (and Redis asked again). */
const MAX_REMEMBERED = 50_000;

export class RevocationWatch {
  private readonly subscriber: Redis;
  /** Families Redis said were not revoked, each for NOT_REVOKED_TTL_MS from when it was asked. */
  private readonly notRevoked = new LRUCache<string, true>({ max: MAX_REMEMBERED });
  /** Families known revoked, each for `revokedForMs`. */
  private readonly revoked: LRUCache<string, true>;
  private readonly listeners = new Set<(familyId: string) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private live = false;
  /** Changes whenever an answer fetched before it may be out of date. */
  private epoch = 0;
  /** Redis round trips, and answers by where they came from (metrics read them at scrape time). */
  stats = { redisChecks: 0, memory: { revoked: 0, active: 0 }, redis: { revoked: 0, active: 0 } };

  constructor(
    private readonly redis: Redis,
    /** How long a revocation is remembered: the longest an access token lives. */
    revokedForMs: number,
  ) {
    this.revoked = new LRUCache({ max: MAX_REMEMBERED, ttl: revokedForMs });
    this.subscriber = redis.duplicate();
    this.subscriber.on('message', (channel: string, familyId: string) => {
      if (channel === REVOKED_CHANNEL) this.markRevoked(familyId);
    });
    this.subscriber.on('ready', () => {
      // Subscribed again after a reconnect: whatever was published meanwhile was missed.
      this.subscriber.subscribe(REVOKED_CHANNEL).then(
        () => {
          if (this.subscriber.status !== 'ready') return;
          this.epoch++;
          this.notRevoked.clear();
          this.live = true;
          for (const listener of this.resyncListeners) listener();
        },
        () => this.goDark(),
      );
    });
    for (const event of ['close', 'reconnecting', 'end']) this.subscriber.on(event, () => this.goDark());
    // Connection errors are followed by 'close' and a reconnect; nothing else to do here.
    this.subscriber.on('error', () => undefined);
  }

  /** True while subscribed to revocations (answers may come from memory). */
  isLive(): boolean {
    return this.live;
  }

  /** Called with the family of every revocation seen (to end its live connections). */
  onRevoked(listener: (familyId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called each time the subscription becomes live (again): revocations
   * published while it was down were missed, so holders of long-lived
   * connections should check their sessions again (isRevoked then notifies).
   */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async isRevoked(familyId: string): Promise<boolean> {
    const askedAt = Date.now();
    // get, not has: a hit counts as a use for the least-recently-used order.
    if (this.revoked.get(familyId)) {
      this.stats.memory.revoked++;
      return true;
    }
    if (this.live && this.notRevoked.get(familyId)) {
      this.stats.memory.active++;
      return false;
    }
    const epoch = this.epoch;
    this.stats.redisChecks++;
    let revoked = await isFamilyRevoked(this.redis, familyId);
    if (!revoked && epoch !== this.epoch) {
      // A revocation (or a reconnect) happened while Redis was answering: the
      // answer may predate it. Ask again; the marker is written before the message.
      this.stats.redisChecks++;
      revoked = this.revoked.has(familyId) || (await isFamilyRevoked(this.redis, familyId));
    } else if (!revoked && this.live) {
      // Only an answer that no message (or reconnect) overtook, from a live subscription, is reused.
      const ttl = askedAt + NOT_REVOKED_TTL_MS - Date.now();
      if (ttl > 0) this.notRevoked.set(familyId, true, { ttl });
    }
    // Learned from Redis rather than from a message (e.g. published while disconnected): tell the listeners too.
    if (revoked && !this.revoked.has(familyId)) this.markRevoked(familyId);
    this.stats.redis[revoked ? 'revoked' : 'active']++;
    return revoked;
  }

  private markRevoked(familyId: string) {
    this.epoch++;
    this.notRevoked.delete(familyId);
    this.revoked.set(familyId, true);
    for (const listener of this.listeners) listener(familyId);
  }

  private goDark() {
    this.live = false;
    this.epoch++;
    this.notRevoked.clear();
  }

  stop(): void {
    this.goDark();
    this.listeners.clear();
    this.resyncListeners.clear();
    this.subscriber.disconnect();
  }
}
