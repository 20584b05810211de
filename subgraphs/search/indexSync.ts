/**
 * The sync pipeline: user and video change events (Redis Streams) into the
 * search index, batched, ordered by version, retried, idempotent.
 *
 * - One consumer at a time: the instance holding the `search:sync-leader` lock
 *   runs the consumer group reader; the others stand by and take over within
 *   one lock lifetime if it dies, and claim what it had read but not
 *   acknowledged once that has been pending for a lock lifetime.
 * - Batches: a read of up to SEARCH_SYNC_BATCH events becomes one bulk upsert
 *   and one bulk remove. Entries are acknowledged only once their write
 *   succeeded, was stale (an older version than the index holds), or was
 *   dead-lettered; if the index is unreachable, nothing is acknowledged and the
 *   batch is read again later.
 * - Ordering: every document write carries the source's version and the index
 *   keeps the highest (a delete leaves a tombstone with its version), so a late,
 *   repeated or reordered event never overwrites newer state or resurrects a
 *   deleted video. That is also what makes redelivery harmless. Likes and views
 *   bump a video's version too and arrive as coalesced `video.counts`
 *   snapshots, so popularity follows them under the same rule.
 * - Failures: items the index refused are retried with exponential backoff for
 *   up to 10 rounds; what still fails goes to the `search:{sync}:dead-letters` stream
 *   with its error, is logged, and counted; `reindexDeadLetters` retries them.
 * - Full sync: on the first start (no `search:{sync}:full-sync` marker) or on an admin
 *   reindex, the leader rebuilds the index from the user and video subgraphs'
 *   export operations (service identity), under the `search:reindex` lock, while
 *   the consumer keeps applying events: versions settle any overlap, so nothing
 *   that happened during the rebuild is lost.
 * - Lag: event time to searchable time, sampled into a Redis list.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import { STREAMS, type DomainEvent } from '../../lib/redis/domainEvents.js';
import type { SearchDocument, SearchIndex, SearchKind, WriteResult } from './engine/port.js';
import { runWhileLeader, withLock, type Leadership } from '../../lib/redis/lock.js';
import { HASH_TAGS } from '../../lib/redis/keys.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ServiceMetrics } from '../../lib/observability/metrics.js';
import { serviceQuery } from '../../lib/auth/serviceClient.js';
import { startConsumer, type StreamEntry } from '../../lib/redis/streams.js';

// Hash tag {sync} (lib/redis/keys.ts): dead letters, counters and lag samples are written in one MULTI.
export const DEAD_LETTERS = `search:${HASH_TAGS.searchSync}:dead-letters`;
/** The consumer group of the sync pipeline on the user and video streams. */
export const SYNC_GROUP = 'search-sync';
/** Seconds from an event to its document being searchable. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
const FULL_SYNC_MARKER = `search:${HASH_TAGS.searchSync}:full-sync`;
const LAG_SAMPLES = `search:${HASH_TAGS.searchSync}:lag-ms`;
const COUNTERS = `search:${HASH_TAGS.searchSync}:counters`;
/** Lag samples kept for the percentiles. @default 2000 */
const LAG_SAMPLE_LIMIT = 2000;
export const RETRY_ROUNDS = 10;
/** Longest wait between retry rounds. @default 5 s */
const MAX_BACKOFF_MS = 5_000;

type Op = { type: 'upsert'; doc: SearchDocument } | { type: 'remove'; kind: SearchKind; id: string; version: number };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A user document from the fields the user service publishes (events and exports alike). */
export function userDoc(id: string, version: number, p: Record<string, unknown>): SearchDocument {
  return { kind: 'user', id, version, username: str(p.username), displayName: str(p.displayName), bio: str(p.bio), createdAt: str(p.createdAt) } as SearchDocument;
}

/** A video document from the fields the video service publishes (events and exports alike). */
export function videoDoc(id: string, version: number, p: Record<string, unknown>, uploaderNames: Map<string, string>): SearchDocument {
  const uploaderName = uploaderNames.get(String(p.uploaderId));
  return {
    kind: 'video',
    id,
    version,
    title: str(p.title),
    description: str(p.description),
    tags: Array.isArray(p.tags) ? (p.tags as string[]) : [],
    ...(uploaderName ? { uploaderName } : {}),
    popularity: popularity(Number(p.likeCount ?? 0), Number(p.viewCount ?? 0)),
    createdAt: str(p.createdAt),
  } as SearchDocument;
}

