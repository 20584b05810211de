/**
 * The launcher's restart policy: a process that was ready once and then exits
 * on its own is started again after a delay that doubles with each crash
 * (0.5 s, 1 s, 2 s … at most 10 s) and falls back to the first delay once the
 * process has stayed up for a minute. Too many crashes of one process in a
 * short time (5 within a minute) mean restarting will not help: the supervisor
 * gives up and the launcher stops everything.
 *
 * A process that fails its first start is not restarted: that is a
 * configuration problem (a port in use, a bad variable), reported at once.
 */
import type { Logger } from '../lib/observability/logger.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A started, ready process. */
export interface Running {
  pid: number;
  /** Settles when the process exits, for whatever reason. */
  exited: Promise<ExitInfo>;
  /** Stops it on purpose; no restart follows. */
  stop(): Promise<void>;
}

export interface Unit {
  name: string;
  /**
   * Starts the process and resolves once it is ready; rejects, leaving nothing
   * running, when it cannot. `signal` aborts when the supervisor stops the unit
   * meanwhile.
   */
  start(signal: AbortSignal): Promise<Running>;
}

export interface RestartPolicy {
  /** Delay before the first restart. @default 500 ms */
  initialDelayMs: number;
  /** Ceiling of the doubling delay. @default 10 s */
  maxDelayMs: number;
  /** A process up this long counts as stable: its next crash starts again from initialDelayMs. @default 60 s */
  stableMs: number;
  /** This many crashes of one unit within windowMs make the supervisor give up. @default 5 */
  maxCrashes: number;
  /** @default 60 s */
  windowMs: number;
}

export const DEFAULT_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  stableMs: 60_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

export interface SupervisorOptions {
  log: Logger;
  policy?: Partial<RestartPolicy>;
  /** Called once when a unit crashed too often; the caller stops everything. */
  onGiveUp(message: string): void;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

interface State {
  unit: Unit;
  abort: AbortController;
  running?: Running;
  /** Timestamps of recent crashes (within the policy's window). */
  crashes: number[];
  /** Restarts since the last stable run. */
  attempt: number;
  /** Settles when the unit is stopped for good. */
  done: Promise<void>;
}

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function aborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export class Supervisor {
  private readonly units = new Map<string, State>();
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private closing = false;
  private gaveUp = false;

  constructor(private readonly opts: SupervisorOptions) {
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
    this.now = opts.now ?? Date.now;
  }

  /** Starts `unit` and supervises it from then on; rejects when this first start fails. */
  start(unit: Unit): Promise<void> {
    const state = this.register(unit);
    return new Promise((resolve, reject) => {
      this.run(state, async () => {
        let running: Running;
        try {
          running = await unit.start(state.abort.signal);
        } catch (err) {
          reject(err as Error);
          return;
        }
        if (state.abort.signal.aborted) {
          await running.stop();
          reject(new Error(`${unit.name} was stopped while starting`));
          return;
        }
        resolve();
        await this.supervise(state, running);
      });
    });
  }

  /** Supervises a process that is already running and ready (started before the supervisor existed). */
  adopt(unit: Unit, running: Running): void {
    const state = this.register(unit);
    this.run(state, () => this.supervise(state, running));
  }

  /** Process id of a unit's current process (none while it is being restarted). */
  pid(name: string): number | undefined {
    return this.units.get(name)?.running?.pid;
  }

  /** From now on no process is restarted; stop the units with `stop`, in the order they depend on each other. */
  close(): void {
    this.closing = true;
  }

  /** Stops a unit for good: a pending restart is cancelled, a start in progress aborted, the process stopped. */
  async stop(name: string): Promise<void> {
    const state = this.units.get(name);
    if (!state) return;
    state.abort.abort();
    await state.done;
  }

  private register(unit: Unit): State {
    if (this.units.has(unit.name)) throw new Error(`${unit.name} is already supervised`);
    const state: State = { unit, abort: new AbortController(), crashes: [], attempt: 0, done: Promise.resolve() };
    this.units.set(unit.name, state);
    return state;
  }

  private run(state: State, life: () => Promise<void>): void {
    state.done = life().catch((err: unknown) => this.opts.log.error({ err, unit: state.unit.name }, `supervising ${state.unit.name} failed`));
  }

  private async supervise(state: State, first: Running): Promise<void> {
    const { unit, abort } = state;
    const { log } = this.opts;
    let running = first;
    for (;;) {
      state.running = running;
      const startedAt = this.now();
      const exit = await Promise.race([running.exited, aborted(abort.signal).then(() => undefined)]);
      if (!exit) {
        await running.stop();
        state.running = undefined;
        return;
      }
      state.running = undefined;
      if (this.closing) return;
      // A process that ran for a while before crashing starts the backoff over.
      if (this.now() - startedAt >= this.policy.stableMs) state.attempt = 0;
      let cause = describeExit(exit);
      let details: Record<string, unknown> = { ...exit };
      for (;;) {
        const delay = this.crashed(state, cause, details);
        if (delay === undefined) return;
        if (!(await sleep(delay, abort.signal)) || this.closing) return;
        try {
          running = await unit.start(abort.signal);
        } catch (err) {
          if (abort.signal.aborted || this.closing) return;
          cause = `could not start again (${(err as Error).message})`;
          details = {};
          continue;
        }
        if (abort.signal.aborted || this.closing) {
          await running.stop();
          return;
        }
        break;
      }
      log.info({ unit: unit.name, pid: running.pid, attempt: state.attempt }, `${unit.name} restarted (pid ${running.pid})`);
    }
  }

  /** Records a crash and logs it; returns the delay before the next start, or undefined after giving up. */
  private crashed(state: State, cause: string, details: Record<string, unknown>): number | undefined {
    const { name } = state.unit;
    const t = this.now();
    state.crashes = state.crashes.filter((c) => t - c < this.policy.windowMs);
    state.crashes.push(t);
    if (state.crashes.length >= this.policy.maxCrashes) {
      const message = `${name} ${cause}: ${state.crashes.length} crashes within ${this.policy.windowMs / 1000} s; giving up`;
      this.opts.log.fatal({ unit: name, ...details, crashes: state.crashes.length }, message);
      if (!this.gaveUp) {
        this.gaveUp = true;
        this.opts.onGiveUp(message);
      }
      return undefined;
    }
    state.attempt += 1;
    const delay = Math.min(this.policy.initialDelayMs * 2 ** (state.attempt - 1), this.policy.maxDelayMs);
    this.opts.log.error(
      { unit: name, ...details, attempt: state.attempt, nextDelayMs: delay },
      `${name} ${cause}; restart ${state.attempt} in ${delay / 1000} s`,
    );
    return delay;
  }
}
