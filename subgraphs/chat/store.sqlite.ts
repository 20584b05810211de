import { v7 as uuidv7 } from 'uuid';
import { migrate, type SqliteDb } from '../../lib/infra/documents.js';
import type { ChatStore, ConversationKind, ConversationRecord, MessageRecord } from './store.js';

const MIGRATIONS = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
     title TEXT,
     owner_id TEXT NOT NULL,
     last_seq INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE members (
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     user_id TEXT NOT NULL,
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
     created_at TEXT NOT NULL,
     UNIQUE (conversation_id, seq)
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
  createdAt: new Date(r.created_at),
});

export class SqliteChatStore implements ChatStore {
  constructor(private readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    const now = new Date().toISOString();
    const row: ConvRow = { id: uuidv7(), kind: c.kind, title: c.title, owner_id: c.ownerId, last_seq: 0, created_at: now, updated_at: now };
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO conversations VALUES (@id, @kind, @title, @owner_id, @last_seq, @created_at, @updated_at)`).run(row);
      const add = this.db.prepare(`INSERT OR IGNORE INTO members VALUES (?, ?, ?)`);
      for (const userId of new Set(c.memberIds)) add.run(row.id, userId, now);
    })();
    return conv(row);
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (this.db.prepare(`SELECT * FROM conversations WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ConvRow[]).map(conv);
  }

  async membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const rows = this.db
      .prepare(`SELECT conversation_id, user_id FROM members WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY joined_at, user_id`)
      .all(JSON.stringify(conversationIds)) as { conversation_id: string; user_id: string }[];
    for (const r of rows) result.get(r.conversation_id)?.push(r.user_id);
    return result;
  }

  async appendMessage(m: { conversationId: string; senderId: string; text: string }): Promise<MessageRecord> {
    // One write transaction: the sequence bump and the insert commit together.
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      const bumped = this.db
        .prepare(`UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq`)
        .get(now, m.conversationId) as { last_seq: number } | undefined;
      if (!bumped) throw new Error(`conversation ${m.conversationId} does not exist`);
      const row: MsgRow = { id: uuidv7(), conversation_id: m.conversationId, seq: bumped.last_seq, sender_id: m.senderId, text: m.text, created_at: now };
      this.db.prepare(`INSERT INTO messages VALUES (@id, @conversation_id, @seq, @sender_id, @text, @created_at)`).run(row);
      return msg(row);
    }).immediate();
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (this.db.prepare(`SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as MsgRow[]).map(msg);
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const params = { c: q.conversationId, after: q.afterSeq ?? null, before: q.beforeSeq ?? null, limit: q.limit };
    if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
      const rows = this.db
        .prepare(`SELECT * FROM messages WHERE conversation_id = @c AND seq < @before ORDER BY seq DESC LIMIT @limit`)
        .all(params) as MsgRow[];
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
      .all(JSON.stringify(conversationIds)) as MsgRow[];
    return rows.map(msg);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
