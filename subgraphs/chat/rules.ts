import { forbidden } from '../../lib/errors.js';
import { allow, federationRules, rule, isAuthenticated, makeShield } from '../../lib/auth/shield.js';
import type { Context } from './context.js';

/** The parent User is the viewer. Per object, so never cached across objects. */
const isSelf = rule({ cache: 'strict' })((user: { id: string }, _a, ctx: Context) =>
  ctx.viewer.userId === user.id ? true : forbidden('Only the account owner can see this.'),
);

// Conversation and Message objects only ever reach a viewer through resolvers
// that checked membership (queries, mutations, subscriptions and
// __resolveReference), so their fields are allowed once the object exists; the
// entry points require a signed-in viewer.
export const permissions = makeShield({
  ...federationRules,
  Query: {
    ...federationRules.Query,
    conversation: isAuthenticated,
    conversations: isAuthenticated,
    messages: isAuthenticated,
    blockedUsers: isAuthenticated,
    notifications: isAuthenticated,
    assistantHistory: isAuthenticated,
  },
  AssistantEvent: allow,
  AssistantUsage: allow,
  AssistantTurn: allow,
  GeneratedFile: allow,
  Mutation: isAuthenticated,
  Subscription: isAuthenticated,
  Conversation: allow,
  Message: allow,
  MessageEvent: allow,
  ConversationConnection: allow,
  ConversationEdge: allow,
  Notification: allow,
  NotificationConnection: allow,
  NotificationEdge: allow,
  PageInfo: allow,
  User: { '*': allow, unreadMessageCount: isSelf, unreadNotificationCount: isSelf },
  // References only: the video subgraph owns (and guards) every other field.
  Video: { id: allow },
  Comment: { id: allow },
});
