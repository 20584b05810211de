import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../lib/data/documents.js';
import type { ChatStore, ConversationKind, ConversationRecord, MessageRecord, NotificationRecord, Page } from './store.js';

// No multi-document transactions anywhere here, so a standalone server works as
// well as a replica set. Each operation is built from single-document atomic
// steps ordered so that a crash between them leaves at worst a gap in seq or a
// missing denormalized timestamp, never a duplicate or a broken invariant.

interface ConversationDoc {
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
interface MemberDoc {
  _id: string;
  conversationId: string;
  userId: string;
  lastReadSeq: number;
  joinedAt: Date;
}
type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string };
type NotificationDoc = Omit<NotificationRecord, 'id'> & { _id: string; eventId: string };
interface BlockDoc {
  _id: string;
  blockerId: string;
  blockedId: string;
  createdAt: Date;
}
interface FollowDoc {
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
messageSchema.index(
  { conversationId: 1, senderId: 1, clientMessageId: 1 },
  { unique: true, partialFilterExpression: { clientMessageId: { $type: 'string' } } },
);

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

const blockSchema = new Schema<BlockDoc>(
  {
    _id: { type: String, required: true },
    blockerId: { type: String, required: true },
    blockedId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
blockSchema.index({ blockerId: 1, blockedId: 1 }, { unique: true });
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

const conv = (d: ConversationDoc): ConversationRecord => ({
  id: d._id,
  kind: d.kind,
  title: d.title ?? null,
  ownerId: d.ownerId,
  lastSeq: d.lastSeq,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
const msg = (d: MessageDoc): MessageRecord => ({
  id: d._id,
  conversationId: d.conversationId,
  seq: d.seq,
  senderId: d.senderId,
  text: d.text ?? null,
  clientMessageId: d.clientMessageId ?? null,
  recalledAt: d.recalledAt ?? null,
  createdAt: d.createdAt,
});
const notification = (d: NotificationDoc): NotificationRecord => ({
  id: d._id,
  recipientId: d.recipientId,
  kind: d.kind,
  actorId: d.actorId ?? null,
  subjectId: d.subjectId,
  payload: d.payload ?? {},
  readAt: d.readAt ?? null,
  createdAt: d.createdAt,
});

/**
 * Inserts `docs` with `ordered: false` and returns the indexes of those stored.
 * Duplicate-key failures are the expected outcome of an idempotent retry and are
 * skipped; any other failure is rethrown.
 */
async function insertIgnoringDuplicates<T>(model: mongoose.Model<T>, docs: T[]): Promise<number[]> {
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

export class MongoChatStore implements ChatStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly conversations: mongoose.Model<ConversationDoc>,
    private readonly members: mongoose.Model<MemberDoc>,
    private readonly messages: mongoose.Model<MessageDoc>,
    private readonly notifications: mongoose.Model<NotificationDoc>,
    private readonly blocks: mongoose.Model<BlockDoc>,
    private readonly follows: mongoose.Model<FollowDoc>,
  ) {}

  static async create(conn: mongoose.Connection): Promise<MongoChatStore> {
    const conversations = conn.model<ConversationDoc>('Conversation', conversationSchema, 'conversations');
    const members = conn.model<MemberDoc>('Member', memberSchema, 'members');
    const messages = conn.model<MessageDoc>('Message', messageSchema, 'messages');
    const notifications = conn.model<NotificationDoc>('Notification', notificationSchema, 'notifications');
    const blocks = conn.model<BlockDoc>('Block', blockSchema, 'blocks');
    const follows = conn.model<FollowDoc>('Follow', followSchema, 'follows');
    // Build indexes now: the idempotency and one-direct-per-pair guarantees are
    // unique indexes, and a unique index that does not exist yet enforces nothing.
    await Promise.all([conversations, members, messages, notifications, blocks, follows].map((m) => m.createIndexes()));
    return new MongoChatStore(conn, conversations, members, messages, notifications, blocks, follows);
  }

  // ---- Conversations

  /**
   * Joins users with `lastReadSeq` as their read position. The _ids are uuid v7,
   * generated in order, so (joinedAt, _id) keeps the owner first among members
   * who joined in the same millisecond: ownership passes by that order.
   */
  private async join(conversationId: string, userIds: string[], lastReadSeq: number, joinedAt: Date): Promise<string[]> {
    const unique = [...new Set(userIds)];
    const docs = unique.map((userId) => ({ _id: uuidv7(), conversationId, userId, lastReadSeq, joinedAt }));
    return (await insertIgnoringDuplicates(this.members, docs)).map((i) => unique[i]!);
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    const now = new Date();
    const doc: ConversationDoc = { _id: uuidv7(), kind: c.kind, title: c.title, ownerId: c.ownerId, lastSeq: 0, createdAt: now, updatedAt: now };
    // Conversation first: members pointing at a conversation that was never
    // stored would be invisible garbage, while a conversation whose member
    // insert failed is simply empty.
    await this.conversations.create(doc);
    await this.join(doc._id, [c.ownerId, ...c.memberIds], 0, now);
    return conv(doc);
  }

  async directConversation(a: string, b: string): Promise<ConversationRecord> {
    const directKey = [a, b].sort().join(':');
    const existing = await this.conversations.findOne({ directKey }).lean<ConversationDoc>();
    if (existing) return conv(existing);
    const now = new Date();
    const doc: ConversationDoc = { _id: uuidv7(), kind: 'DIRECT', directKey, title: null, ownerId: a, lastSeq: 0, createdAt: now, updatedAt: now };
    try {
      await this.conversations.create(doc);
      await this.join(doc._id, [a, b], 0, now);
      return conv(doc);
    } catch (err) {
      if (!isMongoDuplicateKey(err)) throw err;
      // A concurrent call created the pair's conversation first: use the winner's.
      const winner = await this.conversations.findOne({ directKey }).lean<ConversationDoc>();
      if (!winner) throw err;
      // The winner may not have stored its members yet; joining is idempotent,
      // so both callers return only once the pair are members.
      await this.join(winner._id, [winner.ownerId, a, b], 0, winner.createdAt);
      return conv(winner);
    }
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (await this.conversations.find({ _id: { $in: [...ids] } }).lean<ConversationDoc[]>()).map(conv);
  }

  async listConversationsOf(userId: string, q: { limit: number; after?: string }): Promise<Page<ConversationRecord & { cursor: string }>> {
    const memberships = await this.members.find({ userId }, { conversationId: 1 }).lean<Pick<MemberDoc, 'conversationId'>[]>();
    if (memberships.length === 0) return { items: [], hasNextPage: false };
    const filter: mongoose.QueryFilter<ConversationDoc> = { _id: { $in: memberships.map((m) => m.conversationId) } };
    // Cursor: "<ISO updatedAt>|<id>", the same as SQLite's, so ties on time still
    // page deterministically by id.
    if (q.after) {
      const [afterTime = '', afterId = ''] = q.after.split('|');
      const time = new Date(afterTime);
      filter.$or = [{ updatedAt: { $lt: time } }, { updatedAt: time, _id: { $lt: afterId } }];
    }
    const docs = await this.conversations
      .find(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(q.limit + 1)
      .lean<ConversationDoc[]>();
    return {
      items: docs.slice(0, q.limit).map((d) => ({ ...conv(d), cursor: `${d.updatedAt.toISOString()}|${d._id}` })),
      hasNextPage: docs.length > q.limit,
    };
  }

  async membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const docs = await this.members
      .find({ conversationId: { $in: [...conversationIds] } }, { conversationId: 1, userId: 1 })
      .sort({ joinedAt: 1, _id: 1 })
      .lean<Pick<MemberDoc, 'conversationId' | 'userId'>[]>();
    for (const d of docs) result.get(d.conversationId)?.push(d.userId);
    return result;
  }

  async addMembers(conversationId: string, userIds: string[]): Promise<string[]> {
    const c = await this.conversations.findOne({ _id: conversationId }, { lastSeq: 1 }).lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!c) return [];
    const now = new Date();
    // New members start with everything before they joined already read. A
    // message appended between the read of lastSeq and the insert counts as
    // unread for them, which is the safe side.
    const added = await this.join(conversationId, userIds, c.lastSeq, now);
    // $max, not $set: a concurrent append may already have recorded later activity.
    if (added.length) await this.conversations.updateOne({ _id: conversationId }, { $max: { updatedAt: now } });
    return added;
  }

  async removeMember(conversationId: string, userId: string): Promise<ConversationRecord | null> {
    await this.members.deleteOne({ conversationId, userId });
    const c = await this.conversations.findOne({ _id: conversationId }).lean<ConversationDoc>();
    if (!c) return null;
    if (c.ownerId !== userId) return conv(c);
    const heir = await this.members.findOne({ conversationId }, { userId: 1 }).sort({ joinedAt: 1, _id: 1 }).lean<Pick<MemberDoc, 'userId'>>();
    // The last member leaving keeps the owner as it was, as SQLite does.
    if (!heir) return conv(c);
    // Conditional on the owner still being the one who left, so two concurrent
    // handovers cannot overwrite each other's outcome.
    const after = await this.conversations
      .findOneAndUpdate({ _id: conversationId, ownerId: userId }, { $set: { ownerId: heir.userId } }, { returnDocument: 'after' })
      .lean<ConversationDoc>();
    if (after) return conv(after);
    const current = await this.conversations.findOne({ _id: conversationId }).lean<ConversationDoc>();
    return current ? conv(current) : null;
  }

  async rename(conversationId: string, title: string): Promise<ConversationRecord | null> {
    const doc = await this.conversations
      .findOneAndUpdate({ _id: conversationId }, { $set: { title }, $max: { updatedAt: new Date() } }, { returnDocument: 'after' })
      .lean<ConversationDoc>();
    return doc ? conv(doc) : null;
  }

  // ---- Messages

  private async findByClientMessageId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageDoc | null> {
    return this.messages.findOne({ conversationId, senderId, clientMessageId }).lean<MessageDoc>();
  }

  async appendMessage(m: { conversationId: string; senderId: string; text: string; clientMessageId: string | null }): Promise<{ message: MessageRecord; created: boolean }> {
    // The common retry (the first attempt's answer was lost) is answered here
    // without touching the sequence.
    if (m.clientMessageId) {
      const existing = await this.findByClientMessageId(m.conversationId, m.senderId, m.clientMessageId);
      if (existing) return { message: msg(existing), created: false };
    }
    // The atomic $inc hands out each sequence number once, even across replicas.
    // updatedAt uses $max so that clock skew between replicas never moves a
    // conversation back in the list.
    const now = new Date();
    const bumped = await this.conversations
      .findOneAndUpdate({ _id: m.conversationId }, { $inc: { lastSeq: 1 }, $max: { updatedAt: now } }, { returnDocument: 'after', projection: { lastSeq: 1 } })
      .lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!bumped) throw new Error(`conversation ${m.conversationId} does not exist`);
    const doc: MessageDoc = {
      _id: uuidv7(),
      conversationId: m.conversationId,
      seq: bumped.lastSeq,
      senderId: m.senderId,
      text: m.text,
      clientMessageId: m.clientMessageId,
      recalledAt: null,
      createdAt: now,
    };
    try {
      await this.messages.create(doc);
    } catch (err) {
      // Two copies of the same send raced past the check above and the other
      // one stored first; the unique partial index refused this copy. Without a
      // replica-set transaction the sequence number taken above cannot be given
      // back, so it is burned: a gap in seq, never a duplicate message or a
      // duplicate seq. A crash between the $inc and the insert leaves the same
      // kind of gap. Readers treat seq as an ordering and resume point, not as
      // a count, and lastMessages does not assume lastSeq is stored.
      if (m.clientMessageId && isMongoDuplicateKey(err)) {
        const winner = await this.findByClientMessageId(m.conversationId, m.senderId, m.clientMessageId);
        if (winner) return { message: msg(winner), created: false };
      }
      throw err;
    }
    // Sending implies having read everything up to one's own message; $max
    // because a concurrent, later send by the same user may have moved it further.
    await this.members.updateOne({ conversationId: m.conversationId, userId: m.senderId }, { $max: { lastReadSeq: doc.seq } });
    return { message: msg(doc), created: true };
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (await this.messages.find({ _id: { $in: [...ids] } }).lean<MessageDoc[]>()).map(msg);
  }

  async findMessageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRecord | null> {
    const doc = await this.findByClientMessageId(conversationId, senderId, clientMessageId);
    return doc ? msg(doc) : null;
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const seq: { $gt?: number; $lt?: number } = {};
    if (q.afterSeq !== undefined) seq.$gt = q.afterSeq;
    if (q.beforeSeq !== undefined) seq.$lt = q.beforeSeq;
    const filter = { conversationId: q.conversationId, ...(Object.keys(seq).length ? { seq } : {}) };
    if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
      const docs = await this.messages.find(filter).sort({ seq: -1 }).limit(q.limit).lean<MessageDoc[]>();
      return docs.reverse().map(msg);
    }
    return (await this.messages.find(filter).sort({ seq: 1 }).limit(q.limit).lean<MessageDoc[]>()).map(msg);
  }

  async lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]> {
    if (conversationIds.length === 0) return [];
    // The newest stored message, not the one at lastSeq: a burned sequence
    // number (see appendMessage) may be the last one. Sorting backwards along
    // the (conversationId, seq) index lets the server take the first per group
    // without reading whole conversations.
    const docs = await this.messages.aggregate<MessageDoc>([
      { $match: { conversationId: { $in: [...conversationIds] } } },
      { $sort: { conversationId: -1, seq: -1 } },
      { $group: { _id: '$conversationId', doc: { $first: '$$ROOT' } } },
      { $replaceRoot: { newRoot: '$doc' } },
    ]);
    return docs.map(msg);
  }

