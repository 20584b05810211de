/**
 * Merging hot lookups across requests.
 *
 * Per request, DataLoader already turns N lookups of one type into one store
 * query. When thousands of viewers open the same video at once, each request
 * still makes its own query. The coalescer sits under the per-request loaders
 * of an entity type and, only while the lookup rate is high, lets concurrent
 * requests share one store query:
 *
 * - Rate: lookups are counted over a short sliding window (`rateWindowMs`,
 *   100 ms by default, in ten buckets) and compared with
 *   `thresholdPerSecond` scaled to that window (200/s: 20 lookups in 100 ms).
 *   Below it every lookup goes straight to the store: a quiet system pays no
 *   added latency, and a lone lookup is never held.
 *   Why a short window: with a one-second window a burst that follows a quiet
 *   second sends its first `thresholdPerSecond` lookups (200) straight to the
 *   store before the rate catches up; measured with bench/merge.ts (2,000
 *   concurrent reads of 20 hot ids) that was 200 of the 228-318 store queries
 *   of a burst. At 100 ms the coalescer reacts after 20 lookups, and a rate
 *   that has to be held for only a tenth of a second still means "many
 *   requests at once", not a busy page of one viewer (its lookups of one type
 *   are one DataLoader call per tick).
 * - Window: above it, a lookup joins the open batch (or opens one) and waits
 *   up to `windowMs`; then one query fetches the union of the ids and each
 *   caller gets its own ids back. While a batch is open, every lookup joins
 *   it whatever the rate: the batch's query runs anyway, the caller waits at
 *   most what is left of the window, and a burst whose arrivals thin out for
 *   a moment (the event loop busy elsewhere) does not fall back to direct
 *   queries in the middle.
 * - The batch window is fixed, not adapted to the arrival rate: a timer on a
 *   busy event loop already fires late, so under load a batch stays open for
 *   as long as the loop takes to come round (tens of ms in the benchmark),
 *   which is when callers pile up; a longer nominal window would only add
 *   latency to moderate traffic. Counting lookups in flight instead of a rate
 *   was rejected too: an embedded store answers within the same turn of the
 *   event loop (nothing is ever in flight), and with a networked store two
 *   overlapping queries are not yet "many requests".
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
  /** The span the rate is measured over (a sliding window of ten buckets). @default 100 ms */
  rateWindowMs?: number;
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

export class Coalescer<T extends { id: string }> {
  private readonly enabled: boolean;
  private readonly threshold: number;
  private readonly rateWindowMs: number;
  private readonly bucketMs: number;
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
    this.rateWindowMs = opts.rateWindowMs ?? 100;
    if (!(this.rateWindowMs > 0)) throw new RangeError(`rateWindowMs must be positive, got ${this.rateWindowMs}`);
    this.bucketMs = this.rateWindowMs / BUCKETS;
    this.windowMs = opts.windowMs ?? 2;
    this.maxWaitMs = opts.maxWaitMs ?? 50;
    this.clock = opts.clock ?? systemClock;
  }

  /** Lookups per second, counted over the last `rateWindowMs`. */
  rate(now = this.clock.now()): number {
    this.advance(now);
    return (this.counts.reduce((a, b) => a + b, 0) * 1000) / this.rateWindowMs;
  }

  private advance(now: number) {
    if (this.bucketStart === 0) this.bucketStart = now;
    // After a pause longer than the whole window, every bucket is stale.
    if (now - this.bucketStart >= this.rateWindowMs) {
      this.counts.fill(0);
      this.bucketStart = now;
      return;
    }
    while (now - this.bucketStart >= this.bucketMs) {
      this.bucketIndex = (this.bucketIndex + 1) % BUCKETS;
      this.counts[this.bucketIndex] = 0;
      this.bucketStart += this.bucketMs;
    }
  }

  /** The records of `ids` that exist, in any order (the per-request loader orders them). */
  async load(ids: readonly string[]): Promise<T[]> {
    const now = this.clock.now();
    this.advance(now);
    this.counts[this.bucketIndex]! += ids.length;
    this.stats.lookups += ids.length;
    // An open batch is joined whatever the rate (see the header); otherwise only above the threshold.
    if (!this.enabled || (!this.open && this.rate(now) < this.threshold)) return this.direct(ids);

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
