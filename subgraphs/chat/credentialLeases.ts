/**
 * The credential pool's state in Redis: its Lua scripts, and the repository
 * through which credentialPool.ts reads and changes that state. Every
 * decision about the shared counts is made here, inside Redis, by one script
 * run; the pool only decides when to ask again. The invariants these scripts
 * keep are numbered in credentialPool.ts' header; each script below says which
 * race its atomicity closes.
 *
 * The keys (lib/redis/keys.ts, llmPoolKeys), all under the pool's namespace,
 * a hash tag (default `{llm}`), so that a script touching several of them runs
 * on one Redis Cluster slot:
 *
 * - `<ns>:slots:<keyId>:<capability>`: sorted set of live leases (member: lease
 *   id, score: expiry by Redis' clock). Written by ACQUIRE (add), RENEW (move
 *   the score forward) and REMOVE (release).
 * - `<ns>:queue:<capability>`: sorted set of waiters by ticket; `<ns>:beats:<capability>`
 *   the same waiters by heartbeat expiry; `<ns>:ticket:<capability>` the INCR
 *   counter that hands out tickets in order of arrival at Redis.
 * - `<ns>:disabled`: set of keyIds taken out of the pool for every instance.
 * - `<ns>:wake` (a pub/sub channel, not a key): a capability's slot or queue
 *   place was freed; REMOVE publishes it in the same script as the removal.
 *
 * What a crash leaves behind expires by itself: every script that writes gives
 * the key a TTL at least as long as what it wrote must live.
 */
import type { Redis } from 'ioredis';
import { llmPoolKeys } from '../../lib/redis/keys.js';
import { defineScripts } from '../../lib/redis/scripts.js';

export const CAPABILITIES = ['text', 'image', 'slides'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/* ---------------------------------------------------------------------------------
 * Scripts. The prelude reads Redis' clock in milliseconds and gives a key a TTL
 * at least `ms` long (never shortening one), so that what a crash leaves behind
 * is eventually deleted even if no one touches it again.
 * ------------------------------------------------------------------------------- */

const PRELUDE = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function keepFor(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end
`;

/**
 * One attempt of one waiter: join the queue (first attempt) or refresh its
 * heartbeat, drop lapsed waiters and expired leases, and take a slot on the
 * least-loaded usable key if the waiter's rank is below the free slots.
 * Atomic, so between counting the free slots and adding the lease no other
 * instance can add one (invariant 1), and the rank it compares is the queue as
 * it is at that instant, not as it was a round trip ago (invariant 3).
 *
 * KEYS: queue, beats, ticket counter, disabled set, then one slot set per candidate key.
 * ARGV: waiterId, ticket (0: none yet), limit, leaseTtlMs, leaseId, heartbeatTtlMs,
 *       then the candidates' keyIds, in the order of their slot sets.
 * Returns {1, keyId, ticket} granted; {0, ticket, rank, free, retryInMs} wait;
 * {-1} no candidate is usable (all disabled).
 */
const ACQUIRE = `${PRELUDE}
local now = nowMs()
local waiter, ticket = ARGV[1], tonumber(ARGV[2])
local limit, leaseTtl, beatTtl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[6])

local usable, free, best, bestCount, earliest = 0, 0, nil, nil, nil
for i = 5, #KEYS do
  if redis.call('SISMEMBER', KEYS[4], ARGV[i + 2]) == 0 then
    usable = usable + 1
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    local n = redis.call('ZCARD', KEYS[i])
    if n < limit then
      free = free + (limit - n)
      if best == nil or n < bestCount then best, bestCount = i, n end
    else
      local first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
      local expiry = tonumber(first[2])
      if earliest == nil or expiry < earliest then earliest = expiry end
    end
  end
end
if usable == 0 then
  redis.call('ZREM', KEYS[1], waiter)
  redis.call('ZREM', KEYS[2], waiter)
  return {-1}
end

if ticket == 0 then ticket = redis.call('INCR', KEYS[3]) end
redis.call('ZADD', KEYS[1], 'NX', ticket, waiter)
redis.call('ZADD', KEYS[2], now + beatTtl, waiter)
keepFor(KEYS[1], beatTtl)
keepFor(KEYS[2], beatTtl)
for _, lapsed in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now)) do
  redis.call('ZREM', KEYS[1], lapsed)
  redis.call('ZREM', KEYS[2], lapsed)
end

