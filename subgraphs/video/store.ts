/**
 * The video subgraph's storage port, with SQLite (embedded) and mongoose
 * (production) adapters held to the same contract suite.
 *
 * Invariants both adapters keep:
 * - a chunk of an upload is recorded at most once (unique upload + index): the
 *   first recorded object wins, a duplicate is told so and can drop its object;
 * - an upload is published at most once (publishVideo is idempotent per upload);
 * - likes exist at most once per (video, user), and likeCount changes in the same
 *   atomic step as the like, so it is exact under concurrent likes;
 * - commentCount follows comments the same way;
 * - `version` increases with every change to what search indexes of a video
 *   (its text fields, and the like and view counts it ranks by), in the same
 *   atomic step as the change, so that consumers of video events (search) can
 *   keep the newest state;
 * - a stored video object is referred to by the videos whose objectKey names it
 *   and by the COMPLETED uploads that point at it (an instant upload shares the
 *   object of a published video); countObjectReferences counts both, and the
 *   object may be deleted only when that count is 0.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/data/documents.js';
import { MongoVideoStore } from './store.mongo.js';
import { SqliteVideoStore } from './store.sqlite.js';

export type UploadStatus = 'UPLOADING' | 'COMPLETED' | 'PUBLISHED' | 'FAILED' | 'ABORTED';

export interface UploadRecord {
  id: string;
  ownerId: string;
  filename: string;
  size: number;
  sha256: string;
  chunkSize: number;
  chunkCount: number;
  status: UploadStatus;
  /** The merged (or, for an instant upload, the already stored) object once COMPLETED. */
  objectKey: string | null;
  /** Why it FAILED. */
  failure: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChunkRecord {
  uploadId: string;
  index: number;
  size: number;
  sha256: string;
  objectKey: string;
}

export interface VideoRecord {
  id: string;
  uploaderId: string;
  uploadId: string | null;
  title: string;
  description: string;
  tags: string[];
  objectKey: string;
  coverKey: string | null;
  sha256: string;
  size: number;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewVideo = Pick<
  VideoRecord,
  'uploaderId' | 'title' | 'description' | 'tags' | 'objectKey' | 'coverKey' | 'sha256' | 'size' | 'durationMs' | 'width' | 'height'
> & { uploadId?: string | null };

export interface CommentRecord {
  id: string;
  videoId: string;
  authorId: string;
  /** The top-level comment this one replies to; replies are one level deep. */
  parentId: string | null;
  text: string;
  replyCount: number;
  createdAt: Date;
}

export type DanmakuMode = 'SCROLL' | 'TOP' | 'BOTTOM';

export interface DanmakuRecord {
  id: string;
  videoId: string;
  userId: string;
  text: string;
  timeMs: number;
  color: string;
  mode: DanmakuMode;
  createdAt: Date;
}

export interface FolderRecord {
  id: string;
  ownerId: string;
  name: string;
  isPublic: boolean;
  itemCount: number;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface VideoStore {
  // Uploads
  createUpload(u: Omit<UploadRecord, 'id' | 'createdAt' | 'updatedAt' | 'failure'> & { id?: string }): Promise<UploadRecord>;
  findUpload(id: string): Promise<UploadRecord | null>;
  /** Uploads of a user in status UPLOADING. */
  countActiveUploads(ownerId: string): Promise<number>;
  /** True when recorded now, false when the index was already recorded. */
  recordChunk(chunk: ChunkRecord): Promise<boolean>;
  listChunks(uploadId: string): Promise<ChunkRecord[]>;
  /** Moves an upload between statuses only from `from` (compare-and-set); null when it was not in `from`. */
  transitionUpload(id: string, from: UploadStatus[], to: UploadStatus, changes?: { objectKey?: string | null; failure?: string | null }): Promise<UploadRecord | null>;
  /** Uploads in one of `statuses` (default UPLOADING) last touched before `before`, oldest first. */
  listStaleUploads(before: Date, limit: number, statuses?: UploadStatus[]): Promise<UploadRecord[]>;
  deleteChunks(uploadId: string): Promise<void>;

  // Videos
  /** Publishes the upload as a video and marks the upload PUBLISHED, atomically; null when the upload was not COMPLETED. */
  publish(video: NewVideo & { uploadId: string }): Promise<VideoRecord | null>;
  createVideo(video: NewVideo): Promise<VideoRecord>;
  findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]>;
  findVideoBySha256(sha256: string): Promise<VideoRecord | null>;
  /** How many videos use an object (instant uploads share objects). */
  countVideosWithObject(objectKey: string): Promise<number>;
  /** How many videos and COMPLETED uploads refer to an object: 0 means nothing will read it again. */
  countObjectReferences(objectKey: string): Promise<number>;
  /** Newest first; `afterId` is the last id of the previous page. */
  listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>>;
  updateVideo(id: string, changes: { title?: string; description?: string; tags?: string[] }): Promise<VideoRecord | null>;
  /** Deletes the video with its likes, comments, danmaku and favourites entries; the deleted record, or null. */
  deleteVideo(id: string): Promise<VideoRecord | null>;
  addView(id: string): Promise<void>;

  // Likes
  /** True when the like was created. */
  like(videoId: string, userId: string): Promise<boolean>;
  unlike(videoId: string, userId: string): Promise<boolean>;
  likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>>;

  // Comments
  addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord>;
  findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]>;
  /** Top-level comments newest first, or a comment's replies oldest first. */
  listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>>;
  /** Deletes a comment and its replies; returns how many were removed. */
  deleteComment(id: string): Promise<number>;

  // Danmaku
  addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord>;
  /** By time offset in [fromMs, toMs), then by creation. */
  listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]>;
  /** In sending order: the video's danmaku with an id greater than `afterId` (ids grow in sending order, uuid v7). */
  listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]>;
  /** The greatest danmaku id of each video that has danmaku, in one call. */
  lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>>;

  // Favourites
  createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord>;
  findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]>;
  listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>>;
  updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null>;
  deleteFolder(id: string): Promise<boolean>;
  /** True when added now. */
  addToFolder(folderId: string, videoId: string): Promise<boolean>;
  removeFromFolder(folderId: string, videoId: string): Promise<boolean>;
  /** Most recently added first; `after` is the cursor of the previous page. */
  listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>>;

  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createVideoStore(config: Config): Promise<VideoStore> {
  if (config.MONGODB_URI) return MongoVideoStore.create(await connectMongo(config.MONGODB_URI, 'video'));
  return new SqliteVideoStore(openSqlite(config.DATA_DIR, 'video'));
}
