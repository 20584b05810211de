/** Wiring of the search subgraph: the index (Elasticsearch or embedded), Redis, the sync pipeline, the server. */
import { subgraphUrl, type ServiceConfig } from '../../lib/config.js';
import { DisposableStack } from '../../lib/process/disposable.js';
import { pingRedis } from '../../lib/redis/client.js';
import { createSearchIndex } from './engine/index.js';
import type { SearchIndex } from './engine/port.js';
import { STREAMS } from '../../lib/redis/domainEvents.js';
import type { Logger } from '../../lib/observability/logger.js';
import { ServiceMetrics, streamLagMetrics } from '../../lib/observability/metrics.js';
import { requireRedis } from '../../lib/process/runtime.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/server/subgraph.js';
import { contextFactory } from './context.js';
import { IndexSync, SYNC_GROUP } from './indexSync.js';
import { resolvers } from './resolvers.js';
import { permissions } from './rules.js';

export interface SearchSubgraph extends RunningSubgraph {
  index: SearchIndex;
  sync: IndexSync;
}

export interface SearchOptions {
  port?: number;
  /** Wraps the index (tests inject failures through it). */
  wrapIndex?: (index: SearchIndex) => SearchIndex;
  /** Where the full sync reads users and videos; defaults to the configured subgraph URLs. */
  sources?: { userUrl: string; videoUrl: string };
}

export async function startSearchSubgraph(config: ServiceConfig, log: Logger, opts: SearchOptions = {}): Promise<SearchSubgraph> {
  const stack = new DisposableStack();
  try {
    const raw = stack.use('search index', await createSearchIndex(config));
    const index = opts.wrapIndex ? opts.wrapIndex(raw) : raw;
    await index.ensureReady();
    const redis = requireRedis(config, 'search', log);
    stack.defer('redis', () => void redis.disconnect());
    const metrics = new ServiceMetrics('search');
    streamLagMetrics(metrics, redis, [{ group: SYNC_GROUP, streams: [STREAMS.user, STREAMS.video] }]);
    const sync = new IndexSync({
      metrics,
      config,
      index,
      redis,
      log: log.child({ component: 'index-sync' }),
      sources: opts.sources ?? { userUrl: subgraphUrl(config, 'user'), videoUrl: subgraphUrl(config, 'video') },
    });
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'search',
        metrics,
        config,
        log,
        resolvers,
        permissions,
        createContext: contextFactory(index, sync),
        readiness: { index: () => index.ping(), redis: () => pingRedis(redis) },
        port: opts.port ?? config.SEARCH_PORT,
      }),
    );
    sync.start();
    stack.use('index sync', sync);
    return { ...server, index, sync, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
