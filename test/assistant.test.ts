/**
 * The AI assistant end to end, through the gateway over graphql-ws, against a
 * local OpenAI-compatible test server (the double of an external provider).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { keyIdOf } from '../subgraphs/chat/credentialPool.js';
import { FakeLlm, OUTLINE, PNG, answerTokens } from '../testing/fakeLlm.js';
import { signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, startStack, subscribe, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';
import {
  AssistantAnswerDocument,
  AssistantHistoryDocument,
  GenerateImageDocument,
  GenerateSlidesDocument,
  type AssistantAnswerSubscription as Event,
} from '../testing/__generated__/operations.js';
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

/** Polls until `check` holds; the deadline only bounds a test that would otherwise hang. */
async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const KEYS = ['key-alpha-0001', 'key-bravo-0002'];

describe('assistant', () => {
  let stack: Stack;
  let llm: FakeLlm;
  let url: string;
  let n = 0;
  const clients: { dispose(): void | Promise<void> }[] = [];

  const register = (s = stack): Promise<Auth> => signUp(s.gateway.url, `asker${++n}`);
  function ask(user: Auth, prompt: string, conversationId?: string) {
    const client = wsClient(url, { token: user.accessToken });
    clients.push(client);
    return subscribe(client, AssistantAnswerDocument, { prompt, conversationId: conversationId ?? null });
  }
  const textOf = (events: { data?: Event | null }[]) => events.filter((e) => e.data?.assistantAnswer.kind === 'TOKEN').map((e) => e.data!.assistantAnswer.text).join('');
  async function finished(sub: ReturnType<typeof ask>) {
    await sub.ended;
    return sub.results;
  }

  before(async () => {
    llm = await new FakeLlm().start();
    stack = await startStack({ LLM_BASE_URL: llm.url, LLM_MODEL: 'lite', LLM_API_KEYS: KEYS.join(','), LLM_QUEUE_TIMEOUT_MS: '20000' });
    url = stack.gateway.url;
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
    await llm?.stop();
  });

  test('tokens arrive in order through the gateway, then DONE with the whole text and usage', async () => {
    llm.reset();
    const me = await register();
    const events = await finished(ask(me, 'What is danmaku?'));
    const expected = answerTokens('What is danmaku?');
    const tokens = events.filter((e) => e.data?.assistantAnswer.kind === 'TOKEN').map((e) => e.data!.assistantAnswer.text);
    assert.deepEqual(tokens, expected);
    const done = events.at(-1)!.data!.assistantAnswer;
    assert.equal(done.kind, 'DONE');
    assert.equal(done.fullText, expected.join(''));
    assert.deepEqual(done.usage, { completionTokens: expected.length, totalTokens: 11 + expected.length });
  });

  test('with 2 keys, 4 answers run at once and the 5th waits; never more than 2 per key', async () => {
    llm.reset();
    // Answers hold before their first token until released: all four are surely running at
    // once then, however slowly the machine started them.
    const release = KEYS.map((key) => llm.hold(key));
    try {
      const me = await register();
      const subs = Array.from({ length: 5 }, (_, i) => ask(me, `question number ${i}`));
      await until('four answers are running', () => llm.requests.length >= 4);
      assert.deepEqual([...llm.active.values()].sort(), [2, 2], 'two on each key');
      for (const r of release) r();
      const results = await Promise.all(subs.map(finished));
      for (const [i, events] of results.entries()) assert.equal(textOf(events), answerTokens(`question number ${i}`).join(''));
      assert.deepEqual([...llm.maxActive.values()].sort(), [2, 2], 'each key served exactly 2 at its busiest, never 3');
      const byStart = [...llm.requests].sort((a, b) => a.startedAt - b.startedAt);
      const firstEnd = Math.min(...byStart.slice(0, 4).map((r) => r.endedAt!));
      assert.ok(byStart[4]!.startedAt >= firstEnd, 'the 5th started only once a slot was free');
    } finally {
      for (const r of release) r();
    }
  });

  test('a key that drops mid-stream is replaced and the client text is continuous', async () => {
    llm.reset();
    llm.behaviours.set(KEYS[0]!, { kind: 'drop', afterTokens: 4 });
    llm.behaviours.set(KEYS[1]!, { kind: 'ok' });
    const me = await register();
    const prompt = 'Tell me about failover';
    // Both keys are free, so the first request may land on either: ask until one lands on the dropping key.
    const events = await finished(ask(me, prompt));
    const expected = answerTokens(prompt).join('');
    assert.equal(textOf(events), expected, 'the client sees one uninterrupted answer');
    assert.equal(events.at(-1)!.data!.assistantAnswer.fullText, expected);
    if (llm.requests.some((r) => r.key === KEYS[0])) {
      const continuation = llm.requests.find((r) => r.key === KEYS[1] && r.messages.at(-1)?.content.includes('Continue it exactly where it stopped'));
      assert.ok(continuation, 'the second key was asked to continue');
      assert.equal(continuation.messages.at(-2)!.content, answerTokens(prompt).slice(0, 4).join(''), 'with the partial answer');
    }
    // Force the dropping key first: both slots of the good key are taken by answers held there
    // (the one that started on the dropping key moves over after 3 tokens) until the new answer
    // has been sent to the dropping key.
    llm.reset();
    llm.behaviours.set(KEYS[0]!, { kind: 'drop', afterTokens: 3 });
    const release = llm.hold(KEYS[1]!);
    try {
      const blockers = [ask(me, 'slow one'), ask(me, 'slow two')];
      await until('both blocking answers are held on the good key', () => llm.active.get(KEYS[1]!) === 2);
      const forcedSub = ask(me, prompt);
      await until('the new answer reached the dropping key', () => llm.requests.some((r) => r.key === KEYS[0] && r.messages.at(-1)?.content === prompt));
      release();
      const forced = await finished(forcedSub);
      assert.equal(textOf(forced), expected);
      await Promise.all(blockers.map(finished));
    } finally {
      release();
    }
    assert.ok(llm.requests.some((r) => r.key === KEYS[0] && r.messages.at(-1)?.content === prompt), 'the dropping key was used first');
    llm.behaviours.clear();
  });

  test('when no key can continue, the client is told to discard the partial answer', async () => {
    llm.reset();
    llm.behaviours.set(KEYS[0]!, { kind: 'drop', afterTokens: 2 });
    llm.behaviours.set(KEYS[1]!, { kind: 'stream-error', afterTokens: 0 });
    const me = await register();
    const events = await finished(ask(me, 'doomed question'));
    const last = events.at(-1)!.data!.assistantAnswer;
    assert.equal(last.kind, 'ERROR');
    assert.equal(last.code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(last.discardPartial, textOf(events).length > 0);
    assert.ok(!events.some((e) => e.data?.assistantAnswer.text?.includes('audit')), 'an error inside the stream is never shown as text');
    llm.behaviours.clear();
  });

  test('disconnecting cancels the upstream request', async () => {
    llm.reset();
    // Each key sends one token and then nothing: only a cancellation can end the request.
    for (const key of KEYS) llm.behaviours.set(key, { kind: 'hang', afterTokens: 1 });
    try {
      const me = await register();
      const sub = ask(me, 'a long answer please');
      await sub.waitFor(1);
      sub.stop();
      await until('the provider request ended', () => llm.requests[0]?.endedAt !== undefined);
      assert.equal(llm.requests[0]?.aborted, true, 'the provider saw the request cancelled');
      assert.equal(llm.requests.length, 1, 'and no other key was asked to continue');
    } finally {
      llm.behaviours.clear();
    }
  });

  test('history is sent as context and stored per thread', async () => {
    llm.reset();
    const me = await register();
    await finished(ask(me, 'first question', 'thread-1'));
    await finished(ask(me, 'second question', 'thread-1'));
    const second = llm.requests.at(-1)!;
    assert.deepEqual(second.messages.slice(1).map((m) => [m.role, m.content]), [
      ['user', 'first question'],
      ['assistant', answerTokens('first question').join('')],
      ['user', 'second question'],
    ]);
    await finished(ask(me, 'elsewhere', 'thread-2'));
    assert.equal(llm.requests.at(-1)!.messages.length, 2, 'another thread starts fresh');
    const hist = await gql(url, AssistantHistoryDocument, { conversationId: 'thread-1' }, { token: me.accessToken });
    assert.deepEqual(hist.data?.assistantHistory.map((t) => t.prompt), ['first question', 'second question']);
    const other = await register();
    const theirs = await gql(url, AssistantHistoryDocument, { conversationId: 'thread-1' }, { token: other.accessToken });
    assert.deepEqual(theirs.data?.assistantHistory, [], 'history is per user');
  });

  test('generated slides are a real .pptx with the outline; images are stored and served', async () => {
    llm.reset();
    const me = await register();
    const slides = await gql(url, GenerateSlidesDocument, { topic: 'Cats on the internet' }, { token: me.accessToken });
    assert.equal(slides.errors, undefined, JSON.stringify(slides.errors));
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(slides.data!.generateSlides.url)).arrayBuffer()));
    const slideFiles = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    assert.equal(slideFiles.length, OUTLINE.slides.length + 1, 'a title slide and one per outline entry');
    const all = (await Promise.all(slideFiles.map((f) => zip.file(f)!.async('string')))).join('');
    for (const s of OUTLINE.slides) assert.ok(all.includes(s.title), s.title);
    const image = await gql(url, GenerateImageDocument, { prompt: 'a cat' }, { token: me.accessToken });
    assert.equal(image.errors, undefined, JSON.stringify(image.errors));
    assert.deepEqual(Buffer.from(await (await fetch(image.data!.generateImage.url)).arrayBuffer()), PNG);
  });

  test('a key that fails authentication leaves the pool; the answer still comes from the other key', async () => {
    llm.reset();
    llm.behaviours.set(KEYS[0]!, { kind: 'status', status: 401 });
    const me = await register();
    const answers = await Promise.all([finished(ask(me, 'auth one')), finished(ask(me, 'auth two'))]);
    for (const [i, events] of answers.entries()) assert.equal(textOf(events), answerTokens(['auth one', 'auth two'][i]!).join(''));
    const disabled = await stack.redis.smembers('{llm}:disabled');
    assert.ok(disabled.includes(keyIdOf(KEYS[0]!)), 'the refused key is disabled for every instance');
    const before = llm.requests.filter((r) => r.key === KEYS[0]).length;
    await finished(ask(me, 'after the auth failure'));
    assert.equal(llm.requests.filter((r) => r.key === KEYS[0]).length, before, 'the disabled key is not used again');
    llm.behaviours.clear();
  });

  test('without a provider, assistant operations answer LLM_NOT_CONFIGURED naming the variables', async () => {
    const bare = await startStack();
    try {
      const me = await register(bare);
      const client = wsClient(bare.gateway.url, { token: me.accessToken });
      clients.push(client);
      const sub = subscribe(client, AssistantAnswerDocument, { prompt: 'hi', conversationId: null });
      const [first] = await sub.waitFor(1);
      const err = first!.errors?.[0] as { message: string; extensions?: { code?: string } };
      assert.equal(err.extensions?.code, 'LLM_NOT_CONFIGURED');
      assert.match(err.message, /LLM_BASE_URL.*LLM_MODEL.*LLM_API_KEYS/);
      assert.equal(code(await gql(bare.gateway.url, GenerateImageDocument, { prompt: 'x' }, { token: me.accessToken })), 'LLM_NOT_CONFIGURED');
    } finally {
      await bare.dispose();
    }
  });
});
