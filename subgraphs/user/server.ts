/** Wiring of the user subgraph: the stores, Redis, object storage, sessions, the server. */
import type { ServiceConfig } from '../../lib/config.js';
import { Coalescer } from '../../lib/data/coalescer.js';
import { DisposableStack } from '../../lib/process/disposable.js';
import { multipartRequests } from '../../lib/server/multipart.js';
import { coalescerOptions } from '../../lib/data/loaders.js';
import { pingRedis } from '../../lib/redis/client.js';
import type { Logger } from '../../lib/observability/logger.js';
import { ServiceMetrics, coalescerMetrics, instrumentStore } from '../../lib/observability/metrics.js';
import { requireObjectStore, requireRedis } from '../../lib/process/runtime.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/server/subgraph.js';
import { contextFactory } from './context.js';
import { redisUserEvents } from './events.js';
import { LoginThrottle } from './loginThrottle.js';
import { AVATAR_MAX_BYTES } from './profile.js';
import { resolvers } from './resolvers.js';
import { permissions } from './rules.js';
import { Sessions, REFRESH_INTERVAL_SECONDS } from './sessions.js';
import { createUserStores, type UserStores } from './store/index.js';

export interface UserSubgraph extends RunningSubgraph {
  stores: UserStores;
}

export async function startUserSubgraph(
  config: ServiceConfig,
  log: Logger,
  opts: { port?: number; stores?: UserStores; refreshIntervalSeconds?: number } = {},
): Promise<UserSubgraph> {
  const stack = new DisposableStack();
  try {
    const metrics = new ServiceMetrics('user');
    const opened = stack.use('user stores', opts.stores ?? (await createUserStores(config)));
    const stores: UserStores = { ...opened, users: instrumentStore(opened.users, metrics), follows: instrumentStore(opened.follows, metrics) };
    const redis = requireRedis(config, 'user', log);
    stack.defer('redis', () => void redis.disconnect());
    const objects = await requireObjectStore(config);
    const sessions = new Sessions(redis, { access: config.JWT_ACCESS_SECRET, refresh: config.JWT_REFRESH_SECRET }, { refreshIntervalSeconds: opts.refreshIntervalSeconds ?? REFRESH_INTERVAL_SECONDS });
    const loginThrottle = new LoginThrottle(redis, { failsPerAddressPerHour: config.LOGIN_FAILS_PER_ADDRESS_PER_HOUR, failsPerUsernamePerDay: config.LOGIN_FAILS_PER_USERNAME_PER_DAY });
    const userLookups = new Coalescer((ids: readonly string[]) => stores.users.findUsersByIds(ids), coalescerOptions(config));
    coalescerMetrics(metrics, { user: userLookups });
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'user',
        metrics,
        config,
        log,
        resolvers,
        permissions,
        createContext: contextFactory({ config, stores, redis, sessions, loginThrottle, objects, events: redisUserEvents(redis), userLookups }),
        readiness: { store: () => stores.ping(), redis: () => pingRedis(redis), objectStorage: () => objects.ping() },
        port: opts.port ?? config.USER_PORT,
        beforeGraphQL: [multipartRequests({ maxFileSize: AVATAR_MAX_BYTES + 1, maxFiles: 1 })],
      }),
    );
    return { ...server, stores, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
