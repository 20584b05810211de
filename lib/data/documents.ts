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
