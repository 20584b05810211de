/**
 * What the Elasticsearch adapter sends, checked with the client's official mock: no
 * Elasticsearch server installs on this kind of machine, so these tests pin the request
 * shapes (mappings, external versioning, query, highlight, completion) that the contract
 * suite then exercises for real when ELASTICSEARCH_URL is set.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { beforeEach, describe, it } from 'node:test';
import { Client, type estypes } from '@elastic/elasticsearch';
import { BOOSTED_FIELDS, createElasticsearchIndex, INDEX_MAPPINGS, TEXT_ANALYZER } from './elasticsearch.js';
import type { SearchIndex } from './port.js';

const require = createRequire(import.meta.url);
// The mock recognises only the CommonJS build's error class (see responseError in elasticsearch.ts).
const { errors: cjsErrors } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
// `module.exports = Mocker` typed as `export default`: under NodeNext, TypeScript would
// expect a `.default` that does not exist at runtime; require gives the class itself.
const Mock = require('@elastic/elasticsearch-mock') as typeof import('@elastic/elasticsearch-mock').default;

interface Recorded {
  method: string;
  path: string;
  querystring: Record<string, string>;
  body: unknown;
}

function responseError(statusCode: number, type: string, reason = type): Error {
  return new cjsErrors.ResponseError({
    body: { error: { type, reason }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

/** A small stand-in cluster: indices with their mappings, plus per-test answers. */
class FakeCluster {
  readonly requests: Recorded[] = [];
  readonly indices = new Map<string, estypes.MappingTypeMapping>();
  bulk: (lines: Record<string, unknown>[]) => unknown = (lines) => ({
    errors: false,
    items: lines
      .filter((_, i) => i % 2 === 0)
      .map((action) => ({ index: { ...(action.index as object), status: 201, result: 'created' } })),
  });
  search: (body: Record<string, unknown>) => unknown = () => ({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } });
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

