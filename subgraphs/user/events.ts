/** The user events search (and notifications) consume, built from a stored user. */
import type { Redis } from 'ioredis';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import type { UserRecord } from './store/users.js';

/** What other services learn about a user (search index, notifications). */
export function userEventPayload(u: UserRecord) {
  return { username: u.username, displayName: u.displayName, bio: u.bio, createdAt: u.createdAt.toISOString() };
}

/** The user event stream, as the domain functions publish to it. */
export interface UserEvents {
  /** A new account, or a change to its public fields: with the user's version, so consumers keep the newest. */
  changed(type: 'user.created' | 'user.updated', u: UserRecord): Promise<void>;
  /** A follow created or removed now (not one that already was, or was not, there). */
  follows(type: 'user.followed' | 'user.unfollowed', followerId: string, followeeId: string): Promise<void>;
}

export function redisUserEvents(redis: Redis): UserEvents {
  return {
    async changed(type, u) {
      await publishEvent(redis, STREAMS.user, { type, subjectId: u.id, version: u.version, payload: userEventPayload(u) });
    },
    async follows(type, followerId, followeeId) {
      await publishEvent(redis, STREAMS.user, { type, subjectId: followeeId, payload: { followerId, followeeId } });
    },
  };
}
