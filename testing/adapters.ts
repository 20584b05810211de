/**
 * Runs a store's contract suite against every adapter available: SQLite always
 * (a fresh file per suite), MongoDB when MONGODB_URI names a server (a fresh
 * database per suite, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectMongo, openSqlite, type SqliteDb } from '../lib/data/documents.js';
import type mongoose from 'mongoose';

export interface AdapterFixture<S> {
  name: 'sqlite' | 'mongodb';
  /** Opens the store; calling again opens a second handle on the same data (a restart). */
  open(): Promise<S>;
  cleanup(): Promise<void>;
}

export function adapterFixtures<S>(service: string, make: { sqlite: (db: SqliteDb) => S | Promise<S>; mongo: (conn: mongoose.Connection) => Promise<S> }): (() => AdapterFixture<S>)[] {
  const fixtures: (() => AdapterFixture<S>)[] = [
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `vidhub-${service}-store-`));
      return {
        name: 'sqlite',
        open: async () => make.sqlite(openSqlite(dir, service)),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    fixtures.push(() => {
      const db = `vidhub_test_${service}_${randomBytes(4).toString('hex')}`;
      const dbUri = uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+)(\/[^?]*)?/, `$1/${db}`);
      return {
        name: 'mongodb',
        open: async () => make.mongo(await connectMongo(dbUri, service)),
        cleanup: async () => {
          const conn = await connectMongo(dbUri, service);
          await conn.dropDatabase();
          await conn.close();
        },
      };
    });
  }
  return fixtures;
}
