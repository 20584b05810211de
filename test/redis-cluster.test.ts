/**
 * The whole platform on a real Redis Cluster: three redis-server masters
 * (testing/redisCluster.ts), the gateway and every subgraph connected through
 * REDIS_CLUSTER_NODES. Each test drives a feature whose Redis commands,
 * scripts or transactions touch several keys, which a cluster refuses
 * (CROSSSLOT) unless their hash tags put them in one slot: sessions and
 * revocation, sign-in throttling, chunked uploads with the completion lock,
 * the event streams into search, chat fan-out between two chat instances,
 * and the AI assistant's credential pool. The last test checks that the data
 * really is spread over the masters. Other suites run on a cluster too with
 * REDIS_CLUSTER_NODES set (README: Redis keys and Redis Cluster).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'graphql-ws';
import type { Redis } from 'ioredis';
import WebSocket from 'ws';
import { isCluster, nodesOf } from '../lib/redis/client.js';
import { withLock } from '../lib/redis/lock.js';
import { createLogger } from '../lib/observability/logger.js';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { startChatSubgraph } from '../subgraphs/chat/server.js';
import { spentRefreshKey } from '../subgraphs/user/sessions.js';
import { FakeLlm } from '../testing/fakeLlm.js';
import { as, refreshClaims, signUp, TEST_PASSWORD as PASSWORD, type Session as Auth } from '../testing/accounts.js';
import { gql, gqlUpload, listening, startStack, subscribe, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';
import {
  AssistantAnswerDocument,
  CompleteUploadDocument,
  InitUploadDocument,
  LoginAccountDocument,
  LogoutDocument,
  MessageEventsDocument,
  PublishVideoDocument,
  RefreshSessionDocument,
  SearchVideoIdsDocument,
  SendMessageDocument,
  StartConversationDocument,
  UploadChunkDocument,
  VideoUploadStatusDocument,
  ViewerDocument,
} from '../testing/__generated__/operations.js';
import { largeMkv, sha256 } from '../testing/media.js';
import { startRedisCluster, type LocalRedisCluster } from '../testing/redisCluster.js';

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

async function eventually<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the platform on a 3-master Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let stack: Stack;
  let llm: FakeLlm;
  let url: string;
  let n = 0;
  const clients: { dispose(): void | Promise<void> }[] = [];

  const register = (): Promise<Auth> => signUp(url, `clustered${++n}_${randomBytes(3).toString('hex')}`);
  const me = (a: Parameters<typeof as>[0]) => gql(url, ViewerDocument, {}, as(a));

  before(async () => {
    cluster = await startRedisCluster();
    llm = await new FakeLlm().start();
    stack = await startStack({
      REDIS_CLUSTER_NODES: cluster.env,
      // This file's own cluster, whatever Redis the environment names for the other suites.
      REDIS_URL: '',
      TRUST_PROXY: 'loopback',
      LLM_BASE_URL: llm.url,
      LLM_MODEL: 'lite',
      LLM_API_KEYS: 'key-alpha-0001,key-bravo-0002',
      LLM_QUEUE_TIMEOUT_MS: '20000',
    });
    url = stack.gateway.url;
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
    await llm?.stop();
    await cluster?.dispose();
  });

  test('the stack talks to the cluster, not to one server', () => {
    assert.ok(isCluster(stack.redis), 'REDIS_CLUSTER_NODES gives a cluster client');
    assert.equal(stack.redisServer, undefined, 'no embedded redis-server is started');
    assert.equal(nodesOf(stack.redis).length, 3);
  });

  test('sessions: register, refresh (rotation, then RATE_LIMITED), a lost answer retried, a replayed token signs the login out, logout revokes at once', async () => {
    const a = await register();
    assert.equal((await me(a)).data?.me?.id, a.user.id);
    const rotated = await gql(url, RefreshSessionDocument, { refreshToken: a.refreshToken }, as(a));
    assert.equal(rotated.errors, undefined, JSON.stringify(rotated.errors));
    const next = rotated.data!.refreshTokens;
    assert.notEqual(next.refreshToken, a.refreshToken);
    assert.equal(code(await gql(url, RefreshSessionDocument, { refreshToken: next.refreshToken }, as(a))), 'RATE_LIMITED', 'one refresh a minute');
    // The spent token again, within 30 s: a lost answer, the current tokens again (the window's key is in the family's slot).
    const retried = await gql(url, RefreshSessionDocument, { refreshToken: a.refreshToken }, as(a));
    assert.equal(retried.errors, undefined, JSON.stringify(retried.errors));
    // Past the window (its key deleted instead of waiting): reuse, the whole family is revoked, its access tokens too.
    assert.equal(await stack.redis.del(spentRefreshKey(refreshClaims(a.refreshToken).fam)), 1);
    assert.equal(code(await gql(url, RefreshSessionDocument, { refreshToken: a.refreshToken }, as(a))), 'UNAUTHENTICATED');
    assert.equal(code(await me({ ...a, accessToken: next.accessToken })), 'UNAUTHENTICATED');

    const login = await gql(url, LoginAccountDocument, { username: a.user.username, password: PASSWORD }, { headers: { 'x-device-id': a.deviceId } });
    assert.equal(login.errors, undefined, JSON.stringify(login.errors));
    const b = login.data!.login;
    assert.equal((await me(b)).data?.me?.id, a.user.id);
    assert.deepEqual((await gql(url, LogoutDocument, {}, as(b))).data, { logout: true });
    assert.equal(code(await me(b)), 'UNAUTHENTICATED', 'the access token of a logged-out session is refused');
    assert.equal(code(await gql(url, RefreshSessionDocument, { refreshToken: b.refreshToken }, as(b))), 'UNAUTHENTICATED');
  });

  test('sign-in throttling: the sixth wrong password in a row from one address is refused', async () => {
    const a = await register();
    const from = { headers: { 'x-forwarded-for': '10.9.0.1' } };
    const login = (password: string, opts: typeof from) => gql(url, LoginAccountDocument, { username: a.user.username, password }, opts);
    for (let i = 0; i < 5; i++) assert.equal(code(await login('wrong-password-1', from)), 'UNAUTHENTICATED');
    const blocked = await login(PASSWORD, from);
    assert.equal(code(blocked), 'RATE_LIMITED', JSON.stringify(blocked.errors));
    const elsewhere = await login(PASSWORD, { headers: { 'x-forwarded-for': '10.9.0.2' } });
    assert.equal(elsewhere.errors, undefined, 'another address signs in');
  });

  test('a chunked upload: chunks in parallel and out of order, its state, completion under the lock, publishing; the event stream makes it searchable', async () => {
    const a = await register();
    const file = largeMkv();
    const init = await gql(url, InitUploadDocument, { filename: 'v.mkv', size: file.length, sha256: sha256(file) }, as(a));
    assert.equal(init.errors, undefined, JSON.stringify(init.errors));
    const { id: uploadId, chunkCount, chunkSize } = init.data!.initUpload.upload;
    assert.equal(chunkCount, 3);
    const chunk = (index: number) => file.subarray(index * chunkSize, (index + 1) * chunkSize);
    const send = (index: number) =>
      gqlUpload(url, UploadChunkDocument, { uploadId, index, chunk: null, checksum: sha256(chunk(index)) }, { 'variables.chunk': { bytes: chunk(index), filename: `c${index}` } }, as(a));
    for (const sent of await Promise.all([send(2), send(0)])) assert.equal(sent.data?.uploadChunk.stored, true, JSON.stringify(sent.errors));
    const status = await gql(url, VideoUploadStatusDocument, { uploadId }, as(a));
    assert.deepEqual(status.data?.uploadStatus.receivedChunks, [0, 2], JSON.stringify(status.errors));
    assert.equal((await send(1)).data?.uploadChunk.stored, true);
    const done = await gql(url, CompleteUploadDocument, { uploadId }, as(a));
    assert.equal(done.data?.completeUpload.status, 'COMPLETED', JSON.stringify(done.errors));
    const title = `Clustered ${randomBytes(4).toString('hex')}`;
    const published = await gql(url, PublishVideoDocument, { input: { uploadId, title } }, as(a));
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const search = () => gql(url, SearchVideoIdsDocument, { query: title });
    const found = await eventually('the video is searchable', search, (r) => (r.data?.search.hits.length ?? 0) > 0);
    const hit = found.data!.search.hits[0]!.node;
    assert.equal(hit?.__typename === 'Video' ? hit.id : hit, published.data!.publishVideo.id);
  });

  test('a lock is held by one holder at a time', async () => {
    const key = `upload:{${randomUUID()}}:completing`;
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        withLock(stack.redis, key, 30_000, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 50));
          inside--;
          return true;
        }),
      ),
    );
    assert.equal(most, 1, 'never two holders at once');
    assert.ok(results.filter((r) => r === true).length >= 1, 'someone got the lock');
  });

  test('chat: a message sent through one chat instance reaches a subscriber on another', async () => {
    const a = await register();
    const b = await register();
    const started = await gql(url, StartConversationDocument, { userId: b.user.id }, as(a));
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const c = started.data!.startConversation.id;
    const second = await startChatSubgraph(stack.config, createLogger('chat-2', 'silent'), { port: 0 });
    try {
      const identity = await signInternalIdentity(stack.config.INTERNAL_IDENTITY_SECRET!, { userId: b.user.id, roles: [] }, 'cluster');
      const direct = createClient({ url: second.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { internalIdentity: identity } });
      clients.push(direct);
      const sub = subscribe(direct, MessageEventsDocument, { conversationId: c });
      await listening(stack.redis, `chat:u:${b.user.id}`);
      const sent = await gql(url, SendMessageDocument, { conversationId: c, text: 'across instances and nodes' }, as(a));
      assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
      const [got] = await sub.waitFor(1);
      assert.deepEqual(got!.data?.messageEvents.message, { seq: 1, text: 'across instances and nodes' });
      sub.stop();
    } finally {
      await second.dispose();
    }
  });

  test('the assistant: three answers at once share two provider keys through the pool, never more than two per key', async () => {
    llm.reset();
    const users = await Promise.all([register(), register(), register()]);
    const answers = users.map((u, i) => {
      const client = wsClient(url, { token: u.accessToken });
      clients.push(client);
      return subscribe(client, AssistantAnswerDocument, { prompt: `question ${i}` });
    });
    for (const sub of answers) await sub.ended;
    for (const sub of answers) assert.equal(sub.results.at(-1)?.data?.assistantAnswer.kind, 'DONE', JSON.stringify(sub.results.at(-1)));
    assert.ok(llm.maxActive.size > 0, 'the provider was called');
    for (const [key, peak] of llm.maxActive) assert.ok(peak <= 2, `${key} had ${peak} calls at once`);
    // The pool's keys sit in one slot, on one master: SCAN that master alone finds them all.
    const owners = await Promise.all(nodesOf(stack.redis).map(async (node) => (await node.keys('{llm}:*')).length));
    assert.equal(owners.filter((count) => count > 0).length, 1, 'every {llm} key on one master');
  });

  test('the data is spread over all three masters', async () => {
    const sizes = await Promise.all(nodesOf(stack.redis).map((node: Redis) => node.dbsize()));
    assert.ok(sizes.every((size) => size > 0), `keys per master: ${sizes.join(', ')}`);
  });
});
