import type mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { ConversationKind, ConversationRecord, ConversationStore, Page } from '../conversations.js';
import { conversationRecord as conv, insertIgnoringDuplicates, type ChatModels, type ConversationDoc, type MemberDoc, type BlockDoc } from './models.js';

// Read and write concerns: the connection's defaults everywhere (read concern
// `local` from the primary, write concern `majority`; see models.ts). Each
// method is built from single-document atomic steps ordered so that a crash
// between them leaves at worst an empty conversation or a missing
// denormalized timestamp, never a duplicate or a broken invariant.

export class MongoConversationStore implements ConversationStore {
  constructor(private readonly m: ChatModels) {}

  /**
   * Joins users with `lastReadSeq` as their read position. The _ids are uuid v7,
   * generated in order, so (joinedAt, _id) keeps the owner first among members
   * who joined in the same millisecond: ownership passes by that order.
   */
  private async join(conversationId: string, userIds: string[], lastReadSeq: number, joinedAt: Date): Promise<string[]> {
    const unique = [...new Set(userIds)];
    const docs = unique.map((userId) => ({ _id: uuidv7(), conversationId, userId, lastReadSeq, joinedAt }));
    return (await insertIgnoringDuplicates(this.m.members, docs)).map((i) => unique[i]!);
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    const now = new Date();
    const doc: ConversationDoc = { _id: uuidv7(), kind: c.kind, title: c.title, ownerId: c.ownerId, lastSeq: 0, createdAt: now, updatedAt: now };
    // Conversation first: members pointing at a conversation that was never
    // stored would be invisible garbage, while a conversation whose member
    // insert failed is simply empty.
    await this.m.conversations.create(doc);
    await this.join(doc._id, [c.ownerId, ...c.memberIds], 0, now);
    return conv(doc);
  }

