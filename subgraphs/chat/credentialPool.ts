/**
 * The pool of AI-provider API keys the assistant calls through.
 *
 * The free tiers we run on allow each key at most `perKeyLimit` (2) concurrent
 * calls per capability (text, image, slides), counted by the provider across
 * everything that uses the key. Several chat processes share the keys, so the
 * count lives in Redis and every decision about it is made inside Redis, by a
 * Lua script. Redis runs a script from start to finish before it serves any
 * other command, so "count, then add if below the limit" is one step: two
 * instances can never both see one slot left and both take it. Every script
 * below says which race its atomicity closes.
 *
 * The invariants, and what keeps each:
 *
 * 1. At most `perKeyLimit` live leases per (key, capability), summed over all
 *    instances. Slots are the sorted set `<ns>:slots:<keyId>:<capability>`:
 *    members are lease ids, scores their expiry. A lease is live while its
 *    score is in the future. Leases are added in exactly one place, ACQUIRE,
 *    which drops expired ones, counts, and adds only below the limit.
 *
 * 2. A dead holder gives its slots back by itself. Only RENEW moves a score
 *    forward; a crashed instance renews nothing, so within `leaseTtlMs` its
 *    leases are in the past and the next ACQUIRE drops them. A holder that
 *    streams for longer than the TTL renews (every ttl/3 or so). RENEW on a
 *    lease that has expired says false and never revives it: its slot may
 *    already be someone else's, and the holder must stop using the key.
 *
 * 3. First come, first served across instances. A waiter draws a ticket from
 *    one INCR counter per capability, so tickets follow arrival at Redis, not
 *    at any one instance, and joins `<ns>:queue:<capability>` (scored by
 *    ticket). It may take a slot only while its rank (the number of live
 *    waiters ahead of it) is below the number of free slots it could use: each
 *    of the waiters ahead can still take one, and one is left for it, so no
 *    one is ever overtaken. This is deliberately conservative: a waiter may
 *    keep waiting while a slot is free on a key that an earlier waiter has
 *    excluded; that lasts until the earlier waiter is served or gives up.
 *
 * 4. A crashed waiter cannot block the queue for ever. Every attempt refreshes
 *    the waiter's heartbeat in `<ns>:beats:<capability>` (score: when it
 *    lapses) and ACQUIRE drops every waiter whose heartbeat has lapsed, which
 *    only happens when its instance stopped polling for `heartbeatTtlMs`.
 *    A live waiter always leaves in `finally`: on success the script has
 *    already removed it; on timeout, abort or error LEAVE does, and tells the
 *    others, because the waiters behind it have moved up.
 *
 * 5. The raw keys never leave this process. Redis, logs and errors only ever
 *    see `keyIdOf(key)`, which every instance computes alike. A `Lease` keeps
 *    its key in a private field behind a getter, so logging or serialising a
 *    lease does not print the key.
 *
 * 6. One clock. Scripts read the time with Redis' TIME, so instances whose
 *    clocks disagree still agree on what has expired. (Scripts that call TIME
 *    and then write need Redis >= 5, which replicates a script's effects
 *    rather than re-running it.)
 *
 * Waiting is polling, every `pollMs`, which is what guarantees progress. On
 * top of it RELEASE and LEAVE publish the capability on `<ns>:wake`, and each
 * pool (from its first wait on) listens there and wakes its waiters at once. A
 * lost message costs one poll interval, nothing more.
 *
 * All instances must use the same namespace, keys and limit. The namespace is
 * a hash tag (default `{llm}`, see lib/redis/keys.ts): the scripts touch several
 * keys, which on a Redis Cluster must hash to one slot.
 *
 * The Redis side (the scripts named above, the keys, the wake-up channel) is
 * credentialLeases.ts; this file is the pool's logic on top of it: choosing
 * candidates, waiting and polling, leases as objects, metrics, shutdown.
 */
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { appError, ErrorCode, rateLimited } from '../../lib/errors.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ServiceMetrics } from '../../lib/observability/metrics.js';
import { CAPABILITIES, CredentialLeases, type Attempt, type Capability, type KeyUsage } from './credentialLeases.js';

export { CAPABILITIES, type Capability };

