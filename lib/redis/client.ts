/**
 * Redis: the embedded `redis-server` child process and the ioredis connection factory.
 *
 * With `REDIS_URL` unset, the launcher and the tests run a real `redis-server` (the
 * Debian package) instead of an in-memory fake: streams, consumer groups, pub/sub and
 * Lua behave exactly as in production, and a fake that drifts from Redis would make the
 * tests lie. The child gets its own data directory and an append-only file, so state
 * survives a restart of the launcher just as it would with a real server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Cluster, Redis, type ClusterNode, type ClusterOptions, type Command, type RedisOptions } from 'ioredis';
import { hasExited, stopChild } from '../process/childProcess.js';

export interface EmbeddedRedisOptions {
  /** Directory for the append-only file; created if missing. Reusing it keeps the data. */
  dataDir: string;
  /** Name on PATH or path of the binary. @default 'redis-server' */
  bin?: string;
  /** TCP port on 127.0.0.1. @default a free port chosen by the OS */
  port?: number;
  /** How long to wait for the server to answer after spawning. @default 10000 */
  startTimeoutMs?: number;
  /** How long dispose waits after SIGTERM before it sends SIGKILL. @default 10000 */
  stopTimeoutMs?: number;
  /** More redis-server arguments, after the defaults (e.g. `--cluster-enabled yes`). @default none */
  extraArgs?: string[];
}

export interface EmbeddedRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The redis-server process id. */
  pid: number;
  /** Settles when the server process exits, for whatever reason (lets a launcher notice a crash). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Graceful shutdown (SIGTERM: Redis flushes the AOF), SIGKILL after stopTimeoutMs. Idempotent. */
  dispose(): Promise<void>;
}

export class RedisServerNotFoundError extends Error {
  readonly code = 'REDIS_SERVER_NOT_FOUND';
  constructor(bin: string) {
    super(
      `redis-server not found ("${bin}"). Install it (Debian/Ubuntu: apt-get install -y redis-server; ` +
        'macOS: brew install redis), point REDIS_SERVER_BIN at the binary, ' +
        'or set REDIS_URL to use an existing Redis server.',
    );
    this.name = 'RedisServerNotFoundError';
  }
}

const OUTPUT_LIMIT = 16 * 1024;
const PROBE_INTERVAL_MS = 50;
const PROBE_TIMEOUT_MS = 1_000;
/** When we picked the port ourselves, another process may grab it between our probe and redis' bind. */
const PORT_RACE_ATTEMPTS = 3;

export async function startEmbeddedRedis(opts: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const bin = opts.bin ?? 'redis-server';
  // Resolve before spawning: behind the setpriv wrapper a missing binary would only
  // show up as setpriv's exit code 127, not as a spawn ENOENT.
  const executable = await resolveExecutable(bin);
  if (!executable) throw new RedisServerNotFoundError(bin);
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });

  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await launch({ ...opts, bin, executable, dataDir, port });
    } catch (err) {
      const portRace = err instanceof StartError && err.portTaken;
      if (!portRace || opts.port !== undefined || attempt >= PORT_RACE_ATTEMPTS) throw err;
    }
  }
}

class StartError extends Error {
  /** Someone else holds the port: worth another try when the port was ours to choose. */
  readonly portTaken: boolean;
  constructor(message: string, output: string, portTaken = /Address already in use/i.test(output)) {
    super(output ? `${message}\n--- redis-server output ---\n${output.trimEnd()}` : message);
    this.name = 'EmbeddedRedisStartError';
    this.portTaken = portTaken;
  }
}

interface LaunchOptions extends EmbeddedRedisOptions {
  bin: string;
  executable: string;
  dataDir: string;
  port: number;
}

