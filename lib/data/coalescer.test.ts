/**
 * The coalescer on a manual clock: windows, bounded waits and the rate are all
 * measured in time the test moves forward itself, so a busy machine cannot
 * turn a merged batch into a "slow" one that callers abandon.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../testing/manualClock.js';
import { observe } from '../../testing/observe.js';
import { Coalescer } from './coalescer.js';

interface Rec {
  id: string;
  /** When the query that returned this record started: the oldest the data can be. */
  readAt: number;
}

/** A store whose every query takes `delayMs` of the clock's time. */
function store(clock: ManualClock, delayMs = 1) {
  const calls: string[][] = [];
  const fetch = async (ids: readonly string[]): Promise<Rec[]> => {
    calls.push([...ids]);
    const readAt = clock.now();
    await new Promise((r) => clock.setTimeout(() => r(undefined), delayMs));
    return ids.filter((id) => id !== 'missing').map((id) => ({ id, readAt }));
  };
  return { calls, fetch };
}

test('below the threshold every lookup goes straight to the store', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 1000, clock });
  const all = Promise.all(Array.from({ length: 20 }, (_, i) => c.load([`v${i % 3}`])));
  await clock.advance(1);
  await all;
  assert.equal(s.calls.length, 20);
  assert.equal(c.stats.merged, 0);
});

test('a lone lookup on a quiet system goes straight to the store, without waiting for a window', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { clock });
  const one = c.load(['a']);
  assert.deepEqual(s.calls, [['a']], 'queried at once, before any time passed');
  await clock.advance(1);
  assert.deepEqual((await one).map((r) => r.id), ['a']);
  assert.deepEqual(c.stats, { lookups: 1, direct: 1, merged: 0, queries: 1, timeouts: 0 });
});

test('above the threshold concurrent lookups share store queries, and each caller gets its own ids', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 100, rateWindowMs: 1000, windowMs: 5, maxWaitMs: 50, clock });
  const all = Promise.all(Array.from({ length: 200 }, (_, i) => c.load([`v${i % 20}`, 'missing'])));
  // The window closes at 5 ms and the store answers at 6 ms, well inside maxWaitMs.
  await clock.advance(6);
  const results = await all;
  for (const [i, r] of results.entries()) assert.deepEqual(r.map((x) => x.id), [`v${i % 20}`]);
  // Two ids per lookup: the first 49 stay below 100 in the second and go direct; the other 151 share one query.
  assert.equal(s.calls.length, 50, `200 lookups took ${s.calls.length} store queries`);
  assert.deepEqual(new Set(s.calls[49]), new Set([...Array.from({ length: 20 }, (_, i) => `v${i}`), 'missing']));
  assert.equal(c.stats.timeouts, 0);
  assert.equal(c.stats.queries, s.calls.length);
});

test('with the default settings a burst after a quiet spell is merged from its 20th lookup', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { clock });
  // 200 a second over the 100 ms rate window is 20 lookups: the first 19 go direct.
  const burst = Promise.all(Array.from({ length: 2000 }, (_, i) => c.load([`v${i % 20}`])));
  await clock.advance(3);
  const results = await burst;
  for (const [i, r] of results.entries()) assert.deepEqual(r.map((x) => x.id), [`v${i % 20}`]);
  assert.equal(c.stats.direct, 19);
  assert.equal(c.stats.merged, 1981);
  assert.equal(s.calls.length, 20, '2,000 lookups, 19 direct queries and one batch');
});

test('a burst whose lookups arrive one by one stays merged once it passes the threshold', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 200, rateWindowMs: 100, windowMs: 2, clock });
  // 1,000 lookups a second, one every millisecond, for 300 ms.
  const loads: Promise<Rec[]>[] = [];
  for (let i = 0; i < 300; i++) {
    const asked = clock.now();
    loads.push(
      c.load([`v${i % 20}`]).then((r) => {
        assert.ok(r[0]!.readAt >= asked, `asked at ${asked}, got data read at ${r[0]!.readAt}`);
        return r;
      }),
    );
    await clock.advance(1);
  }
  await clock.advance(5);
  await Promise.all(loads);
  assert.equal(c.stats.direct, 19, 'only the lookups before the rate reached 20 in 100 ms went direct');
  assert.equal(c.stats.merged, 281);
  assert.equal(c.stats.timeouts, 0);
  // A 2 ms window at one lookup a millisecond: two callers a batch.
  assert.equal(s.calls.length, 19 + Math.ceil(281 / 2));
});

