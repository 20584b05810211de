/**
 * The chat subgraph's SQLite schema, shared by the three SQLite adapters: one
 * database file (`DATA_DIR/chat.sqlite`), so that a message, its
 * conversation's sequence counter and the sender's read position commit in
 * one transaction (see sqlite/messages.ts).
 *
 * Guarantees every SQLite adapter gives: each method is one statement or one
 * transaction; writes that must agree run in an IMMEDIATE transaction (the
 * write lock is taken at BEGIN, so two processes on the same file serialize
 * instead of failing on upgrade); WAL lets readers proceed during a write.
 */
import { migrate, statementCache, type SqliteDb } from '../../../../lib/data/documents.js';
import type { ConversationKind } from '../conversations.js';

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

/** The chat database as its adapters share it: the schema brought up to date (idempotent: `PRAGMA user_version` records what ran) and a statement cache. */
export class ChatDb {
  readonly sql: ReturnType<typeof statementCache>;

  constructor(readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }
}

/** Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`. */
export const json = (ids: readonly string[]) => JSON.stringify(ids);

export interface ConvRow {
  id: string;
  kind: ConversationKind;
  title: string | null;
  owner_id: string;
  last_seq: number;
  created_at: string;
  updated_at: string;
}
