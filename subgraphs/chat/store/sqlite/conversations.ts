import { v7 as uuidv7 } from 'uuid';
import type { ConversationKind, ConversationRecord, ConversationStore, Page } from '../conversations.js';
import { json, type ChatDb, type ConvRow } from './schema.js';

const conv = (r: ConvRow): ConversationRecord => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  ownerId: r.owner_id,
  lastSeq: r.last_seq,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export class SqliteConversationStore implements ConversationStore {
  constructor(private readonly d: ChatDb) {}

  private insertConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[]; directKey: string | null }): ConvRow {
    const now = new Date().toISOString();
    const row: ConvRow = { id: uuidv7(), kind: c.kind, title: c.title, owner_id: c.ownerId, last_seq: 0, created_at: now, updated_at: now };
    this.d.sql(`INSERT INTO conversations (id, kind, direct_key, title, owner_id, last_seq, created_at, updated_at) VALUES (@id, @kind, @direct_key, @title, @owner_id, @last_seq, @created_at, @updated_at)`).run({
      ...row,
      direct_key: c.directKey,
    });
    const add = this.d.sql(`INSERT OR IGNORE INTO members (conversation_id, user_id, joined_at) VALUES (?, ?, ?)`);
    // The owner joins first: ownership passes by join order.
    for (const userId of new Set([c.ownerId, ...c.memberIds])) add.run(row.id, userId, now);
    return row;
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    return conv(this.d.db.transaction(() => this.insertConversation({ ...c, directKey: null }))());
  }

  async directConversation(a: string, b: string): Promise<ConversationRecord> {
    const key = [a, b].sort().join(':');
    return conv(
      this.d.db.transaction(() => {
        const existing = this.d.sql(`SELECT * FROM conversations WHERE direct_key = ?`).get(key) as ConvRow | undefined;
        return existing ?? this.insertConversation({ kind: 'DIRECT', title: null, ownerId: a, memberIds: [b], directKey: key });
      }).immediate(),
    );
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (this.d.sql(`SELECT * FROM conversations WHERE id IN (SELECT value FROM json_each(?))`).all(json(ids)) as ConvRow[]).map(conv);
  }

  async listConversationsOf(userId: string, q: { limit: number; after?: string }): Promise<Page<ConversationRecord & { cursor: string }>> {
    // Cursor: "<updated_at>|<id>", so ties on time still page deterministically.
    const [afterTime, afterId] = q.after ? q.after.split('|') : [null, null];
    const rows = this.d.sql(
      `SELECT c.* FROM conversations c JOIN members m ON m.conversation_id = c.id AND m.user_id = @userId
       WHERE @afterTime IS NULL OR c.updated_at < @afterTime OR (c.updated_at = @afterTime AND c.id < @afterId)
       ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit`,
    ).all({ userId, afterTime: afterTime ?? null, afterId: afterId ?? null, limit: q.limit + 1 }) as ConvRow[];
    return {
      items: rows.slice(0, q.limit).map((r) => ({ ...conv(r), cursor: `${r.updated_at}|${r.id}` })),
      hasNextPage: rows.length > q.limit,
    };
  }

  async membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const rows = this.d.sql(`SELECT conversation_id, user_id FROM members WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY joined_at, rowid`).all(
      json(conversationIds),
    ) as { conversation_id: string; user_id: string }[];
    for (const r of rows) result.get(r.conversation_id)?.push(r.user_id);
    return result;
  }

  async addMembers(conversationId: string, userIds: string[]): Promise<string[]> {
    return this.d.db.transaction(() => {
      const now = new Date().toISOString();
      // New members start with everything before they joined already read.
      const insert = this.d.sql(`INSERT OR IGNORE INTO members (conversation_id, user_id, last_read_seq, joined_at) SELECT ?, ?, last_seq, ? FROM conversations WHERE id = ?`);
      const added = userIds.filter((u) => insert.run(conversationId, u, now, conversationId).changes === 1);
      if (added.length) this.d.sql(`UPDATE conversations SET updated_at = ? WHERE id = ?`).run(now, conversationId);
      return added;
    }).immediate();
  }

  async removeMember(conversationId: string, userId: string): Promise<ConversationRecord | null> {
    return this.d.db.transaction(() => {
      this.d.sql(`DELETE FROM members WHERE conversation_id = ? AND user_id = ?`).run(conversationId, userId);
      const row = this.d.sql(`SELECT * FROM conversations WHERE id = ?`).get(conversationId) as ConvRow | undefined;
      if (!row) return null;
      if (row.owner_id === userId) {
        const heir = this.d.sql(`SELECT user_id FROM members WHERE conversation_id = ? ORDER BY joined_at, rowid LIMIT 1`).get(conversationId) as { user_id: string } | undefined;
        if (heir) this.d.sql(`UPDATE conversations SET owner_id = ? WHERE id = ?`).run(heir.user_id, conversationId);
      }
      return conv(this.d.sql(`SELECT * FROM conversations WHERE id = ?`).get(conversationId) as ConvRow);
    }).immediate();
  }

  async rename(conversationId: string, title: string): Promise<ConversationRecord | null> {
    const row = this.d.sql(`UPDATE conversations SET title = ?, updated_at = ? WHERE id = ? RETURNING *`).get(title, new Date().toISOString(), conversationId) as ConvRow | undefined;
    return row ? conv(row) : null;
  }

  async markRead(conversationId: string, userId: string, seq: number): Promise<number> {
    const row = this.d.sql(
      `UPDATE members SET last_read_seq = MAX(last_read_seq, MIN(?, (SELECT last_seq FROM conversations WHERE id = ?)))
       WHERE conversation_id = ? AND user_id = ? RETURNING last_read_seq`,
    ).get(seq, conversationId, conversationId, userId) as { last_read_seq: number } | undefined;
    return row?.last_read_seq ?? 0;
  }

  async readPositions(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.d.sql(`SELECT conversation_id, last_read_seq FROM members WHERE user_id = ? AND conversation_id IN (SELECT value FROM json_each(?))`).all(
      userId,
      json(conversationIds),
    ) as { conversation_id: string; last_read_seq: number }[];
    return new Map(rows.map((r) => [r.conversation_id, r.last_read_seq]));
  }

  async memberReadPositions(conversationId: string): Promise<Map<string, number>> {
    const rows = this.d.sql(`SELECT user_id, last_read_seq FROM members WHERE conversation_id = ?`).all(conversationId) as { user_id: string; last_read_seq: number }[];
    return new Map(rows.map((r) => [r.user_id, r.last_read_seq]));
  }

  async totalUnread(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.d.sql(
      `SELECT m.user_id, SUM(c.last_seq - m.last_read_seq) AS unread FROM members m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.user_id IN (SELECT value FROM json_each(?)) GROUP BY m.user_id`,
    ).all(json(userIds)) as { user_id: string; unread: number }[];
    return new Map(rows.map((r) => [r.user_id, r.unread]));
  }

  async lastSeqsOf(userId: string): Promise<Map<string, number>> {
    const rows = this.d.sql(`SELECT c.id, c.last_seq FROM conversations c JOIN members m ON m.conversation_id = c.id WHERE m.user_id = ?`).all(userId) as { id: string; last_seq: number }[];
    return new Map(rows.map((r) => [r.id, r.last_seq]));
  }

  async block(blockerId: string, blockedId: string): Promise<void> {
    this.d.sql(`INSERT OR IGNORE INTO blocks VALUES (?, ?, ?)`).run(blockerId, blockedId, new Date().toISOString());
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    this.d.sql(`DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?`).run(blockerId, blockedId);
  }

  async blockedBy(userId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows = this.d.sql(`SELECT blocker_id FROM blocks WHERE blocked_id = ? AND blocker_id IN (SELECT value FROM json_each(?))`).all(userId, json(candidateIds)) as { blocker_id: string }[];
    return new Set(rows.map((r) => r.blocker_id));
  }

  async listBlocked(blockerId: string): Promise<string[]> {
    return (this.d.sql(`SELECT blocked_id FROM blocks WHERE blocker_id = ? ORDER BY created_at`).all(blockerId) as { blocked_id: string }[]).map((r) => r.blocked_id);
  }
}
