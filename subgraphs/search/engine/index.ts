/**
 * Chooses the search adapter from the configuration: Elasticsearch when
 * ELASTICSEARCH_URL is set, otherwise the embedded MiniSearch index with its snapshot
 * under DATA_DIR. Callers then run `ensureReady()` before serving.
 */
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { createElasticsearchIndex } from './elasticsearch/index.js';
import { createEmbeddedIndex } from './embedded/index.js';
import type { SearchIndex } from './port.js';

export type { SearchDocument, SearchHit, SearchIndex, SearchKind, SearchQuery, Suggestion, WriteResult } from './port.js';

export interface SearchConfig {
  ELASTICSEARCH_URL?: string;
  /** Takes precedence over username/password when both are set. */
  ELASTICSEARCH_API_KEY?: string;
  ELASTICSEARCH_USERNAME?: string;
  ELASTICSEARCH_PASSWORD?: string;
  ELASTICSEARCH_INDEX_PREFIX: string;
  DATA_DIR: string;
}

export async function createSearchIndex(config: SearchConfig): Promise<SearchIndex> {
  if (!config.ELASTICSEARCH_URL) {
    return createEmbeddedIndex({ snapshotFile: path.join(config.DATA_DIR, 'search', 'index.json') });
  }
  if (!config.ELASTICSEARCH_API_KEY && !!config.ELASTICSEARCH_USERNAME !== !!config.ELASTICSEARCH_PASSWORD) {
    throw new Error('ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD must be set together (or use ELASTICSEARCH_API_KEY)');
  }
  const auth = config.ELASTICSEARCH_API_KEY
    ? { apiKey: config.ELASTICSEARCH_API_KEY }
    : config.ELASTICSEARCH_USERNAME && config.ELASTICSEARCH_PASSWORD
      ? { username: config.ELASTICSEARCH_USERNAME, password: config.ELASTICSEARCH_PASSWORD }
      : undefined;
  const client = new Client({
    node: config.ELASTICSEARCH_URL,
    auth,
    // The client's 30 s default would hold a GraphQL request far beyond any client's patience.
    requestTimeout: 10_000,
  });
  return createElasticsearchIndex({ client, prefix: config.ELASTICSEARCH_INDEX_PREFIX, ownsClient: true });
}
