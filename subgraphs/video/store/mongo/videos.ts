import type mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { TRANSACTION_OPTIONS, isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { Page } from '../page.js';
import type { AdapterOptions } from '../probe.js';
import type { NewVideo, VideoRecord, VideoStore } from '../videos.js';
import { defined, video, videoFile, type FolderItemDoc, type LikeDoc, type UploadDoc, type VideoDoc, type VideoModels } from './models.js';

/** How many folder entries deleteVideo removes at once: bounds the parallel deletes in flight. */
const SWEEP_BATCH = 100;

/** Thrown inside a transaction to roll it back and answer `value`: nothing of it was applied. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back');
  }
}

/**
 * Videos, views and likes on MongoDB. publish, like and unlike each write two
 * documents in one multi-document transaction (connection.transaction(), which
 * runs session.withTransaction: the callback is retried on
 * TransientTransactionError and the commit on UnknownTransactionCommitResult),
 * with TRANSACTION_OPTIONS: snapshot reads, majority-acknowledged commit.
 * Transactions need a replica set; a standalone server refuses them.
 *
 * Inside a callback every operation is passed the session and runs one after
 * the other (the driver does not support parallel operations in a
 * transaction), and an error is never swallowed there: the driver could not
 * tell whether the server aborted the transaction. A refusal (duplicate like,
 * missing video) is thrown as a Rollback and turned into the answer outside.
 */
export class MongoVideoStore implements VideoStore {
  constructor(
    private readonly m: VideoModels,
    private readonly options: AdapterOptions = {},
  ) {}

  private async transaction<T>(fn: (session: mongoose.mongo.ClientSession) => Promise<T>): Promise<T> {
    try {
      return await this.m.conn.transaction(fn, TRANSACTION_OPTIONS);
    } catch (err) {
      if (err instanceof Rollback) return err.value as T;
      throw err;
    }
  }

  private newVideoDoc(v: NewVideo): VideoDoc {
    const now = new Date();
    return {
      _id: uuidv7(),
      uploaderId: v.uploaderId,
      // Absent rather than null: see the sparse unique index.
      ...(v.uploadId ? { uploadId: v.uploadId } : {}),
      title: v.title,
      description: v.description,
      tags: [...v.tags],
      ...videoFile(v),
      viewCount: 0,
      likeCount: 0,
      commentCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  async publish(v: NewVideo & { uploadId: string }): Promise<VideoRecord | null> {
    // One transaction (snapshot read, majority write): the upload's
    // compare-and-set COMPLETED -> PUBLISHED and its video commit together or
    // not at all. Of concurrent publishes of one upload one commits; the others
    // hit a write conflict (retried: the upload is then no longer COMPLETED)
    // or, committed meanwhile, no longer match. The unique uploadId index still
    // refuses a second video of an upload whatever its status.
    const doc = this.newVideoDoc(v);
    return this.transaction(async (session) => {
      const moved = await this.m.uploads
        .findOneAndUpdate({ _id: v.uploadId, status: 'COMPLETED' }, { $set: { status: 'PUBLISHED', updatedAt: new Date() } }, { returnDocument: 'after', projection: { _id: 1 }, session })
        .lean<Pick<UploadDoc, '_id'>>();
      if (!moved) return null;
      this.options.afterWrite?.('publish: upload moved');
      await this.m.videos.insertOne(doc, { session });
      return video(doc);
    });
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    const doc = this.newVideoDoc(v);
    await this.m.videos.create(doc);
    return video(doc);
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.videos.find({ _id: { $in: [...ids] } }).lean<VideoDoc[]>()).map(video);
  }

  async findVideoBySha256(sha256: string): Promise<VideoRecord | null> {
    // The oldest video with that content, as SQLite's ORDER BY id.
    const doc = await this.m.videos.findOne({ sha256 }).sort({ _id: 1 }).lean<VideoDoc>();
    return doc ? video(doc) : null;
  }

  async countVideosWithObject(objectKey: string): Promise<number> {
    return this.m.videos.countDocuments({ objectKey });
  }

  async countObjectReferences(objectKey: string): Promise<number> {
    // Two counts, not one snapshot. A publish moves its upload COMPLETED ->
    // PUBLISHED and inserts the video in one transaction, whose writes become
    // visible together; the uploads are counted first, so a publish that
    // commits between the two counts is counted twice, never missed.
    const uploads = await this.m.uploads.countDocuments({ objectKey, status: 'COMPLETED' });
    const videos = await this.m.videos.countDocuments({ objectKey });
    return uploads + videos;
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>> {
    const filter: mongoose.QueryFilter<VideoDoc> = {};
    if (q.uploaderId) filter.uploaderId = q.uploaderId;
    if (q.afterId) filter._id = { $lt: q.afterId };
    // uuid v7 _ids sort by creation time: newest first is _id descending.
    const docs = await this.m.videos
      .find(filter)
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<VideoDoc[]>();
    return { items: docs.slice(0, q.limit).map(video), hasNextPage: docs.length > q.limit };
  }

  async updateVideo(id: string, changes: { title?: string; description?: string; tags?: string[] }): Promise<VideoRecord | null> {
    // One atomic update: the changed fields and the version bump land together,
    // so a consumer keeping the highest version sees the newest fields.
    const set = defined({ title: changes.title, description: changes.description, tags: changes.tags ? [...changes.tags] : undefined });
    const doc = await this.m.videos
      .findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() }, $inc: { version: 1 } }, { returnDocument: 'after' })
      .lean<VideoDoc>();
    return doc ? video(doc) : null;
  }

  async deleteVideo(id: string): Promise<VideoRecord | null> {
    // The video first: findOneAndDelete hands the record to exactly one of
    // concurrent deletes, and once it is gone `like` refuses new likes (see
    // there). Its dependents follow. A crash part-way leaves orphans of a video
    // that no longer exists (likes, comments and danmaku nobody can reach, and
    // folder entries still counted in their folders' itemCount); the sweep
    // below runs even when the video is already gone, so calling deleteVideo
    // again for the same id finishes the job.
    const deleted = await this.m.videos.findOneAndDelete({ _id: id }).lean<VideoDoc>();
    await Promise.all([this.m.likes.deleteMany({ videoId: id }), this.m.comments.deleteMany({ videoId: id }), this.m.danmakus.deleteMany({ videoId: id })]);
    await this.removeFromAllFolders(id);
    return deleted ? video(deleted) : null;
  }

  /**
   * Removes a video's folder entries and decrements each folder's itemCount by
   * the entries this call itself removed, so a concurrent removeFromFolder of
   * the same entry cannot make a folder count it twice. A crash between an
   * entry's delete and its folder's decrement leaves that itemCount one high.
   */

  private async removeFromAllFolders(videoId: string): Promise<void> {
    const entries = await this.m.folderItems.find({ videoId }, { _id: 1, folderId: 1 }).lean<Pick<FolderItemDoc, '_id' | 'folderId'>[]>();
    for (let i = 0; i < entries.length; i += SWEEP_BATCH) {
      const batch = entries.slice(i, i + SWEEP_BATCH);
      const removed = await Promise.all(batch.map(async (e) => ((await this.m.folderItems.deleteOne({ _id: e._id })).deletedCount === 1 ? e.folderId : null)));
      // A video is in a folder at most once (unique index), so each folder here
      // needs exactly one decrement and one updateMany covers them all.
      const folderIds = removed.filter((f): f is string => f !== null);
      if (folderIds.length) await this.m.folders.updateMany({ _id: { $in: folderIds } }, { $inc: { itemCount: -1 } });
    }
  }

  async addView(id: string): Promise<void> {
    await this.m.videos.updateOne({ _id: id }, { $inc: { viewCount: 1, version: 1 } });
  }


  async like(videoId: string, userId: string): Promise<boolean> {
    // One transaction (snapshot read, majority write): the like and the
    // likeCount/version $inc commit together or not at all. The unique
    // (videoId, userId) index lets one like per user in: a repeated like fails
    // with a duplicate key, which aborts the transaction and answers false; a
    // concurrent one conflicts, is retried, and then fails the same way.
    try {
      return await this.transaction(async (session) => {
        await this.m.likes.insertOne({ _id: uuidv7(), videoId, userId, createdAt: new Date() }, { session });
        this.options.afterWrite?.('like: like stored');
        const counted = await this.m.videos.updateOne({ _id: videoId }, { $inc: { likeCount: 1, version: 1 } }, { session });
        // No such video: the like goes with the rolled-back transaction.
        if (counted.matchedCount === 0) throw new Rollback(false);
        return true;
      });
    } catch (err) {
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
  }

  async unlike(videoId: string, userId: string): Promise<boolean> {
    // One transaction (snapshot read, majority write): the like's removal and
    // the likeCount/version decrement commit together or not at all; of
    // concurrent unlikes one deletes the like and the others find none.
    return this.transaction(async (session) => {
      const removed = await this.m.likes.findOneAndDelete({ videoId, userId }, { projection: { _id: 1 }, session }).lean<Pick<LikeDoc, '_id'>>();
      if (!removed) return false;
      this.options.afterWrite?.('unlike: like removed');
      await this.m.videos.updateOne({ _id: videoId }, { $inc: { likeCount: -1, version: 1 } }, { session });
      return true;
    });
  }

  async likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>> {
    if (videoIds.length === 0) return new Set();
    const docs = await this.m.likes.find({ userId, videoId: { $in: [...videoIds] } }, { videoId: 1 }).lean<Pick<LikeDoc, 'videoId'>[]>();
    return new Set(docs.map((d) => d.videoId));
  }

}
