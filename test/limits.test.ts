/**
 * Abuse through the gateway: operations that would cost far more than they
 * weigh, misbehaving sockets and slow senders. Each is refused with a stable
 * code, in bounded time, and leaves other clients (and the subgraphs) alone.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { print } from 'graphql';
import { gql, listening, startStack, subscribe, wsClient, type Stack } from '../testing/harness.js';
import { ConversationMessagesDocument, MessageEventsDocument, SendMessageDocument, StartConversationDocument, UserNameDocument, VideoCursorsDocument } from '../testing/__generated__/operations.js';

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

/** `{ user(id) { ...G<levels> } }` where each fragment pages followers and following of the one below. */
function fragmentBomb(userId: string, levels: number, first = 2): string {
  const fragments = [`fragment G0 on User { id username }`];
  for (let i = 1; i <= levels; i++) {
    fragments.push(`fragment G${i} on User { followers(first: ${first}) { edges { node { ...G${i - 1} } } } following(first: ${first}) { edges { node { ...G${i - 1} } } } }`);
  }
  return `{ user(id: "${userId}") { ...G${levels} } }\n${fragments.join('\n')}`;
}

function nestedFollowers(userId: string, depth: number): string {
  let selection = 'id';
  for (let i = 0; i < depth; i++) selection = `followers { edges { node { ${selection} } } }`;
  return `{ user(id: "${userId}") { ${selection} } }`;
}

function codeOf(errors: Errors): unknown {
  return errors?.[0]?.extensions?.code;
}

