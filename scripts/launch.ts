/**
 * The launcher behind `npm start`: embedded infrastructure for every variable
 * left unset, then the four subgraphs and the gateway as separate processes
 * (as in production), each awaited on `/ready`.
 *
 * It supervises what it started: a service or the embedded redis-server that
 * crashes after it was ready is started again with backoff (scripts/supervisor.ts),
 * redis-server on the same port and data, so the others carry on. SIGINT,
 * SIGTERM or SIGHUP, or its parent going away (the IPC channel from
 * scripts/start.mjs closing), stops the services first, then the
 * infrastructure; nothing is left running.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { hasExited, stopChild } from '../lib/process/childProcess.js';
import { SUBGRAPHS, metricsUrl, serviceConfig, subgraphUrl, type ServiceConfig } from '../lib/config.js';
import { startEmbeddedInfra } from '../lib/process/embedded.js';
import type { EmbeddedRedis } from '../lib/redis/embedded.js';
import { createLogger } from '../lib/observability/logger.js';
import { NODE_FLAGS } from '../lib/process/nodeFlags.js';
import { ROOT } from '../lib/process/paths.js';
import { loadConfigOrExit } from '../lib/process/runtime.js';
import { Supervisor, type ExitInfo, type Running, type Unit } from './supervisor.js';

/**
 * How long a service may take to become ready. A service that exits is
 * reported at once; this only bounds one that runs but never gets ready. Five
 * services loading at once on a machine whose cores are busy with other work
 * took more than a minute, so the bound is generous. @default 300 s
 */
const READY_TIMEOUT_MS = 300_000;
/** How long a service may take to stop before SIGKILL. @default 12 s (services force themselves out at 10 s) */
const STOP_TIMEOUT_MS = 12_000;
/**
 * Whatever happens while stopping (a stop that hangs), the launcher exits after this.
 * @default 45 s (the gateway, then the subgraphs, then redis-server, each bounded)
 */
const SHUTDOWN_DEADLINE_MS = 45_000;
const REDIS_UNIT = 'redis-server';

const started = Date.now();
const config = loadConfigOrExit('launcher');
const log = createLogger('launcher', config.LOG_LEVEL);
let stopping: Promise<void> | undefined;

function entry(name: string): string {
  return path.join(ROOT, 'dist', name === 'gateway' ? 'gateway/main.js' : `subgraphs/${name}/main.js`);
}

