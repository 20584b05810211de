/**
 * The gateway on several cores (GATEWAY_WORKERS).
 *
 * One Node process runs JavaScript on one core. With more than one worker,
 * gateway/main.ts becomes a node:cluster primary that forks that many workers,
 * each running the whole gateway (`startGateway`) on the shared GATEWAY_PORT;
 * the primary accepts connections and hands them to the workers in turn. It
 * serves no GraphQL itself: it owns the metrics listener (GATEWAY_METRICS_PORT,
 * the workers' registries summed), replaces a worker that dies, and on SIGTERM
 * or SIGINT stops every worker the way a lone gateway stops
 * (lib/process/runtime.ts) before it exits.
 *
 * Everything a gateway keeps in memory is per worker: its Redis connections and
 * revocation subscription, its graphql-ws sockets (a socket stays on the worker
 * that accepted it), in-flight request merging. What must be shared (rate
 * limits, revocations, sessions) already lives in Redis.
 */
import cluster, { type Worker } from 'node:cluster';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { metricsPort, type Config } from '../lib/config.js';
import { ServiceMetrics, serveClusterMetrics, type MetricsServer } from '../lib/observability/metrics.js';
import type { Logger } from '../lib/observability/logger.js';
import { SHUTDOWN_TIMEOUT_MS } from '../lib/process/startup.js';

/** First wait before a worker that died is replaced; it doubles with each death in the last RESTART_WINDOW_MS. @default 500 ms */
const RESTART_BACKOFF_MS = 500;
/** Longest wait before a replacement. @default 30 s */
const RESTART_BACKOFF_MAX_MS = 30_000;
/** Deaths further back than this no longer lengthen the wait. @default 60 s */
const RESTART_WINDOW_MS = 60_000;
/** The primary's own bound on a stop: the workers' limit (SHUTDOWN_TIMEOUT_MS) and time for their exits to be reported. @default 12 s */
const PRIMARY_SHUTDOWN_MS = SHUTDOWN_TIMEOUT_MS + 2_000;

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function cpusOfQuota(quota: string | undefined, period: string | undefined): number | undefined {
  if (quota === undefined || quota === 'max') return undefined;
  const q = Number(quota);
  const p = Number(period);
  // cgroup v1 writes -1 for "no quota".
  return q > 0 && p > 0 ? q / p : undefined;
}

/**
 * The CPU quota of this process's cgroup, in CPUs (1.5 for a Kubernetes limit of
 * 1500m), or undefined when none is set. cgroup v2: `cpu.max` ("max 100000" is
 * no quota); v1: `cpu.cfs_quota_us` / `cpu.cfs_period_us` under `cpu/` or
 * `cpu,cpuacct/`. `root` is where the hierarchy is mounted (a container sees its
 * own cgroup there).
 */
export function cgroupCpuQuota(root = '/sys/fs/cgroup'): number | undefined {
  const v2 = readOptional(path.join(root, 'cpu.max'));
  if (v2 !== undefined) {
    const [quota, period] = v2.split(/\s+/);
    return cpusOfQuota(quota, period);
  }
  for (const controller of ['cpu', 'cpu,cpuacct']) {
    const quota = readOptional(path.join(root, controller, 'cpu.cfs_quota_us'));
    if (quota !== undefined) return cpusOfQuota(quota, readOptional(path.join(root, controller, 'cpu.cfs_period_us')));
  }
  return undefined;
}

/**
 * The CPUs this process may really use: os.availableParallelism() (the CPUs it
 * may be scheduled on) capped by the cgroup CPU quota, rounded down (a worker
 * on half a CPU is throttled rather than faster), at least 1.
 */
export function usableCpus(opts: { cgroupRoot?: string; parallelism?: number } = {}): number {
  const parallelism = opts.parallelism ?? os.availableParallelism();
  const quota = cgroupCpuQuota(opts.cgroupRoot);
  return Math.max(1, Math.floor(quota === undefined ? parallelism : Math.min(parallelism, quota)));
}

/** GATEWAY_WORKERS as a count: `auto` is usableCpus(). */
export function gatewayWorkerCount(setting: Config['GATEWAY_WORKERS']): number {
  return setting === 'auto' ? usableCpus() : setting;
}

