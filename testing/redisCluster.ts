/**
 * A real Redis Cluster on this machine: three `redis-server` masters (the
 * Debian binary the embedded Redis uses) in cluster mode, each in a temporary
 * directory, joined with `redis-cli --cluster create` (no replicas), ready once
 * every node reports `cluster_state:ok`. Tests point REDIS_CLUSTER_NODES at it.
 *
 * Run directly to keep one up for running other test files against it:
 *   node --import tsx testing/redisCluster.ts
 * prints `REDIS_CLUSTER_NODES=...` and stops the cluster on Ctrl-C.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, startEmbeddedRedis, type EmbeddedRedis } from '../lib/redis/embedded.js';

const run = promisify(execFile);

export interface LocalRedisCluster {
  /** host:port of every master, as REDIS_CLUSTER_NODES wants them. */
  nodes: { host: string; port: number }[];
  /** The REDIS_CLUSTER_NODES value. */
  env: string;
  /** The redis-server processes, in node order. */
  servers: EmbeddedRedis[];
  dispose(): Promise<void>;
}

export interface LocalRedisClusterOptions {
  /** Masters. @default 3 (the fewest `redis-cli --cluster create` accepts) */
  masters?: number;
  /** How long to wait for cluster_state:ok. @default 60000 */
  readyTimeoutMs?: number;
}

export async function startRedisCluster(opts: LocalRedisClusterOptions = {}): Promise<LocalRedisCluster> {
  const count = opts.masters ?? 3;
  const root = mkdtempSync(path.join(os.tmpdir(), 'vidhub-redis-cluster-'));
  const servers: EmbeddedRedis[] = [];
  const dispose = async () => {
    await Promise.all(servers.map((s) => s.dispose()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const dataDir = path.join(root, `node-${i}`);
      servers.push(
        await startEmbeddedRedis({
          dataDir,
          // The cluster bus listens on port + 10000: that port must be free too.
          port: await freePort([10_000]),
          // The cluster's own state file, in the node's directory (redis-server resolves it against --dir).
          extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'],
        }),
      );
    }
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 60_000 });
    await waitForClusterOk(servers, opts.readyTimeoutMs ?? 60_000);
    const nodes = servers.map((s) => ({ host: '127.0.0.1', port: s.port }));
    return { nodes, env: addresses.join(','), servers, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Every node must agree the cluster is up (all 16384 slots served) before clients use it. */
async function waitForClusterOk(servers: EmbeddedRedis[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      servers.map(async (s) => {
        const { stdout } = await run('redis-cli', ['-p', String(s.port), 'cluster', 'info'], { timeout: 10_000 });
        return /cluster_state:ok/.test(stdout) && /cluster_slots_ok:16384/.test(stdout);
      }),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`the Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startRedisCluster();
  console.log(`REDIS_CLUSTER_NODES=${cluster.env}`);
  const stop = () => void cluster.dispose().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}
