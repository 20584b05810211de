/**
 * Accounts: registration, sign-in (throttled: see loginThrottle.ts), token
 * refresh, sign-out, password change.
 */
import { badInput, mapStoreError, unauthenticated } from '../../lib/errors.js';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import { DEVICE_ID, REFRESH_TOKEN_HEADER, SESSION_HEADER, encodeSession } from '../../lib/auth/session.js';
import type { Context } from './context.js';
import { checkPassword, checkUsername, hashPassword, verifyPassword } from './passwords.js';
import { newDeviceId, type IssuedTokens } from './sessions.js';
import type { UserRecord } from './store/users.js';
import { userEventPayload } from './profile.js';

export type Delivery = 'COOKIE' | 'BODY';

/** Stored roles, plus admin for the usernames ADMIN_USERNAMES names. */
function withRoles(ctx: Context, user: UserRecord): { id: string; roles: string[] } {
  const admin = ctx.config.ADMIN_USERNAMES.includes(user.username.toLowerCase());
  return { id: user.id, roles: [...new Set([...user.roles, ...(admin ? ['admin'] : [])])] };
}

function deviceIdOf(ctx: Context): string {
  const id = ctx.viewer.deviceId;
  return id && DEVICE_ID.test(id) ? id : newDeviceId();
}

/** Shapes the AuthPayload; with COOKIE delivery the tokens go to the gateway, not the body. */
function deliver(ctx: Context, user: UserRecord, tokens: IssuedTokens, delivery: Delivery) {
  if (delivery === 'COOKIE') {
    ctx.http?.res.setHeader(
      SESSION_HEADER,
      encodeSession({
        set: {
          accessToken: tokens.accessToken,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
          refreshToken: tokens.refreshToken,
          refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
          deviceId: tokens.deviceId,
        },
      }),
    );
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

export async function register(ctx: Context, args: { username: string; password: string; displayName?: string | null; delivery: Delivery }) {
  checkUsername(args.username);
  checkPassword(args.password, args.username);
  const displayName = (args.displayName ?? args.username).trim();
  if (displayName.length < 1 || displayName.length > 40) throw badInput('Display names are 1-40 characters.', { field: 'displayName' });
  const passwordHash = await hashPassword(args.password);
  const user = await ctx.stores.users.createUser({ username: args.username, displayName, passwordHash }).catch((err: unknown) => {
    throw mapStoreError(err, () => `The username "${args.username}" is taken.`);
  });
  await publishEvent(ctx.redis, STREAMS.user, { type: 'user.created', subjectId: user.id, version: user.version, payload: userEventPayload(user) });
  const tokens = await ctx.sessions.start(withRoles(ctx, user), deviceIdOf(ctx));
  // Registering signs in: this device is the account's first recognised one.
  await ctx.loginThrottle.rememberDevice(user.username, tokens.deviceId);
  return deliver(ctx, user, tokens, args.delivery);
}

export async function login(ctx: Context, args: { username: string; password: string; delivery: Delivery }) {
  // The attempt is counted before the password is looked at, so concurrent
  // guesses cannot all pass a limit that none of them has yet added to.
  const attempt = await ctx.loginThrottle.take(args.username, ctx.clientIp, ctx.viewer.deviceId);
  const user = await ctx.stores.users.findUserByUsername(args.username);
  if (!(await verifyPassword(user?.passwordHash, args.password)) || !user) throw unauthenticated('Wrong username or password.');
  const tokens = await ctx.sessions.start(withRoles(ctx, user), deviceIdOf(ctx));
  await attempt.succeeded(tokens.deviceId);
  return deliver(ctx, user, tokens, args.delivery);
}

export async function refresh(ctx: Context, args: { refreshToken?: string | null; delivery: Delivery }) {
  const cookieToken = ctx.http?.req.headers[REFRESH_TOKEN_HEADER];
  const token = args.refreshToken ?? (typeof cookieToken === 'string' ? cookieToken : undefined);
  if (!token) throw unauthenticated('No refresh token: pass refreshToken or sign in again.');
  let user: UserRecord | null = null;
  const tokens = await ctx.sessions.rotate(token, ctx.viewer.deviceId, async (id) => {
    user = await ctx.loaders.user.load(id);
    return user && withRoles(ctx, user);
  });
  // A device that keeps refreshing never signs in again (the refresh token
  // slides), yet stays the owner's: keep it recognised.
  await ctx.loginThrottle.rememberDevice(user!.username, tokens.deviceId);
  return deliver(ctx, user!, tokens, args.delivery);
}

export async function logout(ctx: Context): Promise<boolean> {
  const cookieToken = ctx.http?.req.headers[REFRESH_TOKEN_HEADER];
  let familyId = ctx.viewer.familyId;
  if (!familyId && typeof cookieToken === 'string') familyId = (await ctx.sessions.verifyRefresh(cookieToken).catch(() => null))?.fam;
  if (familyId) await ctx.sessions.revokeFamily(familyId, ctx.viewer.userId ?? undefined);
  ctx.http?.res.setHeader(SESSION_HEADER, encodeSession({ clear: true }));
  return true;
}

export async function changePassword(ctx: Context, args: { currentPassword: string; newPassword: string }): Promise<boolean> {
  const user = await ctx.loaders.user.load(ctx.viewer.userId!);
  if (!user) throw unauthenticated('The current password is wrong.');
  // Checking the current password is a password guess like a sign-in: someone holding a stolen
  // session must not be able to try passwords without limit, so it takes an attempt the same way.
  const attempt = await ctx.loginThrottle.take(user.username, ctx.clientIp, ctx.viewer.deviceId ?? undefined);
  if (!(await verifyPassword(user.passwordHash, args.currentPassword))) throw unauthenticated('The current password is wrong.');
  if (ctx.viewer.deviceId) await attempt.succeeded(ctx.viewer.deviceId);
  checkPassword(args.newPassword, user.username);
  await ctx.stores.users.setPasswordHash(user.id, await hashPassword(args.newPassword));
  await Promise.all([ctx.sessions.revokeAll(user.id), ctx.loginThrottle.forgetDevices(user.username, ctx.viewer.deviceId)]);
  ctx.http?.res.setHeader(SESSION_HEADER, encodeSession({ clear: true }));
  return true;
}
