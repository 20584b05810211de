/**
 * The chat subgraph's storage: one narrow port per aggregate (conversations
 * with their members and blocks, messages, notifications), each with a SQLite
 * adapter (embedded) and a mongoose adapter (production), held to the same
 * contract suites (store/*.contract.test.ts). The ports know nothing of their
 * adapters; this factory picks them: MongoDB when MONGODB_URI is set,
 * otherwise the SQLite file DATA_DIR/chat.sqlite. The three ports share one
 * database (and one connection), because storing a message also moves its
 * conversation's sequence counter, atomically (see messages.ts).
 */
import type mongoose from 'mongoose';
import type { Config } from '../../../lib/config.js';
import { mongoLifecycle, openStores, sqliteLifecycle, type SqliteDb, type StoreLifecycle } from '../../../lib/data/documents.js';
import type { ConversationStore } from './conversations.js';
import type { MessageStore } from './messages.js';
import { MongoConversationStore } from './mongo/conversations.js';
import { MongoMessageStore } from './mongo/messages.js';
import { chatModels } from './mongo/models.js';
import { MongoNotificationStore } from './mongo/notifications.js';
import type { NotificationStore } from './notifications.js';
import { SqliteConversationStore } from './sqlite/conversations.js';
import { SqliteMessageStore } from './sqlite/messages.js';
import { SqliteNotificationStore } from './sqlite/notifications.js';
import { ChatDb } from './sqlite/schema.js';

export interface ChatStores extends StoreLifecycle {
  conversations: ConversationStore;
  messages: MessageStore;
  notifications: NotificationStore;
}

export function sqliteChatStores(db: SqliteDb): ChatStores {
  const d = new ChatDb(db);
  return { conversations: new SqliteConversationStore(d), messages: new SqliteMessageStore(d), notifications: new SqliteNotificationStore(d), ...sqliteLifecycle(db) };
}

export async function mongoChatStores(conn: mongoose.Connection): Promise<ChatStores> {
  const m = await chatModels(conn);
  return { conversations: new MongoConversationStore(m), messages: new MongoMessageStore(m), notifications: new MongoNotificationStore(m), ...mongoLifecycle(conn) };
}

export function createChatStores(config: Config): Promise<ChatStores> {
  return openStores(config, 'chat', { sqlite: sqliteChatStores, mongo: mongoChatStores });
}
