/**
 * The launcher behind `npm start`: embedded infrastructure for every variable
 * left unset, then the four subgraphs and the gateway as separate processes
 * (as in production), each awaited on `/ready`. Ctrl-C (or SIGTERM) stops the
 * services first, then the infrastructure; nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS, loadConfig, subgraphUrl } from '../lib/config.js';
import { startEmbeddedInfra } from '../lib/embedded.js';
import { createLogger } from '../lib/logger.js';
import { NODE_FLAGS } from '../lib/nodeFlags.js';
import { ROOT } from '../lib/paths.js';
import { loadConfigOrExit } from '../lib/runtime.js';

/**
 * How long a service may take to become ready. A service that exits is
 * reported at once; this only bounds one that runs but never gets ready. Five
 * services loading at once on a machine whose cores are busy with other work
 * took more than a minute, so the bound is generous. @default 300 s
 */
const READY_TIMEOUT_MS = 300_000;
/** How long a service may take to stop before SIGKILL. @default 12 s (services force themselves out at 10 s) */
const STOP_TIMEOUT_MS = 12_000;

const started = Date.now();
const config = loadConfigOrExit('launcher');
const log = createLogger('launcher', config.LOG_LEVEL);
const children = new Map<string, ChildProcess>();
let stopping = false;

function entry(name: string): string {
  return path.join(ROOT, 'dist', name === 'gateway' ? 'gateway/main.js' : `subgraphs/${name}/main.js`);
}

async function waitReady(name: string, url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopChild(name: string, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log.warn(`${name} did not stop in time; killing it`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const infra = await startEmbeddedInfra(config, log).catch((err: Error) => {
  log.fatal(err.message);
  process.exit(1);
});
const env = { ...process.env, ...infra.env };
// Children re-validate the same variables; fail here first with one clear message.
const childConfig = loadConfig(env);

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log.info('stopping services');
    // The gateway first, so no request reaches a stopping subgraph.
    const gateway = children.get('gateway');
    if (gateway) await stopChild('gateway', gateway);
    await Promise.all([...children].filter(([n]) => n !== 'gateway').map(([n, c]) => stopChild(n, c)));
    await infra.dispose();
    log.info('stopped');
  }
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

function launch(name: string): ChildProcess {
  const flags = NODE_FLAGS[name === 'gateway' ? 'gateway' : 'subgraph'];
  const child = spawn(process.execPath, ['--enable-source-maps', ...flags, entry(name)], { env, stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log.error({ code, signal }, `${name} stopped unexpectedly; stopping everything`);
    void shutdown(1);
  });
  return child;
}

try {
  await Promise.all(SUBGRAPHS.map((name) => waitReady(name, subgraphUrl(childConfig, name), launch(name))));
  const host = childConfig.HOST === '0.0.0.0' ? '127.0.0.1' : childConfig.HOST;
  const gatewayUrl = `http://${host}:${childConfig.GATEWAY_PORT}/graphql`;
  await waitReady('gateway', gatewayUrl, launch('gateway'));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Plain stdout line (not JSON) so people and scripts can find it.
  console.log(`\nvidhub is ready in ${seconds} s: ${gatewayUrl}  (data in ${path.resolve(childConfig.DATA_DIR)}; Ctrl-C stops everything)\n`);
} catch (err) {
  log.fatal((err as Error).message);
  await shutdown(1);
}
