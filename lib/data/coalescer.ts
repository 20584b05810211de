/**
 * Merging hot lookups across requests.
 *
 * Per request, DataLoader already turns N lookups of one type into one store
 * query. When thousands of viewers open the same video at once, each request
 * still makes its own query. The coalescer sits under the per-request loaders
 * of an entity type and, only while the lookup rate is high, lets concurrent
 * requests share one store query:
 *
 * - Rate: lookups are counted in a sliding one-second window (ten 100 ms
 *   buckets). Below `thresholdPerSecond` every lookup goes straight to the
 *   store: a quiet system pays no added latency.
 * - Window: above it, a lookup joins the open batch (or opens one) and waits
 *   up to `windowMs`; then one query fetches the union of the ids and each
 *   caller gets its own ids back.
 * - Bounded wait: a caller whose batch has not answered within `maxWaitMs`
 *   of joining stops waiting and makes its own direct query.
 * - No caching: a batch only accepts callers until its query starts, so every
 *   caller gets data read after it asked — never older than its request.
 */
import { systemClock, type Clock, type ClockTimer } from '../clock.js';

export interface CoalescerOptions {
  /** Off: every lookup goes straight to the store. @default true */
  enabled?: boolean;
  /** Lookups per second above which merging starts. @default 200 */
  thresholdPerSecond?: number;
  /** How long a batch stays open for more callers. @default 2 ms */
  windowMs?: number;
  /** Longest a caller waits for its batch before querying alone. @default 50 ms */
  maxWaitMs?: number;
  /**
   * Where the rate window, the batch window and the bounded wait read the
   * time and set their timers. Tests pass a manual clock, so that whether a
   * batch is "slow" is decided by the test, not by how busy the machine is.
   * @default systemClock
   */
  clock?: Clock;
}

export interface CoalescerStats {
  lookups: number;
  direct: number;
  merged: number;
  /** Store queries issued (direct + batches + timeouts). */
  queries: number;
  timeouts: number;
}

const BUCKETS = 10;
const BUCKET_MS = 100;

export class Coalescer<T extends { id: string }> {
  private readonly enabled: boolean;
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly maxWaitMs: number;
  private readonly clock: Clock;
  private readonly counts = new Array<number>(BUCKETS).fill(0);
  private bucketStart = 0;
  private bucketIndex = 0;
  private open?: { ids: Set<string>; result: Promise<Map<string, T>> };
  readonly stats: CoalescerStats = { lookups: 0, direct: 0, merged: 0, queries: 0, timeouts: 0 };

  constructor(
    private readonly fetchByIds: (ids: readonly string[]) => Promise<T[]>,
    opts: CoalescerOptions = {},
  ) {
    this.enabled = opts.enabled ?? true;
    this.threshold = opts.thresholdPerSecond ?? 200;
    this.windowMs = opts.windowMs ?? 2;
    this.maxWaitMs = opts.maxWaitMs ?? 50;
    this.clock = opts.clock ?? systemClock;
  }

  /** Lookups counted over the last second. */
  rate(now = this.clock.now()): number {
    this.advance(now);
    return this.counts.reduce((a, b) => a + b, 0);
  }

  private advance(now: number) {
    if (this.bucketStart === 0) this.bucketStart = now;
    // After a pause longer than the whole window, every bucket is stale.
    if (now - this.bucketStart >= BUCKETS * BUCKET_MS) {
      this.counts.fill(0);
      this.bucketStart = now;
      return;
    }
    while (now - this.bucketStart >= BUCKET_MS) {
      this.bucketIndex = (this.bucketIndex + 1) % BUCKETS;
      this.counts[this.bucketIndex] = 0;
      this.bucketStart += BUCKET_MS;
    }
  }

  /** The records of `ids` that exist, in any order (the per-request loader orders them). */
  async load(ids: readonly string[]): Promise<T[]> {
    const now = this.clock.now();
    this.advance(now);
    this.counts[this.bucketIndex]! += ids.length;
    this.stats.lookups += ids.length;
    if (!this.enabled || this.rate(now) < this.threshold) return this.direct(ids);

    this.stats.merged += ids.length;
    const batch = this.join(ids);
    let timer: ClockTimer;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = this.clock.setTimeout(() => resolve('timeout'), this.maxWaitMs);
    });
    const result = await Promise.race([batch, timedOut]);
    this.clock.clearTimeout(timer);
    if (result === 'timeout') {
      this.stats.timeouts++;
      return this.direct(ids);
    }
    return ids.flatMap((id) => {
      const record = result.get(id);
      return record ? [record] : [];
    });
  }

  private direct(ids: readonly string[]): Promise<T[]> {
    this.stats.direct += ids.length;
    this.stats.queries++;
    return this.fetchByIds(ids);
  }

  private join(ids: readonly string[]): Promise<Map<string, T>> {
    if (!this.open) {
      const batch = { ids: new Set<string>(), result: undefined as unknown as Promise<Map<string, T>> };
      batch.result = new Promise<Map<string, T>>((resolve, reject) => {
        this.clock.setTimeout(() => {
          // Closed: callers from now on open a new batch, so nobody gets data read before they asked.
          if (this.open === batch) this.open = undefined;
          this.stats.queries++;
          this.fetchByIds([...batch.ids]).then((records) => resolve(new Map(records.map((r) => [r.id, r]))), reject);
        }, this.windowMs);
      });
      // A failed batch is retried by each caller's own direct query rather than failing them all.
      batch.result.catch(() => undefined);
      this.open = batch;
    }
    for (const id of ids) this.open.ids.add(id);
    return this.open.result.catch(() => new Promise<never>(() => {}));
  }
}
