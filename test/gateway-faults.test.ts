/**
 * Fault injection at the front door: the gateway crashes (every client
 * connection and every connection to a subgraph cut with its request
 * unanswered, then a fresh gateway on the same port and config) in the middle
 * of an upload, a chat burst and an assistant answer. Clients recover the way
 * the README tells them to — ask uploadStatus for what is missing, retry a
 * send with the same clientMessageId, resubscribe with afterSeq — and the test
 * counts what was lost, re-sent or duplicated. The goal for each figure is 0
 * (re-sent: only what was never acknowledged); each is printed.
 */
import assert from 'node:assert/strict';
import { after as afterAll, before, describe, test } from 'node:test';
import type { Client } from 'graphql-ws';
import { FakeLlm } from '../testing/fakeLlm.js';
import { largeMkv } from '../testing/media.js';
import { startChunkedUpload, UPLOAD_CHUNK, type ChunkAnswer } from '../testing/uploads.js';
import { assistantAsker, gql, listening, startStack, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';

const MiB = 1024 * 1024;
/** Generous on a busy 2-core machine: recovery is awaited, never slept for. */
const RECOVERY_MS = 90_000;

interface Auth {
  user: { id: string };
  accessToken: string;
}

/** What a client sees when the gateway vanished under its request: no answer at all. */
const NETWORK = 'NETWORK';

/** `store` with `hook` run after each successful call of `method`, before its result is returned. */
function after<S extends object, K extends keyof S>(store: S, method: K, hook: (arg: S[K] extends (a: infer A) => unknown ? A : never) => Promise<void> | undefined): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop !== method) return value.bind(target) as unknown;
      return async (arg: never) => {
        const result = (await (value as (a: never) => Promise<unknown>).call(target, arg)) as unknown;
        await hook(arg);
        return result;
      };
    },
  });
}

