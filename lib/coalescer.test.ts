import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Coalescer } from './coalescer.js';

interface Rec {
  id: string;
  readAt: number;
}

function store(delayMs = 1) {
  const calls: string[][] = [];
  const fetch = async (ids: readonly string[]): Promise<Rec[]> => {
    calls.push([...ids]);
    await new Promise((r) => setTimeout(r, delayMs));
    const readAt = performance.now();
    return ids.filter((id) => id !== 'missing').map((id) => ({ id, readAt }));
  };
  return { calls, fetch };
}

test('below the threshold every lookup goes straight to the store', async () => {
  const s = store();
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 1000 });
  await Promise.all(Array.from({ length: 20 }, (_, i) => c.load([`v${i % 3}`])));
  assert.equal(s.calls.length, 20);
  assert.equal(c.stats.merged, 0);
});

test('above the threshold concurrent lookups share store queries, and each caller gets its own ids', async () => {
  const s = store();
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 10, windowMs: 5 });
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => c.load([`v${i % 20}`, 'missing'])));
  for (const [i, r] of results.entries()) assert.deepEqual(r.map((x) => x.id), [`v${i % 20}`]);
  assert.ok(s.calls.length < 20, `200 lookups took ${s.calls.length} store queries`);
  assert.equal(c.stats.queries, s.calls.length);
});

test('a caller never receives data read before it asked', async () => {
  const s = store(3);
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 1, windowMs: 2 });
  const checks: Promise<void>[] = [];
  for (let i = 0; i < 50; i++) {
    const asked = performance.now();
    checks.push(c.load(['hot']).then(([r]) => assert.ok(r!.readAt >= asked, 'fresh read')));
    await new Promise((r) => setTimeout(r, i % 3));
  }
  await Promise.all(checks);
});

test('a batch slower than maxWaitMs is abandoned for a direct query', async () => {
  let slow = true;
  const calls: number[] = [];
  const c = new Coalescer(
    async (ids: readonly string[]) => {
      calls.push(ids.length);
      if (slow) {
        slow = false;
        await new Promise((r) => setTimeout(r, 200));
      }
      return ids.map((id) => ({ id }));
    },
    { thresholdPerSecond: 1, windowMs: 1, maxWaitMs: 20 },
  );
  c.load(['warm']).catch(() => undefined);
  const started = performance.now();
  const [r] = await c.load(['x']);
  assert.equal(r?.id, 'x');
  assert.ok(c.stats.timeouts >= 1);
  assert.ok(performance.now() - started < 200, 'did not wait for the slow batch');
});

test('disabled: always direct', async () => {
  const s = store();
  const c = new Coalescer(s.fetch, { enabled: false, thresholdPerSecond: 1 });
  await Promise.all(Array.from({ length: 10 }, () => c.load(['a'])));
  assert.equal(s.calls.length, 10);
});

test('the rate forgets everything after a pause longer than its window', async () => {
  const s = store();
  const c = new Coalescer(s.fetch, { thresholdPerSecond: 100 });
  await Promise.all(Array.from({ length: 300 }, () => c.load(['a'])));
  assert.ok(c.rate() >= 300);
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(c.rate(), 0, 'a quiet second later nothing is left');
  const before = s.calls.length;
  await c.load(['b']);
  assert.equal(s.calls.length, before + 1, 'so the next lookup goes straight to the store');
  assert.equal(c.stats.direct >= 1, true);
});
