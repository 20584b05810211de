import { v7 as uuidv7 } from 'uuid';
import type { MessageRecord, MessageStore } from '../messages.js';
import { json, type ChatDb } from './schema.js';

interface MsgRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  text: string | null;
  client_message_id: string | null;
  recalled_at: string | null;
  created_at: string;
}

const msg = (r: MsgRow): MessageRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  senderId: r.sender_id,
  text: r.text,
  clientMessageId: r.client_message_id,
  recalledAt: r.recalled_at ? new Date(r.recalled_at) : null,
  createdAt: new Date(r.created_at),
});

export class SqliteMessageStore implements MessageStore {
  constructor(private readonly d: ChatDb) {}

  async appendMessage(m: { conversationId: string; senderId: string; text: string; clientMessageId: string | null }): Promise<{ message: MessageRecord; created: boolean }> {
    // One IMMEDIATE transaction: the duplicate check, the counter bump (the
    // conversation's last_seq and updated_at), the insert and the sender's
    // read position commit together or not at all. A statement that fails
    // inside it rolls back the ones before it, so a failure after the bump
    // leaves neither the bump nor the message: sequence numbers have no gaps.
    return this.d.db.transaction(() => {
      if (m.clientMessageId) {
        const existing = this.d.sql(`SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?`).get(m.conversationId, m.senderId, m.clientMessageId) as
          | MsgRow
          | undefined;
        if (existing) return { message: msg(existing), created: false };
      }
      const now = new Date().toISOString();
      const bumped = this.d.sql(`UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq`).get(now, m.conversationId) as { last_seq: number } | undefined;
      if (!bumped) throw new Error(`conversation ${m.conversationId} does not exist`);
      const row: MsgRow = {
        id: uuidv7(),
        conversation_id: m.conversationId,
        seq: bumped.last_seq,
        sender_id: m.senderId,
        text: m.text,
        client_message_id: m.clientMessageId,
        recalled_at: null,
        created_at: now,
      };
      this.d.sql(`INSERT INTO messages VALUES (@id, @conversation_id, @seq, @sender_id, @text, @client_message_id, @recalled_at, @created_at)`).run(row);
      this.d.sql(`UPDATE members SET last_read_seq = ? WHERE conversation_id = ? AND user_id = ?`).run(row.seq, m.conversationId, m.senderId);
      return { message: msg(row), created: true };
    }).immediate();
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (this.d.sql(`SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))`).all(json(ids)) as MsgRow[]).map(msg);
  }

  async findMessageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRecord | null> {
    const row = this.d.sql(`SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?`).get(conversationId, senderId, clientMessageId) as MsgRow | undefined;
    return row ? msg(row) : null;
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const params = { c: q.conversationId, after: q.afterSeq ?? null, before: q.beforeSeq ?? null, limit: q.limit };
    if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
      const rows = this.d.sql(`SELECT * FROM messages WHERE conversation_id = @c AND seq < @before ORDER BY seq DESC LIMIT @limit`).all(params) as MsgRow[];
      return rows.reverse().map(msg);
    }
    return (
      this.d.sql(
        `SELECT * FROM messages WHERE conversation_id = @c AND (@after IS NULL OR seq > @after) AND (@before IS NULL OR seq < @before)
         ORDER BY seq ASC LIMIT @limit`,
      ).all(params) as MsgRow[]
    ).map(msg);
  }

  async lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]> {
    if (conversationIds.length === 0) return [];
    const rows = this.d.sql(
      `SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id AND m.seq = c.last_seq
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    ).all(json(conversationIds)) as MsgRow[];
    return rows.map(msg);
  }

  async recallMessage(messageId: string): Promise<MessageRecord | null> {
    const row = this.d.sql(`UPDATE messages SET text = NULL, recalled_at = COALESCE(recalled_at, ?) WHERE id = ? RETURNING *`).get(new Date().toISOString(), messageId) as MsgRow | undefined;
    return row ? msg(row) : null;
  }
}
