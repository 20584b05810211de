/** Wiring of the search subgraph: the index (Elasticsearch or embedded), Redis, the server. */
import type { Config } from '../../lib/config.js';
import { DisposableStack } from '../../lib/disposable.js';
import { pingRedis } from '../../lib/infra/redis.js';
import { createSearchIndex } from '../../lib/infra/search/index.js';
import type { SearchIndex } from '../../lib/infra/search/port.js';
import type { Logger } from '../../lib/logger.js';
import { requireRedis } from '../../lib/runtime.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/subgraph.js';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { permissions } from './rules.js';

export interface SearchSubgraph extends RunningSubgraph {
  index: SearchIndex;
}

export async function startSearchSubgraph(config: Config, log: Logger, opts: { port?: number } = {}): Promise<SearchSubgraph> {
  const stack = new DisposableStack();
  try {
    const index = stack.use('search index', await createSearchIndex(config));
    await index.ensureReady();
    const redis = requireRedis(config, 'search');
    stack.defer('redis', () => void redis.disconnect());
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'search',
        config,
        log,
        resolvers,
        permissions,
        createContext: contextFactory(index),
        readiness: { index: () => index.ping(), redis: () => pingRedis(redis) },
        port: opts.port ?? config.SEARCH_PORT,
      }),
    );
    return { ...server, index, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
