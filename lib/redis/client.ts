/**
 * Redis connections: the ioredis factory for a single server or a Cluster
 * (REDIS_CLUSTER_NODES), the extra connections blocking reads and pub/sub need,
 * and the checks that tell "Redis is unavailable" from other failures. The
 * embedded server for development and tests is in embedded.ts.
 */
import { Cluster, Redis, type ClusterNode, type ClusterOptions, type Command, type RedisOptions } from 'ioredis';

export interface ConnectRedisOptions {
  /** CLIENT SETNAME, shown by CLIENT LIST; helps tell services apart on a shared server. @default none */
  name?: string;
  /** Longest wait for any one command's answer (REDIS_COMMAND_TIMEOUT_MS). @default 1000 */
  commandTimeoutMs?: number;
}

/** @default 1000 ms, as REDIS_COMMAND_TIMEOUT_MS */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1_000;

/**
 * An ioredis client that fails fast while Redis is away and recovers by itself
 * once it is back:
 * - `commandTimeout`: every command is answered or rejected ("Command timed
 *   out") within the timeout, whatever the cause: a stalled server (the socket
 *   stays open and nothing answers, so no reconnect would ever start), a dead
 *   one, or a reconnect in progress. Without it a command waits for a reply
 *   that may never come.
 * - `enableOfflineQueue` stays on: commands issued while connecting or during
 *   a reconnect that succeeds within the timeout are sent instead of refused
 *   (turning it off would fail every command at start-up and in every blip);
 *   the timeout above bounds how long they wait in it.
 * - `maxRetriesPerRequest: 1`: while reconnect attempts are being refused
 *   (nothing listens), queued commands fail at the second failed attempt,
 *   a few hundred milliseconds, rather than waiting out the whole timeout.
 * The client itself keeps reconnecting forever. Such failures are recognised
 * by `isRedisUnavailable` (clients see UPSTREAM_UNAVAILABLE). Blocking
 * commands and subscriptions need a connection of their own: see
 * `blockingConnection`.
 */
export function connectRedis(url: string, opts: ConnectRedisOptions = {}): Redis {
  return new Redis(url, connectionOptions(opts));
}

function connectionOptions(opts: ConnectRedisOptions): RedisOptions {
  return {
    connectionName: opts.name,
    commandTimeout: opts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    // Queue commands until INFO says the server has finished loading its data.
    enableReadyCheck: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    // After a failover the old primary answers writes with READONLY; reconnecting
    // (to whatever the URL now resolves to) and resending is the recovery.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
  };
}

/**
 * A Redis Cluster client (REDIS_CLUSTER_NODES): ioredis asks the seed nodes for
 * the slot map, sends each command to the master owning its key's slot, and
 * follows MOVED/ASK redirections and failovers by itself. Each node connection
 * gets the options of `connectRedis` (command timeout, one retry, offline queue).
 *
 * Typed as `Redis` on purpose: the platform's code is written against ioredis'
 * `Redis`, and a `Cluster` has the same command, pipeline, transaction, script
 * and pub/sub methods (both implement ioredis' RedisCommander and Transaction).
 * What differs is the connection itself (`options`, `duplicate`, commands that
 * answer for one node only such as PUBSUB NUMSUB or SCAN); every such use goes
 * through the helpers below (`isCluster`, `blockingConnection`,
 * `subscriberConnection`, `nodesOf`), which handle both kinds.
 *
 * A command, script or MULTI that touches several keys needs them in one hash
 * slot (CROSSSLOT otherwise): lib/redis/keys.ts lists the hash tags that keep
 * each such group together.
 */
export function connectRedisCluster(nodes: { host: string; port: number }[], opts: ConnectRedisOptions = {}): Redis {
  if (nodes.length === 0) throw new Error('a Redis Cluster needs at least one seed node');
  const cluster = new TimedCluster(nodes, clusterOptions(connectionOptions(opts)));
  return cluster as unknown as Redis;
}

