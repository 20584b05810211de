// The service is imported once tracing is in place (lib/observability/tracing.ts), so that the
// instrumented modules (graphql above all) are patched before anything holds them.
// A cluster primary (GATEWAY_WORKERS > 1) serves no GraphQL: it loads neither the service nor
// the service plumbing of lib/process/runtime.ts, only what it needs to run the workers.
import cluster from 'node:cluster';
import { createLogger } from '../lib/observability/logger.js';
import { reportMetricsToPrimary } from '../lib/observability/metrics.js';
import { loadConfigOrExit } from '../lib/process/startup.js';
import { gatewayWorkerCount, runGatewayPrimary } from './workers.js';

const config = cluster.isPrimary ? loadConfigOrExit('gateway') : undefined;
const workers = config ? gatewayWorkerCount(config.GATEWAY_WORKERS) : 1;
if (config && workers > 1) {
  await runGatewayPrimary(config, createLogger('gateway', config.LOG_LEVEL), workers);
} else {
  const { runMain } = await import('../lib/process/runtime.js');
  if (cluster.isWorker) {
    // One of GATEWAY_WORKERS: the gateway as always, its metrics collected by the primary.
    reportMetricsToPrimary();
    const worker = { worker: cluster.worker!.id, pid: process.pid };
    await runMain('gateway', async (config, log) => (await import('./server.js')).startGateway(config, log.child(worker)));
  } else {
    await runMain('gateway', async (config, log) => (await import('./server.js')).startGateway(config, log));
  }
}