/**
 * Runs the cluster primary: the metrics listener, `count` workers (this same
 * entry, which runs the gateway when it is a worker), replacements for workers
 * that die, and the stop. Exits the process when the gateway has stopped: 0
 * when every worker stopped cleanly, 1 otherwise.
 */
export async function runGatewayPrimary(config: Config, log: Logger, count: number): Promise<void> {
  // The primary's own series, after the workers' sum: how many workers there should be and how many serve.
  const own = new ServiceMetrics('gateway', { processMetrics: false });
  own.gauge('vidhub_gateway_workers', 'Gateway workers the primary keeps running (GATEWAY_WORKERS).').set(count);
  const listeningGauge = own.gauge('vidhub_gateway_workers_listening', 'Gateway workers serving the port now (fewer than vidhub_gateway_workers while one is being replaced).');
  let metrics: MetricsServer;
  try {
    metrics = await serveClusterMetrics('gateway', config.HOST, metricsPort(config, 'gateway'), log, own.registry);
  } catch (err) {
    log.fatal({ err }, 'gateway failed to start');
    process.exit(1);
  }
  // Workers learn the port actually bound (GATEWAY_METRICS_PORT=0 picks one) for the metricsUrl they report.
  const workerEnv = { GATEWAY_METRICS_PORT: String(metrics.port) };
  let stopping = false;
  let served = false;
  let failed = false;
  const deaths: number[] = [];
  const pendingRestarts = new Set<NodeJS.Timeout>();
  // Ours, not cluster.workers: a worker can leave that list after its 'exit' event.
  const alive = new Set<Worker>();
  const listening = new Set<Worker>();

  const fork = (): Worker => {
    const worker = cluster.fork(workerEnv);
    alive.add(worker);
    log.info({ worker: worker.id, pid: worker.process.pid }, 'gateway worker started');
    return worker;
  };

  const finish = async () => {
    if (alive.size > 0) return;
    await metrics.close();
    log.info(`gateway stopped (${count} workers)`);
    process.exit(failed ? 1 : 0);
  };

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: reason }, 'gateway shutting down');
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    setTimeout(() => {
      log.error(`gateway workers did not stop within ${PRIMARY_SHUTDOWN_MS} ms; killing them`);
      for (const worker of alive) worker.process.kill('SIGKILL');
      process.exit(1);
    }, PRIMARY_SHUTDOWN_MS).unref();
    // Each worker drains as a lone gateway does on SIGTERM (lib/process/runtime.ts).
    for (const worker of alive) worker.process.kill('SIGTERM');
    void finish();
  };

  cluster.on('listening', (worker) => {
    served = true;
    listening.add(worker);
    listeningGauge.set(listening.size);
  });
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    listening.delete(worker);
    listeningGauge.set(listening.size);
    if (stopping) {
      // Killed by our SIGTERM: a worker still starting has no handler yet, and stops as a lone gateway would then.
      if (code !== 0 && signal !== 'SIGTERM') {
        failed = true;
        log.error({ worker: worker.id, pid: worker.process.pid, code, signal }, 'gateway worker did not stop cleanly');
      }
      void finish();
      return;
    }
    if (!served) {
      // Not one worker got as far as listening: the next would fail the same way.
      failed = true;
      log.fatal({ worker: worker.id, pid: worker.process.pid, code, signal }, 'gateway worker failed to start');
      stop('start-up failed');
      return;
    }
    const now = Date.now();
    while (deaths.length && deaths[0]! < now - RESTART_WINDOW_MS) deaths.shift();
    deaths.push(now);
    const delay = Math.min(RESTART_BACKOFF_MAX_MS, RESTART_BACKOFF_MS * 2 ** (deaths.length - 1));
    log.error({ worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: delay }, 'gateway worker died; replacing it');
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    pendingRestarts.add(timer);
  });

  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // Started by the launcher with an IPC channel: stop when the launcher is gone, as a lone gateway does.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => stop('launcher gone'));
  }
  log.info({ workers: count, metrics: metrics.url }, `gateway starting ${count} workers`);
  for (let i = 0; i < count; i++) fork();
}
