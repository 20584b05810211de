/**
 * What the Elasticsearch adapter sends to create and check its indices, write, count,
 * clear and ping, checked on the client's official mock (testing/fakeElasticsearch.ts):
 * no Elasticsearch server installs on this kind of machine, so these tests pin the
 * request shapes that the contract suite then exercises for real when ELASTICSEARCH_URL
 * is set.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { estypes } from '@elastic/elasticsearch';
import { FakeCluster, mockedAdapter, responseError } from '../../../../testing/fakeElasticsearch.js';
import type { SearchIndex } from '../port.js';
import { createElasticsearchIndex, INDEX_MAPPINGS, TEXT_ANALYZER } from './index.js';

describe('Elasticsearch adapter requests: indices and writes', () => {
  let cluster: FakeCluster;
  let index: SearchIndex;
  let ready: () => Promise<void>;
  beforeEach(() => {
    ({ cluster, index, ready } = mockedAdapter());
  });

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
