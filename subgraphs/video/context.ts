import type DataLoader from 'dataloader';
import { entityLoader } from '../../lib/loaders.js';
import type { BaseContext } from '../../lib/subgraph.js';
import type { VideoRecord, VideoStore } from './store.js';

export interface Context extends BaseContext {
  store: VideoStore;
  loaders: { video: DataLoader<string, VideoRecord | null> };
}

export function contextFactory(store: VideoStore) {
  return (base: BaseContext): Context => ({
    ...base,
    store,
    loaders: { video: entityLoader((ids) => store.findVideosByIds(ids)) },
  });
}
