/** Wiring of the video subgraph: stores, Redis, object storage, the server. */
import type { Config } from '../../lib/config.js';
import { DisposableStack } from '../../lib/disposable.js';
import { pingRedis } from '../../lib/infra/redis.js';
import type { Logger } from '../../lib/logger.js';
import { requireObjectStore, requireRedis } from '../../lib/runtime.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/subgraph.js';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { permissions } from './rules.js';
import { createVideoStore, type VideoStore } from './store.js';

export interface VideoSubgraph extends RunningSubgraph {
  store: VideoStore;
}

export async function startVideoSubgraph(config: Config, log: Logger, opts: { port?: number; store?: VideoStore } = {}): Promise<VideoSubgraph> {
  const stack = new DisposableStack();
  try {
    const store = stack.use('video store', opts.store ?? (await createVideoStore(config)));
    const redis = requireRedis(config, 'video');
    stack.defer('redis', () => void redis.disconnect());
    const objects = await requireObjectStore(config);
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'video',
        config,
        log,
        resolvers,
        permissions,
        createContext: contextFactory(store),
        readiness: { store: () => store.ping(), redis: () => pingRedis(redis), objectStorage: () => objects.ping() },
        port: opts.port ?? config.VIDEO_PORT,
      }),
    );
    return { ...server, store, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
