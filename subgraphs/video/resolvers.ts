import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { Resolvers } from './__generated__/resolvers.js';

export const resolvers: Resolvers = {
  Query: {
    video: (_p, { id }, ctx) => ctx.loaders.video.load(id),
    videos: async (_p, { uploaderId, first, after }, ctx) => {
      const page = await ctx.store.listVideos({
        limit: checkPageSize(first),
        ...(uploaderId ? { uploaderId } : {}),
        ...(after ? { afterId: decodeCursor(after) } : {}),
      });
      const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
      return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
  Video: {
    __resolveReference: (ref, ctx) => ctx.loaders.video.load(ref.id),
    uploader: (v) => ({ id: v.uploaderId }),
    createdAt: (v) => v.createdAt.toISOString(),
  },
};
