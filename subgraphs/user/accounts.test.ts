/**
 * register, login, refresh, logout and changePassword without servers: the
 * users port is the SQLite adapter on a database in memory; sessions, the
 * sign-in throttle, the event stream and the session cookies are in-memory
 * fakes of the narrow interfaces accounts.ts uses (the Redis-backed ones have
 * suites of their own).
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { GraphQLError } from 'graphql';
import type { SessionInstruction } from '../../lib/auth/session.js';
import type { Viewer } from '../../lib/auth/identity.js';
import { rateLimited, unauthenticated } from '../../lib/errors.js';
import { changePassword, login, logout, refresh, register, type AccountDeps, type AccountSessions, type AccountThrottle } from './accounts.js';
import type { Attempt } from './loginThrottle.js';
import type { IssuedTokens } from './sessions.js';
import { sqliteUserStores, type UserStores } from './store/index.js';
import type { UserRecord } from './store/users.js';

const codeOf = (err: unknown) => (err as GraphQLError).extensions?.code;
/** The error a call fails with; failing the test when it succeeds. */
const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected a failure'), (err: unknown) => err as GraphQLError);
const DEVICE = 'device-aaaaaaaaaaaaaaaa';

/** Sessions as families of refresh tokens in memory: start, rotate (one use per token), revoke. */
class MemorySessions implements AccountSessions {
  readonly started: { user: { id: string; roles: string[] }; deviceId: string }[] = [];
  readonly revoked: string[] = [];
  readonly revokedUsers: string[] = [];
  /** Refresh token → its claims, while the token is unused. */
  private readonly live = new Map<string, { sub: string; fam: string; jti: string; did: string }>();
  private n = 0;

  private issue(user: { id: string; roles: string[] }, deviceId: string, familyId: string): IssuedTokens {
    const n = ++this.n;
    const refreshToken = `refresh-${n}`;
    this.live.set(refreshToken, { sub: user.id, fam: familyId, jti: `jti-${n}`, did: deviceId });
    const at = new Date(Date.now() + 60_000);
    return { accessToken: `access-${n}:${user.roles.join(',')}`, accessTokenExpiresAt: at, refreshToken, refreshTokenExpiresAt: at, deviceId, familyId };
  }

  async start(user: { id: string; roles: string[] }, deviceId: string): Promise<IssuedTokens> {
    this.started.push({ user, deviceId });
    return this.issue(user, deviceId, `fam-${this.n + 1}`);
  }

  async rotate(token: string, deviceId: string | undefined, loadUser: (id: string) => Promise<{ id: string; roles: string[] } | null>): Promise<IssuedTokens> {
    const claims = await this.verifyRefresh(token);
    if (deviceId !== claims.did) throw unauthenticated('another device');
    this.live.delete(token);
    const user = await loadUser(claims.sub);
    if (!user) throw unauthenticated('This account no longer exists.');
    return this.issue(user, claims.did, claims.fam);
  }

  async verifyRefresh(token: string) {
    const claims = this.live.get(token);
    if (!claims) throw unauthenticated('This session has ended: sign in again.');
    return claims;
  }

  async revokeFamily(familyId: string): Promise<void> {
    this.revoked.push(familyId);
  }

  async revokeAll(userId: string): Promise<void> {
    this.revokedUsers.push(userId);
  }
}

/** The throttle's outcomes as calls: what was taken, which attempts succeeded, which devices are known. */
class MemoryThrottle implements AccountThrottle {
  readonly taken: { username: string; clientIp: string | undefined; deviceId: string | undefined }[] = [];
  readonly succeeded: string[] = [];
  readonly devices = new Map<string, Set<string>>();
  /** When set, `take` refuses as the limits would. */
  refuse = false;

  async take(username: string, clientIp: string | undefined, deviceId: string | undefined): Promise<Attempt> {
    if (this.refuse) throw rateLimited('Too many sign-in attempts.', 60);
    this.taken.push({ username, clientIp, deviceId });
    return { succeeded: async (id) => void this.succeeded.push(id) };
  }

  async rememberDevice(username: string, deviceId: string): Promise<void> {
    const key = username.toLowerCase();
    this.devices.set(key, (this.devices.get(key) ?? new Set()).add(deviceId));
  }

  async forgetDevices(username: string, keep: string | undefined): Promise<void> {
    const key = username.toLowerCase();
    this.devices.set(key, new Set([...(this.devices.get(key) ?? [])].filter((d) => d === keep)));
  }
}

