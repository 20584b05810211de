/**
 * Accounts: registration, sign-in (throttled per username and per client
 * address), token refresh, sign-out, password change.
 */
import { badInput, mapStoreError, rateLimited, unauthenticated } from '../../lib/errors.js';
import { STREAMS, publishEvent } from '../../lib/events.js';
import { hitWindow, peekWindow } from '../../lib/rateLimit.js';
import { DEVICE_ID, REFRESH_TOKEN_HEADER, SESSION_HEADER, encodeSession } from '../../lib/session.js';
import type { Context } from './context.js';
import { checkPassword, checkUsername, hashPassword, verifyPassword } from './passwords.js';
import { newDeviceId, type IssuedTokens } from './sessions.js';
import type { UserRecord } from './store.js';
import { userEventPayload } from './profile.js';

/** Failed sign-ins allowed per username per window. @default 5 */
export const LOGIN_FAILURES_PER_USER = 5;
/** Failed sign-ins allowed per client address per window. @default 20 */
export const LOGIN_FAILURES_PER_IP = 20;
/** @default 15 minutes */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

export type Delivery = 'COOKIE' | 'BODY';

const failUserKey = (username: string) => `auth:login-fail:user:${username.toLowerCase()}`;
const failIpKey = (ip: string) => `auth:login-fail:ip:${ip}`;

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
    accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
    deviceId: tokens.deviceId,
  };
}

export async function register(ctx: Context, args: { username: string; password: string; displayName?: string | null; delivery: Delivery }) {
  checkUsername(args.username);
  checkPassword(args.password, args.username);
  const displayName = (args.displayName ?? args.username).trim();
  if (displayName.length < 1 || displayName.length > 40) throw badInput('Display names are 1-40 characters.', { field: 'displayName' });
  const passwordHash = await hashPassword(args.password);
  const user = await ctx.store.createUser({ username: args.username, displayName, passwordHash }).catch((err: unknown) => {
    throw mapStoreError(err, () => `The username "${args.username}" is taken.`);
  });
  await publishEvent(ctx.redis, STREAMS.user, { type: 'user.created', subjectId: user.id, version: user.version, payload: userEventPayload(user) });
  const tokens = await ctx.sessions.start(withRoles(ctx, user), deviceIdOf(ctx));
  return deliver(ctx, user, tokens, args.delivery);
}

export async function login(ctx: Context, args: { username: string; password: string; delivery: Delivery }) {
  const ip = ctx.clientIp ?? 'unknown';
  const [byUser, byIp] = await Promise.all([peekWindow(ctx.redis, failUserKey(args.username)), peekWindow(ctx.redis, failIpKey(ip))]);
  if (byUser.count >= LOGIN_FAILURES_PER_USER || byIp.count >= LOGIN_FAILURES_PER_IP) {
    const wait = Math.max(byUser.count >= LOGIN_FAILURES_PER_USER ? byUser.retryAfterSeconds : 0, byIp.count >= LOGIN_FAILURES_PER_IP ? byIp.retryAfterSeconds : 0);
    throw rateLimited(`Too many failed sign-ins; try again in ${wait} s.`, wait);
  }
  const user = await ctx.store.findUserByUsername(args.username);
  if (!(await verifyPassword(user?.passwordHash, args.password)) || !user) {
    await Promise.all([hitWindow(ctx.redis, failUserKey(args.username), LOGIN_WINDOW_SECONDS), hitWindow(ctx.redis, failIpKey(ip), LOGIN_WINDOW_SECONDS)]);
    throw unauthenticated('Wrong username or password.');
  }
  await ctx.redis.del(failUserKey(args.username));
  const tokens = await ctx.sessions.start(withRoles(ctx, user), deviceIdOf(ctx));
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
  if (!user || !(await verifyPassword(user.passwordHash, args.currentPassword))) throw unauthenticated('The current password is wrong.');
  checkPassword(args.newPassword, user.username);
  await ctx.store.setPasswordHash(user.id, await hashPassword(args.newPassword));
  await ctx.sessions.revokeAll(user.id);
  ctx.http?.res.setHeader(SESSION_HEADER, encodeSession({ clear: true }));
  return true;
}
