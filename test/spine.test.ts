/**
 * The platform spine end to end: one query through the gateway that touches all
 * four subgraphs, identity enforced at the subgraphs, request ids, health.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConversationMessagesDocument, CrossGraphDocument, MessagesPageDocument, TypenameDocument, ViewerDocument } from '../testing/__generated__/operations.js';
import { gql, startStack, type Stack } from '../testing/harness.js';

describe('platform spine', () => {
  let stack: Stack;
  const ids: Record<string, string> = {};

  before(async () => {
    stack = await startStack();
    const alice = await stack.user.store.createUser({ username: 'alice', displayName: 'Alice Liddell', passwordHash: 'x' });
    const bob = await stack.user.store.createUser({ username: 'bob', displayName: 'Bob Builder', passwordHash: 'x', bio: 'I build cat towers' });
    const video = await stack.video.stores.videos.createVideo({
      uploaderId: alice.id,
      title: 'Cats playing piano',
      description: 'A very musical cat',
      tags: ['cats', 'music'],
      objectKey: 'videos/test.mp4',
      coverKey: null,
      sha256: 'a'.repeat(64),
      size: 1000,
      durationMs: 1000,
      width: 320,
      height: 240,
    });
    const conversation = await stack.chat.stores.conversations.createConversation({ kind: 'DIRECT', title: null, ownerId: alice.id, memberIds: [alice.id, bob.id] });
    await stack.chat.stores.messages.appendMessage({ conversationId: conversation.id, senderId: alice.id, text: 'hi bob', clientMessageId: null });
    await stack.chat.stores.messages.appendMessage({ conversationId: conversation.id, senderId: bob.id, text: 'hi alice', clientMessageId: null });
    await stack.search.index.upsert([
      { kind: 'video', id: video.id, version: 1, title: video.title, description: video.description, tags: video.tags, uploaderName: 'alice' },
      { kind: 'user', id: bob.id, version: 1, username: 'bob', displayName: 'Bob Builder', bio: 'I build cat towers' },
    ]);
    Object.assign(ids, { alice: alice.id, bob: bob.id, video: video.id, conversation: conversation.id });
  });
  after(() => stack?.dispose());

  test('one query crosses user, video, chat and search through the gateway', async () => {
    const token = await stack.tokenFor(ids.alice!);
    const res = await gql(stack.gateway.url, CrossGraphDocument, { videoId: ids.video!, conversationId: ids.conversation!, query: 'cat' }, { token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const data = res.data!;
    assert.equal(data.video?.title, 'Cats playing piano');
    assert.deepEqual(data.video?.uploader, { id: ids.alice, username: 'alice', displayName: 'Alice Liddell' });
    assert.deepEqual(data.conversation?.members.map((m) => m.username).sort(), ['alice', 'bob']);
    assert.deepEqual(
      data.messages.map((m) => [m.seq, m.text, m.sender.displayName]),
      [
        [1, 'hi bob', 'Alice Liddell'],
        [2, 'hi alice', 'Bob Builder'],
      ],
    );
    assert.equal(data.search.total, 2);
    const video = data.search.hits.find((h) => h.node?.__typename === 'Video');
    const user = data.search.hits.find((h) => h.node?.__typename === 'User');
    assert.ok(video?.node?.__typename === 'Video');
    assert.equal(video.node.title, 'Cats playing piano');
    assert.equal(video.node.uploader.username, 'alice');
    assert.ok(user?.node?.__typename === 'User');
    assert.equal(user.node.username, 'bob');
    assert.ok(video.highlights.some((h) => h.fragments.some((f) => f.includes('<em>'))), 'a highlight marks the match');
  });

  test('a conversation is private to its members', async () => {
    const anonymous = await gql(stack.gateway.url, MessagesPageDocument, { conversationId: ids.conversation! });
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const stranger = await stack.user.store.createUser({ username: 'mallory', displayName: 'Mallory', passwordHash: 'x' });
    const res = await gql(stack.gateway.url, ConversationMessagesDocument, { conversationId: ids.conversation! }, { token: await stack.tokenFor(stranger.id) });
    assert.equal(res.data ?? null, null);
    assert.deepEqual(res.errors?.map((e) => e.extensions?.code), ['NOT_FOUND', 'NOT_FOUND']);
  });

  test('an invalid access token is refused with UNAUTHENTICATED', async () => {
    const res = await gql(stack.gateway.url, ViewerDocument, {}, { token: 'not-a-jwt' });
    assert.equal(res.status, 401);
    assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  test('every subgraph refuses a request that did not come through the gateway', async () => {
    for (const subgraph of [stack.user, stack.video, stack.chat, stack.search]) {
      const res = await gql(subgraph.url, TypenameDocument);
      assert.equal(res.status, 401, subgraph.name);
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', subgraph.name);
    }
  });

  test('the gateway assigns a request id, or keeps a well-formed one from the client', async () => {
    const assigned = await gql(stack.gateway.url, TypenameDocument);
    assert.match(assigned.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const kept = await gql(stack.gateway.url, TypenameDocument, undefined, { headers: { 'x-request-id': 'client-req-12345' } });
    assert.equal(kept.headers.get('x-request-id'), 'client-req-12345');
  });

  test('health and readiness', async () => {
    for (const url of [stack.gateway.url, stack.user.url, stack.video.url, stack.chat.url, stack.search.url]) {
      const health = await fetch(new URL('/health', url));
      assert.equal(health.status, 200, url);
      const ready = await fetch(new URL('/ready', url));
      assert.equal(ready.status, 200, `${url}: ${await ready.text()}`);
    }
  });

  test('bad input gets BAD_USER_INPUT', async () => {
    // Strings: the invalid argument literals in the document are what is under test.
    const res = await gql(stack.gateway.url, `{ videos(first: 1000) { edges { cursor } } }`);
    assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const search = await gql(stack.gateway.url, `{ search(query: "   ") { total } }`);
    assert.equal(search.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
