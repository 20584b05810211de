/**
 * "Merge requests": per request, N lookups of one type are one store query
 * (DataLoader) in every subgraph; across requests, hot lookups are merged
 * (the coalescer) only while they are frequent, and never served stale.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gql, startStack, type Stack } from '../testing/harness.js';

const video = (uploaderId: string, i: number) => ({
  uploaderId,
  title: `batch video ${i}`,
  description: '',
  tags: [],
  objectKey: `videos/batch-${i}/source`,
  coverKey: null,
  sha256: i.toString(16).padStart(64, '0'),
  size: 1,
  durationMs: 1000,
  width: 1,
  height: 1,
});

describe('batching', () => {
  let stack: Stack;
  let url: string;
  let token: string;
  let me: string;
  const uploaders: string[] = [];

  before(async () => {
    // Merging across requests, whatever the machine's speed: a threshold of 0 merges every lookup
    // (on a busy machine 300 requests may arrive at fewer than 50 a second), a 1 s window gathers
    // requests that the gateway passes on far apart, and the longest wait keeps callers with their
    // batch however long its query takes to be scheduled. The 100 aliases of the entity test are
    // more than the production limit allows.
    stack = await startStack({ COALESCE_THRESHOLD_PER_SECOND: '0', COALESCE_WINDOW_MS: '1000', COALESCE_MAX_WAIT_MS: '10000', GATEWAY_MAX_ALIASES: '100' });
    url = stack.gateway.url;
    const reg = await gql<{ register: { user: { id: string }; accessToken: string } }, Record<string, never>>(url, `mutation { register(username: "batcher", password: "pass-word-99") { user { id } accessToken } }`, {});
    token = reg.data!.register.accessToken;
    me = reg.data!.register.user.id;
    for (let i = 0; i < 100; i++) uploaders.push((await stack.user.store.createUser({ username: `uploader${i}`, displayName: `Uploader ${i}`, passwordHash: 'x' })).id);
    for (let i = 0; i < 100; i++) await stack.video.stores.videos.createVideo(video(uploaders[i]!, i));
    for (const other of uploaders) {
      const c = await stack.chat.stores.conversations.directConversation(me, other);
      await stack.chat.stores.messages.appendMessage({ conversationId: c.id, senderId: other, text: 'hi', clientMessageId: null });
    }
  });
  after(() => stack?.dispose());

  test('video: 100 videos with their uploaders are one video query and one user query', async () => {
    stack.resetCounts();
    const res = await gql<{ videos: { edges: { node: { title: string; uploader: { displayName: string } } }[] } }, Record<string, never>>(url, `{ videos(first: 100) { edges { node { title likedByMe uploader { displayName } } } } }`, {}, { token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.videos.edges.length, 100);
    assert.ok(res.data!.videos.edges.every((e) => e.node.uploader.displayName.startsWith('Uploader')));
    assert.equal(stack.counts.video.listVideos, 1);
    assert.equal(stack.counts.video.likedAmong, 1);
    assert.equal(stack.counts.user.findUsersByIds, 1, '100 uploaders, one user query');
  });

  test('video entities: 100 references resolve in one store query', async () => {
    const ids = (await stack.video.stores.videos.listVideos({ limit: 100 })).items.map((v) => v.id);
    stack.resetCounts();
    const query = `{ ${ids.map((id, i) => `v${i}: video(id: "${id}") { title }`).join(' ')} }`;
    const res = await gql<Record<string, { title: string }>, Record<string, never>>(url, query, {});
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(Object.keys(res.data!).length, 100);
    assert.equal(stack.counts.video.findVideosByIds, 1);
  });

  test('chat: 100 conversations with members, last messages and unread counts are one query each', async () => {
    stack.resetCounts();
    const res = await gql<{ conversations: { edges: { node: { unreadCount: number; members: { username: string }[]; lastMessage: { text: string; sender: { displayName: string } } } }[] } }, Record<string, never>>(
      url,
      `{ conversations(first: 100) { edges { node { unreadCount members { username } lastMessage { text sender { displayName } } } } } }`,
      {},
      { token },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.conversations.edges.length, 100);
    assert.ok(res.data!.conversations.edges.every((e) => e.node.unreadCount === 1 && e.node.members.length === 2 && e.node.lastMessage.sender.displayName.startsWith('Uploader')));
    assert.equal(stack.counts.chat.listConversationsOf, 1);
    assert.equal(stack.counts.chat.membersOf, 1);
    assert.equal(stack.counts.chat.lastMessages, 1);
    assert.equal(stack.counts.chat.readPositions, 1);
    // The plan fetches members and senders from the user subgraph in two parallel
    // requests (two paths): one store query each, or one if the cross-request
    // coalescer happens to merge them.
    const userQueries = stack.counts.user.findUsersByIds ?? 0;
    assert.ok(userQueries >= 1 && userQueries <= 2, `members and senders of 100 conversations: one user query per entity fetch, got ${userQueries}`);
  });

  test('across requests: concurrent lookups of hot videos share store queries, and see fresh data', async () => {
    const ids = (await stack.video.stores.videos.listVideos({ limit: 5 })).items.map((v) => v.id);
    stack.resetCounts();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => gql<{ video: { id: string } }, Record<string, unknown>>(url, `query($id: ID!) { video(id: $id) { id } }`, { id: ids[i % 5] })));
    for (const [i, r] of results.entries()) assert.equal(r.data?.video.id, ids[i % 5]);
    const queries = stack.counts.video.findVideosByIds ?? 0;
    assert.ok(queries < 300, `300 concurrent requests made ${queries} store queries`);
    assert.ok(stack.video.videoLookups.stats.merged > 0);
    assert.equal(stack.video.videoLookups.stats.timeouts, 0, 'no caller gave up on its batch');

    // A change is visible to the very next request, merged or not: nothing is cached between requests.
    await stack.video.stores.videos.updateVideo(ids[0]!, { title: 'fresh title' });
    const after = await Promise.all(Array.from({ length: 50 }, () => gql<{ video: { title: string } }, Record<string, unknown>>(url, `query($id: ID!) { video(id: $id) { title } }`, { id: ids[0] })));
    assert.ok(after.every((r) => r.data?.video.title === 'fresh title'));
  });
});
