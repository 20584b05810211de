/**
 * The internal identity: how the gateway tells a subgraph who the viewer is.
 *
 * The gateway verifies the client's access token, then signs a short-lived
 * token (HS256, key INTERNAL_IDENTITY_SECRET, held only by the gateway and the
 * subgraphs) naming the viewer, and sends it with every subgraph request
 * (header `x-internal-identity`, or `internalIdentity` in graphql-ws
 * connection params). A subgraph accepts no request without a valid one, even
 * for public data, so that reaching a subgraph's port directly grants nothing:
 * a forged, expired, or foreign-key token is refused before any resolver runs.
 *
 * Clock skew between gateway and subgraphs is tolerated by a small leeway on
 * `exp`/`nbf` (IDENTITY_CLOCK_TOLERANCE_SECONDS).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '../errors.js';

export const INTERNAL_IDENTITY_HEADER = 'x-internal-identity';
export const REQUEST_ID_HEADER = 'x-request-id';
/** What a request id may look like (anything else is replaced). */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const ISSUER = 'vidhub-gateway';
const AUDIENCE = 'vidhub-subgraphs';
/** Internal tokens only need to outlive one subgraph request. @default 60 seconds */
export const IDENTITY_TTL_SECONDS = 60;
/** Leeway for clocks that disagree between machines. @default 5 seconds */
export const IDENTITY_CLOCK_TOLERANCE_SECONDS = 5;

export interface Viewer {
  /** null for an anonymous visitor. */
  userId: string | null;
  roles: string[];
  deviceId?: string;
  /** The session (refresh-token family) the viewer's access token came from. */
  familyId?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ userId: null, roles: [] as string[] }) as Viewer;

/** One string per distinct viewer (user, roles in any order, device, session): keys of per-viewer caches and merges. */
export function viewerKey(viewer: Viewer | undefined): string {
  if (!viewer) return '';
  const roles = viewer.roles.length > 1 ? [...viewer.roles].sort().join(',') : (viewer.roles[0] ?? '');
  return `${viewer.userId ?? ''}|${roles}|${viewer.deviceId ?? ''}|${viewer.familyId ?? ''}`;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signInternalIdentity(
  secret: string,
  viewer: Viewer,
  requestId: string | undefined,
  opts: { clientIp?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const ttlSeconds = opts.ttlSeconds ?? IDENTITY_TTL_SECONDS;
  const jwt = new SignJWT({
    roles: viewer.roles,
    ...(requestId ? { rid: requestId } : {}),
    ...(viewer.deviceId ? { did: viewer.deviceId } : {}),
    ...(viewer.familyId ? { fam: viewer.familyId } : {}),
    ...(opts.clientIp ? { ip: opts.clientIp } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (viewer.userId) jwt.setSubject(viewer.userId);
  return jwt.sign(key(secret));
}

export interface VerifiedIdentity {
  viewer: Viewer;
  /** Set when the token names its request (sockets, service calls); HTTP requests carry x-request-id instead. */
  requestId?: string;
  /** The client's address as the gateway saw it (login throttling). */
  clientIp?: string;
}

/** Verifies an internal identity token; throws UNAUTHENTICATED for anything but a valid one. */
export async function verifyInternalIdentity(
  secret: string,
  token: string | undefined | null,
): Promise<VerifiedIdentity> {
  if (!token) throw unauthenticated('Missing internal identity: subgraphs are reached through the gateway.');
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: IDENTITY_CLOCK_TOLERANCE_SECONDS,
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      viewer: {
        userId: typeof payload.sub === 'string' ? payload.sub : null,
        roles,
        ...(typeof payload.did === 'string' ? { deviceId: payload.did } : {}),
        ...(typeof payload.fam === 'string' ? { familyId: payload.fam } : {}),
      },
      ...(typeof payload.rid === 'string' ? { requestId: payload.rid } : {}),
      ...(typeof payload.ip === 'string' ? { clientIp: payload.ip } : {}),
    };
  } catch (err) {
    const reason = err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw unauthenticated(`Internal identity ${reason}: subgraphs are reached through the gateway.`);
  }
}

/**
 * The gateway signs one identity token per viewer (and client address) and
 * reuses it while it has more than REUSE_MARGIN_SECONDS to live, instead of
 * signing one per request: the request id travels in its own header. The cache
 * is bounded: past MAX_CACHED_IDENTITIES the least recently used viewer's token
 * is forgotten.
 */
const REUSE_MARGIN_SECONDS = 20;
const MAX_CACHED_IDENTITIES = 10_000;

export class IdentityTokenCache {
  private readonly tokens = new LRUCache<string, Promise<string>>({ max: MAX_CACHED_IDENTITIES });

  constructor(private readonly secret: string) {}

  get(viewer: Viewer, clientIp?: string): Promise<string> {
    const key = `${viewerKey(viewer)}|${clientIp ?? ''}`;
    const hit = this.tokens.get(key);
    if (hit) return hit;
    const now = Date.now();
    const token = signInternalIdentity(this.secret, viewer, undefined, clientIp ? { clientIp } : {});
    // The token expires IDENTITY_TTL_SECONDS after the whole second it was signed in; it is reused until REUSE_MARGIN_SECONDS before that.
    const expiresAt = (Math.floor(now / 1000) + IDENTITY_TTL_SECONDS) * 1000;
    this.tokens.set(key, token, { ttl: expiresAt - REUSE_MARGIN_SECONDS * 1000 - now });
    token.catch(() => this.tokens.delete(key));
    return token;
  }
}

/**
 * Verifies internal identity tokens with one key, each token once: the gateway
 * reuses a token per viewer for most of its minute, so the subgraphs would
 * otherwise check the same signature on every request. A cached result is used
 * only until the token's expiry. Bounded: past MAX_VERIFIED_IDENTITIES the least
 * recently used token is forgotten.
 */
const MAX_VERIFIED_IDENTITIES = 20_000;

export class IdentityVerifier {
  /** Each entry lives until its token expires. */
  private readonly verified = new LRUCache<string, VerifiedIdentity>({ max: MAX_VERIFIED_IDENTITIES });

  constructor(private readonly secret: string) {}

  async verify(token: string | undefined | null): Promise<VerifiedIdentity> {
    if (token) {
      const hit = this.verified.get(token);
      if (hit) return hit;
    }
    const identity = await verifyInternalIdentity(this.secret, token);
    // Accepted within the clock tolerance but already past `exp`: verified again next time.
    const ttl = decodeExpiry(token!) * 1000 - Date.now();
    if (ttl > 0) this.verified.set(token!, identity, { ttl });
    return identity;
  }
}

/** The `exp` claim of a token whose signature was just verified. */
function decodeExpiry(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return payload.exp ?? 0;
}
