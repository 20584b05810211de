import type mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { TRANSACTION_OPTIONS, isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { FollowPage, FollowStore } from '../follows.js';
import type { AdapterOptions } from '../probe.js';
import type { FollowDoc, UserModels } from './models.js';

export class MongoFollowStore implements FollowStore {
  constructor(
    private readonly m: UserModels,
    private readonly options: AdapterOptions = {},
  ) {}

  // A follow (or unfollow) and both counters run in one multi-document
  // transaction: connection.transaction() runs session.withTransaction, which
  // retries the callback on TransientTransactionError (e.g. a write conflict
  // with a concurrent follow of the same user) and the commit on
  // UnknownTransactionCommitResult, with TRANSACTION_OPTIONS (lib/data/documents.ts).
  // Needs a replica set.
  // The unique (followerId, followeeId) index lets one follow per pair in: a
  // repeated follow fails with a duplicate key, which aborts the transaction
  // (nothing was counted) and answers false. Inside the callback every
  // operation carries the session, runs one at a time, and no error is
  // swallowed (the driver could not tell whether the server aborted).
  private transaction<T>(fn: (session: mongoose.mongo.ClientSession) => Promise<T>): Promise<T> {
    return this.m.conn.transaction(fn, TRANSACTION_OPTIONS);
  }

  async follow(followerId: string, followeeId: string): Promise<boolean> {
    try {
      return await this.transaction(async (session) => {
        await this.m.follows.insertOne({ _id: uuidv7(), followerId, followeeId, createdAt: new Date() }, { session });
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
      const removed = await this.m.follows.findOneAndDelete({ followerId, followeeId }, { session }).lean<FollowDoc>();
      if (!removed) return false;
      this.options.afterWrite?.('unfollow: follow removed');
      await this.bumpCounts(followerId, followeeId, -1, session);
      return true;
    });
  }

  private async bumpCounts(followerId: string, followeeId: string, delta: number, session: mongoose.mongo.ClientSession) {
    // One ordered bulk write: the two $inc go one after the other inside the transaction.
    await this.m.users.bulkWrite(
      [
        { updateOne: { filter: { _id: followerId }, update: { $inc: { followingCount: delta } } } },
        { updateOne: { filter: { _id: followeeId }, update: { $inc: { followerCount: delta } } } },
      ],
      { session },
    );
  }

  async followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const docs = await this.m.follows.find({ followerId, followeeId: { $in: [...candidateIds] } }, { followeeId: 1 }).lean<FollowDoc[]>();
    return new Set(docs.map((d) => d.followeeId));
  }

  async listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page({ followeeId: userId }, 'followerId', q);
  }

  async listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page({ followerId: userId }, 'followeeId', q);
  }

  private async page(filter: Partial<FollowDoc>, other: 'followerId' | 'followeeId', q: { limit: number; after?: string }): Promise<FollowPage> {
    const docs = await this.m.follows
      .find({ ...filter, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<FollowDoc[]>();
    return { items: docs.slice(0, q.limit).map((d) => ({ userId: d[other], cursor: d._id })), hasNextPage: docs.length > q.limit };
  }
}
