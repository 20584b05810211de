/**
 * The credential pool against a real redis-server (or the Redis Cluster named
 * by REDIS_CLUSTER_NODES). Two pools on two connections stand for two chat
 * instances sharing one Redis; each test gets its own namespace, so tests do
 * not see each other's slots or queues.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { nodesOf } from '../../lib/redis/client.js';
import { ServiceMetrics } from '../../lib/observability/metrics.js';
import { observe } from '../../testing/observe.js';
import { redisTarget, type RedisTarget } from '../../testing/redisTarget.js';
import { CredentialPool, keyIdOf, type CredentialPoolOptions, type Lease } from './credentialPool.js';

// Shaped like real keys, so that a leak would be recognisable anywhere.
const KEY_A = 'sk-test-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'sk-test-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const RAW_KEYS = [KEY_A, KEY_B];
const ID_A = keyIdOf(KEY_A);
const ID_B = keyIdOf(KEY_B);

let server: RedisTarget;
let redisA: Redis;
let redisB: Redis;
const pools: CredentialPool[] = [];
const logLines: string[] = [];
const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });

before(async () => {
  server = await redisTarget('vidhub-credpool-');
  redisA = server.connect({ name: 'chat-1' });
  redisB = server.connect({ name: 'chat-2' });
});

after(async () => {
  await Promise.all(pools.map((p) => p.dispose()));
  redisA.disconnect();
  redisB.disconnect();
  await server.dispose();
});

let namespaces = 0;
function newNamespace(): string {
  return `{llm-test-${++namespaces}}`;
}

function pool(redis: Redis, namespace: string, keys: string[], opts: Partial<CredentialPoolOptions> = {}): CredentialPool {
  const p = new CredentialPool({ redis, keys, log, namespace, ...opts });
  pools.push(p);
  return p;
}

/** Two chat instances, each with its own connection, sharing one namespace. */
function twoInstances(keys: string[], opts: Partial<CredentialPoolOptions> = {}): [CredentialPool, CredentialPool] {
  const namespace = newNamespace();
  return [pool(redisA, namespace, keys, opts), pool(redisB, namespace, keys, opts)];
}

function withCode(code: string, check: (extensions: Record<string, unknown>) => void = () => {}) {
  return (err: unknown) => {
    assert.ok(err instanceof GraphQLError, `expected a GraphQLError, got ${String(err)}`);
    assert.equal(err.extensions.code, code);
    check(err.extensions);
    return true;
  };
}

/**
 * Leases expire by Redis' clock (TIME), which a test cannot move, so the tests
 * that need a lease to expire use a real TTL. It is long enough that a holder
 * renewing every 50-100 ms never misses it, even on a machine whose cores are
 * busy elsewhere: renewals would have to stall for seconds.
 */
const TTL = 2_000;

/** Polls until `condition`; the deadline only bounds a test that would otherwise hang. */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

async function releaseAll(leases: Lease[]): Promise<void> {
  await Promise.all(leases.map((l) => l.release()));
}

test('20 concurrent calls over two instances never exceed 2 per key, and all complete', async () => {
  const [one, two] = twoInstances([KEY_A, KEY_B]);
  const inUse = new Map<string, number>();
  const peak = new Map<string, number>();
  let completed = 0;

  const call = async (p: CredentialPool) => {
    const lease = await p.acquire('text');
    const n = (inUse.get(lease.keyId) ?? 0) + 1;
    inUse.set(lease.keyId, n);
    peak.set(lease.keyId, Math.max(peak.get(lease.keyId) ?? 0, n));
    assert.ok(n <= 2, `${n} concurrent calls on key ${lease.keyId}`);
    await sleep(50);
    // Count down before giving the slot back, so the counter never lags the slot.
    inUse.set(lease.keyId, (inUse.get(lease.keyId) ?? 1) - 1);
    await lease.release();
    completed++;
  };
  await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 === 0 ? one : two)));

  assert.equal(completed, 20);
  assert.deepEqual([...peak.keys()].sort(), [ID_A, ID_B].sort(), 'both keys were used');
  for (const [keyId, n] of peak) assert.equal(n, 2, `key ${keyId} peaked at ${n}`);
  for (const row of await one.status()) assert.deepEqual(row.inUse, { text: 0, image: 0, slides: 0 });
  assert.equal(await two.waiting('text'), 0);
});

