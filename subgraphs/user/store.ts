/**
 * The user subgraph's storage port: the domain operations the service needs,
 * implemented by a SQLite adapter (embedded) and a mongoose adapter (production).
 * The same contract suite (store.contract.test.ts) runs against both.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/infra/documents.js';
import { MongoUserStore } from './store.mongo.js';
import { SqliteUserStore } from './store.sqlite.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarKey: string | null;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  bio?: string;
}

export interface UserStore {
  /** Throws UniqueViolation('username') when the name is taken, whatever its case. */
  createUser(user: NewUser): Promise<UserRecord>;
  /** Any order, missing ids left out: one query however many ids. */
  findUsersByIds(ids: readonly string[]): Promise<UserRecord[]>;
  /** Case-insensitive. */
  findUserByUsername(username: string): Promise<UserRecord | null>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createUserStore(config: Config): Promise<UserStore> {
  if (config.MONGODB_URI) return MongoUserStore.create(await connectMongo(config.MONGODB_URI, 'user'));
  return new SqliteUserStore(openSqlite(config.DATA_DIR, 'user'));
}
