/** Query side of search: argument checks and the mapping from index hits to entities. */
import { badInput } from '../../lib/errors.js';
import type { SearchHit, SearchIndex, SearchKind } from './engine/port.js';

export type SearchHitModel = SearchHit;

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_PAGE_SIZE = 50;
/** The deepest result a search may page to (Elasticsearch's default result window). @default 10000 */
export const MAX_SEARCH_RESULTS = 10_000;

const KINDS: Record<'ALL' | 'VIDEO' | 'USER', SearchKind[] | undefined> = {
  ALL: undefined,
  VIDEO: ['video'],
  USER: ['user'],
};

export async function runSearch(index: SearchIndex, args: { query: string; type: 'ALL' | 'VIDEO' | 'USER'; page: number; pageSize: number }) {
  const text = args.query.trim();
  if (!text) throw badInput('query must not be empty.');
  if (text.length > MAX_QUERY_LENGTH) throw badInput(`query must be at most ${MAX_QUERY_LENGTH} characters.`);
  if (!Number.isInteger(args.page) || args.page < 1) throw badInput('page starts at 1.');
  // Deep pages cost the index more with every page (and Elasticsearch refuses past its result window).
  if (args.page * args.pageSize > MAX_SEARCH_RESULTS) throw badInput(`Search reaches the first ${MAX_SEARCH_RESULTS} results: page × pageSize must be at most ${MAX_SEARCH_RESULTS}; refine the query instead.`);
  if (!Number.isInteger(args.pageSize) || args.pageSize < 1 || args.pageSize > MAX_SEARCH_PAGE_SIZE) {
    throw badInput(`pageSize must be between 1 and ${MAX_SEARCH_PAGE_SIZE}.`);
  }
  const kinds = KINDS[args.type];
  const result = await index.search({ text, ...(kinds ? { kinds } : {}), from: (args.page - 1) * args.pageSize, size: args.pageSize });
  return { total: result.total, page: args.page, pageSize: args.pageSize, hits: result.hits };
}

/** How far back "recent" reaches for popular videos. @default 30 days */
export const RECENT_DAYS = 30;
export const MAX_RECOMMENDATIONS = 50;

export async function suggest(index: SearchIndex, prefix: string, first: number) {
  const text = prefix.trim();
  if (!text) throw badInput('prefix must not be empty.');
  if (text.length > MAX_QUERY_LENGTH) throw badInput(`prefix must be at most ${MAX_QUERY_LENGTH} characters.`);
  if (!Number.isInteger(first) || first < 1 || first > 20) throw badInput('first must be between 1 and 20.');
  return index.suggest(text, first);
}

export async function recommendedVideos(index: SearchIndex, videoId: string | null | undefined, first: number) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECOMMENDATIONS) throw badInput(`first must be between 1 and ${MAX_RECOMMENDATIONS}.`);
  if (videoId) {
    const related = await index.related(videoId, first);
    if (related.length) return related;
  }
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
  const recent = await index.popular({ size: first, since });
  // A quiet platform still recommends something: fall back to all-time popular.
  const hits = recent.length >= first ? recent : [...recent, ...(await index.popular({ size: first })).filter((h) => !recent.some((r) => r.id === h.id))].slice(0, first);
  return hits.filter((h) => h.id !== videoId);
}