test('while a batch is open every lookup joins it, even once the rate has dropped', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  // A batch window longer than the rate window, so the rate can fall while the batch is still open.
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 200, rateWindowMs: 100, windowMs: 150, maxWaitMs: 1000, clock });
  const burst = Promise.all(Array.from({ length: 20 }, (_, i) => c.load([`b${i}`])));
  assert.equal(s.calls.length, 19, 'the 20th lookup opened a batch');
  await clock.advance(120);
  assert.equal(c.rate(), 0, 'the burst has left the rate window');
  const late = c.load(['late']);
  assert.equal(s.calls.length, 19, 'the late lookup did not query on its own');
  await clock.advance(31);
  assert.deepEqual(s.calls[19]?.sort(), ['b19', 'late']);
  await burst;
  assert.deepEqual((await late).map((r) => r.id), ['late']);
  // The batch has run: with nothing open and a quiet rate, the next lookup goes straight to the store.
  const after = c.load(['after']);
  assert.deepEqual(s.calls.at(-1), ['after']);
  assert.equal(c.stats.direct, 20);
  await clock.advance(1);
  assert.deepEqual((await after).map((r) => r.id), ['after']);
});

test('a caller never receives data read before it asked', async () => {
  const clock = new ManualClock();
  const s = store(clock, 3);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 1, windowMs: 2, clock });
  const checks: Promise<void>[] = [];
  for (let i = 0; i < 50; i++) {
    const asked = clock.now();
    checks.push(c.load(['hot']).then(([r]) => assert.ok(r!.readAt >= asked, `asked at ${asked}, got data read at ${r!.readAt}`)));
    // Callers arrive while a batch is open and while its query is running.
    await clock.advance(i % 3);
  }
  await clock.advance(10);
  await Promise.all(checks);
  assert.ok(s.calls.length < 50, 'callers did share batches');
  assert.equal(c.stats.timeouts, 0);
});

test('a batch slower than maxWaitMs is abandoned for a direct query', async () => {
  const clock = new ManualClock();
  let releaseSlow: () => void = () => {};
  const slowQuery = new Promise<void>((resolve) => (releaseSlow = resolve));
  const calls: string[][] = [];
  const c = new Coalescer(
    async (ids: readonly string[]) => {
      calls.push([...ids]);
      // The first query (the batch) hangs until the test lets it go.
      if (calls.length === 1) await slowQuery;
      return ids.map((id) => ({ id }));
    },
    { thresholdPerSecond: 1, windowMs: 1, maxWaitMs: 20, clock },
  );
  const warm = c.load(['warm']);
  const x = c.load(['x']);
  const state = observe(x);
  await clock.advance(19);
  assert.deepEqual(calls, [['warm', 'x']], 'both joined one batch');
  assert.equal(state.settled, false, 'still waiting for the batch before maxWaitMs');
  await clock.advance(1);
  assert.equal(state.settled, true, 'gave up on the batch at maxWaitMs');
  const [r] = await x;
  assert.equal(r?.id, 'x');
  assert.deepEqual((await warm).map((w) => w.id), ['warm']);
  assert.equal(c.stats.timeouts, 2);
  assert.deepEqual(calls.slice(1).sort(), [['warm'], ['x']], 'each caller queried alone while the batch still hung');
  releaseSlow();
});

test('disabled: always direct', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { enabled: false, thresholdPerSecond: 1, clock });
  const all = Promise.all(Array.from({ length: 10 }, () => c.load(['a'])));
  await clock.advance(1);
  await all;
  assert.equal(s.calls.length, 10);
});

test('the rate forgets everything after a pause longer than its window', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 100, rateWindowMs: 1000, clock });
  const all = Promise.all(Array.from({ length: 300 }, () => c.load(['a'])));
  await clock.advance(10);
  await all;
  assert.equal(c.rate(), 300);
  assert.ok(s.calls.length < 300, 'above the threshold lookups merged');
  await clock.advance(1100);
  assert.equal(c.rate(), 0, 'a quiet second later nothing is left');
  const before = s.calls.length;
  const directBefore = c.stats.direct;
  const next = c.load(['b']);
  assert.equal(s.calls.length, before + 1, 'so the next lookup goes straight to the store');
  assert.equal(c.stats.direct, directBefore + 1);
  await clock.advance(1);
  assert.deepEqual((await next).map((r) => r.id), ['b']);
});

test('the default rate window is a tenth of a second: after it, a lookup goes straight to the store again', async () => {
  const clock = new ManualClock();
  const s = store(clock);
  const c = new Coalescer(s.fetch, { clock });
  const burst = Promise.all(Array.from({ length: 100 }, () => c.load(['a'])));
  await clock.advance(5);
  await burst;
  assert.equal(c.rate(), 1000, '100 lookups in 100 ms');
  await clock.advance(50);
  assert.equal(c.rate(), 1000, 'still inside the window');
  await clock.advance(60);
  assert.equal(c.rate(), 0);
  const queries = s.calls.length;
  const next = c.load(['b']);
  assert.equal(s.calls.length, queries + 1, 'queried at once');
  await clock.advance(1);
  assert.deepEqual((await next).map((r) => r.id), ['b']);
});
