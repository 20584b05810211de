import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Redis } from 'ioredis';
import { STREAMS, publishEvent } from '../lib/redis/domainEvents.js';
import { redisTarget, type RedisTarget } from '../testing/redisTarget.js';
import { EntityCache, type EntitiesResponse, type Representation } from './entityCache.js';

// The streams are real Redis Streams on an embedded redis-server (or the cluster of REDIS_CLUSTER_NODES).
let server: RedisTarget;
let redis: Redis;
before(async () => {
  server = await redisTarget('vidhub-entity-cache-');
  redis = server.connect();
});
after(async () => {
  redis.disconnect();
  await server.dispose();
});

const QUERY = 'user\u0000query($representations:[_Any!]!){_entities(representations:$representations){...on User{username displayName}}}';
const user = (id: string): Representation => ({ __typename: 'User', id });

/** A stand-in for the user subgraph: answers from `names`, counts the representations it was asked for. */
function subgraph(names: Map<string, string>) {
  const asked: string[][] = [];
  return {
    asked,
    fetch: async (reps: readonly Representation[]): Promise<EntitiesResponse> => {
      asked.push(reps.map((r) => String(r.id)));
      return { data: { _entities: reps.map((r) => (names.has(String(r.id)) ? { username: String(r.id), displayName: names.get(String(r.id)) } : null)) } };
    },
  };
}

let caches: EntityCache[] = [];
async function startCache(opts: { maxAgeMs?: number; now?: () => number } = {}) {
  const invalidated: number[] = [];
  let waiters: (() => void)[] = [];
  const cache = new EntityCache({
    redis,
    sources: [{ stream: STREAMS.user, typename: 'User' }],
    blockMs: 200,
    onInvalidate: (lag) => {
      invalidated.push(lag);
      for (const w of waiters) w();
      waiters = [];
    },
    ...opts,
  });
  await cache.start();
  caches.push(cache);
  /** Resolves once `n` invalidations in all have been applied. */
  const invalidations = async (n: number) => {
    while (invalidated.length < n) await new Promise<void>((r) => waiters.push(r));
  };
  return { cache, invalidated, invalidations };
}
beforeEach(async () => {
  await Promise.all(caches.map((c) => c.stop()));
  caches = [];
});
after(async () => {
  await Promise.all(caches.map((c) => c.stop()));
});

const names = (res: EntitiesResponse) => (res.data?._entities ?? []).map((e) => (e as { displayName?: string } | null)?.displayName ?? null);

test('a second fetch of the same entities, by any viewer, is answered from the cache; only missing ones go upstream, in order', async () => {
  const { cache } = await startCache();
  const users = subgraph(new Map([['a1', 'Ann'], ['b1', 'Bob'], ['c1', 'Cy']]));
  assert.deepEqual(names(await cache.load(QUERY, [user('a1'), user('b1')], users.fetch)), ['Ann', 'Bob']);
  assert.deepEqual(names(await cache.load(QUERY, [user('b1'), user('c1'), user('a1')], users.fetch)), ['Bob', 'Cy', 'Ann']);
  assert.deepEqual(users.asked, [['a1', 'b1'], ['c1']], 'the second fetch asked only for c1');
  assert.deepEqual(names(await cache.load(QUERY, [user('c1'), user('a1')], users.fetch)), ['Cy', 'Ann']);
  assert.equal(users.asked.length, 2, 'all cached: no upstream fetch');
  // Another selection of the same entity is another answer.
  await cache.load(`${QUERY} other`, [user('a1')], users.fetch);
  assert.equal(users.asked.length, 3);
});

test('a change event drops the entity: the next fetch reads the new value', async () => {
  const { cache, invalidated, invalidations } = await startCache();
  const data = new Map([['a2', 'Ann']]);
  const users = subgraph(data);
  assert.deepEqual(names(await cache.load(QUERY, [user('a2')], users.fetch)), ['Ann']);
  data.set('a2', 'Anna');
  await publishEvent(redis, STREAMS.user, { type: 'user.updated', subjectId: 'a2', payload: {} });
  await invalidations(1);
  assert.deepEqual(names(await cache.load(QUERY, [user('a2')], users.fetch)), ['Anna']);
  assert.equal(users.asked.length, 2);
  assert.ok(invalidated[0]! >= 0);
  assert.equal(cache.stats.invalidations, 1);
});

test('events published before the cache started are not applied, events after it are never missed', async () => {
  await publishEvent(redis, STREAMS.user, { type: 'user.updated', subjectId: 'old', payload: {} });
  const { cache, invalidations } = await startCache();
  const data = new Map([['a3', 'Ann']]);
  const users = subgraph(data);
  await cache.load(QUERY, [user('a3')], users.fetch);
  data.set('a3', 'Anna');
  await publishEvent(redis, STREAMS.user, { type: 'user.updated', subjectId: 'a3', payload: {} });
  await invalidations(1);
  assert.equal(cache.stats.invalidations, 1, 'only the event after start');
  assert.deepEqual(names(await cache.load(QUERY, [user('a3')], users.fetch)), ['Anna']);
});

