/**
 * The embedded `redis-server` child process.
 *
 * With `REDIS_URL` unset, the launcher and the tests run a real `redis-server` (the
 * Debian package) instead of an in-memory fake: streams, consumer groups, pub/sub and
 * Lua behave exactly as in production, and a fake that drifts from Redis would make the
 * tests lie. The child gets its own data directory and an append-only file, so state
 * survives a restart of the launcher just as it would with a real server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants as fsConstants, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
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

/**
 * A free port to listen on, picked below the kernel's range for the local
 * ports of outgoing connections (/proc/sys/net/ipv4/ip_local_port_range):
 * a port `listen(0)` found free comes from that range, and before the
 * service binds it a client socket (a benchmark opens 1,000) may take it as
 * its local port, so the service fails with EADDRINUSE at start-up (seen in
 * a chat benchmark run, 2026-12-04).
 *
 * Between this answer and the caller's bind the port is only known to be
 * free, not held, and every process of the test suite picks ports this way
 * at once (a launcher's chat lost its port to another test file's pick in a
 * CI run, 2026-12-04). So each pick is also claimed machine-wide (see
 * `claimPort`): no two callers get the same port within CLAIM_TTL_MS.
 *
 * `offsets`: the server will also listen on port + each offset (a Redis
 * Cluster node's bus, +10000); those ports are checked and claimed too, and
 * stay below the outgoing range as well. Falls back to `listen(0)` when no
 * such port is found (only without offsets). startEmbeddedRedis still
 * retries if it loses a race against a listener that does not claim.
 */
export async function freePort(offsets: readonly number[] = []): Promise<number> {
  const top = ephemeralLow() - Math.max(0, ...offsets);
  for (let attempt = 0; attempt < 50 && top > 10_000; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * (top - 10_000));
    const ports = [port, ...offsets.map((offset) => port + offset)];
    if (!ports.every(claimPort)) continue;
    if ((await Promise.all(ports.map(canListen))).every(Boolean)) return port;
  }
  if (offsets.length > 0) throw new Error(`no free port p with p + ${offsets.join(', p + ')} free below ${ephemeralLow()}`);
  return anyFreePort();
}

const CLAIMS_DIR = path.join(os.tmpdir(), 'vidhub-port-claims');
/** Longer than any service takes from being given a port to listening on it, on a loaded machine. */
const CLAIM_TTL_MS = 10 * 60_000;

/**
 * Claims `port` for this caller, across every process on the machine, by
 * creating a file named after it (exclusive create is atomic); a claim older
 * than CLAIM_TTL_MS is taken over. Where no claim file can be written (a
 * read-only or foreign temp directory) the port counts as claimed and the
 * listen check alone decides, as before claims existed.
 */
function claimPort(port: number): boolean {
  const file = path.join(CLAIMS_DIR, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(file, 'wx'));
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        try {
          mkdirSync(CLAIMS_DIR, { recursive: true });
        } catch {
          return true;
        }
        continue;
      }
      if (code !== 'EEXIST') return true;
      try {
        if (Date.now() - statSync(file).mtimeMs < CLAIM_TTL_MS) return false;
        unlinkSync(file);
      } catch {
        // Taken over or removed meanwhile: the next create decides.
      }
    }
  }
  return false;
}

/** Whether a server could listen on `port` (127.0.0.1) just now. */
export function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first port of the range the kernel gives outgoing connections (Linux's default, 32768, where it cannot be read). */
function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/** A port the OS says is free now (from the ephemeral range). */
function anyFreePort(): Promise<number> {
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