describe('gateway faults', () => {
  let stack: Stack;
  let llm: FakeLlm;
  let url: string;
  let n = 0;
  const clients: Client[] = [];
  /** Every code a retried request met while the gateway was away or coming back. */
  const seen = new Set<string>();
  /**
   * Set by a test: runs in the chat (video) service once a message (chunk) is
   * stored, before the service answers. A crash there leaves a write done whose
   * answer never reaches the client: the case a retry must not duplicate.
   */
  let afterAppend: ((text: string) => Promise<void> | undefined) | undefined;
  let afterChunk: ((index: number) => Promise<void> | undefined) | undefined;

  async function register(): Promise<Auth> {
    const res = await gql<{ register: Auth }, Record<string, unknown>>(url, `mutation($u: String!) { register(username: $u, password: "pass-word-99") { user { id } accessToken } }`, { u: `gwfault${++n}` });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.register;
  }

  /** Sends an operation until it is answered without errors, as a client should while the service is away. */
  async function retrying<T>(attempt: () => Promise<GraphQLResponse<T>>, what: string): Promise<{ value: T; attempts: number }> {
    const deadline = Date.now() + RECOVERY_MS;
    for (let attempts = 1; ; attempts++) {
      const r = await attempt().catch((err: Error) => ({ data: null, errors: [{ message: err.message, extensions: { code: NETWORK } }] }));
      if (r.data && !r.errors?.length) return { value: r.data, attempts };
      const code = String(r.errors?.[0]?.extensions?.code);
      seen.add(code);
      // A request the crash cut gets no answer; one that reached the gateway as it went down is told to retry.
      assert.ok(code === NETWORK || code === 'UPSTREAM_UNAVAILABLE', `${what}: ${JSON.stringify(r.errors)}`);
      assert.ok(Date.now() < deadline, `${what} did not recover`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  before(async () => {
    llm = await new FakeLlm().start();
    stack = await startStack({
      CHAT_SEND_LIMIT_PER_MINUTE: '100000',
      VIDEO_MAX_BYTES: String(64 * MiB),
      LLM_BASE_URL: llm.url,
      LLM_MODEL: 'lite',
      LLM_API_KEYS: 'key-gateway-fault-01',
      LLM_QUEUE_TIMEOUT_MS: '1500',
    }, {
      wrapChatStores: (stores) => ({ ...stores, messages: after(stores.messages, 'appendMessage', (m) => afterAppend?.(m.text)) }),
      wrapVideoStores: (stores) => ({ ...stores, uploads: after(stores.uploads, 'recordChunk', (c) => afterChunk?.(c.index)) }),
    });
    url = stack.gateway.url;
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
    await llm?.stop();
  });

  test('an upload across a gateway crash: no acknowledged chunk lost, only unacknowledged ones re-sent, the file intact', async (t) => {
    const alice = await register();
    const file = largeMkv();
    const upload = await startChunkedUpload(url, alice.accessToken, file, 'gateway-crash.mkv', 5 * MiB);
    assert.ok(upload.chunkCount >= 3, `${upload.chunkCount} chunks`);
    let sends = 0;
    const send = (i: number) => {
      sends++;
      return upload.send(i);
    };

    /**
     * Chunk `i` as a multipart request whose body stops half-way through the
     * chunk until `resume` settles: a transfer the crash will cut.
     */
    const sendHeld = (i: number, resume: Promise<unknown>) => {
      sends++;
      const boundary = `----gateway-fault-${i}`;
      const operations = JSON.stringify({ query: UPLOAD_CHUNK, variables: upload.variables(i) });
      const bytes = upload.chunk(i);
      const half = Math.floor(bytes.length / 2);
      const pieces = [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.c"]}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="c${i}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        bytes.subarray(0, half),
        bytes.subarray(half),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ];
      let halfSent: () => void = () => {};
      const holding = new Promise<void>((resolve) => (halfSent = resolve));
      let next = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (next === 2) {
              halfSent();
              await resume;
            }
            const piece = pieces[next++];
            if (piece) controller.enqueue(piece);
            else controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const result = fetch(url, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true', authorization: `Bearer ${alice.accessToken}` },
        body,
        duplex: 'half',
      } as RequestInit).then(async (res) => (await res.json()) as ChunkAnswer);
      return { holding, result };
    };
    const outcome = (r: Promise<ChunkAnswer>) =>
      r.catch((err: Error) => ({ data: null, errors: [{ message: err.message, extensions: { code: NETWORK } }] }));

    const first = await send(0);
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const acknowledged = new Set([0]);
    // Chunk 2 is half-way through the gateway when chunk 1 is sent; the gateway crashes the
    // moment chunk 1 is stored, before its receipt leaves the video service.
    let crashed: Promise<void> | undefined;
    let crash: () => void = () => {};
    const crashing = new Promise<void>((resolve) => (crash = resolve));
    afterChunk = (index) => {
      if (index !== 1) return undefined;
      crashed ??= stack.crashGateway();
      crash();
      return crashed;
    };
    const held = sendHeld(2, crashing);
    await held.holding;
    const results = await Promise.all([outcome(send(1)), outcome(held.result)]);
    afterChunk = undefined;
    assert.ok(crashed, 'the gateway crashed mid-upload');
    await crashed;
    for (const [k, r] of results.entries()) {
      if (!r.errors?.length) acknowledged.add(k + 1);
      else seen.add(String(r.errors[0]?.extensions?.code));
    }
    assert.deepEqual([...acknowledged], [0], 'the receipt of chunk 1 and the transfer of chunk 2 were cut');
    for (let i = 3; i < upload.chunkCount; i++) {
      await retrying(() => send(i), `chunk ${i}`);
      acknowledged.add(i);
    }

    // The client asks what is missing and sends only that.
    const status = await retrying(() => gql<{ uploadStatus: { receivedChunks: number[] } }, Record<string, unknown>>(url, `query($u: ID!) { uploadStatus(uploadId: $u) { receivedChunks } }`, { u: upload.id }, { token: alice.accessToken }), 'uploadStatus');
    const received = new Set(status.value.uploadStatus.receivedChunks);
    const lost = [...acknowledged].filter((i) => !received.has(i)).length;
    assert.ok(received.has(1), 'a chunk stored whose receipt was cut counts as received: it need not be sent again');
    assert.ok(!received.has(2), 'half a chunk is never recorded');
    const before = sends;
    for (let i = 0; i < upload.chunkCount; i++) {
      if (!received.has(i)) await retrying(() => send(i), `chunk ${i}`);
    }
    const resent = sends - before;
    const done = await retrying(() => gql<{ completeUpload: { status: string } }, Record<string, unknown>>(url, `mutation($u: ID!) { completeUpload(uploadId: $u) { status } }`, { u: upload.id }, { token: alice.accessToken }), 'completeUpload');
    const unacknowledged = upload.chunkCount - acknowledged.size;
    t.diagnostic(
      `${upload.chunkCount} chunks, ${acknowledged.size} acknowledged, 1 stored with its receipt cut, 1 cut in transfer: lost ${lost}, re-sent ${resent} (unacknowledged ${unacknowledged}); codes met: ${[...seen].join(', ')}`,
    );
    assert.equal(lost, 0, 'no acknowledged chunk lost');
    assert.equal(resent, 1, 'only the chunk cut in transfer was sent again');
    assert.equal(done.value.completeUpload.status, 'COMPLETED', 'size and sha256 of the merged file match');
  });

  test('a chat burst across a gateway crash: no acknowledged message lost, none duplicated in store or live, all in order', async (t) => {
    const TOTAL = 150;
    const alice = await register();
    const bob = await register();
    const started = await gql<{ startConversation: { id: string } }, Record<string, unknown>>(url, `mutation($u: ID!) { startConversation(userId: $u) { id } }`, { u: bob.user.id }, { token: alice.accessToken });
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const conversation = started.data!.startConversation.id;

    // Bob reads live; whenever his socket or subscription ends he connects again
    // and resubscribes after the last seq he saw, as an app would.
    const received: number[] = [];
    let resubscriptions = 0;
    let done: () => void = () => {};
    const allReceived = new Promise<void>((resolve) => (done = resolve));
    const follow = () => {
      const client = wsClient(url, { token: bob.accessToken });
      clients.push(client);
      const again = () => {
        if (received.length >= TOTAL) return;
        resubscriptions++;
        void client.dispose();
        setTimeout(follow, 100);
      };
      client.subscribe<{ messageEvents: { kind: string; message: { seq: number } | null } }>(
        { query: `subscription($c: ID!, $a: Int) { messageEvents(conversationId: $c, afterSeq: $a) { kind message { seq } } }`, variables: { c: conversation, a: received.at(-1) ?? 0 } },
        {
          next: (r) => {
            const m = r.data?.messageEvents;
            if (m?.kind === 'MESSAGE' && m.message) received.push(m.message.seq);
            if (received.length >= TOTAL) done();
          },
          error: again,
          complete: again,
        },
      );
    };
    follow();
    // Bob's first subscription is live before anything is sent.
    await listening(stack.redis, `chat:u:${bob.user.id}`);

    // The gateway crashes the moment message 50 is stored, before its answer leaves the chat service.
    let crashed: Promise<void> | undefined;
    afterAppend = (text) => (text === 'burst 50' ? (crashed ??= stack.crashGateway()) : undefined);
    let retries = 0;
    let retriedAfterStored = 0;
    const acknowledged: number[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const { value, attempts } = await retrying(
        () => gql<{ sendMessage: { seq: number } }, Record<string, unknown>>(url, `mutation($c: ID!, $t: String!, $k: String) { sendMessage(conversationId: $c, text: $t, clientMessageId: $k) { seq } }`, { c: conversation, t: `burst ${i}`, k: `gw-burst-${i}` }, { token: alice.accessToken }),
        `send ${i}`,
      );
      retries += attempts - 1;
      if (i === 50) retriedAfterStored = attempts - 1;
      acknowledged.push(value.sendMessage.seq);
    }
    afterAppend = undefined;
    assert.ok(crashed, 'the gateway crashed mid-burst');
    await crashed;
    assert.ok(retriedAfterStored >= 1, 'message 50 was stored but its answer cut, so the client sent it again');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allReceived, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`bob saw ${received.length} of ${TOTAL}`)), RECOVERY_MS)))]).finally(() => clearTimeout(timer));

    const stored = await gql<{ messages: { seq: number; text: string }[] }, Record<string, unknown>>(url, `query($c: ID!) { messages(conversationId: $c, first: 200) { seq text } }`, { c: conversation }, { token: alice.accessToken });
    assert.equal(stored.errors, undefined, JSON.stringify(stored.errors));
    const texts = stored.data!.messages.map((m) => m.text);
    const lost = Array.from({ length: TOTAL }, (_, i) => `burst ${i}`).filter((text) => !texts.includes(text)).length;
    const duplicatedInStore = texts.length - new Set(texts).size;
    const duplicatedLive = received.length - new Set(received).size;
    t.diagnostic(`${TOTAL} messages, ${retries} retried sends (${retriedAfterStored} of a message stored before its answer was cut), ${resubscriptions} resubscriptions: lost ${lost}, duplicated in store ${duplicatedInStore}, duplicated live ${duplicatedLive}; codes met: ${[...seen].join(', ')}`);
    assert.equal(lost, 0);
    assert.equal(duplicatedInStore, 0);
    assert.deepEqual(texts, Array.from({ length: TOTAL }, (_, i) => `burst ${i}`), 'stored once each, in the order sent');
    assert.deepEqual(acknowledged, Array.from({ length: TOTAL }, (_, i) => i + 1), 'each send acknowledged once, in order');
    assert.deepEqual(received, Array.from({ length: TOTAL }, (_, i) => i + 1), 'live: every seq once, in order');
    assert.equal(duplicatedLive, 0);
  });

  test('an answer streaming when the gateway crashes: the stream ends for the client, no half answer is stored, the provider call is cut and the key is free again', async (t) => {
    const res = await gql<{ register: { accessToken: string } }, Record<string, unknown>>(url, `mutation { register(username: "asker_gw_fault", password: "pass-word-99") { accessToken } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const token = res.data!.register.accessToken;
    const ask = assistantAsker(url, token, 'gateway-fault-thread', clients);

    llm.tokenDelayMs = 50;
    const first = ask('tell me a long story');
    await first.waitFor(3, 60_000);
    const call = llm.requests.at(-1)!;
    await stack.crashGateway();
    const ending = await first.ended;
    const kinds = first.results.map((r) => r.data?.assistantAnswer.kind ?? r.errors?.[0]?.extensions?.code);
    assert.ok(ending !== undefined, `the client learns the stream broke off (its socket closed), not that it completed: ${JSON.stringify({ kinds })}`);
    assert.ok(!kinds.includes('DONE'));

    // The chat service noticed the gateway's socket go and stopped asking the provider.
    const deadline = Date.now() + RECOVERY_MS;
    while (call.endedAt === undefined && !call.aborted) {
      assert.ok(Date.now() < deadline, 'the provider call of the cut answer never ended');
      await new Promise((r) => setTimeout(r, 50));
    }

    // One key allowing 2 calls at once; each answer now outlasts the 1.5 s queue timeout. Had the
    // cut answer kept its lease, one of these two would wait for it and be refused.
    llm.tokenDelayMs = 200;
    const again = [ask('a short question'), ask('another short question')];
    for (const sub of again) await sub.ended;
    for (const sub of again) assert.equal(sub.results.at(-1)?.data?.assistantAnswer.kind, 'DONE', JSON.stringify(sub.results.at(-1)));

    const history = await gql<{ assistantHistory: { prompt: string }[] }, Record<string, unknown>>(url, `query { assistantHistory(conversationId: "gateway-fault-thread") { prompt } }`, {}, { token });
    assert.equal(history.errors, undefined, JSON.stringify(history.errors));
    const prompts = history.data!.assistantHistory.map((h) => h.prompt);
    const halfStored = prompts.filter((p) => p === 'tell me a long story').length;
    t.diagnostic(`events before the crash ${first.results.length}, provider call cut ${call.aborted}: half answers stored ${halfStored}, later answers completed ${again.filter((s) => s.results.at(-1)?.data?.assistantAnswer.kind === 'DONE').length} of 2`);
    assert.equal(halfStored, 0);
    assert.equal(call.aborted, true, 'the provider call was cut, not run to its end');
    assert.deepEqual(prompts.sort(), ['a short question', 'another short question']);
  });
});