local rank = redis.call('ZRANK', KEYS[1], waiter)
if rank < free then
  redis.call('ZADD', KEYS[best], now + leaseTtl, ARGV[5])
  keepFor(KEYS[best], leaseTtl)
  redis.call('ZREM', KEYS[1], waiter)
  redis.call('ZREM', KEYS[2], waiter)
  return {1, ARGV[best + 2], ticket}
end
local retryIn = 0
if earliest ~= nil and free == 0 then retryIn = earliest - now end
return {0, ticket, rank, free, retryIn}
`;

/**
 * Extends a lease that is still live. Atomic, so the lease cannot expire and
 * be dropped (its slot handed to another) between the check and the ZADD:
 * RENEW either extends a lease that was still counted, or reports it lost.
 * KEYS: the slot set. ARGV: leaseId, leaseTtlMs. Returns 1 renewed, 0 lost.
 */
const RENEW = `${PRELUDE}
local now = nowMs()
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry then return 0 end
if tonumber(expiry) <= now then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
keepFor(KEYS[1], tonumber(ARGV[2]))
return 1
`;

/**
 * Removes a lease, or a waiter (two members, from queue and beats), and
 * publishes a wake-up only if something was removed. One script, so that the
 * wake-up is never sent before the removal it announces.
 * KEYS: the sets to remove ARGV[1] from. ARGV: member, channel, capability.
 */
const REMOVE = `
local removed = 0
for i = 1, #KEYS do removed = removed + redis.call('ZREM', KEYS[i], ARGV[1]) end
if removed > 0 then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
return removed
`;

/**
 * Read-only snapshot: for each key, whether it is disabled and its live leases
 * per capability. One script, so all counts are taken at the same instant and
 * against Redis' clock.
 * KEYS: disabled set, then the slot sets key by key, capability by capability.
 * ARGV: number of capabilities, then the keyIds.
 */
const STATUS = `${PRELUDE}
local now = nowMs()
local caps, k, out = tonumber(ARGV[1]), 2, {}
for i = 2, #ARGV do
  out[#out + 1] = redis.call('SISMEMBER', KEYS[1], ARGV[i])
  for _ = 1, caps do
    out[#out + 1] = redis.call('ZCOUNT', KEYS[k], '(' .. now, '+inf')
    k = k + 1
  end
end
return out
`;

/** Live waiters (heartbeat not lapsed) in one capability's queue. KEYS: beats. */
const WAITING = `${PRELUDE}
return redis.call('ZCOUNT', KEYS[1], '(' .. nowMs(), '+inf')
`;

type Arg = string | number;

/** The scripts as commands. Those whose keys vary take the number of keys first, then the keys, then ARGV. */
const scripts = defineScripts<{
  llmAcquire(numberOfKeys: number, ...keysThenArgs: Arg[]): Promise<(number | string)[]>;
  llmRenew(slots: string, leaseId: string, leaseTtlMs: number): Promise<number>;
  llmRemove(numberOfKeys: number, ...keysThenArgs: Arg[]): Promise<number>;
  llmStatus(numberOfKeys: number, ...keysThenArgs: Arg[]): Promise<number[]>;
  llmWaiting(beats: string): Promise<number>;
}>({
  llmAcquire: { lua: ACQUIRE },
  llmRenew: { lua: RENEW, numberOfKeys: 1 },
  llmRemove: { lua: REMOVE },
  llmStatus: { lua: STATUS },
  llmWaiting: { lua: WAITING, numberOfKeys: 1 },
});

/** Runs a script whose keys vary: their number, the keys, then ARGV. */
const withKeys = <R>(command: (numberOfKeys: number, ...keysThenArgs: Arg[]) => Promise<R>, keys: readonly string[], args: readonly Arg[]) =>
  command(keys.length, ...keys, ...args);

/** The outcome of one ACQUIRE. */
export type Attempt = { kind: 'granted'; keyId: string } | { kind: 'waiting'; ticket: number; retryInMs: number } | { kind: 'unavailable' };

/** Live leases of one key per capability, across every instance, and whether it is disabled. */
export interface KeyUsage {
  keyId: string;
  disabled: boolean;
  inUse: Record<Capability, number>;
}

/** The pool's Redis state, by keyId (never a raw key): one method per script or command. */
export class CredentialLeases {
  readonly #redis: Redis;
  readonly #keys: ReturnType<typeof llmPoolKeys>;

  constructor(redis: Redis, namespace?: string) {
    this.#redis = redis;
    this.#keys = llmPoolKeys(namespace);
  }

  /**
   * One attempt of one waiter (ACQUIRE): `keyIds` are the usable candidates in
   * the order ties go to; `ticket` 0 on the first attempt, then the one returned.
   */
  async attempt(
    capability: Capability,
    keyIds: readonly string[],
    w: { waiterId: string; ticket: number; leaseId: string; limit: number; leaseTtlMs: number; heartbeatTtlMs: number },
  ): Promise<Attempt> {
    const k = this.#keys;
    const reply = await withKeys(
      scripts(this.#redis).llmAcquire,
      [k.queue(capability), k.beats(capability), k.ticket(capability), k.disabled, ...keyIds.map((id) => k.slots(id, capability))],
      [w.waiterId, w.ticket, w.limit, w.leaseTtlMs, w.leaseId, w.heartbeatTtlMs, ...keyIds],
    );
    if (reply[0] === 1) return { kind: 'granted', keyId: String(reply[1]) };
    if (reply[0] === -1) return { kind: 'unavailable' };
    return { kind: 'waiting', ticket: Number(reply[1]), retryInMs: Number(reply[4] ?? 0) };
  }

  /** RENEW: true when the lease was still live and now lasts `leaseTtlMs` more. */
  async renew(keyId: string, capability: Capability, leaseId: string, leaseTtlMs: number): Promise<boolean> {
    return (await scripts(this.#redis).llmRenew(this.#keys.slots(keyId, capability), leaseId, leaseTtlMs)) === 1;
  }

  /** REMOVE of a lease: its slot is free, and waiters are woken. */
  async release(keyId: string, capability: Capability, leaseId: string): Promise<void> {
    await withKeys(scripts(this.#redis).llmRemove, [this.#keys.slots(keyId, capability)], [leaseId, this.#keys.wake, capability]);
  }

  /** REMOVE of a waiter from the queue (timeout, abort, error): the waiters behind it move up and are woken. */
  async leave(capability: Capability, waiterId: string): Promise<void> {
    await withKeys(scripts(this.#redis).llmRemove, [this.#keys.queue(capability), this.#keys.beats(capability)], [waiterId, this.#keys.wake, capability]);
  }

  /** Takes a key out of the pool for every instance; true only for the call that did. Wakes every capability's waiters. */
  async disable(keyId: string): Promise<boolean> {
    const added = (await this.#redis.sadd(this.#keys.disabled, keyId)) === 1;
    if (added) await this.#redis.pipeline(CAPABILITIES.map((c) => ['publish', this.#keys.wake, c])).exec();
    return added;
  }

  /** STATUS: one snapshot of every key's usage, taken at one instant by Redis' clock. */
  async status(keyIds: readonly string[]): Promise<KeyUsage[]> {
    if (keyIds.length === 0) return [];
    const reply = await withKeys(
      scripts(this.#redis).llmStatus,
      [this.#keys.disabled, ...keyIds.flatMap((id) => CAPABILITIES.map((cap) => this.#keys.slots(id, cap)))],
      [CAPABILITIES.length, ...keyIds],
    );
    const stride = 1 + CAPABILITIES.length;
    return keyIds.map((keyId, i) => {
      const row = reply.slice(i * stride, (i + 1) * stride);
      const inUse = Object.fromEntries(CAPABILITIES.map((cap, j) => [cap, Number(row[j + 1] ?? 0)])) as Record<Capability, number>;
      return { keyId, disabled: row[0] === 1, inUse };
    });
  }

  /** WAITING: live waiters for `capability`, on every instance. */
  async waiting(capability: Capability): Promise<number> {
    return Number(await scripts(this.#redis).llmWaiting(this.#keys.beats(capability)));
  }

  /**
   * Listens for wake-ups on a connection of its own (a subscribed connection
   * can do nothing else); `onWake` gets the capability. `onUnavailable` is told
   * when the subscription could not be made: waiters then rely on polling.
   */
  wakeUps(handlers: { onWake: (capability: string) => void; onError: (err: unknown) => void; onUnavailable: (err: unknown) => void }): { close(): void } {
    const subscriber = this.#redis.duplicate();
    subscriber.on('error', handlers.onError);
    subscriber.on('message', (_channel: string, capability: string) => handlers.onWake(capability));
    subscriber.subscribe(this.#keys.wake).catch(handlers.onUnavailable);
    return { close: () => subscriber.disconnect() };
  }
}
