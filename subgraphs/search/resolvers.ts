import type { Resolvers } from './__generated__/resolvers.js';
import { recommendedVideos, runSearch, suggest } from './search.js';

const ref = (kind: 'video' | 'user', id: string) => (kind === 'video' ? { __typename: 'Video' as const, id } : { __typename: 'User' as const, id });

export const resolvers: Resolvers = {
  Query: {
    search: (_p, args, ctx) =>
      runSearch(ctx.index, { query: args.query, type: args.type ?? 'ALL', page: args.page ?? 1, pageSize: args.pageSize ?? 20 }),
    suggest: async (_p, { prefix, first }, ctx) => (await suggest(ctx.index, prefix, first ?? 5)).map((s) => ({ text: s.text, node: ref(s.kind, s.id) })),
    recommendedVideos: async (_p, { videoId, first }, ctx) => (await recommendedVideos(ctx.index, videoId, first ?? 10)).map((h) => ({ id: h.id })),
    searchSyncStatus: (_p, _a, ctx) => ctx.sync.status(),
  },
  Mutation: {
    reindex: async (_p, { wipe }, ctx) => {
      const result = await ctx.sync.fullSync(wipe ?? false);
      return result ? { started: true, ...result } : { started: false, users: 0, videos: 0 };
    },
    reindexDeadLetters: (_p, _a, ctx) => ctx.sync.retryDeadLetters(),
  },
  SearchHit: {
    // Only the reference leaves this subgraph; the gateway fetches the fields.
    node: (hit) => ref(hit.kind, hit.id),
  },
  SearchNode: {
    __resolveType: (node) => node.__typename ?? null,
  },
};
