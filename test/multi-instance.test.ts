/**
 * Scale-out end to end: two gateways and two instances of every subgraph, as a
 * deployment with replicas runs them. Each gateway reaches each subgraph
 * through a round-robin balancer (testing/balancer.ts) that sends every
 * request and every WebSocket upgrade to the next instance in turn; all
 * instances share one Redis, one data directory and one object store. The
 * search instances share one index, as they share one Elasticsearch in
 * production.
 *
 * Checked: a chat conversation whose members are on different gateways stays
 * ordered and lossless; an upload whose chunks land on both video instances
 * completes and publishes; exactly one search instance leads the sync, and
 * when it dies (cut off from Redis and the index mid-batch) another takes over
 * and no event is lost or applied twice; the stale-upload cleanup runs once
 * per period across instances; the AI provider key limit holds across chat
 * instances; a sign-out at one gateway closes the session's sockets on the
 * other.
 *
 * SQLite: the instances run in this process and open the same database files
 * (WAL, busy timeout: lib/data/documents.ts), as separate processes do.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Client } from 'graphql-ws';
import { publishEvent, STREAMS } from '../lib/redis/domainEvents.js';
import type { SearchDocument, SearchIndex, WriteResult } from '../subgraphs/search/engine/port.js';
import type { SearchSubgraph } from '../subgraphs/search/server.js';
import { SYNC_GROUP } from '../subgraphs/search/indexSync.js';
import type { ChatSubgraph } from '../subgraphs/chat/server.js';
import type { VideoSubgraph } from '../subgraphs/video/server.js';
import type { RunningGateway } from '../gateway/server.js';
import { startBalancer, type Balancer } from '../testing/balancer.js';
import { FakeLlm } from '../testing/fakeLlm.js';
import { as, signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, gqlUpload, listening, startStack, subscribe, waitForMatching, wsClient, type Stack } from '../testing/harness.js';
import { largeMkv, sha256 } from '../testing/media.js';
import {
  AssistantAnswerDocument,
  CompleteUploadDocument,
  InitUploadDocument,
  LogoutDocument,
  MessageEventsDocument,
  PublishVideoDocument,
  SearchVideoIdsDocument,
  SendMessageDocument,
  StartConversationDocument,
  UploadChunkDocument,
  VideoSummaryDocument,
} from '../testing/__generated__/operations.js';
import { parseMetrics, valueOf } from '../testing/prometheus.js';

const KEYS = ['key-alpha-0001', 'key-bravo-0002'];

async function eventually<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function metric(metricsUrl: string | undefined, name: string, labels: Record<string, string> = {}): Promise<number> {
  assert.ok(metricsUrl, 'the instance exposes metrics');
  return valueOf(parseMetrics(await (await fetch(metricsUrl)).text()), name, labels);
}

/**
 * One search instance's view of the shared index. It counts the writes that
 * changed the index (not skipped as stale) per document, for every instance
 * together. `freeze` lets the next write reach the index but never answer,
 * like a process that dies between writing and acknowledging; `kill` fails
 * everything after, as an index connection of a dead process would.
 */
class InstanceIndex {
  frozen = false;
  killed = false;
  /** Write calls this instance made. */
  writes = 0;
  /** Resolves once a frozen write has reached the index. */
  heldWrite: Promise<void>;
  private held!: () => void;
  private readonly release: ((err: Error) => void)[] = [];

  constructor(private readonly applied: Map<string, number>) {
    this.heldWrite = new Promise((r) => (this.held = r));
  }

