/**
 * The user store's contract, on every adapter (SQLite always, MongoDB when
 * MONGODB_URI is set). Guarantees both adapters give, tested here: usernames
 * are unique whatever their case; a follow exists once per pair; a follow (or
 * unfollow) and both users' counts change together or not at all (SQLite: one
 * transaction; MongoDB: one multi-document transaction), also when it fails
 * right after its first write, and the counts are exact under concurrency.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GraphQLError } from 'graphql';
import { UniqueViolation, mapStoreError } from '../../lib/errors.js';
import { adapterFixtures } from '../../testing/adapters.js';
import type { UserStore, UserStoreOptions } from './store.js';
import { MongoUserStore } from './store.mongo.js';
import { SqliteUserStore } from './store.sqlite.js';

class InjectedFault extends Error {}

/** Set by a test: the next follow or unfollow reaching this step fails right after it, inside its transaction. */
let failAfter: Parameters<NonNullable<UserStoreOptions['afterWrite']>>[0] | null = null;
const options: UserStoreOptions = {
  afterWrite: (step) => {
    if (failAfter !== step) return;
    failAfter = null;
    throw new InjectedFault(step);
  },
};

for (const makeFixture of adapterFixtures<UserStore>('user', { sqlite: (db) => new SqliteUserStore(db, options), mongo: (c) => MongoUserStore.create(c, options) })) {
  const fixture = makeFixture();
  describe(`user store contract (${fixture.name})`, () => {
    let store: UserStore;
    before(async () => {
      store = await fixture.open();
    });
    after(async () => {
      await store.dispose();
      await fixture.cleanup();
    });

    test('creates and finds users by ids in one call, missing ids left out', async () => {
      const a = await store.createUser({ username: 'Alice', displayName: 'Alice', passwordHash: 'h1' });
      const b = await store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h2', bio: 'hi' });
      const found = await store.findUsersByIds([b.id, 'missing', a.id]);
      assert.deepEqual(found.map((u) => u.username).sort(), ['Alice', 'bob']);
      const bob = found.find((u) => u.id === b.id)!;
      assert.equal(bob.bio, 'hi');
      assert.ok(bob.createdAt instanceof Date);
      assert.deepEqual(await store.findUsersByIds([]), []);
    });

    test('usernames are unique whatever their case, and a violation maps to CONFLICT', async () => {
      await store.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h' });
      const err = await store.createUser({ username: 'CAROL', displayName: 'Other', passwordHash: 'h' }).then(
        () => assert.fail('duplicate accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof UniqueViolation);
      const mapped = mapStoreError(err, () => 'That username is taken.');
      assert.ok(mapped instanceof GraphQLError);
      assert.equal(mapped.extensions.code, 'CONFLICT');
      assert.equal((await store.findUserByUsername('Carol'))?.displayName, 'Carol');
    });

    test('listUsers pages through every user in id order', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listUsers({ limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.items.map((u) => u.id));
        if (!page.hasNextPage) break;
        after = page.items.at(-1)!.id;
      }
      assert.deepEqual(seen, [...seen].sort());
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= 3);
    });

    test('a follow exists once per pair and the counts are exact under concurrent follows and unfollows', async () => {
      const star = await store.createUser({ username: 'star', displayName: 'Star', passwordHash: 'h' });
      const fans = await Promise.all(Array.from({ length: 10 }, (_, i) => store.createUser({ username: `fan${i}`, displayName: `Fan ${i}`, passwordHash: 'h' })));
      const follows = await Promise.all([...fans, ...fans].map((f) => store.follow(f.id, star.id)));
      assert.equal(follows.filter(Boolean).length, 10, 'each pair once');
      const unfollows = await Promise.all(fans.slice(0, 4).flatMap((f) => [store.unfollow(f.id, star.id), store.unfollow(f.id, star.id)]));
      assert.equal(unfollows.filter(Boolean).length, 4);
      const [s] = await store.findUsersByIds([star.id]);
      assert.equal(s?.followerCount, 6);
      const counts = await store.findUsersByIds(fans.map((f) => f.id));
      assert.equal(counts.reduce((n, u) => n + u.followingCount, 0), 6);
      assert.deepEqual(await store.followedAmong(fans[9]!.id, [star.id]), new Set([star.id]));
      assert.deepEqual(await store.followedAmong(fans[0]!.id, [star.id]), new Set());
    });

    test('a follow and both counts change together or not at all; so do an unfollow and its counts', async () => {
      const a = await store.createUser({ username: 'atomic_a', displayName: 'A', passwordHash: 'h' });
      const b = await store.createUser({ username: 'atomic_b', displayName: 'B', passwordHash: 'h' });
      const counts = async () => {
        const [x, y] = [(await store.findUsersByIds([a.id]))[0]!, (await store.findUsersByIds([b.id]))[0]!];
        return { following: x.followingCount, followers: y.followerCount, follows: (await store.followedAmong(a.id, [b.id])).size };
      };

      failAfter = 'follow: follow stored';
      await assert.rejects(store.follow(a.id, b.id), InjectedFault);
      assert.deepEqual(await counts(), { following: 0, followers: 0, follows: 0 }, 'nothing of the failed follow stays');
      assert.equal(await store.follow(a.id, b.id), true);
      assert.deepEqual(await counts(), { following: 1, followers: 1, follows: 1 });

      failAfter = 'unfollow: follow removed';
      await assert.rejects(store.unfollow(a.id, b.id), InjectedFault);
      assert.deepEqual(await counts(), { following: 1, followers: 1, follows: 1 }, 'nothing of the failed unfollow stays');
      assert.equal(await store.unfollow(a.id, b.id), true);
      assert.deepEqual(await counts(), { following: 0, followers: 0, follows: 0 });
    });

    test('data survives reopening the store', async () => {
      const d = await store.createUser({ username: 'dave', displayName: 'Dave', passwordHash: 'h' });
      const second = await fixture.open();
      try {
        assert.equal((await second.findUsersByIds([d.id]))[0]?.username, 'dave');
      } finally {
        await second.dispose();
      }
    });
  });
}
