/**
 * Accounting of a benchmark's load: operations timed and counted per name,
 * errors per code (with a few examples), and streams of operations at a fixed
 * rate with a cap in flight.
 */
import { now, sleep, type GqlResult } from './client.js';

export interface OpStats {
  ms: number[];
  errors: number;
}

export class Tally {
  readonly ops = new Map<string, OpStats>();
  readonly errorsByCode = new Map<string, number>();
  readonly samples: string[] = [];

  private op(name: string): OpStats {
    let s = this.ops.get(name);
    if (!s) this.ops.set(name, (s = { ms: [], errors: 0 }));
    return s;
  }
  ok(name: string, ms: number): void {
    this.op(name).ms.push(ms);
  }
  fail(name: string, code: string, detail: string, count = 1): void {
    this.op(name).errors += count;
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + count);
    if (this.samples.length < 10) this.samples.push(`${name}: ${code}: ${detail}`.slice(0, 300));
  }
  get totalErrors(): number {
    return [...this.errorsByCode.values()].reduce((a, b) => a + b, 0);
  }
}

/** The data of a result, or undefined after counting the error under its code (`extensions.code`, else the HTTP status). */
export function checked<T>(tally: Tally, op: string, r: GqlResult<T>): T | undefined {
  if (r.errors?.length || !r.data) {
    const e = r.errors?.[0];
    tally.fail(op, e?.extensions?.code ?? `HTTP ${r.status}`, e?.message ?? 'no data');
    return undefined;
  }
  return r.data;
}

/** Runs `fn`, timing it under `op`; a thrown error (network, non-JSON answer) counts as NETWORK. */
export async function timed(tally: Tally, op: string, fn: () => Promise<boolean>): Promise<void> {
  const t = now();
  try {
    if (await fn()) tally.ok(op, now() - t);
  } catch (err) {
    tally.fail(op, 'NETWORK', (err as Error).message + ((err as Error).cause ? ` (${String((err as Error).cause)})` : ''));
  }
}

/**
 * A stream of operations at a fixed rate. Open loop, so a slower platform does
 * not quietly get less load; but capped in flight, so a stuck platform is not
 * buried under requests either: a tick that finds the cap reached is skipped
 * and counted.
 */
export class Stream {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  /** Ticks not started because the stream already had its maximum in flight. */
  skipped = 0;

  constructor(
    readonly name: string,
    private readonly perSecond: number,
    private readonly maxInFlight: number,
    private readonly fn: () => Promise<void>,
  ) {}

  start(): void {
    if (this.perSecond <= 0) return;
    this.timer = setInterval(() => {
      if (this.running.size >= this.maxInFlight) {
        this.skipped++;
        return;
      }
      const p = this.fn().finally(() => this.running.delete(p));
      this.running.add(p);
    }, 1000 / this.perSecond);
  }

  /** Stops ticking and waits for what is in flight, at most `ms`; answers how many were still running. */
  async stop(ms: number): Promise<number> {
    clearInterval(this.timer);
    const drained = Promise.all([...this.running]).then(() => true);
    await Promise.race([drained, sleep(ms)]);
    return this.running.size;
  }
}
