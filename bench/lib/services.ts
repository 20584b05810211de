/**
 * The platform as a deployment runs it, for benchmarks that compare gateways:
 * every service in a process of its own (as `npm start` and the Dockerfile run
 * them), so that a gateway and the subgraphs it calls do not share an event
 * loop, and a gateway can be restarted with other settings (or with
 * `--cpu-prof`) while the subgraphs and their data stay.
 *
 * Unlike `stack-process.ts` (the test harness's whole stack in ONE child),
 * this starts:
 * - the embedded infrastructure in this process (`startEmbeddedInfra`): a
 *   redis-server child (which dies with us: parent-death signal) and the
 *   in-process S3 server, idle during a read benchmark;
 * - seed data written through the stores before any service opens them;
 * - the four subgraph mains, then on demand our gateway's main or Hive
 *   Gateway's CLI, each with `service-preload.mjs` (request counter over IPC,
 *   and a lifeline: it stops when this process goes away).
 *
 * The services run from a compiled copy (`bench/tsconfig.services.json`,
 * output in bench/.work/build, git-ignored), as in production, unless
 * `runtime: 'tsx'` is asked for. Secrets are generated here and passed in
 * the environment, so the benchmark can mint access tokens and internal
 * identities that the services accept. The environment of the services is
 * built from scratch (PATH and HOME only from ours): a stray DATA_DIR or
 * MONGODB_URI in the caller's shell must not change what is measured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild } from '../../lib/process/childProcess.js';
import { loadConfig, SUBGRAPHS, type SubgraphName } from '../../lib/config.js';
import { startEmbeddedInfra, type EmbeddedInfra } from '../../lib/process/embedded.js';
import { createLogger } from '../../lib/observability/logger.js';
import { NODE_FLAGS } from '../../lib/process/nodeFlags.js';
import { createUserStores } from '../../subgraphs/user/store/index.js';
import { createVideoStores } from '../../subgraphs/video/store/index.js';
import { findPid } from './machine.js';
import { ROOT } from './peers.js';
import { seedCatalog, type SeedOptions, type SeededCatalog } from './seed.js';
import { freePort } from '../../lib/redis/embedded.js';
export { freePort };

/** How long a service may take to answer its readiness check. @default 60 s */
const READY_TIMEOUT_MS = 60_000;
/** How long a service may take to stop after SIGTERM before its process group is killed. @default 15 s (services force themselves out at 10 s) */
const STOP_TIMEOUT_MS = 15_000;
/** Lines of a service's output kept to explain a failed start. */
const OUTPUT_LINES_KEPT = 40;

const BUILD_DIR = path.join(ROOT, 'bench', '.work', 'build');
const PRELOAD = path.join(ROOT, 'bench', 'lib', 'service-preload.mjs');

export type Runtime = 'compiled' | 'tsx';

export interface ServiceProcess {
  name: string;
  pid: number;
  /** The GraphQL endpoint. */
  url: string;
  /** HTTP requests this process has started serving so far (the preload's counter). */
  requests(): Promise<number>;
  /** The preload's counter with the process's JS heap and active resources by type (read inside it, over IPC). */
  stats(): Promise<ServiceStats>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the process group's SIGKILL if it takes too long. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServiceStats {
  requests: number;
  /** `process.memoryUsage()` of the service, bytes. */
  memory: NodeJS.MemoryUsage;
  /** `process.getActiveResourcesInfo()` counted by type, e.g. `{ TCPSocketWrap: 502, Timeout: 9 }`. */
  resources: Record<string, number>;
}

export interface PlatformOptions {
  seed: SeedOptions;
  /** Extra variables for every service (and for loading the config here). */
  env?: Record<string, string>;
  /** @default 'compiled' */
  runtime?: Runtime;
  /** Extra Node flags per subgraph, e.g. `--cpu-prof` to see where a subgraph spends its time. */
  subgraphNodeArgs?: (name: SubgraphName) => string[];
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /**
   * Forward the services' own output (LOG_LEVEL=warn) to stderr. Off by default:
   * when a load run ends, autocannon closes its connections with requests in
   * flight and our gateway logs a warning for each. The last lines are kept
   * anyway and shown if a service fails to start. @default false
   */
  forwardOutput?: boolean;
}

export interface Secrets {
  INTERNAL_IDENTITY_SECRET: string;
  JWT_ACCESS_SECRET: string;
  JWT_REFRESH_SECRET: string;
}

export interface HiveOptions {
  /** Path of Hive Gateway's CLI entry (`peers.ts`). */
  bin: string;
  /** Hive's `deduplicateInflightRequests` (its default is on). */
  dedupe: boolean;
  /** Plan with Hive Router's Rust query planner (`@graphql-hive/router-runtime`, HIVE_ROUTER_RUNTIME=true). @default false */
  routerRuntime?: boolean;
  nodeArgs?: string[];
}

