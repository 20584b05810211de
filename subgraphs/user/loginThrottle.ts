/**
 * Sign-in throttling, shared by every user-subgraph instance through Redis
 * (rate-limiter-flexible's RateLimiterRedis: each consume is one Lua script,
 * so concurrent attempts cannot read the same count).
 *
 * An attempt takes its points BEFORE the password is checked and gives back
 * what it took when it turns out to be a success (or when a later limiter
 * refuses it). Reading the counters first and adding to them after the slow
 * password hash let dozens of concurrent guesses through a limit of five.
 *
 * Three limits, in this order (an attempt refused by one takes nothing from
 * the next, and gives back what the earlier ones took):
 * 1. per (username, address): consecutive failures. After
 *    CONSECUTIVE_FAILS_PER_USERNAME_AND_ADDRESS the pair is blocked, for
 *    FIRST_BLOCK_SECONDS the first time and twice as long at each further
 *    block within LOCKOUT_MEMORY_SECONDS, up to MAX_BLOCK_SECONDS. A success
 *    forgets both. This is the limit a typing owner meets, and it only ever
 *    blocks that one pair, so strangers cannot lock the owner out with it.
 * 2. per address: failed sign-ins per hour (config LOGIN_FAILS_PER_ADDRESS_PER_HOUR),
 *    generous because many users can share one address (NAT); bounds password
 *    spraying from one address across many usernames.
 * 3. per username: failed sign-ins per day (config LOGIN_FAILS_PER_USERNAME_PER_DAY)
 *    from devices that have never signed in to that user; bounds an attack
 *    spread over many addresses. Devices that have signed in before skip it,
 *    so such an attack cannot lock the owner out of their own devices (limit 1
 *    still applies to them). A device id is a random value the client keeps
 *    (HTTP-only cookie or app storage), so a stranger cannot claim the owner's.
 *
 * Redis keys, all under `auth:login:`:
 * - `auth:login:fails:<username>|<address>`: consecutive failures of that pair
 *   (counter, 24 h from the first; deleted by a success; set to "blocked" with
 *   the block's lifetime when the pair is blocked).
 * - `auth:login:lockouts:<username>|<address>`: how many times that pair was
 *   blocked in the last 24 h; doubles the next block. Deleted by a success.
 * - `auth:login:fails-addr:<address>`: failed sign-ins from an address (1 h window).
 * - `auth:login:fails-user:<username>`: failed sign-ins of a username from
 *   unrecognised devices (24 h window).
 * - `auth:login:devices:<username>`: sorted set of the device ids that signed
 *   in to that user, scored by the last sign-in (ms); at most
 *   KNOWN_DEVICES_PER_USER, each forgotten KNOWN_DEVICE_TTL_SECONDS after its
 *   last sign-in or refresh.
 * Keyed by lower-cased username rather than user id so that throttling needs
 * no store lookup (usernames are unique whatever the case, and never change).
 * Usernames that cannot exist (see USERNAME) are hashed into the key, so a
 * megabyte "username" does not become a megabyte key.
 *
 * Addresses: IPv4 as is; IPv6 by its /64, since one host usually holds a
 * whole /64 and could otherwise take a fresh address per guess.
 */
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../../lib/errors.js';
import { DEVICE_ID } from '../../lib/auth/session.js';
import { USERNAME } from './passwords.js';

/** Failed sign-ins in a row for one username from one address before that pair is blocked. @default 5 */
export const CONSECUTIVE_FAILS_PER_USERNAME_AND_ADDRESS = 5;
/** How long consecutive failures of a pair are remembered without a success. @default 24 hours */
export const CONSECUTIVE_FAILS_MEMORY_SECONDS = 24 * 3600;
/** The first block of a (username, address) pair. @default 15 minutes */
export const FIRST_BLOCK_SECONDS = 15 * 60;
/** Blocks of one pair double up to this. @default 24 hours */
export const MAX_BLOCK_SECONDS = 24 * 3600;
/** Earlier blocks of a pair count towards the next one's length for this long after the first. @default 24 hours */
export const LOCKOUT_MEMORY_SECONDS = 24 * 3600;
/** Devices remembered per user as having signed in (the most recent ones). @default 20 */
export const KNOWN_DEVICES_PER_USER = 20;
/** A device is forgotten this long after its last sign-in or refresh. @default 90 days */
export const KNOWN_DEVICE_TTL_SECONDS = 90 * 24 * 3600;

