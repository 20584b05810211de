import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../lib/errors.js';
import { isSqliteUniqueViolation, migrate, type SqliteDb } from '../../lib/infra/documents.js';
import type { NewUser, UserRecord, UserStore } from './store.js';

const MIGRATIONS = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL,
     username_lower TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     bio TEXT NOT NULL DEFAULT '',
     avatar_key TEXT,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];

interface Row {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_key: string | null;
  password_hash: string;
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
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export class SqliteUserStore implements UserStore {
  constructor(private readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    const now = new Date().toISOString();
    const row: Row = {
      id: uuidv7(),
      username: user.username,
      display_name: user.displayName,
      bio: user.bio ?? '',
      avatar_key: null,
      password_hash: user.passwordHash,
      created_at: now,
      updated_at: now,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, username_lower, display_name, bio, avatar_key, password_hash, created_at, updated_at)
           VALUES (@id, @username, @username_lower, @display_name, @bio, @avatar_key, @password_hash, @created_at, @updated_at)`,
        )
        .run({ ...row, username_lower: user.username.toLowerCase() });
    } catch (err) {
      if (isSqliteUniqueViolation(err)) throw new UniqueViolation('username');
      throw err;
    }
    return toRecord(row);
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    // json_each keeps one prepared statement for any number of ids.
    const rows = this.db
      .prepare(`SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as Row[];
    return rows.map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.db.prepare(`SELECT * FROM users WHERE username_lower = ?`).get(username.toLowerCase()) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
