/**
 * Revoked sessions, shared by the user subgraph (which revokes) and the gateway
 * (which refuses access tokens of a revoked family on every request).
 */
import type { Redis } from 'ioredis';

export const revokedFamilyKey = (familyId: string) => `auth:revoked:${familyId}`;

export async function isFamilyRevoked(redis: Redis, familyId: string): Promise<boolean> {
  return (await redis.exists(revokedFamilyKey(familyId))) === 1;
}
