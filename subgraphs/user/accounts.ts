/**
 * Accounts: registration, sign-in (throttled: see loginThrottle.ts), token
 * refresh, sign-out, password change. Each function takes the narrow
 * dependencies it uses (AccountDeps, built per request by context.ts), never
 * the request context.
 */
import { DEVICE_ID, type SessionInstruction } from '../../lib/auth/session.js';
import type { Viewer } from '../../lib/auth/identity.js';
import { badInput, mapStoreError, unauthenticated } from '../../lib/errors.js';
import type { UserEvents } from './events.js';
import type { LoginThrottle } from './loginThrottle.js';
import { checkPassword, checkUsername, hashPassword, verifyPassword } from './passwords.js';
import { newDeviceId, type IssuedTokens, type Sessions } from './sessions.js';
import type { UserRecord, UserStore } from './store/users.js';

/** The session cookies, which the gateway keeps: what it passed in and how to answer it (absent over WebSocket: no-ops). */
export interface SessionCookies {
  /** The refresh token the gateway read from the cookie, if any. */
  readonly refreshToken: string | undefined;
  /** Asks the gateway to set or clear the session cookies. */
  send(instruction: SessionInstruction): void;
}

/** The session operations accounts use (sessions.ts). */
export type AccountSessions = Pick<Sessions, 'start' | 'rotate' | 'verifyRefresh' | 'revokeFamily' | 'revokeAll'>;
/** The sign-in throttle operations accounts use (loginThrottle.ts). */
export type AccountThrottle = Pick<LoginThrottle, 'take' | 'rememberDevice' | 'forgetDevices'>;

export interface AccountDeps {
  users: Pick<UserStore, 'createUser' | 'findUserByUsername' | 'setPasswordHash'>;
  /** The request's user loader: refresh and changePassword read the account through it. */
  userLoader: { load(id: string): Promise<UserRecord | null> };
  sessions: AccountSessions;
  throttle: AccountThrottle;
  events: Pick<UserEvents, 'changed'>;
  /** Lower-case usernames that hold the admin role (ADMIN_USERNAMES). */
  adminUsernames: readonly string[];
  viewer: Viewer;
  clientIp: string | undefined;
  cookies: SessionCookies;
}

export type Delivery = 'COOKIE' | 'BODY';

/** Stored roles, plus admin for the usernames ADMIN_USERNAMES names. */
function withRoles(d: AccountDeps, user: UserRecord): { id: string; roles: string[] } {
  const admin = d.adminUsernames.includes(user.username.toLowerCase());
  return { id: user.id, roles: [...new Set([...user.roles, ...(admin ? ['admin'] : [])])] };
}

function deviceIdOf(d: AccountDeps): string {
  const id = d.viewer.deviceId;
  return id && DEVICE_ID.test(id) ? id : newDeviceId();
}

/** Shapes the AuthPayload; with COOKIE delivery the tokens go to the gateway, not the body. */
function deliver(d: AccountDeps, user: UserRecord, tokens: IssuedTokens, delivery: Delivery) {
  if (delivery === 'COOKIE') {
    d.cookies.send({
      set: {
        accessToken: tokens.accessToken,
        accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
        refreshToken: tokens.refreshToken,
        refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
        deviceId: tokens.deviceId,
      },
    });
  }
  return {
    user,
    accessToken: delivery === 'BODY' ? tokens.accessToken : null,
    refreshToken: delivery === 'BODY' ? tokens.refreshToken : null,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    deviceId: tokens.deviceId,
  };
}

export async function register(d: AccountDeps, args: { username: string; password: string; displayName?: string | null; delivery: Delivery }) {
  checkUsername(args.username);
  checkPassword(args.password, args.username);
  const displayName = (args.displayName ?? args.username).trim();
  if (displayName.length < 1 || displayName.length > 40) throw badInput('Display names are 1-40 characters.', { field: 'displayName' });
  const passwordHash = await hashPassword(args.password);
  const user = await d.users.createUser({ username: args.username, displayName, passwordHash }).catch((err: unknown) => {
    throw mapStoreError(err, () => `The username "${args.username}" is taken.`);
  });
  await d.events.changed('user.created', user);
  const tokens = await d.sessions.start(withRoles(d, user), deviceIdOf(d));
  // Registering signs in: this device is the account's first recognised one.
  await d.throttle.rememberDevice(user.username, tokens.deviceId);
  return deliver(d, user, tokens, args.delivery);
}

export async function login(d: AccountDeps, args: { username: string; password: string; delivery: Delivery }) {
  // The attempt is counted before the password is looked at, so concurrent
  // guesses cannot all pass a limit that none of them has yet added to.
  const attempt = await d.throttle.take(args.username, d.clientIp, d.viewer.deviceId);
  const user = await d.users.findUserByUsername(args.username);
  if (!(await verifyPassword(user?.passwordHash, args.password)) || !user) throw unauthenticated('Wrong username or password.');
  const tokens = await d.sessions.start(withRoles(d, user), deviceIdOf(d));
  await attempt.succeeded(tokens.deviceId);
  return deliver(d, user, tokens, args.delivery);
}

export async function refresh(d: AccountDeps, args: { refreshToken?: string | null; delivery: Delivery }) {
  const token = args.refreshToken ?? d.cookies.refreshToken;
  if (!token) throw unauthenticated('No refresh token: pass refreshToken or sign in again.');
  let user: UserRecord | null = null;
  const tokens = await d.sessions.rotate(token, d.viewer.deviceId, async (id) => {
    user = await d.userLoader.load(id);
    return user && withRoles(d, user);
  });
  // A device that keeps refreshing never signs in again (the refresh token
  // slides), yet stays the owner's: keep it recognised.
  await d.throttle.rememberDevice(user!.username, tokens.deviceId);
  return deliver(d, user!, tokens, args.delivery);
}

export async function logout(d: AccountDeps): Promise<boolean> {
  const cookieToken = d.cookies.refreshToken;
  let familyId = d.viewer.familyId;
  if (!familyId && cookieToken !== undefined) familyId = (await d.sessions.verifyRefresh(cookieToken).catch(() => null))?.fam;
  if (familyId) await d.sessions.revokeFamily(familyId, d.viewer.userId ?? undefined);
  d.cookies.send({ clear: true });
  return true;
}

export async function changePassword(d: AccountDeps, args: { currentPassword: string; newPassword: string }): Promise<boolean> {
  const user = await d.userLoader.load(d.viewer.userId!);
  if (!user) throw unauthenticated('The current password is wrong.');
  // Checking the current password is a password guess like a sign-in: someone holding a stolen
  // session must not be able to try passwords without limit, so it takes an attempt the same way.
  const attempt = await d.throttle.take(user.username, d.clientIp, d.viewer.deviceId ?? undefined);
  if (!(await verifyPassword(user.passwordHash, args.currentPassword))) throw unauthenticated('The current password is wrong.');
  if (d.viewer.deviceId) await attempt.succeeded(d.viewer.deviceId);
  checkPassword(args.newPassword, user.username);
  await d.users.setPasswordHash(user.id, await hashPassword(args.newPassword));
  await Promise.all([d.sessions.revokeAll(user.id), d.throttle.forgetDevices(user.username, d.viewer.deviceId)]);
  d.cookies.send({ clear: true });
  return true;
}
