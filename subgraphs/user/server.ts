/** Wiring of the user subgraph: stores, Redis, the server. */
import type { Config } from '../../lib/config.js';
import { DisposableStack } from '../../lib/disposable.js';
import { pingRedis } from '../../lib/infra/redis.js';
import { requireRedis } from '../../lib/runtime.js';
import type { Logger } from '../../lib/logger.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/subgraph.js';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { permissions } from './rules.js';
import { createUserStore, type UserStore } from './store.js';

export interface UserSubgraph extends RunningSubgraph {
  store: UserStore;
}

export async function startUserSubgraph(config: Config, log: Logger, opts: { port?: number; store?: UserStore } = {}): Promise<UserSubgraph> {
  const stack = new DisposableStack();
  try {
    const store = stack.use('user store', opts.store ?? (await createUserStore(config)));
    const redis = requireRedis(config, 'user');
    stack.defer('redis', () => void redis.disconnect());
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'user',
        config,
        log,
        resolvers,
        permissions,
        createContext: contextFactory(store),
        readiness: { store: () => store.ping(), redis: () => pingRedis(redis) },
        port: opts.port ?? config.USER_PORT,
      }),
    );
    return { ...server, store, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
