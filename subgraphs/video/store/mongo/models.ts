/**
 * The video subgraph's MongoDB collections, shared by its mongoose adapters
 * (one database per service): the schemas with their indexes, the document
 * types and mappers.
 *
 * Single-document steps need no transaction: a unique index decides which of
 * two concurrent writers wins (a chunk index, a like, a folder entry, the one
 * video of an upload), and a compare-and-set (findOneAndUpdate on a condition)
 * decides where there is no insert (upload status, unlike, removal). The
 * operations that write several documents and promise all or nothing
 * (publish, like, unlike) run in a multi-document transaction, which needs a
 * replica set (a single-node one is enough); the rest are ordered so that a
 * crash between two steps leaves at worst a counter off by one or an invisible
 * orphan, and each says which window it leaves.
 */
import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { pairSchema, withId } from '../../../../lib/data/documents.js';
import type { CommentRecord } from '../comments.js';
import type { DanmakuMode, DanmakuRecord } from '../danmaku.js';
import type { FolderRecord } from '../favourites.js';
import type { ChunkRecord, UploadRecord, UploadStatus } from '../uploads.js';
import type { VideoRecord } from '../videos.js';

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

export type UploadDoc = Omit<UploadRecord, 'id'> & { _id: string };

export interface ChunkDoc {
  _id: string;
  uploadId: string;
  index: number;
  size: number;
  sha256: string;
  objectKey: string;
  verified: boolean;
}

/** `uploadId` is absent (never null) on videos not published from an upload: see the sparse index. */
export type VideoDoc = Omit<VideoRecord, 'id' | 'uploadId'> & { _id: string; uploadId?: string };

export interface LikeDoc {
  _id: string;
  videoId: string;
  userId: string;
  createdAt: Date;
}

export type CommentDoc = Omit<CommentRecord, 'id'> & { _id: string };
export type DanmakuDoc = Omit<DanmakuRecord, 'id'> & { _id: string };
export type FolderDoc = Omit<FolderRecord, 'id'> & { _id: string };

export interface FolderItemDoc {
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
    droppedRounds: { type: Number, default: 0 },
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
    // Chunks from before the field was added were all read back and verified.
    verified: { type: Boolean, default: true },
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

const likeSchema = pairSchema<LikeDoc>('videoId', 'userId');
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

export const upload = (d: UploadDoc): UploadRecord => ({
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
  droppedRounds: d.droppedRounds ?? 0,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const chunk = (d: ChunkDoc): ChunkRecord => ({
  uploadId: d.uploadId,
  index: d.index,
  size: d.size,
  sha256: d.sha256,
  objectKey: d.objectKey,
  // Absent on chunks from before the field: those were all read back and verified.
  verified: d.verified ?? true,
});
type VideoFile = Pick<VideoRecord, 'objectKey' | 'coverKey' | 'sha256' | 'size' | 'durationMs' | 'width' | 'height'>;
/** What a video's file is, what is not known (or not stored) as null. */
export const videoFile = (v: VideoFile): VideoFile => ({
  objectKey: v.objectKey,
  coverKey: v.coverKey ?? null,
  sha256: v.sha256,
  size: v.size,
  durationMs: v.durationMs ?? null,
  width: v.width ?? null,
  height: v.height ?? null,
});
export const video = (d: VideoDoc): VideoRecord => ({
  id: d._id,
  uploaderId: d.uploaderId,
  uploadId: d.uploadId ?? null,
  title: d.title,
  description: d.description ?? '',
  tags: [...(d.tags ?? [])],
  ...videoFile(d),
  viewCount: d.viewCount ?? 0,
  likeCount: d.likeCount ?? 0,
  commentCount: d.commentCount ?? 0,
  version: d.version ?? 1,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const comment = (d: CommentDoc): CommentRecord => ({ ...withId(d), parentId: d.parentId ?? null, replyCount: d.replyCount ?? 0 });
export const danmaku = (d: DanmakuDoc): DanmakuRecord => withId(d);
export const folder = (d: FolderDoc): FolderRecord => ({ ...withId(d), itemCount: d.itemCount ?? 0 });

/** Keeps only the fields given a value: `undefined` means "leave as it is", as in SQLite's COALESCE. */
export function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface VideoModels {
  conn: mongoose.Connection;
  uploads: mongoose.Model<UploadDoc>;
  chunks: mongoose.Model<ChunkDoc>;
  videos: mongoose.Model<VideoDoc>;
  likes: mongoose.Model<LikeDoc>;
  comments: mongoose.Model<CommentDoc>;
  danmakus: mongoose.Model<DanmakuDoc>;
  folders: mongoose.Model<FolderDoc>;
  folderItems: mongoose.Model<FolderItemDoc>;
}

/**
 * Registers the models on the connection and builds their indexes: exactly-once
 * chunks, likes, folder entries and publishing are unique indexes, and a unique
 * index that does not exist yet enforces nothing.
 */
export async function videoModels(conn: mongoose.Connection): Promise<VideoModels> {
  const models: VideoModels = {
    conn,
    uploads: conn.model<UploadDoc>('Upload', uploadSchema, 'uploads'),
    chunks: conn.model<ChunkDoc>('Chunk', chunkSchema, 'chunks'),
    videos: conn.model<VideoDoc>('Video', videoSchema, 'videos'),
    likes: conn.model<LikeDoc>('Like', likeSchema, 'likes'),
    comments: conn.model<CommentDoc>('Comment', commentSchema, 'comments'),
    danmakus: conn.model<DanmakuDoc>('Danmaku', danmakuSchema, 'danmaku'),
    folders: conn.model<FolderDoc>('Folder', folderSchema, 'folders'),
    folderItems: conn.model<FolderItemDoc>('FolderItem', folderItemSchema, 'folder_items'),
  };
  const { uploads, chunks, videos, likes, comments, danmakus, folders, folderItems } = models;
  await Promise.all([uploads, chunks, videos, likes, comments, danmakus, folders, folderItems].map((model) => model.createIndexes()));
  return models;
}
