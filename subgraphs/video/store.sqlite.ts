import { v7 as uuidv7 } from 'uuid';
import { migrate, statementCache, type SqliteDb } from '../../lib/data/documents.js';
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

const MIGRATIONS = [
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
];

type Row = Record<string, unknown>;
const date = (v: unknown) => new Date(v as string);
const json = (ids: readonly string[]) => JSON.stringify(ids);
const now = () => new Date().toISOString();

const upload = (r: Row): UploadRecord => ({
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
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});
const chunk = (r: Row): ChunkRecord => ({ uploadId: r.upload_id as string, index: r.idx as number, size: r.size as number, sha256: r.sha256 as string, objectKey: r.object_key as string });
const video = (r: Row): VideoRecord => ({
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
const comment = (r: Row): CommentRecord => ({
  id: r.id as string,
  videoId: r.video_id as string,
  authorId: r.author_id as string,
  parentId: (r.parent_id as string | null) ?? null,
  text: r.text as string,
  replyCount: r.reply_count as number,
  createdAt: date(r.created_at),
});
const danmaku = (r: Row): DanmakuRecord => ({
  id: r.id as string,
  videoId: r.video_id as string,
  userId: r.user_id as string,
  text: r.text as string,
  timeMs: r.time_ms as number,
  color: r.color as string,
  mode: r.mode as DanmakuMode,
  createdAt: date(r.created_at),
});
const folder = (r: Row): FolderRecord => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  name: r.name as string,
  isPublic: r.is_public === 1,
  itemCount: r.item_count as number,
  createdAt: date(r.created_at),
});

