import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import type { ChatStore, ConversationKind, ConversationRecord, MessageRecord } from './store.js';

interface ConversationDoc {
  _id: string;
  kind: ConversationKind;
  title: string | null;
  ownerId: string;
  lastSeq: number;
  members: { userId: string; joinedAt: Date }[];
  createdAt: Date;
  updatedAt: Date;
}
type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string };

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['DIRECT', 'GROUP'], required: true },
    title: { type: String, default: null },
    ownerId: { type: String, required: true },
    lastSeq: { type: Number, default: 0 },
    members: [{ _id: false, userId: { type: String, required: true }, joinedAt: { type: Date, required: true } }],
  },
  { timestamps: true, versionKey: false },
);
conversationSchema.index({ 'members.userId': 1 });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    text: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });

const conv = (d: ConversationDoc): ConversationRecord => ({
  id: d._id,
  kind: d.kind,
  title: d.title ?? null,
  ownerId: d.ownerId,
  lastSeq: d.lastSeq,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
const msg = ({ _id, ...rest }: MessageDoc): MessageRecord => ({ id: _id, ...rest, text: rest.text ?? null });

export class MongoChatStore implements ChatStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly conversations: mongoose.Model<ConversationDoc>,
    private readonly messages: mongoose.Model<MessageDoc>,
  ) {}

  static async create(conn: mongoose.Connection): Promise<MongoChatStore> {
    const conversations = conn.model<ConversationDoc>('Conversation', conversationSchema, 'conversations');
    const messages = conn.model<MessageDoc>('Message', messageSchema, 'messages');
    await Promise.all([conversations.createIndexes(), messages.createIndexes()]);
    return new MongoChatStore(conn, conversations, messages);
  }

  async createConversation(c: { kind: ConversationKind; title: string | null; ownerId: string; memberIds: string[] }): Promise<ConversationRecord> {
    const now = new Date();
    const doc = await this.conversations.create({
      _id: uuidv7(),
      kind: c.kind,
      title: c.title,
      ownerId: c.ownerId,
      lastSeq: 0,
      members: [...new Set(c.memberIds)].map((userId) => ({ userId, joinedAt: now })),
    });
    return conv(doc.toObject());
  }

  async findConversationsByIds(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    return (await this.conversations.find({ _id: { $in: [...ids] } }).lean<ConversationDoc[]>()).map(conv);
  }

  async membersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return result;
    const docs = await this.conversations.find({ _id: { $in: [...conversationIds] } }, { members: 1 }).lean<Pick<ConversationDoc, '_id' | 'members'>[]>();
    for (const d of docs) result.set(d._id, d.members.map((m) => m.userId));
    return result;
  }

  async appendMessage(m: { conversationId: string; senderId: string; text: string }): Promise<MessageRecord> {
    // The atomic $inc hands out each sequence number once, even across replicas.
    // Without a replica-set transaction a crash between the two writes can leave
    // a gap in seq (never a duplicate); readers treat seq as ordering, not a count.
    const now = new Date();
    const bumped = await this.conversations
      .findOneAndUpdate({ _id: m.conversationId }, { $inc: { lastSeq: 1 }, $set: { updatedAt: now } }, { new: true, projection: { lastSeq: 1 } })
      .lean<Pick<ConversationDoc, 'lastSeq'>>();
    if (!bumped) throw new Error(`conversation ${m.conversationId} does not exist`);
    const doc: MessageDoc = { _id: uuidv7(), conversationId: m.conversationId, seq: bumped.lastSeq, senderId: m.senderId, text: m.text, createdAt: now };
    await this.messages.create(doc);
    return msg(doc);
  }

  async findMessagesByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return (await this.messages.find({ _id: { $in: [...ids] } }).lean<MessageDoc[]>()).map(msg);
  }

  async listMessages(q: { conversationId: string; afterSeq?: number; beforeSeq?: number; limit: number }): Promise<MessageRecord[]> {
    const seq: Record<string, number> = {};
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
    const convs = await this.conversations.find({ _id: { $in: [...conversationIds] }, lastSeq: { $gt: 0 } }, { lastSeq: 1 }).lean<Pick<ConversationDoc, '_id' | 'lastSeq'>[]>();
    if (convs.length === 0) return [];
    const docs = await this.messages.find({ $or: convs.map((c) => ({ conversationId: c._id, seq: c.lastSeq })) }).lean<MessageDoc[]>();
    return docs.map(msg);
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
