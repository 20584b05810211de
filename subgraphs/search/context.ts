import type { SearchIndex } from './engine/port.js';
import type { BaseContext } from '../../lib/server/subgraph.js';
import type { IndexSync } from './indexSync.js';

export interface Context extends BaseContext {
  index: SearchIndex;
  sync: IndexSync;
}

export function contextFactory(index: SearchIndex, sync: IndexSync) {
  return (base: BaseContext): Context => ({ ...base, index, sync });
}