async function launch(opts: LaunchOptions): Promise<EmbeddedRedis> {
  const args = [
    '--port', String(opts.port),
    '--bind', '127.0.0.1',
    '--dir', opts.dataDir,
    '--appendonly', 'yes',
    // The AOF alone carries durability; RDB snapshots would only add fork pauses.
    '--save', '',
    '--daemonize', 'no',
    '--logfile', '',
    ...(opts.extraArgs ?? []),
  ];
  const [command, commandArgs] = withParentDeathSignal(opts.executable, args);
  const child = spawn(command, commandArgs, {
    cwd: opts.dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a Ctrl-C in the terminal reaches only the launcher, which can
    // then shut its services down while Redis is still there, and stop Redis last.
    detached: true,
  });

  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  // Keep draining for the server's whole life: a full pipe would block Redis on a log write.
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  if (child.pid === undefined) {
    const err = await spawnError;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new RedisServerNotFoundError(opts.bin);
    throw new StartError(`could not spawn ${opts.bin}: ${err.message}`, output);
  }
  const pid = child.pid;
  track(child);
  child.once('exit', () => untrack(child));

  // An embedded Redis must not decide on its own whether the parent stays alive: the
  // launcher is kept alive by its HTTP servers, and a test that forgot to dispose still
  // exits (the exit hook below then stops the server).
  child.unref();
  unrefStream(child.stdout);
  unrefStream(child.stderr);

  let disposing: Promise<void> | undefined;
  const dispose = () =>
    (disposing ??= (async () => {
      await stopChild(child, { timeoutMs: opts.stopTimeoutMs ?? 10_000 });
      untrack(child);
    })());

  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  let lastProblem = 'no answer yet';
  for (;;) {
    if (hasExited(child)) {
      untrack(child);
      const { code, signal } = await exited;
      if (code === 127 && /failed to execute/i.test(output)) throw new RedisServerNotFoundError(opts.bin);
      throw new StartError(
        `redis-server exited (${signal ?? `code ${code}`}) before it answered on port ${opts.port}`,
        output,
      );
    }
    const probe = await probeServer(opts.port);
    if (probe.ok) {
      if (probe.pid !== pid) {
        await dispose();
        throw new StartError(
          `port ${opts.port} is served by another Redis (pid ${probe.pid}), not by the one just started (pid ${pid})`,
          output,
          true,
        );
      }
      break;
    }
    lastProblem = probe.problem;
    if (Date.now() >= deadline) {
      await dispose();
      throw new StartError(
        `redis-server (pid ${pid}) did not become ready on port ${opts.port} within ` +
          `${opts.startTimeoutMs ?? 10_000} ms (last probe: ${lastProblem})`,
        output,
      );
    }
    await sleep(PROBE_INTERVAL_MS);
  }

  return { url: `redis://127.0.0.1:${opts.port}`, port: opts.port, pid, exited, dispose };
}

/**
 * Asks `INFO server` over a raw socket: ready means the server answers (not `-LOADING`
 * while it replays a large AOF) and reports our child's pid, so that a stray Redis
 * already listening on a fixed port is never mistaken for ours.
 */
function probeServer(port: number): Promise<{ ok: true; pid: number } | { ok: false; problem: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const finish = (result: { ok: true; pid: number } | { ok: false; problem: string }) => {
      socket.destroy();
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, problem: 'probe timed out' }), PROBE_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('error', (err) => finish({ ok: false, problem: err.message }));
    socket.on('data', (chunk: string) => {
      data += chunk;
      if (data.startsWith('-')) {
        const end = data.indexOf('\r\n');
        if (end >= 0) finish({ ok: false, problem: data.slice(1, end) });
        return;
      }
      const header = /^\$(\d+)\r\n/.exec(data);
      if (!header) return;
      const body = data.slice(header[0].length);
      if (Buffer.byteLength(body) < Number(header[1])) return;
      const pid = /process_id:(\d+)/.exec(body);
      finish(pid ? { ok: true, pid: Number(pid[1]) } : { ok: false, problem: 'INFO without process_id' });
    });
  });
}