describe('accounts (domain, SQLite in memory)', () => {
  let stores: UserStores;
  let sessions: MemorySessions;
  let throttle: MemoryThrottle;
  let events: { type: string; user: UserRecord }[];
  let sent: SessionInstruction[];
  let writes: number;

  beforeEach(() => {
    stores = sqliteUserStores(new Database(':memory:'));
    sessions = new MemorySessions();
    throttle = new MemoryThrottle();
    events = [];
    sent = [];
    writes = 0;
  });

  /** The dependencies of one request from `viewer`, with `cookie` as the session cookie's refresh token. */
  const deps = (viewer: Partial<Viewer> = {}, cookie?: string): AccountDeps => ({
    users: {
      createUser: (u) => {
        writes++;
        return stores.users.createUser(u);
      },
      findUserByUsername: (name) => stores.users.findUserByUsername(name),
      setPasswordHash: (id, hash) => {
        writes++;
        return stores.users.setPasswordHash(id, hash);
      },
    },
    userLoader: { load: async (id) => (await stores.users.findUsersByIds([id]))[0] ?? null },
    sessions,
    throttle,
    events: { changed: async (type, user) => void events.push({ type, user }) },
    adminUsernames: ['root_admin'],
    viewer: { userId: null, roles: [], ...viewer },
    clientIp: '203.0.113.7',
    cookies: { refreshToken: cookie, send: (i) => void sent.push(i) },
  });

  const signUp = (username: string, password = 'correct horse 1', delivery: 'BODY' | 'COOKIE' = 'BODY') => register(deps({ deviceId: DEVICE }), { username, password, delivery });

  test('register stores the account, announces it, and signs the device in', async () => {
    const auth = await signUp('Alice');
    assert.equal(auth.user.username, 'Alice');
    assert.equal(auth.user.displayName, 'Alice', 'the display name defaults to the username');
    assert.equal((await stores.users.findUserByUsername('alice'))?.id, auth.user.id);
    assert.deepEqual(events.map((e) => [e.type, e.user.id]), [['user.created', auth.user.id]]);
    assert.deepEqual(sessions.started, [{ user: { id: auth.user.id, roles: [] }, deviceId: DEVICE }]);
    assert.deepEqual([...throttle.devices.get('alice')!], [DEVICE], 'the registering device is recognised');
    assert.ok(auth.accessToken && auth.refreshToken, 'BODY delivery answers with the tokens');
    assert.deepEqual(sent, []);
  });

  test('with COOKIE delivery the tokens go to the gateway, not the body', async () => {
    const auth = await signUp('cookie_user', 'correct horse 1', 'COOKIE');
    assert.equal(auth.accessToken, null);
    assert.equal(auth.refreshToken, null);
    assert.equal(sent.length, 1);
    const [instruction] = sent;
    assert.ok(instruction && 'set' in instruction);
    assert.equal(instruction.set.deviceId, DEVICE);
  });

  test('a taken username in any case is CONFLICT, and only the first account is announced', async () => {
    await signUp('carol');
    for (const name of ['carol', 'CAROL', 'Carol']) {
      await assert.rejects(signUp(name), (err) => codeOf(err) === 'CONFLICT');
    }
    assert.equal(events.length, 1);
    assert.equal(sessions.started.length, 1);
  });

  test('a weak password, a bad username or display name is BAD_USER_INPUT with no store write', async () => {
    const cases: { username: string; password: string; displayName?: string; field: string }[] = [
      { username: 'dave', password: 'short1', field: 'password' },
      { username: 'dave', password: 'nodigitshere', field: 'password' },
      { username: 'dave', password: '1234567890', field: 'password' },
      { username: 'dave', password: 'dave12345', field: 'password' },
      { username: 'no spaces', password: 'correct horse 1', field: 'username' },
      { username: 'dave', password: 'correct horse 1', displayName: ' '.repeat(3), field: 'displayName' },
      { username: 'dave', password: 'correct horse 1', displayName: 'x'.repeat(41), field: 'displayName' },
    ];
    for (const c of cases) {
      await assert.rejects(register(deps(), { ...c, delivery: 'BODY' }), (err) => codeOf(err) === 'BAD_USER_INPUT' && (err as GraphQLError).extensions.field === c.field, JSON.stringify(c));
    }
    assert.equal(writes, 0);
    assert.equal(await stores.users.findUserByUsername('dave'), null);
    assert.deepEqual([events.length, sessions.started.length], [0, 0]);
  });

  test('wrong password and unknown user give the same UNAUTHENTICATED error, each counted as an attempt', async () => {
    await signUp('erin');
    const wrongPassword = await failure(login(deps(), { username: 'erin', password: 'not the one 1', delivery: 'BODY' }));
    const unknownUser = await failure(login(deps(), { username: 'nobody', password: 'correct horse 1', delivery: 'BODY' }));
    assert.equal(codeOf(wrongPassword), 'UNAUTHENTICATED');
    assert.equal(codeOf(unknownUser), 'UNAUTHENTICATED');
    assert.equal(wrongPassword.message, unknownUser.message);
    assert.deepEqual(wrongPassword.extensions, unknownUser.extensions);
    assert.deepEqual(throttle.taken.map((t) => t.username), ['erin', 'nobody']);
    assert.deepEqual(throttle.succeeded, []);
    assert.equal(sessions.started.length, 1, 'only the registration signed in');
  });

  test('login: any case of the username, the attempt succeeds on the device it signed in, admins get the role', async () => {
    await signUp('root_admin');
    const auth = await login(deps({ deviceId: 'bad id' }), { username: 'ROOT_ADMIN', password: 'correct horse 1', delivery: 'BODY' });
    assert.equal(auth.user.username, 'root_admin');
    assert.notEqual(auth.deviceId, 'bad id', 'a malformed device id is replaced');
    assert.deepEqual(throttle.taken, [{ username: 'ROOT_ADMIN', clientIp: '203.0.113.7', deviceId: 'bad id' }]);
    assert.deepEqual(throttle.succeeded, [auth.deviceId]);
    assert.deepEqual(sessions.started.at(-1)!.user.roles, ['admin']);
  });

  test('a throttled login fails before the store is asked', async () => {
    await signUp('frank');
    throttle.refuse = true;
    let lookups = 0;
    const d = deps();
    const findUserByUsername = (name: string) => {
      lookups++;
      return d.users.findUserByUsername(name);
    };
    const counting: AccountDeps = { ...d, users: { ...d.users, findUserByUsername } };
    await assert.rejects(login(counting, { username: 'frank', password: 'correct horse 1', delivery: 'BODY' }), (err) => codeOf(err) === 'RATE_LIMITED');
    assert.equal(lookups, 0);
  });

  test('refresh takes the token from the argument or the cookie, rotates it and keeps the device recognised', async () => {
    const first = await signUp('grace');
    await assert.rejects(refresh(deps({ deviceId: DEVICE }), { refreshToken: null, delivery: 'BODY' }), (err) => codeOf(err) === 'UNAUTHENTICATED', 'no token anywhere');

    const byArgument = await refresh(deps({ deviceId: DEVICE }, 'ignored-cookie'), { refreshToken: first.refreshToken, delivery: 'BODY' });
    assert.equal(byArgument.user.id, first.user.id);
    assert.notEqual(byArgument.refreshToken, first.refreshToken);
    await assert.rejects(refresh(deps({ deviceId: DEVICE }), { refreshToken: first.refreshToken, delivery: 'BODY' }), (err) => codeOf(err) === 'UNAUTHENTICATED', 'a used token is spent');

    throttle.devices.clear();
    const byCookie = await refresh(deps({ deviceId: DEVICE }, byArgument.refreshToken!), { delivery: 'COOKIE' });
    assert.equal(byCookie.user.id, first.user.id);
    assert.equal(byCookie.refreshToken, null);
    assert.ok(sent.some((i) => 'set' in i && i.set.deviceId === DEVICE));
    assert.deepEqual([...throttle.devices.get('grace')!], [DEVICE]);
  });

  test('logout ends the viewer\'s session, or the cookie\'s, and always clears the cookies', async () => {
    const auth = await signUp('heidi');
    const { fam } = await sessions.verifyRefresh(auth.refreshToken!);
    assert.equal(await logout(deps({ userId: auth.user.id, familyId: 'fam-of-viewer' })), true);
    assert.deepEqual(sessions.revoked, ['fam-of-viewer']);

    assert.equal(await logout(deps({}, auth.refreshToken!)), true);
    assert.deepEqual(sessions.revoked, ['fam-of-viewer', fam]);

    assert.equal(await logout(deps({}, 'forged-token')), true, 'an unusable cookie token still signs the browser out');
    assert.equal(sessions.revoked.length, 2);
    assert.deepEqual(sent, [{ clear: true }, { clear: true }, { clear: true }]);
  });

  test('changePassword checks the current password as an attempt, then signs every session out', async () => {
    const auth = await signUp('ivan');
    const me = deps({ userId: auth.user.id, deviceId: DEVICE });
    await assert.rejects(changePassword(me, { currentPassword: 'not the one 1', newPassword: 'another horse 2' }), (err) => codeOf(err) === 'UNAUTHENTICATED');
    await assert.rejects(changePassword(me, { currentPassword: 'correct horse 1', newPassword: 'short' }), (err) => codeOf(err) === 'BAD_USER_INPUT');
    assert.equal(writes, 1, 'only the registration wrote');
    assert.equal(throttle.taken.length, 2);

    assert.equal(await changePassword(me, { currentPassword: 'correct horse 1', newPassword: 'another horse 2' }), true);
    assert.deepEqual(sessions.revokedUsers, [auth.user.id]);
    assert.deepEqual(sent, [{ clear: true }]);
    await assert.rejects(login(deps(), { username: 'ivan', password: 'correct horse 1', delivery: 'BODY' }), (err) => codeOf(err) === 'UNAUTHENTICATED');
    assert.equal((await login(deps(), { username: 'ivan', password: 'another horse 2', delivery: 'BODY' })).user.id, auth.user.id);
  });
});