test('an answer fetched while its entity changed is not kept (it may hold the old value)', async () => {
  const { cache, invalidations } = await startCache();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const slow = async (reps: readonly Representation[]): Promise<EntitiesResponse> => {
    calls++;
    if (calls === 1) await gate; // read "before" the change, answered after it
    return { data: { _entities: reps.map(() => ({ displayName: calls === 1 ? 'Old' : 'New' })) } };
  };
  const first = cache.load(QUERY, [user('a4')], slow);
  await publishEvent(redis, STREAMS.user, { type: 'user.updated', subjectId: 'a4', payload: {} });
  await invalidations(1);
  release();
  assert.deepEqual(names(await first), ['Old'], 'the in-flight answer still goes to its caller');
  assert.deepEqual(names(await cache.load(QUERY, [user('a4')], slow)), ['New'], 'but it was not kept');
  assert.equal(calls, 2);
});

test('answers with errors, and null entities, are passed on and not kept', async () => {
  const { cache } = await startCache();
  let calls = 0;
  const failing = async (reps: readonly Representation[]): Promise<EntitiesResponse> => {
    calls++;
    return { data: { _entities: reps.map(() => null) }, errors: [{ message: 'boom', path: ['_entities', 0] }] };
  };
  const res = await cache.load(QUERY, [user('a5')], failing);
  assert.equal(res.errors?.length, 1);
  await cache.load(QUERY, [user('a5')], failing);
  assert.equal(calls, 2);
  const users = subgraph(new Map());
  await cache.load(QUERY, [user('nobody')], users.fetch);
  await cache.load(QUERY, [user('nobody')], users.fetch);
  assert.equal(users.asked.length, 2, 'a missing entity is asked again');
});

test('when a cached part meets a failing upstream part, the whole fetch is made again without the cache', async () => {
  const { cache } = await startCache();
  const users = subgraph(new Map([['a6', 'Ann']]));
  await cache.load(QUERY, [user('a6')], users.fetch);
  const asked: string[][] = [];
  const res = await cache.load(QUERY, [user('a6'), user('b6')], async (reps) => {
    asked.push(reps.map((r) => String(r.id)));
    return { data: { _entities: reps.map(() => null) }, errors: [{ message: 'boom' }] };
  });
  assert.deepEqual(asked, [['b6'], ['a6', 'b6']]);
  assert.equal(res.errors?.length, 1);
});

test('entries expire after maxAgeMs even without an event', async () => {
  let now = 1_000_000;
  const { cache } = await startCache({ maxAgeMs: 1_000, now: () => now });
  const users = subgraph(new Map([['a7', 'Ann']]));
  await cache.load(QUERY, [user('a7')], users.fetch);
  now += 999;
  await cache.load(QUERY, [user('a7')], users.fetch);
  assert.equal(users.asked.length, 1);
  now += 2;
  await cache.load(QUERY, [user('a7')], users.fetch);
  assert.equal(users.asked.length, 2);
});

test('representations of types without a change stream are never cached', async () => {
  const { cache } = await startCache();
  let calls = 0;
  const fetch = async (reps: readonly Representation[]): Promise<EntitiesResponse> => {
    calls++;
    return { data: { _entities: reps.map(() => ({ title: 't' })) } };
  };
  await cache.load(QUERY, [{ __typename: 'Video', id: 'v1' }], fetch);
  await cache.load(QUERY, [{ __typename: 'Video', id: 'v1' }], fetch);
  assert.equal(calls, 2);
});

test('when the event stream is cut, the tail reconnects and reads on from the last event it saw, so no change is missed', async (t) => {
  if (server.cluster) return t.skip('CLIENT KILL reaches one node of a cluster');
  const { cache, invalidations } = await startCache();
  const data = new Map([['a8', 'Ann']]);
  const users = subgraph(data);
  await cache.load(QUERY, [user('a8')], users.fetch);
  // Cut the tail's connection: its XREAD fails, it reconnects and reads on from the last event it saw.
  assert.ok(cache.stats.live);
  while (!((await redis.call('CLIENT', 'LIST')) as string).includes('cmd=xread')) await new Promise((r) => setTimeout(r, 20));
  const killed = Number(await redis.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'));
  assert.ok(killed >= 1, `the tail was cut (${String(killed)})`);
  data.set('a8', 'Anna');
  await publishEvent(redis, STREAMS.user, { type: 'user.updated', subjectId: 'a8', payload: {} });
  await invalidations(1);
  assert.deepEqual(names(await cache.load(QUERY, [user('a8')], users.fetch)), ['Anna']);
  assert.ok(cache.stats.live, 'reading again');
});
