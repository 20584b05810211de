import type { SearchIndex } from '../../lib/infra/search/port.js';
import type { BaseContext } from '../../lib/subgraph.js';

export interface Context extends BaseContext {
  index: SearchIndex;
}

export function contextFactory(index: SearchIndex) {
  return (base: BaseContext): Context => ({ ...base, index });
}
