/**
 * What the Elasticsearch adapter sends, checked with the client's official mock: no
 * Elasticsearch server installs on this kind of machine, so these tests pin the request
 * shapes (mappings, external versioning, query, highlight, completion, mget, related and
 * popular queries) that the contract
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
    // Exact keywords for related videos: tags case-insensitively, the uploader as written.
    assert.deepEqual(props.tags, {
      type: 'text',
      analyzer: TEXT_ANALYZER,
      fields: {
        raw: { type: 'keyword', ignore_above: 256 },
        lower: { type: 'keyword', normalizer: 'lowercase', ignore_above: 256 },
      },
    });
    assert.deepEqual(props.uploaderName, {
      type: 'text',
      analyzer: TEXT_ANALYZER,
      fields: { raw: { type: 'keyword', ignore_above: 256 } },
    });
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

  it('refuses an index of the previous release, which lacks the keyword sub-fields of related', async () => {
    const { tags: _tags, uploaderName: _uploaderName, ...rest } = INDEX_MAPPINGS.video.properties!;
    cluster.indices.set('vidhub-videos', {
      properties: {
        ...rest,
        tags: { type: 'text', analyzer: TEXT_ANALYZER, fields: { raw: { type: 'keyword', ignore_above: 256 }, lower: { type: 'keyword' } } },
        uploaderName: { type: 'text', analyzer: TEXT_ANALYZER },
      },
    });
    cluster.indices.set('vidhub-users', INDEX_MAPPINGS.user);
    await assert.rejects(index.ensureReady(), (err: Error) => {
      assert.match(err.message, /tags\.lower uses normalizer none, expected lowercase/);
      assert.match(err.message, /uploaderName\.raw is missing/);
      assert.doesNotMatch(err.message, /tags\.raw|title/);
      return true;
    });
    await assert.rejects(index.related('v1'), /incompatible mapping/);
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

  it('gets documents through one mget, leaving out tombstones and unknown ids, in the order asked', async () => {
    await ready();
    cluster.mget = () => ({
      docs: [
        {
          _index: 'vidhub-videos',
          _id: 'v2',
          _version: 4,
          found: true,
          _source: { kind: 'video', id: 'v2', version: 4, deleted: false, title: 'Cooking', tags: ['food'], popularity: 3 },
        },
        { _index: 'vidhub-videos', _id: 'gone', _version: 9, found: true, _source: { kind: 'video', id: 'gone', version: 9, deleted: true } },
        { _index: 'vidhub-videos', _id: 'nope', found: false },
        {
          _index: 'vidhub-videos',
          _id: 'v1',
          _version: 1,
          found: true,
          _source: { kind: 'video', id: 'v1', version: 1, deleted: false, title: 'Learning', createdAt: '2025-01-02T03:04:05Z' },
        },
      ],
    });
    assert.deepEqual(await index.get('video', ['v2', 'gone', '', 'nope', 'v1']), [
      { kind: 'video', id: 'v2', version: 4, title: 'Cooking', tags: ['food'], popularity: 3 },
      { kind: 'video', id: 'v1', version: 1, title: 'Learning', createdAt: '2025-01-02T03:04:05Z' },
    ]);
    const requests = cluster.take();
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.path, '/vidhub-videos/_mget');
    // The empty id cannot exist and would fail the whole mget: it is never sent.
    assert.deepEqual(requests[0]?.body, { ids: ['v2', 'gone', 'nope', 'v1'] });
    assert.equal(requests[0]?.querystring._source_excludes, 'suggest');

    await index.get('user', ['u1']);
    assert.equal(cluster.take()[0]?.path, '/vidhub-users/_mget');
    assert.deepEqual(await index.get('video', ['']), []);
    assert.deepEqual(cluster.take(), [], 'no id worth asking, no request');

    cluster.mget = () => ({ docs: [{ _index: 'vidhub-videos', _id: 'v1', error: { type: 'shard_failure', reason: 'boom' } }] });
    await assert.rejects(index.get('video', ['v1']), /could not get video v1 \(shard_failure: boom\)/);
    cluster.mget = () => responseError(503, 'unavailable_shards_exception', 'down');
    await assert.rejects(index.get('video', ['v1']), /could not get documents \(503 unavailable_shards_exception: down\)/);
  });

  it('relates videos with per-tag, uploader and saturated more_like_this clauses, excluding itself and tombstones', async () => {
    await ready();
    cluster.mget = (body) => ({
      docs: [
        {
          _index: 'vidhub-videos',
          _id: body.ids[0],
          _version: 2,
          found: true,
          _source: {
            kind: 'video',
            id: body.ids[0],
            version: 2,
            deleted: false,
            title: 'Learning TypeScript',
            tags: ['TypeScript', 'programming', 'typescript', ''],
            uploaderName: 'alice',
          },
        },
      ],
    });
    cluster.search = () => ({
      hits: {
        total: { value: 2, relation: 'eq' },
        max_score: 6,
        hits: [
          { _index: 'vidhub-videos', _id: 'v3', _score: 6, sort: [6, 1735787045000, 'v3'] },
          { _index: 'vidhub-videos', _id: 'v6', _score: 0.25, sort: [0.25, -9223372036854775808, 'v6'] },
        ],
      },
    });
    assert.deepEqual(await index.related('v1', 5), [
      { kind: 'video', id: 'v3', score: 6, highlights: [] },
      { kind: 'video', id: 'v6', score: 0.25, highlights: [] },
    ]);
    const [mget, search] = cluster.take();
    assert.equal(mget?.path, '/vidhub-videos/_mget');
    assert.deepEqual(mget?.body, { ids: ['v1'] });
    assert.equal(search?.path, '/vidhub-videos/_search');
    const body = search?.body as estypes.SearchRequest;
    assert.equal(body.size, 5);
    assert.equal(body.track_scores, true);
    assert.equal(body._source, false);
    assert.deepEqual(body.query, {
      bool: {
        should: [
          // One clause per distinct tag (lowercased), so that each shared tag adds 3.
          { constant_score: { filter: { term: { 'tags.lower': 'typescript' } }, boost: 3 } },
          { constant_score: { filter: { term: { 'tags.lower': 'programming' } }, boost: 3 } },
          { constant_score: { filter: { term: { 'uploaderName.raw': 'alice' } }, boost: 2 } },
          {
            script_score: {
              query: {
                more_like_this: {
                  fields: ['title', 'description'],
                  like: [{ _index: 'vidhub-videos', _id: 'v1' }],
                  min_term_freq: 1,
                  min_doc_freq: 1,
                },
              },
              script: { source: 'saturation(_score, params.pivot)', params: { pivot: 5 } },
              boost: 1,
            },
          },
        ],
        minimum_should_match: 1,
        must_not: [{ ids: { values: ['v1'] } }, { term: { deleted: true } }],
      },
    });
    assert.deepEqual(body.sort, [
      { _score: { order: 'desc' } },
      { createdAt: { order: 'desc', missing: '_last' } },
      { id: { order: 'asc' } },
    ]);
    assert.equal(body.highlight, undefined);

    // Nothing to relate by (no tags, uploader or text): no search.
    cluster.mget = (body) => ({
      docs: [{ _index: 'vidhub-videos', _id: body.ids[0], found: true, _source: { kind: 'video', id: body.ids[0], version: 1, deleted: false } }],
    });
    assert.deepEqual(await index.related('bare'), []);
    assert.deepEqual(cluster.take().map((r) => r.path), ['/vidhub-videos/_mget']);

    // Unknown or deleted: the lookup alone answers.
    cluster.mget = (body) => ({
      docs: [{ _index: 'vidhub-videos', _id: body.ids[0], found: true, _source: { kind: 'video', id: body.ids[0], version: 3, deleted: true } }],
    });
    assert.deepEqual(await index.related('v1'), []);
    assert.deepEqual(cluster.take().map((r) => r.path), ['/vidhub-videos/_mget']);
    assert.deepEqual(await index.related(''), []);
    assert.deepEqual(cluster.take(), []);
    await assert.rejects(index.related('v1', 51), RangeError);
    assert.deepEqual(cluster.take(), []);
  });

  it('lists popular videos with a filtered query sorted by popularity, then newest, then id', async () => {
    await ready();
    cluster.search = () => ({
      hits: {
        total: { value: 2, relation: 'eq' },
        max_score: null,
        hits: [
          { _index: 'vidhub-videos', _id: 'v2', _score: null, _source: { popularity: 80 }, sort: [80, 1735787045000, 'v2'] },
          { _index: 'vidhub-videos', _id: 'v9', _score: null, _source: {}, sort: ['-Infinity', 1735787045000, 'v9'] },
        ],
      },
    });
    assert.deepEqual(await index.popular({ size: 2, since: '2025-01-02T04:04:05+01:00' }), [
      { kind: 'video', id: 'v2', score: 80, highlights: [] },
      { kind: 'video', id: 'v9', score: 0, highlights: [] },
    ]);
    const [request] = cluster.take();
    assert.equal(request?.path, '/vidhub-videos/_search');
    const body = request?.body as estypes.SearchRequest;
    assert.equal(body.size, 2);
    assert.deepEqual(body._source, ['popularity']);
    assert.deepEqual(body.query, {
      bool: {
        filter: [
          { bool: { must_not: { term: { deleted: true } } } },
          // since, as canonical UTC.
          { range: { createdAt: { gte: '2025-01-02T03:04:05.000Z' } } },
        ],
      },
    });
    assert.deepEqual(body.sort, [
      { popularity: { order: 'desc', missing: '_last' } },
      { createdAt: { order: 'desc', missing: '_last' } },
      { id: { order: 'asc' } },
    ]);

    await index.popular({});
    const plain = cluster.take()[0]?.body as estypes.SearchRequest;
    assert.equal(plain.size, 10);
    assert.deepEqual(plain.query, { bool: { filter: [{ bool: { must_not: { term: { deleted: true } } } }] } });
    await assert.rejects(index.popular({ since: '2025-13-45' }), RangeError);
    await assert.rejects(index.popular({ size: 100 }), RangeError);
    assert.deepEqual(cluster.take(), []);
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
