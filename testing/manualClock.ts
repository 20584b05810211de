/**
 * A clock that stands still until a test moves it. Timers fire only inside
 * `advance`, in the order they fall due, so what a test observes depends on
 * the time it chose, never on how busy the machine is.
 */
import type { Clock, ClockTimer } from '../lib/clock.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets every promise chain that can move on without time do so. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const seq = ++this.#seq;
    this.#pending.set(seq, { at: this.#now + Math.max(0, ms), seq, fn });
    return seq;
  }

  clearTimeout(timer: ClockTimer): void {
    this.#pending.delete(timer as number);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Moves time forward by `ms`, firing each timer that falls due at its own
   * instant (earliest first, ties in the order they were set) and letting the
   * promises it settles run before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      let next: Pending | undefined;
      for (const p of this.#pending.values()) if (p.at <= target && (!next || p.at < next.at || (p.at === next.at && p.seq < next.seq))) next = p;
      if (!next) break;
      this.#pending.delete(next.seq);
      this.#now = next.at;
      next.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }
}
