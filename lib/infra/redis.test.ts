import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    const fake = path.join(dataDir, 'fake-redis-server');
    await writeFile(fake, '#!/bin/sh\necho "FATAL CONFIG FILE ERROR: bad option" >&2\nexit 1\n', { mode: 0o755 });
    await assert.rejects(startEmbeddedRedis({ dataDir, bin: fake }), (err: Error) => {
      assert.match(err.message, /exited \(code 1\) before it answered/);
      assert.match(err.message, /FATAL CONFIG FILE ERROR: bad option/);
      return true;
    });
  });

  it('never mistakes another server on a fixed port for its own', async () => {
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

  it('pingRedis fails within its timeout when the server does not answer', async () => {
    const server = await startEmbeddedRedis({ dataDir });
    const admin = connectRedis(server.url);
    const client = connectRedis(server.url);
    try {
      await pingRedis(client);
      // CLIENT PAUSE holds every client's commands (CLIENT UNPAUSE included): a server that is
      // up but not answering. 5 s: long enough that the 300 ms timeout fires first however busy
      // the machine is (only that timeout rejects with this message), short enough to wait out.
      await admin.client('PAUSE', 5_000, 'ALL');
      await assert.rejects(pingRedis(client, 300), /did not answer PING within 300 ms/);
      await pingRedis(client, 60_000); // answers again once the pause is over
    } finally {
      // A client disconnected before its ready check finished keeps a 2 s ioredis timer alive;
      // both clients here are ready, so the process can exit at once.
      client.disconnect();
      admin.disconnect();
      await server.dispose();
    }
  });
});
