/**
 * The follows port: who follows whom, and each user's followerCount and
 * followingCount (stored on the user, read through the users port).
 *
 * Guarantees every adapter gives (store/follows.contract.test.ts):
 * - a follow exists at most once per pair;
 * - a follow (or unfollow) and the followerCount/followingCount changes happen
 *   together or not at all (SQLite: one transaction; MongoDB: one
 *   multi-document transaction, which needs a replica set), so counts stay
 *   exact under concurrent follows and unfollows.
 */
import type { Page } from './page.js';

/** The other side of each follow, newest follow first. */
export type FollowPage = Page<{ userId: string; cursor: string }>;

export interface FollowStore {
  /** True when the follow was created, false when it already existed. */
  follow(followerId: string, followeeId: string): Promise<boolean>;
  /** True when a follow was removed. */
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  /** Of `candidateIds`, those that `followerId` follows. */
  followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>>;
  listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage>;
  listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage>;
}