test('capabilities are counted separately: 2 text and 2 image on one key at once', async () => {
  const [one, two] = twoInstances([KEY_A], { queueTimeoutMs: 150 });
  const leases = await Promise.all([one.acquire('text'), two.acquire('text'), one.acquire('image'), two.acquire('image')]);
  assert.ok(leases.every((l) => l.keyId === ID_A));
  assert.deepEqual(await one.status(), [{ keyId: ID_A, disabled: false, inUse: { text: 2, image: 2, slides: 0 } }]);

  await assert.rejects(two.acquire('text'), withCode('RATE_LIMITED'), 'text is full');
  const slides = await two.acquire('slides');
  assert.equal(slides.capability, 'slides');
  await releaseAll([...leases, slides]);
  assert.deepEqual((await two.status())[0]?.inUse, { text: 0, image: 0, slides: 0 });
});

test('with 2 keys the 5th concurrent call waits for a release, then takes the freed slot', async () => {
  const [one, two] = twoInstances([KEY_A, KEY_B]);
  const held = await Promise.all([one.acquire('text'), one.acquire('text'), two.acquire('text'), two.acquire('text')]);
  assert.deepEqual(held.map((l) => l.keyId).sort(), [ID_A, ID_A, ID_B, ID_B].sort(), 'least-loaded: two on each key');

  const fifth = two.acquire('text');
  const state = observe(fifth);
  await until('the 5th call is queued', async () => (await one.waiting('text')) === 1);
  await sleep(150); // several poll intervals
  assert.equal(state.settled, false, 'the 5th call must wait while all four slots are held');

  const [freed, ...rest] = held as [Lease, ...Lease[]];
  await freed.release();
  const lease = await fifth;
  assert.equal(lease.keyId, freed.keyId, 'it takes the slot that was freed');
  assert.equal(await one.waiting('text'), 0);
  await releaseAll([lease, ...rest]);
});

test('waiters are served in arrival order across instances', async () => {
  const [one, two] = twoInstances([KEY_A]);
  // One slot stays held throughout, so waiters are served one at a time.
  const [gate, held] = await Promise.all([one.acquire('text'), two.acquire('text')]);

  const order: number[] = [];
  const waiters: Promise<void>[] = [];
  for (let i = 0; i < 6; i++) {
    const p = i % 2 === 0 ? one : two;
    waiters.push(
      p.acquire('text').then(async (lease) => {
        order.push(i);
        await sleep(5);
        await lease.release();
      }),
    );
    // Arrival order is the order of tickets: let each one join before the next arrives.
    await until(`waiter ${i} is queued`, async () => (await one.waiting('text')) === i + 1);
  }

  await gate.release();
  await Promise.all(waiters);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  await held.release();
});

test('a caller that waits longer than queueTimeoutMs gets RATE_LIMITED with retryAfterSeconds and leaves the queue', async () => {
  // The held leases must outlive the wait however slowly the test runs, hence a long TTL.
  const [one, two] = twoInstances([KEY_A], { queueTimeoutMs: 150, leaseTtlMs: 60_000 });
  const held = await Promise.all([one.acquire('text'), one.acquire('text')]);

  await assert.rejects(
    two.acquire('text'),
    withCode('RATE_LIMITED', (ext) => {
      assert.ok(Number.isInteger(ext.retryAfterSeconds), 'retryAfterSeconds is whole seconds');
      const seconds = ext.retryAfterSeconds as number;
      assert.ok(seconds >= 1 && seconds <= 60, `retryAfterSeconds ${seconds} within the lease TTL`);
    }),
  );
  assert.equal(await one.waiting('text'), 0);
  await releaseAll(held);
});

test('a lease never released (its holder crashed) frees its slot after leaseTtlMs', async () => {
  const [crashed, survivor] = twoInstances([KEY_A], { leaseTtlMs: TTL });
  const lost = await crashed.acquire('text');
  // The survivor's own lease stays alive, so it is the crashed lease's expiry,
  // not the whole slot set's, that frees the slot.
  const kept = await survivor.acquire('text');
  let renewing = true;
  const renewals = (async () => {
    while (renewing) {
      assert.equal(await kept.renew(), true);
      await sleep(50);
    }
  })();

  const lease = await survivor.acquire('text');
  renewing = false;
  await renewals;
  assert.equal(lease.keyId, ID_A);
  assert.equal(await lost.renew(), false, 'an expired lease cannot be renewed');
  assert.equal((await survivor.status())[0]?.inUse.text, 2, 'the kept lease and the new one');
  await releaseAll([kept, lease]);
});