/**
 * ioredis applies `commandTimeout` where a node connection sends a command, but
 * a command a Cluster client holds in its own queue (no slot map yet, every
 * node unreachable, reconnecting) would wait there without limit, which breaks
 * "answered or failed within REDIS_COMMAND_TIMEOUT_MS" (When Redis is away).
 * So the timer starts when the command enters the client; the node connection
 * then finds it set and does not start a second one (Command.setTimeout keeps
 * the first).
 */
class TimedCluster extends Cluster {
  override sendCommand(command: Command, stream?: Parameters<Cluster['sendCommand']>[1], node?: unknown): unknown {
    const timeout = this.options.redisOptions?.commandTimeout;
    if (typeof timeout === 'number') command.setTimeout(timeout);
    return super.sendCommand(command, stream, node);
  }

  /** As Cluster's own, but the copy keeps the timeout above (Cluster's makes a plain Cluster). */
  override duplicate(overrideStartupNodes: ClusterNode[] = [], overrideOptions: ClusterOptions = {}): Cluster {
    const seeds = (this as unknown as { startupNodes: ClusterNode[] }).startupNodes;
    return new TimedCluster(overrideStartupNodes.length > 0 ? overrideStartupNodes : seeds.slice(0), { ...this.options, ...overrideOptions });
  }
}

function clusterOptions(redisOptions: RedisOptions): ClusterOptions {
  return {
    // ioredis gives node connections no retry strategy of their own: the cluster
    // client reconnects as a whole (below) and refreshes the slot map.
    redisOptions,
    clusterRetryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
    enableOfflineQueue: true,
    enableReadyCheck: true,
    // Slots that move (resharding, failover) answer MOVED/ASK/TRYAGAIN/CLUSTERDOWN for a moment: retried, not failed.
    maxRedirections: 16,
    retryDelayOnMoved: 0,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2_000,
    // All reads and writes go to masters: the scripts and read-after-write checks need the primary's answer.
    scaleReads: 'master',
  };
}

/** True for a client made by `connectRedisCluster`. */
export function isCluster(redis: Redis): boolean {
  return (redis as unknown) instanceof Cluster;
}

function asCluster(redis: Redis): Cluster {
  return redis as unknown as Cluster;
}

/** The command timeout a client was made with (for a cluster, that of its node connections). */
export function commandTimeoutOf(redis: Redis): number | undefined {
  return isCluster(redis) ? asCluster(redis).options.redisOptions?.commandTimeout : redis.options.commandTimeout;
}

/**
 * A new client like `redis` (same server or cluster, same options), with
 * `overrides` on each connection; it reports its connection errors where
 * `redis` does (see reportConnectionErrors), as `role`.
 */
function duplicateWith(redis: Redis, overrides: Partial<RedisOptions>, role: string): Redis {
  const copy = isCluster(redis)
    ? (asCluster(redis).duplicate([], { redisOptions: { ...asCluster(redis).options.redisOptions, ...overrides } }) as unknown as Redis)
    : redis.duplicate(overrides);
  const reporting = errorReports.get(redis);
  if (reporting) reportConnectionErrors(copy, reporting.log, `${reporting.name} ${role}`);
  return copy;
}

/** Where a client's connection errors are logged (a service's pino logger). */
export interface ConnectionErrorLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * ioredis raises an error at every reconnect attempt (up to one each 2 s)
 * while Redis is away: one line per client per this long is enough to see it.
 */
export const CONNECTION_ERROR_LOG_INTERVAL_MS = 30_000;

const errorReports = new WeakMap<Redis, { log: ConnectionErrorLog; name: string }>();

/**
 * Logs `redis`'s connection errors: a warning when the connection fails
 * (field `redis`: `name`), then at most one per
 * CONNECTION_ERROR_LOG_INTERVAL_MS while it keeps failing (with how many
 * errors the lines in between would have been), and one line when it is
 * ready again. The connections `blockingConnection` and
 * `subscriberConnection` make from it report the same way. A client nobody
 * listens to makes ioredis write every such error to stderr as plain text,
 * outside the JSON log, for as long as Redis is away. Failed commands are
 * not affected: they still reject (isRedisUnavailable).
 */
