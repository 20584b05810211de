/**
 * The video subgraph's SQLite database, shared by its adapters (one file,
 * DATA_DIR/video.sqlite, one migration sequence): the schema, the row mappers
 * and the statement helpers. Each adapter is one aggregate's port; an
 * operation that spans tables (publish, a like and its count) is one SQLite
 * transaction.
 */
import { migrate, statementCache, type SqliteDb } from '../../../../lib/data/documents.js';
import type { CommentRecord } from '../comments.js';
import type { DanmakuMode, DanmakuRecord } from '../danmaku.js';
import type { FolderRecord } from '../favourites.js';
import type { ChunkRecord, UploadRecord, UploadStatus } from '../uploads.js';
import type { VideoRecord } from '../videos.js';

export const MIGRATIONS = [
  `CREATE TABLE uploads (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     filename TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     chunk_size INTEGER NOT NULL,
     chunk_count INTEGER NOT NULL,
     status TEXT NOT NULL,
     object_key TEXT,
     failure TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX uploads_by_owner ON uploads (owner_id, status);
   CREATE INDEX uploads_by_status ON uploads (status, updated_at);
   CREATE TABLE chunks (
     upload_id TEXT NOT NULL REFERENCES uploads(id),
     idx INTEGER NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     object_key TEXT NOT NULL,
     PRIMARY KEY (upload_id, idx)
   );
   CREATE TABLE videos (
     id TEXT PRIMARY KEY,            -- uuid v7: sorts by creation time
     uploader_id TEXT NOT NULL,
     upload_id TEXT UNIQUE,
     title TEXT NOT NULL,
     description TEXT NOT NULL,
     tags TEXT NOT NULL,             -- JSON array
     object_key TEXT NOT NULL,
     cover_key TEXT,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     duration_ms INTEGER,
     width INTEGER,
     height INTEGER,
     view_count INTEGER NOT NULL DEFAULT 0,
     like_count INTEGER NOT NULL DEFAULT 0,
     comment_count INTEGER NOT NULL DEFAULT 0,
     version INTEGER NOT NULL DEFAULT 1,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX videos_by_uploader ON videos (uploader_id, id);
   CREATE INDEX videos_by_sha256 ON videos (sha256);
   CREATE INDEX videos_by_object ON videos (object_key);
   CREATE TABLE likes (
     video_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (video_id, user_id)
   );
   CREATE INDEX likes_by_user ON likes (user_id);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     video_id TEXT NOT NULL,
     author_id TEXT NOT NULL,
     parent_id TEXT,
     text TEXT NOT NULL,
     reply_count INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE INDEX comments_by_video ON comments (video_id, parent_id, id);
   CREATE INDEX comments_by_parent ON comments (parent_id, id);
   CREATE TABLE danmaku (
     id TEXT PRIMARY KEY,
     video_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     text TEXT NOT NULL,
     time_ms INTEGER NOT NULL,
     color TEXT NOT NULL,
     mode TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX danmaku_by_time ON danmaku (video_id, time_ms, id);
   CREATE TABLE folders (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     name TEXT NOT NULL,
     is_public INTEGER NOT NULL,
     item_count INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE INDEX folders_by_owner ON folders (owner_id, created_at);
   CREATE TABLE folder_items (
     id TEXT NOT NULL,               -- uuid v7 of the addition: orders items, doubles as the cursor
     folder_id TEXT NOT NULL REFERENCES folders(id),
     video_id TEXT NOT NULL,
     PRIMARY KEY (folder_id, video_id)
   );
   CREATE INDEX folder_items_by_time ON folder_items (folder_id, id);
   CREATE INDEX folder_items_by_video ON folder_items (video_id);`,
  // Completed uploads keep the object they point at alive: counting them needs this.
  `CREATE INDEX uploads_by_object ON uploads (object_key, status);`,
  // Danmaku in sending order, for resuming danmakuAdded and lastDanmakuId.
  `CREATE INDEX danmaku_by_id ON danmaku (video_id, id);`,
  // Presigned chunks are recorded unverified; chunks from before were all read back, hence the default.
  `ALTER TABLE chunks ADD COLUMN verified INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE uploads ADD COLUMN dropped_rounds INTEGER NOT NULL DEFAULT 0;`,
];

export type Row = Record<string, unknown>;
export const date = (v: unknown) => new Date(v as string);
export const json = (ids: readonly string[]) => JSON.stringify(ids);
export const now = () => new Date().toISOString();

export const upload = (r: Row): UploadRecord => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  filename: r.filename as string,
  size: r.size as number,
  sha256: r.sha256 as string,
  chunkSize: r.chunk_size as number,
  chunkCount: r.chunk_count as number,
  status: r.status as UploadStatus,
  objectKey: (r.object_key as string | null) ?? null,
  failure: (r.failure as string | null) ?? null,
  droppedRounds: r.dropped_rounds as number,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});
export const chunk = (r: Row): ChunkRecord => ({
  uploadId: r.upload_id as string,
  index: r.idx as number,
  size: r.size as number,
  sha256: r.sha256 as string,
  objectKey: r.object_key as string,
  verified: r.verified === 1,
});
export const video = (r: Row): VideoRecord => ({
  id: r.id as string,
  uploaderId: r.uploader_id as string,
  uploadId: (r.upload_id as string | null) ?? null,
  title: r.title as string,
  description: r.description as string,
  tags: JSON.parse(r.tags as string) as string[],
  objectKey: r.object_key as string,
  coverKey: (r.cover_key as string | null) ?? null,
  sha256: r.sha256 as string,
  size: r.size as number,
  durationMs: (r.duration_ms as number | null) ?? null,
  width: (r.width as number | null) ?? null,
  height: (r.height as number | null) ?? null,
  viewCount: r.view_count as number,
  likeCount: r.like_count as number,
  commentCount: r.comment_count as number,
  version: r.version as number,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});
export const comment = (r: Row): CommentRecord => ({
  id: r.id as string,
  videoId: r.video_id as string,
  authorId: r.author_id as string,
  parentId: (r.parent_id as string | null) ?? null,
  text: r.text as string,
  replyCount: r.reply_count as number,
  createdAt: date(r.created_at),
});
export const danmaku = (r: Row): DanmakuRecord => ({
  id: r.id as string,
  videoId: r.video_id as string,
  userId: r.user_id as string,
  text: r.text as string,
  timeMs: r.time_ms as number,
  color: r.color as string,
  mode: r.mode as DanmakuMode,
  createdAt: date(r.created_at),
});
export const folder = (r: Row): FolderRecord => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  name: r.name as string,
  isPublic: r.is_public === 1,
  itemCount: r.item_count as number,
  createdAt: date(r.created_at),
});

/** The migrated database with cached statements. */
export class VideoDb {
  readonly sql: ReturnType<typeof statementCache>;

  constructor(readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }

  one(sql: string, ...params: unknown[]): Row | undefined {
    return this.sql(sql).get(...params) as Row | undefined;
  }

  all(sql: string, ...params: unknown[]): Row[] {
    return this.sql(sql).all(...params) as Row[];
  }
}
