/**
 * The chat subgraph's storage port, with SQLite (embedded) and mongoose
 * (production) adapters held to the same contract suite.
 *
 * Invariant: within a conversation, `seq` increases by exactly one per stored
 * message, assigned in the same transaction/atomic update that stores it, so
 * that readers can detect gaps and resume after a given sequence number.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/infra/documents.js';
import { MongoChatStore } from './store.mongo.js';
import { SqliteChatStore } from './store.sqlite.js';

export type ConversationKind = 'DIRECT' | 'GROUP';

export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  title: string | null;
  ownerId: string;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  text: string | null;
  createdAt: Date;
}

export interface ChatStore {
  createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord>;
  findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]>;
  /** Member ids per conversation id, in one query. */
  membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Stores a message with the conversation's next sequence number. */
  appendMessage(m: { conversationId: string; senderId: string; text: string }): Promise<MessageRecord>;
  findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]>;
  /** Oldest first; `afterSeq`/`beforeSeq` exclusive. With only `beforeSeq`, the newest `limit` before it. */
  listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]>;
  /** The newest message of each conversation, in one query. */
  lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createChatStore(config: Config): Promise<ChatStore> {
  if (config.MONGODB_URI) return MongoChatStore.create(await connectMongo(config.MONGODB_URI, 'chat'));
  return new SqliteChatStore(openSqlite(config.DATA_DIR, 'chat'));
}
