import { v7 as uuidv7 } from 'uuid';
import { migrate, type SqliteDb } from '../../lib/infra/documents.js';
import type { NewVideo, VideoPage, VideoRecord, VideoStore } from './store.js';

const MIGRATIONS = [
  `CREATE TABLE videos (
     id TEXT PRIMARY KEY,            -- uuid v7: sorts by creation time
     uploader_id TEXT NOT NULL,
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
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX videos_by_uploader ON videos (uploader_id, id);
   CREATE INDEX videos_by_sha256 ON videos (sha256);`,
];

interface Row {
  id: string;
  uploader_id: string;
  title: string;
  description: string;
  tags: string;
  object_key: string;
  cover_key: string | null;
  sha256: string;
  size: number;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  view_count: number;
  like_count: number;
  created_at: string;
  updated_at: string;
}

function toRecord(r: Row): VideoRecord {
  return {
    id: r.id,
    uploaderId: r.uploader_id,
    title: r.title,
    description: r.description,
    tags: JSON.parse(r.tags) as string[],
    objectKey: r.object_key,
    coverKey: r.cover_key,
    sha256: r.sha256,
    size: r.size,
    durationMs: r.duration_ms,
    width: r.width,
    height: r.height,
    viewCount: r.view_count,
    likeCount: r.like_count,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

export class SqliteVideoStore implements VideoStore {
  constructor(private readonly db: SqliteDb) {
    migrate(db, MIGRATIONS);
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    const now = new Date().toISOString();
    const row: Row = {
      id: uuidv7(),
      uploader_id: v.uploaderId,
      title: v.title,
      description: v.description,
      tags: JSON.stringify(v.tags),
      object_key: v.objectKey,
      cover_key: v.coverKey,
      sha256: v.sha256,
      size: v.size,
      duration_ms: v.durationMs,
      width: v.width,
      height: v.height,
      view_count: 0,
      like_count: 0,
      created_at: now,
      updated_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO videos VALUES (@id, @uploader_id, @title, @description, @tags, @object_key, @cover_key, @sha256, @size,
           @duration_ms, @width, @height, @view_count, @like_count, @created_at, @updated_at)`,
      )
      .run(row);
    return toRecord(row);
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM videos WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
    return rows.map(toRecord);
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<VideoPage> {
    const rows = this.db
      .prepare(
        `SELECT * FROM videos
         WHERE (@uploaderId IS NULL OR uploader_id = @uploaderId) AND (@afterId IS NULL OR id < @afterId)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ uploaderId: q.uploaderId ?? null, afterId: q.afterId ?? null, limit: q.limit + 1 }) as Row[];
    return { items: rows.slice(0, q.limit).map(toRecord), hasNextPage: rows.length > q.limit };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async dispose(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
