/**
 * The messages aggregate's port: messages, their per-conversation sequence
 * numbers, and recall. Adapters: sqlite/messages.ts, mongo/messages.ts, held to
 * messages.contract.test.ts; ./index.ts picks one.
 *
 * Invariants both adapters keep:
 * - within a conversation, `seq` increases by one per stored message, with no
 *   gaps: the message, the conversation's counter (`lastSeq`, with its
 *   `updatedAt`) and the sender's read position are written in one atomic step
 *   (a SQLite IMMEDIATE transaction; a MongoDB multi-document transaction), so a
 *   failure anywhere in it leaves none of them, and readers can detect gaps and
 *   resume after a given sequence number;
 * - a message is stored at most once per (conversation, sender, clientMessageId):
 *   a retried send returns the stored message and creates no new sequence number;
 * - a recalled message keeps its place (seq) and loses its text.
 */
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

export interface MessageStore {
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
}