export class SqliteVideoStore implements VideoStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
    this.sql = statementCache(db);
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.sql(sql).get(...params) as Row | undefined;
  }
  private all(sql: string, ...params: unknown[]): Row[] {
    return this.sql(sql).all(...params) as Row[];
  }

  async createUpload(u: Omit<UploadRecord, 'id' | 'createdAt' | 'updatedAt' | 'failure'> & { id?: string }): Promise<UploadRecord> {
    const t = now();
    const id = u.id ?? uuidv7();
    this.db
      .prepare(`INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`)
      .run(id, u.ownerId, u.filename, u.size, u.sha256, u.chunkSize, u.chunkCount, u.status, u.objectKey, t, t);
    return upload(this.one(`SELECT * FROM uploads WHERE id = ?`, id)!);
  }

  async findUpload(id: string): Promise<UploadRecord | null> {
    const r = this.one(`SELECT * FROM uploads WHERE id = ?`, id);
    return r ? upload(r) : null;
  }

  async countActiveUploads(ownerId: string): Promise<number> {
    return (this.one(`SELECT COUNT(*) AS n FROM uploads WHERE owner_id = ? AND status = 'UPLOADING'`, ownerId)!.n as number) ?? 0;
  }

  async recordChunk(c: ChunkRecord): Promise<boolean> {
    return this.db.transaction(() => {
      const added = this.sql(`INSERT OR IGNORE INTO chunks VALUES (?, ?, ?, ?, ?)`).run(c.uploadId, c.index, c.size, c.sha256, c.objectKey).changes === 1;
      // Touching the upload keeps an active upload from being cleaned up as stale.
      if (added) this.sql(`UPDATE uploads SET updated_at = ? WHERE id = ?`).run(now(), c.uploadId);
      return added;
    })();
  }

  async listChunks(uploadId: string): Promise<ChunkRecord[]> {
    return this.all(`SELECT * FROM chunks WHERE upload_id = ? ORDER BY idx`, uploadId).map(chunk);
  }

  async transitionUpload(id: string, from: UploadStatus[], to: UploadStatus, changes: { objectKey?: string | null; failure?: string | null } = {}): Promise<UploadRecord | null> {
    const r = this.one(
      `UPDATE uploads SET status = ?, object_key = CASE WHEN ? THEN ? ELSE object_key END, failure = CASE WHEN ? THEN ? ELSE failure END, updated_at = ?
       WHERE id = ? AND status IN (SELECT value FROM json_each(?)) RETURNING *`,
      to,
      changes.objectKey !== undefined ? 1 : 0,
      changes.objectKey ?? null,
      changes.failure !== undefined ? 1 : 0,
      changes.failure ?? null,
      now(),
      id,
      JSON.stringify(from),
    );
    return r ? upload(r) : null;
  }

  async listStaleUploads(before: Date, limit: number, statuses: UploadStatus[] = ['UPLOADING']): Promise<UploadRecord[]> {
    return this.all(
      `SELECT * FROM uploads WHERE status IN (SELECT value FROM json_each(?)) AND updated_at < ? ORDER BY updated_at, id LIMIT ?`,
      JSON.stringify(statuses),
      before.toISOString(),
      limit,
    ).map(upload);
  }

  async deleteChunks(uploadId: string): Promise<void> {
    this.sql(`DELETE FROM chunks WHERE upload_id = ?`).run(uploadId);
  }

  private insertVideo(v: NewVideo): string {
    const t = now();
    const id = uuidv7();
    this.db
      .prepare(
        `INSERT INTO videos (id, uploader_id, upload_id, title, description, tags, object_key, cover_key, sha256, size, duration_ms, width, height, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, v.uploaderId, v.uploadId ?? null, v.title, v.description, JSON.stringify(v.tags), v.objectKey, v.coverKey, v.sha256, v.size, v.durationMs, v.width, v.height, t, t);
    return id;
  }

  async publish(v: NewVideo & { uploadId: string }): Promise<VideoRecord | null> {
    return this.db.transaction(() => {
      const moved = this.sql(`UPDATE uploads SET status = 'PUBLISHED', updated_at = ? WHERE id = ? AND status = 'COMPLETED'`).run(now(), v.uploadId).changes;
      if (moved !== 1) return null;
      return video(this.one(`SELECT * FROM videos WHERE id = ?`, this.insertVideo(v))!);
    }).immediate();
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    return video(this.one(`SELECT * FROM videos WHERE id = ?`, this.insertVideo(v))!);
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    return this.all(`SELECT * FROM videos WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(video);
  }

  async findVideoBySha256(sha256: string): Promise<VideoRecord | null> {
    const r = this.one(`SELECT * FROM videos WHERE sha256 = ? ORDER BY id LIMIT 1`, sha256);
    return r ? video(r) : null;
  }

  async countVideosWithObject(objectKey: string): Promise<number> {
    return this.one(`SELECT COUNT(*) AS n FROM videos WHERE object_key = ?`, objectKey)!.n as number;
  }

  async countObjectReferences(objectKey: string): Promise<number> {
    // One statement, so one snapshot: a publish (upload COMPLETED -> PUBLISHED and
    // its video, in one transaction) is counted once, before or after.
    return this.one(
      `SELECT (SELECT COUNT(*) FROM videos WHERE object_key = ?) + (SELECT COUNT(*) FROM uploads WHERE object_key = ? AND status = 'COMPLETED') AS n`,
      objectKey,
      objectKey,
    )!.n as number;
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>> {
    // Two statements, so that one uploader's page uses the (uploader_id, id) index.
    const rows = q.uploaderId
      ? this.all(`SELECT * FROM videos WHERE uploader_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.uploaderId, q.afterId ?? null, q.afterId ?? null, q.limit + 1)
      : this.all(`SELECT * FROM videos WHERE (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.afterId ?? null, q.afterId ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map(video), hasNextPage: rows.length > q.limit };
  }

  async updateVideo(id: string, changes: { title?: string; description?: string; tags?: string[] }): Promise<VideoRecord | null> {
    const r = this.one(
      `UPDATE videos SET title = COALESCE(?, title), description = COALESCE(?, description), tags = COALESCE(?, tags), version = version + 1, updated_at = ?
       WHERE id = ? RETURNING *`,
      changes.title ?? null,
      changes.description ?? null,
      changes.tags ? JSON.stringify(changes.tags) : null,
      now(),
      id,
    );
    return r ? video(r) : null;
  }

  async deleteVideo(id: string): Promise<VideoRecord | null> {
    return this.db.transaction(() => {
      const r = this.one(`DELETE FROM videos WHERE id = ? RETURNING *`, id);
      if (!r) return null;
      this.sql(`DELETE FROM likes WHERE video_id = ?`).run(id);
      this.sql(`DELETE FROM comments WHERE video_id = ?`).run(id);
      this.sql(`DELETE FROM danmaku WHERE video_id = ?`).run(id);
      this.sql(`UPDATE folders SET item_count = item_count - 1 WHERE id IN (SELECT folder_id FROM folder_items WHERE video_id = ?)`).run(id);
      this.sql(`DELETE FROM folder_items WHERE video_id = ?`).run(id);
      return video(r);
    }).immediate();
  }

  async addView(id: string): Promise<void> {
    this.sql(`UPDATE videos SET view_count = view_count + 1, version = version + 1 WHERE id = ?`).run(id);
  }

  async like(videoId: string, userId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const added = this.sql(`INSERT OR IGNORE INTO likes SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM videos WHERE id = ?)`).run(videoId, userId, now(), videoId).changes === 1;
      if (added) this.sql(`UPDATE videos SET like_count = like_count + 1, version = version + 1 WHERE id = ?`).run(videoId);
      return added;
    }).immediate();
  }

  async unlike(videoId: string, userId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.sql(`DELETE FROM likes WHERE video_id = ? AND user_id = ?`).run(videoId, userId).changes === 1;
      if (removed) this.sql(`UPDATE videos SET like_count = like_count - 1, version = version + 1 WHERE id = ?`).run(videoId);
      return removed;
    }).immediate();
  }

  async likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>> {
    if (videoIds.length === 0) return new Set();
    return new Set(this.all(`SELECT video_id FROM likes WHERE user_id = ? AND video_id IN (SELECT value FROM json_each(?))`, userId, json(videoIds)).map((r) => r.video_id as string));
  }

  async addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord> {
    return this.db.transaction(() => {
      const id = uuidv7();
      this.sql(`INSERT INTO comments (id, video_id, author_id, parent_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, c.videoId, c.authorId, c.parentId, c.text, now());
      this.sql(`UPDATE videos SET comment_count = comment_count + 1 WHERE id = ?`).run(c.videoId);
      if (c.parentId) this.sql(`UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?`).run(c.parentId);
      return comment(this.one(`SELECT * FROM comments WHERE id = ?`, id)!);
    }).immediate();
  }

  async findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]> {
    if (ids.length === 0) return [];
    return this.all(`SELECT * FROM comments WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(comment);
  }

  async listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>> {
    const rows = q.parentId
      ? this.all(`SELECT * FROM comments WHERE parent_id = ? AND (? IS NULL OR id > ?) ORDER BY id ASC LIMIT ?`, q.parentId, q.after ?? null, q.after ?? null, q.limit + 1)
      : this.all(`SELECT * FROM comments WHERE video_id = ? AND parent_id IS NULL AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.videoId, q.after ?? null, q.after ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map(comment), hasNextPage: rows.length > q.limit };
  }

  async deleteComment(id: string): Promise<number> {
    return this.db.transaction(() => {
      const target = this.one(`SELECT * FROM comments WHERE id = ?`, id);
      if (!target) return 0;
      const removed = this.sql(`DELETE FROM comments WHERE id = ? OR parent_id = ?`).run(id, id).changes;
      this.sql(`UPDATE videos SET comment_count = comment_count - ? WHERE id = ?`).run(removed, target.video_id);
      if (target.parent_id) this.sql(`UPDATE comments SET reply_count = reply_count - 1 WHERE id = ?`).run(target.parent_id);
      return removed;
    }).immediate();
  }

  async addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord> {
    const id = uuidv7();
    this.sql(`INSERT INTO danmaku VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, d.videoId, d.userId, d.text, d.timeMs, d.color, d.mode, now());
    return danmaku(this.one(`SELECT * FROM danmaku WHERE id = ?`, id)!);
  }

  async listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]> {
    return this.all(`SELECT * FROM danmaku WHERE video_id = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, id LIMIT ?`, q.videoId, q.fromMs, q.toMs, q.limit).map(danmaku);
  }

  async listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]> {
    return this.all(`SELECT * FROM danmaku WHERE video_id = ? AND id > ? ORDER BY id LIMIT ?`, q.videoId, q.afterId, q.limit).map(danmaku);
  }

  async lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>> {
    if (videoIds.length === 0) return new Map();
    const rows = this.all(`SELECT video_id, MAX(id) AS id FROM danmaku WHERE video_id IN (SELECT value FROM json_each(?)) GROUP BY video_id`, json(videoIds));
    return new Map(rows.map((r) => [r.video_id as string, r.id as string]));
  }

  async createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord> {
    const id = uuidv7();
    this.sql(`INSERT INTO folders (id, owner_id, name, is_public, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, f.ownerId, f.name, f.isPublic ? 1 : 0, now());
    return folder(this.one(`SELECT * FROM folders WHERE id = ?`, id)!);
  }

  async findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]> {
    if (ids.length === 0) return [];
    return this.all(`SELECT * FROM folders WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(folder);
  }

  async listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>> {
    const result = new Map<string, FolderRecord[]>(ownerIds.map((id) => [id, []]));
    for (const r of this.all(`SELECT * FROM folders WHERE owner_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`, json(ownerIds))) {
      result.get(r.owner_id as string)?.push(folder(r));
    }
    return result;
  }

  async updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null> {
    const r = this.one(
      `UPDATE folders SET name = COALESCE(?, name), is_public = COALESCE(?, is_public) WHERE id = ? RETURNING *`,
      changes.name ?? null,
      changes.isPublic === undefined ? null : changes.isPublic ? 1 : 0,
      id,
    );
    return r ? folder(r) : null;
  }

  async deleteFolder(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.sql(`DELETE FROM folder_items WHERE folder_id = ?`).run(id);
      return this.sql(`DELETE FROM folders WHERE id = ?`).run(id).changes === 1;
    })();
  }

  async addToFolder(folderId: string, videoId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const added = this.sql(`INSERT OR IGNORE INTO folder_items VALUES (?, ?, ?)`).run(uuidv7(), folderId, videoId).changes === 1;
      if (added) this.sql(`UPDATE folders SET item_count = item_count + 1 WHERE id = ?`).run(folderId);
      return added;
    }).immediate();
  }

  async removeFromFolder(folderId: string, videoId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.sql(`DELETE FROM folder_items WHERE folder_id = ? AND video_id = ?`).run(folderId, videoId).changes === 1;
      if (removed) this.sql(`UPDATE folders SET item_count = item_count - 1 WHERE id = ?`).run(folderId);
      return removed;
    }).immediate();
  }

  async listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>> {
    const rows = this.all(`SELECT id, video_id FROM folder_items WHERE folder_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, folderId, q.after ?? null, q.after ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map((r) => ({ videoId: r.video_id as string, cursor: r.id as string })), hasNextPage: rows.length > q.limit };
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
