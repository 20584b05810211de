import { badInput } from '../../lib/errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import { DateTimeScalar } from '../../lib/data/dateTime.js';
import type { Resolvers } from './__generated__/resolvers.js';
import { assistantAnswer, clearHistory, generateImage, generateSlides, history } from './assistant.js';
import { assistantDeps, conversationDeps, membership, messageDeps, messageEventDeps, notificationEventDeps } from './context.js';
import { addMembers, blockUser, conversationForMember, createGroup, isMember, leaveGroup, removeMember, renameGroup, startConversation } from './conversations.js';
import { messageEvents, notificationAdded } from './messageEvents.js';
import { markRead, recallMessage, sendMessage } from './messages.js';
import { listNotifications, notificationKind, notificationLinks, notificationText } from './notifications.js';

const MAX_MESSAGES_PAGE = 200;
/** An entity reference the gateway resolves in the subgraph that owns it. */
const ref = (id: string | null) => (id ? { id } : null);

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    conversation: (_p, { id }, ctx) => conversationForMember(membership(ctx), id),
    conversations: async (_p, { first, after }, ctx) => {
      const page = await ctx.stores.conversations.listConversationsOf(ctx.viewer.userId!, { limit: checkPageSize(first), ...(after ? { after: decodeCursor(after) } : {}) });
      const edges = page.items.map(({ cursor, ...node }) => ({ cursor: encodeCursor(cursor), node }));
      for (const { node } of edges) ctx.loaders.conversation.prime(node.id, node);
      return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    messages: async (_p, { conversationId, afterSeq, beforeSeq, first }, ctx) => {
      await conversationForMember(membership(ctx), conversationId);
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MESSAGES_PAGE) throw badInput(`first must be between 1 and ${MAX_MESSAGES_PAGE}.`);
      return ctx.stores.messages.listMessages({ conversationId, limit, ...(afterSeq != null ? { afterSeq } : {}), ...(beforeSeq != null ? { beforeSeq } : {}) });
    },
    blockedUsers: async (_p, _a, ctx) => (await ctx.stores.conversations.listBlocked(ctx.viewer.userId!)).map((id) => ({ id })),
    notifications: (_p, args, ctx) => listNotifications(ctx.stores.notifications, ctx.viewer.userId!, args),
    assistantHistory: async (_p, { conversationId, first }, ctx) =>
      (await history(assistantDeps(ctx), conversationId, Math.min(Math.max(first ?? 20, 1), 50))).map((turn) => ({ ...turn, createdAt: new Date(turn.createdAt) })),
  },
  Mutation: {
    startConversation: (_p, { userId }, ctx) => startConversation(conversationDeps(ctx), userId),
    createGroup: (_p, { title, memberIds }, ctx) => createGroup(conversationDeps(ctx), title, memberIds),
    addMembers: (_p, { conversationId, userIds }, ctx) => addMembers(conversationDeps(ctx), conversationId, userIds),
    removeMember: (_p, { conversationId, userId }, ctx) => removeMember(conversationDeps(ctx), conversationId, userId),
    leaveGroup: (_p, { conversationId }, ctx) => leaveGroup(conversationDeps(ctx), conversationId),
    renameGroup: (_p, { conversationId, title }, ctx) => renameGroup(conversationDeps(ctx), conversationId, title),
    sendMessage: (_p, args, ctx) => sendMessage(messageDeps(ctx), args),
    recallMessage: (_p, { messageId }, ctx) => recallMessage(messageDeps(ctx), messageId),
    markRead: (_p, { conversationId, seq }, ctx) => markRead(messageDeps(ctx), conversationId, seq),
    blockUser: (_p, { userId }, ctx) => blockUser(conversationDeps(ctx), userId, true),
    unblockUser: (_p, { userId }, ctx) => blockUser(conversationDeps(ctx), userId, false),
    markNotificationsRead: (_p, { ids }, ctx) => ctx.stores.notifications.markNotificationsRead(ctx.viewer.userId!, ids ?? undefined),
    generateImage: (_p, { prompt }, ctx) => generateImage(assistantDeps(ctx), prompt),
    generateSlides: (_p, { topic }, ctx) => generateSlides(assistantDeps(ctx), topic),
    clearAssistantHistory: (_p, { conversationId }, ctx) => clearHistory(assistantDeps(ctx), conversationId),
  },
  Subscription: {
    messageEvents: { subscribe: (_p, args, ctx) => messageEvents(messageEventDeps(ctx), args) },
    notificationAdded: { subscribe: (_p, args, ctx) => notificationAdded(notificationEventDeps(ctx), args) },
    assistantAnswer: { subscribe: (_p, args, ctx) => assistantAnswer(assistantDeps(ctx), args) },
  },
  AssistantEvent: {
    text: (e) => (e.kind === 'TOKEN' ? e.text : null),
    fullText: (e) => (e.kind === 'DONE' ? e.fullText : null),
    usage: (e) => (e.kind === 'DONE' ? e.usage : null),
    error: (e) => (e.kind === 'ERROR' ? e.error : null),
    code: (e) => (e.kind === 'ERROR' ? e.code : null),
    discardPartial: (e) => (e.kind === 'ERROR' ? e.discardPartial : null),
  },
  Conversation: {
    // Entity fetches obey membership too: a non-member gets null, never the data.
    __resolveReference: async (ref, ctx) => ((await isMember(membership(ctx), ref.id)) ? ctx.loaders.conversation.load(ref.id) : null),
    owner: (c) => ({ id: c.ownerId }),
    members: async (c, _a, ctx) => (await ctx.loaders.members.load(c.id)).map((id) => ({ id })),
    lastMessage: (c, _a, ctx) => ctx.loaders.lastMessage.load(c.id),
    lastReadSeq: (c, _a, ctx) => ctx.loaders.readPosition.load(c.id),
    unreadCount: async (c, _a, ctx) => Math.max(0, c.lastSeq - (await ctx.loaders.readPosition.load(c.id))),
  },
  Message: {
    __resolveReference: async (ref, ctx) => {
      const message = await ctx.loaders.message.load(ref.id);
      return message && (await isMember(membership(ctx), message.conversationId)) ? message : null;
    },
    sender: (m) => ({ id: m.senderId }),
    recalled: (m) => m.recalledAt !== null,
    clientMessageId: (m, _a, ctx) => (m.senderId === ctx.viewer.userId ? m.clientMessageId : null),
  },
  MessageEvent: {
    message: (e) => ('message' in e ? e.message : null),
    reader: (e) => ('readerId' in e ? { id: e.readerId } : null),
    readSeq: (e) => ('readSeq' in e ? e.readSeq : null),
  },
  Notification: {
    kind: (n) => notificationKind(n),
    actor: (n) => (n.actorId ? { id: n.actorId } : null),
    video: (n) => ref(notificationLinks(n).videoId),
    comment: (n) => ref(notificationLinks(n).commentId),
    inReplyTo: (n) => ref(notificationLinks(n).inReplyToCommentId),
    text: (n) => notificationText(n),
    read: (n) => n.readAt !== null,
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    unreadMessageCount: (u, _a, ctx) => ctx.loaders.unreadMessages.load(u.id),
    unreadNotificationCount: (u, _a, ctx) => ctx.loaders.unreadNotifications.load(u.id),
    online: (u, _a, ctx) => ctx.loaders.online.load(u.id),
  },
};
