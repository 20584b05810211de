/**
 * The search sync's first full sync against a Redis that goes away while it
 * is retrying: it keeps retrying (and logging), and nothing escapes as an
 * unhandled rejection, which would end the search process.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../lib/config.js';
import { connectRedis } from '../../lib/redis/client.js';
import { freePort, startEmbeddedRedis } from '../../lib/redis/embedded.js';
import type { SearchIndex } from './engine/port.js';
import { IndexSync } from './indexSync.js';

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the first full sync keeps retrying while Redis is stalled, with no unhandled rejection', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vidhub-sync-'));
  const server = await startEmbeddedRedis({ dataDir });
  const redis = connectRedis(server.url, { commandTimeoutMs: 300 });
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => void unhandled.push(err);
  process.on('unhandledRejection', onUnhandled);
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const failedAttempts = () => lines.filter((l) => l.includes('first full sync failed')).length;
  // Nothing listens there: every full sync fails, so the first one is retried.
  const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
  const sync = new IndexSync({
    config: loadConfig({ INTERNAL_IDENTITY_SECRET: 'x'.repeat(32), SEARCH_LEADER_TTL_SECONDS: '30' }),
    // Never reached: the sources fail before anything is written.
    index: {} as SearchIndex,
    redis,
    log,
    sources: { userUrl: nowhere, videoUrl: nowhere },
  });
  sync.start();
  try {
    await until('a first failed full sync', () => failedAttempts() >= 1);
    process.kill(server.pid, 'SIGSTOP');
    try {
      // Each retry now fails at its first Redis command; two more failures logged means the loop survived one.
      const before = failedAttempts();
      await until('further attempts while Redis is stalled', () => failedAttempts() >= before + 2);
      assert.deepEqual(unhandled.map(String), []);
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
  } finally {
    await sync.dispose();
    process.off('unhandledRejection', onUnhandled);
    redis.disconnect();
    await server.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
});
