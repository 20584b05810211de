/**
 * Runs a store's contract suite against every adapter available: SQLite always
 * (a fresh file per suite), MongoDB when MONGODB_URI names a server (a fresh
 * database per suite, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
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

/** The failure a contract suite's probe injects right after a write. */
export class InjectedFault<S extends string = string> extends Error {
  constructor(readonly step: S) {
    super(`injected failure after "${step}"`);
  }
}

/**
 * A probe for the adapters' `afterWrite` seam: after `failAfter(step)`, the
 * next operation reaching `step` fails there with an InjectedFault, inside its
 * transaction; the ones after it run normally.
 */
export function faultProbe<S extends string>(): { afterWrite: (step: S) => void; failAfter: (step: S) => void } {
  let failing: S | null = null;
  return {
    afterWrite: (step) => {
      if (failing !== step) return;
      failing = null;
      throw new InjectedFault(step);
    },
    failAfter: (step) => {
      failing = step;
    },
  };
}

/**
 * The hooks of a contract suite on one adapter: opens the stores before its
 * tests (handing them to `opened`), and after them closes whichever stores
 * `current()` then returns (a test may have reopened them) and removes the data.
 */
export function storeHooks<S extends { dispose(): Promise<void> }>(fixture: AdapterFixture<S>, opened: (stores: S) => void, current: () => S): void {
  before(async () => opened(await fixture.open()));
  after(async () => {
    await current().dispose();
    await fixture.cleanup();
  });
}
