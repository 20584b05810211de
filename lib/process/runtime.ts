/**
 * Process-level plumbing shared by the five services' `main.ts`: validated
 * config or exit, one logger, and a clean stop on SIGTERM/SIGINT (or when the
 * launcher that started the service is gone) in which every server, consumer,
 * timer and connection the service started is disposed.
 */
import type { Redis } from 'ioredis';
import { objectStoreTarget, redisClusterNodes, type Config, type ServiceConfig } from '../config.js';
import type { Disposable } from './disposable.js';
import { connectRedis, connectRedisCluster, reportConnectionErrors } from '../redis/client.js';
import { ObjectStore } from '../storage/objectStore.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { startTraced } from '../observability/tracing.js';
import { SHUTDOWN_TIMEOUT_MS, loadConfigOrExit } from './startup.js';

export { SHUTDOWN_TIMEOUT_MS, loadConfigOrExit };

export async function runMain(service: string, start: (config: ServiceConfig, log: Logger) => Promise<Disposable>): Promise<void> {
  const config = loadConfigOrExit(service, 'service');
  const log = createLogger(service, config.LOG_LEVEL);
  // Started by the launcher with an IPC channel: the channel closes when the
  // launcher is gone, even killed by SIGKILL where it could stop nobody, and a
  // service left behind would keep its port. Stop as on SIGTERM.
  let parentGone = false;
  let onParentGone = () => {
    parentGone = true;
  };
  if (process.channel) {
    // Watching the channel must not keep the process alive by itself.
    process.channel.unref();
    process.once('disconnect', () => onParentGone());
  }
  let running: Disposable;
  try {
    running = await startTraced(service, config, () => start(config, log));
  } catch (err) {
    log.fatal({ err }, `${service} failed to start`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${service} shutting down`);
    setTimeout(() => {
      log.error(`${service} did not stop within ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.dispose().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, `${service} shutdown failed`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  onParentGone = () => stop('launcher gone');
  if (parentGone) stop('launcher gone');
}

/**
 * Services share one Redis: a cluster when REDIS_CLUSTER_NODES is set (an ioredis
 * `Cluster`, see `connectRedisCluster`), else the server at REDIS_URL; the launcher
 * starts an embedded one when both are unset.
 */
export function requireRedis(config: ServiceConfig, name: string, log: Logger): Redis {
  const options = { name, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS };
  const redis = config.REDIS_CLUSTER_NODES !== undefined ? connectRedisCluster(redisClusterNodes(config), options) : connectRedis(config.REDIS_URL, options);
  return reportConnectionErrors(redis, log, name);
}

/** Object storage: MinIO in production, the launcher's embedded S3 server otherwise. */
export async function requireObjectStore(config: Config): Promise<ObjectStore> {
  const target = objectStoreTarget(config);
  return ObjectStore.connect({
    endpoint: target.S3_ENDPOINT,
    accessKey: target.S3_ACCESS_KEY,
    secretKey: target.S3_SECRET_KEY,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    ...(config.S3_PUBLIC_ENDPOINT ? { publicEndpoint: config.S3_PUBLIC_ENDPOINT } : {}),
  });
}
