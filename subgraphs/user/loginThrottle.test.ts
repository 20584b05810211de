/** How the sign-in throttles name addresses and usernames (the Redis behaviour is tested end to end). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressKey, usernameKey } from './loginThrottle.js';

test('IPv4 addresses are kept; IPv4-mapped IPv6 counts as the IPv4 address', () => {
  assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::FFFF:203.0.113.7'), '203.0.113.7');
});

test('IPv6 addresses count by their /64, however they are written', () => {
  const a = addressKey('2001:db8:85a3:12::8a2e:370:7334');
  assert.equal(a, '2001:db8:85a3:12::/64');
  assert.equal(addressKey('2001:0db8:85a3:0012:ffff:ffff:ffff:ffff'), a, 'another host of the same /64');
  assert.equal(addressKey('2001:db8:85a3:12::1%eth0'), a, 'zone ids are ignored');
  assert.notEqual(addressKey('2001:db8:85a3:13::1'), a, 'the next /64 is another bucket');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('2001:db8::'), '2001:db8:0:0::/64');
});

test('what is not an address becomes a short, stable key', () => {
  const k = addressKey('x'.repeat(10_000));
  assert.ok(k.length < 40);
  assert.equal(addressKey('x'.repeat(10_000)), k);
  assert.notEqual(addressKey('y'), k);
});

test('usernames are keyed case-insensitively; impossible ones by a bounded hash', () => {
  assert.equal(usernameKey('Alice_W'), 'alice_w');
  assert.equal(usernameKey('ALICE_W'), usernameKey('alice_w'));
  const long = usernameKey('a|b'.repeat(100_000));
  assert.ok(long.startsWith('#') && long.length < 40);
  assert.ok(!usernameKey('a|1.2.3.4').includes('|'), 'a separator cannot come from the username');
});
