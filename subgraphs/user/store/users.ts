/**
 * The users port: accounts, profiles and privacy settings.
 *
 * Guarantees every adapter gives (store/users.contract.test.ts):
 * - usernames are unique whatever their case (UniqueViolation('username'));
 * - `version` increases with every change to a user's public fields, so that
 *   consumers of user events (search) can keep the newest state.
 * followerCount and followingCount are the follows port's (store/follows.ts):
 * this port only reads them.
 */
import type { Page } from './page.js';

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
  /** Every user in id order (exports for other services' full syncs). */
  listUsers(q: { limit: number; after?: string }): Promise<Page<UserRecord>>;
}
