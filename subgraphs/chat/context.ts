/**
 * The chat subgraph's request context, and the narrow dependencies each
 * domain module takes, built from it per request: resolvers pass
 * `messageDeps(ctx)` and the like, never the context itself.
 */
import DataLoader from 'dataloader';
import type { Config } from '../../lib/config.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext } from '../../lib/server/subgraph.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { AssistantConfig, AssistantDeps } from './assistant.js';
import type { AssistantHistoryStore } from './assistantHistory.js';
import type { ChatBus } from './bus.js';
import type { ConversationDeps, ConversationLookup, Membership } from './conversations.js';
import type { CredentialPool } from './credentialPool.js';
import type { MessageEventDeps, NotificationEventDeps } from './messageEvents.js';
import type { MessageDeps } from './messages.js';
import type { Presence } from './presence.js';
import type { SendThrottle } from './sendThrottle.js';
import type { ConversationRecord } from './store/conversations.js';
import type { ChatStores } from './store/index.js';
import type { MessageRecord } from './store/messages.js';

export interface ChatServices {
  config: Config;
  stores: ChatStores;
  bus: ChatBus;
  presence: Presence;
  throttle: SendThrottle;
  assistantHistory: AssistantHistoryStore;
  objects: ObjectStore;
  /** Absent when no provider is configured (LLM_NOT_CONFIGURED). */
  assistant?: { pool: CredentialPool; settings: AssistantConfig };
}

export interface Context extends BaseContext, ChatServices {
  loaders: {
    conversation: DataLoader<string, ConversationRecord | null>;
    message: DataLoader<string, MessageRecord | null>;
    members: DataLoader<string, string[]>;
    lastMessage: DataLoader<string, MessageRecord | null>;
    /** The viewer's read position per conversation. */
    readPosition: DataLoader<string, number>;
    unreadMessages: DataLoader<string, number>;
    unreadNotifications: DataLoader<string, number>;
    online: DataLoader<string, boolean>;
  };
  /** Conversations and members through the loaders above: what membership checks read. */
  lookup: ConversationLookup;
}

export function contextFactory(services: ChatServices) {
  const { conversations, messages, notifications } = services.stores;
  return (base: BaseContext): Context => {
    const loaders: Context['loaders'] = {
      conversation: entityLoader((ids) => conversations.findConversationsByIds(ids)),
      message: entityLoader((ids) => messages.findMessagesByIds(ids)),
      members: new DataLoader(async (ids) => {
        const byConversation = await conversations.membersOf(ids);
        return ids.map((id) => byConversation.get(id) ?? []);
      }),
      lastMessage: new DataLoader(async (ids) => {
        const found = new Map((await messages.lastMessages(ids)).map((m) => [m.conversationId, m]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      readPosition: new DataLoader(async (ids) => {
        const positions = base.viewer.userId ? await conversations.readPositions(base.viewer.userId, ids) : new Map<string, number>();
        return ids.map((id) => positions.get(id) ?? 0);
      }),
      unreadMessages: new DataLoader(async (ids) => {
        const totals = await conversations.totalUnread(ids);
        return ids.map((id) => totals.get(id) ?? 0);
      }),
      unreadNotifications: new DataLoader(async (ids) => {
        const totals = await notifications.unreadNotifications(ids);
        return ids.map((id) => totals.get(id) ?? 0);
      }),
      online: new DataLoader((ids) => services.presence.online(ids)),
    };
    const lookup: ConversationLookup = {
      conversation: (id) => loaders.conversation.load(id),
      members: (id) => loaders.members.load(id),
      forget: (id) => {
        loaders.conversation.clear(id);
        loaders.members.clear(id);
        loaders.readPosition.clear(id);
      },
    };
    return { ...base, ...services, loaders, lookup };
  };
}

/** The viewer (maybe nobody) and the lookup: for membership checks alone (reference resolution). */
export const membership = (ctx: Context): Membership => ({ viewerId: ctx.viewer.userId, lookup: ctx.lookup });

/** The signed-in viewer: every entry point but reference resolution requires one (rules.ts). */
const viewerOf = (ctx: Context): string => ctx.viewer.userId!;

export const conversationDeps = (ctx: Context): ConversationDeps => ({ viewerId: viewerOf(ctx), lookup: ctx.lookup, conversations: ctx.stores.conversations });

export const messageDeps = (ctx: Context): MessageDeps => ({
  viewerId: viewerOf(ctx),
  lookup: ctx.lookup,
  conversations: ctx.stores.conversations,
  messages: ctx.stores.messages,
  bus: ctx.bus,
  throttle: ctx.throttle,
  limits: { sendsPerMinute: ctx.config.CHAT_SEND_LIMIT_PER_MINUTE, recallWindowSeconds: ctx.config.CHAT_RECALL_WINDOW_SECONDS },
  log: ctx.log,
});

export const messageEventDeps = (ctx: Context): MessageEventDeps => ({
  viewerId: viewerOf(ctx),
  lookup: ctx.lookup,
  conversations: ctx.stores.conversations,
  messages: ctx.stores.messages,
  bus: ctx.bus,
  presence: ctx.presence,
  recallWindowSeconds: ctx.config.CHAT_RECALL_WINDOW_SECONDS,
  log: ctx.log,
});

export const notificationEventDeps = (ctx: Context): NotificationEventDeps => ({ viewerId: viewerOf(ctx), notifications: ctx.stores.notifications, bus: ctx.bus });

export const assistantDeps = (ctx: Context): AssistantDeps => ({ viewerId: viewerOf(ctx), assistant: ctx.assistant, history: ctx.assistantHistory, objects: ctx.objects, log: ctx.log });

/** A user as the chat subgraph knows one: the key; other fields come from the user subgraph. */
export interface UserRef {
  id: string;
}
