import { forbidden } from '../../lib/errors.js';
import { allow, federationRules, rule, isAuthenticated, isService, makeShield } from '../../lib/auth/shield.js';
import type { Context } from './context.js';
import type { UserRecord } from './store/users.js';

/** The parent User is the viewer. Per object, so never cached across objects. */
const isSelf = rule({ cache: 'strict' })((user: UserRecord, _a, ctx: Context) =>
  ctx.viewer.userId === user.id ? true : forbidden('Only the account owner can see this.'),
);

export const permissions = makeShield({
  ...federationRules,
  Query: { ...federationRules.Query, me: allow, user: allow, userByUsername: allow, exportUsers: isService },
  UserExport: isService,
  UserExportPage: isService,
  Mutation: {
    register: allow,
    login: allow,
    refreshTokens: allow,
    logout: allow,
    changePassword: isAuthenticated,
    updateProfile: isAuthenticated,
    updatePrivacy: isAuthenticated,
    follow: isAuthenticated,
    unfollow: isAuthenticated,
  },
  User: {
    id: allow,
    username: allow,
    displayName: allow,
    bio: allow,
    avatarUrl: allow,
    createdAt: allow,
    followerCount: allow,
    followingCount: allow,
    followedByMe: allow,
    // The privacy check happens in the resolver: a hidden list is null, not an error.
    followers: allow,
    following: allow,
    favouritesVisibleToViewer: allow,
    privacy: isSelf,
  },
  PrivacySettings: allow,
  UserConnection: allow,
  UserEdge: allow,
  PageInfo: allow,
  AuthPayload: allow,
});