/** The index operation an event asks for, or null when search does not care about it. */
export function operationFor(event: DomainEvent, uploaderNames: Map<string, string>): Op | null {
  const version = event.version;
  if (version === undefined) return null;
  switch (event.type) {
    case 'user.created':
    case 'user.updated':
      return { type: 'upsert', doc: userDoc(event.subjectId, version, event.payload) };
    // video.counts: likes and views, coalesced by the video service into a
    // whole snapshot of the video at its version (subgraphs/video/counts.ts),
    // so it is ordered against title and description updates like any update.
    case 'video.published':
    case 'video.updated':
    case 'video.counts':
      return { type: 'upsert', doc: videoDoc(event.subjectId, version, event.payload, uploaderNames) };
    case 'video.deleted':
      return { type: 'remove', kind: 'video', id: event.subjectId, version };
    default:
      return null;
  }
}

/** A like says more than a view. */
export function popularity(likes: number, views: number): number {
  return likes * 5 + views;
}

export interface SyncStatus {
  leader: boolean;
  fullSyncDoneAt: string | null;
  processedEvents: number;
  deadLettered: number;
  pendingDeadLetters: number;
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  indexedVideos: number;
  indexedUsers: number;
}

export class IndexSync {
  private leadership?: Leadership;
  private readonly measure?: { lag: (seconds: number) => void; events: (outcome: 'applied' | 'ignored' | 'dead_lettered', n: number) => void };

  constructor(
    private readonly deps: { config: Config; index: SearchIndex; redis: Redis; log: Logger; sources: { userUrl: string; videoUrl: string }; metrics?: ServiceMetrics },
  ) {
    const { metrics } = deps;
    if (metrics) {
      const lag = metrics.histogram('vidhub_search_sync_lag_seconds', 'Time from a user or video event to its document being written to the search index, per event (measured by the leader).', [], LAG_BUCKETS);
      const events = metrics.counter('vidhub_search_sync_events_total', 'Events read by the sync pipeline, by outcome: applied (written, or older than the index), ignored (not about search), dead_lettered.', ['outcome']);
      this.measure = { lag: (s) => lag.observe(s), events: (outcome, n) => events.inc({ outcome }, n) };
      metrics.gaugeFrom('vidhub_search_sync_leader', '1 while this search instance runs the sync pipeline (holds the leader lock).', [], () => [[{}, this.leading ? 1 : 0]]);
    }
  }

  /** Starts competing for the leader lock; the leader runs the consumer (and the first full sync). */
  start(): void {
    const { redis, config, log } = this.deps;
    this.leadership = runWhileLeader(
      redis,
      'search:sync-leader',
      config.SEARCH_LEADER_TTL_SECONDS * 1000,
      async () => {
        log.info('search sync: this instance leads');
        const consumer = await startConsumer({
          redis,
          streams: [STREAMS.user, STREAMS.video],
          group: SYNC_GROUP,
          handle: (entries) => this.handle(entries),
          log: log.child({ worker: 'search-sync' }),
          batchSize: config.SEARCH_SYNC_BATCH,
          // Entries a dead leader read but never acknowledged stay pending under its
          // consumer name; a new leader claims them once idle for one lock lifetime
          // (the old one has lost the lock by then) instead of the 30 s default.
          claimIdleMs: config.SEARCH_LEADER_TTL_SECONDS * 1000,
        });
        const firstSync = this.firstFullSync();
        return {
          dispose: async () => {
            firstSync.stop();
            await consumer.dispose();
          },
        };
      },
      (err) => log.error({ err }, 'search sync leadership step failed'),
    );
  }

  /**
   * The first full sync, retried with backoff until it succeeds: at a cold
   * start the source subgraphs may not be up yet.
   */
  private firstFullSync(): { stop(): void } {
    let stopped = false;
    void (async () => {
      for (let delay = 500; !stopped; delay = Math.min(delay * 2, 30_000)) {
        try {
          // Inside the try: Redis away fails this attempt like any other, instead of escaping the loop as an unhandled rejection.
          if (await this.deps.redis.exists(FULL_SYNC_MARKER)) return;
          await this.fullSync(false);
        } catch (err) {
          this.deps.log.warn({ err, retryInMs: delay }, 'first full sync failed; retrying');
          await new Promise((r) => setTimeout(r, delay).unref());
        }
      }
    })();
    return { stop: () => void (stopped = true) };
  }