export function reportConnectionErrors(redis: Redis, log: ConnectionErrorLog, name: string): Redis {
  errorReports.set(redis, { log, name });
  let failingSince: number | undefined;
  let lastLine = 0;
  let unlogged = 0;
  redis.on('error', (err: unknown) => {
    const now = Date.now();
    failingSince ??= now;
    if (lastLine > 0 && now - lastLine < CONNECTION_ERROR_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    log.warn({ redis: name, err, failingForMs: now - failingSince, errorsNotLogged: unlogged }, 'Redis connection failed; reconnecting');
    lastLine = now;
    unlogged = 0;
  });
  redis.on('ready', () => {
    if (failingSince === undefined) return;
    log.info({ redis: name, failedForMs: Date.now() - failingSince }, 'Redis connection ready again');
    failingSince = undefined;
    lastLine = 0;
    unlogged = 0;
  });
  return redis;
}

/**
 * A connection of its own for a blocking command (XREADGROUP ... BLOCK) that
 * waits up to `blockMs` for data: the command timeout covers the wait plus the
 * usual bound, so an idle stream is not taken for a dead server while a
 * stalled one is still noticed.
 */
export function blockingConnection(redis: Redis, blockMs: number): Redis {
  const timeout = commandTimeoutOf(redis);
  return duplicateWith(redis, timeout === undefined ? {} : { commandTimeout: timeout + blockMs }, 'blocking');
}

/**
 * A connection for SUBSCRIBE (one in subscriber mode can do nothing else), with
 * the same command timeout, so SUBSCRIBE to a stalled server fails fast. On a
 * cluster, PUBLISH reaches every node, so one subscribed node hears it all.
 */
export function subscriberConnection(redis: Redis, name?: string): Redis {
  return duplicateWith(redis, name === undefined ? {} : { connectionName: name }, 'subscriber');
}

/**
 * The connections a node-local command must be sent to: the client itself for
 * one server, each master (or every node, with `all`) of a cluster. PUBSUB
 * NUMSUB, SCAN, KEYS and DBSIZE answer for the node they run on.
 */
export function nodesOf(redis: Redis, which: 'master' | 'all' = 'master'): Redis[] {
  return isCluster(redis) ? asCluster(redis).nodes(which) : [redis];
}

/** Subscribers of `channel` across the server or the whole cluster (PUBSUB NUMSUB is per node). */
export async function subscriberCount(redis: Redis, channel: string): Promise<number> {
  const counts = await Promise.all(
    nodesOf(redis, 'all').map(async (node) => Number(((await node.pubsub('NUMSUB', channel)) as [string, number])[1])),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Messages of ioredis' own errors when it could not get an answer (it has no classes for them). */
const UNANSWERED = [/^Command timed out$/, /^Connection is closed\.?$/, /^Stream isn't writeable/, /^Command aborted due to connection close/, /^Socket timeout/];
/** Server replies that mean "not now" (loading the AOF, a long script, a failover under way). */
const NOT_NOW = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY) /;

/**
 * True when `err` (or what it wraps: `originalError`, `cause`) says Redis
 * could not be reached or did not answer in time, as opposed to a command
 * Redis refused. Used to answer UPSTREAM_UNAVAILABLE.
 */
export function isRedisUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string') {
      if ((name === 'Error' || name === 'AbortError') && UNANSWERED.some((re) => re.test(message))) return true;
      if (name === 'ReplyError' && NOT_NOW.test(message)) return true;
    }
    const next = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    if (next === e) break;
    e = next;
  }
  return false;
}

/** Readiness probe: resolves when the server answers PING within timeoutMs (@default 2000). */
export async function pingRedis(redis: Redis, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const reply = await Promise.race([redis.ping(), timeout]);
    if (reply !== 'PONG') throw new Error(`Redis answered PING with ${String(reply)}`);
  } finally {
    clearTimeout(timer);
  }
}
