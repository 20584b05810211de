/**
 * The user subgraph's services and request context. Resolvers hand each
 * domain function only the dependencies it uses (`accountDeps(ctx)`,
 * `profileDeps(ctx)`): a port or two of the store, sessions, the sign-in
 * throttle, the event stream, the request's loaders. The domain functions
 * never see the Redis client or the whole context.
 */
import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import { REFRESH_TOKEN_HEADER, SESSION_HEADER, encodeSession } from '../../lib/auth/session.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { Coalescer } from '../../lib/data/coalescer.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext, HttpExchange } from '../../lib/server/subgraph.js';
import type { AccountDeps } from './accounts.js';
import type { UserEvents } from './events.js';
import type { LoginThrottle } from './loginThrottle.js';
import type { ProfileDeps } from './profile.js';
import type { Sessions } from './sessions.js';
import type { UserStores } from './store/index.js';
import type { UserRecord } from './store/users.js';

export interface UserServices {
  config: Config;
  stores: UserStores;
  /** The Redis client, for wiring; domain functions get sessions, the throttle and events instead. */
  redis: Redis;
  sessions: Sessions;
  loginThrottle: LoginThrottle;
  objects: ObjectStore;
  events: UserEvents;
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

export const accountDeps = (ctx: Context): AccountDeps => {
  const cookieToken = ctx.http?.req.headers[REFRESH_TOKEN_HEADER];
  return {
    users: ctx.stores.users,
    userLoader: ctx.loaders.user,
    sessions: ctx.sessions,
    throttle: ctx.loginThrottle,
    events: ctx.events,
    adminUsernames: ctx.config.ADMIN_USERNAMES,
    viewer: ctx.viewer,
    clientIp: ctx.clientIp,
    cookies: {
      refreshToken: typeof cookieToken === 'string' ? cookieToken : undefined,
      send: (instruction) => ctx.http?.res.setHeader(SESSION_HEADER, encodeSession(instruction)),
    },
  };
};

export const profileDeps = (ctx: Context): ProfileDeps => ({
  viewerId: ctx.viewer.userId,
  users: ctx.stores.users,
  follows: ctx.stores.follows,
  userLoader: ctx.loaders.user,
  followedLoader: ctx.loaders.followedByViewer,
  objects: ctx.objects,
  events: ctx.events,
  log: ctx.log,
});