const PREFIX = 'auth:login';
const devicesKey = (username: string) => `${PREFIX}:devices:${usernameKey(username)}`;

/** The throttles' name for a username: lower-cased, or a hash for what cannot be a username. */
export function usernameKey(username: string): string {
  const lower = username.toLowerCase();
  return USERNAME.test(username) ? lower : `#${createHash('sha256').update(lower).digest('base64url').slice(0, 24)}`;
}

/** The throttles' name for a client address: IPv4 as is, IPv6 by its /64. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  const bare = ip.replace(/%.*$/, '');
  if (isIPv6(bare)) {
    // An embedded IPv4 tail (::1.2.3.4) stands for two groups.
    const groups = (s: string) => (s ? s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
    const [head = '', tail] = bare.split('::');
    const h = groups(head);
    const t = tail === undefined ? [] : groups(tail);
    const full = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    return `${full
      .slice(0, 4)
      .map((g) => parseInt(g, 16).toString(16))
      .join(':')}::/64`;
  }
  // Not an address (a misconfigured proxy header): bounded, and still one bucket per value.
  return `#${createHash('sha256').update(ip).digest('base64url').slice(0, 24)}`;
}

/** An attempt that passed the limits. A failed one keeps what it took: that is the count. */
export interface Attempt {
  /** The password was right: forget the pair's failures, give back this attempt's points, remember the device. */
  succeeded(deviceId: string): Promise<void>;
}

interface Taken {
  limiter: RateLimiterRedis;
  key: string;
}

const retrySeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class LoginThrottle {
  private readonly consecutive: RateLimiterRedis;
  private readonly lockouts: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;
  private readonly byUsername: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    limits: { failsPerAddressPerHour: number; failsPerUsernamePerDay: number },
  ) {
    // ioredis is the library's default client: useRedisPackage stays false
    // (it is for the `redis` package v4+).
    const base = { storeClient: redis, useRedisPackage: false } as const;
    this.consecutive = new RateLimiterRedis({ ...base, keyPrefix: `${PREFIX}:fails`, points: CONSECUTIVE_FAILS_PER_USERNAME_AND_ADDRESS, duration: CONSECUTIVE_FAILS_MEMORY_SECONDS });
    // Only counted (penalty), never consumed against: points does not matter.
    this.lockouts = new RateLimiterRedis({ ...base, keyPrefix: `${PREFIX}:lockouts`, points: 1_000_000, duration: LOCKOUT_MEMORY_SECONDS });
    this.byAddress = new RateLimiterRedis({ ...base, keyPrefix: `${PREFIX}:fails-addr`, points: limits.failsPerAddressPerHour, duration: 3600 });
    this.byUsername = new RateLimiterRedis({ ...base, keyPrefix: `${PREFIX}:fails-user`, points: limits.failsPerUsernamePerDay, duration: 24 * 3600 });
  }

  /**
   * Takes one attempt for `username` from `clientIp` on `deviceId`, or throws
   * RATE_LIMITED with retryAfterSeconds. Call before looking at the password.
   *
   * Without a client address (a caller the gateway could not attribute), the
   * two address limits use the device id in its place, and without a device id
   * either they are skipped: one shared "unknown" bucket would let anyone
   * exhaust it for everyone so placed. Such attempts gain nothing over
   * inventing a new device id per guess, which the per-username limit (never
   * skipped for an unrecognised device) already bounds.
   */
  async take(username: string, clientIp: string | undefined, deviceId: string | undefined): Promise<Attempt> {
    const user = usernameKey(username);
    const device = deviceId && DEVICE_ID.test(deviceId) ? deviceId : undefined;
    const address = clientIp ? addressKey(clientIp) : device ? `device:${device}` : undefined;
    const pair = address ? `${user}|${address}` : undefined;
    const known = device ? await this.isKnownDevice(username, device) : false;

    const taken: Taken[] = [];
    const steps: Taken[] = [
      ...(pair ? [{ limiter: this.consecutive, key: pair }] : []),
      ...(address ? [{ limiter: this.byAddress, key: address }] : []),
      ...(known ? [] : [{ limiter: this.byUsername, key: user }]),
    ];
    for (const step of steps) {
      try {
        await step.limiter.consume(step.key);
        taken.push(step);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) {
          await this.giveBack(taken);
          throw err;
        }
        const [, wait] = await Promise.all([this.giveBack(taken), step.limiter === this.consecutive ? this.blockPair(step.key, err) : Promise.resolve(retrySeconds(err.msBeforeNext))]);
        throw rateLimited(`Too many failed sign-ins; try again in ${wait} s.`, wait);
      }
    }
    return {
      succeeded: async (signedInDevice) => {
        // The pair's failures are forgotten; the address and username budgets
        // get back this attempt's point only (other failures stand: the owner
        // signing in does not end someone else's attack).
        await Promise.all([
          ...taken.map((t) => (t.limiter === this.consecutive ? Promise.all([this.consecutive.delete(t.key), this.lockouts.delete(t.key)]) : t.limiter.reward(t.key))),
          this.rememberDevice(username, signedInDevice),
        ]);
      },
    };
  }

  /**
   * A refused consecutive-failure consume: the attempt that crossed the limit
   * blocks the pair, for twice as long as its previous block; the others
   * report the block. An attempt racing the crossing one may find the block
   * not yet set and the counter's long window in its place, hence the cap by
   * the current block length.
   */
  private async blockPair(pair: string, res: RateLimiterRes): Promise<number> {
    const blockFor = (lockouts: number) => Math.min(MAX_BLOCK_SECONDS, FIRST_BLOCK_SECONDS * 2 ** Math.max(0, lockouts - 1));
    if (res.consumedPoints === CONSECUTIVE_FAILS_PER_USERNAME_AND_ADDRESS + 1) {
      const lockouts = await this.lockouts.penalty(pair);
      const seconds = blockFor(lockouts.consumedPoints);
      await this.consecutive.block(pair, seconds);
      return seconds;
    }
    const lockouts = await this.lockouts.get(pair);
    return Math.min(retrySeconds(res.msBeforeNext), blockFor(lockouts?.consumedPoints ?? 1));
  }

  private async giveBack(taken: Taken[]): Promise<void> {
    await Promise.all(taken.map((t) => t.limiter.reward(t.key)));
  }

  private async isKnownDevice(username: string, deviceId: string): Promise<boolean> {
    const lastSeen = await this.redis.zscore(devicesKey(username), deviceId);
    return lastSeen !== null && Number(lastSeen) > Date.now() - KNOWN_DEVICE_TTL_SECONDS * 1000;
  }

  /** Records (or refreshes) `deviceId` as having signed in to `username`; keeps the most recent few. */
  async rememberDevice(username: string, deviceId: string): Promise<void> {
    const key = devicesKey(username);
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(key, now, deviceId)
      .zremrangebyscore(key, '-inf', now - KNOWN_DEVICE_TTL_SECONDS * 1000)
      .zremrangebyrank(key, 0, -(KNOWN_DEVICES_PER_USER + 1))
      .expire(key, KNOWN_DEVICE_TTL_SECONDS)
      .exec();
  }

  /**
   * Forgets every device of `username` but `keep` (password change: a thief's
   * device must not stay recognised, while the device that proved the current
   * password must, or an ongoing attack could lock its owner out right after).
   */
  async forgetDevices(username: string, keep: string | undefined): Promise<void> {
    const key = devicesKey(username);
    const tx = this.redis.multi().del(key);
    if (keep && DEVICE_ID.test(keep)) tx.zadd(key, Date.now(), keep).expire(key, KNOWN_DEVICE_TTL_SECONDS);
    await tx.exec();
  }
}