export interface GrafbaseOptions {
  /** Path of the Grafbase CLI binary (`peers.ts`). */
  bin: string;
  /** `traffic_shaping.inflight_deduplication` (its default is on). */
  dedupe: boolean;
}

export interface Platform {
  dataDir: string;
  secrets: Secrets;
  redisUrl: string;
  /** The embedded redis-server's pid (its CPU is part of what our gateway costs: a revocation check per request). */
  redisPid?: number;
  catalog: SeededCatalog;
  subgraphs: Record<SubgraphName, ServiceProcess>;
  /**
   * Our gateway (gateway/main), with extra variables such as GATEWAY_MERGE_INFLIGHT and Node flags such as --cpu-prof.
   * One process (GATEWAY_WORKERS=1) unless `env` says otherwise; a cluster is ready once every worker serves.
   */
  startGateway(opts?: { env?: Record<string, string>; nodeArgs?: string[] }): Promise<ServiceProcess>;
  /** Hive Gateway on a copy of schema/supergraph.graphql pointing at this platform's subgraphs. */
  startHive(opts: HiveOptions): Promise<ServiceProcess>;
  /** The Grafbase gateway (`grafbase dev`), composing the subgraphs' schema files itself, pointed at this platform's subgraphs. */
  startGrafbase(opts: GrafbaseOptions): Promise<ServiceProcess>;
  /** Requests each subgraph has served so far. */
  subgraphRequests(): Promise<Record<SubgraphName, number>>;
  /** Stops every service started here (gateways first), then the infrastructure, and removes the data directory. */
  stop(): Promise<void>;
}

/** Compiles the services into bench/.work/build (incremental: seconds when nothing changed). */
export function buildServices(log: (line: string) => void = () => {}): void {
  log('compiling the services into bench/.work/build (tsc, incremental)');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'bench', 'tsconfig.services.json')], {
    cwd: ROOT,
    stdio: ['ignore', 2, 'inherit'],
  });
  // Type errors elsewhere in a tree being edited do not stop tsc from emitting; a missing entry does stop us.
  const missing = ['gateway', ...SUBGRAPHS].map((name) => entryOf(name)).filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`tsc (exit ${r.status}) did not produce ${missing.join(', ')}`);
  if (r.status !== 0) log(`tsc exited ${r.status} (type errors above); the emitted JavaScript is used anyway`);
}

function entryOf(name: string, runtime: Runtime = 'compiled'): string {
  const rel = name === 'gateway' ? 'gateway/main' : `subgraphs/${name}/main`;
  return runtime === 'compiled' ? path.join(BUILD_DIR, `${rel}.js`) : path.join(ROOT, `${rel}.ts`);
}


const running = new Set<ChildProcess>();
let exitHookInstalled = false;
/** Last resort if the benchmark exits without stopping: the services' process groups get SIGKILL. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
  });
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

interface SpawnSpec {
  name: string;
  /** What to run. @default this Node binary (the service then has the preload's IPC channel for stats) */
  command?: string;
  args: string[];
  env: Record<string, string>;
  url: string;
  /** Resolves true once the service can take requests. */
  ready: () => Promise<boolean>;
  forwardOutput: boolean;
}

async function spawnService(spec: SpawnSpec): Promise<ServiceProcess> {
  installExitHook();
  const child = spawn(spec.command ?? process.execPath, spec.args, {
    cwd: ROOT,
    env: spec.env,
    stdio: spec.command ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a Ctrl-C reaches only the benchmark, which stops the services in order.
    detached: true,
  });
  if (child.pid === undefined) {
    const err = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`could not start ${spec.name}: ${err.message}`);
  }
  const pid = child.pid;
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const tail: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > OUTPUT_LINES_KEPT) tail.shift();
      if (spec.forwardOutput) process.stderr.write(`[${spec.name}] ${line}\n`);
    });
  }

  let nextId = 1;
  const pending = new Map<number, (s: ServiceStats) => void>();
  child.on('message', (m: Partial<ServiceStats> & { type?: string; id?: number }) => {
    if (m?.type === 'stats' && typeof m.id === 'number') {
      pending.get(m.id)?.({ requests: m.requests ?? Number.NaN, memory: m.memory ?? { rss: Number.NaN, heapTotal: Number.NaN, heapUsed: Number.NaN, external: Number.NaN, arrayBuffers: Number.NaN }, resources: m.resources ?? {} });
      pending.delete(m.id);
    }
  });
  const stats = () =>
    new Promise<ServiceStats>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${spec.name} is not running`));
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ type: 'stats', id });
      setTimeout(() => {
        if (pending.delete(id)) reject(new Error(`${spec.name} did not report its request count`));
      }, 5_000).unref();
    });
  const requests = async () => (await stats()).requests;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopChild(child, {
        timeoutMs: STOP_TIMEOUT_MS,
        onTimeout: () => process.stderr.write(`${spec.name} (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS} ms; killing its process group\n`),
        kill: () => killGroup(pid, 'SIGKILL'),
      });
      // Anything it started in its group and left behind.
      killGroup(pid, 'SIGKILL');
    })());

  const service: ServiceProcess = { name: spec.name, pid, url: spec.url, requests, stats, exited, stop };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited (${child.signalCode ?? `code ${child.exitCode}`}) during start-up; its last output:\n${tail.join('\n')}`);
    }
    if (await spec.ready().catch(() => false)) return service;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} was not ready within ${READY_TIMEOUT_MS / 1000} s; its last output:\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.ok;
}