test('renew keeps a lease alive past its TTL', async () => {
  const [holder, other] = twoInstances([KEY_A], { leaseTtlMs: TTL, queueTimeoutMs: 3 * TTL });
  const held = await Promise.all([holder.acquire('text'), holder.acquire('text')]);

  let renewing = true;
  const renewals = (async () => {
    while (renewing) {
      for (const l of held) assert.equal(await l.renew(), true, 'a live lease renews');
      await sleep(100);
    }
  })();
  // The other instance waits for three TTLs' worth of time without getting a slot.
  await assert.rejects(other.acquire('text'), withCode('RATE_LIMITED'));
  renewing = false;
  await renewals;

  assert.equal((await other.status())[0]?.inUse.text, 2);
  await releaseAll(held);
  assert.equal(await held[0]!.renew(), false, 'a released lease cannot be renewed');
  assert.equal((await other.status())[0]?.inUse.text, 0);
});

test('a lease whose TTL passed without renewal is lost, even before anyone else sweeps it', async () => {
  const [one] = twoInstances([KEY_A], { leaseTtlMs: TTL });
  const [kept, neglected] = await Promise.all([one.acquire('text'), one.acquire('text')]);
  // Renew one lease until the other has expired by Redis' clock (status counts live leases only),
  // rather than for a fixed time that a slow run may not have covered.
  await until('the neglected lease has expired', async () => {
    assert.equal(await kept.renew(), true);
    if ((await one.status())[0]?.inUse.text === 1) return true;
    await sleep(50);
    return false;
  });
  assert.equal(await neglected.renew(), false, 'no reviving a lease whose slot may be someone else\'s');
  assert.equal((await one.status())[0]?.inUse.text, 1);
  await releaseAll([kept, neglected]);
});

test('a disabled key is skipped by every instance and shown in status', async () => {
  const [one, two] = twoInstances([KEY_A, KEY_B], { queueTimeoutMs: 150 });
  const before = logLines.length;
  await one.disable(ID_A, `401 Unauthorized: invalid api key ${KEY_A}`);
  await one.disable(ID_A, 'again');
  await two.disable(ID_A, 'and from the other instance');

  const warnings = logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'llm credential disabled');
  assert.equal(warnings.length, 1, 'logged once');
  assert.equal(warnings[0]?.keyId, ID_A);
  assert.match(String(warnings[0]?.reason), new RegExp(`\\[key ${ID_A}\\]`), 'the key in the reason is replaced by its id');

  const leases = await Promise.all([two.acquire('text'), two.acquire('text')]);
  assert.deepEqual(leases.map((l) => l.keyId), [ID_B, ID_B]);
  await assert.rejects(one.acquire('text'), withCode('RATE_LIMITED'), 'the disabled key offers no slots');

  assert.deepEqual(await one.status(), [
    { keyId: ID_A, disabled: true, inUse: { text: 0, image: 0, slides: 0 } },
    { keyId: ID_B, disabled: false, inUse: { text: 2, image: 0, slides: 0 } },
  ]);
  await releaseAll(leases);
  await assert.rejects(one.disable('not-a-key-id', 'x'), TypeError);
});

// The waiter could wait 10 minutes: only the disabled key, not its queue timeout, may end its wait
// (on a slow run a 10 s timeout could answer RATE_LIMITED first). A pool that never noticed fails by
// the test's timeout.
test('waiters fail with UPSTREAM_UNAVAILABLE as soon as the last usable key is disabled', { timeout: 120_000 }, async () => {
  const [one, two] = twoInstances([KEY_A], { queueTimeoutMs: 600_000 });
  const held = await Promise.all([one.acquire('text'), one.acquire('text')]);
  const waiter = two.acquire('text');
  await until('the caller is queued', async () => (await one.waiting('text')) === 1);

  await one.disable(ID_A, 'revoked');
  await assert.rejects(waiter, withCode('UPSTREAM_UNAVAILABLE'));
  assert.equal(await one.waiting('text'), 0);
  await releaseAll(held);
});

