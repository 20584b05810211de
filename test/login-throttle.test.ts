/**
 * Sign-in throttling end to end through the gateway: attempts are taken before
 * the password is checked (no race), per (username, address) with growing
 * blocks, per address, and per username except for devices that have signed in
 * before. Client addresses come from X-Forwarded-For, which the gateway
 * believes from loopback proxies here (TRUST_PROXY=loopback).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { signUp } from '../testing/accounts.js';
import { gql, startStack, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { ChangePasswordDocument, LoginAccountDocument, type LoginAccountMutation } from '../testing/__generated__/operations.js';

/** Small budgets so that the tests reach them with few password hashes. */
const PER_ADDRESS = 30;
const PER_USERNAME = 12;
const CONSECUTIVE = 5;
const FIRST_BLOCK = 15 * 60;

type Res = GraphQLResponse<LoginAccountMutation>;
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
const retryAfter = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryAfterSeconds as number;
const codes = (results: GraphQLResponse<unknown>[]) => {
  const out: Record<string, number> = {};
  for (const r of results) out[String(code(r) ?? 'OK')] = (out[String(code(r) ?? 'OK')] ?? 0) + 1;
  return out;
};
const newDevice = () => randomBytes(18).toString('base64url');

describe('sign-in throttling', () => {
  let stack: Stack;
  let url: string;
  const password = 'correct-horse-42';
  const wrong = 'wrong-password-1';

  const login = (u: string, p: string, from: { ip: string; device?: string }): Promise<Res> =>
    gql(url, LoginAccountDocument, { username: u, password: p }, { headers: { 'x-forwarded-for': from.ip, ...(from.device ? { 'x-device-id': from.device } : {}) } });
  async function register(u: string, device?: string): Promise<{ id: string; deviceId: string }> {
    const session = await signUp(url, u, { password, ...(device ? { headers: { 'x-device-id': device } } : {}) });
    return { id: session.user.id, deviceId: session.deviceId };
  }
  const assertRefused = (res: GraphQLResponse<unknown>, maxWait: number) => {
    assert.equal(code(res), 'RATE_LIMITED', JSON.stringify(res.errors));
    const wait = retryAfter(res);
    assert.ok(Number.isInteger(wait) && wait > 0 && wait <= maxWait, `retryAfterSeconds ${wait} not in 1..${maxWait}`);
    assert.match(res.errors![0]!.message, /try again in \d+ s/);
  };

  before(async () => {
    stack = await startStack({
      TRUST_PROXY: 'loopback',
      LOGIN_FAILS_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS),
      LOGIN_FAILS_PER_USERNAME_PER_DAY: String(PER_USERNAME),
    });
    url = stack.gateway.url;
  });
  after(() => stack?.dispose());

  test('40 concurrent wrong passwords for one username from one address: exactly 5 are checked', async () => {
    await register('race_victim');
    stack.resetCounts();
    const results = await Promise.all(Array.from({ length: 40 }, () => login('race_victim', wrong, { ip: '10.1.0.1' })));
    assert.deepEqual(codes(results), { UNAUTHENTICATED: CONSECUTIVE, RATE_LIMITED: 40 - CONSECUTIVE });
    assert.equal(stack.counts.user.findUserByUsername, CONSECUTIVE, 'only the admitted attempts reach the password check');
    for (const r of results.filter((r) => code(r) === 'RATE_LIMITED')) assertRefused(r, FIRST_BLOCK);

    // The pair is blocked, even with the right password; the owner elsewhere is not.
    assertRefused(await login('race_victim', password, { ip: '10.1.0.1' }), FIRST_BLOCK);
    const elsewhere = await login('race_victim', password, { ip: '10.1.0.2' });
    assert.equal(elsewhere.errors, undefined, JSON.stringify(elsewhere.errors));
  });

  test('each further block of the same (username, address) lasts longer', async () => {
    await register('escalate_me');
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await login('escalate_me', wrong, { ip: '10.2.0.1' })), 'UNAUTHENTICATED');
    const first = await login('escalate_me', wrong, { ip: '10.2.0.1' });
    assertRefused(first, FIRST_BLOCK);
    // The block runs out (its key expires: here, now).
    assert.equal(await stack.redis.del('auth:login:fails:escalate_me|10.2.0.1'), 1);
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await login('escalate_me', wrong, { ip: '10.2.0.1' })), 'UNAUTHENTICATED');
    const second = await login('escalate_me', wrong, { ip: '10.2.0.1' });
    assertRefused(second, 2 * FIRST_BLOCK);
    assert.ok(retryAfter(second) > FIRST_BLOCK, `second block ${retryAfter(second)} s is longer than the first`);
  });

  test('a success forgets the consecutive failures of that (username, address)', async () => {
    await register('typo_owner');
    const from = { ip: '10.3.0.1' };
    for (let i = 0; i < CONSECUTIVE - 1; i++) assert.equal(code(await login('typo_owner', wrong, from)), 'UNAUTHENTICATED');
    assert.equal((await login('typo_owner', password, from)).errors, undefined);
    // Without the reset the first of these would already be refused.
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await login('typo_owner', wrong, from)), 'UNAUTHENTICATED', `failure ${i + 1} after the success`);
    assertRefused(await login('typo_owner', password, from), FIRST_BLOCK);
  });

  test('an attack from many addresses exhausts the username for new devices, not for devices that signed in before', async () => {
    const registered = await register('popular_owner', newDevice());
    const phone = newDevice();
    assert.equal((await login('popular_owner', password, { ip: '10.4.0.1', device: phone })).errors, undefined);

    // Three addresses, five guesses each: the username's budget ends within the third.
    const attack: Res[] = [];
    for (const ip of ['10.4.1.1', '10.4.1.2', '10.4.1.3']) for (let i = 0; i < CONSECUTIVE; i++) attack.push(await login('popular_owner', wrong, { ip }));
    assert.deepEqual(codes(attack), { UNAUTHENTICATED: PER_USERNAME, RATE_LIMITED: 3 * CONSECUTIVE - PER_USERNAME });
    assertRefused(await login('popular_owner', wrong, { ip: '10.4.1.4', device: newDevice() }), 24 * 3600);

    // The owner's devices still sign in, from anywhere; a device never seen before is throttled.
    for (const [device, ip] of [[phone, '10.4.0.9'], [registered.deviceId, '10.4.0.10']] as const) {
      const res = await login('popular_owner', password, { ip, device });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    }
    assertRefused(await login('popular_owner', password, { ip: '10.4.0.1', device: newDevice() }), 24 * 3600);

    // A recognised device is still held to the (username, address) limit.
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await login('popular_owner', wrong, { ip: '10.4.2.1', device: phone })), 'UNAUTHENTICATED');
    assertRefused(await login('popular_owner', password, { ip: '10.4.2.1', device: phone }), FIRST_BLOCK);
  });

  test("one user's typos do not block others behind the same address; a large volume from it is slowed", async () => {
    await register('nat_alice');
    await register('nat_bob');
    const nat = { ip: '10.5.0.1' };
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await login('nat_alice', wrong, nat)), 'UNAUTHENTICATED');
    assertRefused(await login('nat_alice', password, nat), FIRST_BLOCK);
    assert.equal((await login('nat_bob', password, nat)).errors, undefined, 'bob is not blocked by alice');
    assert.equal(code(await login('nat_bob', wrong, nat)), 'UNAUTHENTICATED', 'and his own typo is checked');

    // Failures so far from this address: alice's 5 and bob's 1 (successes and refusals take nothing).
    const used = CONSECUTIVE + 1;
    stack.resetCounts();
    const spray = await Promise.all(Array.from({ length: PER_ADDRESS }, (_, i) => login(`nat_guess_${i}`, wrong, nat)));
    assert.deepEqual(codes(spray), { UNAUTHENTICATED: PER_ADDRESS - used, RATE_LIMITED: used });
    assert.equal(stack.counts.user.findUserByUsername, PER_ADDRESS - used);
    for (const r of spray.filter((r) => code(r) === 'RATE_LIMITED')) assertRefused(r, 3600);
    assertRefused(await login('nat_bob', password, nat), 3600);
    assert.equal((await login('nat_bob', password, { ip: '10.5.0.2' })).errors, undefined);
  });

  test('without a client address, attempts are throttled per device, not in one shared bucket', async () => {
    await register('no_address');
    // The user subgraph directly, with an identity that carries no address.
    const direct = async (device: string, p: string) =>
      gql(stack.user.url, LoginAccountDocument, { username: 'no_address', password: p }, { headers: { 'x-internal-identity': await signInternalIdentity(stack.config.INTERNAL_IDENTITY_SECRET!, { userId: null, roles: [], deviceId: device }, undefined) } });
    const [a, b] = [newDevice(), newDevice()];
    for (let i = 0; i < CONSECUTIVE; i++) assert.equal(code(await direct(a, wrong)), 'UNAUTHENTICATED');
    assertRefused(await direct(a, wrong), FIRST_BLOCK);
    assert.equal(code(await direct(b, wrong)), 'UNAUTHENTICATED', 'another device is still checked');
    assert.equal((await direct(b, password)).errors, undefined);
  });

  test('checking the current password in changePassword is throttled like a sign-in', async () => {
    const u = 'pw_changer';
    const me = await register(u);
    const token = await stack.tokenFor(me.id);
    const change = (current: string) =>
      gql(url, ChangePasswordDocument, { currentPassword: current, newPassword: 'brand-new-pass-9' }, { token, headers: { 'x-forwarded-for': '203.0.113.77' } });
    const guesses = await Promise.all(Array.from({ length: 12 }, () => change(wrong)));
    assert.deepEqual(codes(guesses), { UNAUTHENTICATED: CONSECUTIVE, RATE_LIMITED: 12 - CONSECUTIVE });
    // Blocked now, even with the right password: guessing on a stolen session gains nothing.
    assertRefused(await change(password), FIRST_BLOCK);
  });
});
