/**
 * The Elasticsearch adapter of the search port (production, `ELASTICSEARCH_URL`).
 *
 * Two indices, `${prefix}-videos` and `${prefix}-users`, whose settings and mappings
 * are defined in mappings.ts rather than by hand on the cluster, so that a deployment
 * cannot drift from what the queries expect; ensureReady creates them and refuses to run on an
 * index whose key fields were mapped differently (dynamic mapping by an early write, an
 * older release, a manual change), since queries would then silently match nothing.
 *
 * Versioning rides on Elasticsearch's own external versioning: every write is an
 * `index` action with `version_type: 'external'`, which Elasticsearch applies only when
 * the version is greater than the stored one and otherwise answers 409; that is the
 * port's "stale" outcome, settled atomically on the shard with no read-modify-write race.
 *
 * `related` scores like the embedded index: a constant RELATED_WEIGHTS.tag per shared tag
 * (one constant_score clause per tag: a single `terms` query would score one shared tag
 * the same as five), RELATED_WEIGHTS.uploader for the same uploader, and more_like_this
 * saturated by a painless script_score below RELATED_WEIGHTS.text, so that text never
 * outweighs a tag or the uploader. It needs inline painless scripts, which clusters allow
 * by default.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import {
  FIELD_BOOSTS,
  FRAGMENT_SIZE,
  invalidDocument,
  invalidItem,
  isLookupId,
  kindsOf,
  listSizeOf,
  MAX_FRAGMENTS,
  pageOf,
  projectDocument,
  RELATED_TEXT_FIELDS,
  RELATED_TEXT_PIVOT,
  RELATED_WEIGHTS,
  relatedTags,
  relatedUploader,
  SEARCH_KINDS,
  sinceOf,
  suggestSizeOf,
  WHOLE_FIELDS,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
  type Suggestion,
  type TextField,
  type WriteResult,
} from '../port.js';
import { call, errorType, wrap } from './errors.js';
import { BOOSTED_FIELDS, INDEX_MAPPINGS, INDEX_SETTINGS, indexNames, mappingProblems, toSource } from './mappings.js';

export { BOOSTED_FIELDS, INDEX_MAPPINGS, INDEX_SETTINGS, indexNames, mappingProblems, TEXT_ANALYZER } from './mappings.js';

export interface ElasticsearchIndexOptions {
  client: Client;
  /** Index name prefix (lowercase), so that several deployments can share a cluster. */
  prefix: string;
  /**
   * Refresh policy of writes. `false` relies on the index refresh interval (1 s by
   * default), which is what a sync pipeline wants; tests use 'wait_for' to read their
   * own writes. @default false
   */
  refresh?: boolean | 'wait_for';
  /** Close the client on dispose (when the index created it). @default false */
  ownsClient?: boolean;
}

const BULK_BATCH = 500;

/** The port's tie-break after the main order: newest first (no createdAt counts as oldest), then id. */
const NEWEST_THEN_ID: estypes.SortCombinations[] = [{ createdAt: { order: 'desc', missing: '_last' } }, { id: { order: 'asc' } }];

