import type DataLoader from 'dataloader';
import { entityLoader } from '../../lib/loaders.js';
import type { BaseContext } from '../../lib/subgraph.js';
import type { UserRecord, UserStore } from './store.js';

export interface Context extends BaseContext {
  store: UserStore;
  loaders: { user: DataLoader<string, UserRecord | null> };
}

export function contextFactory(store: UserStore) {
  return (base: BaseContext): Context => ({
    ...base,
    store,
    loaders: { user: entityLoader((ids) => store.findUsersByIds(ids)) },
  });
}
