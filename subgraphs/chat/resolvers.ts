import { badInput } from '../../lib/errors.js';
import type { Resolvers } from './__generated__/resolvers.js';
import { conversationForMember, isMember } from './conversations.js';

const MAX_MESSAGES_PAGE = 200;

export const resolvers: Resolvers = {
  Query: {
    conversation: (_p, { id }, ctx) => conversationForMember(ctx, id),
    messages: async (_p, { conversationId, afterSeq, beforeSeq, first }, ctx) => {
      await conversationForMember(ctx, conversationId);
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MESSAGES_PAGE) throw badInput(`first must be between 1 and ${MAX_MESSAGES_PAGE}.`);
      return ctx.store.listMessages({
        conversationId,
        limit,
        ...(afterSeq != null ? { afterSeq } : {}),
        ...(beforeSeq != null ? { beforeSeq } : {}),
      });
    },
  },
  Conversation: {
    // Entity fetches obey membership too: a non-member gets null, never the data.
    __resolveReference: async (ref, ctx) => ((await isMember(ctx, ref.id)) ? ctx.loaders.conversation.load(ref.id) : null),
    members: async (c, _a, ctx) => (await ctx.loaders.members.load(c.id)).map((id) => ({ id })),
    lastMessage: (c, _a, ctx) => ctx.loaders.lastMessage.load(c.id),
    createdAt: (c) => c.createdAt.toISOString(),
  },
  Message: {
    __resolveReference: async (ref, ctx) => {
      const message = await ctx.loaders.message.load(ref.id);
      return message && (await isMember(ctx, message.conversationId)) ? message : null;
    },
    sender: (m) => ({ id: m.senderId }),
    createdAt: (m) => m.createdAt.toISOString(),
  },
};
