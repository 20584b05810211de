import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adapterFixtures } from '../../test/adapters.js';
import type { ChatStore } from './store.js';
import { MongoChatStore } from './store.mongo.js';
import { SqliteChatStore } from './store.sqlite.js';

for (const makeFixture of adapterFixtures<ChatStore>('chat', { sqlite: (db) => new SqliteChatStore(db), mongo: (c) => MongoChatStore.create(c) })) {
  const fixture = makeFixture();
  describe(`chat store contract (${fixture.name})`, () => {
    let store: ChatStore;
    before(async () => {
      store = await fixture.open();
    });
    after(async () => {
      await store.dispose();
      await fixture.cleanup();
    });

    test('concurrent appends get distinct, gap-free sequence numbers', async () => {
      const c = await store.createConversation({ kind: 'GROUP', title: 'g', ownerId: 'u1', memberIds: ['u1', 'u2', 'u1'] });
      const sent = await Promise.all(Array.from({ length: 100 }, (_, i) => store.appendMessage({ conversationId: c.id, senderId: i % 2 ? 'u1' : 'u2', text: `m${i}` })));
      assert.deepEqual(sent.map((m) => m.seq).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1));
      const page = await store.listMessages({ conversationId: c.id, afterSeq: 10, limit: 5 });
      assert.deepEqual(page.map((m) => m.seq), [11, 12, 13, 14, 15]);
      const older = await store.listMessages({ conversationId: c.id, beforeSeq: 10, limit: 3 });
      assert.deepEqual(older.map((m) => m.seq), [7, 8, 9]);
      const [last] = await store.lastMessages([c.id]);
      assert.equal(last?.seq, 100);
      assert.deepEqual((await store.membersOf([c.id])).get(c.id)?.sort(), ['u1', 'u2']);
      const [fetched] = await store.findMessagesByIds([sent[0]!.id]);
      assert.equal(fetched?.text, sent[0]!.text);
    });

    test('appending to a missing conversation fails and stores nothing', async () => {
      await assert.rejects(store.appendMessage({ conversationId: 'nope', senderId: 'u1', text: 'x' }));
      assert.deepEqual(await store.listMessages({ conversationId: 'nope', limit: 10 }), []);
    });

    test('conversations load by ids in one call', async () => {
      const a = await store.createConversation({ kind: 'DIRECT', title: null, ownerId: 'x', memberIds: ['x', 'y'] });
      const b = await store.createConversation({ kind: 'GROUP', title: 'team', ownerId: 'x', memberIds: ['x'] });
      const found = await store.findConversationsByIds([a.id, b.id, 'missing']);
      assert.deepEqual(found.map((c) => c.kind).sort(), ['DIRECT', 'GROUP']);
      const members = await store.membersOf([a.id, b.id, 'missing']);
      assert.deepEqual(members.get('missing'), []);
      assert.deepEqual(await store.lastMessages([a.id]), []);
    });
  });
}
