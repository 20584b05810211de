import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext } from '../../lib/server/subgraph.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { AssistantConfig } from './assistant.js';
import type { ChatBus } from './bus.js';
import type { CredentialPool } from './credentialPool.js';
import type { Presence } from './presence.js';
import type { ChatStore, ConversationRecord, MessageRecord } from './store.js';

export interface ChatServices {
  config: Config;
  store: ChatStore;
  redis: Redis;
  bus: ChatBus;
  presence: Presence;
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
}

export function contextFactory(services: ChatServices) {
  const { store } = services;
  return (base: BaseContext): Context => ({
    ...base,
    ...services,
    loaders: {
      conversation: entityLoader((ids) => store.findConversationsByIds(ids)),
      message: entityLoader((ids) => store.findMessagesByIds(ids)),
      members: new DataLoader(async (ids) => {
        const byConversation = await store.membersOf(ids);
        return ids.map((id) => byConversation.get(id) ?? []);
      }),
      lastMessage: new DataLoader(async (ids) => {
        const found = new Map((await store.lastMessages(ids)).map((m) => [m.conversationId, m]));
        return ids.map((id) => found.get(id) ?? null);
      }),
      readPosition: new DataLoader(async (ids) => {
        const positions = base.viewer.userId ? await store.readPositions(base.viewer.userId, ids) : new Map<string, number>();
        return ids.map((id) => positions.get(id) ?? 0);
      }),
      unreadMessages: new DataLoader(async (ids) => {
        const totals = await store.totalUnread(ids);
        return ids.map((id) => totals.get(id) ?? 0);
      }),
      unreadNotifications: new DataLoader(async (ids) => {
        const totals = await store.unreadNotifications(ids);
        return ids.map((id) => totals.get(id) ?? 0);
      }),
      online: new DataLoader((ids) => services.presence.online(ids)),
    },
  });
}

/** A user as the chat subgraph knows one: the key; other fields come from the user subgraph. */
export interface UserRef {
  id: string;
}
