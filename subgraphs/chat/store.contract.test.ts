import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { adapterFixtures } from '../../testing/adapters.js';
import type { ChatStore, MessageRecord } from './store.js';
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

    // Every test works on users of its own: the suite shares one store, and
    // per-user answers (unread totals, conversation lists) must not see other tests.
    let counter = 0;
    const users = (...names: string[]) => {
      const n = ++counter;
      return names.map((name) => `${name}-${n}`);
    };
    const send = async (conversationId: string, senderId: string, text: string, clientMessageId: string | null = null): Promise<MessageRecord> =>
      (await store.appendMessage({ conversationId, senderId, text, clientMessageId })).message;
    const conversation = async (id: string) => {
      const [c] = await store.findConversationsByIds([id]);
      assert.ok(c, `conversation ${id} exists`);
      return c;
    };
    const seqs = (ms: MessageRecord[]) => ms.map((m) => m.seq);

    test('concurrent appends get distinct, gap-free sequence numbers', async () => {
      const [u1, u2] = users('u1', 'u2') as [string, string];
      const c = await store.createConversation({ kind: 'GROUP', title: 'g', ownerId: u1, memberIds: [u1, u2, u1] });
      const sent = await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.appendMessage({ conversationId: c.id, senderId: i % 2 ? u1 : u2, text: `m${i}`, clientMessageId: null })),
      );
      assert.ok(sent.every((r) => r.created));
      assert.deepEqual(sent.map((r) => r.message.seq).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1));
      assert.equal((await conversation(c.id)).lastSeq, 100);
      const page = await store.listMessages({ conversationId: c.id, afterSeq: 10, limit: 5 });
      assert.deepEqual(seqs(page), [11, 12, 13, 14, 15]);
      const older = await store.listMessages({ conversationId: c.id, beforeSeq: 10, limit: 3 });
      assert.deepEqual(seqs(older), [7, 8, 9]);
      const [last] = await store.lastMessages([c.id]);
      assert.equal(last?.seq, 100);
      assert.deepEqual((await store.membersOf([c.id])).get(c.id)?.sort(), [u1, u2]);
      const [fetched] = await store.findMessagesByIds([sent[0]!.message.id]);
      assert.equal(fetched?.text, sent[0]!.message.text);
    });

    test('appending to a missing conversation fails and stores nothing', async () => {
      await assert.rejects(store.appendMessage({ conversationId: 'nope', senderId: 'u1', text: 'x', clientMessageId: null }));
      await assert.rejects(store.appendMessage({ conversationId: 'nope', senderId: 'u1', text: 'x', clientMessageId: 'c1' }));
      assert.deepEqual(await store.listMessages({ conversationId: 'nope', limit: 10 }), []);
    });

    test('conversations load by ids in one call', async () => {
      const [x, y] = users('x', 'y') as [string, string];
      const a = await store.createConversation({ kind: 'DIRECT', title: null, ownerId: x, memberIds: [x, y] });
      const b = await store.createConversation({ kind: 'GROUP', title: 'team', ownerId: x, memberIds: [x] });
      const found = await store.findConversationsByIds([a.id, b.id, 'missing']);
      assert.deepEqual(found.map((c) => c.kind).sort(), ['DIRECT', 'GROUP']);
      const members = await store.membersOf([a.id, b.id, 'missing']);
      assert.deepEqual(members.get('missing'), []);
      assert.deepEqual(members.get(b.id), [x]);
      assert.deepEqual(await store.lastMessages([a.id]), []);
      assert.deepEqual(await store.findConversationsByIds([]), []);
    });

    test('a direct conversation is one per pair, whichever side starts it', async () => {
      const [a, b, c] = users('a', 'b', 'c') as [string, string, string];
      const ab = await store.directConversation(a, b);
      assert.equal(ab.kind, 'DIRECT');
      assert.equal(ab.title, null);
      assert.equal(ab.lastSeq, 0);
      assert.equal((await store.directConversation(a, b)).id, ab.id);
      assert.equal((await store.directConversation(b, a)).id, ab.id);
      assert.deepEqual((await store.membersOf([ab.id])).get(ab.id)?.sort(), [a, b].sort());
      const ac = await store.directConversation(c, a);
      assert.notEqual(ac.id, ab.id);
      // Two groups of the same people are not direct conversations and never collide.
      await store.createConversation({ kind: 'GROUP', title: 'one', ownerId: a, memberIds: [b] });
      await store.createConversation({ kind: 'GROUP', title: 'two', ownerId: a, memberIds: [b] });
      assert.equal((await store.directConversation(b, a)).id, ab.id);
    });

    test('concurrent first contacts of a pair create one direct conversation', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const all = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store.directConversation(a, b) : store.directConversation(b, a))));
      assert.equal(new Set(all.map((c) => c.id)).size, 1);
      const id = all[0]!.id;
      assert.deepEqual((await store.membersOf([id])).get(id)?.sort(), [a, b].sort());
      const page = await store.listConversationsOf(a, { limit: 10 });
      assert.deepEqual(page.items.map((c) => c.id), [id]);
    });

    test('groups: create, add members, remove members with owner handover, rename', async () => {
      const [owner, m1, m2, m3, outsider] = users('owner', 'm1', 'm2', 'm3', 'outsider') as [string, string, string, string, string];
      const g = await store.createConversation({ kind: 'GROUP', title: 'crew', ownerId: owner, memberIds: [m1, m2, m1] });
      assert.equal(g.ownerId, owner);
      assert.equal(g.title, 'crew');
      // The owner is a member even when not listed, and joins first.
      assert.deepEqual((await store.membersOf([g.id])).get(g.id), [owner, m1, m2]);

      await send(g.id, owner, 'one');
      await send(g.id, m1, 'two');
      await send(g.id, m2, 'three');
      const beforeAdd = await conversation(g.id);
      await sleep(5);
      assert.deepEqual(await store.addMembers(g.id, [m3, m1, m3]), [m3]);
      assert.deepEqual(await store.addMembers(g.id, [m3]), []);
      assert.deepEqual(await store.addMembers('missing', [m3]), []);
      assert.deepEqual((await store.membersOf([g.id])).get(g.id), [owner, m1, m2, m3]);
      // Joining late: what was said before counts as read.
      assert.equal((await store.readPositions(m3, [g.id])).get(g.id), 3);
      assert.equal((await store.totalUnread([m3])).get(m3) ?? 0, 0);
      assert.ok((await conversation(g.id)).updatedAt > beforeAdd.updatedAt, 'adding members is activity');
      await send(g.id, m1, 'four');
      assert.equal((await store.totalUnread([m3])).get(m3), 1);

      // Removing someone else leaves the owner alone.
      const afterM2 = await store.removeMember(g.id, m2);
      assert.equal(afterM2?.ownerId, owner);
      assert.deepEqual((await store.membersOf([g.id])).get(g.id), [owner, m1, m3]);
      // The owner leaving hands the group to the longest-standing member.
      const afterOwner = await store.removeMember(g.id, owner);
      assert.equal(afterOwner?.ownerId, m1);
      assert.deepEqual((await store.membersOf([g.id])).get(g.id), [m1, m3]);
      const afterM1 = await store.removeMember(g.id, m1);
      assert.equal(afterM1?.ownerId, m3);
      assert.equal((await store.removeMember(g.id, outsider))?.ownerId, m3);
      assert.equal(await store.removeMember('missing', m3), null);
      assert.deepEqual((await store.listConversationsOf(owner, { limit: 10 })).items, []);

      const renamed = await store.rename(g.id, 'new name');
      assert.equal(renamed?.id, g.id);
      assert.equal(renamed?.title, 'new name');
      assert.equal(renamed?.lastSeq, 4);
      assert.equal((await conversation(g.id)).title, 'new name');
      assert.equal(await store.rename('missing', 'x'), null);
    });

    test('a retried send returns the stored message and takes no new sequence number', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await store.directConversation(a, b);
      const first = await store.appendMessage({ conversationId: c.id, senderId: a, text: 'hello', clientMessageId: 'cm-1' });
      assert.equal(first.created, true);
      assert.equal(first.message.seq, 1);
      assert.equal(first.message.clientMessageId, 'cm-1');
      assert.equal(first.message.recalledAt, null);
      const retry = await store.appendMessage({ conversationId: c.id, senderId: a, text: 'hello', clientMessageId: 'cm-1' });
      assert.equal(retry.created, false);
      assert.deepEqual(retry.message, first.message);
      assert.equal((await conversation(c.id)).lastSeq, 1);
      assert.equal((await store.listMessages({ conversationId: c.id, limit: 10 })).length, 1);
      assert.deepEqual(await store.findMessageByClientId(c.id, a, 'cm-1'), first.message);
      assert.equal(await store.findMessageByClientId(c.id, b, 'cm-1'), null, 'per sender');
      assert.equal(await store.findMessageByClientId(c.id, a, 'cm-2'), null);

      // The key is per sender: the other side may use the same client id.
      const other = await store.appendMessage({ conversationId: c.id, senderId: b, text: 'hi', clientMessageId: 'cm-1' });
      assert.equal(other.created, true);
      assert.equal(other.message.seq, 2);
      // And per conversation.
      const elsewhere = await store.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      assert.equal((await store.appendMessage({ conversationId: elsewhere.id, senderId: a, text: 'x', clientMessageId: 'cm-1' })).created, true);
      // Without a client id every send is a new message.
      const n1 = await store.appendMessage({ conversationId: c.id, senderId: a, text: 'same', clientMessageId: null });
      const n2 = await store.appendMessage({ conversationId: c.id, senderId: a, text: 'same', clientMessageId: null });
      assert.equal(n1.created && n2.created, true);
      assert.deepEqual([n1.message.seq, n2.message.seq], [3, 4]);
      assert.equal(n1.message.clientMessageId, null);
    });

    test('20 concurrent copies of one send store one message', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await store.directConversation(a, b);
      await send(c.id, b, 'before');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.appendMessage({ conversationId: c.id, senderId: a, text: 'once', clientMessageId: 'dup' })),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.message.id)).size, 1);
      const stored = await store.listMessages({ conversationId: c.id, limit: 100 });
      assert.deepEqual(
        stored.map((m) => m.text),
        ['before', 'once'],
      );
      // A copy that lost the race may have used up a sequence number (a gap, see
      // the Mongo adapter), never a second message or a repeated seq.
      const next = await send(c.id, b, 'after');
      assert.ok(next.seq > results[0]!.message.seq);
      assert.equal(new Set(seqs(await store.listMessages({ conversationId: c.id, limit: 100 }))).size, 3);
    });

    test('messages page after and before a sequence number', async () => {
      const [a] = users('a') as [string];
      const c = await store.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      for (let i = 1; i <= 10; i++) await send(c.id, a, `m${i}`);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, limit: 3 })), [1, 2, 3]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, afterSeq: 3, limit: 2 })), [4, 5]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, afterSeq: 8, limit: 10 })), [9, 10]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, afterSeq: 10, limit: 10 })), []);
      // Only beforeSeq: the newest `limit` before it, still oldest first.
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, beforeSeq: 8, limit: 2 })), [6, 7]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, beforeSeq: 4, limit: 10 })), [1, 2, 3]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, beforeSeq: 1, limit: 10 })), []);
      // Both bounds: oldest first from afterSeq.
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, afterSeq: 2, beforeSeq: 9, limit: 3 })), [3, 4, 5]);
      assert.deepEqual(seqs(await store.listMessages({ conversationId: c.id, afterSeq: 2, beforeSeq: 6, limit: 10 })), [3, 4, 5]);
      const texts = (await store.listMessages({ conversationId: c.id, afterSeq: 0, limit: 10 })).map((m) => m.text);
      assert.deepEqual(texts, Array.from({ length: 10 }, (_, i) => `m${i + 1}`));
    });

    test('the last message of each conversation comes in one call', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c1 = await store.directConversation(a, b);
      const c2 = await store.createConversation({ kind: 'GROUP', title: 'g', ownerId: a, memberIds: [b] });
      const empty = await store.createConversation({ kind: 'GROUP', title: 'e', ownerId: a, memberIds: [] });
      await send(c1.id, a, 'c1 first');
      const c1Last = await send(c1.id, b, 'c1 last');
      const c2Last = await send(c2.id, a, 'c2 only');
      const last = await store.lastMessages([c1.id, c2.id, empty.id, 'missing']);
      const byConversation = new Map(last.map((m) => [m.conversationId, m]));
      assert.equal(last.length, 2);
      assert.deepEqual(byConversation.get(c1.id), c1Last);
      assert.deepEqual(byConversation.get(c2.id), c2Last);
      assert.deepEqual(await store.lastMessages([]), []);
    });

    test('recalling a message removes its text and marks it recalled', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const c = await store.directConversation(a, b);
      const m = await send(c.id, a, 'oops', 'cm-r');
      const kept = await send(c.id, a, 'fine');
      const recalled = await store.recallMessage(m.id);
      assert.ok(recalled);
      assert.equal(recalled.text, null);
      assert.ok(recalled.recalledAt instanceof Date);
      assert.equal(recalled.seq, m.seq);
      assert.equal(recalled.senderId, a);
      assert.equal(recalled.clientMessageId, 'cm-r');
      const [stored] = await store.findMessagesByIds([m.id]);
      assert.equal(stored?.text, null);
      assert.equal(stored?.recalledAt?.getTime(), recalled.recalledAt.getTime());
      // Recalling again changes nothing, and the recall time stays the first one.
      await sleep(5);
      assert.equal((await store.recallMessage(m.id))?.recalledAt?.getTime(), recalled.recalledAt.getTime());
      assert.equal((await store.findMessagesByIds([kept.id]))[0]?.text, 'fine');
      assert.equal(await store.recallMessage('missing'), null);
      // A retry of the recalled send still finds it rather than sending again.
      const retry = await store.appendMessage({ conversationId: c.id, senderId: a, text: 'oops', clientMessageId: 'cm-r' });
      assert.equal(retry.created, false);
      assert.equal(retry.message.text, null);
    });

    test('read positions move forward only and never past the last message', async () => {
      const [a, b, outsider] = users('a', 'b', 'outsider') as [string, string, string];
      const c = await store.directConversation(a, b);
      const other = await store.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      for (let i = 0; i < 5; i++) await send(c.id, a, `m${i}`);
      // Sending reads everything up to one's own message.
      assert.deepEqual(await store.readPositions(a, [c.id]), new Map([[c.id, 5]]));
      assert.deepEqual(await store.readPositions(b, [c.id]), new Map([[c.id, 0]]));
      assert.equal(await store.markRead(c.id, b, 3), 3);
      assert.equal(await store.markRead(c.id, b, 2), 3);
      assert.equal(await store.markRead(c.id, b, 99), 5);
      assert.equal(await store.markRead(c.id, b, 4), 5);
      assert.deepEqual(await store.readPositions(b, [c.id, other.id, 'missing']), new Map([[c.id, 5]]));
      assert.deepEqual(await store.readPositions(b, []), new Map());
      // Someone who is not a member has no position to move.
      assert.equal(await store.markRead(c.id, outsider, 3), 0);
      assert.deepEqual(await store.readPositions(outsider, [c.id]), new Map());
      assert.equal(await store.markRead('missing', b, 3), 0);
      // Every member's position in one call (for replaying read receipts).
      assert.deepEqual(await store.memberReadPositions(c.id), new Map([[a, 5], [b, 5]]));
      assert.deepEqual(await store.memberReadPositions('missing'), new Map());
    });

    test('unread totals for several users come from one call', async () => {
      const [a, b, c, lonely] = users('a', 'b', 'c', 'lonely') as [string, string, string, string];
      const group = await store.createConversation({ kind: 'GROUP', title: 'abc', ownerId: a, memberIds: [b, c] });
      const direct = await store.directConversation(a, b);
      await send(group.id, a, 'g1'); // a read 1
      await send(group.id, c, 'g2'); // c read 2
      await send(group.id, a, 'g3'); // a read 3
      await send(group.id, c, 'g4'); // c read 4
      await send(direct.id, b, 'd1'); // b read 1
      await send(direct.id, b, 'd2'); // b read 2
      const unread = await store.totalUnread([a, b, c, lonely]);
      assert.equal(unread.get(a), 1 + 2);
      assert.equal(unread.get(b), 4 + 0);
      assert.equal(unread.get(c), 0);
      assert.equal(unread.get(lonely) ?? 0, 0);
      await store.markRead(group.id, b, 2);
      await store.markRead(direct.id, a, 2);
      const later = await store.totalUnread([a, b]);
      assert.equal(later.get(a), 1);
      assert.equal(later.get(b), 2);
      assert.deepEqual(await store.totalUnread([]), new Map());
    });

    test('last sequence numbers of all of a user’s conversations', async () => {
      const [a, b, c] = users('a', 'b', 'c') as [string, string, string];
      const ab = await store.directConversation(a, b);
      const ac = await store.directConversation(a, c);
      const bc = await store.directConversation(b, c);
      await send(ab.id, a, '1');
      await send(ab.id, b, '2');
      await send(bc.id, b, 'not a’s');
      assert.deepEqual(
        await store.lastSeqsOf(a),
        new Map([
          [ab.id, 2],
          [ac.id, 0],
        ]),
      );
      assert.deepEqual(await store.lastSeqsOf(users('nobody')[0]!), new Map());
    });

    test('a user’s conversations list latest activity first', async () => {
      const [a, b, c, d] = users('a', 'b', 'c', 'd') as [string, string, string, string];
      const ab = await store.directConversation(a, b);
      const ac = await store.directConversation(a, c);
      const ad = await store.directConversation(a, d);
      await store.directConversation(b, c);
      await sleep(5);
      await send(ab.id, b, 'bump');
      const page = await store.listConversationsOf(a, { limit: 10 });
      assert.equal(page.hasNextPage, false);
      assert.deepEqual(
        page.items.map((x) => x.id),
        [ab.id, ad.id, ac.id],
      );
      assert.equal(page.items[0]!.lastSeq, 1);
      for (const item of page.items) assert.equal(item.cursor, `${item.updatedAt.toISOString()}|${item.id}`);
      await sleep(5);
      await store.rename(ac.id, 'renamed');
      assert.equal((await store.listConversationsOf(a, { limit: 1 })).items[0]?.id, ac.id);
      assert.deepEqual(await store.listConversationsOf(users('nobody')[0]!, { limit: 10 }), { items: [], hasNextPage: false });
    });

    test('the conversation list pages by cursor without duplicates or gaps', async () => {
      const [p] = users('p') as [string];
      const peers = users('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7');
      // Created back to back, so several share a timestamp and the id must break the tie.
      for (const q of peers) await store.directConversation(p, q);
      const all = await store.listConversationsOf(p, { limit: 100 });
      assert.equal(all.items.length, 7);
      const seen: string[] = [];
      const flags: boolean[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await store.listConversationsOf(p, { limit: 3, ...(cursor ? { after: cursor } : {}) });
        seen.push(...page.items.map((x) => x.id));
        flags.push(page.hasNextPage);
        if (!page.hasNextPage) break;
        cursor = page.items.at(-1)!.cursor;
      }
      assert.deepEqual(flags, [true, true, false]);
      assert.deepEqual(seen, all.items.map((x) => x.id));
      assert.equal(new Set(seen).size, 7);
    });

    test('blocks', async () => {
      const [a, b, c, d, x] = users('a', 'b', 'c', 'd', 'x') as [string, string, string, string, string];
      await store.block(a, b);
      await store.block(a, b);
      await store.block(a, c);
      await store.block(d, b);
      assert.deepEqual([...(await store.blockedBy(b, [a, d, x, c]))].sort(), [a, d].sort());
      assert.deepEqual(await store.blockedBy(a, [b, c, d]), new Set());
      assert.deepEqual(await store.blockedBy(b, []), new Set());
      assert.deepEqual((await store.listBlocked(a)).sort(), [b, c].sort());
      assert.deepEqual(await store.listBlocked(x), []);
      await store.unblock(a, b);
      await store.unblock(a, b);
      assert.deepEqual(await store.listBlocked(a), [c]);
      assert.deepEqual([...(await store.blockedBy(b, [a, d]))], [d]);
      await Promise.all(Array.from({ length: 10 }, () => store.block(x, a)));
      assert.deepEqual(await store.listBlocked(x), [a]);
    });

    test('notifications are idempotent per event and recipient', async () => {
      const [r1, r2, r3, actor] = users('r1', 'r2', 'r3', 'actor') as [string, string, string, string];
      const item = (recipientId: string) => ({ recipientId, kind: 'user.followed', actorId: actor, subjectId: actor, payload: { via: 'test', n: 1 } });
      const first = await store.addNotifications('evt-1', [item(r1), item(r2)]);
      assert.deepEqual(first.map((n) => n.recipientId).sort(), [r1, r2].sort());
      for (const n of first) {
        assert.equal(n.readAt, null);
        assert.ok(n.createdAt instanceof Date);
        assert.deepEqual(n.payload, { via: 'test', n: 1 });
      }
      // Redelivery of the same event, now with one more recipient: only the new one is added.
      const again = await store.addNotifications('evt-1', [item(r1), item(r2), item(r3)]);
      assert.deepEqual(again.map((n) => n.recipientId), [r3]);
      assert.deepEqual(await store.addNotifications('evt-1', [item(r1)]), []);
      const listed = await store.listNotifications(r1, { limit: 10 });
      assert.equal(listed.items.length, 1);
      assert.deepEqual(listed.items[0], first.find((n) => n.recipientId === r1));
      // A notification without an actor, and with an empty payload.
      const [system] = await store.addNotifications('evt-2', [{ recipientId: r1, kind: 'system', actorId: null, subjectId: 's', payload: {} }]);
      assert.equal((await store.listNotifications(r1, { limit: 1 })).items[0]?.id, system?.id);
      assert.deepEqual((await store.listNotifications(r1, { limit: 1 })).items[0]?.payload, {});
      assert.equal((await store.listNotifications(r1, { limit: 1 })).items[0]?.actorId, null);
      // Concurrent redeliveries still add one.
      const racing = await Promise.all(Array.from({ length: 10 }, () => store.addNotifications('evt-3', [item(r2)])));
      assert.equal(racing.flat().length, 1);
    });

    test('notifications page newest first and are marked read', async () => {
      const [r, other] = users('r', 'other') as [string, string];
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const [n] = await store.addNotifications(`page-evt-${r}-${i}`, [{ recipientId: r, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } }]);
        created.push(n!.id);
      }
      await store.addNotifications(`page-evt-${other}`, [{ recipientId: other, kind: 'k', actorId: null, subjectId: 's', payload: {} }]);
      const seen: string[] = [];
      const flags: boolean[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listNotifications(r, { limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.items.map((n) => n.id));
        flags.push(page.hasNextPage);
        if (!page.hasNextPage) break;
        after = page.items.at(-1)!.id;
      }
      assert.deepEqual(flags, [true, true, false]);
      assert.deepEqual(seen, [...created].reverse());
      assert.deepEqual((await store.listNotifications(r, { limit: 1 })).items[0]?.payload, { i: 4 });

      assert.deepEqual(await store.unreadNotifications([r, other, 'nobody']).then((m) => [m.get(r), m.get(other), m.get('nobody') ?? 0]), [5, 1, 0]);
      assert.equal(await store.markNotificationsRead(r, [created[0]!, created[1]!]), 2);
      assert.equal(await store.markNotificationsRead(r, [created[0]!]), 0, 'already read');
      // Someone else's notification cannot be marked through my inbox.
      assert.equal(await store.markNotificationsRead(other, [created[2]!]), 0);
      assert.equal(await store.markNotificationsRead(r, []), 0);
      assert.equal((await store.unreadNotifications([r])).get(r), 3);
      const listed = (await store.listNotifications(r, { limit: 10 })).items;
      assert.ok(listed.find((n) => n.id === created[0])?.readAt instanceof Date);
      assert.equal(listed.find((n) => n.id === created[2])?.readAt, null);
      // Without ids: everything of this recipient, and only of this recipient.
      assert.equal(await store.markNotificationsRead(r), 3);
      assert.equal(await store.markNotificationsRead(r), 0);
      assert.equal((await store.unreadNotifications([r])).get(r) ?? 0, 0);
      assert.equal((await store.unreadNotifications([other])).get(other), 1);
      assert.deepEqual(await store.unreadNotifications([]), new Map());
    });

    test('notifications after an id come oldest first, the recipient’s only', async () => {
      const [r, other] = users('r', 'other') as [string, string];
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const [n] = await store.addNotifications(`after-evt-${r}-${i}`, [
          { recipientId: r, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } },
          { recipientId: other, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } },
        ]);
        created.push(n!.id);
      }
      const NIL = '00000000-0000-0000-0000-000000000000';
      assert.deepEqual((await store.listNotificationsAfter(r, { afterId: NIL, limit: 10 })).map((n) => n.id), created);
      assert.deepEqual((await store.listNotificationsAfter(r, { afterId: created[1]!, limit: 2 })).map((n) => n.payload), [{ i: 2 }, { i: 3 }]);
      assert.deepEqual(await store.listNotificationsAfter(r, { afterId: created[4]!, limit: 10 }), []);
    });

    test('the follower projection', async () => {
      const [f1, f2, f3, x, y] = users('f1', 'f2', 'f3', 'x', 'y') as [string, string, string, string, string];
      await store.setFollow(f1, x, true);
      await store.setFollow(f2, x, true);
      await store.setFollow(f1, x, true);
      await store.setFollow(f3, y, true);
      assert.deepEqual((await store.followersOf(x)).sort(), [f1, f2].sort());
      assert.deepEqual(await store.followersOf(y), [f3]);
      await store.setFollow(f1, x, false);
      await store.setFollow(f1, x, false);
      await store.setFollow(f3, x, false);
      assert.deepEqual(await store.followersOf(x), [f2]);
      assert.deepEqual(await store.followersOf(f1), []);
      await Promise.all(Array.from({ length: 10 }, () => store.setFollow(f3, x, true)));
      assert.deepEqual((await store.followersOf(x)).sort(), [f2, f3].sort());
    });
  });
}
