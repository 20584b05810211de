/**
 * The embedded stand-ins for every infrastructure variable left unset: a
 * redis-server child (REDIS_URL), an in-process S3 server (S3_ENDPOINT), and
 * development secrets kept under DATA_DIR so tokens survive restarts. SQLite
 * and the in-process search index need no server: each subgraph opens its own.
 *
 * Used by the launcher (which then hands `env` to the five service processes)
 * and by the test harness (which runs the services in-process).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { DisposableStack } from './disposable.js';
import { startEmbeddedS3, type EmbeddedS3 } from '../storage/embeddedS3.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../redis/embedded.js';
import type { Logger } from '../observability/logger.js';

export interface EmbeddedInfra {
  /** Variables to add to the services' environment. */
  env: Record<string, string>;
  /** The redis-server child, when REDIS_URL was unset (the launcher restarts it after a crash; fault-injection tests stop, kill and restart it). */
  redis?: EmbeddedRedisHandle;
  /** The in-process S3 server, when S3_ENDPOINT was unset (fault-injection tests kill and restart it). */
  objectStore?: EmbeddedS3Handle;
  dispose(): Promise<void>;
}

export interface EmbeddedS3Handle {
  /** The server running now (after `restart`, the new one). */
  readonly server: EmbeddedS3;
  /**
   * Starts a new S3 server on the same port and data directory, once the
   * current one is closed (kill it first): clients reach the same endpoint
   * and find every object stored before.
   */
  restart(): Promise<EmbeddedS3>;
}

export interface EmbeddedRedisHandle {
  /** The server running now (after `restart`, the new one). */
  readonly server: EmbeddedRedis;
  /**
   * Starts a new redis-server on the same port and data directory, once the
   * current one has exited (kill it first): clients reconnect to the same URL
   * and find what the append-only file kept.
   */
  restart(): Promise<EmbeddedRedis>;
}

const SECRET_KEYS = ['INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const;

/** Development secrets: generated once per DATA_DIR, never in production (config requires them there). */
function developmentSecrets(config: Config): Record<string, string> {
  const missing = SECRET_KEYS.filter((k) => !config[k]);
  if (missing.length === 0) return {};
  const file = path.join(config.DATA_DIR, 'dev-secrets.json');
  let stored: Partial<Record<(typeof SECRET_KEYS)[number], string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  let changed = false;
  for (const k of missing) {
    if (!stored[k]) {
      stored[k] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(missing.map((k) => [k, stored[k]!]));
}

export async function startEmbeddedInfra(config: Config, log: Logger): Promise<EmbeddedInfra> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const stack = new DisposableStack();
  const env: Record<string, string> = { ...developmentSecrets(config) };
  let redisHandle: EmbeddedRedisHandle | undefined;
  let s3Handle: EmbeddedS3Handle | undefined;
  try {
    if (!config.REDIS_URL && !config.REDIS_CLUSTER_NODES) {
      const redisOptions = { dataDir: path.join(config.DATA_DIR, 'redis'), bin: config.REDIS_SERVER_BIN };
      let current = await startEmbeddedRedis(redisOptions);
      // Whichever server is current when the stack stops (a restart replaces it).
      stack.defer('embedded redis', () => current.dispose());
      redisHandle = {
        get server() {
          return current;
        },
        async restart() {
          await current.exited;
          current = await startEmbeddedRedis({ ...redisOptions, port: current.port });
          return current;
        },
      };
      env.REDIS_URL = current.url;
      log.info({ url: current.url }, 'embedded redis-server started');
    }
    if (!config.S3_ENDPOINT) {
      const s3Options = { dataDir: path.join(config.DATA_DIR, 's3') };
      let s3 = await startEmbeddedS3(s3Options);
      // Whichever server is current when the stack stops (a restart replaces it).
      stack.defer('embedded s3', () => s3.dispose());
      s3Handle = {
        get server() {
          return s3;
        },
        async restart() {
          await s3.kill();
          s3 = await startEmbeddedS3({ ...s3Options, port: s3.port });
          return s3;
        },
      };
      Object.assign(env, { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey });
      log.info({ endpoint: s3.endpoint }, 'embedded S3 server started');
    }
  } catch (err) {
    await stack.dispose();
    throw err;
  }
  return { env, ...(redisHandle ? { redis: redisHandle } : {}), ...(s3Handle ? { objectStore: s3Handle } : {}), dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
}
