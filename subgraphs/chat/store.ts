/**
 * The chat subgraph's storage port, with SQLite (embedded) and mongoose
 * (production) adapters held to the same contract suite.
 *
 * Invariants both adapters keep:
 * - within a conversation, `seq` increases by one per stored message, assigned
 *   in the same atomic step that stores it, so readers can detect gaps and
 *   resume after a given sequence number;
 * - a message is stored at most once per (conversation, sender, clientMessageId):
 *   a retried send returns the stored message and creates no new sequence number;
 * - one direct conversation per pair of users (a unique key on the sorted pair);
 * - a member's read position only moves forward, never past the last message.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/data/documents.js';
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
  /** Null once recalled: the text is removed from storage. */
  text: string | null;
  clientMessageId: string | null;
  recalledAt: Date | null;
  createdAt: Date;
}

export interface NotificationRecord {
  id: string;
  recipientId: string;
  /**
   * A NotificationKind (FOLLOW, VIDEO_LIKED...); rows stored before kinds were
   * an enum hold the domain event type instead (user.followed...), read through
   * notificationKind().
   */
  kind: string;
  actorId: string | null;
  subjectId: string;
  payload: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface ChatStore {
  // Conversations
  createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord>;
  /** The direct conversation of a pair, created on first use; the same one for (a, b) and (b, a). */
  directConversation(a: string, b: string): Promise<ConversationRecord>;
  findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]>;
  /** Latest activity first; `after` is the cursor of the previous page's last item. */
  listConversationsOf(userId: string, q: { limit: number; after?: string }): Promise<Page<ConversationRecord & { cursor: string }>>;
  /** Member ids per conversation id, in one query. */
  membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>>;
  addMembers(conversationId: string, userIds: string[]): Promise<string[]>;
  /** Removes a member; when it was the owner, the longest-standing member becomes owner. Returns the conversation after. */
  removeMember(conversationId: string, userId: string): Promise<ConversationRecord | null>;
  rename(conversationId: string, title: string): Promise<ConversationRecord | null>;

  // Messages
  /** Stores a message with the next sequence number, or returns the one already stored for its clientMessageId. */
  appendMessage(m: { conversationId: string; senderId: string; text: string; clientMessageId: string | null }): Promise<{ message: MessageRecord; created: boolean }>;
  findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]>;
  /** The message a sender stored in a conversation under a clientMessageId, or null. */
  findMessageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRecord | null>;
  /** Oldest first; `afterSeq`/`beforeSeq` exclusive. With only `beforeSeq`, the newest `limit` before it. */
  listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]>;
  /** The newest message of each conversation, in one query. */
  lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]>;
  /** Removes the text and marks the message recalled; null if it does not exist. */
  recallMessage(messageId: string): Promise<MessageRecord | null>;

  // Read positions and unread counts
  /** Moves the member's read position forward to `seq` (capped at the last message); returns the position after. */
  markRead(conversationId: string, userId: string, seq: number): Promise<number>;
  /** The member's read position per conversation. */
  readPositions(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>>;
  /** Every member's read position in one conversation, by user id. */
  memberReadPositions(conversationId: string): Promise<Map<string, number>>;
  /** Unread messages per user over all their conversations, for many users in one query. */
  totalUnread(userIds: readonly string[]): Promise<Map<string, number>>;
  /** The last sequence number of every conversation of the user. */
  lastSeqsOf(userId: string): Promise<Map<string, number>>;

  // Blocks
  block(blockerId: string, blockedId: string): Promise<void>;
  unblock(blockerId: string, blockedId: string): Promise<void>;
  /** Of `candidateIds`, those who have blocked `userId`. */
  blockedBy(userId: string, candidateIds: readonly string[]): Promise<Set<string>>;
  listBlocked(blockerId: string): Promise<string[]>;

  // Notifications inbox and the follower projection it needs
  /** Idempotent per (eventId, recipient): a redelivered event adds nothing. Returns the ones created. */
  addNotifications(eventId: string, items: Omit<NotificationRecord, 'id' | 'readAt' | 'createdAt'>[]): Promise<NotificationRecord[]>;
  listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>>;
  /** Oldest first: the recipient's notifications with an id greater than `afterId` (ids grow with creation time). */
  listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]>;
  /** Marks the given notifications (or all, when ids is omitted) read; returns how many changed. */
  markNotificationsRead(recipientId: string, ids?: string[]): Promise<number>;
  unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>>;
  setFollow(followerId: string, followeeId: string, following: boolean): Promise<void>;
  followersOf(userId: string): Promise<string[]>;

  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createChatStore(config: Config): Promise<ChatStore> {
  if (config.MONGODB_URI) return MongoChatStore.create(await connectMongo(config.MONGODB_URI, 'chat'));
  return new SqliteChatStore(openSqlite(config.DATA_DIR, 'chat'));
}
