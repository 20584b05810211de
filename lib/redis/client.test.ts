import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import { makeFormatError } from '../errors.js';
import { CONNECTION_ERROR_LOG_INTERVAL_MS, blockingConnection, connectRedis, isRedisUnavailable, pingRedis, reportConnectionErrors } from './client.js';
import { startEmbeddedRedis } from './embedded.js';

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
    // What this checks is persistence and dispose, not timeouts: a loaded machine may take over a second to answer the first command.
    const client = connectRedis(first.url, { name: 'redis-test', commandTimeoutMs: 30_000 });
    try {
      await pingRedis(client, 30_000);
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
    const again = connectRedis(second.url, { commandTimeoutMs: 30_000 });
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
      // Answers again once the pause is over (each try is cut at the client's command timeout, 1 s).
      for (const deadline = Date.now() + 30_000; ; ) {
        const err = await pingRedis(client, 60_000).then(() => undefined, (e: unknown) => e);
        if (!err) break;
        if (Date.now() > deadline) throw err;
      }
    } finally {
      // A client disconnected before its ready check finished keeps a 2 s ioredis timer alive;
      // both clients here are ready, so the process can exit at once.
      client.disconnect();
      admin.disconnect();
      await server.dispose();
    }
  });

  /** Settles with the error a command rejects with, or undefined when it succeeds. */
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);

  it('a stalled server (SIGSTOP): commands fail within the command timeout, recognisably; blocking reads keep their block time; all answers again after SIGCONT', async () => {
    const server = await startEmbeddedRedis({ dataDir });
    const client = connectRedis(server.url, { commandTimeoutMs: 300 });
    const reader = blockingConnection(client, 800);
    try {
      await Promise.all([client.ping(), reader.ping()]);
      // A block longer than the command timeout is not cut short by it: an idle stream is not a dead server.
      let started = Date.now();
      assert.equal(await reader.xread('BLOCK', 800, 'STREAMS', 'idle', '$'), null);
      assert.ok(Date.now() - started >= 750, `the blocking read returned after ${Date.now() - started} ms`);

      process.kill(server.pid, 'SIGSTOP');
      try {
        started = Date.now();
        const errors = await Promise.all([
          failure(client.get('k')),
          failure(client.multi().incr('n').expire('n', 60).exec()),
          failure(client.eval('return 1', 0)),
          failure(reader.xread('BLOCK', 100, 'STREAMS', 'idle', '$')),
        ]);
        const elapsed = Date.now() - started;
        // 300 ms for the commands, 900 ms for the blocking read; the rest is a busy machine.
        assert.ok(elapsed < 5_000, `failed after ${elapsed} ms`);
        for (const err of errors) assert.ok(isRedisUnavailable(err), `not recognised: ${String(err)}`);

        // What a resolver's error looks like by the time formatError sees it.
        const formatted = makeFormatError(false)({ message: 'Command timed out', path: ['sendMessage'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new GraphQLError('Command timed out', { originalError: errors[0] as Error }));
        assert.deepEqual(formatted, { message: 'A backing service is temporarily unavailable; retry shortly.', path: ['sendMessage'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
      } finally {
        process.kill(server.pid, 'SIGCONT');
      }
      assert.equal(await client.incr('after-stall'), 1);
      assert.equal(await reader.xread('STREAMS', 'idle', '0'), null);
    } finally {
      client.disconnect();
      reader.disconnect();
      await server.dispose();
    }
  });

  it('a dead server: commands fail fast, recognisably, and the client reconnects to its replacement on the same port', async () => {
    const first = await startEmbeddedRedis({ dataDir });
    const client = connectRedis(first.url, { commandTimeoutMs: 2_000 });
    let second: Awaited<ReturnType<typeof startEmbeddedRedis>> | undefined;
    try {
      await client.set('kept', 'yes');
      process.kill(first.pid, 'SIGKILL');
      await first.exited;
      const started = Date.now();
      const err = await failure(client.get('kept'));
      const elapsed = Date.now() - started;
      assert.ok(isRedisUnavailable(err), `not recognised: ${String(err)}`);
      // Refused reconnects fail queued commands before the (here 2 s) command timeout.
      assert.ok(elapsed < 1_900, `failed after ${elapsed} ms`);

      second = await startEmbeddedRedis({ dataDir, port: first.port });
      const deadline = Date.now() + 15_000;
      for (;;) {
        const value = await client.get('kept').catch(() => undefined);
        if (value === 'yes') break;
        assert.ok(Date.now() < deadline, 'no answer from the new server');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      client.disconnect();
      await second?.dispose();
    }
  });

  it('a connection that keeps failing is logged once as a warning, not once per reconnect on stderr, and once again when it is back', async () => {
    const first = await startEmbeddedRedis({ dataDir });
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const log = {
      warn: (fields: object, message: string) => lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
      info: (fields: object, message: string) => lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
    };
    const client = reportConnectionErrors(connectRedis(first.url, { commandTimeoutMs: 2_000 }), log, 'video');
    const blocking = blockingConnection(client, 1_000);
    const stderr: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void stderr.push(args.map(String).join(' '));
    let errors = 0;
    let second: Awaited<ReturnType<typeof startEmbeddedRedis>> | undefined;
    const linesOf = (redis: string, level: string) => lines.filter((l) => l.fields.redis === redis && l.level === level);
    const until = async (what: string, check: () => boolean) => {
      for (const deadline = Date.now() + 60_000; !check(); await new Promise((r) => setTimeout(r, 50))) {
        assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
      }
    };
    try {
      await Promise.all([client.ping(), blocking.ping()]);
      client.on('error', () => errors++);
      const failedAt = Date.now();
      process.kill(first.pid, 'SIGKILL');
      await first.exited;
      // ioredis raises an error at each reconnect attempt; wait for several.
      await until('five reconnects failed', () => errors >= 5);
      await until('the blocking connection warned', () => linesOf('video blocking', 'warn').length > 0);
      const failingFor = Date.now() - failedAt;
      const allowed = 1 + Math.floor(failingFor / CONNECTION_ERROR_LOG_INTERVAL_MS);
      const warnings = linesOf('video', 'warn');
      assert.ok(warnings.length >= 1 && warnings.length <= allowed, `${warnings.length} warnings for ${errors} errors in ${failingFor} ms`);
      assert.equal(warnings[0]!.message, 'Redis connection failed; reconnecting');
      assert.ok(warnings[0]!.fields.err instanceof Error);
      assert.deepEqual(stderr.filter((line) => line.includes('[ioredis]')), [], 'nothing written to stderr by ioredis');

      second = await startEmbeddedRedis({ dataDir, port: first.port });
      await until('both connections said they are back', () => linesOf('video', 'info').length > 0 && linesOf('video blocking', 'info').length > 0);
      const back = linesOf('video', 'info');
      assert.equal(back.length, 1);
      assert.equal(back[0]!.message, 'Redis connection ready again');
      assert.ok(Number(back[0]!.fields.failedForMs) > 0);
      assert.equal(await client.ping(), 'PONG');
    } finally {
      console.error = consoleError;
      client.disconnect();
      blocking.disconnect();
      await second?.dispose();
    }
  });

  it('tells Redis being away from Redis refusing a command', () => {
    assert.equal(isRedisUnavailable(Object.assign(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'), { name: 'ReplyError' })), false);
    assert.equal(isRedisUnavailable(new Error('something else')), false);
    assert.equal(isRedisUnavailable(undefined), false);
    assert.equal(isRedisUnavailable(Object.assign(new Error('LOADING Redis is loading the dataset in memory'), { name: 'ReplyError' })), true);
    assert.equal(isRedisUnavailable(new Error('wrapped', { cause: new Error('Command timed out') })), true);
  });
});