describe('Elasticsearch adapter requests', () => {
  let cluster: FakeCluster;
  let index: SearchIndex;

  beforeEach(() => {
    cluster = new FakeCluster();
    index = createElasticsearchIndex({ client: cluster.client(), prefix: 'vidhub', refresh: 'wait_for' });
  });

  async function ready(): Promise<void> {
    await index.ensureReady();
    cluster.take();
  }

  it('creates missing indices with analyzers and mappings, once', async () => {
    await index.ensureReady();
    const requests = cluster.take();
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      ['HEAD /vidhub-videos', 'PUT /vidhub-videos', 'HEAD /vidhub-users', 'PUT /vidhub-users'],
    );
    const videos = requests[1]!.body as { settings: estypes.IndicesIndexSettings; mappings: estypes.MappingTypeMapping };
    assert.deepEqual(videos.settings.analysis?.analyzer?.[TEXT_ANALYZER], {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['cjk_width', 'lowercase', 'asciifolding'],
    });
    assert.equal(videos.mappings.dynamic, 'strict');
    const props = videos.mappings.properties!;
    assert.deepEqual(props.title, { type: 'text', analyzer: TEXT_ANALYZER, fields: { raw: { type: 'keyword', ignore_above: 256 } } });
    assert.deepEqual(props.suggest, { type: 'completion', analyzer: TEXT_ANALYZER });
    assert.deepEqual(props.deleted, { type: 'boolean' });
    assert.deepEqual(props.version, { type: 'long' });
    assert.deepEqual(props.createdAt, { type: 'date' });
    const users = requests[3]!.body as { mappings: estypes.MappingTypeMapping };
    assert.deepEqual(Object.keys(users.mappings.properties!).sort(), [
      'bio', 'createdAt', 'deleted', 'displayName', 'id', 'kind', 'popularity', 'suggest', 'username', 'version',
    ]);

    await index.ensureReady();
    assert.deepEqual(cluster.take(), [], 'a second ensureReady asks nothing');
  });

  it('accepts existing indices whose mapping matches', async () => {
    cluster.indices.set('vidhub-videos', INDEX_MAPPINGS.video);
    cluster.indices.set('vidhub-users', INDEX_MAPPINGS.user);
    await index.ensureReady();
    assert.deepEqual(
      cluster.take().map((r) => `${r.method} ${r.path}`),
      ['HEAD /vidhub-videos', 'GET /vidhub-videos/_mapping', 'HEAD /vidhub-users', 'GET /vidhub-users/_mapping'],
    );
  });

  it('verifies the mapping when another replica created the index first', async () => {
    cluster.indices.set('vidhub-users', INDEX_MAPPINGS.user);
    // The other replica's create lands between our HEAD and our PUT.
    cluster.onCreate = (name) => {
      cluster.indices.set(name, INDEX_MAPPINGS.video);
      return responseError(400, 'resource_already_exists_exception');
    };
    await index.ensureReady();
    assert.deepEqual(
      cluster.take().map((r) => `${r.method} ${r.path}`),
      [
        'HEAD /vidhub-videos',
        'PUT /vidhub-videos',
        'GET /vidhub-videos/_mapping',
        'HEAD /vidhub-users',
        'GET /vidhub-users/_mapping',
      ],
    );
  });

  it('refuses an incompatible existing mapping, naming the index and the fields', async () => {
    cluster.indices.set('vidhub-videos', {
      properties: {
        ...INDEX_MAPPINGS.video.properties,
        title: { type: 'keyword' },
        tags: { type: 'text' },
        suggest: undefined as never,
      },
    });
    cluster.indices.set('vidhub-users', INDEX_MAPPINGS.user);
    await assert.rejects(index.ensureReady(), (err: Error) => {
      assert.match(err.message, /Elasticsearch index "vidhub-videos" has an incompatible mapping/);
      assert.match(err.message, /title is keyword, expected text/);
      assert.match(err.message, /tags uses analyzer default, expected vidhub_text/);
      assert.match(err.message, /tags\.raw is missing/);
      assert.match(err.message, /suggest is missing/);
      assert.match(err.message, /ELASTICSEARCH_INDEX_PREFIX/);
      return true;
    });
    // Writes refuse too, rather than write into the wrong mapping; and the check is retried, not cached.
    await assert.rejects(index.upsert([{ kind: 'video', id: 'v1', version: 1, title: 't' }]), /incompatible mapping/);
    assert.equal(cluster.take().filter((r) => r.path === '/_bulk').length, 0);
  });

  it('writes upserts and tombstones through bulk with external versions', async () => {
    await ready();
    cluster.bulk = (lines) => ({
      errors: true,
      items: [
        { index: { _index: 'vidhub-videos', _id: 'v1', status: 201, result: 'created' } },
        {
          index: {
            _index: 'vidhub-users',
            _id: 'u1',
            status: 409,
            error: { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher or equal' },
          },
        },
        { index: { _index: 'vidhub-videos', _id: 'v2', status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad date' } } },
      ].slice(0, lines.length / 2),
    });
    const results = await index.upsert([
      {
        kind: 'video',
        id: 'v1',
        version: 3,
        title: 'Learning TypeScript',
        tags: ['typescript', 'typescript', 'programming'],
        description: 'Generics',
        uploaderName: 'alice',
        username: 'ignored on a video',
        popularity: 41.6,
        createdAt: '2025-01-02T03:04:05Z',
      },
      { kind: 'video', id: 'bad', version: -2, title: 'never sent' },
      { kind: 'user', id: 'u1', version: 2, username: 'alice', displayName: 'Alice', bio: 'hi' },
      { kind: 'video', id: 'v2', version: 1, title: 'Other' },
    ]);
    assert.deepEqual(results, [
      { id: 'v1', kind: 'video', ok: true },
      { id: 'bad', kind: 'video', ok: false, error: 'version must be a non-negative integer, got -2' },
      { id: 'u1', kind: 'user', ok: true, skipped: 'stale' },
      { id: 'v2', kind: 'video', ok: false, error: 'mapper_parsing_exception: bad date' },
    ]);
    const [bulk] = cluster.take();
    assert.equal(bulk?.method, 'POST');
    assert.equal(bulk?.path, '/_bulk');
    assert.equal(bulk?.querystring.refresh, 'wait_for');
    assert.deepEqual(bulk?.body, [
      { index: { _index: 'vidhub-videos', _id: 'v1', version: 3, version_type: 'external' } },
      {
        kind: 'video',
        id: 'v1',
        version: 3,
        deleted: false,
        title: 'Learning TypeScript',
        description: 'Generics',
        tags: ['typescript', 'typescript', 'programming'],
        uploaderName: 'alice',
        popularity: 41.6,
        createdAt: '2025-01-02T03:04:05Z',
        suggest: { input: ['Learning TypeScript', 'typescript', 'programming'], weight: 42 },
      },
      { index: { _index: 'vidhub-users', _id: 'u1', version: 2, version_type: 'external' } },
      {
        kind: 'user',
        id: 'u1',
        version: 2,
        deleted: false,
        username: 'alice',
        displayName: 'Alice',
        bio: 'hi',
        suggest: { input: ['alice'], weight: 0 },
      },
      { index: { _index: 'vidhub-videos', _id: 'v2', version: 1, version_type: 'external' } },
      { kind: 'video', id: 'v2', version: 1, deleted: false, title: 'Other', suggest: { input: ['Other'], weight: 0 } },
    ]);

    cluster.bulk = () => ({
      errors: true,
      items: [
        {
          index: {
            _index: 'vidhub-videos',
            _id: 'v1',
            status: 409,
            error: { type: 'version_conflict_engine_exception', reason: 'stale' },
          },
        },
      ],
    });
    assert.deepEqual(await index.remove([{ kind: 'video', id: 'v1', version: 3 }]), [
      { id: 'v1', kind: 'video', ok: true, skipped: 'stale' },
    ]);
    assert.deepEqual(cluster.take()[0]?.body, [
      { index: { _index: 'vidhub-videos', _id: 'v1', version: 3, version_type: 'external' } },
      { kind: 'video', id: 'v1', version: 3, deleted: true },
    ]);
  });

  it('splits large writes into several bulk requests, keeping the order of results', async () => {
    await ready();
    const docs = Array.from({ length: 1_201 }, (_, i) => ({ kind: 'video' as const, id: `v${i}`, version: 1, title: `t${i}` }));
    const results = await index.upsert(docs);
    assert.equal(results.length, 1_201);
    assert.deepEqual(results.map((r) => r.id), docs.map((d) => d.id));
    assert.deepEqual(cluster.take().map((r) => (r.body as unknown[]).length), [1_000, 1_000, 402]);
  });

  it('rejects the whole call when the cluster fails, so that a consumer does not acknowledge', async () => {
    await ready();
    cluster.bulk = () => responseError(500, 'internal_server_error', 'boom');
    await assert.rejects(
      index.upsert([{ kind: 'video', id: 'v1', version: 1 }]),
      /Elasticsearch: could not bulk write \(500 internal_server_error: boom\)/,
    );
  });

  it('searches with boosted multi_match, fuzziness, tombstone filter and escaped <em> highlights', async () => {
    await ready();
    cluster.search = () => ({
      hits: {
        total: { value: 42, relation: 'eq' },
        max_score: 3.2,
        hits: [
          {
            _index: 'vidhub-videos',
            _id: 'v1',
            _score: 3.2,
            _source: { kind: 'video' },
            highlight: { description: ['about <em>TypeScript</em>'], title: ['Learning <em>TypeScript</em>'] },
          },
          { _index: 'vidhub-users', _id: 'u1', _score: 1.1, _source: { kind: 'user' } },
        ],
      },
    });
    const result = await index.search({ text: 'typescrpt', from: 20, size: 2 });
    assert.deepEqual(result, {
      total: 42,
      hits: [
        {
          kind: 'video',
          id: 'v1',
          score: 3.2,
          highlights: [
            { field: 'title', fragments: ['Learning <em>TypeScript</em>'] },
            { field: 'description', fragments: ['about <em>TypeScript</em>'] },
          ],
        },
        { kind: 'user', id: 'u1', score: 1.1, highlights: [] },
      ],
    });
    const [request] = cluster.take();
    assert.equal(request?.path, '/vidhub-videos,vidhub-users/_search');
    const body = request?.body as estypes.SearchRequest;
    assert.equal(body.from, 20);
    assert.equal(body.size, 2);
    assert.equal(body.track_total_hits, true);
    assert.deepEqual(body.query, {
      bool: {
        must: {
          multi_match: {
            query: 'typescrpt',
            fields: ['title^3', 'tags^2', 'username^3', 'displayName^2', 'uploaderName', 'description', 'bio'],
            type: 'best_fields',
            fuzziness: 'AUTO',
            tie_breaker: 0.3,
          },
        },
        filter: { bool: { must_not: { term: { deleted: true } } } },
      },
    });
    assert.deepEqual(BOOSTED_FIELDS, ['title^3', 'tags^2', 'username^3', 'displayName^2', 'uploaderName', 'description', 'bio']);
    const highlight = body.highlight as estypes.SearchHighlight & { fields: Record<string, estypes.SearchHighlightField> };
    assert.deepEqual(highlight.pre_tags, ['<em>']);
    assert.deepEqual(highlight.post_tags, ['</em>']);
    assert.equal(highlight.encoder, 'html');
    assert.deepEqual(highlight.fields.title, { number_of_fragments: 0 });
    assert.deepEqual(highlight.fields.description, { fragment_size: 150, number_of_fragments: 3 });

    await index.search({ text: 'alice', kinds: ['user'] });
    assert.equal(cluster.take()[0]?.path, '/vidhub-users/_search');
    assert.deepEqual(await index.search({ text: '  ' }), { total: 0, hits: [] });
    assert.deepEqual(cluster.take(), [], 'an empty query asks nothing');
  });

  it('suggests through the completion suggester, skipping duplicates across indices', async () => {
    await ready();
    cluster.search = () => ({
      hits: { total: { value: 0, relation: 'eq' }, hits: [] },
      suggest: {
        vidhub: [
          {
            text: 'typ',
            offset: 0,
            length: 3,
            options: [
              { text: 'typescript', _index: 'vidhub-videos', _id: 'v1', _score: 50, _source: { kind: 'video' } },
              { text: 'TypeScript', _index: 'vidhub-users', _id: 'u9', _score: 20, _source: { kind: 'user' } },
              { text: 'TypeScript vs JavaScript', _index: 'vidhub-videos', _id: 'v3', _score: 10, _source: { kind: 'video' } },
            ],
          },
        ],
      },
    });
    assert.deepEqual(await index.suggest('typ', 3), [
      { text: 'typescript', kind: 'video', id: 'v1' },
      { text: 'TypeScript vs JavaScript', kind: 'video', id: 'v3' },
    ]);
    const [request] = cluster.take();
    assert.equal(request?.path, '/vidhub-videos,vidhub-users/_search');
    const body = request?.body as estypes.SearchRequest;
    assert.equal(body.size, 0);
    assert.deepEqual(body.suggest, {
      vidhub: { prefix: 'typ', completion: { field: 'suggest', size: 3, skip_duplicates: true } },
    });
    await assert.rejects(index.suggest('typ', 0), RangeError);
  });

  it('counts live documents only', async () => {
    await ready();
    assert.equal(await index.count('video'), 7);
    const [request] = cluster.take();
    assert.equal(request?.path, '/vidhub-videos/_count');
    assert.deepEqual(request?.body, { query: { bool: { must_not: { term: { deleted: true } } } } });
  });

  it('clears by recreating the indices', async () => {
    await ready();
    await index.clear();
    assert.deepEqual(
      cluster.take().map((r) => `${r.method} ${r.path}${r.querystring.ignore_unavailable ? '?ignore_unavailable' : ''}`),
      [
        'DELETE /vidhub-videos,vidhub-users?ignore_unavailable',
        'HEAD /vidhub-videos',
        'PUT /vidhub-videos',
        'HEAD /vidhub-users',
        'PUT /vidhub-users',
      ],
    );
  });

  it('pings, and closes the client on dispose only when it owns it', async () => {
    await index.ping();
    assert.deepEqual(cluster.take().map((r) => `${r.method} ${r.path}`), ['HEAD /']);
    await index.dispose();
    assert.equal(cluster.closed, 0);
    const owned = createElasticsearchIndex({ client: cluster.client(), prefix: 'vidhub', ownsClient: true });
    await owned.dispose();
    assert.equal(cluster.closed, 1);
  });
});
