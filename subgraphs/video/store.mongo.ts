import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../lib/data/documents.js';
import type {
  ChunkRecord,
  CommentRecord,
  DanmakuMode,
  DanmakuRecord,
  FolderRecord,
  NewVideo,
  Page,
  UploadRecord,
  UploadStatus,
  VideoRecord,
  VideoStore,
} from './store.js';

// No multi-document transactions anywhere here, so a standalone server works as
// well as a replica set. What SQLite does in one transaction is done here as a
// sequence of single-document atomic steps:
//
// - a unique index decides which of two concurrent writers wins (a chunk index,
//   a like, a folder entry, the one video of an upload), and only the winner
//   moves the denormalized counter with $inc, so counters stay exact under
//   concurrency;
// - a compare-and-set (findOneAndUpdate / findOneAndDelete on a condition)
//   decides the winner where there is no insert (upload status, unlike, removal);
// - the steps are ordered so that a crash between two of them leaves at worst a
//   counter off by one or an invisible orphan document, never a duplicate. Each
//   method says which crash window it leaves.

const UPLOAD_STATUSES: UploadStatus[] = ['UPLOADING', 'COMPLETED', 'PUBLISHED', 'FAILED', 'ABORTED'];
const DANMAKU_MODES: DanmakuMode[] = ['SCROLL', 'TOP', 'BOTTOM'];

// Free-text fields (filename, title, description, comment and danmaku text,
// folder name, colour) and hashes are never `required`: mongoose's required check refuses
// an empty string, which SQLite's NOT NULL stores. Validating user input is the
// service's job, and both adapters must store the same things.

// createdAt/updatedAt are written explicitly everywhere rather than through
// mongoose's `timestamps`: that option would also move updatedAt on every $inc
// (a view, a like), while SQLite moves it only on the changes it counts, and
// an upload's updatedAt is what the stale-upload sweep reads.

type UploadDoc = Omit<UploadRecord, 'id'> & { _id: string };

interface ChunkDoc {
  _id: string;
  uploadId: string;
  index: number;
  size: number;
  sha256: string;
  objectKey: string;
}

/** `uploadId` is absent (never null) on videos not published from an upload: see the sparse index. */
type VideoDoc = Omit<VideoRecord, 'id' | 'uploadId'> & { _id: string; uploadId?: string };

interface LikeDoc {
  _id: string;
  videoId: string;
  userId: string;
  createdAt: Date;
}

type CommentDoc = Omit<CommentRecord, 'id'> & { _id: string };
type DanmakuDoc = Omit<DanmakuRecord, 'id'> & { _id: string };
type FolderDoc = Omit<FolderRecord, 'id'> & { _id: string };

interface FolderItemDoc {
  /** uuid v7 of the addition: orders a folder's items and doubles as the page cursor. */
  _id: string;
  folderId: string;
  videoId: string;
}

const uploadSchema = new Schema<UploadDoc>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    filename: { type: String, default: '' },
    size: { type: Number, required: true },
    sha256: { type: String, default: '' },
    chunkSize: { type: Number, required: true },
    chunkCount: { type: Number, required: true },
    status: { type: String, enum: UPLOAD_STATUSES, required: true },
    objectKey: { type: String, default: null },
    failure: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
uploadSchema.index({ ownerId: 1, status: 1 });
uploadSchema.index({ status: 1, updatedAt: 1 });
// Completed uploads keep the object they point at alive: countObjectReferences reads this.
uploadSchema.index({ objectKey: 1, status: 1 });

const chunkSchema = new Schema<ChunkDoc>(
  {
    _id: { type: String, required: true },
    uploadId: { type: String, required: true },
    index: { type: Number, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, default: '' },
    objectKey: { type: String, required: true },
  },
  { versionKey: false },
);
// The first recorded object of a chunk wins; a retried or raced chunk is refused here.
chunkSchema.index({ uploadId: 1, index: 1 }, { unique: true });

