/**
 * A stand-in Elasticsearch cluster on the client's official mock: no Elasticsearch server
 * installs on this kind of machine, so the adapter's tests pin the requests it sends and
 * answer them as a cluster would.
 */
import { createRequire } from 'node:module';
import { Client, type estypes } from '@elastic/elasticsearch';
import { createElasticsearchIndex } from '../subgraphs/search/engine/elasticsearch/index.js';
import type { SearchIndex } from '../subgraphs/search/engine/port.js';

const require = createRequire(import.meta.url);
// The mock recognises only the CommonJS build's error class (see responseError in subgraphs/search/engine/elasticsearch/errors.ts).
const { errors: cjsErrors } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
// `module.exports = Mocker` typed as `export default`: under NodeNext, TypeScript would
// expect a `.default` that does not exist at runtime; require gives the class itself.
const Mock = require('@elastic/elasticsearch-mock') as typeof import('@elastic/elasticsearch-mock').default;

export interface Recorded {
  method: string;
  path: string;
  querystring: Record<string, string>;
  body: unknown;
}

export function responseError(statusCode: number, type: string, reason = type): Error {
  return new cjsErrors.ResponseError({
    body: { error: { type, reason }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

/** A small stand-in cluster: indices with their mappings, plus per-test answers. */
export class FakeCluster {
  readonly requests: Recorded[] = [];
  readonly indices = new Map<string, estypes.MappingTypeMapping>();
  bulk: (lines: Record<string, unknown>[]) => unknown = (lines) => ({
    errors: false,
    items: lines
      .filter((_, i) => i % 2 === 0)
      .map((action) => ({ index: { ...(action.index as object), status: 201, result: 'created' } })),
  });
  search: (body: Record<string, unknown>) => unknown = () => ({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } });
  mget: (body: { ids: string[] }, index: string) => unknown = (body, index) => ({
    docs: body.ids.map((id) => ({ _index: index, _id: id, found: false })),
  });
  /** Runs instead of a normal create; an Error it returns is the answer. */
  onCreate?: (name: string) => Error | undefined;
  closed = 0;
  readonly mock = new Mock();

  constructor() {
    this.mock.add({ method: ['HEAD', 'GET', 'PUT', 'POST', 'DELETE'], path: ['/', '/*'] }, (params) => {
      const request = params as unknown as Recorded;
      this.requests.push(request);
      // Returning a ResponseError makes the mock answer with its status and body.
      return this.answer(request) as Record<string, unknown>;
    });
  }

  private answer({ method, path, body }: Recorded): unknown {
    const segments = path.split('/').filter(Boolean);
    const names = (segments[0] ?? '').split(',');
    if (method === 'HEAD' && segments.length === 0) return {};
    if (method === 'HEAD') return this.indices.has(names[0]!) ? {} : responseError(404, 'index_not_found_exception');
    if (method === 'PUT' && segments.length === 1) {
      const failure = this.onCreate?.(names[0]!);
      if (failure) return failure;
      this.indices.set(names[0]!, (body as { mappings: estypes.MappingTypeMapping }).mappings);
      return { acknowledged: true, index: names[0] };
    }
    if (method === 'GET' && segments[1] === '_mapping') {
      const mappings = this.indices.get(names[0]!);
      return mappings ? { [names[0]!]: { mappings } } : responseError(404, 'index_not_found_exception');
    }
    if (method === 'DELETE') {
      for (const name of names) this.indices.delete(name);
      return { acknowledged: true };
    }
    if (segments[0] === '_bulk') return this.bulk(body as Record<string, unknown>[]);
    if (segments[1] === '_search') return this.search(body as Record<string, unknown>);
    if (segments[1] === '_mget') return this.mget(body as { ids: string[] }, names[0]!);
    if (segments[1] === '_count') return { count: 7 };
    return responseError(400, 'unexpected_request', `${method} ${path}`);
  }

  client(): Client {
    const onClose = () => {
      this.closed++;
    };
    // The mock connection has no close(); the client calls it on close.
    class Connection extends this.mock.getConnection() {
      override async close() {
        onClose();
      }
    }
    // Typed against the CommonJS build's classes, structurally the same as the ESM ones.
    return new Client({ node: 'http://localhost:9200', Connection: Connection as unknown as ConstructorParameters<typeof Client>[0]['Connection'] });
  }

  take(): Recorded[] {
    return this.requests.splice(0);
  }
}

/** The Elasticsearch adapter on a fresh FakeCluster; `ready()` creates its indices and forgets those requests. */
export function mockedAdapter(): { cluster: FakeCluster; index: SearchIndex; ready(): Promise<void> } {
  const cluster = new FakeCluster();
  const index = createElasticsearchIndex({ client: cluster.client(), prefix: 'vidhub', refresh: 'wait_for' });
  return {
    cluster,
    index,
    async ready() {
      await index.ensureReady();
      cluster.take();
    },
  };
}
