import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { Coalescer } from '../../lib/data/coalescer.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext, HttpExchange } from '../../lib/server/subgraph.js';
import type { LoginThrottle } from './loginThrottle.js';
import type { Sessions } from './sessions.js';
import type { UserStores } from './store/index.js';
import type { UserRecord } from './store/users.js';

export interface UserServices {
  config: Config;
  stores: UserStores;
  redis: Redis;
  sessions: Sessions;
  loginThrottle: LoginThrottle;
  objects: ObjectStore;
  /** Merges hot user lookups across requests. */
  userLookups: Coalescer<UserRecord>;
}

export interface Context extends BaseContext, UserServices {
  http?: HttpExchange;
  loaders: {
    user: DataLoader<string, UserRecord | null>;
    /** Whether the viewer follows each given user: one query per request. */
    followedByViewer: DataLoader<string, boolean>;
  };
}

export function contextFactory(services: UserServices) {
  return (base: BaseContext, http?: HttpExchange): Context => ({
    ...base,
    ...services,
    ...(http ? { http } : {}),
    loaders: {
      user: entityLoader((ids) => services.userLookups.load(ids)),
      followedByViewer: new DataLoader(async (ids) => {
        const viewer = base.viewer.userId;
        if (!viewer) return ids.map(() => false);
        const followed = await services.stores.follows.followedAmong(viewer, ids);
        return ids.map((id) => followed.has(id));
      }),
    },
  });
}
