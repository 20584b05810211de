import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../lib/errors.js';
import { isSqliteUniqueViolation, migrate, statementCache, type SqliteDb } from '../../lib/data/documents.js';
import type { FollowPage, NewUser, ProfileChanges, UserRecord, UserStore, UserStoreOptions, Visibility } from './store.js';

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

interface Row {
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

function toRecord(row: Row): UserRecord {
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

const COLUMNS: Record<keyof ProfileChanges, string> = {
  displayName: 'display_name',
  bio: 'bio',
  avatarKey: 'avatar_key',
  privacyFavourites: 'privacy_favourites',
  privacyFollows: 'privacy_follows',
};

export class SqliteUserStore implements UserStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: SqliteDb,
    private readonly options: UserStoreOptions = {},
  ) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    const now = new Date().toISOString();
    const id = uuidv7();
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, username_lower, display_name, bio, password_hash, roles, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, user.username, user.username.toLowerCase(), user.displayName, user.bio ?? '', user.passwordHash, JSON.stringify(user.roles ?? []), now, now);
    } catch (err) {
      if (isSqliteUniqueViolation(err)) throw new UniqueViolation('username');
      throw err;
    }
    return toRecord(this.sql(`SELECT * FROM users WHERE id = ?`).get(id) as Row);
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    // json_each keeps one prepared statement for any number of ids.
    const rows = this.sql(`SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
    return rows.map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.sql(`SELECT * FROM users WHERE username_lower = ?`).get(username.toLowerCase()) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserRecord | null> {
    const sets = (Object.keys(changes) as (keyof ProfileChanges)[]).filter((k) => changes[k] !== undefined).map((k) => `${COLUMNS[k]} = @${k}`);
    const row = this.db
      .prepare(`UPDATE users SET ${[...sets, 'version = version + 1', 'updated_at = @now'].join(', ')} WHERE id = @id RETURNING *`)
      .get({ ...changes, id, now: new Date().toISOString() }) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    this.sql(`UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`).run(passwordHash, new Date().toISOString(), id);
  }

  async follow(followerId: string, followeeId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const created = this.db
        .prepare(`INSERT OR IGNORE INTO follows (id, follower_id, followee_id, created_at) VALUES (?, ?, ?, ?)`)
        .run(uuidv7(), followerId, followeeId, new Date().toISOString()).changes === 1;
      if (!created) return false;
      this.options.afterWrite?.('follow: follow stored');
      this.bumpCounts(followerId, followeeId, 1);
      return true;
    }).immediate();
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.sql(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`).run(followerId, followeeId).changes === 1;
      if (!removed) return false;
      this.options.afterWrite?.('unfollow: follow removed');
      this.bumpCounts(followerId, followeeId, -1);
      return true;
    }).immediate();
  }

  private bumpCounts(followerId: string, followeeId: string, delta: number) {
    this.sql(`UPDATE users SET following_count = following_count + ? WHERE id = ?`).run(delta, followerId);
    this.sql(`UPDATE users SET follower_count = follower_count + ? WHERE id = ?`).run(delta, followeeId);
  }

  async followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows = this.db
      .prepare(`SELECT followee_id FROM follows WHERE follower_id = ? AND followee_id IN (SELECT value FROM json_each(?))`)
      .all(followerId, JSON.stringify(candidateIds)) as { followee_id: string }[];
    return new Set(rows.map((r) => r.followee_id));
  }

  async listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page(`SELECT id, follower_id AS other FROM follows WHERE followee_id = @userId AND (@after IS NULL OR id < @after) ORDER BY id DESC LIMIT @limit`, userId, q);
  }

  async listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page(`SELECT id, followee_id AS other FROM follows WHERE follower_id = @userId AND (@after IS NULL OR id < @after) ORDER BY id DESC LIMIT @limit`, userId, q);
  }

  private page(sql: string, userId: string, q: { limit: number; after?: string }): FollowPage {
    const rows = this.sql(sql).all({ userId, after: q.after ?? null, limit: q.limit + 1 }) as { id: string; other: string }[];
    return { items: rows.slice(0, q.limit).map((r) => ({ userId: r.other, cursor: r.id })), hasNextPage: rows.length > q.limit };
  }

  async listUsers(q: { limit: number; after?: string }): Promise<{ items: UserRecord[]; hasNextPage: boolean }> {
    const rows = this.sql(`SELECT * FROM users WHERE (? IS NULL OR id > ?) ORDER BY id LIMIT ?`).all(q.after ?? null, q.after ?? null, q.limit + 1) as Row[];
    return { items: rows.slice(0, q.limit).map(toRecord), hasNextPage: rows.length > q.limit };
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
