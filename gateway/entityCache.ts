/**
 * A cache of entities fetched by viewer-independent entity fetches, emptied by
 * the owning subgraph's change events.
 *
 * What may be cached: an `_entities` fetch that selects only `__typename` and
 * fields marked `@viewerIndependent` (gateway/viewerIndependent.ts) answers the
 * same for every viewer, so its answer for one representation may serve any
 * viewer. Each answer is kept per entity (the "subject", e.g. `User:42`), per
 * fetch query and per representation.
 *
 * When it is dropped: every change to a user or a video is announced on its
 * domain-event stream (lib/redis/domainEvents.ts) after the change is stored.
 * The cache tails those streams (XREAD, every gateway reads every event) and
 * drops a subject on any event about it. So a cached value is never older than
 * the last stored change plus the time the event takes to arrive (the
 * `vidhub_gateway_entity_cache_invalidation_lag_seconds` histogram).
 *
 * The invariants that make this hold:
 * - The tail starts at each stream's last entry as read *before* the cache is
 *   first used, so no event published after that moment is missed.
 * - A fetch that was in flight when its subject was invalidated does not store
 *   its answer (it may have read the old value): every invalidation takes a
 *   new generation number, and an answer is stored only if its subject's last
 *   invalidation is older than the generation at which the fetch started.
 *   Subjects forgotten by the bounded invalidation record count as
 *   invalidated at the newest generation they could have had (`floor`).
 * - While the tail is failing (Redis unreachable) the cache is emptied and
 *   bypassed; it resumes from the last event read, so none is skipped.
 * - Entries also expire after `maxAgeMs`: a bound for the one case events
 *   cannot cover, a change stored whose event was never published (the
 *   service died between the two).
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { blockingConnection } from '../lib/redis/client.js';
import { parseEvent } from '../lib/redis/domainEvents.js';

export interface EntityCacheSource {
  /** The domain-event stream announcing changes... */
  stream: string;
  /** ...to entities of this type, named by the event's `subjectId`. */
  typename: string;
}

export interface EntityCacheOptions {
  redis: Redis;
  sources: readonly EntityCacheSource[];
  /** Entities (subjects) kept at most; the least recently used go first. @default 50,000 */
  maxEntities?: number;
  /** Longest an answer is kept even without an event. @default 60,000 ms */
  maxAgeMs?: number;
  /** How long one XREAD waits for events. @default 5,000 ms */
  blockMs?: number;
  /** Time from an event's publication to its invalidation here, ms. */
  onInvalidate?: (lagMs: number) => void;
  /** The tail failed (it retries); the cache is bypassed until it reads again. */
  onError?: (err: unknown) => void;
  now?: () => number;
}

/** The part of a GraphQL response the cache reads and writes. */
export interface EntitiesResponse {
  data?: { _entities?: unknown[] | null } | null;
  errors?: readonly unknown[];
}

export type Representation = Record<string, unknown> & { __typename: string };

interface Entry {
  value: unknown;
  storedAt: number;
}

export interface EntityCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  /** True while the tail reads events (the cache is in use). */
  live: boolean;
}

type XReadReply = [stream: string, entries: [id: string, fields: string[]][]][] | null;

export class EntityCache {
  private readonly entries: LRUCache<string, Map<string, Entry>>;
  private readonly invalidatedAt: LRUCache<string, number>;
  /** Which entity type each stream announces, and the types that have a stream. */
  private readonly typenames: Map<string, string>;
  private readonly cachedTypes: Set<string>;
  private readonly maxAgeMs: number;
  private readonly blockMs: number;
  private readonly now: () => number;
  private generation = 0;
  private floor = 0;
  private live = false;
  private stopped = false;
  private reader: Redis | undefined;
  private loop: Promise<void> | undefined;
  private lastIds = new Map<string, string>();
  readonly stats: EntityCacheStats = { hits: 0, misses: 0, invalidations: 0, live: false };

