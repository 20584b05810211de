/**
 * Document-store connections. Each subgraph owns its data: with MONGODB_URI set
 * it gets a mongoose connection (one database per service, named by the URI or
 * `vidhub_<service>`), otherwise a SQLite file `DATA_DIR/<service>.sqlite`.
 *
 * Why SQLite and not an in-memory fake: machines without Docker cannot run
 * MongoDB, and fakes tried here dropped concurrent writes and ignored unique
 * indexes. SQLite is durable and transactional, so the contract tests that pass
 * on it mean something; the same tests run on MongoDB when MONGODB_URI is set.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import mongoose from 'mongoose';

export type SqliteDb = Database.Database;

export function openSqlite(dataDir: string, name: string): SqliteDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, `${name}.sqlite`));
  // WAL lets readers proceed during a write; busy_timeout makes a second
  // process (another replica on the same file) wait instead of failing.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Prepared statements, prepared once per SQL text: preparing costs far more
 * than running a lookup by id, and each adapter uses a fixed set of statements.
 */
export function statementCache(db: SqliteDb): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/**
 * Applies the migrations not yet applied, in order, each in a transaction;
 * `PRAGMA user_version` records how many ran.
 */
export function migrate(db: SqliteDb, migrations: string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < migrations.length; i++) {
    db.transaction(() => {
      db.exec(migrations[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/** True when a better-sqlite3 error is a UNIQUE constraint violation. */
export function isSqliteUniqueViolation(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    ((err as { code: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ||
      (err as { code: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/** True when a MongoDB error is a duplicate-key error (E11000). */
export function isMongoDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: number }).code === 11000;
}

/**
 * Opens a mongoose connection for one service. When the URI names no database,
 * the service's own database `vidhub_<service>` is used.
 */
export async function connectMongo(uri: string, service: string): Promise<mongoose.Connection> {
  const hasDb = /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    ...(hasDb ? {} : { dbName: `vidhub_${service}` }),
  });
  await conn.asPromise();
  return conn;
}

/** What a subgraph's stores offer beside their ports: readiness and closing the database they share. */
export interface StoreLifecycle {
  /** Readiness: the database answers. */
  ping(): Promise<void>;
  /** Closes the database the ports share. */
  dispose(): Promise<void>;
}

export function sqliteLifecycle(db: SqliteDb): StoreLifecycle {
  return {
    ping: async () => void db.prepare('SELECT 1').get(),
    dispose: async () => {
      if (db.open) db.close();
    },
  };
}

export function mongoLifecycle(conn: mongoose.Connection): StoreLifecycle {
  return {
    ping: async () => void (await conn.db?.admin().ping()),
    dispose: () => conn.close(),
  };
}

/**
 * Opens a subgraph's stores on the database its configuration names: MongoDB
 * when MONGODB_URI is set (database `vidhub_<service>` unless the URI names
 * one), otherwise the SQLite file DATA_DIR/<service>.sqlite.
 */
export async function openStores<S>(
  config: { MONGODB_URI?: string | undefined; DATA_DIR: string },
  service: string,
  open: { sqlite: (db: SqliteDb) => S; mongo: (conn: mongoose.Connection) => Promise<S> },
): Promise<S> {
  if (config.MONGODB_URI) return open.mongo(await connectMongo(config.MONGODB_URI, service));
  return open.sqlite(openSqlite(config.DATA_DIR, service));
}

/** A lean document as its record: `_id` becomes `id`, every other stored field is copied as it is. */
export function withId<D extends { _id: string }>({ _id, ...rest }: D): Omit<D, '_id'> & { id: string } {
  return { id: _id, ...rest };
}

/**
 * The mongoose schema of a relation between two ids (a like, a block, a
 * follow): `_id`, the two ids and `createdAt`, all required, one document per
 * pair (a unique index on `first`, `second`). Callers add the indexes their
 * reads need.
 */
export function pairSchema<D extends { _id: string; createdAt: Date }>(first: keyof D & string, second: keyof D & string): mongoose.Schema<D> {
  const id = () => ({ type: String, required: true });
  const schema = new mongoose.Schema({ _id: id(), [first]: id(), [second]: id(), createdAt: { type: Date, required: true } }, { versionKey: false });
  schema.index({ [first]: 1, [second]: 1 }, { unique: true });
  return schema as unknown as mongoose.Schema<D>;
}

/**
 * The options of every multi-document transaction (which needs a replica set
 * or a sharded cluster):
 * - read concern `snapshot`: every read inside sees one point in time, so the
 *   transaction's checks hold for all its writes, and a document written by a
 *   concurrent transaction after that point makes this one fail with a
 *   WriteConflict (a TransientTransactionError) instead of overwriting it;
 * - write concern `majority`: the commit returns once a majority of the
 *   replica set has it, so no failover can roll it back;
 * - read preference `primary`: the only one transactions allow.
 * `connection.transaction()` runs the callback through the driver's
 * `withTransaction`, which retries the whole callback on
 * TransientTransactionError and the commit on UnknownTransactionCommitResult
 * (for up to 120 s), and mongoose resets documents' state between attempts.
 */
export const TRANSACTION_OPTIONS: mongoose.mongo.TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};
