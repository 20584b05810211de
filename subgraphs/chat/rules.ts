import { forbidden } from '../../lib/errors.js';
import { allow, federationRules, rule, isAuthenticated, makeShield } from '../../lib/auth/shield.js';
import type { Context } from './context.js';
import type { MessageEventModel } from './messageEvents.js';

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

/**
 * What a message event shows is the same for every member it reaches: these
 * fields read nothing of the viewer and their rules are `allow` (the
 * subscription itself needs a signed-in viewer, which every subscriber is).
 * A subscription selecting only these executes each event once for all its
 * subscribers (lib/server/eventSharing.ts). Not here: `clientMessageId` (see
 * SHARED_EVENT_VARIANTS), `User.unreadMessageCount` and
 * `User.unreadNotificationCount` (the user's own), `User.online` (read per
 * request).
 */
export const SHARED_EVENT_FIELDS = [
  'Subscription.messageEvents',
  'MessageEvent.kind',
  'MessageEvent.conversationId',
  'MessageEvent.message',
  'MessageEvent.reader',
  'MessageEvent.readSeq',
  'Message.id',
  'Message.conversationId',
  'Message.seq',
  'Message.sender',
  'Message.text',
  'Message.recalled',
  'Message.createdAt',
  'User.id',
] as const;

/**
 * `clientMessageId` is the sender's alone (null for everyone else): a message
 * event is executed once for its sender and once for all the other members.
 * Only message events select a Message.
 */
export const SHARED_EVENT_VARIANTS = {
  'Message.clientMessageId': (event: object, ctx: unknown) => {
    const sender = (event as Partial<Extract<MessageEventModel, { message: unknown }>>).message?.senderId;
    return sender !== undefined && sender === (ctx as Context).viewer.userId ? 'sender' : 'other';
  },
};