export function createElasticsearchIndex(opts: ElasticsearchIndexOptions): SearchIndex {
  const { client } = opts;
  const names = indexNames(opts.prefix);
  const refresh = opts.refresh ?? false;
  const notDeleted: estypes.QueryDslQueryContainer = { bool: { must_not: { term: { deleted: true } } } };

  let ready: Promise<void> | undefined;
  /** Every data call goes through this, so that no write ever auto-creates an index with a dynamic mapping. */
  function whenReady(): Promise<void> {
    ready ??= ensureIndices().catch((err: unknown) => {
      ready = undefined; // let the next call try again
      throw err;
    });
    return ready;
  }

  async function ensureIndices(): Promise<void> {
    for (const kind of SEARCH_KINDS) {
      const index = names[kind];
      const exists = await call(`check index ${index}`, () => client.indices.exists({ index }));
      if (!exists) {
        try {
          await client.indices.create({ index, settings: INDEX_SETTINGS, mappings: INDEX_MAPPINGS[kind] });
          continue;
        } catch (err) {
          // Another replica created it between our check and our create: verify theirs.
          if (errorType(err) !== 'resource_already_exists_exception') throw wrap(`create index ${index}`, err);
        }
      }
      const response = await call(`read the mapping of ${index}`, () => client.indices.getMapping({ index }));
      // Keyed by the concrete index name, which differs when `index` is an alias.
      const actual = Object.values(response)[0]?.mappings;
      const problems = mappingProblems(INDEX_MAPPINGS[kind].properties ?? {}, actual?.properties ?? {});
      if (problems.length) {
        throw new Error(
          `Elasticsearch index "${index}" has an incompatible mapping: ${problems.join('; ')}. ` +
            'It was created by another release or by hand. Delete it and reindex, or set ' +
            'ELASTICSEARCH_INDEX_PREFIX to a new prefix.',
        );
      }
    }
  }

  async function bulk(
    items: { kind: SearchKind; id: string; version: number; source: Record<string, unknown> }[],
  ): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (let i = 0; i < items.length; i += BULK_BATCH) {
      const batch = items.slice(i, i + BULK_BATCH);
      const operations = batch.flatMap((item) => [
        { index: { _index: names[item.kind], _id: item.id, version: item.version, version_type: 'external' as const } },
        item.source,
      ]);
      const response = await call('bulk write', () => client.bulk({ operations, refresh }));
      response.items.forEach((entry, n) => {
        const item = batch[n]!;
        const outcome = entry.index ?? Object.values(entry)[0];
        const base = { id: item.id, kind: item.kind };
        if (!outcome?.error) results.push({ ...base, ok: true });
        else if (outcome.status === 409 && outcome.error.type === 'version_conflict_engine_exception') {
          results.push({ ...base, ok: true, skipped: 'stale' });
        } else {
          results.push({ ...base, ok: false, error: `${outcome.error.type}: ${outcome.error.reason ?? ''}`.trim() });
        }
      });
    }
    return results;
  }

  /** Items in input order: invalid ones answered locally, the rest by one bulk request per batch. */
  async function write<T extends { kind: SearchKind; id: string; version: number }>(
    input: T[],
    validate: (item: T) => string | undefined,
    source: (item: T) => Record<string, unknown>,
  ): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = input.map((item) => {
      const problem = validate(item);
      return problem ? { id: String(item.id), kind: item.kind, ok: false, error: problem } : undefined;
    });
    const valid = input.filter((_, i) => !results[i]);
    if (valid.length) {
      await whenReady();
      const written = await bulk(valid.map((item) => ({ kind: item.kind, id: item.id, version: item.version, source: source(item) })));
      let next = 0;
      for (let i = 0; i < results.length; i++) if (!results[i]) results[i] = written[next++];
    }
    return results as WriteResult[];
  }

  return {
    ensureReady: whenReady,

    async ping() {
      const ok = await call('ping', () => client.ping());
      if (!ok) throw new Error('Elasticsearch did not answer ping');
    },

    upsert: (docs) => write(docs, invalidDocument, toSource),

    /*
     * A delete is written as a tombstone document (`deleted: true`, no text, no
     * suggestion input) with the delete's version, not as a real delete: Elasticsearch
     * remembers the version of a deleted document only for index.gc_deletes (60 s by
     * default), after which an older, late-arriving upsert would be accepted and
     * resurrect the document. A tombstone keeps its version for as long as it exists.
     * Queries, suggestions and counts filter tombstones out.
     */
    remove: (items) =>
      write(items, invalidItem, (item) => ({ kind: item.kind, id: item.id, version: item.version, deleted: true })),

    async search(q) {
      const { from, size } = pageOf(q);
      const kinds = kindsOf(q.kinds);
      if (!q.text.trim()) return { total: 0, hits: [] };
      await whenReady();
      const response = await call('search', () =>
        client.search<{ kind?: SearchKind }>({
          index: kinds.map((k) => names[k]),
          from,
          size,
          track_total_hits: true,
          _source: ['kind'],
          query: {
            bool: {
              must: {
                multi_match: {
                  query: q.text,
                  fields: BOOSTED_FIELDS,
                  type: 'best_fields',
                  // One edit for 3-5 characters, two from 6: typos without matching everything.
                  fuzziness: 'AUTO',
                  // A hit in a second field counts a little, so title+tags beats title alone.
                  tie_breaker: 0.3,
                },
              },
              filter: notDeleted,
            },
          },
          highlight: {
            pre_tags: ['<em>'],
            post_tags: ['</em>'],
            // Escape the document text so that only our tags are markup (titles are user input).
            encoder: 'html',
            fields: Object.fromEntries(
              (Object.keys(FIELD_BOOSTS) as TextField[]).map((field) => [
                field,
                WHOLE_FIELDS.has(field)
                  ? { number_of_fragments: 0 }
                  : { fragment_size: FRAGMENT_SIZE, number_of_fragments: MAX_FRAGMENTS },
              ]),
            ),
          },
        }),
      );
      const total = response.hits.total;
      return {
        total: typeof total === 'number' ? total : (total?.value ?? 0),
        hits: response.hits.hits.map(
          (hit): SearchHit => ({
            kind: hit._source?.kind ?? kindOfIndex(hit._index),
            id: hit._id ?? '',
            score: hit._score ?? 0,
            highlights: (Object.keys(FIELD_BOOSTS) as TextField[])
              .filter((field) => hit.highlight?.[field]?.length)
              .map((field) => ({ field, fragments: hit.highlight![field]! })),
          }),
        ),
      };
    },

    async suggest(prefix, size) {
      const n = suggestSizeOf(size);
      if (!prefix.trim()) return [];
      await whenReady();
      const response = await call('suggest', () =>
        client.search<{ kind?: SearchKind }>({
          index: [names.video, names.user],
          size: 0,
          track_total_hits: false,
          _source: ['kind'],
          suggest: {
            vidhub: { prefix, completion: { field: 'suggest', size: n, skip_duplicates: true } },
          },
        }),
      );
      const entry = response.suggest?.vidhub?.[0];
      const options = (entry?.options ?? []) as estypes.SearchCompletionSuggestOption<{ kind?: SearchKind }>[];
      // skip_duplicates works per index; the two indices can still offer the same text.
      const seen = new Set<string>();
      const out: Suggestion[] = [];
      for (const option of options) {
        const key = option.text.toLowerCase();
        if (seen.has(key) || !option._id) continue;
        seen.add(key);
        out.push({ text: option.text, kind: option._source?.kind ?? kindOfIndex(option._index ?? ''), id: option._id });
        if (out.length === n) break;
      }
      return out;
    },

    async get(kind, ids) {
      kindsOf([kind]);
      return getDocs(kind, ids);
    },

    async related(videoId, size) {
      const n = listSizeOf(size);
      const [video] = await getDocs('video', [videoId]);
      if (!video) return [];
      const tags = relatedTags(video);
      const uploader = relatedUploader(video);
      const hasText = RELATED_TEXT_FIELDS.some((field) => video[field]?.trim());
      const should: estypes.QueryDslQueryContainer[] = [
        ...tags.map((tag) => ({
          constant_score: { filter: { term: { 'tags.lower': tag } }, boost: RELATED_WEIGHTS.tag },
        })),
        ...(uploader
          ? [{ constant_score: { filter: { term: { 'uploaderName.raw': uploader } }, boost: RELATED_WEIGHTS.uploader } }]
          : []),
        ...(hasText
          ? [
              {
                script_score: {
                  query: {
                    more_like_this: {
                      fields: [...RELATED_TEXT_FIELDS],
                      like: [{ _index: names.video, _id: video.id }],
                      min_term_freq: 1,
                      min_doc_freq: 1,
                    },
                  },
                  // s / (s + pivot): below 1 however long the shared text, times the boost.
                  script: { source: 'saturation(_score, params.pivot)', params: { pivot: RELATED_TEXT_PIVOT } },
                  boost: RELATED_WEIGHTS.text,
                },
              },
            ]
          : []),
      ];
      if (should.length === 0) return [];
      const response = await call('find related videos', () =>
        client.search({
          index: names.video,
          size: n,
          track_total_hits: false,
          // Sorting on more than _score drops the scores unless asked to keep them.
          track_scores: true,
          _source: false,
          query: {
            bool: {
              should,
              minimum_should_match: 1,
              must_not: [{ ids: { values: [video.id] } }, { term: { deleted: true } }],
            },
          },
          sort: [{ _score: { order: 'desc' } }, ...NEWEST_THEN_ID],
        }),
      );
      return response.hits.hits.map((hit): SearchHit => ({ kind: 'video', id: hit._id ?? '', score: hit._score ?? 0, highlights: [] }));
    },

    async popular(q) {
      const n = listSizeOf(q.size);
      const since = sinceOf(q.since);
      await whenReady();
      const response = await call('list popular videos', () =>
        client.search<{ popularity?: number }>({
          index: names.video,
          size: n,
          track_total_hits: false,
          _source: ['popularity'],
          query: { bool: { filter: [notDeleted, ...(since ? [{ range: { createdAt: { gte: since } } }] : [])] } },
          sort: [{ popularity: { order: 'desc', missing: '_last' } }, ...NEWEST_THEN_ID],
        }),
      );
      return response.hits.hits.map(
        (hit): SearchHit => ({ kind: 'video', id: hit._id ?? '', score: hit._source?.popularity ?? 0, highlights: [] }),
      );
    },

    async count(kind) {
      await whenReady();
      const index = kind ? [names[kind]] : [names.video, names.user];
      const response = await call('count', () => client.count({ index, query: notDeleted }));
      return response.count;
    },

    /*
     * Deletes and recreates the indices rather than delete_by_query: deleting documents
     * leaves their versions in Elasticsearch's delete map for index.gc_deletes, so a
     * reindex right after a clear would see its writes rejected as stale.
     */
    async clear() {
      await call('delete indices', () =>
        client.indices.delete({ index: [names.video, names.user], ignore_unavailable: true }),
      );
      ready = undefined;
      await whenReady();
    },

    async dispose() {
      if (opts.ownsClient) await client.close();
    },
  };

  /** Live documents by id through one mget, in the order asked. */
  async function getDocs(kind: SearchKind, ids: readonly string[]): Promise<SearchDocument[]> {
    const wanted = ids.filter(isLookupId);
    if (wanted.length === 0) return [];
    await whenReady();
    const response = await call('get documents', () =>
      client.mget<Record<string, unknown>>({ index: names[kind], ids: wanted, _source_excludes: ['suggest'] }),
    );
    return response.docs.flatMap((entry): SearchDocument[] => {
      if ('error' in entry) {
        throw new Error(`Elasticsearch: could not get ${kind} ${entry._id} (${entry.error.type}: ${entry.error.reason ?? ''})`);
      }
      const source = entry._source;
      if (!entry.found || !source || source.deleted === true) return [];
      const version = typeof source.version === 'number' ? source.version : (entry._version ?? 0);
      return [projectDocument({ ...(source as Partial<SearchDocument>), kind, id: entry._id, version })];
    });
  }

  function kindOfIndex(index: string): SearchKind {
    return index.startsWith(names.user) ? 'user' : 'video';
  }
}
