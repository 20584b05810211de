/**
 * Shared set-up of the user store's contract suites (store/*.contract.test.ts):
 * each suite runs against every adapter available (SQLite always, MongoDB when
 * MONGODB_URI is set; testing/adapters.ts), on both ports of one database,
 * with a probe that can make a follow or unfollow fail right after its first
 * write, inside its transaction.
 */
import { after, before, describe } from 'node:test';
import { adapterFixtures, type AdapterFixture } from '../../../testing/adapters.js';
import type { FollowStore } from './follows.js';
import { mongoUserStores, sqliteUserStores, type UserStores } from './index.js';
import type { AdapterOptions, AtomicStep } from './probe.js';
import type { UserStore } from './users.js';

/** The failure the probe injects. */
export class InjectedFault extends Error {
  constructor(readonly step: AtomicStep) {
    super(`injected failure after "${step}"`);
  }
}

export interface Contract {
  readonly adapter: AdapterFixture<UserStores>['name'];
  readonly users: UserStore;
  readonly follows: FollowStore;
  /** The next follow or unfollow reaching `step` fails right after that write, inside its transaction. */
  failAfter(step: AtomicStep): void;
  /** Both ports opened a second time on the same data (a restart), for the caller to dispose. */
  openAgain(): Promise<UserStores>;
}

/** Declares the suite `body` once per adapter, as `user <port> store contract (<adapter>)`. */
export function describeContract(port: string, body: (c: Contract) => void): void {
  let failing: AtomicStep | null = null;
  const options: AdapterOptions = {
    afterWrite: (step) => {
      if (failing !== step) return;
      failing = null;
      throw new InjectedFault(step);
    },
  };
  for (const makeFixture of adapterFixtures<UserStores>('user', { sqlite: (db) => sqliteUserStores(db, options), mongo: (conn) => mongoUserStores(conn, options) })) {
    const fixture = makeFixture();
    let stores: UserStores;
    const c: Contract = {
      adapter: fixture.name,
      get users() {
        return stores.users;
      },
      get follows() {
        return stores.follows;
      },
      failAfter: (step) => {
        failing = step;
      },
      openAgain: () => fixture.open(),
    };
    describe(`user ${port} store contract (${fixture.name})`, () => {
      before(async () => {
        stores = await fixture.open();
      });
      after(async () => {
        await stores.dispose();
        await fixture.cleanup();
      });
      body(c);
    });
  }
}