export interface CredentialPoolOptions {
  /**
   * The shared ioredis client, for commands and scripts. The pool also opens
   * one subscriber connection of its own (a duplicate) the first time a caller
   * has to wait, since a subscribed connection can do nothing else.
   */
  redis: Redis;
  /**
   * The raw API keys, as configured. Never logged and never written to Redis:
   * both only see `keyIdOf(key)`. Empty entries and repeats are ignored.
   */
  keys: string[];
  log: Logger;
  /**
   * Concurrent calls one key allows per capability, across every instance:
   * what the providers' free tiers allow.
   * @default 2
   */
  perKeyLimit?: number;
  /**
   * How long a lease lives without a renewal. A holder that streams longer
   * renews; a crashed holder blocks its slot for at most this long.
   * @default 60_000 // 1 minute
   */
  leaseTtlMs?: number;
  /**
   * The longest a caller waits in the queue before RATE_LIMITED.
   * @default 30_000 // 30 seconds
   */
  queueTimeoutMs?: number;
  /**
   * How often a waiter asks again. Wake-ups on release usually come sooner;
   * this is the guarantee when one is lost.
   * @default 50
   */
  pollMs?: number;
  /**
   * How long a waiter stays in the queue without polling: what an instance
   * that crashed while waiting costs the waiters behind it. Must leave room
   * for a slow round trip on top of `pollMs`.
   * @default Math.max(2_000, 10 * pollMs)
   */
  heartbeatTtlMs?: number;
  /**
   * Prefix of every Redis key and channel the pool uses; a hash tag (in braces)
   * so that all of them share one Redis Cluster slot.
   * @default '{llm}'
   */
  namespace?: string;
  /** Where the pool reports leases, failovers, waits and the queue (`vidhub_llm_*`). */
  metrics?: ServiceMetrics;
}

type LeaseOutcome = 'granted' | 'rate_limited' | 'unavailable' | 'cancelled' | 'error';

interface PoolMetrics {
  requests: (capability: Capability, outcome: LeaseOutcome) => void;
  failover: (capability: Capability) => void;
  waited: (capability: Capability, seconds: number) => void;
}

/** Seconds a caller waited for a key: none usually, up to LLM_QUEUE_TIMEOUT_MS. */
const WAIT_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface Lease {
  /** What logs and Redis may see. */
  readonly keyId: string;
  /** The raw key, for the provider call only. Not an enumerable property: serialising a lease leaves it out. */
  readonly key: string;
  readonly capability: Capability;
  /** Pushes the expiry to now + leaseTtlMs. False when the lease had already expired: stop using the key. */
  renew(): Promise<boolean>;
  /** Gives the slot back and wakes waiters. Idempotent, and never throws: if Redis is unreachable the lease expires on its own. */
  release(): Promise<void>;
}

/** A key's state: disabled or not, and its live leases per capability across all instances. */
export type CredentialStatus = KeyUsage;

/** A short, non-reversible id for a key (the first 12 hex digits of its SHA-256): what logs and Redis see. */
export function keyIdOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12);
}

const KEY_ID = /^[0-9a-f]{12}$/;

interface Credential {
  keyId: string;
  key: string;
}

class PoolLease implements Lease {
  readonly keyId: string;
  readonly capability: Capability;
  readonly #key: string;
  readonly #renew: () => Promise<boolean>;
  readonly #release: () => Promise<void>;
  #released = false;

  constructor(credential: Credential, capability: Capability, renew: () => Promise<boolean>, release: () => Promise<void>) {
    this.keyId = credential.keyId;
    this.capability = capability;
    this.#key = credential.key;
    this.#renew = renew;
    this.#release = release;
  }

  get key(): string {
    return this.#key;
  }

  renew(): Promise<boolean> {
    return this.#released ? Promise.resolve(false) : this.#renew();
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#release();
  }

  toJSON(): { keyId: string; capability: Capability } {
    return { keyId: this.keyId, capability: this.capability };
  }
}

const noCredential = () => appError(ErrorCode.UPSTREAM_UNAVAILABLE, 'No AI provider key can serve this request.');

