/**
 * Subscriptions over plain HTTP, driven by the clients people use: Apollo
 * Client's HttpLink (Apollo's multipart subscription protocol) and the
 * graphql-sse client (GraphQL over Server-Sent Events). Same events, order,
 * authentication and limits as over graphql-ws.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { subscriberCount } from '../lib/redis/client.js';
import { signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, listening, startStack, type Stack } from '../testing/harness.js';
import { LogoutDocument, MessageEventsWithSenderDocument, SendMessageDocument, StartConversationDocument, type MessageEventsWithSenderSubscription } from '../testing/__generated__/operations.js';

type EventData = MessageEventsWithSenderSubscription;
const EVENTS = print(MessageEventsWithSenderDocument);

describe('subscriptions over HTTP', () => {
  let stack: Stack;
  let url: string;
  let n = 0;

  const register = (displayName: string): Promise<Auth> => signUp(url, `streamer${++n}`, { displayName });
  async function conversation(a: Auth, b: Auth): Promise<string> {
    const res = await gql(url, StartConversationDocument, { userId: b.user.id }, { token: a.accessToken });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.startConversation.id;
  }
  async function send(a: Auth, c: string, text: string): Promise<void> {
    const res = await gql(url, SendMessageDocument, { conversationId: c, text }, { token: a.accessToken });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  }
  /** Waits until nobody listens on the channel any more: the stream's upstream subscription was returned. */
  async function released(channel: string): Promise<void> {
    for (let i = 0; i < 3000; i++) {
      const count = await subscriberCount(stack.redis, channel);
      if (count === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail(`${channel} still has listeners`);
  }
  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  before(async () => {
    stack = await startStack();
    url = stack.gateway.url;
  });
  after(async () => {
    await stack?.dispose();
  });

  test("Apollo Client's HttpLink: live messages in order, with fields from two subgraphs; unsubscribing releases the upstream", async () => {
    const alice = await register('Alice M.');
    const bob = await register('Bob M.');
    const c = await conversation(alice, bob);
    const client = new ApolloClient({ link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${bob.accessToken}` } }), cache: new InMemoryCache() });
    const got: EventData[] = [];
    const errors: unknown[] = [];
    let arrived: () => void = () => {};
    const two = new Promise<void>((r) => (arrived = r));
    const sub = client.subscribe({ query: MessageEventsWithSenderDocument, variables: { conversationId: c } }).subscribe({
      next: (r) => {
        if (r.error) errors.push(r.error);
        if (r.data) got.push(r.data as EventData);
        if (got.length === 2) arrived();
      },
      error: (e: unknown) => errors.push(e),
    });
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    await send(alice, c, 'over multipart one');
    await send(alice, c, 'over multipart two');
    await two;
    assert.deepEqual(errors, []);
    assert.deepEqual(
      got.map((e) => [e.messageEvents.kind, e.messageEvents.message?.seq, e.messageEvents.message?.text, e.messageEvents.message?.sender.displayName]),
      [
        ['MESSAGE', 1, 'over multipart one', 'Alice M.'],
        ['MESSAGE', 2, 'over multipart two', 'Alice M.'],
      ],
    );
    sub.unsubscribe();
    await released(`chat:u:${bob.user.id}`);
    client.stop();
  });

  test('the graphql-sse client: live messages in order, and a query over the same transport', async () => {
    const alice = await register('Alice S.');
    const bob = await register('Bob S.');
    const c = await conversation(alice, bob);
    const client = createSseClient({ url, headers: { authorization: `Bearer ${bob.accessToken}` }, retryAttempts: 0 });
    try {
      const me = await new Promise<unknown>((resolve, reject) => {
        // A query in the subscription client's own transport: its JSON answer is compared whole.
        client.subscribe({ query: '{ me { username } }' }, { next: resolve, error: reject, complete: () => {} });
      });
      assert.deepEqual(me, { data: { me: { username: bob.user.username } } });

      const got: EventData[] = [];
      let arrived: () => void = () => {};
      const two = new Promise<void>((r) => (arrived = r));
      let failed: unknown;
      const stop = client.subscribe<EventData>(
        { query: EVENTS, variables: { conversationId: c } },
        {
          next: (r) => {
            if (r.errors) failed = r.errors;
            if (r.data) got.push(r.data);
            if (got.length === 2) arrived();
          },
          error: (e) => (failed = e),
          complete: () => {},
        },
      );
      await listening(stack.redis, `chat:u:${bob.user.id}`);
      await send(alice, c, 'over sse one');
      await send(alice, c, 'over sse two');
      await two;
      assert.equal(failed, undefined);
      assert.deepEqual(
        got.map((e) => [e.messageEvents.message?.seq, e.messageEvents.message?.text, e.messageEvents.message?.sender.displayName]),
        [
          [1, 'over sse one', 'Alice S.'],
          [2, 'over sse two', 'Alice S.'],
        ],
      );
      stop();
      await released(`chat:u:${bob.user.id}`);
    } finally {
      client.dispose();
    }
  });

  test('signing out ends a multipart subscription with UNAUTHENTICATED', async () => {
    const carol = await register('Carol');
    const res = await post({ authorization: `Bearer ${carol.accessToken}`, accept: 'multipart/mixed;subscriptionSpec=1.0' }, { query: EVENTS, variables: {} });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^multipart\/mixed;boundary="graphql";subscriptionSpec="1.0"/);
    await listening(stack.redis, `chat:u:${carol.user.id}`);
    const out = await gql(url, LogoutDocument, {}, { token: carol.accessToken });
    assert.equal(out.errors, undefined);
    // The answer ends: read it to the closing boundary.
    const body = await res.text();
    assert.ok(body.endsWith('--graphql--\r\n'), body.slice(-60));
    const parts = body
      .split('\r\n--graphql')
      .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4))
      .filter((p) => p.startsWith('{') && p !== '{}');
    const last = JSON.parse(parts.at(-1)!) as { payload: { errors: { extensions: { code: string } }[] } };
    assert.equal(last.payload.errors[0]?.extensions.code, 'UNAUTHENTICATED');
  });

  test("urql's Accept list: queries answer JSON as usual, a subscription is streamed as SSE", async () => {
    const erin = await register('Erin');
    const accept = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
    const query = await post({ authorization: `Bearer ${erin.accessToken}`, accept }, { query: '{ me { username } }' });
    assert.equal(query.status, 200);
    assert.match(query.headers.get('content-type') ?? '', /json/);
    assert.deepEqual(await query.json(), { data: { me: { username: erin.user.username } } });
    const controller = new AbortController();
    const sub = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${erin.accessToken}`, accept },
      body: JSON.stringify({ query: EVENTS }),
      signal: controller.signal,
    });
    assert.equal(sub.status, 200);
    assert.match(sub.headers.get('content-type') ?? '', /^text\/event-stream/);
    await listening(stack.redis, `chat:u:${erin.user.id}`);
    controller.abort();
    await released(`chat:u:${erin.user.id}`);
  });

  test('refusals are JSON answers with client codes, before any stream starts', async () => {
    const dave = await register('Dave');
    for (const accept of ['text/event-stream', 'multipart/mixed;subscriptionSpec=1.0']) {
      const badToken = await post({ authorization: 'Bearer not-a-token', accept }, { query: EVENTS });
      assert.equal(badToken.status, 401, accept);
      assert.equal(((await badToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'UNAUTHENTICATED');

      // Strings: an unknown field and an over-deep selection are what is refused.
      const misspelt = await post({ authorization: `Bearer ${dave.accessToken}`, accept }, { query: 'subscription { messageEvent { kind } }' });
      assert.equal(misspelt.status, 400, accept);
      assert.equal(((await misspelt.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'GRAPHQL_VALIDATION_FAILED');

      const deep = `subscription { messageEvents { message { sender { ${'followers(first: 1) { nodes { '.repeat(8)}id${' } }'.repeat(8)} } } } }`;
      const tooDeep = await post({ authorization: `Bearer ${dave.accessToken}`, accept }, { query: deep });
      assert.equal(tooDeep.status, 400, accept);
      assert.equal(((await tooDeep.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'OPERATION_LIMIT_EXCEEDED');
    }
    // A page elsewhere may not ride the session cookie.
    const foreign = await post({ cookie: `vh_access=${dave.accessToken}`, origin: 'https://elsewhere.example', accept: 'text/event-stream' }, { query: EVENTS });
    assert.equal(foreign.status, 403);
    // Without asking for a stream, a subscription is refused with the transports that serve it.
    const plain = await post({ authorization: `Bearer ${dave.accessToken}`, accept: 'application/json' }, { query: EVENTS });
    assert.equal(plain.status, 400);
    const body = (await plain.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(body.errors[0]?.extensions.code, 'BAD_REQUEST');
    assert.match(body.errors[0]!.message, /text\/event-stream/);
    assert.match(body.errors[0]!.message, /subscriptionSpec=1\.0/);
    // The single connection mode of GraphQL over SSE is not offered.
    const reserve = await fetch(url, { method: 'PUT', headers: { accept: 'text/event-stream', authorization: `Bearer ${dave.accessToken}` } });
    assert.equal(reserve.status, 405);
  });
});
