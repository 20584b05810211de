/**
 * Time as a dependency. Code whose behaviour depends on elapsed time (windows,
 * deadlines, rates) takes a `Clock`, so that its tests can move time forward
 * step by step instead of sleeping and hoping the machine kept up.
 */
export interface Clock {
  /** Milliseconds, only ever compared with other readings of the same clock. */
  now(): number;
  /** Calls `fn` once, `ms` from now. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

/** Opaque: whatever the clock's `setTimeout` returned. */
export type ClockTimer = unknown;

/** The process's own clock and timers: what every service runs on. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
