/**
 * The whole platform in a child process, for benchmarks.
 *
 * A load generator that shares an event loop with the servers it measures
 * measures itself too: every client callback delays a server callback, and the
 * other way round. So the stack (`stack-child.ts`, which calls the test
 * harness's `startStack`) runs in its own Node process, and the benchmark talks
 * to it over sockets like any client would. The two still share the machine's
 * cores; the table of every benchmark names the machine for that reason.
 *
 * Leaving nothing behind: the child runs in its own process group and starts a
 * redis-server (its own group too, see lib/redis/embedded.ts). `stop()` asks the
 * child to dispose (SIGTERM), kills the child's group if that takes too long,
 * then makes sure that the redis-server the child reported has exited. If this
 * process dies without calling `stop()`, the child notices its stdin closing
 * and disposes by itself; a process 'exit' hook also signals it.
 *
 * Asking the child: `stats()` reads the stack's counters (store calls per
 * method, the video coalescer, the gateway fetcher) and `seed()` writes users
 * and videos through its stores; one JSON line each way over stdin/stdout
 * (see `stack-child.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hasExited, stopChild } from '../../lib/process/childProcess.js';
import type { CoalescerStats } from '../../lib/data/coalescer.js';
import type { SeedOptions, SeededCatalog } from './seed.js';

/** The child prints this, then the JSON of `StackReady`, on one stdout line. */
export const READY_PREFIX = 'STACK_READY ';
/** The child prints this, then `{"id":..., "result":...}` or `{"id":..., "error":...}`, answering a request. */
export const REPLY_PREFIX = 'STACK_REPLY ';
/** Environment variable carrying the `startStack` overrides to the child, as JSON. */
export const STACK_ENV_VAR = 'BENCH_STACK_ENV';

type SubgraphName = 'user' | 'video' | 'chat' | 'search';

/** What the child reports once every server answers. */
export interface StackReady {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, { url: string; wsUrl: string }>;
  /** The secrets a benchmark needs to act as the gateway (internal identity) or as the user subgraph (access tokens). */
  secrets: { INTERNAL_IDENTITY_SECRET: string; JWT_ACCESS_SECRET: string };
  /** The stack's Redis, for benchmarks that inspect server-side state (pub/sub channels left open, say). */
  redisUrl: string;
  /**
   * The object store the services use (the child's embedded S3 server unless
   * S3_ENDPOINT names one), for benchmarks that compare with raw storage
   * throughput or look at what is left in the bucket.
   */
  s3: { endpoint: string; accessKey: string; secretKey: string; region: string; bucket: string };
  /** The stack's fresh data directory (SQLite files, Redis data, embedded S3 objects, search snapshot); removed on stop. */
  dataDir: string;
  /** Processes started for the stack, so that `stop()` can check they are gone. */
  pids: { child: number; redis?: number };
}

/** Counters of the running stack; they only grow (subtract two readings). */
export interface StackStats {
  /** Store calls per subgraph and method (the harness's counting stores), e.g. `counts.video.findVideosByIds`. */
  counts: Record<'user' | 'video' | 'chat', Record<string, number>>;
  /** The video subgraph's cross-request coalescer (lib/data/coalescer.ts). */
  videoLookups: CoalescerStats;
  /** The gateway's subgraph fetcher: requests sent, and requests answered by merging into one in flight. */
  gatewayFetcher: { requests: number; merged: number };
}

export interface StackProcessOptions {
  /**
   * Configuration overrides for the platform (the `env` of `startStack`), e.g.
   * `{ CHAT_SEND_LIMIT_PER_MINUTE: '1000000' }` so that a benchmark is not
   * throttled by limits meant for people.
   * @default {}
   */
  env?: Record<string, string>;
  /**
   * Extra Node flags for the child, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/prof']`
   * to profile the servers under load (Node refuses --cpu-prof in NODE_OPTIONS).
   * @default the words of $BENCH_STACK_NODE_ARGS, or none
   */
  nodeArgs?: string[];
  /** How long the child may take to start every server. @default 60_000 ms (a cold tsx compile on a small machine) */
  startTimeoutMs?: number;
  /** How long the child may take to dispose before its process group is killed. @default 20_000 ms */
  stopTimeoutMs?: number;
}

export interface StackProcess {
  gatewayUrl: string;
  chatUrl: string;
  chatWsUrl: string;
  subgraphs: StackReady['subgraphs'];
  secrets: StackReady['secrets'];
  redisUrl: string;
  s3: StackReady['s3'];
  dataDir: string;
  /** The child's pid (also its process group id). */
  pid: number;
  /** The embedded redis-server's pid, when the stack started one (its CPU time is part of what a benchmark costs). */
  redisPid?: number;
  /**
   * The child's resident memory and open file descriptors (sockets included),
   * read from /proc: what a benchmark looks at to tell a leak from a spike.
   * Undefined where /proc is not available (not Linux).
   */
  resources(): { rssBytes: number; openFds: number } | undefined;
  /** The stack's counters now. */
  stats(): Promise<StackStats>;
  /** Users and videos written through the stack's own stores. */
  seed(opts: SeedOptions): Promise<SeededCatalog>;
  /** Disposes the stack and waits until the child and its redis-server have exited. Safe to call twice. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = path.join(ROOT, 'bench', 'lib', 'stack-child.ts');
/** After the child is gone, how long its redis-server may take to follow (it got SIGTERM and fsyncs its AOF). @default 5 s */
const REDIS_EXIT_GRACE_MS = 5_000;

export async function startStackProcess(opts: StackProcessOptions = {}): Promise<StackProcess> {
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 20_000;
  const nodeArgs = opts.nodeArgs ?? (process.env.BENCH_STACK_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, [STACK_ENV_VAR]: JSON.stringify(opts.env ?? {}) },
    // stdin is the child's lifeline (end-of-file: we are gone); stdout carries the ready line.
    stdio: ['pipe', 'pipe', 'inherit'],
    // Its own process group: a Ctrl-C reaches only us, and we stop the child in order;
    // and killing the group (-pid) takes whatever the child started in it.
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) {
    const err = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`could not start the stack child: ${err.message}`);
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const onExit = () => killGroup(pid, 'SIGTERM');
  process.on('exit', onExit);

