import type { Resolvers } from './__generated__/resolvers.js';
import { runSearch } from './search.js';

export const resolvers: Resolvers = {
  Query: {
    search: (_p, args, ctx) =>
      runSearch(ctx.index, { query: args.query, type: args.type ?? 'ALL', page: args.page ?? 1, pageSize: args.pageSize ?? 20 }),
  },
  SearchHit: {
    // Only the reference leaves this subgraph; the gateway fetches the fields.
    node: (hit) => (hit.kind === 'video' ? { __typename: 'Video' as const, id: hit.id } : { __typename: 'User' as const, id: hit.id }),
  },
  SearchNode: {
    __resolveType: (node) => node.__typename ?? null,
  },
};
