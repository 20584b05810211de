/**
 * The restart policy on stand-in processes: no process is spawned, so the
 * delays are a few milliseconds and the clock that decides "stable" and "within
 * a minute" is the test's own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Logger } from '../lib/observability/logger.js';
import { Supervisor, type ExitInfo, type Running, type Unit } from './supervisor.js';

interface Entry {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}

function recordingLogger(): { log: Logger; entries: Entry[] } {
  const entries: Entry[] = [];
  const at = (level: string) => (fields: Record<string, unknown> | string, msg?: string) => {
    if (typeof fields === 'string') entries.push({ level, fields: {}, msg: fields });
    else entries.push({ level, fields, msg: msg ?? '' });
  };
  const log = { info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal') } as unknown as Logger;
  return { log, entries };
}

class FakeProcess {
  exit!: (info: ExitInfo) => void;
  stopped = false;
  readonly running: Running;
  constructor(readonly pid: number) {
    const exited = new Promise<ExitInfo>((resolve) => (this.exit = resolve));
    this.running = {
      pid,
      exited,
      stop: async () => {
        this.stopped = true;
        this.exit({ code: 0, signal: null });
      },
    };
  }
}

function fakeUnit(name: string) {
  const processes: FakeProcess[] = [];
  let failures = 0;
  const unit: Unit = {
    name,
    async start() {
      if (failures > 0) {
        failures--;
        throw new Error('port in use');
      }
      const p = new FakeProcess(1000 + processes.length);
      processes.push(p);
      return p.running;
    },
  };
  return {
    unit,
    processes,
    latest: () => processes.at(-1)!,
    failNextStarts: (n: number) => (failures = n),
  };
}

async function until(what: string, check: () => boolean, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const crashLogs = (entries: Entry[]) => entries.filter((e) => e.level === 'error' && 'nextDelayMs' in e.fields);

describe('Supervisor', () => {
  test('restarts a crashed process with doubling delays up to the ceiling, logging each crash and restart', async () => {
    const { log, entries } = recordingLogger();
    const sup = new Supervisor({ log, policy: { initialDelayMs: 5, maxDelayMs: 20, maxCrashes: 100 }, onGiveUp: () => assert.fail('gave up') });
    const chat = fakeUnit('chat');
    await sup.start(chat.unit);
    assert.equal(sup.pid('chat'), 1000);
    for (let i = 1; i <= 4; i++) {
      chat.latest().exit(i % 2 ? { code: null, signal: 'SIGKILL' } : { code: 1, signal: null });
      await until(`restart ${i}`, () => chat.processes.length === i + 1 && sup.pid('chat') === 1000 + i);
    }
    const crashes = crashLogs(entries);
    assert.deepEqual(crashes.map((e) => [e.fields.unit, e.fields.attempt, e.fields.nextDelayMs]), [
      ['chat', 1, 5],
      ['chat', 2, 10],
      ['chat', 3, 20],
      ['chat', 4, 20],
    ]);
    assert.deepEqual([crashes[0]!.fields.signal, crashes[1]!.fields.code], ['SIGKILL', 1]);
    assert.match(crashes[0]!.msg, /^chat was killed by SIGKILL; restart 1 in 0\.005 s$/);
    assert.match(crashes[1]!.msg, /^chat exited with code 1; restart 2/);
    assert.equal(entries.filter((e) => e.level === 'info' && /^chat restarted \(pid \d+\)$/.test(e.msg)).length, 4);
    await sup.stop('chat');
    assert.ok(chat.latest().stopped);
  });

  test('a process that stayed up for the stable period starts the backoff over', async () => {
    const { log, entries } = recordingLogger();
    let clock = 0;
    const sup = new Supervisor({ log, now: () => clock, policy: { initialDelayMs: 5, maxDelayMs: 1000, stableMs: 60_000, maxCrashes: 100 }, onGiveUp: () => assert.fail('gave up') });
    const video = fakeUnit('video');
    await sup.start(video.unit);
    for (let i = 1; i <= 3; i++) {
      video.latest().exit({ code: 1, signal: null });
      await until(`restart ${i}`, () => sup.pid('video') === 1000 + i);
    }
    clock += 60_000;
    video.latest().exit({ code: 1, signal: null });
    await until('restart after a stable run', () => sup.pid('video') === 1004);
    assert.deepEqual(crashLogs(entries).map((e) => e.fields.nextDelayMs), [5, 10, 20, 5]);
    await sup.stop('video');
  });

  test('gives up after too many crashes within the window, once, and restarts nothing more', async () => {
    const { log, entries } = recordingLogger();
    let clock = 0;
    const givenUp: string[] = [];
    const sup = new Supervisor({ log, now: () => clock, policy: { initialDelayMs: 1, maxCrashes: 3, windowMs: 60_000 }, onGiveUp: (m) => givenUp.push(m) });
    const user = fakeUnit('user');
    await sup.start(user.unit);
    // Crashes further apart than the window do not add up.
    for (let i = 1; i <= 3; i++) {
      user.latest().exit({ code: 1, signal: null });
      await until(`restart ${i}`, () => sup.pid('user') === 1000 + i);
      clock += 30_001;
    }
    assert.deepEqual(givenUp, []);
    user.latest().exit({ code: 1, signal: null });
    await until('restart 4', () => sup.pid('user') === 1004);
    user.latest().exit({ code: 1, signal: null });
    await until('giving up', () => givenUp.length === 1);
    assert.match(givenUp[0]!, /^user exited with code 1: 3 crashes within 60 s; giving up$/);
    assert.equal(entries.filter((e) => e.level === 'fatal').length, 1);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(user.processes.length, 5, 'no restart after giving up');
    assert.equal(sup.pid('user'), undefined);
    await sup.stop('user');
  });

  test('a restart that fails counts as a crash and is tried again', async () => {
    const { log, entries } = recordingLogger();
    const sup = new Supervisor({ log, policy: { initialDelayMs: 2, maxCrashes: 100 }, onGiveUp: () => assert.fail('gave up') });
    const search = fakeUnit('search');
    await sup.start(search.unit);
    search.failNextStarts(2);
    search.latest().exit({ code: 1, signal: null });
    await until('restart', () => sup.pid('search') === 1001);
    const crashes = crashLogs(entries);
    assert.deepEqual(crashes.map((e) => e.fields.attempt), [1, 2, 3]);
    assert.match(crashes[1]!.msg, /^search could not start again \(port in use\); restart 2 in 0\.004 s$/);
    await sup.stop('search');
  });

  test('a first start that fails is reported, not retried', async () => {
    const { log } = recordingLogger();
    const sup = new Supervisor({ log, policy: { initialDelayMs: 1 }, onGiveUp: () => assert.fail('gave up') });
    const gateway = fakeUnit('gateway');
    gateway.failNextStarts(1);
    await assert.rejects(sup.start(gateway.unit), /port in use/);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(gateway.processes.length, 0);
  });

  test('stop cancels a pending restart; after close nothing is restarted', async () => {
    const { log } = recordingLogger();
    const sup = new Supervisor({ log, policy: { initialDelayMs: 60_000, maxCrashes: 100 }, onGiveUp: () => assert.fail('gave up') });
    const chat = fakeUnit('chat');
    const redis = fakeUnit('redis-server');
    await sup.start(chat.unit);
    const adopted = new FakeProcess(42);
    sup.adopt(redis.unit, adopted.running);
    assert.equal(sup.pid('redis-server'), 42);

    chat.latest().exit({ code: 1, signal: null });
    await until('crash noticed', () => sup.pid('chat') === undefined);
    await sup.stop('chat'); // does not wait the minute
    assert.equal(chat.processes.length, 1);

    sup.close();
    adopted.exit({ code: null, signal: 'SIGKILL' });
    await sup.stop('redis-server');
    assert.equal(redis.processes.length, 0);
  });
});
