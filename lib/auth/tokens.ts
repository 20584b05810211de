/**
 * Access tokens: the short-lived JWT a client sends with every request
 * (`Authorization: Bearer`, or the HTTP-only `vh_access` cookie). The user
 * subgraph issues them; the gateway verifies them and turns them into the
 * internal identity. Verification allows ACCESS_CLOCK_TOLERANCE_SECONDS of skew.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from '../errors.js';
import type { Viewer } from './identity.js';

const ISSUER = 'vidhub';
const AUDIENCE = 'vidhub-access';
/** @default 30 minutes */
export const ACCESS_TOKEN_TTL_SECONDS = 30 * 60;
/** Leeway for clock differences between the issuing and verifying machines. @default 30 seconds */
export const ACCESS_CLOCK_TOLERANCE_SECONDS = 30;

export interface AccessClaims {
  userId: string;
  roles: string[];
  deviceId?: string;
  /** The refresh-token family (one login) the token was issued from. */
  familyId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(secret: string, claims: AccessClaims, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const token = await new SignJWT({
    roles: claims.roles,
    ...(claims.deviceId ? { did: claims.deviceId } : {}),
    ...(claims.familyId ? { fam: claims.familyId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

export interface VerifiedAccess extends Viewer {
  userId: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

export async function verifyAccessToken(secret: string, token: string): Promise<VerifiedAccess> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: ACCESS_CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload.sub !== 'string') throw new Error('no subject');
    return {
      userId: payload.sub,
      expiresAt: payload.exp ?? 0,
      roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [],
      ...(typeof payload.did === 'string' ? { deviceId: payload.did } : {}),
      ...(typeof payload.fam === 'string' ? { familyId: payload.fam } : {}),
    };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Access token expired: call refreshTokens, then retry.');
    throw unauthenticated('Invalid access token: sign in again.');
  }
}
