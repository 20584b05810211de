/**
 * Redis stalls (SIGSTOP) and dies (SIGKILL, then a new server on the same
 * port), end to end through the gateway with the harness's embedded
 * redis-server. While it is away, what needs Redis answers
 * UPSTREAM_UNAVAILABLE at once instead of hanging, anonymous reads answer
 * normally and every /ready says 503 naming redis; once it is back everything
 * works again and no acknowledged chat message is lost or reordered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, listening, startStack, subscribe, waitForMatching, wsClient, type GraphQLResponse, type RedisServerControl, type Stack } from '../testing/harness.js';
import { publishSmallVideo } from '../testing/videos.js';
import {
  MessageEventsDocument,
  MessagesPageDocument,
  SearchVideoIdsDocument,
  SendMessageDocument,
  StartConversationDocument,
  UserNameDocument,
  VideosWithUploadersDocument,
  VideoSummaryDocument,
  ViewerDocument,
  type MessageEventsSubscription,
} from '../testing/__generated__/operations.js';

interface Timed<T> extends GraphQLResponse<T> {
  ms: number;
}

/**
 * A request that waited for Redis to come back would only finish after the
 * test resumes it, i.e. never before this abort: the defect was requests
 * hanging for 15 s (stalled) or failing after 7.7 s (killed).
 */
const REQUEST_ABORT_MS = 20_000;
/** Generous on a busy 2-core machine; the command timeout here is 2 s. */
const PROMPT_MS = 10_000;
const RECOVERY_MS = 30_000;

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

