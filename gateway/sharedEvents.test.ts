import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { SharedEvents, type EntityVersion } from './sharedEvents.js';

function setup() {
  const entities: EntityVersion & { version: number | undefined } = { version: 1, watches: () => true };
  let clock = 0;
  const stats = { reused: 0 };
  const shared = new SharedEvents(entities, stats, () => clock);
  let runs = 0;
  const resolver = (result: ExecutionResult) => async () => {
    runs++;
    return result;
  };
  return { entities, stats, shared, resolver, runs: () => runs, advance: (ms: number) => (clock += ms) };
}

test('a resolved event answers the next subscriber of the same key without resolving again', async () => {
  const s = setup();
  const first = await s.shared.resolve('k', s.resolver({ data: { n: 1 } }));
  const second = await s.shared.resolve('k', s.resolver({ data: { n: 2 } }));
  assert.deepEqual(second, first);
  assert.equal(s.runs(), 1);
  assert.equal(s.stats.reused, 1);
  // Another key (another event, operation or variables) resolves on its own.
  assert.deepEqual(await s.shared.resolve('other', s.resolver({ data: { n: 3 } })), { data: { n: 3 } });
  assert.equal(s.runs(), 2);
});

test('a change of a watched entity ends reuse, and so does the cache going out of use', async () => {
  const s = setup();
  await s.shared.resolve('k', s.resolver({ data: { name: 'old' } }));
  s.entities.version = 2;
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { name: 'new' } })), { data: { name: 'new' } });
  s.entities.version = undefined;
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { name: 'offline' } })), { data: { name: 'offline' } });
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { name: 'offline again' } })), { data: { name: 'offline again' } });
  assert.equal(s.stats.reused, 0);
});

test('a result read while an entity changed is not handed on', async () => {
  const s = setup();
  await s.shared.resolve('k', async () => {
    s.entities.version = 2;
    return { data: { name: 'read before the change' } };
  });
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { name: 'after' } })), { data: { name: 'after' } });
});

test('a result with errors is not reused, and a result is reused for a short while only', async () => {
  const s = setup();
  await s.shared.resolve('k', s.resolver({ errors: [new GraphQLError('timed out')] }));
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { ok: true } })), { data: { ok: true } });
  s.advance(500);
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { ok: false } })), { data: { ok: true } });
  s.advance(60_000);
  assert.deepEqual(await s.shared.resolve('k', s.resolver({ data: { ok: 'later' } })), { data: { ok: 'later' } });
  assert.equal(s.runs(), 3);
});

test('subscribers that arrive while an event resolves wait for that resolution; a failed one they resolve themselves', async () => {
  const s = setup();
  let finish!: (r: ExecutionResult) => void;
  const first = s.shared.resolve('k', () => new Promise<ExecutionResult>((resolve) => (finish = resolve)));
  const waiting = [s.shared.resolve('k', s.resolver({ data: { n: 'own' } })), s.shared.resolve('k', s.resolver({ data: { n: 'own' } }))];
  finish({ data: { n: 'shared' } });
  assert.deepEqual(await Promise.all([first, ...waiting]), [{ data: { n: 'shared' } }, { data: { n: 'shared' } }, { data: { n: 'shared' } }]);
  assert.equal(s.runs(), 0);
  assert.equal(s.stats.reused, 2);

  let fail!: (r: ExecutionResult) => void;
  const failing = s.shared.resolve('bad', () => new Promise<ExecutionResult>((resolve) => (fail = resolve)));
  const waiter = s.shared.resolve('bad', s.resolver({ data: { n: 'own' } }));
  fail({ errors: [new GraphQLError('timeout')] });
  assert.equal((await failing).errors?.length, 1);
  assert.deepEqual(await waiter, { data: { n: 'own' } });
  assert.equal(s.runs(), 1);

  // An entity that changes while the first resolves: the waiters resolve afresh.
  let late!: (r: ExecutionResult) => void;
  const stale = s.shared.resolve('changed', () => new Promise<ExecutionResult>((resolve) => (late = resolve)));
  const after = s.shared.resolve('changed', s.resolver({ data: { name: 'new' } }));
  s.entities.version = 2;
  late({ data: { name: 'old' } });
  await stale;
  assert.deepEqual(await after, { data: { name: 'new' } });
});
