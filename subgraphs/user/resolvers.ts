import type { Resolvers } from './__generated__/resolvers.js';

export const resolvers: Resolvers = {
  Query: {
    me: (_p, _a, ctx) => (ctx.viewer.userId ? ctx.loaders.user.load(ctx.viewer.userId) : null),
    user: (_p, { id }, ctx) => ctx.loaders.user.load(id),
    userByUsername: (_p, { username }, ctx) => ctx.store.findUserByUsername(username),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    createdAt: (u) => u.createdAt.toISOString(),
    avatarUrl: () => null,
  },
};
