/** Query side of search: argument checks and the mapping from index hits to entities. */
import { badInput } from '../../lib/errors.js';
import type { SearchHit, SearchIndex, SearchKind } from '../../lib/infra/search/port.js';

export type SearchHitModel = SearchHit;

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_PAGE_SIZE = 50;

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
  if (!Number.isInteger(args.pageSize) || args.pageSize < 1 || args.pageSize > MAX_SEARCH_PAGE_SIZE) {
    throw badInput(`pageSize must be between 1 and ${MAX_SEARCH_PAGE_SIZE}.`);
  }
  const kinds = KINDS[args.type];
  const result = await index.search({ text, ...(kinds ? { kinds } : {}), from: (args.page - 1) * args.pageSize, size: args.pageSize });
  return { total: result.total, page: args.page, pageSize: args.pageSize, hits: result.hits };
}