async function waitReady(name: string, url: string, exited: Promise<ExitInfo>, signal: AbortSignal): Promise<void> {
  let exit: ExitInfo | undefined;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (signal.aborted) throw new Error(`${name} was stopped while starting`);
    if (exit) throw new Error(`${name} exited during start-up (${exit.signal ?? `code ${exit.code}`})`);
    try {
      const res = await fetch(new URL('/ready', url), { signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** One of the five services as a supervised unit: spawned, then awaited on /ready. */
function serviceUnit(name: string, url: string): Unit {
  return {
    name,
    async start(signal) {
      const flags = NODE_FLAGS[name === 'gateway' ? 'gateway' : 'subgraph'];
      const child = spawn(process.execPath, ['--enable-source-maps', ...flags, entry(name)], {
        env,
        // The IPC channel closes when the launcher dies, even by SIGKILL: services
        // watch it (lib/process/runtime.ts) and stop rather than keep their ports.
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Own process group: a Ctrl-C in the terminal reaches only the launcher,
        // which stops the gateway before the subgraphs it calls, and does not take
        // a service stopping on its own signal for a crash.
        detached: true,
      });
      const exited = new Promise<ExitInfo>((resolve) => {
        child.once('exit', (code, sig) => resolve({ code, signal: sig }));
        child.once('error', (err) => {
          log.error({ err, unit: name }, `could not start ${name}`);
          if (child.pid === undefined) resolve({ code: null, signal: null });
        });
      });
      const stop = async () => {
        await stopChild(child, { timeoutMs: STOP_TIMEOUT_MS, onTimeout: () => log.warn(`${name} did not stop in time; killing it`) });
        await exited;
      };
      try {
        await waitReady(name, url, exited, signal);
      } catch (err) {
        // Stopped on purpose: the usual way. Not ready in time: it will not get better.
        if (signal.aborted) await stop();
        else {
          if (!hasExited(child)) child.kill('SIGKILL');
          await exited;
        }
        throw err;
      }
      return { pid: child.pid!, exited, stop };
    },
  };
}

function redisRunning(server: EmbeddedRedis): Running {
  return { pid: server.pid, exited: server.exited, stop: () => server.dispose() };
}

const infra = await startEmbeddedInfra(config, log).catch((err: Error) => {
  log.fatal(err.message);
  process.exit(1);
});
// One gateway process unless GATEWAY_WORKERS is set: every service shares this one
// machine, and each gateway worker costs a whole Node process's memory.
const env = { GATEWAY_WORKERS: '1', ...process.env, ...infra.env };
// Stage two (lib/config.ts): what the services need, with what the embedded
// infrastructure filled in. Children check the same; fail here first with one clear message.
let childConfig: ServiceConfig;
try {
  childConfig = serviceConfig(config, infra.env);
} catch (err) {
  log.fatal((err as Error).message);
  await infra.dispose();
  process.exit(1);
}

const supervisor = new Supervisor({
  log,
  // The supervisor has logged why; restarting more would only hide the problem.
  onGiveUp: () => {
    log.fatal('stopping everything');
    void shutdown(1);
  },
});

async function stopEverything(): Promise<void> {
  log.info('stopping services');
  supervisor.close();
  // The gateway first, so no request reaches a stopping subgraph.
  await supervisor.stop('gateway');
  await Promise.all(SUBGRAPHS.map((name) => supervisor.stop(name)));
  // Redis after the services that use it, then the rest of the infrastructure.
  await supervisor.stop(REDIS_UNIT);
  await infra.dispose();
  log.info('stopped');
}

function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    setTimeout(() => {
      log.error(`not stopped within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await stopEverything();
    } catch (err) {
      log.error({ err }, 'stopping failed');
      code = 1;
    }
    process.exit(code);
  })();
  return stopping as Promise<never>;
}
// Handlers stay installed while stopping: a second Ctrl-C (or the same signal from
// the terminal and from start.mjs) must not fall back to the default and kill the
// launcher halfway through.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) log.info({ signal }, 'already stopping');
    else log.info({ signal }, 'stopping on signal');
    void shutdown(0);
  });
}
// Started by scripts/start.mjs with an IPC channel: it closes when start.mjs is
// gone, even by SIGKILL, and then no one is left to stop us.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    log.warn('the process that started the launcher is gone; stopping');
    void shutdown(1);
  });
}

if (infra.redis) {
  const redis = infra.redis;
  supervisor.adopt({ name: REDIS_UNIT, start: async () => redisRunning(await redis.restart()) }, redisRunning(redis.server));
}

try {
  await Promise.all(SUBGRAPHS.map((name) => supervisor.start(serviceUnit(name, subgraphUrl(childConfig, name)))));
  const host = childConfig.HOST === '0.0.0.0' ? '127.0.0.1' : childConfig.HOST;
  const gatewayUrl = `http://${host}:${childConfig.GATEWAY_PORT}/graphql`;
  await supervisor.start(serviceUnit('gateway', gatewayUrl));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Where Prometheus scrapes each service: ports of their own, never the gateway's.
  const scrape = ['gateway' as const, ...SUBGRAPHS].map((name) => `${name} ${metricsUrl(childConfig, name) ?? '(a free port: see its start-up log)'}`);
  // Plain stdout lines (not JSON) so people and scripts can find them; one write, so they arrive together.
  const appUrl = `http://${host}:${childConfig.GATEWAY_PORT}/`;
  const app = childConfig.WEB_DIR === 'off' ? '' : `app: ${appUrl}\n`;
  console.log(`\nvidhub is ready in ${seconds} s\n${app}api: ${gatewayUrl}  (data in ${path.resolve(childConfig.DATA_DIR)}; Ctrl-C stops everything)\nmetrics: ${scrape.join('  ')}\n`);
} catch (err) {
  if (!stopping) log.fatal((err as Error).message);
  await shutdown(1);
}