/* ---------------------------------------------------------------------------------
 * Not leaving orphans behind. An orphaned redis-server keeps its port and data dir
 * and piles up across test runs, so each layer below covers what the previous cannot:
 *  - dispose(): the normal path;
 *  - process 'exit' hook: process.exit(), end of the event loop, uncaught exceptions;
 *  - SIGINT/SIGTERM/SIGHUP, only while nobody else handles them (otherwise that
 *    handler owns shutdown and ends in dispose() or process.exit());
 *  - Linux: setpriv --pdeathsig, so the kernel signals Redis even when the parent is
 *    SIGKILLed or crashes natively, where no JavaScript runs at all.
 * SIGTERM rather than SIGKILL everywhere: Redis then fsyncs the AOF and exits by itself,
 * without needing the (dying) parent to wait.
 * ------------------------------------------------------------------------------- */

const live = new Set<ChildProcess>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

function killAllSync(): void {
  for (const child of live) {
    try {
      child.kill('SIGTERM');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killAllSync();
  removeSignalHooks();
  // Re-raise with the default disposition restored, so the process dies as it would have.
  process.kill(process.pid, signal);
}

function removeSignalHooks(): void {
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

function track(child: ChildProcess): void {
  live.add(child);
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllSync);
  if (process.platform !== 'win32') for (const signal of SIGNALS) process.on(signal, onSignal);
}

function untrack(child: ChildProcess): void {
  live.delete(child);
  if (live.size > 0 || !hooksInstalled) return;
  // Listening on a signal changes what it does to the process; drop them when idle.
  hooksInstalled = false;
  process.removeListener('exit', killAllSync);
  removeSignalHooks();
}

let pdeathsigSupported: boolean | undefined;

function withParentDeathSignal(executable: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux') return [executable, args];
  // setpriv (util-linux) sets PR_SET_PDEATHSIG and execs, so the pid stays Redis' own.
  pdeathsigSupported ??= spawnSync('setpriv', ['--pdeathsig', 'TERM', 'true'], { stdio: 'ignore' }).status === 0;
  return pdeathsigSupported ? ['setpriv', ['--pdeathsig', 'TERM', executable, ...args]] : [executable, args];
}

async function resolveExecutable(bin: string): Promise<string | undefined> {
  const candidates = bin.includes('/') || bin.includes(path.sep)
    ? [path.resolve(bin)]
    : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, bin));
  for (const candidate of candidates) {
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Try the next PATH entry.
    }
  }
  return undefined;
}

/** Asks the OS for a free port. Racy by nature; startEmbeddedRedis retries if it loses. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function unrefStream(stream: unknown): void {
  if (stream && typeof (stream as { unref?: unknown }).unref === 'function') (stream as net.Socket).unref();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/* ------------------------------------------------------------------------------- */

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

/** A new client like `redis` (same server or cluster, same options), with `overrides` on each connection. */
function duplicateWith(redis: Redis, overrides: Partial<RedisOptions>): Redis {
  if (!isCluster(redis)) return redis.duplicate(overrides);
  const cluster = asCluster(redis);
  return cluster.duplicate([], { redisOptions: { ...cluster.options.redisOptions, ...overrides } }) as unknown as Redis;
}

/**
 * A connection of its own for a blocking command (XREADGROUP ... BLOCK) that
 * waits up to `blockMs` for data: the command timeout covers the wait plus the
 * usual bound, so an idle stream is not taken for a dead server while a
 * stalled one is still noticed.
 */
export function blockingConnection(redis: Redis, blockMs: number): Redis {
  const timeout = commandTimeoutOf(redis);
  return duplicateWith(redis, timeout === undefined ? {} : { commandTimeout: timeout + blockMs });
}

/**
 * A connection for SUBSCRIBE (one in subscriber mode can do nothing else), with
 * the same command timeout, so SUBSCRIBE to a stalled server fails fast. On a
 * cluster, PUBLISH reaches every node, so one subscribed node hears it all.
 */
export function subscriberConnection(redis: Redis, name?: string): Redis {
  return duplicateWith(redis, name === undefined ? {} : { connectionName: name });
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
