/**
 * Sessions: a short access token and a long, rotating refresh token per login.
 *
 * A login starts a token *family* (Redis hash `auth:fam:{<id>}`: user, device, and
 * the id of the only refresh token of the family that is currently valid).
 * Each refresh checks, in one Lua script so that two racing refreshes cannot both
 * win: the family exists; the token was presented with the device it is bound
 * to; the token is the family's current one (else it is a replayed, already
 * rotated token: the family is revoked); this login has not refreshed on its
 * device within the last REFRESH_INTERVAL seconds (the limit is kept per family
 * and device, in the family's hash slot). Then it rotates: new refresh token id, the
 * family's 7-day life starts over (sliding), a new access token.
 *
 * One exception to "replayed means stolen": the token the last rotation spent,
 * presented again on its device within REFRESH_REUSE_GRACE_SECONDS of that
 * rotation (key `auth:refresh-prev:{<id>}`), is a client whose answer was lost
 * (a page navigated away mid-refresh, a mobile connection dropped): it gets
 * the family's *current* refresh token again (same id, re-signed) and a new
 * access token, and nothing rotates, so whoever did receive the lost answer
 * keeps a valid token too. A thief replaying it gains what the rightful client
 * holds, for those seconds only and only with the device id; past them, or
 * with any older token, the family is revoked as before.
 *
 * Revocation (logout, reuse, password change) deletes the family and leaves a
 * marker `auth:revoked:{<id>}` for the life of an access token; the gateway
 * checks it on every request, so revoked access tokens stop working at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { SignJWT, jwtVerify } from 'jose';
import { rateLimited, unauthenticated } from '../../lib/errors.js';
import { defineScripts } from '../../lib/redis/scripts.js';
import { ACCESS_CLOCK_TOLERANCE_SECONDS, ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../../lib/auth/tokens.js';
import { revokeInTransaction } from '../../lib/auth/revocation.js';

/** @default 7 days, renewed by every refresh */
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/** One refresh per device per this many seconds. @default 60 */
export const REFRESH_INTERVAL_SECONDS = 60;
/** How long the refresh token a rotation spent still answers (see above). @default 30 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

const REFRESH_ISSUER = 'vidhub';
const REFRESH_AUDIENCE = 'vidhub-refresh';

// Hash tags (lib/redis/keys.ts): a family's hash, its refresh limit and its revocation
// marker share the tag {<familyId>}, as ROTATE and a revocation touch them together.
const familyKey = (id: string) => `auth:fam:{${id}}`;
const userFamiliesKey = (userId: string) => `auth:user-fams:${userId}`;
const refreshLimitKey = (familyId: string, deviceId: string) => `auth:refresh-rl:{${familyId}}:${deviceId}`;
/** The id of the refresh token the family's last rotation spent, for REFRESH_REUSE_GRACE_SECONDS. */
export const spentRefreshKey = (familyId: string) => `auth:refresh-prev:{${familyId}}`;

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  deviceId: string;
  familyId: string;
}

const scripts = defineScripts<{
  /** The checks and the rotation of a refresh; see the top of this file. Replies with an outcome and its detail. */
  sessionRotate(
    family: string,
    deviceRefreshLimit: string,
    spentRefresh: string,
    presentedJti: string,
    presentedDevice: string,
    newJti: string,
    familyTtlSeconds: number,
    intervalSeconds: number,
    graceSeconds: number,
  ): Promise<[outcome: string, detail?: string, currentJti?: string]>;
}>({
  sessionRotate: {
    numberOfKeys: 3,
    lua: `
local cur = redis.call('HMGET', KEYS[1], 'jti', 'did', 'uid')
if not cur[1] then return {'missing'} end
if cur[2] ~= ARGV[2] then return {'device'} end
if cur[1] ~= ARGV[1] then
  if redis.call('GET', KEYS[3]) == ARGV[1] then return {'again', cur[3], cur[1]} end
  return {'reuse', cur[3]}
end
if not redis.call('SET', KEYS[2], '1', 'EX', ARGV[5], 'NX') then return {'limited', tostring(redis.call('TTL', KEYS[2]))} end
redis.call('HSET', KEYS[1], 'jti', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[6])
return {'ok', cur[3]}
`,
  },
});

export function newDeviceId(): string {
  return randomBytes(18).toString('base64url');
}


export class Sessions {
  constructor(
    private readonly redis: Redis,
    private readonly secrets: { access: string; refresh: string },
    private readonly settings = { refreshIntervalSeconds: REFRESH_INTERVAL_SECONDS },
  ) {}

