import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GraphQLError } from 'graphql';
import { UniqueViolation, mapStoreError } from '../../lib/errors.js';
import { adapterFixtures } from '../../testing/adapters.js';
import type { UserStore } from './store.js';
import { MongoUserStore } from './store.mongo.js';
import { SqliteUserStore } from './store.sqlite.js';

for (const makeFixture of adapterFixtures<UserStore>('user', { sqlite: (db) => new SqliteUserStore(db), mongo: (c) => MongoUserStore.create(c) })) {
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
