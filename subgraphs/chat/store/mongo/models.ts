/**
 * The chat subgraph's MongoDB collections, shared by the three mongoose
 * adapters (one database, `vidhub_chat` unless MONGODB_URI names one).
 *
 * Read and write concerns. Unless an operation says otherwise it runs with the
 * connection's defaults: read concern `local` and, on MongoDB >= 5.0, write
 * concern `majority` (the server's implicit default), reading from the primary.
 * Single-document operations are atomic on their own; the one step that must
 * change several documents together (a message with its conversation's
 * sequence counter and the sender's read position) runs in a multi-document
 * transaction (TRANSACTION_OPTIONS, lib/data/documents.ts), so MONGODB_URI must name a replica set
 * or a sharded cluster (a single-node replica set will do); `chatModels`
 * refuses a standalone server at start-up rather than at the first message.
 */
import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { pairSchema } from '../../../../lib/data/documents.js';
import type { ConversationKind, ConversationRecord } from '../conversations.js';
import type { MessageRecord } from '../messages.js';
import type { NotificationRecord } from '../notifications.js';

export interface ConversationDoc {
  _id: string;
  kind: ConversationKind;
  /** Only present on DIRECT conversations (see the sparse index below). */
  directKey?: string;
  title: string | null;
  ownerId: string;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface MemberDoc {
  _id: string;
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  joinedAt: Date;
}
export type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string };
export type NotificationDoc = Omit<NotificationRecord, 'id'> & { _id: string; eventId: string };
export interface BlockDoc {
  _id: string;
  blockerId: string;
  blockedId: string;
  createdAt: Date;
}
export interface FollowDoc {
  _id: string;
  followerId: string;
  followeeId: string;
}

// createdAt/updatedAt are written explicitly rather than through mongoose's
// `timestamps`: updatedAt is the activity order of the conversation list, so
// only the operations SQLite counts as activity may move it, and only forward.
const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['DIRECT', 'GROUP'], required: true },
    // No default: a sparse index still indexes explicit nulls, so a null here
    // would make the second group conversation collide with the first.
    directKey: { type: String },
    title: { type: String, default: null },
    ownerId: { type: String, required: true },
    lastSeq: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
conversationSchema.index({ directKey: 1 }, { unique: true, sparse: true });
// No index on updatedAt: it changes with every message, and a user's
// conversations are few enough to sort after selecting them by _id.

// Members live in their own collection so that per-user questions (the
// conversation list, unread totals for many users) are index lookups on userId
// instead of scans of embedded arrays, and so a read position is one small
// document updated with $max.
const memberSchema = new Schema<MemberDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    userId: { type: String, required: true },
    lastReadSeq: { type: Number, default: 0 },
    joinedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
memberSchema.index({ conversationId: 1, userId: 1 }, { unique: true });
memberSchema.index({ userId: 1 });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    text: { type: String, default: null },
    clientMessageId: { type: String, default: null },
    recalledAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
// Partial, not sparse: messages without a clientMessageId store an explicit
// null, which must not count as a duplicate.
messageSchema.index({ conversationId: 1, senderId: 1, clientMessageId: 1 }, { unique: true, partialFilterExpression: { clientMessageId: { $type: 'string' } } });

const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    recipientId: { type: String, required: true },
    kind: { type: String, required: true },
    actorId: { type: String, default: null },
    subjectId: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  // minimize would drop an empty payload object, and readers expect one.
  { versionKey: false, minimize: false },
);
// A redelivered event (at-least-once streams) must not notify twice.
notificationSchema.index({ eventId: 1, recipientId: 1 }, { unique: true });
notificationSchema.index({ recipientId: 1, _id: -1 });

const blockSchema = pairSchema<BlockDoc>('blockerId', 'blockedId');
blockSchema.index({ blockedId: 1, blockerId: 1 });

const followSchema = new Schema<FollowDoc>(
  {
    _id: { type: String, required: true },
    followerId: { type: String, required: true },
    followeeId: { type: String, required: true },
  },
  { versionKey: false },
);
followSchema.index({ followeeId: 1, followerId: 1 }, { unique: true });

/**
 * Registers the chat models on a connection (once: later calls reuse them) and
 * builds their indexes: the idempotency and one-direct-per-pair guarantees are
 * unique indexes, and a unique index that does not exist yet enforces nothing.
 * Refuses a standalone server: it cannot run transactions.
 */
export async function chatModels(conn: mongoose.Connection) {
  const model = <T>(name: string, schema: Schema<T>, collection: string) => (conn.models[name] as mongoose.Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
  const models = {
    conn,
    conversations: model('Conversation', conversationSchema, 'conversations'),
    members: model('Member', memberSchema, 'members'),
    messages: model('Message', messageSchema, 'messages'),
    notifications: model('Notification', notificationSchema, 'notifications'),
    blocks: model('Block', blockSchema, 'blocks'),
    follows: model('Follow', followSchema, 'follows'),
  };
  await requireTransactions(conn);
  await Promise.all([models.conversations, models.members, models.messages, models.notifications, models.blocks, models.follows].map((m) => m.createIndexes()));
  return models;
}

/** The connection and the chat models on it, as the adapters share them. */
export type ChatModels = Awaited<ReturnType<typeof chatModels>>;

async function requireTransactions(conn: mongoose.Connection): Promise<void> {
  const db = conn.db;
  if (!db) throw new Error('the MongoDB connection is not open');
  // `hello` since MongoDB 4.4.2; the servers before it answer the same fields to `isMaster`.
  const ask = (command: Record<string, number>) => db.admin().command(command) as Promise<{ setName?: string; msg?: string }>;
  const hello = await ask({ hello: 1 }).catch(() => ask({ isMaster: 1 }));
  if (!hello.setName && hello.msg !== 'isdbgrid') {
    throw new Error(
      'MONGODB_URI names a standalone MongoDB server, which cannot run transactions: the chat store needs a replica set or a sharded cluster (a single-node replica set will do: start mongod with --replSet rs0 and run rs.initiate() once).',
    );
  }
}

/**
 * Inserts `docs` with `ordered: false` and returns the indexes of those stored.
 * Duplicate-key failures are the expected outcome of an idempotent retry and are
 * skipped; any other failure is rethrown. Not for use inside a transaction (a
 * failed write aborts it).
 */
export async function insertIgnoringDuplicates<T>(model: mongoose.Model<T>, docs: T[]): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    await model.insertMany(docs, { ordered: false });
    return docs.map((_, i) => i);
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code: number; index: number }[] }).writeErrors;
    if (!Array.isArray(writeErrors) || writeErrors.length === 0 || !writeErrors.every((e) => e.code === 11000)) throw err;
    const failed = new Set(writeErrors.map((e) => e.index));
    return docs.map((_, i) => i).filter((i) => !failed.has(i));
  }
}

export const conversationRecord = (d: ConversationDoc): ConversationRecord => ({
  id: d._id,
  kind: d.kind,
  title: d.title ?? null,
  ownerId: d.ownerId,
  lastSeq: d.lastSeq,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
