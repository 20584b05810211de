/**
 * What the Elasticsearch adapter sends to search, suggest, get, relate and list popular
 * documents, checked on the client's official mock (testing/fakeElasticsearch.ts): the
 * query, highlight, completion, mget, related and popular request shapes that the
 * contract suite then exercises for real when ELASTICSEARCH_URL is set.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { estypes } from '@elastic/elasticsearch';
import { FakeCluster, mockedAdapter, responseError } from '../../../../testing/fakeElasticsearch.js';
import type { SearchIndex } from '../port.js';
import { BOOSTED_FIELDS } from './index.js';

describe('Elasticsearch adapter requests: queries', () => {
  let cluster: FakeCluster;
  let index: SearchIndex;
  let ready: () => Promise<void>;
  beforeEach(() => {
    ({ cluster, index, ready } = mockedAdapter());
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
});
