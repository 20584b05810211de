import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdentityTokenCache, IdentityVerifier, signInternalIdentity } from './identity.js';

const secret = 's'.repeat(40);

test('the verifier answers a valid token, refuses forged and expired ones, and never caches a refusal', async () => {
  const verifier = new IdentityVerifier(secret);
  const token = await signInternalIdentity(secret, { userId: 'u1', roles: ['admin'] }, 'rid-12345678');
  assert.deepEqual((await verifier.verify(token)).viewer, { userId: 'u1', roles: ['admin'] });
  assert.deepEqual((await verifier.verify(token)).viewer.userId, 'u1', 'again, from the cache');
  const forged = await signInternalIdentity('f'.repeat(40), { userId: 'u1', roles: ['admin'] }, 'rid-12345678');
  await assert.rejects(verifier.verify(forged), /invalid/);
  await assert.rejects(verifier.verify(forged), /invalid/, 'still refused the second time');
  const expired = await signInternalIdentity(secret, { userId: 'u1', roles: [] }, undefined, { ttlSeconds: -60 });
  await assert.rejects(verifier.verify(expired), /expired/);
  await assert.rejects(verifier.verify(undefined), /Missing/);
});

test('a cached verification is not used past the token expiry', async () => {
  const verifier = new IdentityVerifier(secret);
  const token = await signInternalIdentity(secret, { userId: 'u2', roles: [] }, undefined, { ttlSeconds: 1 });
  await verifier.verify(token);
  await new Promise((r) => setTimeout(r, 1100));
  // Past `exp` the cache no longer answers; jose then applies its 5 s leeway, so it is verified afresh.
  const again = await verifier.verify(token);
  assert.equal(again.viewer.userId, 'u2');
});

test('the gateway signs one token per viewer and address and reuses it', async () => {
  const cache = new IdentityTokenCache(secret);
  const a1 = await cache.get({ userId: 'a', roles: [] }, '10.0.0.1');
  const a2 = await cache.get({ userId: 'a', roles: [] }, '10.0.0.1');
  const b = await cache.get({ userId: 'b', roles: [] }, '10.0.0.1');
  const aElsewhere = await cache.get({ userId: 'a', roles: [] }, '10.0.0.2');
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
  assert.notEqual(a1, aElsewhere);
  const verified = await new IdentityVerifier(secret).verify(aElsewhere);
  assert.equal(verified.clientIp, '10.0.0.2');
});