  /** Starts a new family for a login on `deviceId`. */
  async start(user: { id: string; roles: string[] }, deviceId: string): Promise<IssuedTokens> {
    const familyId = randomUUID();
    const jti = randomUUID();
    // Two slots, so two transactions: the user's list first, so that revokeAll
    // reaches every family that can exist (a listed family that was never
    // written is harmless: revoking it finds nothing to delete).
    await this.redis.multi().sadd(userFamiliesKey(user.id), familyId).expire(userFamiliesKey(user.id), REFRESH_TOKEN_TTL_SECONDS).exec();
    await this.redis.multi().hset(familyKey(familyId), { uid: user.id, did: deviceId, jti }).expire(familyKey(familyId), REFRESH_TOKEN_TTL_SECONDS).exec();
    return this.tokens(user, deviceId, familyId, jti);
  }

  /** Rotates a refresh token presented with `deviceId`; see the top of this file for the checks. */
  async rotate(refreshToken: string, deviceId: string | undefined, loadUser: (id: string) => Promise<{ id: string; roles: string[] } | null>): Promise<IssuedTokens> {
    const claims = await this.verifyRefresh(refreshToken);
    if (!deviceId || deviceId !== claims.did) throw unauthenticated('This refresh token belongs to another device: sign in again.');
    let jti: string = randomUUID();
    const [outcome, detail, currentJti] = await scripts(this.redis).sessionRotate(
      familyKey(claims.fam),
      refreshLimitKey(claims.fam, deviceId),
      spentRefreshKey(claims.fam),
      claims.jti,
      deviceId,
      jti,
      REFRESH_TOKEN_TTL_SECONDS,
      this.settings.refreshIntervalSeconds,
      REFRESH_REUSE_GRACE_SECONDS,
    );
    switch (outcome) {
      case 'ok':
        break;
      case 'again':
        // The answer to the rotation that spent this token was lost: the current token again.
        jti = currentJti!;
        break;
      case 'limited':
        throw rateLimited(`Tokens were refreshed less than ${this.settings.refreshIntervalSeconds} s ago on this device; retry in ${detail} s.`, Number(detail));
      case 'reuse':
        await this.revokeFamily(claims.fam, detail);
        throw unauthenticated('This refresh token was already used: every session of this login is signed out. Sign in again.');
      case 'device':
        throw unauthenticated('This refresh token belongs to another device: sign in again.');
      default:
        throw unauthenticated('This session has ended: sign in again.');
    }
    const user = await loadUser(claims.sub);
    if (!user) {
      await this.revokeFamily(claims.fam, claims.sub);
      throw unauthenticated('This account no longer exists.');
    }
    await this.redis.expire(userFamiliesKey(user.id), REFRESH_TOKEN_TTL_SECONDS);
    return this.tokens(user, deviceId, claims.fam, jti);
  }

  async revokeFamily(familyId: string, userId?: string): Promise<void> {
    await revokeInTransaction(this.redis.multi().del(familyKey(familyId)), familyId, ACCESS_TOKEN_TTL_SECONDS + ACCESS_CLOCK_TOLERANCE_SECONDS).exec();
    // Another slot: dropped from the user's list once revoked (left there, it would only be revoked again).
    if (userId) await this.redis.srem(userFamiliesKey(userId), familyId);
  }

  /** Signs out every session of a user (password change). */
  async revokeAll(userId: string): Promise<void> {
    const families = await this.redis.smembers(userFamiliesKey(userId));
    await Promise.all(families.map((f) => this.revokeFamily(f, userId)));
  }

  /** Claims of a refresh token with a valid signature; UNAUTHENTICATED otherwise. */
  async verifyRefresh(token: string): Promise<{ sub: string; fam: string; jti: string; did: string }> {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(this.secrets.refresh), {
        issuer: REFRESH_ISSUER,
        audience: REFRESH_AUDIENCE,
        algorithms: ['HS256'],
        clockTolerance: ACCESS_CLOCK_TOLERANCE_SECONDS,
      });
      const { sub, fam, jti, did } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof fam !== 'string' || typeof jti !== 'string' || typeof did !== 'string') throw new Error('claims');
      return { sub, fam, jti, did };
    } catch {
      throw unauthenticated('Invalid or expired refresh token: sign in again.');
    }
  }

  private async tokens(user: { id: string; roles: string[] }, deviceId: string, familyId: string, jti: string): Promise<IssuedTokens> {
    const access = await signAccessToken(this.secrets.access, { userId: user.id, roles: user.roles, deviceId, familyId }, ACCESS_TOKEN_TTL_SECONDS);
    const refreshExp = Math.floor(Date.now() / 1000) + REFRESH_TOKEN_TTL_SECONDS;
    const refreshToken = await new SignJWT({ fam: familyId, did: deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(REFRESH_ISSUER)
      .setAudience(REFRESH_AUDIENCE)
      .setSubject(user.id)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(refreshExp)
      .sign(new TextEncoder().encode(this.secrets.refresh));
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: new Date(refreshExp * 1000),
      deviceId,
      familyId,
    };
  }
}
