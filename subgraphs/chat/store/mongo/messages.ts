import type mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { TRANSACTION_OPTIONS, isMongoDuplicateKey, withId } from '../../../../lib/data/documents.js';
import type { MessageRecord, MessageStore } from '../messages.js';
import { type ChatModels, type ConversationDoc, type MessageDoc } from './models.js';

// Read and write concerns: the connection's defaults (read concern `local`
// from the primary, write concern `majority`; see models.ts), except inside
// appendMessage's transaction, which says per operation what it runs with.

const msg = (d: MessageDoc): MessageRecord => ({ ...withId(d), text: d.text ?? null, clientMessageId: d.clientMessageId ?? null, recalledAt: d.recalledAt ?? null });

export class MongoMessageStore implements MessageStore {
  constructor(private readonly m: ChatModels) {}

  private byClientId(conversationId: string, senderId: string, clientMessageId: string, session?: mongoose.ClientSession): Promise<MessageDoc | null> {
    return this.m.messages.findOne({ conversationId, senderId, clientMessageId }, null, session ? { session } : {}).lean<MessageDoc>();
  }

  async appendMessage(m: { conversationId: string; senderId: string; text: string; clientMessageId: string | null }): Promise<{ message: MessageRecord; created: boolean }> {
    // The common retry (the first attempt's answer was lost) is answered here,
    // outside any transaction. Read concern `local`: a message it finds was
    // committed with `majority`, so it is the one the client was answered with.
    if (m.clientMessageId) {
      const existing = await this.byClientId(m.conversationId, m.senderId, m.clientMessageId);
      if (existing) return { message: msg(existing), created: false };
    }
    try {
      // One multi-document transaction (TRANSACTION_OPTIONS: snapshot reads,
      // majority commit, primary): the counter bump, the message and the
      // sender's read position commit together or not at all, so sequence
      // numbers have no gaps and a failure after the first write leaves none
      // of them. Concurrent sends to one conversation all write its document:
      // all but one fail with WriteConflict (TransientTransactionError) and
      // are run again by withTransaction on a fresh snapshot, after the
      // winner committed, so each takes the next number.
      return await this.m.conn.transaction(async (session) => {
        // Snapshot read (the transaction's): a copy of this send that
        // committed since the check above is seen here, and answered.
        if (m.clientMessageId) {
          const existing = await this.byClientId(m.conversationId, m.senderId, m.clientMessageId, session);
          if (existing) return { message: msg(existing), created: false };
        }
        const now = new Date();
        // First write: the counter. Atomic $inc on the conversation document,
        // in the transaction (its write concern, `majority`, applies at
        // commit). updatedAt uses $max so that clock skew between replicas
        // never moves a conversation back in the list.
        const bumped = await this.m.conversations
          .findOneAndUpdate({ _id: m.conversationId }, { $inc: { lastSeq: 1 }, $max: { updatedAt: now } }, { session, returnDocument: 'after', projection: { lastSeq: 1 } })
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
        // Second write: the message, in the transaction. The unique indexes
        // (conversationId, seq) and (conversationId, senderId, clientMessageId)
        // are checked against the snapshot and against other transactions'
        // uncommitted writes (a WriteConflict, retried).
        await this.m.messages.insertMany([doc], { session });
        // Third write: sending implies having read everything up to one's own
        // message; $max because a later send by the same user may have moved
        // it further. In the transaction.
        await this.m.members.updateOne({ conversationId: m.conversationId, userId: m.senderId }, { $max: { lastReadSeq: doc.seq } }, { session });
        return { message: msg(doc), created: true };
      }, TRANSACTION_OPTIONS);
    } catch (err) {
      // A copy of the same send committed between this one's snapshot and its
      // insert, and the unique index refused this one: the transaction was
      // aborted (nothing of it stays), so the winner's message is the answer.
      if (m.clientMessageId && isMongoDuplicateKey(err)) {
        const winner = await this.byClientId(m.conversationId, m.senderId, m.clientMessageId);
        if (winner) return { message: msg(winner), created: false };
      }
      throw err;
    }
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.messages.find({ _id: { $in: [...ids] } }).lean<MessageDoc[]>()).map(msg);
  }

  async findMessageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRecord | null> {
    const doc = await this.byClientId(conversationId, senderId, clientMessageId);
    return doc ? msg(doc) : null;
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const seq: { $gt?: number; $lt?: number } = {};
    if (q.afterSeq !== undefined) seq.$gt = q.afterSeq;
    if (q.beforeSeq !== undefined) seq.$lt = q.beforeSeq;
    const filter = { conversationId: q.conversationId, ...(Object.keys(seq).length ? { seq } : {}) };
    if (q.afterSeq === undefined && q.beforeSeq !== undefined) {
      const docs = await this.m.messages.find(filter).sort({ seq: -1 }).limit(q.limit).lean<MessageDoc[]>();
      return docs.reverse().map(msg);
    }
    return (await this.m.messages.find(filter).sort({ seq: 1 }).limit(q.limit).lean<MessageDoc[]>()).map(msg);
  }

  async lastMessages(conversationIds: readonly string[]): Promise<MessageRecord[]> {
    if (conversationIds.length === 0) return [];
    // The newest stored message rather than the one at lastSeq: data written
    // before appends were transactional may end on a burned sequence number.
    // Sorting backwards along the (conversationId, seq) index lets the server
    // take the first per group without reading whole conversations.
    const docs = await this.m.messages.aggregate<MessageDoc>([
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
    const doc = await this.m.messages.findOneAndUpdate({ _id: messageId, recalledAt: null }, { $set: { text: null, recalledAt: new Date() } }, { returnDocument: 'after' }).lean<MessageDoc>();
    if (doc) return msg(doc);
    const existing = await this.m.messages.findOne({ _id: messageId }).lean<MessageDoc>();
    return existing ? msg(existing) : null;
  }
}