// A 10-minute queue timeout: had the pool queued these calls, the test would time out after 2 minutes,
// however slowly the machine runs the calls that do not queue.
test('excluding every usable key fails with UPSTREAM_UNAVAILABLE at once; excluding one fails over', { timeout: 120_000 }, async () => {
  const [one, two] = twoInstances([KEY_A, KEY_B], { queueTimeoutMs: 600_000 });
  const failover = await one.acquire('text', { exclude: new Set([ID_A]) });
  assert.equal(failover.keyId, ID_B);
  await failover.release();

  await one.disable(ID_B, 'revoked');
  await assert.rejects(two.acquire('text', { exclude: new Set([ID_A]) }), withCode('UPSTREAM_UNAVAILABLE'));
  await assert.rejects(two.acquire('image', { exclude: new Set([ID_A, ID_B]) }), withCode('UPSTREAM_UNAVAILABLE'));
  await one.disable(ID_A, 'revoked');
  await assert.rejects(two.acquire('slides'), withCode('UPSTREAM_UNAVAILABLE'));
  assert.equal(await one.waiting('text'), 0);
});

test('metrics: key requests by outcome, failovers, leases held here and the queue shared by every instance', async () => {
  const metrics = new ServiceMetrics('chat');
  const namespace = newNamespace();
  const one = pool(redisA, namespace, [KEY_A, KEY_B], { metrics, queueTimeoutMs: 150, leaseTtlMs: 5_000 });
  // Another instance, measuring nothing: its waiter shows in this instance's queue length all the same.
  const other = pool(redisB, namespace, [KEY_A, KEY_B], { queueTimeoutMs: 30_000 });
  const read = async () => {
    const values: Record<string, number> = {};
    for (const metric of await metrics.registry.getMetricsAsJSON()) {
      if (!metric.name.startsWith('vidhub_llm_')) continue;
      for (const v of metric.values as { labels: Record<string, string | number>; value: number; metricName?: string }[]) {
        const labels = Object.entries(v.labels).filter(([k]) => k !== 'service' && k !== 'le').map(([k, x]) => `${k}=${x}`).join(',');
        if (!v.metricName || v.metricName.endsWith('_count')) values[`${v.metricName ?? metric.name}{${labels}}`] = v.value;
      }
    }
    return values;
  };

  const first = await one.acquire('text');
  const failover = await one.acquire('text', { exclude: new Set([first.keyId]) });
  assert.notEqual(failover.keyId, first.keyId);
  await assert.rejects(one.acquire('text', { exclude: new Set([ID_A, ID_B]) }), withCode('UPSTREAM_UNAVAILABLE'));
  const full = await Promise.all([one.acquire('text'), one.acquire('text')]);
  const waiter = other.acquire('text');
  await until('the other instance waits', async () => (await one.waiting('text')) === 1);
  let m = await read();
  assert.equal(m['vidhub_llm_queue_length{capability=text}'], 1);
  assert.equal(m['vidhub_llm_leases_held{capability=text}'], 4);
  await assert.rejects(one.acquire('text'), withCode('RATE_LIMITED'));

  await first.release();
  const served = await waiter;
  await releaseAll([failover, ...full, served]);
  m = await read();
  assert.equal(m['vidhub_llm_lease_requests_total{capability=text,outcome=granted}'], 4);
  assert.equal(m['vidhub_llm_lease_requests_total{capability=text,outcome=unavailable}'], 1);
  assert.equal(m['vidhub_llm_lease_requests_total{capability=text,outcome=rate_limited}'], 1);
  assert.equal(m['vidhub_llm_failovers_total{capability=text}'], 2, 'both calls that excluded a failed key');
  assert.equal(m['vidhub_llm_queue_wait_seconds_count{capability=text}'], 4, 'one wait per granted lease');
  assert.equal(m['vidhub_llm_leases_held{capability=text}'], 0);
  assert.equal(m['vidhub_llm_queue_length{capability=text}'], 0);
});

test('no configured keys at all is LLM_NOT_CONFIGURED', async () => {
  const p = pool(redisA, newNamespace(), []);
  await assert.rejects(p.acquire('text'), withCode('LLM_NOT_CONFIGURED'));
  assert.deepEqual(await p.status(), []);
});

