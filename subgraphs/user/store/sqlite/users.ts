import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../../../lib/errors.js';
import { isSqliteUniqueViolation } from '../../../../lib/data/documents.js';
import type { Page } from '../page.js';
import type { NewUser, ProfileChanges, UserRecord, UserStore } from '../users.js';
import { toRecord, type UserDb, type UserRow } from './schema.js';

const COLUMNS: Record<keyof ProfileChanges, string> = {
  displayName: 'display_name',
  bio: 'bio',
  avatarKey: 'avatar_key',
  privacyFavourites: 'privacy_favourites',
  privacyFollows: 'privacy_follows',
};

export class SqliteUserStore implements UserStore {
  constructor(private readonly d: UserDb) {}

  async createUser(user: NewUser): Promise<UserRecord> {
    const now = new Date().toISOString();
    const id = uuidv7();
    try {
      this.d.db
        .prepare(
          `INSERT INTO users (id, username, username_lower, display_name, bio, password_hash, roles, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, user.username, user.username.toLowerCase(), user.displayName, user.bio ?? '', user.passwordHash, JSON.stringify(user.roles ?? []), now, now);
    } catch (err) {
      if (isSqliteUniqueViolation(err)) throw new UniqueViolation('username');
      throw err;
    }
    return toRecord(this.d.sql(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow);
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    // json_each keeps one prepared statement for any number of ids.
    const rows = this.d.sql(`SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as UserRow[];
    return rows.map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.d.sql(`SELECT * FROM users WHERE username_lower = ?`).get(username.toLowerCase()) as UserRow | undefined;
    return row ? toRecord(row) : null;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserRecord | null> {
    const sets = (Object.keys(changes) as (keyof ProfileChanges)[]).filter((k) => changes[k] !== undefined).map((k) => `${COLUMNS[k]} = @${k}`);
    const row = this.d.db
      .prepare(`UPDATE users SET ${[...sets, 'version = version + 1', 'updated_at = @now'].join(', ')} WHERE id = @id RETURNING *`)
      .get({ ...changes, id, now: new Date().toISOString() }) as UserRow | undefined;
    return row ? toRecord(row) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    this.d.sql(`UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`).run(passwordHash, new Date().toISOString(), id);
  }

  async listUsers(q: { limit: number; after?: string }): Promise<Page<UserRecord>> {
    const rows = this.d.sql(`SELECT * FROM users WHERE (? IS NULL OR id > ?) ORDER BY id LIMIT ?`).all(q.after ?? null, q.after ?? null, q.limit + 1) as UserRow[];
    return { items: rows.slice(0, q.limit).map(toRecord), hasNextPage: rows.length > q.limit };
  }
}
