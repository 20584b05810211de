/**
 * Who is asking: the access token (Authorization: Bearer, or the HTTP-only
 * cookie), checked against revoked sessions; the device id (x-device-id header
 * or cookie); and the session cookies set or cleared on the way out. The same
 * rules apply to HTTP requests and to graphql-ws `connection_init`.
 *
 * A bad bearer token is an error (HTTP 401, or WebSocket close 4401): the client
 * sent it on purpose and should refresh. A bad access *cookie* makes the request
 * anonymous instead, and the cookie is cleared, so that a browser can still call
 * refreshTokens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Config } from '../lib/config.js';
import { ErrorCode, UNAVAILABLE_MESSAGE, appError, unauthenticated } from '../lib/errors.js';
import { isRedisUnavailable } from '../lib/redis/client.js';
import { ANONYMOUS, type Viewer } from '../lib/auth/identity.js';
import { RevocationWatch } from '../lib/auth/revocation.js';
import { SERVICE_ROLE } from '../lib/auth/shield.js';
import { COOKIES, DEVICE_ID, DEVICE_ID_HEADER, type SessionInstruction } from '../lib/auth/session.js';
import { ACCESS_CLOCK_TOLERANCE_SECONDS, ACCESS_TOKEN_TTL_SECONDS, verifyAccessToken, type VerifiedAccess } from '../lib/auth/tokens.js';

/** A device id outlives sessions; every refresh renews the cookie. @default 1 year */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

export interface Credentials {
  /** `Bearer <token>` */
  authorization?: string | undefined;
  cookieHeader?: string | undefined;
  deviceId?: string | undefined;
}

export interface RequestAuth {
  viewer: Viewer;
  /** Expiry of the access token in use (seconds since the epoch), if any. */
  expiresAt?: number;
  refreshCookie?: string;
  /** The access cookie was invalid and should be cleared. */
  staleAccessCookie?: boolean;
}

const MAX_VERIFIED = 20_000;

/**
 * Verifies access tokens with the gateway's key, each token once: a token's
 * signature and claims never change, so the result is reused until it expires.
 * Revocation is still checked on every request, by `revocations`
 * (lib/auth/revocation.ts: from memory while subscribed to revocations, else Redis).
 * Bounded: past MAX_VERIFIED the least recently used token is forgotten.
 */
export class AccessVerifier {
  /** Each entry lives until its token expires. */
  private readonly verified = new LRUCache<string, VerifiedAccess>({ max: MAX_VERIFIED });
  readonly revocations: RevocationWatch;
  /** Tokens checked, by result (metrics read them at scrape time). */
  readonly stats = { valid: 0, cached: 0, invalid: 0 };

  constructor(
    private readonly secret: string,
    redis: Redis,
  ) {
    this.revocations = new RevocationWatch(redis, (ACCESS_TOKEN_TTL_SECONDS + ACCESS_CLOCK_TOLERANCE_SECONDS) * 1000);
  }

  async verify(token: string): Promise<VerifiedAccess> {
    const hit = this.verified.get(token);
    if (hit) {
      this.stats.cached++;
      return hit;
    }
    let viewer: VerifiedAccess;
    try {
      viewer = await verifyAccessToken(this.secret, token);
    } catch (err) {
      this.stats.invalid++;
      throw err;
    }
    this.stats.valid++;
    const ttl = viewer.expiresAt * 1000 - Date.now();
    if (ttl > 0) this.verified.set(token, viewer, { ttl });
    return viewer;
  }
}

/**
 * A valid token whose session is not revoked. When the revocation state cannot
 * be read (Redis stalled, down or restarting, and no answer in memory: see
 * lib/auth/revocation.ts) the request is refused with UPSTREAM_UNAVAILABLE (HTTP
 * 503, WebSocket 1013): it fails closed. Accepting the session instead would
 * let a signed-out or stolen session back in for as long as Redis is away,
 * which is exactly when no one can notice; refusing costs signed-in users the
 * outage, which they would mostly meet anyway (sending, liking, danmaku,
 * uploads all need Redis). The token itself is not at fault: it stays valid,
 * and a cookie holding it is kept.
 */
async function checkAccess(token: string, verifier: AccessVerifier): Promise<VerifiedAccess> {
  const viewer = await verifier.verify(token);
  if (!viewer.familyId) return viewer;
  let revoked: boolean;
  try {
    revoked = await verifier.revocations.isRevoked(viewer.familyId);
  } catch (err) {
    if (isRedisUnavailable(err)) throw sessionUnverifiable();
    throw err;
  }
  if (revoked) throw unauthenticated('This session has ended: sign in again.');
  return viewer;
}

