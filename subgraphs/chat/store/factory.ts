/**
 * Picks the chat subgraph's storage adapters: mongoose when MONGODB_URI is set,
 * SQLite (`DATA_DIR/chat.sqlite`) otherwise. The three ports share one
 * database (and one connection), because storing a message also moves its
 * conversation's sequence counter, atomically (see messages.ts).
 */
import type mongoose from 'mongoose';
import type { Config } from '../../../lib/config.js';
import { connectMongo, openSqlite, type SqliteDb } from '../../../lib/data/documents.js';
import type { ConversationStore } from './conversations.js';
import { MongoConversationStore } from './conversations.mongo.js';
import { SqliteConversationStore } from './conversations.sqlite.js';
import type { MessageStore } from './messages.js';
import { MongoMessageStore } from './messages.mongo.js';
import { SqliteMessageStore } from './messages.sqlite.js';
import { chatModels } from './mongo.js';
import type { NotificationStore } from './notifications.js';
import { MongoNotificationStore } from './notifications.mongo.js';
import { SqliteNotificationStore } from './notifications.sqlite.js';

export interface ChatStores {
  conversations: ConversationStore;
  messages: MessageStore;
  notifications: NotificationStore;
  /** Readiness: the database answers. */
  ping(): Promise<void>;
  /** Closes the database the three share. */
  dispose(): Promise<void>;
}

export function sqliteChatStores(db: SqliteDb): ChatStores {
  return {
    conversations: new SqliteConversationStore(db),
    messages: new SqliteMessageStore(db),
    notifications: new SqliteNotificationStore(db),
    ping: async () => void db.prepare('SELECT 1').get(),
    dispose: async () => {
      if (db.open) db.close();
    },
  };
}

export async function mongoChatStores(conn: mongoose.Connection): Promise<ChatStores> {
  const models = await chatModels(conn);
  return {
    conversations: new MongoConversationStore(models),
    messages: new MongoMessageStore(models),
    notifications: new MongoNotificationStore(models),
    ping: async () => void (await conn.db?.admin().ping()),
    dispose: () => conn.close(),
  };
}

export async function createChatStores(config: Config): Promise<ChatStores> {
  if (config.MONGODB_URI) return mongoChatStores(await connectMongo(config.MONGODB_URI, 'chat'));
  return sqliteChatStores(openSqlite(config.DATA_DIR, 'chat'));
}