  constructor(private readonly opts: EntityCacheOptions) {
    const max = opts.maxEntities ?? 50_000;
    this.entries = new LRUCache({ max });
    this.invalidatedAt = new LRUCache({
      max,
      dispose: (generation, _subject, reason) => {
        if (reason === 'evict') this.floor = Math.max(this.floor, generation);
      },
    });
    this.typenames = new Map(opts.sources.map((s) => [s.stream, s.typename]));
    this.cachedTypes = new Set(this.typenames.values());
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.blockMs = opts.blockMs ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Changes whenever an entity of a watched type may have changed (an
   * invalidation, or the cache going out of use); undefined while the cache is
   * not in use. Two equal readings mean nothing watched changed in between.
   */
  get version(): number | undefined {
    return this.live ? this.generation : undefined;
  }

  /** Whether changes to entities of this type are heard of (it has a change stream). */
  watches(typename: string): boolean {
    return this.cachedTypes.has(typename);
  }

  /** Reads where each stream ends, then tails them. The cache is used once this resolves. */
  async start(): Promise<void> {
    for (const { stream } of this.opts.sources) {
      const last = (await this.opts.redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
      this.lastIds.set(stream, last[0]?.[0] ?? '0-0');
    }
    this.reader = blockingConnection(this.opts.redis, this.blockMs);
    this.setLive(true);
    this.loop = this.tail();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.setLive(false);
    this.reader?.disconnect();
    await this.loop;
  }

  /**
   * The answer to an entity fetch of these representations: cached answers
   * where there are, one upstream fetch (`fetch`, given only the missing
   * representations, in order) for the rest. An upstream answer with errors
   * is passed on whole and nothing of it is kept.
   */
  async load(queryKey: string, representations: readonly Representation[], fetch: (representations: readonly Representation[]) => Promise<EntitiesResponse>): Promise<EntitiesResponse> {
    const subjects = representations.map((r) => this.subjectOf(r));
    if (!this.live || subjects.some((s) => s === undefined)) return fetch(representations);
    const now = this.now();
    const keys = representations.map((r) => `${queryKey}\u0000${JSON.stringify(r)}`);
    const answers: unknown[] = new Array(representations.length);
    const missing: number[] = [];
    for (let i = 0; i < representations.length; i++) {
      const entry = this.entries.get(subjects[i]!)?.get(keys[i]!);
      if (entry && now - entry.storedAt < this.maxAgeMs) answers[i] = entry.value;
      else missing.push(i);
    }
    this.stats.hits += representations.length - missing.length;
    this.stats.misses += missing.length;
    if (missing.length === 0) return { data: { _entities: answers } };

    const startedAt = this.generation;
    const fetched = await fetch(missing.map((i) => representations[i]!));
    const got = fetched.data?._entities;
    if (fetched.errors?.length || !Array.isArray(got) || got.length !== missing.length) {
      // Nothing is kept, and the answer goes out as the subgraph gave it when it covers
      // every representation; otherwise the whole fetch is made again without the cache.
      return missing.length === representations.length ? fetched : fetch(representations);
    }
    for (let j = 0; j < missing.length; j++) {
      const i = missing[j]!;
      answers[i] = got[j];
      if (got[j] !== null && got[j] !== undefined) this.store(subjects[i]!, keys[i]!, got[j], startedAt);
    }
    return { data: { _entities: answers } };
  }

  private subjectOf(r: Representation): string | undefined {
    const id = r.id;
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    return this.cachedTypes.has(r.__typename) ? `${r.__typename}:${id}` : undefined;
  }

  private store(subject: string, key: string, value: unknown, startedAt: number): void {
    if (!this.live) return;
    if ((this.invalidatedAt.get(subject) ?? this.floor) > startedAt) return;
    let forSubject = this.entries.get(subject);
    if (!forSubject) {
      forSubject = new Map();
      this.entries.set(subject, forSubject);
    }
    forSubject.set(key, { value, storedAt: this.now() });
  }

  private invalidate(subject: string): void {
    this.generation++;
    this.invalidatedAt.set(subject, this.generation);
    this.entries.delete(subject);
    this.stats.invalidations++;
  }

  private setLive(live: boolean): void {
    if (!live) {
      // Whatever was kept may have missed an event: drop it all, and refuse answers of fetches started before.
      this.generation++;
      this.floor = this.generation;
      this.entries.clear();
    }
    this.live = live;
    this.stats.live = live;
  }

  private async tail(): Promise<void> {
    const streams = [...this.lastIds.keys()];
    let failures = 0;
    while (!this.stopped) {
      let reply: XReadReply;
      try {
        reply = (await this.reader!.xread('COUNT', 500, 'BLOCK', this.blockMs, 'STREAMS', ...streams, ...streams.map((s) => this.lastIds.get(s)!))) as XReadReply;
        failures = 0;
        if (!this.live) this.setLive(true);
      } catch (err) {
        if (this.stopped) return;
        this.setLive(false);
        this.opts.onError?.(err);
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 2_000)));
        continue;
      }
      for (const [stream, entries] of reply ?? []) {
        const typename = this.typenames.get(stream);
        for (const [id, fields] of entries) {
          this.lastIds.set(stream, id);
          const event = parseEvent(fields);
          if (!typename || !event?.subjectId) continue;
          this.invalidate(`${typename}:${event.subjectId}`);
          const publishedAt = Number(id.split('-')[0]);
          this.opts.onInvalidate?.(Math.max(0, Date.now() - publishedAt));
        }
      }
    }
  }
}
