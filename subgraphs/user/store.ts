/**
 * The user subgraph's storage port: the domain operations the service needs,
 * implemented by a SQLite adapter (embedded) and a mongoose adapter (production).
 * The same contract suite (store.contract.test.ts) runs against both.
 *
 * Invariants both adapters keep:
 * - usernames are unique whatever their case (UniqueViolation('username'));
 * - a follow exists at most once per pair, and a follow (or unfollow) and the
 *   followerCount/followingCount changes happen together or not at all (SQLite:
 *   one transaction; MongoDB: one multi-document transaction, which needs a
 *   replica set), so counts stay exact under concurrent follows and unfollows;
 * - `version` increases with every change to a user's public fields, so that
 *   consumers of user events (search) can keep the newest state.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/data/documents.js';
import { MongoUserStore } from './store.mongo.js';
import { SqliteUserStore } from './store.sqlite.js';

export type Visibility = 'EVERYONE' | 'FOLLOWERS' | 'ONLY_ME';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarKey: string | null;
  passwordHash: string;
  roles: string[];
  followerCount: number;
  followingCount: number;
  privacyFavourites: Visibility;
  privacyFollows: Visibility;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  bio?: string;
  roles?: string[];
}

export interface ProfileChanges {
  displayName?: string;
  bio?: string;
  avatarKey?: string | null;
  privacyFavourites?: Visibility;
  privacyFollows?: Visibility;
}

export interface FollowPage {
  /** The other side of each follow, newest follow first. */
  items: { userId: string; cursor: string }[];
  hasNextPage: boolean;
}

export interface UserStore {
  /** Throws UniqueViolation('username') when the name is taken, whatever its case. */
  createUser(user: NewUser): Promise<UserRecord>;
  /** Any order, missing ids left out: one query however many ids. */
  findUsersByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRecord | null>;
  /** Applies the changes and bumps `version`; null when the user does not exist. */
  updateProfile(id: string, changes: ProfileChanges): Promise<UserRecord | null>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** True when the follow was created, false when it already existed. */
  follow(followerId: string, followeeId: string): Promise<boolean>;
  /** True when a follow was removed. */
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  /** Of `candidateIds`, those that `followerId` follows. */
  followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>>;
  listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage>;
  listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage>;
  /** Every user in id order (exports for other services' full syncs). */
  listUsers(q: { limit: number; after?: string }): Promise<{ items: UserRecord[]; hasNextPage: boolean }>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A seam for the contract suite: an adapter calls `afterWrite(step)` after the
 * first write of a follow or unfollow, inside its transaction, so a test can
 * make it fail there and check that nothing of it stays. Production passes none.
 */
export interface UserStoreOptions {
  afterWrite?: (step: 'follow: follow stored' | 'unfollow: follow removed') => void;
}

export async function createUserStore(config: Config): Promise<UserStore> {
  if (config.MONGODB_URI) return MongoUserStore.create(await connectMongo(config.MONGODB_URI, 'user'));
  return new SqliteUserStore(openSqlite(config.DATA_DIR, 'user'));
}