const videoSchema = new Schema<VideoDoc>(
  {
    _id: { type: String, required: true },
    uploaderId: { type: String, required: true },
    // No default: a sparse index still indexes explicit nulls, so a null here
    // would make the second video without an upload collide with the first.
    uploadId: { type: String },
    title: { type: String, default: '' },
    description: { type: String, default: '' },
    tags: { type: [String], default: [] },
    objectKey: { type: String, required: true },
    coverKey: { type: String, default: null },
    sha256: { type: String, default: '' },
    size: { type: Number, required: true },
    durationMs: { type: Number, default: null },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    viewCount: { type: Number, default: 0 },
    likeCount: { type: Number, default: 0 },
    commentCount: { type: Number, default: 0 },
    version: { type: Number, default: 1 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// An upload becomes at most one video, whatever happens to the upload's status.
videoSchema.index({ uploadId: 1 }, { unique: true, sparse: true });
videoSchema.index({ uploaderId: 1, _id: -1 });
videoSchema.index({ sha256: 1, _id: 1 });
videoSchema.index({ objectKey: 1 });

const likeSchema = new Schema<LikeDoc>(
  {
    _id: { type: String, required: true },
    videoId: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
likeSchema.index({ videoId: 1, userId: 1 }, { unique: true });
likeSchema.index({ userId: 1, videoId: 1 });

const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, required: true },
    videoId: { type: String, required: true },
    authorId: { type: String, required: true },
    parentId: { type: String, default: null },
    text: { type: String, default: '' },
    replyCount: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// uuid v7 _ids sort by creation time, so _id is both the order and the cursor.
commentSchema.index({ videoId: 1, parentId: 1, _id: -1 });
commentSchema.index({ parentId: 1, _id: 1 });

const danmakuSchema = new Schema<DanmakuDoc>(
  {
    _id: { type: String, required: true },
    videoId: { type: String, required: true },
    userId: { type: String, required: true },
    text: { type: String, default: '' },
    timeMs: { type: Number, required: true },
    color: { type: String, default: '' },
    mode: { type: String, enum: DANMAKU_MODES, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
danmakuSchema.index({ videoId: 1, timeMs: 1, _id: 1 });
// Danmaku in sending order, for resuming danmakuAdded and lastDanmakuId.
danmakuSchema.index({ videoId: 1, _id: 1 });

const folderSchema = new Schema<FolderDoc>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    name: { type: String, default: '' },
    isPublic: { type: Boolean, required: true },
    itemCount: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
folderSchema.index({ ownerId: 1, createdAt: 1, _id: 1 });

const folderItemSchema = new Schema<FolderItemDoc>(
  {
    _id: { type: String, required: true },
    folderId: { type: String, required: true },
    videoId: { type: String, required: true },
  },
  { versionKey: false },
);
folderItemSchema.index({ folderId: 1, videoId: 1 }, { unique: true });
folderItemSchema.index({ folderId: 1, _id: -1 });
folderItemSchema.index({ videoId: 1 });

const upload = (d: UploadDoc): UploadRecord => ({
  id: d._id,
  ownerId: d.ownerId,
  filename: d.filename,
  size: d.size,
  sha256: d.sha256,
  chunkSize: d.chunkSize,
  chunkCount: d.chunkCount,
  status: d.status,
  objectKey: d.objectKey ?? null,
  failure: d.failure ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
const chunk = (d: ChunkDoc): ChunkRecord => ({ uploadId: d.uploadId, index: d.index, size: d.size, sha256: d.sha256, objectKey: d.objectKey });
const video = (d: VideoDoc): VideoRecord => ({
  id: d._id,
  uploaderId: d.uploaderId,
  uploadId: d.uploadId ?? null,
  title: d.title,
  description: d.description ?? '',
  tags: [...(d.tags ?? [])],
  objectKey: d.objectKey,
  coverKey: d.coverKey ?? null,
  sha256: d.sha256,
  size: d.size,
  durationMs: d.durationMs ?? null,
  width: d.width ?? null,
  height: d.height ?? null,
  viewCount: d.viewCount ?? 0,
  likeCount: d.likeCount ?? 0,
  commentCount: d.commentCount ?? 0,
  version: d.version ?? 1,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
const comment = (d: CommentDoc): CommentRecord => ({
  id: d._id,
  videoId: d.videoId,
  authorId: d.authorId,
  parentId: d.parentId ?? null,
  text: d.text,
  replyCount: d.replyCount ?? 0,
  createdAt: d.createdAt,
});
const danmaku = (d: DanmakuDoc): DanmakuRecord => ({
  id: d._id,
  videoId: d.videoId,
  userId: d.userId,
  text: d.text,
  timeMs: d.timeMs,
  color: d.color,
  mode: d.mode,
  createdAt: d.createdAt,
});
const folder = (d: FolderDoc): FolderRecord => ({
  id: d._id,
  ownerId: d.ownerId,
  name: d.name,
  isPublic: d.isPublic,
  itemCount: d.itemCount ?? 0,
  createdAt: d.createdAt,
});

/** Keeps only the fields given a value: `undefined` means "leave as it is", as in SQLite's COALESCE. */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How many folder entries deleteVideo removes at once: bounds the parallel deletes in flight. */
const SWEEP_BATCH = 100;

export class MongoVideoStore implements VideoStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly uploads: mongoose.Model<UploadDoc>,
    private readonly chunks: mongoose.Model<ChunkDoc>,
    private readonly videos: mongoose.Model<VideoDoc>,
    private readonly likes: mongoose.Model<LikeDoc>,
    private readonly comments: mongoose.Model<CommentDoc>,
    private readonly danmakus: mongoose.Model<DanmakuDoc>,
    private readonly folders: mongoose.Model<FolderDoc>,
    private readonly folderItems: mongoose.Model<FolderItemDoc>,
  ) {}

  static async create(conn: mongoose.Connection): Promise<MongoVideoStore> {
    const uploads = conn.model<UploadDoc>('Upload', uploadSchema, 'uploads');
    const chunks = conn.model<ChunkDoc>('Chunk', chunkSchema, 'chunks');
    const videos = conn.model<VideoDoc>('Video', videoSchema, 'videos');
    const likes = conn.model<LikeDoc>('Like', likeSchema, 'likes');
    const comments = conn.model<CommentDoc>('Comment', commentSchema, 'comments');
    const danmakus = conn.model<DanmakuDoc>('Danmaku', danmakuSchema, 'danmaku');
    const folders = conn.model<FolderDoc>('Folder', folderSchema, 'folders');
    const folderItems = conn.model<FolderItemDoc>('FolderItem', folderItemSchema, 'folder_items');
    // Build indexes now: exactly-once chunks, likes, folder entries and
    // publishing are unique indexes, and a unique index that does not exist yet
    // enforces nothing.
    await Promise.all([uploads, chunks, videos, likes, comments, danmakus, folders, folderItems].map((m) => m.createIndexes()));
    return new MongoVideoStore(conn, uploads, chunks, videos, likes, comments, danmakus, folders, folderItems);
  }

  // ---- Uploads

  async createUpload(u: Omit<UploadRecord, 'id' | 'createdAt' | 'updatedAt' | 'failure'> & { id?: string }): Promise<UploadRecord> {
    const now = new Date();
    const doc: UploadDoc = {
      _id: u.id ?? uuidv7(),
      ownerId: u.ownerId,
      filename: u.filename,
      size: u.size,
      sha256: u.sha256,
      chunkSize: u.chunkSize,
      chunkCount: u.chunkCount,
      status: u.status,
      objectKey: u.objectKey ?? null,
      failure: null,
      createdAt: now,
      updatedAt: now,
    };
    // A given id that already exists fails with a duplicate key, as SQLite's primary key does.
    await this.uploads.create(doc);
    return upload(doc);
  }

  async findUpload(id: string): Promise<UploadRecord | null> {
    const doc = await this.uploads.findOne({ _id: id }).lean<UploadDoc>();
    return doc ? upload(doc) : null;
  }

  async countActiveUploads(ownerId: string): Promise<number> {
    return this.uploads.countDocuments({ ownerId, status: 'UPLOADING' });
  }

  async recordChunk(c: ChunkRecord): Promise<boolean> {
    const doc: ChunkDoc = { _id: uuidv7(), uploadId: c.uploadId, index: c.index, size: c.size, sha256: c.sha256, objectKey: c.objectKey };
    try {
      await this.chunks.create(doc);
    } catch (err) {
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
    // Touching the upload keeps an active upload from being swept as stale; $max
    // so that replicas with skewed clocks never move it back. A crash before
    // this step leaves the chunk recorded with the upload looking idle since its
    // previous chunk: at worst the sweep aborts it a little early.
    const touched = await this.uploads.updateOne({ _id: c.uploadId }, { $max: { updatedAt: new Date() } });
    if (touched.matchedCount === 0) {
      // SQLite refuses a chunk of a missing upload (foreign key); take it back.
      await this.chunks.deleteOne({ _id: doc._id });
      throw new Error(`upload ${c.uploadId} does not exist`);
    }
    return true;
  }

  async listChunks(uploadId: string): Promise<ChunkRecord[]> {
    return (await this.chunks.find({ uploadId }).sort({ index: 1 }).lean<ChunkDoc[]>()).map(chunk);
  }

  async transitionUpload(
    id: string,
    from: UploadStatus[],
    to: UploadStatus,
    changes: { objectKey?: string | null; failure?: string | null } = {},
  ): Promise<UploadRecord | null> {
    // The status condition is the compare-and-set: of two concurrent
    // transitions out of the same status, the server applies one, and the other
    // no longer matches.
    const doc = await this.uploads
      .findOneAndUpdate(
        { _id: id, status: { $in: from } },
        { $set: { status: to, updatedAt: new Date(), ...defined({ objectKey: changes.objectKey, failure: changes.failure }) } },
        { returnDocument: 'after' },
      )
      .lean<UploadDoc>();
    return doc ? upload(doc) : null;
  }

  async listStaleUploads(before: Date, limit: number, statuses: UploadStatus[] = ['UPLOADING']): Promise<UploadRecord[]> {
    // limit(0) means "no limit" to MongoDB, "nothing" to SQLite.
    if (limit <= 0) return [];
    const docs = await this.uploads
      .find({ status: { $in: statuses }, updatedAt: { $lt: before } })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .lean<UploadDoc[]>();
    return docs.map(upload);
  }

  async deleteChunks(uploadId: string): Promise<void> {
    await this.chunks.deleteMany({ uploadId });
  }

  // ---- Videos

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
      objectKey: v.objectKey,
      coverKey: v.coverKey ?? null,
      sha256: v.sha256,
      size: v.size,
      durationMs: v.durationMs ?? null,
      width: v.width ?? null,
      height: v.height ?? null,
      viewCount: 0,
      likeCount: 0,
      commentCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  async publish(v: NewVideo & { uploadId: string }): Promise<VideoRecord | null> {
    // Compare-and-set the upload COMPLETED -> PUBLISHED first: of concurrent
    // publishes of one upload exactly one gets past this step.
    const moved = await this.uploads
      .findOneAndUpdate({ _id: v.uploadId, status: 'COMPLETED' }, { $set: { status: 'PUBLISHED', updatedAt: new Date() } }, { returnDocument: 'after', projection: { _id: 1 } })
      .lean<Pick<UploadDoc, '_id'>>();
    if (!moved) return null;
    const doc = this.newVideoDoc(v);
    try {
      await this.videos.create(doc);
    } catch (err) {
      // No video was stored (for instance the unique uploadId index refused a
      // second video of this upload): put the upload back so that the failure
      // leaves nothing half-done, as SQLite's rolled-back transaction does.
      // Windows this leaves without a transaction:
      // - a crash between the two steps leaves the upload PUBLISHED without a
      //   video; a repair can find PUBLISHED uploads that no video's uploadId
      //   names and move them back to COMPLETED;
      // - an insert that was applied although the driver reported an error
      //   (a lost reply) leaves a video with its upload COMPLETED; a later
      //   publish is then refused by the unique uploadId index and puts the
      //   upload back again, so the upload never gets a second video.
      await this.uploads.updateOne({ _id: v.uploadId, status: 'PUBLISHED' }, { $set: { status: 'COMPLETED', updatedAt: new Date() } });
      throw err;
    }
    return video(doc);
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    const doc = this.newVideoDoc(v);
    await this.videos.create(doc);
    return video(doc);
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    return (await this.videos.find({ _id: { $in: [...ids] } }).lean<VideoDoc[]>()).map(video);
  }

  async findVideoBySha256(sha256: string): Promise<VideoRecord | null> {
    // The oldest video with that content, as SQLite's ORDER BY id.
    const doc = await this.videos.findOne({ sha256 }).sort({ _id: 1 }).lean<VideoDoc>();
    return doc ? video(doc) : null;
  }

  async countVideosWithObject(objectKey: string): Promise<number> {
    return this.videos.countDocuments({ objectKey });
  }

  async countObjectReferences(objectKey: string): Promise<number> {
    // Two counts, not one snapshot. A publish moves its upload COMPLETED ->
    // PUBLISHED and then inserts the video, so the uploads are counted first:
    // a publish that runs between the two counts is then counted twice, never
    // missed. Missed is only a publish whose two steps straddle both counts
    // (the upload moved before the first, the video inserted after the
    // second); if that coincides with the delete of the last other video using
    // the object, the bytes go while the new video is being stored.
    const uploads = await this.uploads.countDocuments({ objectKey, status: 'COMPLETED' });
    const videos = await this.videos.countDocuments({ objectKey });
    return uploads + videos;
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>> {
    const filter: mongoose.QueryFilter<VideoDoc> = {};
    if (q.uploaderId) filter.uploaderId = q.uploaderId;
    if (q.afterId) filter._id = { $lt: q.afterId };
    // uuid v7 _ids sort by creation time: newest first is _id descending.
    const docs = await this.videos
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
    const doc = await this.videos
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
    const deleted = await this.videos.findOneAndDelete({ _id: id }).lean<VideoDoc>();
    await Promise.all([this.likes.deleteMany({ videoId: id }), this.comments.deleteMany({ videoId: id }), this.danmakus.deleteMany({ videoId: id })]);
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
    const entries = await this.folderItems.find({ videoId }, { _id: 1, folderId: 1 }).lean<Pick<FolderItemDoc, '_id' | 'folderId'>[]>();
    for (let i = 0; i < entries.length; i += SWEEP_BATCH) {
      const batch = entries.slice(i, i + SWEEP_BATCH);
      const removed = await Promise.all(batch.map(async (e) => ((await this.folderItems.deleteOne({ _id: e._id })).deletedCount === 1 ? e.folderId : null)));
      // A video is in a folder at most once (unique index), so each folder here
      // needs exactly one decrement and one updateMany covers them all.
      const folderIds = removed.filter((f): f is string => f !== null);
      if (folderIds.length) await this.folders.updateMany({ _id: { $in: folderIds } }, { $inc: { itemCount: -1 } });
    }
  }

  async addView(id: string): Promise<void> {
    await this.videos.updateOne({ _id: id }, { $inc: { viewCount: 1, version: 1 } });
  }

  // ---- Likes

  async like(videoId: string, userId: string): Promise<boolean> {
    const likeId = uuidv7();
    try {
      await this.likes.create({ _id: likeId, videoId, userId, createdAt: new Date() });
    } catch (err) {
      // Already liked (a repeated or concurrent like by the same user): the
      // unique index let exactly one of them in, and only that one counts.
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
    // The existence check comes after the insert instead of before it, so it
    // also catches a video deleted between the two: the like is taken back and
    // nothing was counted. A crash between the insert and the $inc leaves a
    // like that likeCount misses by one.
    const counted = await this.videos.updateOne({ _id: videoId }, { $inc: { likeCount: 1, version: 1 } });
    if (counted.matchedCount === 0) {
      await this.likes.deleteOne({ _id: likeId });
      return false;
    }
    return true;
  }

  async unlike(videoId: string, userId: string): Promise<boolean> {
    // Of concurrent unlikes only one deletes the like, and only it decrements.
    // A crash between the two steps leaves likeCount one high.
    const removed = await this.likes.findOneAndDelete({ videoId, userId }, { projection: { _id: 1 } }).lean<Pick<LikeDoc, '_id'>>();
    if (!removed) return false;
    await this.videos.updateOne({ _id: videoId }, { $inc: { likeCount: -1, version: 1 } });
    return true;
  }

  async likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>> {
    if (videoIds.length === 0) return new Set();
    const docs = await this.likes.find({ userId, videoId: { $in: [...videoIds] } }, { videoId: 1 }).lean<Pick<LikeDoc, 'videoId'>[]>();
    return new Set(docs.map((d) => d.videoId));
  }

  // ---- Comments

  async addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord> {
    const doc: CommentDoc = { _id: uuidv7(), videoId: c.videoId, authorId: c.authorId, parentId: c.parentId, text: c.text, replyCount: 0, createdAt: new Date() };
    // The comment first, then the counters: a crash in between leaves a comment
    // that commentCount (and its parent's replyCount) misses by one, never a
    // count of a comment that does not exist. Like SQLite, neither the video
    // nor the parent is checked here: the caller validates them.
    await this.comments.create(doc);
    await Promise.all([
      this.videos.updateOne({ _id: c.videoId }, { $inc: { commentCount: 1 } }),
      c.parentId ? this.comments.updateOne({ _id: c.parentId }, { $inc: { replyCount: 1 } }) : null,
    ]);
    return comment(doc);
  }

  async findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]> {
    if (ids.length === 0) return [];
    return (await this.comments.find({ _id: { $in: [...ids] } }).lean<CommentDoc[]>()).map(comment);
  }

  async listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>> {
    // Replies oldest first (a thread reads downwards), top-level comments newest
    // first; the uuid v7 _id is both the order and the cursor.
    const docs = q.parentId
      ? await this.comments
          .find({ parentId: q.parentId, ...(q.after ? { _id: { $gt: q.after } } : {}) })
          .sort({ _id: 1 })
          .limit(q.limit + 1)
          .lean<CommentDoc[]>()
      : await this.comments
          .find({ videoId: q.videoId, parentId: null, ...(q.after ? { _id: { $lt: q.after } } : {}) })
          .sort({ _id: -1 })
          .limit(q.limit + 1)
          .lean<CommentDoc[]>();
    return { items: docs.slice(0, q.limit).map(comment), hasNextPage: docs.length > q.limit };
  }

  async deleteComment(id: string): Promise<number> {
    // findOneAndDelete gives the comment to exactly one of concurrent deletes;
    // the replies' deleteMany counts only what this call removed (a reply
    // deleted concurrently on its own is counted by that call), so the counters
    // move by exactly what disappeared. A crash after the deletes and before
    // the decrements leaves commentCount (and the parent's replyCount) high.
    const target = await this.comments.findOneAndDelete({ _id: id }).lean<CommentDoc>();
    if (!target) return 0;
    const replies = await this.comments.deleteMany({ parentId: id });
    const removed = 1 + replies.deletedCount;
    await Promise.all([
      this.videos.updateOne({ _id: target.videoId }, { $inc: { commentCount: -removed } }),
      target.parentId ? this.comments.updateOne({ _id: target.parentId }, { $inc: { replyCount: -1 } }) : null,
    ]);
    return removed;
  }

  // ---- Danmaku

  async addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord> {
    const doc: DanmakuDoc = { _id: uuidv7(), videoId: d.videoId, userId: d.userId, text: d.text, timeMs: d.timeMs, color: d.color, mode: d.mode, createdAt: new Date() };
    await this.danmakus.create(doc);
    return danmaku(doc);
  }

  async listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]> {
    if (q.limit <= 0) return [];
    const docs = await this.danmakus
      .find({ videoId: q.videoId, timeMs: { $gte: q.fromMs, $lt: q.toMs } })
      .sort({ timeMs: 1, _id: 1 })
      .limit(q.limit)
      .lean<DanmakuDoc[]>();
    return docs.map(danmaku);
  }

  async listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]> {
    if (q.limit <= 0) return [];
    const docs = await this.danmakus
      .find({ videoId: q.videoId, _id: { $gt: q.afterId } })
      .sort({ _id: 1 })
      .limit(q.limit)
      .lean<DanmakuDoc[]>();
    return docs.map(danmaku);
  }

  async lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>> {
    // One index lookup per video: a $group over all of a video's danmaku would read them all.
    const last = await Promise.all(
      [...new Set(videoIds)].map((videoId) => this.danmakus.findOne({ videoId }, { _id: 1 }).sort({ _id: -1 }).lean<Pick<DanmakuDoc, '_id'>>()),
    );
    return new Map([...new Set(videoIds)].flatMap((videoId, i) => (last[i] ? [[videoId, last[i]._id] as const] : [])));
  }

  // ---- Favourites

  async createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord> {
    const doc: FolderDoc = { _id: uuidv7(), ownerId: f.ownerId, name: f.name, isPublic: f.isPublic, itemCount: 0, createdAt: new Date() };
    await this.folders.create(doc);
    return folder(doc);
  }

  async findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]> {
    if (ids.length === 0) return [];
    return (await this.folders.find({ _id: { $in: [...ids] } }).lean<FolderDoc[]>()).map(folder);
  }

  async listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>> {
    const result = new Map<string, FolderRecord[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    const docs = await this.folders
      .find({ ownerId: { $in: [...ownerIds] } })
      .sort({ createdAt: 1, _id: 1 })
      .lean<FolderDoc[]>();
    for (const d of docs) result.get(d.ownerId)?.push(folder(d));
    return result;
  }

  async updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null> {
    const set = defined({ name: changes.name, isPublic: changes.isPublic });
    // Nothing to change is a read, as SQLite's COALESCE-only UPDATE is.
    const doc =
      Object.keys(set).length === 0
        ? await this.folders.findOne({ _id: id }).lean<FolderDoc>()
        : await this.folders.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<FolderDoc>();
    return doc ? folder(doc) : null;
  }

  async deleteFolder(id: string): Promise<boolean> {
    // The folder first, so that an addToFolder racing with the delete finds no
    // folder to count in and takes its entry back. The entries follow, and are
    // swept even when the folder is already gone: a crash between the two steps
    // leaves unreachable entries that a repeated deleteFolder removes.
    const removed = await this.folders.deleteOne({ _id: id });
    await this.folderItems.deleteMany({ folderId: id });
    return removed.deletedCount === 1;
  }

  async addToFolder(folderId: string, videoId: string): Promise<boolean> {
    const entryId = uuidv7();
    try {
      await this.folderItems.create({ _id: entryId, folderId, videoId });
    } catch (err) {
      // Already in the folder: the unique index admitted one entry, and only its writer counts it.
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
    // A crash between the insert and the $inc leaves itemCount one low.
    const counted = await this.folders.updateOne({ _id: folderId }, { $inc: { itemCount: 1 } });
    if (counted.matchedCount === 0) {
      // SQLite refuses an entry of a missing folder (foreign key); so does this,
      // after the fact, which also covers a folder deleted since the insert.
      await this.folderItems.deleteOne({ _id: entryId });
      throw new Error(`folder ${folderId} does not exist`);
    }
    return true;
  }

  async removeFromFolder(folderId: string, videoId: string): Promise<boolean> {
    // Only the call that deleted the entry decrements. A crash in between leaves itemCount one high.
    const removed = await this.folderItems.findOneAndDelete({ folderId, videoId }, { projection: { _id: 1 } }).lean<Pick<FolderItemDoc, '_id'>>();
    if (!removed) return false;
    await this.folders.updateOne({ _id: folderId }, { $inc: { itemCount: -1 } });
    return true;
  }

  async listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>> {
    const docs = await this.folderItems
      .find({ folderId, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<FolderItemDoc[]>();
    return { items: docs.slice(0, q.limit).map((d) => ({ videoId: d.videoId, cursor: d._id })), hasNextPage: docs.length > q.limit };
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
