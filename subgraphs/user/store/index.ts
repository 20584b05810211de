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
import { mongoLifecycle, openStores, sqliteLifecycle, type SqliteDb, type StoreLifecycle } from '../../../lib/data/documents.js';
import type { FollowStore } from './follows.js';
import { MongoFollowStore } from './mongo/follows.js';
import { userModels } from './mongo/models.js';
import { MongoUserStore } from './mongo/users.js';
import type { AdapterOptions } from './probe.js';
import { SqliteFollowStore } from './sqlite/follows.js';
import { UserDb } from './sqlite/schema.js';
import { SqliteUserStore } from './sqlite/users.js';
import type { UserStore } from './users.js';

export interface UserStores extends StoreLifecycle {
  users: UserStore;
  follows: FollowStore;
}

export function sqliteUserStores(db: SqliteDb, options: AdapterOptions = {}): UserStores {
  const d = new UserDb(db);
  return { users: new SqliteUserStore(d), follows: new SqliteFollowStore(d, options), ...sqliteLifecycle(db) };
}

export async function mongoUserStores(conn: mongoose.Connection, options: AdapterOptions = {}): Promise<UserStores> {
  const m = await userModels(conn);
  return { users: new MongoUserStore(m), follows: new MongoFollowStore(m, options), ...mongoLifecycle(conn) };
}

export function createUserStores(config: Config): Promise<UserStores> {
  return openStores(config, 'user', { sqlite: sqliteUserStores, mongo: mongoUserStores });
}
