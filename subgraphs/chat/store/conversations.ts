/**
 * The conversations aggregate's port: conversations, their members (with each
 * member's read position, from which unread counts follow) and blocks between
 * users. Adapters: sqlite/conversations.ts, mongo/conversations.ts, held to
 * conversations.contract.test.ts; ./index.ts picks one.
 *
 * Invariants both adapters keep:
 * - one direct conversation per pair of users (a unique key on the sorted pair);
 * - a member's read position only moves forward, never past the last message;
 * - a group's owner is a member; when the owner leaves, the longest-standing
 *   member becomes owner.
 *
 * `lastSeq` (the conversation's sequence counter) is written only by the
 * messages port, in the same atomic step that stores a message (see messages.ts).
 */
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

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface ConversationStore {
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
}
