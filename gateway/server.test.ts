/**
 * Starting the gateway: a start that fails half-way stops what it had started.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig, serviceConfig } from '../lib/config.js';
import { createLogger } from '../lib/observability/logger.js';
import { connectRedis } from '../lib/redis/client.js';
import { startEmbeddedRedis } from '../lib/redis/embedded.js';
import { startGateway } from './server.js';

/** Connections the server has accepted since it started, and the names of the clients connected now. */
async function redisClients(observer: ReturnType<typeof connectRedis>): Promise<{ received: number; names: string[] }> {
  const stats = await observer.info('stats');
  const received = Number(/total_connections_received:(\d+)/.exec(stats)?.[1]);
  const list = (await observer.call('CLIENT', 'LIST')) as string;
  const names = list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined);
  return { received, names };
}

test('a gateway whose port is taken fails to start and leaves no Redis connection open', { timeout: 240_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-gateway-start-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const redis = await startEmbeddedRedis({ dataDir });
  t.after(() => redis.dispose());
  const observer = connectRedis(redis.url, { name: 'observer' });
  t.after(() => observer.disconnect());

  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const port = (taken.address() as net.AddressInfo).port;

  const secret = () => randomBytes(32).toString('hex');
  const config = serviceConfig(
    loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', DATA_DIR: dataDir, REDIS_URL: redis.url, INTERNAL_IDENTITY_SECRET: secret(), JWT_ACCESS_SECRET: secret(), JWT_REFRESH_SECRET: secret(), REDIS_COMMAND_TIMEOUT_MS: '10000' }),
  );
  const before = await redisClients(observer);
  assert.deepEqual(before.names, ['observer']);

  await assert.rejects(startGateway(config, createLogger('gateway', 'silent'), { port, metricsPort: 0, webDir: null }), /EADDRINUSE/);

  // The gateway did connect (its Redis connection and the revocation watch's) before the listener failed...
  assert.ok((await redisClients(observer)).received > before.received, 'the gateway never reached Redis: the test proves nothing');
  // ...and closed both. Redis notices a closed connection on its next event loop turn: ask until it has.
  let names = (await redisClients(observer)).names;
  for (const deadline = Date.now() + 30_000; names.includes('gateway') && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    names = (await redisClients(observer)).names;
  }
  assert.deepEqual(names, ['observer'], 'the failed start left Redis connections open');
});
