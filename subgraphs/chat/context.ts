import DataLoader from 'dataloader';
import { entityLoader } from '../../lib/loaders.js';
import type { BaseContext } from '../../lib/subgraph.js';
import type { ChatStore, ConversationRecord, MessageRecord } from './store.js';

export interface Context extends BaseContext {
  store: ChatStore;
  loaders: {
    conversation: DataLoader<string, ConversationRecord | null>;
    message: DataLoader<string, MessageRecord | null>;
    members: DataLoader<string, string[]>;
    lastMessage: DataLoader<string, MessageRecord | null>;
  };
}

export function contextFactory(store: ChatStore) {
  return (base: BaseContext): Context => ({
    ...base,
    store,
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
    },
  });
}
