import type { SearchIndex } from '../../lib/infra/search/port.js';
import type { BaseContext } from '../../lib/subgraph.js';
import type { IndexSync } from './indexSync.js';

export interface Context extends BaseContext {
  index: SearchIndex;
  sync: IndexSync;
}

export function contextFactory(index: SearchIndex, sync: IndexSync) {
  return (base: BaseContext): Context => ({ ...base, index, sync });
}