export class CredentialPool {
  readonly #leases: CredentialLeases;
  readonly #log: Logger;
  readonly #credentials: readonly Credential[];
  readonly #limit: number;
  readonly #leaseTtlMs: number;
  readonly #queueTimeoutMs: number;
  readonly #pollMs: number;
  readonly #heartbeatTtlMs: number;
  readonly #sleepers: Record<Capability, Set<() => void>> = { text: new Set(), image: new Set(), slides: new Set() };
  readonly #inFlight = new Set<Promise<Lease>>();
  #wakeUps: { close(): void } | undefined;
  #turn = 0;
  /** Leases this instance holds now, per capability (the gauge; Redis has every instance's). */
  readonly #held: Record<Capability, number> = { text: 0, image: 0, slides: 0 };
  readonly #metrics: PoolMetrics | undefined;
  #disposing: Promise<void> | undefined;

  constructor(opts: CredentialPoolOptions) {
    this.#log = opts.log;
    this.#limit = positiveInteger('perKeyLimit', opts.perKeyLimit ?? 2);
    this.#leaseTtlMs = positiveInteger('leaseTtlMs', opts.leaseTtlMs ?? 60_000);
    this.#queueTimeoutMs = positiveInteger('queueTimeoutMs', opts.queueTimeoutMs ?? 30_000);
    this.#pollMs = positiveInteger('pollMs', opts.pollMs ?? 50);
    this.#heartbeatTtlMs = positiveInteger('heartbeatTtlMs', opts.heartbeatTtlMs ?? Math.max(2_000, 10 * this.#pollMs));
    if (this.#heartbeatTtlMs <= this.#pollMs) {
      throw new RangeError(`heartbeatTtlMs (${this.#heartbeatTtlMs}) must exceed pollMs (${this.#pollMs})`);
    }
    this.#leases = new CredentialLeases(opts.redis, opts.namespace);

    const byId = new Map<string, Credential>();
    for (const key of opts.keys) {
      if (key.trim() === '') continue;
      const keyId = keyIdOf(key);
      const seen = byId.get(keyId);
      // 48 bits of SHA-256 make this practically impossible, but two keys sharing
      // an id would silently share one key's slots: refuse rather than risk it.
      if (seen && seen.key !== key) throw new Error(`two configured AI keys share the id ${keyId}`);
      byId.set(keyId, { keyId, key });
    }
    this.#credentials = [...byId.values()];
    this.#metrics = opts.metrics ? this.#register(opts.metrics) : undefined;
  }