/** POSTs an operation with a deadline and measures how long the answer took. */
async function timed<T, V>(url: string, document: TypedDocumentNode<T, V>, variables?: V, token?: string, headers: Record<string, string> = {}): Promise<Timed<T>> {
  const query = print(document);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables: variables ?? {} }),
    signal: AbortSignal.timeout(REQUEST_ABORT_MS),
  }).catch((err: unknown) => {
    throw new Error(`no answer within ${REQUEST_ABORT_MS} ms: ${query}`, { cause: err });
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body, ms: Math.round(performance.now() - started) };
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + RECOVERY_MS;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${RECOVERY_MS} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Redis faults', { skip: process.env.REDIS_URL || process.env.REDIS_CLUSTER_NODES ? 'needs the embedded redis-server (REDIS_URL or REDIS_CLUSTER_NODES names another)' : false }, () => {
  let stack: Stack;
  let redis: RedisServerControl;
  let url: string;
  let n = 0;
  let alice: Auth;
  let bob: Auth;
  let conversation: string;
  let videoId: string;
  /** Every message the server acknowledged, in the order it acknowledged them. */
  const acknowledged: string[] = [];
  const clients: { dispose(): void | Promise<void> }[] = [];

  const register = (): Promise<Auth> => signUp(url, `faulty${++n}`);
  const send = (a: Auth, text: string, clientMessageId?: string) => timed(url, SendMessageDocument, { conversationId: conversation, text, clientMessageId: clientMessageId ?? null }, a.accessToken);
  async function sendOk(a: Auth, text: string, clientMessageId?: string) {
    const res = await send(a, text, clientMessageId);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    acknowledged.push(text);
    return res.data!.sendMessage;
  }
  async function storedTexts(): Promise<string[]> {
    const res = await gql(url, MessagesPageDocument, { conversationId: conversation, first: 100 }, { token: bob.accessToken });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const seqs = res.data!.messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y), 'oldest first, by sequence');
    return res.data!.messages.map((m) => m.text ?? '');
  }
  const readyUrls = () => [stack.gateway.url, stack.user.url, stack.video.url, stack.chat.url, stack.search.url];

  /** What must hold while Redis is away, however it went away. */
  async function whileAway(freshSession: Auth, socketSession: Auth, openSocket: Client) {
    // A session the gateway already confirmed (alice's) passes on to the chat
    // subgraph, whose send limit needs Redis; a session never seen before
    // cannot be checked against revocations at all: both fail fast.
    const failed = await send(alice, 'during the outage', 'retried-after-outage');
    assert.equal(code(failed), 'UPSTREAM_UNAVAILABLE', JSON.stringify(failed.errors));
    assert.match(failed.errors![0]!.message, /temporarily unavailable/);
    assert.ok(failed.ms < PROMPT_MS, `sendMessage answered after ${failed.ms} ms`);

    const me = await timed(url, ViewerDocument, {}, freshSession.accessToken);
    assert.equal(code(me), 'UPSTREAM_UNAVAILABLE', JSON.stringify(me.errors));
    assert.equal(me.status, 503, 'a retryable server-side condition, not a bad token (401)');
    assert.ok(me.ms < PROMPT_MS, `a signed-in query answered after ${me.ms} ms`);
    // By cookie the same: the cookie is not at fault, so it is not cleared (which would sign the browser out).
    const byCookie = await timed(url, ViewerDocument, {}, undefined, { cookie: `vh_access=${freshSession.accessToken}` });
    assert.equal(code(byCookie), 'UPSTREAM_UNAVAILABLE', JSON.stringify(byCookie.errors));
    assert.equal(byCookie.headers.get('set-cookie'), null);

    // Over graphql-ws the same session is told to try again later (1013), not that its token is bad (4401).
    const socket = wsClient(url, { token: socketSession.accessToken });
    clients.push(socket);
    const refused = subscribe(socket, MessageEventsDocument, { conversationId: conversation });
    const closed = (await Promise.race([refused.ended, new Promise((r) => setTimeout(() => r('still open'), PROMPT_MS))])) as { code?: number };
    assert.equal(closed?.code, 1013, `socket closed with ${JSON.stringify(closed)}`);
    // A socket authenticated before the outage may start a subscription; the chat subgraph cannot listen, and says so.
    const failing = subscribe(openSocket, MessageEventsDocument, { conversationId: conversation });
    const ended = await Promise.race([failing.ended, new Promise((r) => setTimeout(() => r('still running'), PROMPT_MS))]);
    assert.equal(ended, undefined, `the subscription ends (completes) after its error event, not ${JSON.stringify(ended)}`);
    assert.equal(failing.results.length, 1, JSON.stringify(failing.results));
    assert.equal(failing.results[0]?.errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE', JSON.stringify(failing.results));

    // Anonymous reads need no Redis.
    const videos = await timed(url, VideosWithUploadersDocument, { first: 5 });
    assert.equal(videos.errors, undefined, JSON.stringify(videos.errors));
    assert.ok(videos.data!.videos.edges.some((e) => e.node.id === videoId));
    const video = await timed(url, VideoSummaryDocument, { id: videoId });
    assert.equal(video.errors, undefined, JSON.stringify(video.errors));
    assert.equal(video.data!.video?.title, 'Fault-tolerant clip');
    const found = await timed(url, SearchVideoIdsDocument, { query: 'tolerant' });
    assert.equal(found.errors, undefined, JSON.stringify(found.errors));
    assert.ok(found.data!.search.hits.some((h) => h.node?.__typename === 'Video' && h.node.id === videoId));
    const user = await timed(url, UserNameDocument, { id: alice.user.id });
    assert.equal(user.errors, undefined, JSON.stringify(user.errors));
    assert.equal(user.data!.user?.username, alice.user.username);

    for (const service of readyUrls()) {
      const ready = await fetch(new URL('/ready', service), { signal: AbortSignal.timeout(REQUEST_ABORT_MS) });
      const body = (await ready.json()) as { checks: Record<string, string> };
      assert.equal(ready.status, 503, `${service}: ${JSON.stringify(body)}`);
      assert.ok(body.checks.redis && body.checks.redis !== 'ok', `${service} names redis: ${JSON.stringify(body)}`);
    }
  }

  /** What must hold once Redis is back. */
  async function afterRecovery(freshSession: Auth, label: string) {
    // The send refused during the outage, retried with its clientMessageId, is stored once.
    await eventually('sendMessage after recovery', async () => {
      const res = await send(alice, 'during the outage', 'retried-after-outage');
      return res.errors ? undefined : res;
    });
    if (!acknowledged.includes('during the outage')) acknowledged.push('during the outage');
    await sendOk(alice, `after ${label} 1`);
    await sendOk(bob, `after ${label} 2`);
    assert.deepEqual(await storedTexts(), acknowledged, 'every acknowledged message, once, in order');

    const me = await eventually('a new session after recovery', async () => {
      const res = await gql(url, ViewerDocument, {}, { token: freshSession.accessToken });
      return res.errors ? undefined : res;
    });
    assert.equal(me.data!.me?.id, freshSession.user.id);

    for (const service of readyUrls()) {
      await eventually(`${service} ready`, async () => ((await fetch(new URL('/ready', service))).status === 200 ? true : undefined));
    }
  }

  before(async () => {
    // 2 s rather than the 1 s default: every service runs in this process, on a machine that may be busy.
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000', REDIS_COMMAND_TIMEOUT_MS: '2000' });
    url = stack.gateway.url;
    redis = stack.redisServer!;
    alice = await register();
    bob = await register();
    const started = await gql(url, StartConversationDocument, { userId: bob.user.id }, { token: alice.accessToken });
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    conversation = started.data!.startConversation.id;

    // One published video, indexed, for the anonymous reads.
    const published = await publishSmallVideo(url, alice.accessToken, { title: 'Fault-tolerant clip', description: 'survives outages', tags: ['faults'] }, 'clip.mp4');
    videoId = published.data!.publishVideo.id;
    await eventually('the video indexed', async () => {
      const res = await gql(url, SearchVideoIdsDocument, { query: 'tolerant' });
      return res.data?.search.hits.some((h) => h.node?.__typename === 'Video' && h.node.id === videoId) ? true : undefined;
    });
  });

  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
  });

  test('Redis stalled (SIGSTOP): fail fast while it is stopped, everything back after SIGCONT, nothing acknowledged lost', async () => {
    await sendOk(alice, 'before stall 1');
    await sendOk(bob, 'before stall 2');
    // A subscription open across the stall keeps receiving once Redis answers again.
    const bobSocket = wsClient(url, { token: bob.accessToken });
    clients.push(bobSocket);
    const live = subscribe(bobSocket, MessageEventsDocument, { conversationId: conversation });
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    const carol = await register();
    const dave = await register();

    redis.pause();
    try {
      await whileAway(carol, dave, bobSocket);
    } finally {
      redis.resume();
    }
    await afterRecovery(carol, 'stall');
    const events = await live.waitFor(3);
    assert.deepEqual(
      events.map((e) => e.data?.messageEvents.message?.text),
      acknowledged.slice(acknowledged.indexOf('during the outage')),
      'the subscription open across the stall delivers what was sent after it, in order',
    );
    live.stop();
  });

  test('Redis killed and restarted on the same port: fail fast while it is down, everything back after the restart, nothing acknowledged lost', async () => {
    await sendOk(alice, 'before kill 1');
    // A subscription open across the restart: the bus subscribes again on reconnect.
    const openSocket = wsClient(url, { token: bob.accessToken });
    clients.push(openSocket);
    const open = subscribe(openSocket, MessageEventsDocument, { conversationId: conversation });
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    const erin = await register();
    const frank = await register();

    await redis.kill();
    try {
      await whileAway(erin, frank, openSocket);
    } finally {
      await redis.restart();
    }
    const seen = acknowledged.length;
    await afterRecovery(erin, 'restart');
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    await sendOk(alice, 'to the open subscription');
    const sinceKill = acknowledged.slice(acknowledged.indexOf('before kill 1') + 1);
    const delivered = await open.waitFor(sinceKill.length);
    assert.deepEqual(
      delivered.map((e) => e.data?.messageEvents.message?.text),
      sinceKill,
      'the subscription open across the restart delivers everything sent after it, in order (gaps filled from the store)',
    );
    open.stop();

    // A new subscription replays everything stored, in order, then gets live messages.
    const replaySocket = wsClient(url, { token: bob.accessToken });
    clients.push(replaySocket);
    const replay = subscribe(replaySocket, MessageEventsDocument, { conversationId: conversation, afterSeq: 0 });
    // Messages come first; read positions follow the replay.
    const replayed = await replay.waitFor(acknowledged.length);
    assert.deepEqual(replayed.slice(0, acknowledged.length).map((e) => e.data?.messageEvents.message?.text), acknowledged);
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    await sendOk(alice, 'live after restart');
    const isMessage = (e: { data?: MessageEventsSubscription | null }) => !!e.data?.messageEvents.message;
    const all = await waitForMatching(replay, isMessage, acknowledged.length);
    assert.equal(all.at(-1)?.data?.messageEvents.message?.text, 'live after restart');
    assert.ok(acknowledged.length > seen);
    replay.stop();
  });
});