/** A gateway cluster's primary reports as many workers serving as it keeps (gateway/workers.ts); a lone gateway has neither series. */
async function allWorkersListening(metricsPort: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const value = (name: string) => new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1];
  const workers = value('vidhub_gateway_workers');
  return res.ok && (workers === undefined || workers === value('vidhub_gateway_workers_listening'));
}

/** The supergraph with each subgraph's `@join__graph(url:)` replaced; nothing else changes. */
export function supergraphWithUrls(sdl: string, urls: Record<string, string>): string {
  let replaced = 0;
  const out = sdl.replace(/(@join__graph\(name: "([^"]+)", url: ")[^"]*(")/g, (match, head: string, name: string, tail: string) => {
    const url = urls[name];
    if (!url) return match;
    replaced++;
    return `${head}${url}${tail}`;
  });
  if (replaced !== Object.keys(urls).length) throw new Error(`expected to replace ${Object.keys(urls).length} subgraph URLs in the supergraph, replaced ${replaced}`);
  return out;
}

/**
 * Hive Gateway's configuration: forward the client's own `x-internal-identity`
 * to every subgraph (what a deployment that already holds a per-user upstream
 * credential would do), and turn in-flight deduplication off when asked.
 */
function hiveConfig(supergraphPath: string, dedupe: boolean): string {
  return `// Written by bench/lib/services.ts for one benchmark run.
export const gatewayConfig = {
  supergraph: ${JSON.stringify(supergraphPath)},
  logging: 'warn',
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const identity = request.headers.get('x-internal-identity');
      return identity ? { 'x-internal-identity': identity } : {};
    },
  },
${dedupe ? '' : `  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },\n`}};
`;
}

/**
 * The Grafbase gateway's configuration: each subgraph's URL and schema file
 * (it composes them itself), the client's `x-internal-identity` forwarded to
 * every subgraph as for Hive, in-flight deduplication as asked, and no entity
 * or operation-result caching (both are off unless configured).
 */
