/**
 * The Redis a unit test runs against: a fresh embedded redis-server, or the
 * Redis Cluster named by REDIS_CLUSTER_NODES when it is set (start one with
 * `node --import tsx testing/redisCluster.ts`), so the same assertions check both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { redisClusterNodes } from '../lib/config.js';
import { connectRedis, connectRedisCluster, type ConnectRedisOptions } from '../lib/redis/client.js';
import { startEmbeddedRedis } from '../lib/redis/embedded.js';

export interface RedisTarget {
  /** A new client (a cluster client on a cluster). */
  connect(opts?: ConnectRedisOptions): Redis;
  /** The embedded server's data directory (append-only file); absent on a cluster. */
  dataDir?: string;
  cluster: boolean;
  dispose(): Promise<void>;
}

export async function redisTarget(prefix: string): Promise<RedisTarget> {
  const nodes = redisClusterNodes({ REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES });
  if (nodes.length) return { connect: (opts) => connectRedisCluster(nodes, opts), cluster: true, dispose: async () => {} };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const server = await startEmbeddedRedis({ dataDir });
  return {
    connect: (opts) => connectRedis(server.url, opts),
    dataDir,
    cluster: false,
    dispose: async () => {
      await server.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