  async recallMessage(messageId: string): Promise<MessageRecord | null> {
    // Only the first recall stamps recalledAt; a repeated recall returns the
    // message as it already is.
    const doc = await this.messages
      .findOneAndUpdate({ _id: messageId, recalledAt: null }, { $set: { text: null, recalledAt: new Date() } }, { returnDocument: 'after' })
      .lean<MessageDoc>();
    if (doc) return msg(doc);
    const existing = await this.messages.findOne({ _id: messageId }).lean<MessageDoc>();
    return existing ? msg(existing) : null;
  }

  // ---- Read positions and unread counts

  async markRead(conversationId: string, userId: string, seq: number): Promise<number> {
    const c = await this.conversations.findOne({ _id: conversationId }, { lastSeq: 1 }).lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!c) return 0;
    // lastSeq only grows, so capping with a value read a moment ago can fall
    // short of the newest message but never passes it; $max keeps the position
    // from moving back when reads from two devices arrive out of order.
    const doc = await this.members
      .findOneAndUpdate({ conversationId, userId }, { $max: { lastReadSeq: Math.min(seq, c.lastSeq) } }, { returnDocument: 'after', projection: { lastReadSeq: 1 } })
      .lean<Pick<MemberDoc, 'lastReadSeq'>>();
    return doc?.lastReadSeq ?? 0;
  }

  async readPositions(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const docs = await this.members
      .find({ userId, conversationId: { $in: [...conversationIds] } }, { conversationId: 1, lastReadSeq: 1 })
      .lean<Pick<MemberDoc, 'conversationId' | 'lastReadSeq'>[]>();
    return new Map(docs.map((d) => [d.conversationId, d.lastReadSeq]));
  }

  async memberReadPositions(conversationId: string): Promise<Map<string, number>> {
    const docs = await this.members.find({ conversationId }, { userId: 1, lastReadSeq: 1 }).lean<Pick<MemberDoc, 'userId' | 'lastReadSeq'>[]>();
    return new Map(docs.map((d) => [d.userId, d.lastReadSeq]));
  }

  async totalUnread(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    // One round trip for any number of users: their memberships joined with
    // each conversation's lastSeq. A burned seq (see appendMessage) counts as
    // unread until the member marks read up to lastSeq.
    const rows = await this.members.aggregate<{ _id: string; unread: number }>([
      { $match: { userId: { $in: [...userIds] } } },
      { $lookup: { from: this.conversations.collection.collectionName, localField: 'conversationId', foreignField: '_id', as: 'c' } },
      { $unwind: '$c' },
      { $group: { _id: '$userId', unread: { $sum: { $subtract: ['$c.lastSeq', '$lastReadSeq'] } } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.unread]));
  }

  async lastSeqsOf(userId: string): Promise<Map<string, number>> {
    const memberships = await this.members.find({ userId }, { conversationId: 1 }).lean<Pick<MemberDoc, 'conversationId'>[]>();
    if (memberships.length === 0) return new Map();
    const docs = await this.conversations
      .find({ _id: { $in: memberships.map((m) => m.conversationId) } }, { lastSeq: 1 })
      .lean<Pick<ConversationDoc, '_id' | 'lastSeq'>[]>();
    return new Map(docs.map((d) => [d._id, d.lastSeq]));
  }

  // ---- Blocks

  async block(blockerId: string, blockedId: string): Promise<void> {
    try {
      await this.blocks.updateOne({ blockerId, blockedId }, { $setOnInsert: { _id: uuidv7(), createdAt: new Date() } }, { upsert: true });
    } catch (err) {
      // Two concurrent upserts of the same pair: the other one stored it.
      if (!isMongoDuplicateKey(err)) throw err;
    }
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.blocks.deleteOne({ blockerId, blockedId });
  }

  async blockedBy(userId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const docs = await this.blocks.find({ blockedId: userId, blockerId: { $in: [...candidateIds] } }, { blockerId: 1 }).lean<Pick<BlockDoc, 'blockerId'>[]>();
    return new Set(docs.map((d) => d.blockerId));
  }

  async listBlocked(blockerId: string): Promise<string[]> {
    const docs = await this.blocks.find({ blockerId }, { blockedId: 1 }).sort({ createdAt: 1, _id: 1 }).lean<Pick<BlockDoc, 'blockedId'>[]>();
    return docs.map((d) => d.blockedId);
  }

  // ---- Notifications inbox and the follower projection it needs

  async addNotifications(eventId: string, items: Omit<NotificationRecord, 'id' | 'readAt' | 'createdAt'>[]): Promise<NotificationRecord[]> {
    const now = new Date();
    const docs: NotificationDoc[] = items.map((item) => ({
      _id: uuidv7(),
      eventId,
      recipientId: item.recipientId,
      kind: item.kind,
      actorId: item.actorId,
      subjectId: item.subjectId,
      payload: item.payload,
      readAt: null,
      createdAt: now,
    }));
    // Unordered, so one recipient already notified for this event (a
    // redelivery) does not stop the others from being stored.
    const stored = await insertIgnoringDuplicates(this.notifications, docs);
    return stored.map((i) => ({ ...items[i]!, id: docs[i]!._id, readAt: null, createdAt: now }));
  }

  async listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>> {
    // uuid v7 ids sort by creation time, so the id is both order and cursor.
    const docs = await this.notifications
      .find({ recipientId, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<NotificationDoc[]>();
    return { items: docs.slice(0, q.limit).map(notification), hasNextPage: docs.length > q.limit };
  }

  async listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]> {
    const docs = await this.notifications
      .find({ recipientId, _id: { $gt: q.afterId } })
      .sort({ _id: 1 })
      .limit(q.limit)
      .lean<NotificationDoc[]>();
    return docs.map(notification);
  }

  async markNotificationsRead(recipientId: string, ids?: string[]): Promise<number> {
    const filter: mongoose.QueryFilter<NotificationDoc> = { recipientId, readAt: null };
    if (ids) filter._id = { $in: ids };
    const res = await this.notifications.updateMany(filter, { $set: { readAt: new Date() } });
    return res.modifiedCount;
  }

  async unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>> {
    if (recipientIds.length === 0) return new Map();
    const rows = await this.notifications.aggregate<{ _id: string; n: number }>([
      { $match: { recipientId: { $in: [...recipientIds] }, readAt: null } },
      { $group: { _id: '$recipientId', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async setFollow(followerId: string, followeeId: string, following: boolean): Promise<void> {
    if (!following) {
      await this.follows.deleteOne({ followerId, followeeId });
      return;
    }
    try {
      await this.follows.updateOne({ followeeId, followerId }, { $setOnInsert: { _id: uuidv7() } }, { upsert: true });
    } catch (err) {
      // The same follow event applied twice at once: the other one stored it.
      if (!isMongoDuplicateKey(err)) throw err;
    }
  }

  async followersOf(userId: string): Promise<string[]> {
    const docs = await this.follows.find({ followeeId: userId }, { followerId: 1 }).lean<Pick<FollowDoc, 'followerId'>[]>();
    return docs.map((d) => d.followerId);
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
