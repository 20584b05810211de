import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectRedis, pingRedis, startEmbeddedRedis } from './redis.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded redis-server', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vidhub-redis-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves commands, stops on dispose and keeps its data across a restart', async () => {
    const first = await startEmbeddedRedis({ dataDir });
    assert.match(first.url, /^redis:\/\/127\.0\.0\.1:\d+$/);
    const client = connectRedis(first.url, { name: 'redis-test' });
    try {
      await pingRedis(client);
      await client.set('greeting', 'hello');
      await client.xadd('events', '*', 'type', 'video.published');
      assert.equal(await client.get('greeting'), 'hello');
      assert.equal(await client.client('GETNAME'), 'redis-test');
    } finally {
      client.disconnect();
    }

    await first.dispose();
    await first.dispose(); // idempotent
    assert.equal(isAlive(first.pid), false, 'redis-server is still running after dispose');
    assert.deepEqual(await first.exited, { code: 0, signal: null });

    const second = await startEmbeddedRedis({ dataDir });
    const again = connectRedis(second.url);
    try {
      assert.equal(await again.get('greeting'), 'hello');
      assert.equal(await again.xlen('events'), 1);
    } finally {
      again.disconnect();
      await second.dispose();
    }
    assert.equal(isAlive(second.pid), false);
  });

  it('names the fix when the binary is missing', async () => {
    await assert.rejects(startEmbeddedRedis({ dataDir, bin: '/nonexistent/redis-server' }), (err: Error) => {
      assert.match(err.message, /apt-get install -y redis-server/);
      assert.match(err.message, /brew install redis/);
      assert.match(err.message, /REDIS_URL/);
      return true;
    });
  });

  it('reports the server output when it cannot start', async () => {
    const running = await startEmbeddedRedis({ dataDir });
    try {
      // The port is taken (by a Redis that is not the child): the child must fail, not be mistaken for ready.
      await assert.rejects(
        startEmbeddedRedis({ dataDir: path.join(dataDir, 'other'), port: running.port, startTimeoutMs: 5_000 }),
        /Address already in use|served by another Redis/,
      );
    } finally {
      await running.dispose();
    }
  });

  it('pingRedis fails within its timeout when nothing answers', async () => {
    const server = await startEmbeddedRedis({ dataDir });
    const client = connectRedis(server.url);
    client.on('error', () => {}); // reconnect attempts against the stopped server are expected here
    await pingRedis(client);
    await server.dispose();
    try {
      await assert.rejects(pingRedis(client, 300));
    } finally {
      client.disconnect();
    }
  });
});
