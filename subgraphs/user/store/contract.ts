/**
 * Shared set-up of the user store's contract suites (store/*.contract.test.ts):
 * each suite runs against every adapter available (SQLite always, MongoDB when
 * MONGODB_URI is set; testing/adapters.ts), on both ports of one database,
 * with a probe that can make a follow or unfollow fail right after its first
 * write, inside its transaction.
 */
import { describe } from 'node:test';
import { adapterFixtures, faultProbe, storeHooks, type AdapterFixture } from '../../../testing/adapters.js';
import { mongoUserStores, sqliteUserStores, type UserStores } from './index.js';
import type { AdapterOptions, AtomicStep } from './probe.js';

export interface Contract {
  readonly adapter: AdapterFixture<UserStores>['name'];
  /** Both ports on the suite's database: open in `before`, closed in `after`. */
  readonly stores: UserStores;
  /** The next follow or unfollow reaching `step` fails right after that write, inside its transaction. */
  failAfter(step: AtomicStep): void;
  /** Both ports opened a second time on the same data (a restart), for the caller to dispose. */
  openAgain(): Promise<UserStores>;
}

/** Declares the suite `body` once per adapter, as `user <port> store contract (<adapter>)`. */
export function describeContract(port: string, body: (c: Contract) => void): void {
  const probe = faultProbe<AtomicStep>();
  const options: AdapterOptions = { afterWrite: probe.afterWrite };
  for (const makeFixture of adapterFixtures<UserStores>('user', { sqlite: (db) => sqliteUserStores(db, options), mongo: (conn) => mongoUserStores(conn, options) })) {
    const fixture = makeFixture();
    let stores: UserStores;
    const c: Contract = {
      adapter: fixture.name,
      get stores() {
        return stores;
      },
      failAfter: probe.failAfter,
      openAgain: () => fixture.open(),
    };
    describe(`user ${port} store contract (${fixture.name})`, () => {
      storeHooks(fixture, (opened) => (stores = opened), () => stores);
      body(c);
    });
  }
}
