import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeChatContract } from './contract.js';
import type { ChatStores } from './index.js';

describeChatContract(
  'conversations',
  {
    sqlite: 'writes that touch several rows are IMMEDIATE transactions (one direct conversation per pair, read positions only move forward)',
    mongodb: 'single-document atomic steps, unique indexes and $max (one direct conversation per pair, read positions only move forward)',
  },
  (contract) => {
    const { users, send, conversation } = contract;
    let stores: ChatStores;
    before(() => {
      stores = contract.stores;
    });

    test('conversations load by ids in one call', async () => {
      const [x, y] = users('x', 'y') as [string, string];
      const a = await stores.conversations.createConversation({ kind: 'DIRECT', title: null, ownerId: x, memberIds: [x, y] });
      const b = await stores.conversations.createConversation({ kind: 'GROUP', title: 'team', ownerId: x, memberIds: [x] });
      const found = await stores.conversations.findConversationsByIds([a.id, b.id, 'missing']);
      assert.deepEqual(found.map((c) => c.kind).sort(), ['DIRECT', 'GROUP']);
      const members = await stores.conversations.membersOf([a.id, b.id, 'missing']);
      assert.deepEqual(members.get('missing'), []);
      assert.deepEqual(members.get(b.id), [x]);
      assert.deepEqual(await stores.messages.lastMessages([a.id]), []);
      assert.deepEqual(await stores.conversations.findConversationsByIds([]), []);
    });

    test('a direct conversation is one per pair, whichever side starts it', async () => {
      const [a, b, c] = users('a', 'b', 'c') as [string, string, string];
      const ab = await stores.conversations.directConversation(a, b);
      assert.equal(ab.kind, 'DIRECT');
      assert.equal(ab.title, null);
      assert.equal(ab.lastSeq, 0);
      assert.equal((await stores.conversations.directConversation(a, b)).id, ab.id);
      assert.equal((await stores.conversations.directConversation(b, a)).id, ab.id);
      assert.deepEqual((await stores.conversations.membersOf([ab.id])).get(ab.id)?.sort(), [a, b].sort());
      const ac = await stores.conversations.directConversation(c, a);
      assert.notEqual(ac.id, ab.id);
      // Two groups of the same people are not direct conversations and never collide.
      await stores.conversations.createConversation({ kind: 'GROUP', title: 'one', ownerId: a, memberIds: [b] });
      await stores.conversations.createConversation({ kind: 'GROUP', title: 'two', ownerId: a, memberIds: [b] });
      assert.equal((await stores.conversations.directConversation(b, a)).id, ab.id);
    });

    test('concurrent first contacts of a pair create one direct conversation', async () => {
      const [a, b] = users('a', 'b') as [string, string];
      const all = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? stores.conversations.directConversation(a, b) : stores.conversations.directConversation(b, a))));
      assert.equal(new Set(all.map((c) => c.id)).size, 1);
      const id = all[0]!.id;
      assert.deepEqual((await stores.conversations.membersOf([id])).get(id)?.sort(), [a, b].sort());
      const page = await stores.conversations.listConversationsOf(a, { limit: 10 });
      assert.deepEqual(page.items.map((c) => c.id), [id]);
    });

    test('groups: create, add members, remove members with owner handover, rename', async () => {
      const [owner, m1, m2, m3, outsider] = users('owner', 'm1', 'm2', 'm3', 'outsider') as [string, string, string, string, string];
      const g = await stores.conversations.createConversation({ kind: 'GROUP', title: 'crew', ownerId: owner, memberIds: [m1, m2, m1] });
      assert.equal(g.ownerId, owner);
      assert.equal(g.title, 'crew');
      // The owner is a member even when not listed, and joins first.
      assert.deepEqual((await stores.conversations.membersOf([g.id])).get(g.id), [owner, m1, m2]);

      await send(g.id, owner, 'one');
      await send(g.id, m1, 'two');
      await send(g.id, m2, 'three');
      const beforeAdd = await conversation(g.id);
      await sleep(5);
      assert.deepEqual(await stores.conversations.addMembers(g.id, [m3, m1, m3]), [m3]);
      assert.deepEqual(await stores.conversations.addMembers(g.id, [m3]), []);
      assert.deepEqual(await stores.conversations.addMembers('missing', [m3]), []);
      assert.deepEqual((await stores.conversations.membersOf([g.id])).get(g.id), [owner, m1, m2, m3]);
      // Joining late: what was said before counts as read.
      assert.equal((await stores.conversations.readPositions(m3, [g.id])).get(g.id), 3);
      assert.equal((await stores.conversations.totalUnread([m3])).get(m3) ?? 0, 0);
      assert.ok((await conversation(g.id)).updatedAt > beforeAdd.updatedAt, 'adding members is activity');
      await send(g.id, m1, 'four');
      assert.equal((await stores.conversations.totalUnread([m3])).get(m3), 1);

      // Removing someone else leaves the owner alone.
      const afterM2 = await stores.conversations.removeMember(g.id, m2);
      assert.equal(afterM2?.ownerId, owner);
      assert.deepEqual((await stores.conversations.membersOf([g.id])).get(g.id), [owner, m1, m3]);
      // The owner leaving hands the group to the longest-standing member.
      const afterOwner = await stores.conversations.removeMember(g.id, owner);
      assert.equal(afterOwner?.ownerId, m1);
      assert.deepEqual((await stores.conversations.membersOf([g.id])).get(g.id), [m1, m3]);
      const afterM1 = await stores.conversations.removeMember(g.id, m1);
      assert.equal(afterM1?.ownerId, m3);
      assert.equal((await stores.conversations.removeMember(g.id, outsider))?.ownerId, m3);
      assert.equal(await stores.conversations.removeMember('missing', m3), null);
      assert.deepEqual((await stores.conversations.listConversationsOf(owner, { limit: 10 })).items, []);

      const renamed = await stores.conversations.rename(g.id, 'new name');
      assert.equal(renamed?.id, g.id);
      assert.equal(renamed?.title, 'new name');
      assert.equal(renamed?.lastSeq, 4);
      assert.equal((await conversation(g.id)).title, 'new name');
      assert.equal(await stores.conversations.rename('missing', 'x'), null);
    });

    test('read positions move forward only and never past the last message', async () => {
      const [a, b, outsider] = users('a', 'b', 'outsider') as [string, string, string];
      const c = await stores.conversations.directConversation(a, b);
      const other = await stores.conversations.createConversation({ kind: 'GROUP', title: null, ownerId: a, memberIds: [] });
      for (let i = 0; i < 5; i++) await send(c.id, a, `m${i}`);
      // Sending reads everything up to one's own message.
      assert.deepEqual(await stores.conversations.readPositions(a, [c.id]), new Map([[c.id, 5]]));
      assert.deepEqual(await stores.conversations.readPositions(b, [c.id]), new Map([[c.id, 0]]));
      assert.equal(await stores.conversations.markRead(c.id, b, 3), 3);
      assert.equal(await stores.conversations.markRead(c.id, b, 2), 3);
      assert.equal(await stores.conversations.markRead(c.id, b, 99), 5);
      assert.equal(await stores.conversations.markRead(c.id, b, 4), 5);
      assert.deepEqual(await stores.conversations.readPositions(b, [c.id, other.id, 'missing']), new Map([[c.id, 5]]));
      assert.deepEqual(await stores.conversations.readPositions(b, []), new Map());
      // Someone who is not a member has no position to move.
      assert.equal(await stores.conversations.markRead(c.id, outsider, 3), 0);
      assert.deepEqual(await stores.conversations.readPositions(outsider, [c.id]), new Map());
      assert.equal(await stores.conversations.markRead('missing', b, 3), 0);
      // Every member's position in one call (for replaying read receipts).
      assert.deepEqual(await stores.conversations.memberReadPositions(c.id), new Map([[a, 5], [b, 5]]));
      assert.deepEqual(await stores.conversations.memberReadPositions('missing'), new Map());
    });

    test('unread totals for several users come from one call', async () => {
      const [a, b, c, lonely] = users('a', 'b', 'c', 'lonely') as [string, string, string, string];
      const group = await stores.conversations.createConversation({ kind: 'GROUP', title: 'abc', ownerId: a, memberIds: [b, c] });
      const direct = await stores.conversations.directConversation(a, b);
      await send(group.id, a, 'g1'); // a read 1
      await send(group.id, c, 'g2'); // c read 2
      await send(group.id, a, 'g3'); // a read 3
      await send(group.id, c, 'g4'); // c read 4
      await send(direct.id, b, 'd1'); // b read 1
      await send(direct.id, b, 'd2'); // b read 2
      const unread = await stores.conversations.totalUnread([a, b, c, lonely]);
      assert.equal(unread.get(a), 1 + 2);
      assert.equal(unread.get(b), 4 + 0);
      assert.equal(unread.get(c), 0);
      assert.equal(unread.get(lonely) ?? 0, 0);
      await stores.conversations.markRead(group.id, b, 2);
      await stores.conversations.markRead(direct.id, a, 2);
      const later = await stores.conversations.totalUnread([a, b]);
      assert.equal(later.get(a), 1);
      assert.equal(later.get(b), 2);
      assert.deepEqual(await stores.conversations.totalUnread([]), new Map());
    });

    test('last sequence numbers of all of a user’s conversations', async () => {
      const [a, b, c] = users('a', 'b', 'c') as [string, string, string];
      const ab = await stores.conversations.directConversation(a, b);
      const ac = await stores.conversations.directConversation(a, c);
      const bc = await stores.conversations.directConversation(b, c);
      await send(ab.id, a, '1');
      await send(ab.id, b, '2');
      await send(bc.id, b, 'not a’s');
      assert.deepEqual(
        await stores.conversations.lastSeqsOf(a),
        new Map([
          [ab.id, 2],
          [ac.id, 0],
        ]),
      );
      assert.deepEqual(await stores.conversations.lastSeqsOf(users('nobody')[0]!), new Map());
    });

    test('a user’s conversations list latest activity first', async () => {
      const [a, b, c, d] = users('a', 'b', 'c', 'd') as [string, string, string, string];
      const ab = await stores.conversations.directConversation(a, b);
      const ac = await stores.conversations.directConversation(a, c);
      const ad = await stores.conversations.directConversation(a, d);
      await stores.conversations.directConversation(b, c);
      await sleep(5);
      await send(ab.id, b, 'bump');
      const page = await stores.conversations.listConversationsOf(a, { limit: 10 });
      assert.equal(page.hasNextPage, false);
      assert.deepEqual(
        page.items.map((x) => x.id),
        [ab.id, ad.id, ac.id],
      );
      assert.equal(page.items[0]!.lastSeq, 1);
      for (const item of page.items) assert.equal(item.cursor, `${item.updatedAt.toISOString()}|${item.id}`);
      await sleep(5);
      await stores.conversations.rename(ac.id, 'renamed');
      assert.equal((await stores.conversations.listConversationsOf(a, { limit: 1 })).items[0]?.id, ac.id);
      assert.deepEqual(await stores.conversations.listConversationsOf(users('nobody')[0]!, { limit: 10 }), { items: [], hasNextPage: false });
    });

    test('the conversation list pages by cursor without duplicates or gaps', async () => {
      const [p] = users('p') as [string];
      const peers = users('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7');
      // Created back to back, so several share a timestamp and the id must break the tie.
      for (const q of peers) await stores.conversations.directConversation(p, q);
      const all = await stores.conversations.listConversationsOf(p, { limit: 100 });
      assert.equal(all.items.length, 7);
      const seen: string[] = [];
      const flags: boolean[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await stores.conversations.listConversationsOf(p, { limit: 3, ...(cursor ? { after: cursor } : {}) });
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
      await stores.conversations.block(a, b);
      await stores.conversations.block(a, b);
      await stores.conversations.block(a, c);
      await stores.conversations.block(d, b);
      assert.deepEqual([...(await stores.conversations.blockedBy(b, [a, d, x, c]))].sort(), [a, d].sort());
      assert.deepEqual(await stores.conversations.blockedBy(a, [b, c, d]), new Set());
      assert.deepEqual(await stores.conversations.blockedBy(b, []), new Set());
      assert.deepEqual((await stores.conversations.listBlocked(a)).sort(), [b, c].sort());
      assert.deepEqual(await stores.conversations.listBlocked(x), []);
      await stores.conversations.unblock(a, b);
      await stores.conversations.unblock(a, b);
      assert.deepEqual(await stores.conversations.listBlocked(a), [c]);
      assert.deepEqual([...(await stores.conversations.blockedBy(b, [a, d]))], [d]);
      await Promise.all(Array.from({ length: 10 }, () => stores.conversations.block(x, a)));
      assert.deepEqual(await stores.conversations.listBlocked(x), [a]);
    });
  },
);