  // Known once the child is ready; stop() may run before that (a failed start).
  const reported: { redisPid?: number } = {};
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopChild(child, {
        timeoutMs: stopTimeoutMs,
        onTimeout: () => process.stderr.write(`stack child ${pid} did not stop within ${stopTimeoutMs} ms; killing its process group\n`),
        kill: () => killGroup(pid, 'SIGKILL'),
      });
      // Anything the child started in its group and left running.
      killGroup(pid, 'SIGKILL');
      if (reported.redisPid !== undefined) await reap(reported.redisPid, 'redis-server', REDIS_EXIT_GRACE_MS);
      process.removeListener('exit', onExit);
      child.stdin?.destroy();
    })());

  // One reader for the child's stdout: the ready line, then replies; anything else is passed on to stderr.
  const lines = createInterface({ input: child.stdout! });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  lines.on('line', (line) => {
    if (!line.startsWith(REPLY_PREFIX)) return;
    const reply = JSON.parse(line.slice(REPLY_PREFIX.length)) as { id: number; result?: unknown; error?: string };
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter?.reject(new Error(`stack child: ${reply.error}`));
    else waiter?.resolve(reply.result);
  });
  void exited.then(() => {
    for (const w of pending.values()) w.reject(new Error('the stack child exited'));
    pending.clear();
  });
  let nextId = 1;
  const ask = <T>(cmd: string, args?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (hasExited(child)) return reject(new Error('the stack child is not running'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.stdin!.write(`${JSON.stringify({ id, cmd, args })}\n`);
    });

  let ready: StackReady;
  try {
    ready = await readReady(child, lines, exited, startTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  if (ready.pids.redis !== undefined) reported.redisPid = ready.pids.redis;
  return {
    gatewayUrl: ready.gatewayUrl,
    chatUrl: ready.subgraphs.chat.url,
    chatWsUrl: ready.subgraphs.chat.wsUrl,
    subgraphs: ready.subgraphs,
    secrets: ready.secrets,
    redisUrl: ready.redisUrl,
    s3: ready.s3,
    dataDir: ready.dataDir,
    pid,
    ...(ready.pids.redis !== undefined ? { redisPid: ready.pids.redis } : {}),
    resources: () => resources(pid),
    stats: () => ask<StackStats>('stats'),
    seed: (o) => ask<SeededCatalog>('seed', o),
    stop,
  };
}

/** Waits for the ready line; stdout lines that are neither it nor a reply are passed on to our stderr (then and later). */
function readReady(child: ChildProcess, lines: ReturnType<typeof createInterface>, exited: Promise<void>, timeoutMs: number): Promise<StackReady> {
  return new Promise<StackReady>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`the stack child did not report ready within ${timeoutMs} ms`))), timeoutMs);
    lines.on('line', (line) => {
      if (line.startsWith(REPLY_PREFIX)) return;
      if (!line.startsWith(READY_PREFIX)) {
        process.stderr.write(`[stack] ${line}\n`);
        return;
      }
      try {
        const parsed = JSON.parse(line.slice(READY_PREFIX.length)) as StackReady;
        settle(() => resolve(parsed));
      } catch (err) {
        settle(() => reject(new Error(`unreadable ready line from the stack child: ${String(err)}`)));
      }
    });
    void exited.then(() => settle(() => reject(new Error(`the stack child exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready; its stderr is above`))));
  });
}

function resources(pid: number): { rssBytes: number; openFds: number } | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const rssKiB = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { rssBytes: Number(rssKiB ?? 0) * 1024, openFds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return undefined;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is empty, which is what we want.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Still the process we started? On Linux the command line says; elsewhere we trust the pid for these few seconds. */
function isProcess(pid: number, name: string): boolean {
  if (process.platform !== 'linux') return alive(pid);
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return false;
  }
}

/** Waits for a process the child started to exit by itself, and kills it if it does not. */
async function reap(pid: number, name: string, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (isProcess(pid, name) && Date.now() < deadline) await sleep(50);
  if (!isProcess(pid, name)) return;
  process.stderr.write(`${name} (pid ${pid}) outlived the stack child by ${graceMs} ms; killing it\n`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone in the meantime.
  }
  while (isProcess(pid, name)) await sleep(50);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