function grafbaseConfig(urls: Record<SubgraphName, string>, dedupe: boolean): string {
  const subgraphs = SUBGRAPHS.map((name) => `[subgraphs.${name}]\nurl = ${JSON.stringify(urls[name])}\nschema_path = ${JSON.stringify(path.join(ROOT, 'schema', `${name}.graphql`))}\n`).join('\n');
  return `# Written by bench/lib/services.ts for one benchmark run.
[traffic_shaping]
inflight_deduplication = ${dedupe}

[[headers]]
rule = "forward"
name = "x-internal-identity"

${subgraphs}`;
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const log = opts.log ?? (() => {});
  const runtime = opts.runtime ?? 'compiled';
  const forwardOutput = opts.forwardOutput ?? false;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-bench-'));
  const secrets: Secrets = {
    INTERNAL_IDENTITY_SECRET: randomBytes(32).toString('hex'),
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
  };
  const ports = { GATEWAY_PORT: 0, USER_PORT: await freePort(), VIDEO_PORT: await freePort(), CHAT_PORT: await freePort(), SEARCH_PORT: await freePort() };
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...secrets,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    // Metrics listeners on free ports: a benchmark never collides with a running stack.
    GATEWAY_METRICS_PORT: '0',
    USER_METRICS_PORT: '0',
    VIDEO_METRICS_PORT: '0',
    CHAT_METRICS_PORT: '0',
    SEARCH_METRICS_PORT: '0',
    ...opts.env,
  };

  const started: ServiceProcess[] = [];
  let infra: EmbeddedInfra | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Gateways were pushed after the subgraphs: stop in reverse, so nothing calls a stopped subgraph.
      const gateways = started.filter((s) => !SUBGRAPHS.includes(s.name as SubgraphName));
      await Promise.all(gateways.map((s) => s.stop()));
      await Promise.all(started.map((s) => s.stop()));
      await infra?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    infra = await startEmbeddedInfra(loadConfig(baseEnv), createLogger('bench-infra', 'warn'));
    const env = { ...baseEnv, ...infra.env };
    const config = loadConfig(env);
    log(`seeding ${opts.seed.users} users and ${opts.seed.videos} videos through the stores`);
    const [userStores, videoStore] = await Promise.all([createUserStores(config), createVideoStores(config)]);
    let catalog: SeededCatalog;
    try {
      catalog = await seedCatalog(userStores.users, videoStore.videos, opts.seed);
    } finally {
      await Promise.all([userStores.dispose(), videoStore.dispose()]);
    }

    const preloadArgs = runtime === 'tsx' ? ['--import', 'tsx', '--import', PRELOAD] : ['--import', PRELOAD];
    const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[`${name.toUpperCase()}_PORT` as keyof typeof ports]}/graphql`;
    const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphUrl(n)])) as Record<SubgraphName, string>;
    log(`starting the subgraphs (${runtime}), each in its own process`);
    const subgraphs = Object.fromEntries(
      await Promise.all(
        SUBGRAPHS.map(async (name) => {
          const s = await spawnService({
            name,
            args: [...(opts.subgraphNodeArgs?.(name) ?? []), ...preloadArgs, entryOf(name, runtime)],
            env,
            url: urls[name],
            ready: () => httpOk(new URL('/ready', urls[name]).href),
            forwardOutput,
          });
          started.push(s);
          return [name, s] as const;
        }),
      ),
    ) as Record<SubgraphName, ServiceProcess>;

    const supergraphPath = path.join(dataDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, supergraphWithUrls(readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'), urls));

    let hiveRuns = 0;
    let grafbaseRuns = 0;
    const redisPid = findPid(['redis-server', `:${new URL(env.REDIS_URL!).port}`]);
    return {
      dataDir,
      secrets,
      redisUrl: env.REDIS_URL!,
      ...(redisPid !== undefined ? { redisPid } : {}),
      catalog,
      subgraphs,
      subgraphRequests: async () => Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (n) => [n, await subgraphs[n].requests()] as const))) as Record<SubgraphName, number>,
      startGateway: async (o = {}) => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/graphql`;
        const gatewayEnv = { ...env, GATEWAY_WORKERS: '1', ...o.env, GATEWAY_PORT: String(port) };
        // A cluster's metrics port says when every worker serves; one given in `env` is kept (a benchmark reading the metrics).
        const metricsPort = gatewayEnv.GATEWAY_WORKERS === '1' ? undefined : o.env?.GATEWAY_METRICS_PORT ? Number(o.env.GATEWAY_METRICS_PORT) : await freePort();
        const s = await spawnService({
          name: 'gateway',
          args: [...NODE_FLAGS.gateway, ...(o.nodeArgs ?? []), ...preloadArgs, entryOf('gateway', runtime)],
          env: { ...gatewayEnv, ...(metricsPort ? { GATEWAY_METRICS_PORT: String(metricsPort) } : {}) },
          url,
          ready: async () => (await httpOk(new URL('/ready', url).href)) && (metricsPort === undefined || (await allWorkersListening(metricsPort))),
          forwardOutput,
        });
        started.push(s);
        return s;
      },
      startHive: async (o) => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/graphql`;
        const configPath = path.join(dataDir, `hive-${++hiveRuns}.config.mjs`);
        writeFileSync(configPath, hiveConfig(supergraphPath, o.dedupe));
        const s = await spawnService({
          name: 'hive',
          // --fork 1: one process, as ours (Hive forks a worker per core when asked to).
          args: [...(o.nodeArgs ?? []), '--import', PRELOAD, o.bin, 'supergraph', supergraphPath, '--config-path', configPath, '--host', '127.0.0.1', '--port', String(port), '--fork', '1'],
          env: { PATH: baseEnv.PATH!, HOME: baseEnv.HOME!, NODE_ENV: 'production', ...(o.routerRuntime ? { HIVE_ROUTER_RUNTIME: 'true' } : {}) },
          url,
          ready: () => httpOk(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
          forwardOutput,
        });
        started.push(s);
        return s;
      },
      startGrafbase: async (o) => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/graphql`;
        const configPath = path.join(dataDir, `grafbase-${++grafbaseRuns}.toml`);
        writeFileSync(configPath, grafbaseConfig(urls, o.dedupe));
        const s = await spawnService({
          name: 'grafbase',
          command: o.bin,
          args: ['dev', '--config', configPath, '--listen-address', `127.0.0.1:${port}`],
          // Its own HOME: `grafbase dev` keeps state there (no account is used, nothing is downloaded).
          env: { PATH: baseEnv.PATH!, HOME: path.join(dataDir, 'grafbase-home'), NO_COLOR: '1', GRAFBASE_DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1' },
          url,
          ready: () => httpOk(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
          forwardOutput,
        });
        started.push(s);
        return s;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
