/**
 * The follows port's contract (store/follows.ts), on every adapter (SQLite
 * always, MongoDB when MONGODB_URI is set): a follow exists once per pair; a
 * follow (or unfollow) and both users' counts change together or not at all
 * (SQLite: one transaction; MongoDB: one multi-document transaction), also
 * when it fails right after its first write, and the counts are exact under
 * concurrency.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InjectedFault } from '../../../testing/adapters.js';
import { describeContract } from './contract.js';

describeContract('follows', (cx) => {
  test('a follow exists once per pair and the counts are exact under concurrent follows and unfollows', async () => {
    const star = await cx.stores.users.createUser({ username: 'star', displayName: 'Star', passwordHash: 'h' });
    const fans = await Promise.all(Array.from({ length: 10 }, (_, i) => cx.stores.users.createUser({ username: `fan${i}`, displayName: `Fan ${i}`, passwordHash: 'h' })));
    const follows = await Promise.all([...fans, ...fans].map((f) => cx.stores.follows.follow(f.id, star.id)));
    assert.equal(follows.filter(Boolean).length, 10, 'each pair once');
    const unfollows = await Promise.all(fans.slice(0, 4).flatMap((f) => [cx.stores.follows.unfollow(f.id, star.id), cx.stores.follows.unfollow(f.id, star.id)]));
    assert.equal(unfollows.filter(Boolean).length, 4);
    const [s] = await cx.stores.users.findUsersByIds([star.id]);
    assert.equal(s?.followerCount, 6);
    const counts = await cx.stores.users.findUsersByIds(fans.map((f) => f.id));
    assert.equal(counts.reduce((n, u) => n + u.followingCount, 0), 6);
    assert.deepEqual(await cx.stores.follows.followedAmong(fans[9]!.id, [star.id]), new Set([star.id]));
    assert.deepEqual(await cx.stores.follows.followedAmong(fans[0]!.id, [star.id]), new Set());
  });

  test('a follow and both counts change together or not at all; so do an unfollow and its counts', async () => {
    const a = await cx.stores.users.createUser({ username: 'atomic_a', displayName: 'A', passwordHash: 'h' });
    const b = await cx.stores.users.createUser({ username: 'atomic_b', displayName: 'B', passwordHash: 'h' });
    const counts = async () => {
      const [x, y] = [(await cx.stores.users.findUsersByIds([a.id]))[0]!, (await cx.stores.users.findUsersByIds([b.id]))[0]!];
      return { following: x.followingCount, followers: y.followerCount, follows: (await cx.stores.follows.followedAmong(a.id, [b.id])).size };
    };

    cx.failAfter('follow: follow stored');
    await assert.rejects(cx.stores.follows.follow(a.id, b.id), InjectedFault);
    assert.deepEqual(await counts(), { following: 0, followers: 0, follows: 0 }, 'nothing of the failed follow stays');
    assert.equal(await cx.stores.follows.follow(a.id, b.id), true);
    assert.deepEqual(await counts(), { following: 1, followers: 1, follows: 1 });

    cx.failAfter('unfollow: follow removed');
    await assert.rejects(cx.stores.follows.unfollow(a.id, b.id), InjectedFault);
    assert.deepEqual(await counts(), { following: 1, followers: 1, follows: 1 }, 'nothing of the failed unfollow stays');
    assert.equal(await cx.stores.follows.unfollow(a.id, b.id), true);
    assert.deepEqual(await counts(), { following: 0, followers: 0, follows: 0 });
  });

  test('followers and following page newest follow first', async () => {
    const [owner, x, y, z] = await Promise.all(['pager', 'pager_x', 'pager_y', 'pager_z'].map((username) => cx.stores.users.createUser({ username, displayName: username, passwordHash: 'h' })));
    for (const u of [x!, y!, z!]) assert.equal(await cx.stores.follows.follow(u.id, owner!.id), true);
    for (const u of [x!, y!]) assert.equal(await cx.stores.follows.follow(owner!.id, u.id), true);
    const p1 = await cx.stores.follows.listFollowers(owner!.id, { limit: 2 });
    assert.deepEqual(p1.items.map((i) => i.userId), [z!.id, y!.id]);
    assert.equal(p1.hasNextPage, true);
    const p2 = await cx.stores.follows.listFollowers(owner!.id, { limit: 2, after: p1.items[1]!.cursor });
    assert.deepEqual(p2.items.map((i) => i.userId), [x!.id]);
    assert.equal(p2.hasNextPage, false);
    const following = await cx.stores.follows.listFollowing(owner!.id, { limit: 10 });
    assert.deepEqual(following.items.map((i) => i.userId), [y!.id, x!.id]);
    assert.equal(following.hasNextPage, false);
  });
});