  get leading(): boolean {
    return this.leadership?.leading ?? false;
  }

  async dispose(): Promise<void> {
    await this.leadership?.dispose();
  }

  /** Applies a batch of events; returns the entries to acknowledge (see the top of this file). */
  async handle(entries: StreamEntry[]): Promise<StreamEntry[]> {
    // Users first: a video published right after its uploader registered finds the name.
    const ordered = [...entries].sort((a, b) => Number(b.stream === STREAMS.user) - Number(a.stream === STREAMS.user));
    const userOps = ordered.map((e) => (e.event.type.startsWith('user.') ? operationFor(e.event, new Map()) : null));
    const names = await this.uploaderNames(ordered, userOps);
    const ops = ordered.map((e, i) => userOps[i] ?? (e.event.type.startsWith('video.') ? operationFor(e.event, names) : null));

    const pending = new Map<number, string>(); // index in `ordered` -> last error
    const attempt = async (which: number[]) => {
      const upserts = which.filter((i) => ops[i]!.type === 'upsert');
      const removes = which.filter((i) => ops[i]!.type === 'remove');
      const [up, rm] = await Promise.all([
        upserts.length ? this.deps.index.upsert(upserts.map((i) => (ops[i] as Extract<Op, { type: 'upsert' }>).doc)) : Promise.resolve([] as WriteResult[]),
        removes.length ? this.deps.index.remove(removes.map((i) => { const o = ops[i] as Extract<Op, { type: 'remove' }>; return { kind: o.kind, id: o.id, version: o.version }; })) : Promise.resolve([] as WriteResult[]),
      ]);
      pending.clear();
      upserts.forEach((i, k) => !up[k]?.ok && pending.set(i, up[k]?.error ?? 'no result'));
      removes.forEach((i, k) => !rm[k]?.ok && pending.set(i, rm[k]?.error ?? 'no result'));
    };

    const relevant = ops.flatMap((op, i) => (op ? [i] : []));
    if (relevant.length) {
      // An unreachable index throws here: nothing is acknowledged, the batch comes back.
      await attempt(relevant);
      for (let round = 1; round < RETRY_ROUNDS && pending.size; round++) {
        await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, this.deps.config.SEARCH_SYNC_RETRY_BASE_MS * 2 ** (round - 1))));
        await attempt([...pending.keys()]);
      }
      for (const [i, error] of pending) await this.deadLetter(ordered[i]!, error);
    }
    this.measure?.events('applied', relevant.length - pending.size);
    this.measure?.events('ignored', ordered.length - relevant.length);
    this.measure?.events('dead_lettered', pending.size);
    await this.recordProgress(ordered, relevant.length - pending.size);
    return ordered;
  }

  /** Usernames of the uploaders in a batch: from the batch's own user events, else the index. */
  private async uploaderNames(entries: StreamEntry[], userOps: (Op | null)[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    userOps.forEach((op) => {
      if (op?.type === 'upsert' && op.doc.username) names.set(op.doc.id, op.doc.username);
    });
    const wanted = [...new Set(entries.filter((e) => e.event.type.startsWith('video.')).map((e) => String(e.event.payload.uploaderId)))].filter((id) => !names.has(id));
    if (wanted.length) for (const u of await this.deps.index.get('user', wanted)) if (u.username) names.set(u.id, u.username);
    return names;
  }

  private async deadLetter(entry: StreamEntry, error: string) {
    this.deps.log.error({ eventId: entry.event.id, type: entry.event.type, subjectId: entry.event.subjectId, error }, 'search sync: index write failed 10 times; dead-lettered');
    await this.deps.redis
      .multi()
      .xadd(DEAD_LETTERS, '*', 'event', JSON.stringify(entry.event), 'error', error, 'failedAt', new Date().toISOString())
      .hincrby(COUNTERS, 'deadLettered', 1)
      .exec();
  }

  private async recordProgress(entries: StreamEntry[], written: number) {
    const now = Date.now();
    const lags = entries.map((e) => now - Date.parse(e.event.occurredAt)).filter((l) => Number.isFinite(l) && l >= 0);
    for (const ms of lags) this.measure?.lag(ms / 1000);
    const tx = this.deps.redis.multi().hincrby(COUNTERS, 'processed', entries.length).hincrby(COUNTERS, 'written', written);
    if (lags.length) tx.lpush(LAG_SAMPLES, ...lags.map(String)).ltrim(LAG_SAMPLES, 0, LAG_SAMPLE_LIMIT - 1);
    await tx.exec();
  }

  /**
   * Rebuilds the index from the source subgraphs. With `wipe`, the index is
   * cleared first (an admin reindex); events keep flowing meanwhile.
   * Returns the number of documents written, or null when a rebuild is already running.
   */
  async fullSync(wipe: boolean): Promise<{ users: number; videos: number } | null> {
    const { redis, index, config, log, sources } = this.deps;
    const secret = config.INTERNAL_IDENTITY_SECRET!;
    const result = await withLock(redis, 'search:reindex', 30 * 60_000, async () => {
      const started = Date.now();
      if (wipe) await index.clear();
      let users = 0;
      const names = new Map<string, string>();
      for (let after: string | null = null; ; ) {
        type Page = { exportUsers: { items: { id: string; version: number; username: string; displayName: string; bio: string; createdAt: string }[]; endCursor: string | null } };
        const page: Page = await serviceQuery<Page>(sources.userUrl, secret, `query($after: String) { exportUsers(first: 500, after: $after) { items { id version username displayName bio createdAt } endCursor } }`, { after });
        await index.upsert(page.exportUsers.items.map((u) => userDoc(u.id, u.version, u)));
        for (const u of page.exportUsers.items) names.set(u.id, u.username);
        users += page.exportUsers.items.length;
        if (!(after = page.exportUsers.endCursor)) break;
      }
      let videos = 0;
      for (let after: string | null = null; ; ) {
        type Page = { exportVideos: { items: { id: string; version: number; uploaderId: string; title: string; description: string; tags: string[]; likeCount: number; viewCount: number; createdAt: string }[]; endCursor: string | null } };
        const page: Page = await serviceQuery<Page>(
          sources.videoUrl,
          secret,
          `query($after: String) { exportVideos(first: 500, after: $after) { items { id version uploaderId title description tags likeCount viewCount createdAt } endCursor } }`,
          { after },
        );
        await index.upsert(page.exportVideos.items.map((v) => videoDoc(v.id, v.version, v, names)));
        videos += page.exportVideos.items.length;
        if (!(after = page.exportVideos.endCursor)) break;
      }
      await redis.set(FULL_SYNC_MARKER, new Date().toISOString());
      log.info({ users, videos, ms: Date.now() - started }, 'search full sync done');
      return { users, videos };
    });
    return result ?? null;
  }

  /** Retries every dead-lettered event once; those that succeed leave the dead-letter stream. */
  async retryDeadLetters(): Promise<{ retried: number; remaining: number }> {
    const { redis } = this.deps;
    const rows = (await redis.xrange(DEAD_LETTERS, '-', '+')) as [string, string[]][];
    let retried = 0;
    for (const [id, fields] of rows) {
      const event = JSON.parse(fields[fields.indexOf('event') + 1]!) as DomainEvent;
      const op = operationFor(event, await this.uploaderNames([{ stream: '', entryId: id, event }], [null]));
      if (!op) {
        await redis.xdel(DEAD_LETTERS, id);
        continue;
      }
      const [res] = op.type === 'upsert' ? await this.deps.index.upsert([op.doc]) : await this.deps.index.remove([{ kind: op.kind, id: op.id, version: op.version }]);
      if (res?.ok) {
        await redis.xdel(DEAD_LETTERS, id);
        retried++;
      }
    }
    return { retried, remaining: await redis.xlen(DEAD_LETTERS) };
  }

  async status(): Promise<SyncStatus> {
    const { redis, index } = this.deps;
    const [marker, counters, pending, samples, videos, users] = await Promise.all([
      redis.get(FULL_SYNC_MARKER),
      redis.hgetall(COUNTERS),
      redis.xlen(DEAD_LETTERS),
      redis.lrange(LAG_SAMPLES, 0, -1),
      index.count('video'),
      index.count('user'),
    ]);
    const sorted = samples.map(Number).sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : null);
    return {
      leader: this.leading,
      fullSyncDoneAt: marker,
      processedEvents: Number(counters.processed ?? 0),
      deadLettered: Number(counters.deadLettered ?? 0),
      pendingDeadLetters: pending,
      lagP50Ms: pct(50),
      lagP99Ms: pct(99),
      indexedVideos: videos,
      indexedUsers: users,
    };
  }
}
