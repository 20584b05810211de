import { v7 as uuidv7 } from 'uuid';
import { migrate, statementCache, type SqliteDb } from '../../lib/data/documents.js';
import type { ChatStore, ConversationKind, ConversationRecord, MessageRecord, NotificationRecord, Page } from './store.js';

const MIGRATIONS = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
     direct_key TEXT UNIQUE,           -- 'a:b' with a < b for DIRECT, NULL for groups
     title TEXT,
     owner_id TEXT NOT NULL,
     last_seq INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE members (
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     user_id TEXT NOT NULL,
     last_read_seq INTEGER NOT NULL DEFAULT 0,
     joined_at TEXT NOT NULL,
     PRIMARY KEY (conversation_id, user_id)
   );
   CREATE INDEX members_by_user ON members (user_id);
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     seq INTEGER NOT NULL,
     sender_id TEXT NOT NULL,
     text TEXT,
     client_message_id TEXT,
     recalled_at TEXT,
     created_at TEXT NOT NULL,
     UNIQUE (conversation_id, seq)
   );
   CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, sender_id, client_message_id) WHERE client_message_id IS NOT NULL;
   CREATE TABLE blocks (
     blocker_id TEXT NOT NULL,
     blocked_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (blocker_id, blocked_id)
   );
   CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL,
     recipient_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     actor_id TEXT,
     subject_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     read_at TEXT,
     created_at TEXT NOT NULL,
     UNIQUE (event_id, recipient_id)
   );
   CREATE INDEX notifications_by_recipient ON notifications (recipient_id, id);
   CREATE TABLE follows (
     follower_id TEXT NOT NULL,
     followee_id TEXT NOT NULL,
     PRIMARY KEY (followee_id, follower_id)
   );`,
];

interface ConvRow {
  id: string;
  kind: ConversationKind;
  title: string | null;
  owner_id: string;
  last_seq: number;
  created_at: string;
  updated_at: string;
}
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
interface NotificationRow {
  id: string;
  recipient_id: string;
  kind: string;
  actor_id: string | null;
  subject_id: string;
  payload: string;
  read_at: string | null;
  created_at: string;
}

const conv = (r: ConvRow): ConversationRecord => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  ownerId: r.owner_id,
  lastSeq: r.last_seq,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
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
const notification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  recipientId: r.recipient_id,
  kind: r.kind,
  actorId: r.actor_id,
  subjectId: r.subject_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  readAt: r.read_at ? new Date(r.read_at) : null,
  createdAt: new Date(r.created_at),
});

const json = (ids: readonly string[]) => JSON.stringify(ids);

export class SqliteChatStore implements ChatStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }

  private insertConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[]; directKey: string | null }): ConvRow {
    const now = new Date().toISOString();
    const row: ConvRow = { id: uuidv7(), kind: c.kind, title: c.title, owner_id: c.ownerId, last_seq: 0, created_at: now, updated_at: now };
    this.db
      .prepare(`INSERT INTO conversations (id, kind, direct_key, title, owner_id, last_seq, created_at, updated_at) VALUES (@id, @kind, @direct_key, @title, @owner_id, @last_seq, @created_at, @updated_at)`)
      .run({ ...row, direct_key: c.directKey });
    const add = this.sql(`INSERT OR IGNORE INTO members (conversation_id, user_id, joined_at) VALUES (?, ?, ?)`);
    // The owner joins first: ownership passes by join order.
    for (const userId of new Set([c.ownerId, ...c.memberIds])) add.run(row.id, userId, now);
    return row;
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    return conv(this.db.transaction(() => this.insertConversation({ ...c, directKey: null }))());
  }

  async directConversation(a: string, b: string): Promise<ConversationRecord> {
    const key = [a, b].sort().join(':');
    return conv(
      this.db.transaction(() => {
        const existing = this.sql(`SELECT * FROM conversations WHERE direct_key = ?`).get(key) as ConvRow | undefined;
        return existing ?? this.insertConversation({ kind: 'DIRECT', title: null, ownerId: a, memberIds: [b], directKey: key });
      }).immediate(),
    );
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (this.sql(`SELECT * FROM conversations WHERE id IN (SELECT value FROM json_each(?))`).all(json(ids)) as ConvRow[]).map(conv);
  }

  async listConversationsOf(userId: string, q: { limit: number; after?: string }): Promise<Page<ConversationRecord & { cursor: string }>> {
    // Cursor: "<updated_at>|<id>", so ties on time still page deterministically.
    const [afterTime, afterId] = q.after ? q.after.split('|') : [null, null];
    const rows = this.db
      .prepare(
        `SELECT c.* FROM conversations c JOIN members m ON m.conversation_id = c.id AND m.user_id = @userId
         WHERE @afterTime IS NULL OR c.updated_at < @afterTime OR (c.updated_at = @afterTime AND c.id < @afterId)
         ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit`,
      )
      .all({ userId, afterTime: afterTime ?? null, afterId: afterId ?? null, limit: q.limit + 1 }) as ConvRow[];
    return {
      items: rows.slice(0, q.limit).map((r) => ({ ...conv(r), cursor: `${r.updated_at}|${r.id}` })),
      hasNextPage: rows.length > q.limit,
    };
  }

  async membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const rows = this.db
      .prepare(`SELECT conversation_id, user_id FROM members WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY joined_at, rowid`)
      .all(json(conversationIds)) as { conversation_id: string; user_id: string }[];
    for (const r of rows) result.get(r.conversation_id)?.push(r.user_id);
    return result;
  }

  async addMembers(conversationId: string, userIds: string[]): Promise<string[]> {
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      // New members start with everything before they joined already read.
      const added = userIds.filter(
        (u) =>
          this.db
            .prepare(`INSERT OR IGNORE INTO members (conversation_id, user_id, last_read_seq, joined_at) SELECT ?, ?, last_seq, ? FROM conversations WHERE id = ?`)
            .run(conversationId, u, now, conversationId).changes === 1,
      );
      if (added.length) this.sql(`UPDATE conversations SET updated_at = ? WHERE id = ?`).run(now, conversationId);
      return added;
    }).immediate();
  }

  async removeMember(conversationId: string, userId: string): Promise<ConversationRecord | null> {
    return this.db.transaction(() => {
      this.sql(`DELETE FROM members WHERE conversation_id = ? AND user_id = ?`).run(conversationId, userId);
      const row = this.sql(`SELECT * FROM conversations WHERE id = ?`).get(conversationId) as ConvRow | undefined;
      if (!row) return null;
      if (row.owner_id === userId) {
        const heir = this.sql(`SELECT user_id FROM members WHERE conversation_id = ? ORDER BY joined_at, rowid LIMIT 1`).get(conversationId) as { user_id: string } | undefined;
        if (heir) this.sql(`UPDATE conversations SET owner_id = ? WHERE id = ?`).run(heir.user_id, conversationId);
      }
      return conv(this.sql(`SELECT * FROM conversations WHERE id = ?`).get(conversationId) as ConvRow);
    }).immediate();
  }

  async rename(conversationId: string, title: string): Promise<ConversationRecord | null> {
    const row = this.sql(`UPDATE conversations SET title = ?, updated_at = ? WHERE id = ? RETURNING *`).get(title, new Date().toISOString(), conversationId) as ConvRow | undefined;
    return row ? conv(row) : null;
  }

  async appendMessage(m: { conversationId: string; senderId: string; text: string; clientMessageId: string | null }): Promise<{ message: MessageRecord; created: boolean }> {
    // One write transaction: the duplicate check, the sequence bump, the insert
    // and the sender's read position commit together or not at all.
    return this.db.transaction(() => {
      if (m.clientMessageId) {
        const existing = this.db
          .prepare(`SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?`)
          .get(m.conversationId, m.senderId, m.clientMessageId) as MsgRow | undefined;
        if (existing) return { message: msg(existing), created: false };
      }
      const now = new Date().toISOString();
      const bumped = this.sql(`UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq`).get(now, m.conversationId) as
        | { last_seq: number }
        | undefined;
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
      this.sql(`INSERT INTO messages VALUES (@id, @conversation_id, @seq, @sender_id, @text, @client_message_id, @recalled_at, @created_at)`).run(row);
      this.sql(`UPDATE members SET last_read_seq = ? WHERE conversation_id = ? AND user_id = ?`).run(row.seq, m.conversationId, m.senderId);
      return { message: msg(row), created: true };
    }).immediate();
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (this.sql(`SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))`).all(json(ids)) as MsgRow[]).map(msg);
  }

  async findMessageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRecord | null> {
    const row = this.sql(`SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?`).get(conversationId, senderId, clientMessageId) as MsgRow | undefined;
    return row ? msg(row) : null;
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const params = { c: q.conversationId, after: q.afterSeq ?? null, before: q.beforeSeq ?? null, limit: q.limit };
    if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
      const rows = this.sql(`SELECT * FROM messages WHERE conversation_id = @c AND seq < @before ORDER BY seq DESC LIMIT @limit`).all(params) as MsgRow[];
      return rows.reverse().map(msg);
    }
    return (
      this.db
        .prepare(
          `SELECT * FROM messages WHERE conversation_id = @c AND (@after IS NULL OR seq > @after) AND (@before IS NULL OR seq < @before)
           ORDER BY seq ASC LIMIT @limit`,
        )
        .all(params) as MsgRow[]
    ).map(msg);
  }

  async lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]> {
    if (conversationIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id AND m.seq = c.last_seq
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(json(conversationIds)) as MsgRow[];
    return rows.map(msg);
  }

  async recallMessage(messageId: string): Promise<MessageRecord | null> {
    const row = this.db
      .prepare(`UPDATE messages SET text = NULL, recalled_at = COALESCE(recalled_at, ?) WHERE id = ? RETURNING *`)
      .get(new Date().toISOString(), messageId) as MsgRow | undefined;
    return row ? msg(row) : null;
  }

  async markRead(conversationId: string, userId: string, seq: number): Promise<number> {
    const row = this.db
      .prepare(
        `UPDATE members SET last_read_seq = MAX(last_read_seq, MIN(?, (SELECT last_seq FROM conversations WHERE id = ?)))
         WHERE conversation_id = ? AND user_id = ? RETURNING last_read_seq`,
      )
      .get(seq, conversationId, conversationId, userId) as { last_read_seq: number } | undefined;
    return row?.last_read_seq ?? 0;
  }

  async readPositions(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.db
      .prepare(`SELECT conversation_id, last_read_seq FROM members WHERE user_id = ? AND conversation_id IN (SELECT value FROM json_each(?))`)
      .all(userId, json(conversationIds)) as { conversation_id: string; last_read_seq: number }[];
    return new Map(rows.map((r) => [r.conversation_id, r.last_read_seq]));
  }

  async memberReadPositions(conversationId: string): Promise<Map<string, number>> {
    const rows = this.sql(`SELECT user_id, last_read_seq FROM members WHERE conversation_id = ?`).all(conversationId) as { user_id: string; last_read_seq: number }[];
    return new Map(rows.map((r) => [r.user_id, r.last_read_seq]));
  }

  async totalUnread(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.db
      .prepare(
        `SELECT m.user_id, SUM(c.last_seq - m.last_read_seq) AS unread FROM members m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.user_id IN (SELECT value FROM json_each(?)) GROUP BY m.user_id`,
      )
      .all(json(userIds)) as { user_id: string; unread: number }[];
    return new Map(rows.map((r) => [r.user_id, r.unread]));
  }

  async lastSeqsOf(userId: string): Promise<Map<string, number>> {
    const rows = this.db
      .prepare(`SELECT c.id, c.last_seq FROM conversations c JOIN members m ON m.conversation_id = c.id WHERE m.user_id = ?`)
      .all(userId) as { id: string; last_seq: number }[];
    return new Map(rows.map((r) => [r.id, r.last_seq]));
  }

  async block(blockerId: string, blockedId: string): Promise<void> {
    this.sql(`INSERT OR IGNORE INTO blocks VALUES (?, ?, ?)`).run(blockerId, blockedId, new Date().toISOString());
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    this.sql(`DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?`).run(blockerId, blockedId);
  }

  async blockedBy(userId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows = this.db
      .prepare(`SELECT blocker_id FROM blocks WHERE blocked_id = ? AND blocker_id IN (SELECT value FROM json_each(?))`)
      .all(userId, json(candidateIds)) as { blocker_id: string }[];
    return new Set(rows.map((r) => r.blocker_id));
  }

  async listBlocked(blockerId: string): Promise<string[]> {
    return (this.sql(`SELECT blocked_id FROM blocks WHERE blocker_id = ? ORDER BY created_at`).all(blockerId) as { blocked_id: string }[]).map((r) => r.blocked_id);
  }

  async addNotifications(eventId: string, items: Omit<NotificationRecord, 'id' | 'readAt' | 'createdAt'>[]): Promise<NotificationRecord[]> {
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      const insert = this.sql(
        `INSERT OR IGNORE INTO notifications (id, event_id, recipient_id, kind, actor_id, subject_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const created: NotificationRecord[] = [];
      for (const item of items) {
        const id = uuidv7();
        if (insert.run(id, eventId, item.recipientId, item.kind, item.actorId, item.subjectId, JSON.stringify(item.payload), now).changes === 1) {
          created.push({ ...item, id, readAt: null, createdAt: new Date(now) });
        }
      }
      return created;
    })();
  }

  async listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>> {
    const rows = this.db
      .prepare(`SELECT * FROM notifications WHERE recipient_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`)
      .all(recipientId, q.after ?? null, q.after ?? null, q.limit + 1) as NotificationRow[];
    return { items: rows.slice(0, q.limit).map(notification), hasNextPage: rows.length > q.limit };
  }

  async listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]> {
    const rows = this.sql(`SELECT * FROM notifications WHERE recipient_id = ? AND id > ? ORDER BY id LIMIT ?`).all(recipientId, q.afterId, q.limit) as NotificationRow[];
    return rows.map(notification);
  }

  async markNotificationsRead(recipientId: string, ids?: string[]): Promise<number> {
    const now = new Date().toISOString();
    if (!ids) return this.sql(`UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL`).run(now, recipientId).changes;
    return this.db
      .prepare(`UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`)
      .run(now, recipientId, json(ids)).changes;
  }

  async unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.db
      .prepare(`SELECT recipient_id, COUNT(*) AS n FROM notifications WHERE read_at IS NULL AND recipient_id IN (SELECT value FROM json_each(?)) GROUP BY recipient_id`)
      .all(json(recipientIds)) as { recipient_id: string; n: number }[];
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  async setFollow(followerId: string, followeeId: string, following: boolean): Promise<void> {
    if (following) this.sql(`INSERT OR IGNORE INTO follows VALUES (?, ?)`).run(followerId, followeeId);
    else this.sql(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`).run(followerId, followeeId);
  }

  async followersOf(userId: string): Promise<string[]> {
    return (this.sql(`SELECT follower_id FROM follows WHERE followee_id = ?`).all(userId) as { follower_id: string }[]).map((r) => r.follower_id);
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
