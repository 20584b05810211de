import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { UniqueViolation } from '../../lib/errors.js';
import { isMongoDuplicateKey } from '../../lib/data/documents.js';
import type { FollowPage, NewUser, ProfileChanges, UserRecord, UserStore, UserStoreOptions, Visibility } from './store.js';

type UserDoc = Omit<UserRecord, 'id'> & { _id: string; usernameLower: string };
interface FollowDoc {
  _id: string;
  followerId: string;
  followeeId: string;
  createdAt: Date;
}

const VISIBILITY: Visibility[] = ['EVERYONE', 'FOLLOWERS', 'ONLY_ME'];
const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    usernameLower: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    bio: { type: String, default: '' },
    avatarKey: { type: String, default: null },
    passwordHash: { type: String, required: true },
    roles: { type: [String], default: [] },
    followerCount: { type: Number, default: 0 },
    followingCount: { type: Number, default: 0 },
    privacyFavourites: { type: String, enum: VISIBILITY, default: 'EVERYONE' },
    privacyFollows: { type: String, enum: VISIBILITY, default: 'EVERYONE' },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, versionKey: false },
);

const followSchema = new Schema<FollowDoc>(
  {
    _id: { type: String, required: true },
    followerId: { type: String, required: true },
    followeeId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
followSchema.index({ followerId: 1, followeeId: 1 }, { unique: true });
followSchema.index({ followeeId: 1, _id: -1 });
followSchema.index({ followerId: 1, _id: -1 });

function toRecord({ _id, usernameLower: _l, ...rest }: UserDoc): UserRecord {
  return { id: _id, ...rest, avatarKey: rest.avatarKey ?? null, roles: [...(rest.roles ?? [])] };
}

export class MongoUserStore implements UserStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly users: mongoose.Model<UserDoc>,
    private readonly follows: mongoose.Model<FollowDoc>,
    private readonly options: UserStoreOptions,
  ) {}

  static async create(conn: mongoose.Connection, options: UserStoreOptions = {}): Promise<MongoUserStore> {
    const users = conn.model<UserDoc>('User', userSchema, 'users');
    const follows = conn.model<FollowDoc>('Follow', followSchema, 'follows');
    // Build indexes now: a unique index that does not exist yet enforces nothing.
    await Promise.all([users.createIndexes(), follows.createIndexes()]);
    return new MongoUserStore(conn, users, follows, options);
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    try {
      const doc = await this.users.create({
        _id: uuidv7(),
        username: user.username,
        usernameLower: user.username.toLowerCase(),
        displayName: user.displayName,
        bio: user.bio ?? '',
        passwordHash: user.passwordHash,
        roles: user.roles ?? [],
      });
      return toRecord(doc.toObject());
    } catch (err) {
      if (isMongoDuplicateKey(err)) throw new UniqueViolation('username');
      throw err;
    }
  }

  async findUsersByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    return (await this.users.find({ _id: { $in: [...ids] } }).lean<UserDoc[]>()).map(toRecord);
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const doc = await this.users.findOne({ usernameLower: username.toLowerCase() }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserRecord | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const doc = await this.users.findOneAndUpdate({ _id: id }, { $set: set, $inc: { version: 1 } }, { new: true }).lean<UserDoc>();
    return doc ? toRecord(doc) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { passwordHash } });
  }

  // A follow (or unfollow) and both counters run in one multi-document
  // transaction: connection.transaction() runs session.withTransaction, which
  // retries the callback on TransientTransactionError (e.g. a write conflict
  // with a concurrent follow of the same user) and the commit on
  // UnknownTransactionCommitResult. Read concern "snapshot" (the transaction
  // reads one point in time), write concern "majority" (the commit survives a
  // failover), reads from the primary. Needs a replica set.
  // The unique (followerId, followeeId) index lets one follow per pair in: a
  // repeated follow fails with a duplicate key, which aborts the transaction
  // (nothing was counted) and answers false. Inside the callback every
  // operation carries the session, runs one at a time, and no error is
  // swallowed (the driver could not tell whether the server aborted).
  private transaction<T>(fn: (session: mongoose.mongo.ClientSession) => Promise<T>): Promise<T> {
    return this.conn.transaction(fn, { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, readPreference: 'primary' });
  }

  async follow(followerId: string, followeeId: string): Promise<boolean> {
    try {
      return await this.transaction(async (session) => {
        await this.follows.insertOne({ _id: uuidv7(), followerId, followeeId, createdAt: new Date() }, { session });
        this.options.afterWrite?.('follow: follow stored');
        await this.bumpCounts(followerId, followeeId, 1, session);
        return true;
      });
    } catch (err) {
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.transaction(async (session) => {
      const removed = await this.follows.findOneAndDelete({ followerId, followeeId }, { session }).lean<FollowDoc>();
      if (!removed) return false;
      this.options.afterWrite?.('unfollow: follow removed');
      await this.bumpCounts(followerId, followeeId, -1, session);
      return true;
    });
  }

  private async bumpCounts(followerId: string, followeeId: string, delta: number, session: mongoose.mongo.ClientSession) {
    // One ordered bulk write: the two $inc go one after the other inside the transaction.
    await this.users.bulkWrite(
      [
        { updateOne: { filter: { _id: followerId }, update: { $inc: { followingCount: delta } } } },
        { updateOne: { filter: { _id: followeeId }, update: { $inc: { followerCount: delta } } } },
      ],
      { session },
    );
  }

  async followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const docs = await this.follows.find({ followerId, followeeId: { $in: [...candidateIds] } }, { followeeId: 1 }).lean<FollowDoc[]>();
    return new Set(docs.map((d) => d.followeeId));
  }

  async listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page({ followeeId: userId }, 'followerId', q);
  }

  async listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page({ followerId: userId }, 'followeeId', q);
  }

  private async page(filter: Partial<FollowDoc>, other: 'followerId' | 'followeeId', q: { limit: number; after?: string }): Promise<FollowPage> {
    const docs = await this.follows
      .find({ ...filter, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<FollowDoc[]>();
    return { items: docs.slice(0, q.limit).map((d) => ({ userId: d[other], cursor: d._id })), hasNextPage: docs.length > q.limit };
  }

  async listUsers(q: { limit: number; after?: string }): Promise<{ items: UserRecord[]; hasNextPage: boolean }> {
    const docs = await this.users.find(q.after ? { _id: { $gt: q.after } } : {}).sort({ _id: 1 }).limit(q.limit + 1).lean<UserDoc[]>();
    return { items: docs.slice(0, q.limit).map(toRecord), hasNextPage: docs.length > q.limit };
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
