/**
 * The users port's contract (store/users.ts), on every adapter (SQLite always,
 * MongoDB when MONGODB_URI is set): usernames are unique whatever their case,
 * users are found by ids in one call and by username in any case, every user
 * pages out in id order, `version` increases with every profile change, and
 * the data survives reopening the store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { UniqueViolation, mapStoreError } from '../../../lib/errors.js';
import { describeContract } from './contract.js';

describeContract('users', (cx) => {
  test('creates and finds users by ids in one call, missing ids left out', async () => {
    const a = await cx.stores.users.createUser({ username: 'Alice', displayName: 'Alice', passwordHash: 'h1' });
    const b = await cx.stores.users.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h2', bio: 'hi' });
    const found = await cx.stores.users.findUsersByIds([b.id, 'missing', a.id]);
    assert.deepEqual(found.map((u) => u.username).sort(), ['Alice', 'bob']);
    const bob = found.find((u) => u.id === b.id)!;
    assert.equal(bob.bio, 'hi');
    assert.ok(bob.createdAt instanceof Date);
    assert.deepEqual(await cx.stores.users.findUsersByIds([]), []);
  });

  test('usernames are unique whatever their case, and a violation maps to CONFLICT', async () => {
    await cx.stores.users.createUser({ username: 'carol', displayName: 'Carol', passwordHash: 'h' });
    const err = await cx.stores.users.createUser({ username: 'CAROL', displayName: 'Other', passwordHash: 'h' }).then(
      () => assert.fail('duplicate accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof UniqueViolation);
    const mapped = mapStoreError(err, () => 'That username is taken.');
    assert.ok(mapped instanceof GraphQLError);
    assert.equal(mapped.extensions.code, 'CONFLICT');
    assert.equal((await cx.stores.users.findUserByUsername('Carol'))?.displayName, 'Carol');
  });

  test('listUsers pages through every user in id order', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await cx.stores.users.listUsers({ limit: 2, ...(after ? { after } : {}) });
      seen.push(...page.items.map((u) => u.id));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)!.id;
    }
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.length >= 3);
  });

  test('every profile change bumps version; a password change or a missing user changes nothing public', async () => {
    const e = await cx.stores.users.createUser({ username: 'erin', displayName: 'Erin', passwordHash: 'h' });
    const named = await cx.stores.users.updateProfile(e.id, { displayName: 'Erin E.', bio: 'hello' });
    assert.equal(named?.version, e.version + 1);
    assert.equal(named?.displayName, 'Erin E.');
    assert.equal(named?.bio, 'hello');
    const hidden = await cx.stores.users.updateProfile(e.id, { privacyFollows: 'ONLY_ME', avatarKey: 'avatars/erin.png' });
    assert.equal(hidden?.version, e.version + 2);
    assert.equal(hidden?.privacyFollows, 'ONLY_ME');
    assert.equal(hidden?.privacyFavourites, 'EVERYONE');
    assert.equal(hidden?.avatarKey, 'avatars/erin.png');
    await cx.stores.users.setPasswordHash(e.id, 'h2');
    const [after] = await cx.stores.users.findUsersByIds([e.id]);
    assert.equal(after?.passwordHash, 'h2');
    assert.equal(after?.version, e.version + 2);
    assert.equal(await cx.stores.users.updateProfile('missing', { bio: 'x' }), null);
  });

  test('data survives reopening the store', async () => {
    const d = await cx.stores.users.createUser({ username: 'dave', displayName: 'Dave', passwordHash: 'h' });
    const second = await cx.openAgain();
    try {
      assert.equal((await second.users.findUsersByIds([d.id]))[0]?.username, 'dave');
    } finally {
      await second.dispose();
    }
  });
});