test('an abort while waiting rejects with its reason and leaves the queue, so the next waiter is not blocked', async () => {
  // The queue timeout is shorter than the heartbeat TTL: if the aborted caller
  // stayed in the queue, the next one would time out behind it. Both are long,
  // so a slow run cannot make the next caller time out for any other reason.
  const [one, two] = twoInstances([KEY_A], { queueTimeoutMs: 30_000, heartbeatTtlMs: 120_000 });
  const held = await Promise.all([one.acquire('text'), one.acquire('text')]);

  const controller = new AbortController();
  const aborted = one.acquire('text', { signal: controller.signal });
  await until('the first caller is queued', async () => (await one.waiting('text')) === 1);
  const next = two.acquire('text');
  await until('the second caller is queued', async () => (await one.waiting('text')) === 2);

  const reason = new Error('client went away');
  controller.abort(reason);
  await assert.rejects(aborted, (err) => err === reason);
  assert.equal(await one.waiting('text'), 1);

  await held[0]!.release();
  const lease = await next;
  assert.equal(lease.keyId, ID_A);

  await assert.rejects(one.acquire('text', { signal: AbortSignal.abort(reason) }), (err) => err === reason, 'an aborted signal rejects at once');
  await releaseAll([lease, held[1]!]);
});

test('the queue entry of an instance that died while waiting lapses with its heartbeat', async () => {
  const namespace = newNamespace();
  // A short heartbeat so the dead waiter lapses quickly; a long queue timeout so the live
  // one is still waiting when it does, however slow the run.
  const opts = { heartbeatTtlMs: 300, queueTimeoutMs: 60_000 };
  const one = pool(redisA, namespace, [KEY_A], opts);
  const two = pool(redisB, namespace, [KEY_A], opts);
  const redisC = server.connect({ name: 'chat-3' });
  const doomed = pool(redisC, namespace, [KEY_A], opts);

  const held = await Promise.all([one.acquire('text'), one.acquire('text')]);
  const early = doomed.acquire('text');
  await until('the doomed caller is queued', async () => (await one.waiting('text')) === 1);
  const late = two.acquire('text');
  await until('the later caller is queued', async () => (await one.waiting('text')) === 2);

  // The instance loses Redis mid-wait: it can neither poll nor leave the queue.
  redisC.disconnect();
  await assert.rejects(early);
  await held[0]!.release();

  const lease = await late;
  assert.equal(lease.keyId, ID_A, 'served once the dead waiter ahead lapsed');
  assert.equal(await one.waiting('text'), 0);
  await releaseAll([lease, held[1]!]);
});

test('a lease does not reveal its key when logged or serialised', async () => {
  const [one] = twoInstances([KEY_A]);
  const lease = await one.acquire('text');
  assert.equal(lease.key, KEY_A, 'the holder gets the raw key');
  assert.ok(!JSON.stringify(lease).includes(KEY_A));
  assert.ok(!inspect(lease, { depth: 5, showHidden: true }).includes(KEY_A));
  const before = logLines.length;
  log.info({ lease }, 'holding');
  assert.ok(!logLines.slice(before).join('').includes(KEY_A));
  await lease.release();
});

// Last, so it sees what every test above wrote.
test('raw keys never reach Redis (keys, values, append-only file) or the logs', async () => {
  let dump = '';
  // SCAN answers for one node: on a cluster, every master is scanned.
  for (const node of nodesOf(redisA)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        dump += `${key}\n`;
        const type = await node.type(key);
        if (type === 'string') dump += `${await node.get(key)}\n`;
        else if (type === 'set') dump += `${(await node.smembers(key)).join('\n')}\n`;
        else if (type === 'zset') dump += `${(await node.zrange(key, 0, -1, 'WITHSCORES')).join('\n')}\n`;
        else if (type === 'hash') dump += `${JSON.stringify(await node.hgetall(key))}\n`;
        else if (type === 'list') dump += `${(await node.lrange(key, 0, -1)).join('\n')}\n`;
        else if (type === 'stream') dump += `${(await node.xrange(key, '-', '+')).flat(2).join('\n')}\n`;
        else assert.fail(`unexpected ${type} at ${key}`);
      }
    } while (cursor !== '0');
  }
  assert.ok(dump.includes(ID_A) && dump.includes(ID_B), 'the scan sees the pools\' data (by keyId)');

  // The embedded server's append-only file (a cluster's files are its nodes' own).
  const dataDir = server.dataDir;
  const aof = dataDir
    ? readdirSync(dataDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'latin1'))
        .join('\n')
    : '';
  if (dataDir) assert.ok(aof.includes(ID_A), 'the append-only file records the pools\' writes');

  const logs = logLines.join('\n');
  for (const raw of RAW_KEYS) {
    assert.ok(!dump.includes(raw), 'a raw key is stored in Redis');
    assert.ok(!aof.includes(raw), 'a raw key was written to Redis');
    assert.ok(!logs.includes(raw), 'a raw key was logged');
  }
});