  async directConversation(a: string, b: string): Promise<ConversationRecord> {
    const directKey = [a, b].sort().join(':');
    const existing = await this.m.conversations.findOne({ directKey }).lean<ConversationDoc>();
    if (existing) return conv(existing);
    const now = new Date();
    const doc: ConversationDoc = { _id: uuidv7(), kind: 'DIRECT', directKey, title: null, ownerId: a, lastSeq: 0, createdAt: now, updatedAt: now };
    try {
      await this.m.conversations.create(doc);
      await this.join(doc._id, [a, b], 0, now);
      return conv(doc);
    } catch (err) {
      if (!isMongoDuplicateKey(err)) throw err;
      // A concurrent call created the pair's conversation first: use the winner's.
      const winner = await this.m.conversations.findOne({ directKey }).lean<ConversationDoc>();
      if (!winner) throw err;
      // The winner may not have stored its members yet; joining is idempotent,
      // so both callers return only once the pair are members.
      await this.join(winner._id, [winner.ownerId, a, b], 0, winner.createdAt);
      return conv(winner);
    }
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.conversations.find({ _id: { $in: [...ids] } }).lean<ConversationDoc[]>()).map(conv);
  }

  async listConversationsOf(userId: string, q: { limit: number; after?: string }): Promise<Page<ConversationRecord & { cursor: string }>> {
    const memberships = await this.m.members.find({ userId }, { conversationId: 1 }).lean<Pick<MemberDoc, 'conversationId'>[]>();
    if (memberships.length === 0) return { items: [], hasNextPage: false };
    const filter: mongoose.QueryFilter<ConversationDoc> = { _id: { $in: memberships.map((m) => m.conversationId) } };
    // Cursor: "<ISO updatedAt>|<id>", the same as SQLite's, so ties on time still
    // page deterministically by id.
    if (q.after) {
      const [afterTime = '', afterId = ''] = q.after.split('|');
      const time = new Date(afterTime);
      filter.$or = [{ updatedAt: { $lt: time } }, { updatedAt: time, _id: { $lt: afterId } }];
    }
    const docs = await this.m.conversations
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
    const docs = await this.m.members
      .find({ conversationId: { $in: [...conversationIds] } }, { conversationId: 1, userId: 1 })
      .sort({ joinedAt: 1, _id: 1 })
      .lean<Pick<MemberDoc, 'conversationId' | 'userId'>[]>();
    for (const d of docs) result.get(d.conversationId)?.push(d.userId);
    return result;
  }

  async addMembers(conversationId: string, userIds: string[]): Promise<string[]> {
    const c = await this.m.conversations.findOne({ _id: conversationId }, { lastSeq: 1 }).lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!c) return [];
    const now = new Date();
    // New members start with everything before they joined already read. A
    // message appended between the read of lastSeq and the insert counts as
    // unread for them, which is the safe side.
    const added = await this.join(conversationId, userIds, c.lastSeq, now);
    // $max, not $set: a concurrent append may already have recorded later activity.
    if (added.length) await this.m.conversations.updateOne({ _id: conversationId }, { $max: { updatedAt: now } });
    return added;
  }

  async removeMember(conversationId: string, userId: string): Promise<ConversationRecord | null> {
    await this.m.members.deleteOne({ conversationId, userId });
    const c = await this.m.conversations.findOne({ _id: conversationId }).lean<ConversationDoc>();
    if (!c) return null;
    if (c.ownerId !== userId) return conv(c);
    const heir = await this.m.members.findOne({ conversationId }, { userId: 1 }).sort({ joinedAt: 1, _id: 1 }).lean<Pick<MemberDoc, 'userId'>>();
    // The last member leaving keeps the owner as it was, as SQLite does.
    if (!heir) return conv(c);
    // Conditional on the owner still being the one who left, so two concurrent
    // handovers cannot overwrite each other's outcome.
    const after = await this.m.conversations.findOneAndUpdate({ _id: conversationId, ownerId: userId }, { $set: { ownerId: heir.userId } }, { returnDocument: 'after' }).lean<ConversationDoc>();
    if (after) return conv(after);
    const current = await this.m.conversations.findOne({ _id: conversationId }).lean<ConversationDoc>();
    return current ? conv(current) : null;
  }

  async rename(conversationId: string, title: string): Promise<ConversationRecord | null> {
    const doc = await this.m.conversations.findOneAndUpdate({ _id: conversationId }, { $set: { title }, $max: { updatedAt: new Date() } }, { returnDocument: 'after' }).lean<ConversationDoc>();
    return doc ? conv(doc) : null;
  }

  // ---- Read positions and unread counts

  async markRead(conversationId: string, userId: string, seq: number): Promise<number> {
    const c = await this.m.conversations.findOne({ _id: conversationId }, { lastSeq: 1 }).lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!c) return 0;
    // lastSeq only grows, so capping with a value read a moment ago can fall
    // short of the newest message but never passes it; $max keeps the position
    // from moving back when reads from two devices arrive out of order.
    const doc = await this.m.members
      .findOneAndUpdate({ conversationId, userId }, { $max: { lastReadSeq: Math.min(seq, c.lastSeq) } }, { returnDocument: 'after', projection: { lastReadSeq: 1 } })
      .lean<Pick<MemberDoc, 'lastReadSeq'>>();
    return doc?.lastReadSeq ?? 0;
  }

  async readPositions(userId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const docs = await this.m.members
      .find({ userId, conversationId: { $in: [...conversationIds] } }, { conversationId: 1, lastReadSeq: 1 })
      .lean<Pick<MemberDoc, 'conversationId' | 'lastReadSeq'>[]>();
    return new Map(docs.map((d) => [d.conversationId, d.lastReadSeq]));
  }

  async memberReadPositions(conversationId: string): Promise<Map<string, number>> {
    const docs = await this.m.members.find({ conversationId }, { userId: 1, lastReadSeq: 1 }).lean<Pick<MemberDoc, 'userId' | 'lastReadSeq'>[]>();
    return new Map(docs.map((d) => [d.userId, d.lastReadSeq]));
  }

  async totalUnread(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    // One round trip for any number of users: their memberships joined with
    // each conversation's lastSeq. Data written before appends were
    // transactional may hold a burned seq, which counts as unread until the
    // member marks read up to lastSeq.
    const rows = await this.m.members.aggregate<{ _id: string; unread: number }>([
      { $match: { userId: { $in: [...userIds] } } },
      { $lookup: { from: this.m.conversations.collection.collectionName, localField: 'conversationId', foreignField: '_id', as: 'c' } },
      { $unwind: '$c' },
      { $group: { _id: '$userId', unread: { $sum: { $subtract: ['$c.lastSeq', '$lastReadSeq'] } } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.unread]));
  }

  async lastSeqsOf(userId: string): Promise<Map<string, number>> {
    const memberships = await this.m.members.find({ userId }, { conversationId: 1 }).lean<Pick<MemberDoc, 'conversationId'>[]>();
    if (memberships.length === 0) return new Map();
    const docs = await this.m.conversations.find({ _id: { $in: memberships.map((m) => m.conversationId) } }, { lastSeq: 1 }).lean<Pick<ConversationDoc, '_id' | 'lastSeq'>[]>();
    return new Map(docs.map((d) => [d._id, d.lastSeq]));
  }

  // ---- Blocks

  async block(blockerId: string, blockedId: string): Promise<void> {
    try {
      await this.m.blocks.updateOne({ blockerId, blockedId }, { $setOnInsert: { _id: uuidv7(), createdAt: new Date() } }, { upsert: true });
    } catch (err) {
      // Two concurrent upserts of the same pair: the other one stored it.
      if (!isMongoDuplicateKey(err)) throw err;
    }
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.m.blocks.deleteOne({ blockerId, blockedId });
  }

  async blockedBy(userId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const docs = await this.m.blocks.find({ blockedId: userId, blockerId: { $in: [...candidateIds] } }, { blockerId: 1 }).lean<Pick<BlockDoc, 'blockerId'>[]>();
    return new Set(docs.map((d) => d.blockerId));
  }

  async listBlocked(blockerId: string): Promise<string[]> {
    const docs = await this.m.blocks.find({ blockerId }, { blockedId: 1 }).sort({ createdAt: 1, _id: 1 }).lean<Pick<BlockDoc, 'blockedId'>[]>();
    return docs.map((d) => d.blockedId);
  }
}
