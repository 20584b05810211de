import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeChatContract } from './contract.js';
import type { ChatStores } from './index.js';

describeChatContract(
  'notifications',
  {
    sqlite: 'a unique (event, recipient) key makes delivery idempotent',
    mongodb: 'a unique (eventId, recipientId) index makes delivery idempotent; batches are unordered inserts',
  },
  (contract) => {
    const { users } = contract;
    let stores: ChatStores;
    before(() => {
      stores = contract.stores;
    });

    test('notifications are idempotent per event and recipient', async () => {
      const [r1, r2, r3, actor] = users('r1', 'r2', 'r3', 'actor') as [string, string, string, string];
      const item = (recipientId: string) => ({ recipientId, kind: 'user.followed', actorId: actor, subjectId: actor, payload: { via: 'test', n: 1 } });
      const first = await stores.notifications.addNotifications('evt-1', [item(r1), item(r2)]);
      assert.deepEqual(first.map((n) => n.recipientId).sort(), [r1, r2].sort());
      for (const n of first) {
        assert.equal(n.readAt, null);
        assert.ok(n.createdAt instanceof Date);
        assert.deepEqual(n.payload, { via: 'test', n: 1 });
      }
      // Redelivery of the same event, now with one more recipient: only the new one is added.
      const again = await stores.notifications.addNotifications('evt-1', [item(r1), item(r2), item(r3)]);
      assert.deepEqual(again.map((n) => n.recipientId), [r3]);
      assert.deepEqual(await stores.notifications.addNotifications('evt-1', [item(r1)]), []);
      const listed = await stores.notifications.listNotifications(r1, { limit: 10 });
      assert.equal(listed.items.length, 1);
      assert.deepEqual(listed.items[0], first.find((n) => n.recipientId === r1));
      // A notification without an actor, and with an empty payload.
      const [system] = await stores.notifications.addNotifications('evt-2', [{ recipientId: r1, kind: 'system', actorId: null, subjectId: 's', payload: {} }]);
      assert.equal((await stores.notifications.listNotifications(r1, { limit: 1 })).items[0]?.id, system?.id);
      assert.deepEqual((await stores.notifications.listNotifications(r1, { limit: 1 })).items[0]?.payload, {});
      assert.equal((await stores.notifications.listNotifications(r1, { limit: 1 })).items[0]?.actorId, null);
      // Concurrent redeliveries still add one.
      const racing = await Promise.all(Array.from({ length: 10 }, () => stores.notifications.addNotifications('evt-3', [item(r2)])));
      assert.equal(racing.flat().length, 1);
    });

    test('notifications page newest first and are marked read', async () => {
      const [r, other] = users('r', 'other') as [string, string];
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const [n] = await stores.notifications.addNotifications(`page-evt-${r}-${i}`, [{ recipientId: r, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } }]);
        created.push(n!.id);
      }
      await stores.notifications.addNotifications(`page-evt-${other}`, [{ recipientId: other, kind: 'k', actorId: null, subjectId: 's', payload: {} }]);
      const seen: string[] = [];
      const flags: boolean[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await stores.notifications.listNotifications(r, { limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.items.map((n) => n.id));
        flags.push(page.hasNextPage);
        if (!page.hasNextPage) break;
        after = page.items.at(-1)!.id;
      }
      assert.deepEqual(flags, [true, true, false]);
      assert.deepEqual(seen, [...created].reverse());
      assert.deepEqual((await stores.notifications.listNotifications(r, { limit: 1 })).items[0]?.payload, { i: 4 });

      assert.deepEqual(await stores.notifications.unreadNotifications([r, other, 'nobody']).then((m) => [m.get(r), m.get(other), m.get('nobody') ?? 0]), [5, 1, 0]);
      assert.equal(await stores.notifications.markNotificationsRead(r, [created[0]!, created[1]!]), 2);
      assert.equal(await stores.notifications.markNotificationsRead(r, [created[0]!]), 0, 'already read');
      // Someone else's notification cannot be marked through my inbox.
      assert.equal(await stores.notifications.markNotificationsRead(other, [created[2]!]), 0);
      assert.equal(await stores.notifications.markNotificationsRead(r, []), 0);
      assert.equal((await stores.notifications.unreadNotifications([r])).get(r), 3);
      const listed = (await stores.notifications.listNotifications(r, { limit: 10 })).items;
      assert.ok(listed.find((n) => n.id === created[0])?.readAt instanceof Date);
      assert.equal(listed.find((n) => n.id === created[2])?.readAt, null);
      // Without ids: everything of this recipient, and only of this recipient.
      assert.equal(await stores.notifications.markNotificationsRead(r), 3);
      assert.equal(await stores.notifications.markNotificationsRead(r), 0);
      assert.equal((await stores.notifications.unreadNotifications([r])).get(r) ?? 0, 0);
      assert.equal((await stores.notifications.unreadNotifications([other])).get(other), 1);
      assert.deepEqual(await stores.notifications.unreadNotifications([]), new Map());
    });

    test('notifications after an id come oldest first, the recipient’s only', async () => {
      const [r, other] = users('r', 'other') as [string, string];
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const [n] = await stores.notifications.addNotifications(`after-evt-${r}-${i}`, [
          { recipientId: r, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } },
          { recipientId: other, kind: 'k', actorId: null, subjectId: `s${i}`, payload: { i } },
        ]);
        created.push(n!.id);
      }
      const NIL = '00000000-0000-0000-0000-000000000000';
      assert.deepEqual((await stores.notifications.listNotificationsAfter(r, { afterId: NIL, limit: 10 })).map((n) => n.id), created);
      assert.deepEqual((await stores.notifications.listNotificationsAfter(r, { afterId: created[1]!, limit: 2 })).map((n) => n.payload), [{ i: 2 }, { i: 3 }]);
      assert.deepEqual(await stores.notifications.listNotificationsAfter(r, { afterId: created[4]!, limit: 10 }), []);
    });

    test('the follower projection', async () => {
      const [f1, f2, f3, x, y] = users('f1', 'f2', 'f3', 'x', 'y') as [string, string, string, string, string];
      await stores.notifications.setFollow(f1, x, true);
      await stores.notifications.setFollow(f2, x, true);
      await stores.notifications.setFollow(f1, x, true);
      await stores.notifications.setFollow(f3, y, true);
      assert.deepEqual((await stores.notifications.followersOf(x)).sort(), [f1, f2].sort());
      assert.deepEqual(await stores.notifications.followersOf(y), [f3]);
      await stores.notifications.setFollow(f1, x, false);
      await stores.notifications.setFollow(f1, x, false);
      await stores.notifications.setFollow(f3, x, false);
      assert.deepEqual(await stores.notifications.followersOf(x), [f2]);
      assert.deepEqual(await stores.notifications.followersOf(f1), []);
      await Promise.all(Array.from({ length: 10 }, () => stores.notifications.setFollow(f3, x, true)));
      assert.deepEqual((await stores.notifications.followersOf(x)).sort(), [f2, f3].sort());
    });
  },
);
