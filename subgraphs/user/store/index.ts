/**
 * The user subgraph's storage: one narrow port per aggregate (users with
 * their profiles and privacy settings, follows with the counts they move),
 * each with a SQLite adapter (embedded) and a mongoose adapter (production),
 * held to the same contract suites (store/*.contract.test.ts). The ports know
 * nothing of their adapters; this factory picks them: MongoDB when
 * MONGODB_URI is set, otherwise the SQLite file DATA_DIR/user.sqlite. Both
 * ports of one instance share one database, so a follow and the counts on
 * both users are one transaction.
 */
import type mongoose from 'mongoose';
import type { Config } from '../../../lib/config.js';
import { connectMongo, openSqlite, type SqliteDb } from '../../../lib/data/documents.js';
import type { FollowStore } from './follows.js';
import { MongoFollowStore } from './mongo/follows.js';
import { userModels } from './mongo/models.js';
import { MongoUserStore } from './mongo/users.js';
import type { AdapterOptions } from './probe.js';
import { SqliteFollowStore } from './sqlite/follows.js';
import { SqliteUserStore } from './sqlite/users.js';
import type { UserStore } from './users.js';

export interface UserStores {
  users: UserStore;
  follows: FollowStore;
  /** Readiness: the database answers. */
  ping(): Promise<void>;
  /** Closes the database the two share. */
  dispose(): Promise<void>;
}

export function sqliteUserStores(db: SqliteDb, options: AdapterOptions = {}): UserStores {
  return {
    users: new SqliteUserStore(db),
    follows: new SqliteFollowStore(db, options),
    ping: async () => void db.prepare('SELECT 1').get(),
    dispose: async () => {
      if (db.open) db.close();
    },
  };
}

export async function mongoUserStores(conn: mongoose.Connection, options: AdapterOptions = {}): Promise<UserStores> {
  const m = await userModels(conn);
  return {
    users: new MongoUserStore(m),
    follows: new MongoFollowStore(m, options),
    ping: async () => void (await conn.db?.admin().ping()),
    dispose: () => conn.close(),
  };
}

export async function createUserStores(config: Config): Promise<UserStores> {
  if (config.MONGODB_URI) return mongoUserStores(await connectMongo(config.MONGODB_URI, 'user'));
  return sqliteUserStores(openSqlite(config.DATA_DIR, 'user'));
}
