/**
 * The user subgraph's SQLite database, shared by its adapters (one file,
 * DATA_DIR/user.sqlite, one migration sequence): the schema and the row
 * mapper. A follow and both users' counts change in one SQLite transaction
 * (sqlite/follows.ts).
 */
import { migrate, statementCache, type SqliteDb } from '../../../../lib/data/documents.js';
import type { UserRecord, Visibility } from '../users.js';

const MIGRATIONS = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL,
     username_lower TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     bio TEXT NOT NULL DEFAULT '',
     avatar_key TEXT,
     password_hash TEXT NOT NULL,
     roles TEXT NOT NULL DEFAULT '[]',
     follower_count INTEGER NOT NULL DEFAULT 0,
     following_count INTEGER NOT NULL DEFAULT 0,
     privacy_favourites TEXT NOT NULL DEFAULT 'EVERYONE',
     privacy_follows TEXT NOT NULL DEFAULT 'EVERYONE',
     version INTEGER NOT NULL DEFAULT 1,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE follows (
     id TEXT PRIMARY KEY,              -- uuid v7: orders follows by time, doubles as the cursor
     follower_id TEXT NOT NULL REFERENCES users(id),
     followee_id TEXT NOT NULL REFERENCES users(id),
     created_at TEXT NOT NULL,
     UNIQUE (follower_id, followee_id)
   );
   CREATE INDEX follows_by_followee ON follows (followee_id, id);
   CREATE INDEX follows_by_follower ON follows (follower_id, id);`,
];

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_key: string | null;
  password_hash: string;
  roles: string;
  follower_count: number;
  following_count: number;
  privacy_favourites: Visibility;
  privacy_follows: Visibility;
  version: number;
  created_at: string;
  updated_at: string;
}

export function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    avatarKey: row.avatar_key,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    followerCount: row.follower_count,
    followingCount: row.following_count,
    privacyFavourites: row.privacy_favourites,
    privacyFollows: row.privacy_follows,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The user database as its adapters share it: the schema brought up to date (idempotent: `PRAGMA user_version` records what ran) and a statement cache. */
export class UserDb {
  readonly sql: ReturnType<typeof statementCache>;

  constructor(readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }
}
