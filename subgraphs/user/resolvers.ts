import { GraphQLUpload } from 'graphql-upload-minimal';
import { DateTimeScalar } from '../../lib/data/dateTime.js';
import type { Resolvers } from './__generated__/resolvers.js';
import { changePassword, login, logout, refresh, register } from './accounts.js';
import { accountDeps, profileDeps } from './context.js';
import { userEventPayload } from './events.js';
import { AVATAR_URL_TTL_SECONDS, canSee, follow, followList, unfollow, updatePrivacy, updateProfile } from './profile.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Upload: GraphQLUpload,
  Query: {
    exportUsers: async (_p, { first, after }, ctx) => {
      const page = await ctx.stores.users.listUsers({ limit: Math.min(Math.max(first ?? 500, 1), 1000), ...(after ? { after } : {}) });
      return {
        items: page.items.map((u) => ({ id: u.id, version: u.version, ...userEventPayload(u), createdAt: u.createdAt })),
        endCursor: page.hasNextPage ? page.items.at(-1)!.id : null,
      };
    },
    me: (_p, _a, ctx) => (ctx.viewer.userId ? ctx.loaders.user.load(ctx.viewer.userId) : null),
    user: (_p, { id }, ctx) => ctx.loaders.user.load(id),
    userByUsername: (_p, { username }, ctx) => ctx.stores.users.findUserByUsername(username),
  },
  Mutation: {
    register: (_p, a, ctx) => register(accountDeps(ctx), { username: a.username, password: a.password, displayName: a.displayName ?? null, delivery: a.delivery ?? 'BODY' }),
    login: (_p, a, ctx) => login(accountDeps(ctx), { username: a.username, password: a.password, delivery: a.delivery ?? 'BODY' }),
    refreshTokens: (_p, a, ctx) => refresh(accountDeps(ctx), { refreshToken: a.refreshToken ?? null, delivery: a.delivery ?? 'BODY' }),
    logout: (_p, _a, ctx) => logout(accountDeps(ctx)),
    changePassword: (_p, a, ctx) => changePassword(accountDeps(ctx), a),
    updateProfile: (_p, { input }, ctx) => updateProfile(profileDeps(ctx), input),
    updatePrivacy: (_p, { input }, ctx) => updatePrivacy(profileDeps(ctx), input),
    follow: (_p, { userId }, ctx) => follow(profileDeps(ctx), userId),
    unfollow: (_p, { userId }, ctx) => unfollow(profileDeps(ctx), userId),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    avatarUrl: (u, _a, ctx) => (u.avatarKey ? ctx.objects.presignedGet(u.avatarKey, AVATAR_URL_TTL_SECONDS) : null),
    followedByMe: (u, _a, ctx) => (ctx.viewer.userId && ctx.viewer.userId !== u.id ? ctx.loaders.followedByViewer.load(u.id) : false),
    followers: (u, args, ctx) => followList(profileDeps(ctx), u, 'followers', args),
    following: (u, args, ctx) => followList(profileDeps(ctx), u, 'following', args),
    favouritesVisibleToViewer: (u, _a, ctx) => canSee(profileDeps(ctx), u.id, u.privacyFavourites),
    privacy: (u) => ({ favourites: u.privacyFavourites, follows: u.privacyFollows }),
  },
};