  #register(metrics: ServiceMetrics): PoolMetrics {
    const requests = metrics.counter('vidhub_llm_lease_requests_total', 'Requests for an AI provider key, by capability and outcome: granted, rate_limited (queue timeout), unavailable (no usable key), cancelled, error.', ['capability', 'outcome']);
    const failovers = metrics.counter('vidhub_llm_failovers_total', 'Requests for another key after a key failed during the same call (the answer continues on the next key).', ['capability']);
    const wait = metrics.histogram('vidhub_llm_queue_wait_seconds', 'Time from asking for a key to getting one, by capability.', ['capability'], WAIT_BUCKETS);
    metrics.gaugeFrom('vidhub_llm_leases_held', 'Provider-key leases this instance holds now, by capability.', ['capability'], () => CAPABILITIES.map((capability) => [{ capability }, this.#held[capability]]));
    // Asked of Redis at scrape time: the queue is shared by every instance.
    metrics.gaugeFrom('vidhub_llm_queue_length', 'Callers waiting for a provider key, on every instance, by capability.', ['capability'], async () =>
      Promise.all(CAPABILITIES.map(async (capability) => [{ capability }, await this.waiting(capability)] as [{ capability: Capability }, number])),
    );
    return {
      requests: (capability, outcome) => requests.inc({ capability, outcome }),
      failover: (capability) => failovers.inc({ capability }),
      waited: (capability, seconds) => wait.observe({ capability }, seconds),
    };
  }

  /**
   * Takes a free slot on the least-loaded usable key, waiting in the queue
   * shared by all instances for at most `queueTimeoutMs`, then RATE_LIMITED
   * (with `retryAfterSeconds`). UPSTREAM_UNAVAILABLE at once, or as soon as it
   * becomes true while waiting, when no key could ever serve (all disabled or
   * in `exclude`); LLM_NOT_CONFIGURED when there are no keys at all. An abort
   * of `signal` rejects with its reason. `exclude` holds the keyIds that have
   * already failed for this request, for failover.
   */
  async acquire(capability: Capability, opts: { signal?: AbortSignal; exclude?: ReadonlySet<string> } = {}): Promise<Lease> {
    if (this.#disposing) throw new Error('CredentialPool is disposed');
    if (!CAPABILITIES.includes(capability)) throw new TypeError(`unknown capability ${String(capability)}`);
    opts.signal?.throwIfAborted();
    if (this.#credentials.length === 0) throw appError(ErrorCode.LLM_NOT_CONFIGURED, 'No AI provider key is configured.');
    // Keys excluded for this call have failed during it: this is a failover.
    if (opts.exclude?.size) this.#metrics?.failover(capability);
    const candidates = this.#credentials.filter((c) => !opts.exclude?.has(c.keyId));
    if (candidates.length === 0) {
      this.#metrics?.requests(capability, 'unavailable');
      throw noCredential();
    }

    const started = performance.now();
    const run = this.#wait(capability, candidates, opts.signal);
    this.#inFlight.add(run);
    try {
      const lease = await run;
      this.#metrics?.requests(capability, 'granted');
      this.#metrics?.waited(capability, (performance.now() - started) / 1000);
      return lease;
    } catch (err) {
      this.#metrics?.requests(capability, leaseOutcome(err, opts.signal));
      throw err;
    } finally {
      this.#inFlight.delete(run);
    }
  }

  async #wait(capability: Capability, candidates: readonly Credential[], signal: AbortSignal | undefined): Promise<Lease> {
    const waiterId = randomUUID();
    const leaseId = randomUUID();
    const deadline = performance.now() + this.#queueTimeoutMs;
    let ticket = 0;
    let granted = false;
    try {
      for (;;) {
        const attempt = await this.#attempt(capability, candidates, waiterId, ticket, leaseId);
        if (attempt.kind === 'granted') {
          granted = true;
          const lease = this.#lease(capability, candidates, attempt.keyId, leaseId);
          if (signal?.aborted) {
            // Aborted while the winning attempt was in flight: the caller is gone.
            await lease.release();
            throw signal.reason;
          }
          return lease;
        }
        if (attempt.kind === 'unavailable') throw noCredential();
        ticket = attempt.ticket;
        if (this.#disposing) throw new Error('CredentialPool disposed while waiting');
        const left = deadline - performance.now();
        if (left <= 0) {
          // The earliest expiry of a busy lease is when a slot frees at the latest
          // unless its holder renews; a hint, not a promise.
          const retryAfterSeconds = Math.max(1, Math.ceil(attempt.retryInMs / 1000));
          this.#log.debug({ capability, queueTimeoutMs: this.#queueTimeoutMs }, 'llm credential queue timed out');
          throw rateLimited('Every AI provider key is busy; try again shortly.', retryAfterSeconds);
        }
        this.#listen();
        await this.#pause(capability, Math.min(this.#pollMs, left), signal);
      }
    } finally {
      // On success the script has already taken us out of the queue; otherwise leave
      // now, or the waiters behind us would wait for our heartbeat to lapse.
      if (!granted) await this.#leave(capability, waiterId);
    }
  }

  async #attempt(capability: Capability, candidates: readonly Credential[], waiterId: string, ticket: number, leaseId: string): Promise<Attempt> {
    // Rotate the candidates so that ties in load go to a different key each time:
    // the free tiers also cap requests per minute, and spreading them helps there.
    const start = this.#turn++ % candidates.length;
    const ordered = [...candidates.slice(start), ...candidates.slice(0, start)];
    return this.#leases.attempt(
      capability,
      ordered.map((c) => c.keyId),
      { waiterId, ticket, leaseId, limit: this.#limit, leaseTtlMs: this.#leaseTtlMs, heartbeatTtlMs: this.#heartbeatTtlMs },
    );
  }

  #lease(capability: Capability, candidates: readonly Credential[], keyId: string, leaseId: string): Lease {
    const credential = candidates.find((c) => c.keyId === keyId);
    if (!credential) throw new Error(`ACQUIRE granted key ${keyId}, which was not a candidate`);
    this.#held[capability]++;
    return new PoolLease(
      credential,
      capability,
      () => this.#leases.renew(keyId, capability, leaseId, this.#leaseTtlMs),
      // Runs once per lease (PoolLease.release is idempotent).
      async () => {
        this.#held[capability]--;
        try {
          await this.#leases.release(keyId, capability, leaseId);
        } catch (err) {
          this.#log.warn({ err, keyId, capability }, 'llm credential release failed; the lease will expire by itself');
        }
      },
    );
  }

  async #leave(capability: Capability, waiterId: string): Promise<void> {
    try {
      await this.#leases.leave(capability, waiterId);
    } catch (err) {
      // Not fatal: our heartbeat lapses and the next ACQUIRE drops us.
      this.#log.debug({ err, capability }, 'llm credential queue: could not leave');
    }
  }

  /** Sleeps until the poll interval passes or a wake-up for `capability` arrives; rejects on abort. */
  #pause(capability: Capability, ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleepers = this.#sleepers[capability];
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        signal?.removeEventListener('abort', onAbort);
      };
      const wake = () => {
        done();
        resolve();
      };
      const onAbort = () => {
        done();
        reject(signal?.reason);
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
    });
  }

  /** Opens the wake-up subscription on first use: pools that never wait hold no extra connection. */
  #listen(): void {
    if (this.#wakeUps || this.#disposing) return;
    this.#wakeUps = this.#leases.wakeUps({
      onWake: (capability) => {
        const sleepers = this.#sleepers[capability as Capability] as Set<() => void> | undefined;
        for (const wake of [...(sleepers ?? [])]) wake();
      },
      onError: (err) => this.#log.debug({ err }, 'llm credential wake-up connection error'),
      onUnavailable: (err) => this.#log.warn({ err }, 'llm credential wake-ups unavailable; waiters fall back to polling'),
    });
  }

  /**
   * Takes a key out of the pool for every instance (its authentication failed).
   * Idempotent; only the call that actually disables it logs a warning. Waiters
   * are woken, so that they fail over to other keys or learn none is left.
   */
  async disable(keyId: string, reason: string): Promise<void> {
    // A raw key passed by mistake must not end up in Redis or the logs.
    const id = this.#credentials.find((c) => c.key === keyId)?.keyId ?? keyId;
    if (!KEY_ID.test(id)) throw new TypeError('disable() expects a keyId (see keyIdOf)');
    if (await this.#leases.disable(id)) {
      this.#log.warn({ keyId: id, reason: this.#redact(reason) }, 'llm credential disabled');
    } else {
      this.#log.debug({ keyId: id }, 'llm credential already disabled');
    }
  }

  /** Each configured key: disabled or not, and its live leases per capability across all instances. */
  async status(): Promise<CredentialStatus[]> {
    return this.#leases.status(this.#credentials.map((c) => c.keyId));
  }

  /** How many callers, on all instances, are waiting for `capability` now. */
  async waiting(capability: Capability): Promise<number> {
    return this.#leases.waiting(capability);
  }

  /**
   * Stops this instance's pool: waiters reject and leave the queue, the wake-up
   * connection closes. Leases already handed out stay valid until released or
   * expired. The shared Redis client is the caller's and stays open.
   */
  dispose(): Promise<void> {
    this.#disposing ??= (async () => {
      for (const sleepers of Object.values(this.#sleepers)) for (const wake of [...sleepers]) wake();
      await Promise.allSettled(this.#inFlight);
      this.#wakeUps?.close();
    })();
    return this.#disposing;
  }

  #redact(text: string): string {
    let out = text;
    for (const c of this.#credentials) out = out.split(c.key).join(`[key ${c.keyId}]`);
    return out.slice(0, 500);
  }
}

function leaseOutcome(err: unknown, signal: AbortSignal | undefined): LeaseOutcome {
  if (signal?.aborted) return 'cancelled';
  const code = (err as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  if (code === ErrorCode.RATE_LIMITED) return 'rate_limited';
  if (code === ErrorCode.UPSTREAM_UNAVAILABLE) return 'unavailable';
  return 'error';
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