describe('operation limits', () => {
  let stack: Stack;
  let url: string;
  const users: { id: string; token: string }[] = [];

  before(async () => {
    stack = await startStack({ HTTP_BODY_TIMEOUT_MS: '500', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SUBSCRIPTIONS_PER_USER: '4', CORS_ORIGINS: 'https://app.example' });
    url = stack.gateway.url;
    for (let i = 0; i < 6; i++) {
      const u = await stack.user.store.createUser({ username: `limit_user${i}`, displayName: `Limit ${i}`, passwordHash: 'x' });
      users.push({ id: u.id, token: await stack.tokenFor(u.id) });
    }
    // A small follow graph, so that nested pages have something to multiply.
    for (const a of users) for (const b of users) if (a !== b) await stack.user.store.follow(a.id, b.id);
  });
  after(() => stack?.dispose());

  // Strings in the tests of document limits (fragment bombs, nesting, aliases, directives, sizes), in raw
  // WebSocket frames and in a body sent byte by byte: the text itself is what the gateway refuses or reads.
  test('a 1.5 KB fragment bomb (4^11 users) is refused before any subgraph sees it', async () => {
    stack.resetCounts();
    const query = fragmentBomb(users[0]!.id, 11);
    assert.ok(query.length < 2000);
    const r = await gql(url, query);
    assert.equal(r.status, 400);
    assert.equal(codeOf(r.errors), 'OPERATION_LIMIT_EXCEEDED');
    assert.match(String(r.errors?.[0]?.extensions?.limit), /cost|recursiveSelections|depth/);
    assert.equal(stack.counts.user.listFollowers ?? 0, 0, 'the user subgraph paged no followers');
    assert.equal(stack.counts.user.listFollowing ?? 0, 0);
  });

  test('plain nesting is priced by its page sizes and the refusal names the limit, its maximum and the cost', async () => {
    const r = await gql(url, nestedFollowers(users[0]!.id, 4));
    assert.equal(r.status, 400);
    const ext = r.errors?.[0]?.extensions;
    assert.equal(ext?.code, 'OPERATION_LIMIT_EXCEEDED');
    assert.equal(ext?.limit, 'cost');
    assert.equal(ext?.max, stack.config.GATEWAY_MAX_COST);
    assert.ok(Number(ext?.actual) > stack.config.GATEWAY_MAX_COST);
    assert.match(r.errors![0]!.message, /limit is 25000/);
    // The same shape with small pages is cheap and answered.
    const small = await gql<{ user: unknown }, Record<string, never>>(url, nestedFollowers(users[0]!.id, 2).replaceAll('followers {', 'followers(first: 3) {'));
    assert.equal(small.errors, undefined);
    assert.ok(small.data?.user);
  });

  test('page sizes given as variables count too', async () => {
    const query = `query($n: Int) { user(id: "${users[0]!.id}") { followers(first: $n) { edges { node { followers(first: $n) { edges { node { followers(first: $n) { edges { node { id } } } } } } } } } } }`;
    assert.equal((await gql(url, query, { n: 3 })).errors, undefined);
    const big = await gql(url, query, { n: 100 });
    assert.equal(codeOf(big.errors), 'OPERATION_LIMIT_EXCEEDED');
    assert.equal(big.errors?.[0]?.extensions?.limit, 'cost');
  });

  test('hundreds of aliases, deep nesting, many directives and huge documents are each refused by their own limit', async () => {
    const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const depth = `{ me { ${'followers(first: 1) { edges { node { '.repeat(6)}id${' } } }'.repeat(6)} } }`;
    const directives = `{ me { ${'id @include(if: true) '.repeat(60)} } }`;
    const tokens = `{ me { ${'id '.repeat(5000)} } }`;
    const cases: [string, string][] = [
      [aliases, 'aliases'],
      [depth, 'depth'],
      [directives, 'directives'],
      [tokens, 'tokens'],
    ];
    for (const [query, limit] of cases) {
      const r = await gql(url, query, {}, { token: users[0]!.token });
      assert.equal(r.status, 400, limit);
      assert.equal(codeOf(r.errors), 'OPERATION_LIMIT_EXCEEDED', `${limit}: ${JSON.stringify(r.errors)}`);
      assert.equal(r.errors?.[0]?.extensions?.limit, limit);
    }
  });

  test('a query that fails on a socket leaves the socket and its live subscription alone', async () => {
    const client = wsClient(url, { token: users[1]!.token });
    try {
      const events = subscribe(client, MessageEventsDocument);
      await listening(stack.redis, `chat:u:${users[1]!.id}`);
      const failed = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: print(ConversationMessagesDocument), variables: { conversationId: 'nope' } }, { next: (r) => resolve(r), error: (e) => resolve(e), complete: () => {} });
      });
      assert.ok(JSON.stringify(failed).includes('NOT_FOUND'), JSON.stringify(failed));
      // Still delivering: a message from user 2 reaches user 1's subscription.
      const conv = await gql(url, StartConversationDocument, { userId: users[1]!.id }, { token: users[2]!.token });
      await gql(url, SendMessageDocument, { conversationId: conv.data!.startConversation.id, text: 'still there', clientMessageId: 'm-limits-1' }, { token: users[2]!.token });
      const [first] = await events.waitFor(1);
      assert.equal(first?.data?.messageEvents.message?.text, 'still there');
      events.stop();
    } finally {
      await client.dispose();
    }
  });

  test('subscriptions over the socket obey the limits, per socket and per user, and a refusal closes nothing', async () => {
    const client = wsClient(url, { token: users[3]!.token });
    const second = wsClient(url, { token: users[3]!.token });
    try {
      // A string: the over-costly selection is what is refused.
      const bomb = subscribe(client, `subscription { danmakuAdded(videoId: "v") { id user { ${'followers(first: 100) { edges { node { '.repeat(3)}id${' } } }'.repeat(3)} } } }`);
      const refused = (await bomb.ended) as Errors;
      assert.equal(codeOf(refused), 'OPERATION_LIMIT_EXCEEDED');
      assert.equal(refused?.[0]?.extensions?.limit, 'cost');

      const live = [0, 1, 2].map(() => subscribe(client, MessageEventsDocument));
      await listening(stack.redis, `chat:u:${users[3]!.id}`, 1);
      const fourth = (await subscribe(client, MessageEventsDocument).ended) as Errors;
      assert.equal(codeOf(fourth), 'OPERATION_LIMIT_EXCEEDED');
      assert.equal(fourth?.[0]?.extensions?.limit, 'subscriptionsPerSocket');

      // Per user across sockets: three on the first socket, one more allowed on the second, then refused.
      const onSecond = subscribe(second, MessageEventsDocument);
      const fifth = (await subscribe(second, MessageEventsDocument).ended) as Errors;
      assert.equal(fifth?.[0]?.extensions?.limit, 'subscriptionsPerUser');
      // Ending one frees a place. The stop goes out on the other socket, so nothing orders it
      // before the next subscribe: a refusal until the gateway has seen it is allowed, and the
      // subscription is tried again. Running is proven by an event (a stored message it replays
      // from afterSeq 0), not by the absence of a refusal for a while.
      const conv = await gql(url, StartConversationDocument, { userId: users[3]!.id }, { token: users[2]!.token });
      const c = conv.data!.startConversation.id;
      await gql(url, SendMessageDocument, { conversationId: c, text: 'place freed', clientMessageId: 'm-limits-2' }, { token: users[2]!.token });
      live[0]!.stop();
      const deadline = Date.now() + 60_000;
      let again = subscribe(second, MessageEventsDocument, { conversationId: c, afterSeq: 0 });
      for (;;) {
        const replayed = again.waitFor(1, 60_000).then(() => ({ refused: undefined }));
        replayed.catch(() => undefined); // a refused attempt never replays; its timeout must not go unhandled
        const outcome = await Promise.race([again.ended.then((e) => ({ refused: e as Errors })), replayed]);
        if (!outcome.refused) break;
        assert.equal(outcome.refused?.[0]?.extensions?.limit, 'subscriptionsPerUser', 'refused for the limit only');
        assert.ok(Date.now() < deadline, 'a place was freed after one subscription ended');
        await new Promise((r) => setTimeout(r, 20));
        again = subscribe(second, MessageEventsDocument, { conversationId: c, afterSeq: 0 });
      }
      assert.equal(again.results[0]?.data?.messageEvents.message?.text, 'place freed');
      for (const s of [...live, onSecond, again]) s.stop();
    } finally {
      await client.dispose();
      await second.dispose();
    }
  });

  test('a frame over WS_MAX_PAYLOAD_BYTES closes only that socket', async () => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(stack.config.WS_MAX_PAYLOAD_BYTES) } }));
    assert.equal(await closed, 1009);
    const ok = await gql(url, UserNameDocument, { id: users[0]!.id });
    assert.equal(ok.data?.user?.id, users[0]!.id);
  });

  test('a WebSocket that signs in by cookie must come from an allowed origin', async () => {
    const cookie = `vh_access=${users[4]!.token}`;
    const attempt = (origin: string | undefined, params: Record<string, unknown> = {}) =>
      new Promise<{ closeCode?: number; me?: unknown }>((resolve) => {
        const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { cookie, ...(origin ? { origin } : {}) } });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
        socket.on('message', (raw) => {
          const msg = JSON.parse(String(raw)) as { type: string; payload?: { data?: { me?: unknown } } };
          if (msg.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }' } }));
          if (msg.type === 'next') {
            resolve({ me: msg.payload?.data?.me });
            socket.close();
          }
        });
        socket.on('close', (code) => resolve({ closeCode: code }));
      });
    assert.equal((await attempt('https://evil.example')).closeCode, 4403);
    assert.deepEqual((await attempt('https://app.example')).me, { id: users[4]!.id });
    // A token in connection params is not a cookie a foreign page could ride.
    assert.deepEqual((await attempt('https://evil.example', { authorization: `Bearer ${users[4]!.token}` })).me, { id: users[4]!.id });
  });

  test('a body sent too slowly gets 408 REQUEST_TIMEOUT as JSON, and the server stays responsive', async () => {
    const { port } = new URL(url);
    const body = JSON.stringify({ query: '{ videos(first: 1) { edges { cursor } } }' });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
      });
      let received = '';
      socket.on('data', (d) => (received += String(d)));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.match(answer, /"code":"REQUEST_TIMEOUT"/);
    const ok = await gql(url, VideoCursorsDocument, { first: 1 });
    assert.equal(ok.errors, undefined);
  });
});
