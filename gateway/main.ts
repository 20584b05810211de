// The service is imported once tracing is in place (lib/observability/tracing.ts), so that the
// instrumented modules (graphql above all) are patched before anything holds them.
import cluster from 'node:cluster';
import { createLogger } from '../lib/observability/logger.js';
import { reportMetricsToPrimary } from '../lib/observability/metrics.js';
import { loadConfigOrExit, runMain } from '../lib/process/runtime.js';
import { gatewayWorkerCount, runGatewayPrimary } from './workers.js';

if (cluster.isWorker) {
  // One of GATEWAY_WORKERS: the gateway as always, its metrics collected by the primary.
  reportMetricsToPrimary();
  const worker = { worker: cluster.worker!.id, pid: process.pid };
  await runMain('gateway', async (config, log) => (await import('./server.js')).startGateway(config, log.child(worker)));
} else {
  const config = loadConfigOrExit('gateway');
  const workers = gatewayWorkerCount(config.GATEWAY_WORKERS);
  if (workers > 1) await runGatewayPrimary(config, createLogger('gateway', config.LOG_LEVEL), workers);
  else await runMain('gateway', async (config, log) => (await import('./server.js')).startGateway(config, log));
}
