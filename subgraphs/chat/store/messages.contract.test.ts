import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageRecord } from './messages.js';
import { describeChatContract } from './contract.js';
import type { ChatStores } from './index.js';

describeChatContract(
  'messages',
  {
    sqlite: 'an append is one IMMEDIATE transaction (all or nothing, gap-free seq, one message per clientMessageId)',
    mongodb: 'an append is one multi-document transaction, snapshot reads and majority commit (all or nothing, gap-free seq, one message per clientMessageId)',
  },
  (contract) => {
    const { users, send, conversation } = contract;
    const seqs = (ms: MessageRecord[]) => ms.map((m) => m.seq);
    let stores: ChatStores;
    before(() => {
      stores = contract.stores;
    });

    test('gap-free: 100 concurrent appends get distinct sequence numbers 1..100', async () => {
      const [u1, u2] = users('u1', 'u2') as [string, string];
      const c = await stores.conversations.createConversation({ kind: 'GROUP', title: 'g', ownerId: u1, memberIds: [u1, u2, u1] });
      const sent = await Promise.all(
        Array.from({ length: 100 }, (_, i) => stores.messages.appendMessage({ conversationId: c.id, senderId: i % 2 ? u1 : u2, text: `m${i}`, clientMessageId: null })),
      );
      assert.ok(sent.every((r) => r.created));
      assert.deepEqual(sent.map((r) => r.message.seq).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1));
      assert.equal((await conversation(c.id)).lastSeq, 100);
      const page = await stores.messages.listMessages({ conversationId: c.id, afterSeq: 10, limit: 5 });
      assert.deepEqual(seqs(page), [11, 12, 13, 14, 15]);
      const older = await stores.messages.listMessages({ conversationId: c.id, beforeSeq: 10, limit: 3 });
      assert.deepEqual(seqs(older), [7, 8, 9]);
      const [last] = await stores.messages.lastMessages([c.id]);
      assert.equal(last?.seq, 100);
      assert.deepEqual((await stores.conversations.membersOf([c.id])).get(c.id)?.sort(), [u1, u2]);
      const [fetched] = await stores.messages.findMessagesByIds([sent[0]!.message.id]);
      assert.equal(fetched?.text, sent[0]!.message.text);
    });

    test('appending to a missing conversation fails and stores nothing', async () => {
      await assert.rejects(stores.messages.appendMessage({ conversationId: 'nope', senderId: 'u1', text: 'x', clientMessageId: null }));
      await assert.rejects(stores.messages.appendMessage({ conversationId: 'nope', senderId: 'u1', text: 'x', clientMessageId: 'c1' }));
      assert.deepEqual(await stores.messages.listMessages({ conversationId: 'nope', limit: 10 }), []);
    });

    test('a retried send returns the stored message and takes no new sequence number', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await stores.conversations.directConversation(a, b);
      const first = await stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'hello', clientMessageId: 'cm-1' });
      assert.equal(first.created, true);
      assert.equal(first.message.seq, 1);
      assert.equal(first.message.clientMessageId, 'cm-1');
      assert.equal(first.message.recalledAt, null);
      const retry = await stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'hello', clientMessageId: 'cm-1' });
      assert.equal(retry.created, false);
      assert.deepEqual(retry.message, first.message);
      assert.equal((await conversation(c.id)).lastSeq, 1);
      assert.equal((await stores.messages.listMessages({ conversationId: c.id, limit: 10 })).length, 1);
      assert.deepEqual(await stores.messages.findMessageByClientId(c.id, a, 'cm-1'), first.message);
      assert.equal(await stores.messages.findMessageByClientId(c.id, b, 'cm-1'), null, 'per sender');
      assert.equal(await stores.messages.findMessageByClientId(c.id, a, 'cm-2'), null);

      // The key is per sender: the other side may use the same client id.
      const other = await stores.messages.appendMessage({ conversationId: c.id, senderId: b, text: 'hi', clientMessageId: 'cm-1' });
      assert.equal(other.created, true);
      assert.equal(other.message.seq, 2);
      // And per conversation.
      const elsewhere = await stores.conversations.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      assert.equal((await stores.messages.appendMessage({ conversationId: elsewhere.id, senderId: a, text: 'x', clientMessageId: 'cm-1' })).created, true);
      // Without a client id every send is a new message.
      const n1 = await stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'same', clientMessageId: null });
      const n2 = await stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'same', clientMessageId: null });
      assert.equal(n1.created && n2.created, true);
      assert.deepEqual([n1.message.seq, n2.message.seq], [3, 4]);
      assert.equal(n1.message.clientMessageId, null);
    });

    test('20 concurrent copies of one send store one message', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await stores.conversations.directConversation(a, b);
      await send(c.id, b, 'before');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'once', clientMessageId: 'dup' })),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.message.id)).size, 1);
      const stored = await stores.messages.listMessages({ conversationId: c.id, limit: 100 });
      assert.deepEqual(
        stored.map((m) => m.text),
        ['before', 'once'],
      );
      // The copies that lost the race took no sequence number: the next send follows on.
      const next = await send(c.id, b, 'after');
      assert.equal(results[0]!.message.seq, 2);
      assert.equal(next.seq, 3);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, limit: 100 })), [1, 2, 3]);
      assert.equal((await conversation(c.id)).lastSeq, 3);
    });

    test('messages page after and before a sequence number', async () => {
      const [a] = users('a') as [string];
      const c = await stores.conversations.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      for (let i = 1; i <= 10; i++) await send(c.id, a, `m${i}`);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, limit: 3 })), [1, 2, 3]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, afterSeq: 3, limit: 2 })), [4, 5]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, afterSeq: 8, limit: 10 })), [9, 10]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, afterSeq: 10, limit: 10 })), []);
      // Only beforeSeq: the newest `limit` before it, still oldest first.
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, beforeSeq: 8, limit: 2 })), [6, 7]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, beforeSeq: 4, limit: 10 })), [1, 2, 3]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, beforeSeq: 1, limit: 10 })), []);
      // Both bounds: oldest first from afterSeq.
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, afterSeq: 2, beforeSeq: 9, limit: 3 })), [3, 4, 5]);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: c.id, afterSeq: 2, beforeSeq: 6, limit: 10 })), [3, 4, 5]);
      const texts = (await stores.messages.listMessages({ conversationId: c.id, afterSeq: 0, limit: 10 })).map((m) => m.text);
      assert.deepEqual(texts, Array.from({ length: 10 }, (_, i) => `m${i + 1}`));
    });

    test('the last message of each conversation comes in one call', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c1 = await stores.conversations.directConversation(a, b);
      const c2 = await stores.conversations.createConversation({ kind: 'GROUP', title: 'g', ownerId: a, memberIds: [b] });
      const empty = await stores.conversations.createConversation({ kind: 'GROUP', title: 'e', ownerId: a, memberIds: [] });
      await send(c1.id, a, 'c1 first');
      const c1Last = await send(c1.id, b, 'c1 last');
      const c2Last = await send(c2.id, a, 'c2 only');
      const last = await stores.messages.lastMessages([c1.id, c2.id, empty.id, 'missing']);
      const byConversation = new Map(last.map((m) => [m.conversationId, m]));
      assert.equal(last.length, 2);
      assert.deepEqual(byConversation.get(c1.id), c1Last);
      assert.deepEqual(byConversation.get(c2.id), c2Last);
      assert.deepEqual(await stores.messages.lastMessages([]), []);
    });

    test('recalling a message removes its text and marks it recalled', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await stores.conversations.directConversation(a, b);
      const m = await send(c.id, a, 'oops', 'cm-r');
      const kept = await send(c.id, a, 'fine');
      const recalled = await stores.messages.recallMessage(m.id);
      assert.ok(recalled);
      assert.equal(recalled.text, null);
      assert.ok(recalled.recalledAt instanceof Date);
      assert.equal(recalled.seq, m.seq);
      assert.equal(recalled.senderId, a);
      assert.equal(recalled.clientMessageId, 'cm-r');
      const [stored] = await stores.messages.findMessagesByIds([m.id]);
      assert.equal(stored?.text, null);
      assert.equal(stored?.recalledAt?.getTime(), recalled.recalledAt.getTime());
      // Recalling again changes nothing, and the recall time stays the first one.
      await sleep(5);
      assert.equal((await stores.messages.recallMessage(m.id))?.recalledAt?.getTime(), recalled.recalledAt.getTime());
      assert.equal((await stores.messages.findMessagesByIds([kept.id]))[0]?.text, 'fine');
      assert.equal(await stores.messages.recallMessage('missing'), null);
      // A retry of the recalled send still finds it rather than sending again.
      const retry = await stores.messages.appendMessage({ conversationId: c.id, senderId: a, text: 'oops', clientMessageId: 'cm-r' });
      assert.equal(retry.created, false);
      assert.equal(retry.message.text, null);
    });

    test('atomic: a failure after the counter bump leaves neither the message nor the bump', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const conv = await stores.conversations.directConversation(a, b);
      await send(conv.id, a, 'one');
      await send(conv.id, b, 'two');
      const before = await conversation(conv.id);
      const readBefore = await stores.conversations.readPositions(a, [conv.id]);
      const refused = `refused ${a}`;
      await contract.refuseMessagesWithText(refused);
      // The database refuses the insert, the write after the counter bump.
      await assert.rejects(stores.messages.appendMessage({ conversationId: conv.id, senderId: a, text: refused, clientMessageId: 'cm-refused' }));
      const after = await conversation(conv.id);
      assert.equal(after.lastSeq, 2, 'the counter bump was rolled back');
      assert.equal(after.updatedAt.getTime(), before.updatedAt.getTime(), 'no activity was recorded');
      assert.deepEqual(await stores.conversations.readPositions(a, [conv.id]), readBefore, 'the sender’s read position did not move');
      assert.equal(await stores.messages.findMessageByClientId(conv.id, a, 'cm-refused'), null);
      assert.deepEqual(seqs(await stores.messages.listMessages({ conversationId: conv.id, limit: 10 })), [1, 2]);
      assert.deepEqual(await stores.conversations.totalUnread([b]), new Map([[b, 0]]), 'no phantom unread message');
      // Gap-free afterwards: the next message takes the number the failed one would have had.
      assert.equal((await send(conv.id, b, 'three')).seq, 3);
      // The same client id sends again once the database accepts the text.
      const retried = await stores.messages.appendMessage({ conversationId: conv.id, senderId: a, text: 'accepted', clientMessageId: 'cm-refused' });
      assert.equal(retried.created, true);
      assert.equal(retried.message.seq, 4);
    });

    test('gap-free under contention: concurrent sends, some of them copies, number the stored messages 1..n', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const conv = await stores.conversations.directConversation(a, b);
      // 10 client ids, each sent three times at once, racing 10 sends without a client id.
      const sends = [
        ...Array.from({ length: 30 }, (_, i) => ({ senderId: a, text: `k${i % 10}`, clientMessageId: `k${i % 10}` })),
        ...Array.from({ length: 10 }, (_, i) => ({ senderId: b, text: `plain${i}`, clientMessageId: null })),
      ];
      const results = await Promise.all(sends.map((s) => stores.messages.appendMessage({ conversationId: conv.id, ...s })));
      assert.equal(results.filter((r) => r.created).length, 20);
      const stored = await stores.messages.listMessages({ conversationId: conv.id, limit: 100 });
      assert.deepEqual(seqs(stored), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal((await conversation(conv.id)).lastSeq, 20);
      for (let k = 0; k < 10; k++) {
        const copies = results.filter((_, i) => i < 30 && i % 10 === k);
        assert.equal(new Set(copies.map((r) => r.message.id)).size, 1, `one message for client id k${k}`);
      }
    });
  },
);