  wrap(index: SearchIndex): SearchIndex {
    const count = (docs: { id: string }[], results: WriteResult[]) =>
      results.forEach((r, i) => {
        if (r.ok && !r.skipped) this.applied.set(docs[i]!.id, (this.applied.get(docs[i]!.id) ?? 0) + 1);
      });
    const write = async <T extends { id: string }>(items: T[], op: (items: T[]) => Promise<WriteResult[]>) => {
      if (this.killed) throw new Error('index unreachable: this instance is dead');
      this.writes++;
      const results = await op(items);
      count(items, results);
      if (this.frozen) {
        this.held();
        return new Promise<WriteResult[]>((_, reject) => this.release.push(reject));
      }
      return results;
    };
    return new Proxy(index, {
      get: (target, prop, receiver) => {
        if (prop === 'upsert') return (docs: SearchDocument[]) => write(docs, (d) => target.upsert(d));
        if (prop === 'remove') return (items: { kind: 'video' | 'user'; id: string; version: number }[]) => write(items, (i) => target.remove(i));
        // Stopping an instance must not dispose the index the others share.
        if (prop === 'dispose') return async () => {};
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  kill() {
    this.killed = true;
    for (const reject of this.release.splice(0)) reject(new Error('index unreachable: this instance is dead'));
  }
}

describe('every service as two instances behind balancers', { skip: process.env.REDIS_CLUSTER_NODES ? 'a Redis Cluster cannot be proxied to one instance (test/redis-cluster.test.ts covers the cluster)' : false }, () => {
  let stack: Stack;
  let llm: FakeLlm;
  let gateways: RunningGateway[];
  let balancers: Record<'user' | 'video' | 'chat' | 'search', Balancer>;
  /** The two search instances (each reaching Redis through its own proxy) and their index views. */
  let searches: { instance: SearchSubgraph; redisProxy: Balancer; index: InstanceIndex }[];
  /** Both instances of each, in the balancer's order. */
  let videos: VideoSubgraph[];
  let chats: ChatSubgraph[];
  const applied = new Map<string, number>();
  const clients: Client[] = [];
  let n = 0;

  const register = (gateway: RunningGateway): Promise<Auth> => signUp(gateway.url, `scaled${++n}_${randomBytes(3).toString('hex')}`);
  const ws = (gateway: RunningGateway, a: Auth) => {
    const client = wsClient(gateway.url, { token: a.accessToken, deviceId: a.deviceId });
    clients.push(client);
    return client;
  };

  before(async () => {
    llm = await new FakeLlm().start();
    stack = await startStack({
      // A short lock lifetime and cleanup period, so takeovers and periods pass quickly.
      SEARCH_LEADER_TTL_SECONDS: '5',
      VIDEO_CLEANUP_INTERVAL_SECONDS: '1',
      LLM_BASE_URL: llm.url,
      LLM_MODEL: 'lite',
      LLM_API_KEYS: KEYS.join(','),
      LLM_QUEUE_TIMEOUT_MS: '120000',
    });
    const redisUrl = stack.config.REDIS_URL;
    assert.ok(redisUrl, 'one Redis server');
    // The stack's own search instance steps down: the two below, which can be killed, compete.
    await stack.search.sync.dispose();
    searches = [];
    for (let i = 0; i < 2; i++) {
      const redisProxy = await startBalancer([redisUrl], 'tcp');
      const index = new InstanceIndex(applied);
      const instance = await stack.startInstance('search', {
        env: { REDIS_URL: redisProxy.url, REDIS_COMMAND_TIMEOUT_MS: '3000' },
        wrapIndex: () => index.wrap(stack.search.index),
      });
      searches.push({ instance, redisProxy, index });
    }
    const [user2, video2, chat2] = await Promise.all([stack.startInstance('user'), stack.startInstance('video'), stack.startInstance('chat')]);
    videos = [stack.video, video2];
    chats = [stack.chat, chat2];
    balancers = {
      user: await startBalancer([stack.user.url, user2.url]),
      video: await startBalancer([stack.video.url, video2.url]),
      chat: await startBalancer([stack.chat.url, chat2.url]),
      search: await startBalancer(searches.map((s) => s.instance.url)),
    };
    const urls = { user: balancers.user.url, video: balancers.video.url, chat: balancers.chat.url, search: balancers.search.url };
    gateways = [await stack.startGatewayInstance(urls), await stack.startGatewayInstance(urls)];
  });

  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
    for (const b of Object.values(balancers ?? {})) await b.kill();
    for (const s of searches ?? []) await s.redisProxy.kill();
    await llm?.stop();
  });

  test('chat: members on different gateways each see every message of a burst from both sides once, in seq order', async () => {
    const [gwA, gwB] = gateways as [RunningGateway, RunningGateway];
    const alice = await register(gwA);
    const bob = await register(gwB);
    const started = await gql(gwA.url, StartConversationDocument, { userId: bob.user.id }, as(alice));
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const c = started.data!.startConversation.id;
    const subs = [subscribe(ws(gwA, alice), MessageEventsDocument, { conversationId: c }), subscribe(ws(gwB, bob), MessageEventsDocument, { conversationId: c })];
    await listening(stack.redis, `chat:u:${alice.user.id}`);
    await listening(stack.redis, `chat:u:${bob.user.id}`);

    const PER_SIDE = 20;
    const sent = await Promise.all(
      [
        ...Array.from({ length: PER_SIDE }, (_, i) => [gwA, alice, `alice ${i}`] as const),
        ...Array.from({ length: PER_SIDE }, (_, i) => [gwB, bob, `bob ${i}`] as const),
      ].map(([gw, who, text]) => gql(gw.url, SendMessageDocument, { conversationId: c, text, clientMessageId: randomUUID() }, as(who))),
    );
    for (const res of sent) assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const texts = [...Array.from({ length: PER_SIDE }, (_, i) => `alice ${i}`), ...Array.from({ length: PER_SIDE }, (_, i) => `bob ${i}`)].sort();

    for (const sub of subs) {
      const got = (await waitForMatching(sub, (r) => r.data?.messageEvents.kind === 'MESSAGE', 2 * PER_SIDE)).map((r) => r.data!.messageEvents.message!);
      assert.deepEqual(got.map((m) => m.seq), Array.from({ length: 2 * PER_SIDE }, (_, i) => i + 1), 'every seq once, in order');
      assert.deepEqual(got.map((m) => m.text).sort(), texts, 'every message once');
    }
    // Nothing more arrives after the burst: one more message is the next event each side sees.
    const last = await gql(gwA.url, SendMessageDocument, { conversationId: c, text: 'the end', clientMessageId: randomUUID() }, as(alice));
    assert.equal(last.errors, undefined, JSON.stringify(last.errors));
    for (const sub of subs) {
      const all = await waitForMatching(sub, (r) => r.data?.messageEvents.kind === 'MESSAGE', 2 * PER_SIDE + 1);
      assert.deepEqual(all.at(-1)!.data!.messageEvents.message, { seq: 2 * PER_SIDE + 1, text: 'the end' });
      assert.equal(sub.results.filter((r) => r.data?.messageEvents.kind === 'MESSAGE').length, 2 * PER_SIDE + 1, 'no duplicate');
      sub.stop();
    }
    assert.ok(balancers.chat.served.every((s) => s > 0), `both chat instances served: ${balancers.chat.served.join(', ')}`);
  });

  test('an upload whose chunks land on both video instances completes, publishes and becomes searchable', async () => {
    const [gwA, gwB] = gateways as [RunningGateway, RunningGateway];
    const uploader = await register(gwA);
    const storedBefore = await Promise.all(videos.map((v) => metric(v.metricsUrl, 'vidhub_upload_chunks_total', { outcome: 'stored' })));
    const file = largeMkv();
    const init = await gql(gwA.url, InitUploadDocument, { filename: 'v.mkv', size: file.length, sha256: sha256(file) }, as(uploader));
    assert.equal(init.errors, undefined, JSON.stringify(init.errors));
    const { id: uploadId, chunkCount, chunkSize } = init.data!.initUpload.upload;
    assert.ok(chunkCount >= 3);
    // One chunk after the other, alternating gateways: the video balancer alternates instances per request.
    for (let i = 0; i < chunkCount; i++) {
      const bytes = file.subarray(i * chunkSize, (i + 1) * chunkSize);
      const sent = await gqlUpload(
        (i % 2 ? gwB : gwA).url,
        UploadChunkDocument,
        { uploadId, index: i, chunk: null, checksum: sha256(bytes) },
        { 'variables.chunk': { bytes, filename: `c${i}` } },
        as(uploader),
      );
      assert.equal(sent.data?.uploadChunk.stored, true, JSON.stringify(sent.errors));
    }
    const storedAfter = await Promise.all(videos.map((v) => metric(v.metricsUrl, 'vidhub_upload_chunks_total', { outcome: 'stored' })));
    const perInstance = storedAfter.map((a, i) => a - storedBefore[i]!);
    assert.equal(perInstance.reduce((a, b) => a + b, 0), chunkCount, `chunks stored per instance: ${perInstance.join(', ')}`);
    assert.ok(perInstance.every((k) => k > 0), `both video instances stored chunks: ${perInstance.join(', ')}`);

    const done = await gql(gwB.url, CompleteUploadDocument, { uploadId }, as(uploader));
    assert.equal(done.data?.completeUpload.status, 'COMPLETED', JSON.stringify(done.errors));
    const title = `Scaled ${randomBytes(4).toString('hex')}`;
    const published = await gql(gwA.url, PublishVideoDocument, { input: { uploadId, title } }, as(uploader));
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const videoId = published.data!.publishVideo.id;
    for (const gw of gateways) {
      const res = await gql(gw.url, VideoSummaryDocument, { id: videoId });
      assert.deepEqual([res.data?.video?.id, res.data?.video?.title], [videoId, title], JSON.stringify(res.errors));
    }
    const search = () => gql(gwB.url, SearchVideoIdsDocument, { query: title });
    const found = await eventually('the video is searchable', search, (r) => (r.data?.search.hits.length ?? 0) > 0);
    const hit = found.data!.search.hits[0]!.node;
    assert.equal(hit?.__typename === 'Video' ? hit.id : hit, videoId);
  });

  test('signing out at one gateway closes that session\'s sockets on the other gateway', async () => {
    const [gwA, gwB] = gateways as [RunningGateway, RunningGateway];
    const [carol, dave] = await Promise.all([register(gwA), register(gwB)]);
    const started = await gql(gwB.url, StartConversationDocument, { userId: carol.user.id }, as(dave));
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const c = started.data!.startConversation.id;
    const hello = await gql(gwB.url, SendMessageDocument, { conversationId: c, text: 'hello' }, as(dave));
    assert.equal(hello.errors, undefined, JSON.stringify(hello.errors));
    // Carol on both gateways; each socket is live once the stored message has been replayed to it.
    const elsewhere = subscribe(ws(gwB, carol), MessageEventsDocument, { conversationId: c, afterSeq: 0 });
    const here = subscribe(ws(gwA, carol), MessageEventsDocument, { conversationId: c, afterSeq: 0 });
    await elsewhere.waitFor(1);
    await here.waitFor(1);
    const out = await gql(gwA.url, LogoutDocument, {}, as(carol));
    assert.deepEqual(out.data, { logout: true }, JSON.stringify(out.errors));
    for (const [where, sub] of [['the other gateway', elsewhere], ['this gateway', here]] as const) {
      const ended = await Promise.race([sub.ended, new Promise((r) => setTimeout(() => r('still open'), 60_000).unref())]);
      assert.equal((ended as { code?: number }).code, 4401, `${where}: expected a 4401 close, got ${JSON.stringify(ended)}`);
    }
  });

  test('the provider key limit (two calls at once per key) holds across chat instances', async () => {
    llm.reset();
    const open = KEYS.map((k) => llm.hold(k));
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => register(gateways[i % 2]!)));
    const requestsBefore = await Promise.all(chats.map((c) => leaseRequests(c)));
    const answers = users.map((u, i) => subscribe(ws(gateways[i % 2]!, u), AssistantAnswerDocument, { prompt: `question ${i}` }));
    // Six answers want a key: both keys take two calls each, the other two wait in the shared queue.
    const total = () => KEYS.reduce((sum, k) => sum + (llm.active.get(k) ?? 0), 0);
    await eventually('four calls at the provider', total, (k) => k === 4);
    const requested = (await Promise.all(chats.map((c) => leaseRequests(c)))).map((r, i) => r - requestsBefore[i]!);
    assert.ok(requested.every((r) => r > 0), `both chat instances asked for keys: ${requested.join(', ')}`);
    for (const release of open) release();
    for (const sub of answers) await sub.ended;
    for (const sub of answers) assert.equal(sub.results.at(-1)?.data?.assistantAnswer.kind, 'DONE', JSON.stringify(sub.results.at(-1)));
    for (const key of KEYS) assert.equal(llm.maxActive.get(key), 2, `${key}: at most two calls at once, and the limit was reached`);
    assert.equal(llm.requests.length, 6);
  });

  async function leaseRequests(chat: ChatSubgraph): Promise<number> {
    assert.ok(chat.metricsUrl);
    const samples = parseMetrics(await (await fetch(chat.metricsUrl)).text());
    return samples.filter((s) => s.name === 'vidhub_llm_lease_requests_total').reduce((sum, s) => sum + s.value, 0);
  }

  test('the stale-upload cleanup runs once per period across both video instances, not once per instance', async () => {
    const periodMs = stack.config.VIDEO_CLEANUP_INTERVAL_SECONDS * 1000;
    // A period's pass holds the lock for 90% of the period (at most 5 s less): passes are at least that far apart.
    const gapMs = periodMs - Math.min(5_000, periodMs / 10);
    const passes = async () => (await Promise.all(videos.map((v) => metric(v.metricsUrl, 'vidhub_upload_cleanup_passes_total')))).reduce((a, b) => a + b, 0);
    const startedAt = Date.now();
    const first = await passes();
    const PASSES = 8;
    const last = await eventually(`${PASSES} more cleanup passes`, passes, (p) => p >= first + PASSES, 120_000);
    const elapsed = Date.now() - startedAt;
    const ran = last - first;
    // Consecutive passes, whichever instance ran them, are at least gapMs apart (100 ms for clock
    // granularity). One pass per instance per period would be about twice as many.
    assert.ok((ran - 1) * gapMs <= elapsed + 100, `${ran} passes in ${elapsed} ms with a period of ${periodMs} ms`);
  });

  test('exactly one search instance leads the sync; when it dies mid-batch another takes over, and no event is lost or applied twice', async () => {
    const ttlMs = stack.config.SEARCH_LEADER_TTL_SECONDS * 1000;
    const uploaderId = randomUUID();
    const emit = async (what: string, count: number) => {
      const ids = Array.from({ length: count }, () => randomUUID());
      for (const id of ids) {
        await publishEvent(stack.redis, STREAMS.video, { type: 'video.published', subjectId: id, version: 1, payload: { uploaderId, title: `${what} ${id}`, description: '', tags: [], likeCount: 0, viewCount: 0, createdAt: new Date().toISOString() } });
      }
      return ids;
    };
    const allApplied = (ids: string[]) => eventually(`${ids.length} events applied`, () => ids.filter((id) => applied.has(id)).length, (k) => k === ids.length);
    const leaders = () => searches.filter((s) => s.instance.sync.leading);
    const [leader] = await eventually('one instance leads', leaders, (l) => l.length === 1);
    const standby = searches.find((s) => s !== leader)!;
    const leading = await Promise.all(searches.map((s) => metric(s.instance.metricsUrl, 'vidhub_search_sync_leader')));
    assert.deepEqual(leading.sort(), [0, 1], 'the leader metric: one instance');

    // While events flow, over a whole lock lifetime: the same one instance leads, the other writes nothing.
    const before = await emit('before', 10);
    const watchUntil = Date.now() + ttlMs;
    while (Date.now() < watchUntil) {
      assert.deepEqual(leaders(), [leader], 'one leader, always the same');
      await new Promise((r) => setTimeout(r, 100));
    }
    await allApplied(before);
    assert.equal(standby.index.writes, 0, 'the standby wrote nothing');

    // The leader writes its next batch to the index and dies before acknowledging it.
    leader!.index.frozen = true;
    const inFlight = await emit('in flight', 10);
    await leader!.index.heldWrite;
    leader!.index.kill();
    await leader!.redisProxy.kill();
    const diedAt = Date.now();
    const whileLeaderless = await emit('leaderless', 10);

    await eventually('the standby leads', () => standby.instance.sync.leading, (l) => l, 90_000);
    const takeoverMs = Date.now() - diedAt;
    const bound = Math.max(60_000, 3 * ttlMs);
    assert.ok(takeoverMs < bound, `took over after ${takeoverMs} ms (lock lifetime ${ttlMs} ms)`);
    const afterwards = await emit('after', 10);

    const all = [...before, ...inFlight, ...whileLeaderless, ...afterwards];
    await allApplied(all);
    const docs = await stack.search.index.get('video', all);
    assert.equal(docs.length, all.length, 'every event is in the index');
    const twice = all.filter((id) => applied.get(id) !== 1);
    assert.deepEqual(twice, [], 'each event applied exactly once');
    assert.ok(inFlight.some((id) => applied.has(id)), 'the dead leader had written part of its last batch');
    // What the dead leader read but never acknowledged was claimed by the new one and acknowledged.
    const pending = async () => (await Promise.all([STREAMS.user, STREAMS.video].map(async (stream) => Number(((await stack.redis.xpending(stream, SYNC_GROUP)) as [number])[0])))).reduce((a, b) => a + b, 0);
    await eventually('no event left unacknowledged', pending, (k) => k === 0);
  });
});