const sessionUnverifiable = () => appError(ErrorCode.UPSTREAM_UNAVAILABLE, UNAVAILABLE_MESSAGE, { http: { status: 503 } });

/** Refused because a backing service is away, not because of the credentials. */
export const isUnavailableError = (err: unknown) => (err as { extensions?: { code?: unknown } } | undefined)?.extensions?.code === ErrorCode.UPSTREAM_UNAVAILABLE;

/** Throws UNAUTHENTICATED for a bad bearer token; see the top of this file. */
export async function authenticateCredentials(credentials: Credentials, verifier: AccessVerifier): Promise<RequestAuth> {
  const cookies = parseCookies(credentials.cookieHeader ?? '');
  const presentedDevice = credentials.deviceId ?? cookies[COOKIES.device];
  const deviceId = presentedDevice && DEVICE_ID.test(presentedDevice) ? presentedDevice : undefined;
  const refresh = cookies[COOKIES.refresh] ? { refreshCookie: cookies[COOKIES.refresh] } : {};

  let access: VerifiedAccess | undefined;
  let staleAccessCookie = false;
  if (credentials.authorization?.startsWith('Bearer ')) {
    access = await checkAccess(credentials.authorization.slice(7).trim(), verifier);
  } else if (cookies[COOKIES.access]) {
    access = await checkAccess(cookies[COOKIES.access]!, verifier).catch((err: unknown) => {
      // The cookie is fine when only Redis is away: keep it, and say so.
      if (isUnavailableError(err)) throw err;
      staleAccessCookie = true;
      return undefined;
    });
  }
  const { expiresAt, ...viewer } = access ?? { ...ANONYMOUS, expiresAt: undefined };
  return {
    // The service role belongs to the platform's own services, never to a user's token.
    viewer: { ...viewer, roles: viewer.roles.filter((r) => r !== SERVICE_ROLE), deviceId },
    ...(expiresAt ? { expiresAt } : {}),
    ...refresh,
    ...(staleAccessCookie ? { staleAccessCookie } : {}),
  };
}

export async function authenticate(req: IncomingMessage, res: ServerResponse, config: Config, verifier: AccessVerifier): Promise<RequestAuth> {
  const device = req.headers[DEVICE_ID_HEADER];
  const auth = await authenticateCredentials(
    { authorization: req.headers.authorization, cookieHeader: req.headers.cookie, deviceId: typeof device === 'string' ? device : undefined },
    verifier,
  ).catch((err: Error & { extensions?: Record<string, unknown> }) => {
    if (!isUnavailableError(err)) err.extensions = { ...err.extensions, http: { status: 401 } };
    throw err;
  });
  if (auth.staleAccessCookie) clearCookie(res, COOKIES.access, cookieOptions(config, 'access'));
  return auth;
}

function cookieOptions(config: Config, which: 'access' | 'refresh' | 'device') {
  const secure = config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
  // The refresh cookie goes only to the GraphQL endpoint and never cross-site.
  return which === 'refresh'
    ? { httpOnly: true, secure, sameSite: 'strict' as const, path: '/graphql' }
    : { httpOnly: true, secure, sameSite: 'lax' as const, path: '/' };
}

// Plain node responses (the gateway answers some requests without express), so cookies are serialized here.
function setCookie(res: ServerResponse, name: string, value: string, options: SerializeOptions) {
  res.appendHeader('Set-Cookie', serializeCookie(name, value, options));
}

function clearCookie(res: ServerResponse, name: string, options: SerializeOptions) {
  setCookie(res, name, '', { ...options, expires: new Date(0) });
}

export function sessionApplier(res: ServerResponse, config: Config) {
  return (instruction: SessionInstruction) => {
    if (res.headersSent) return;
    if ('clear' in instruction) {
      clearCookie(res, COOKIES.access, cookieOptions(config, 'access'));
      clearCookie(res, COOKIES.refresh, cookieOptions(config, 'refresh'));
      return;
    }
    const s = instruction.set;
    setCookie(res, COOKIES.access, s.accessToken, { ...cookieOptions(config, 'access'), expires: new Date(s.accessTokenExpiresAt) });
    setCookie(res, COOKIES.refresh, s.refreshToken, { ...cookieOptions(config, 'refresh'), expires: new Date(s.refreshTokenExpiresAt) });
    setCookie(res, COOKIES.device, s.deviceId, { ...cookieOptions(config, 'device'), maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS });
  };
}
