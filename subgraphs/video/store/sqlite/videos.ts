import { v7 as uuidv7 } from 'uuid';
import type { Page } from '../page.js';
import type { AdapterOptions } from '../probe.js';
import type { NewVideo, VideoRecord, VideoStore } from '../videos.js';
import { json, now, video, type VideoDb } from './schema.js';

/**
 * Videos, views and likes on SQLite. publish, like, unlike and deleteVideo are
 * each one IMMEDIATE transaction (the write lock is taken at BEGIN, so two
 * replicas on one file serialise instead of failing on upgrade): all of an
 * operation's writes land together or none does.
 */
export class SqliteVideoStore implements VideoStore {
  constructor(
    private readonly d: VideoDb,
    private readonly options: AdapterOptions = {},
  ) {}

  private insertVideo(v: NewVideo): string {
    const t = now();
    const id = uuidv7();
    this.d.db
      .prepare(
        `INSERT INTO videos (id, uploader_id, upload_id, title, description, tags, object_key, cover_key, sha256, size, duration_ms, width, height, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, v.uploaderId, v.uploadId ?? null, v.title, v.description, JSON.stringify(v.tags), v.objectKey, v.coverKey, v.sha256, v.size, v.durationMs, v.width, v.height, t, t);
    return id;
  }

  async publish(v: NewVideo & { uploadId: string }): Promise<VideoRecord | null> {
    return this.d.db.transaction(() => {
      const moved = this.d.sql(`UPDATE uploads SET status = 'PUBLISHED', updated_at = ? WHERE id = ? AND status = 'COMPLETED'`).run(now(), v.uploadId).changes;
      if (moved !== 1) return null;
      this.options.afterWrite?.('publish: upload moved');
      return video(this.d.one(`SELECT * FROM videos WHERE id = ?`, this.insertVideo(v))!);
    }).immediate();
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    return video(this.d.one(`SELECT * FROM videos WHERE id = ?`, this.insertVideo(v))!);
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    return this.d.all(`SELECT * FROM videos WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(video);
  }

  async findVideoBySha256(sha256: string): Promise<VideoRecord | null> {
    const r = this.d.one(`SELECT * FROM videos WHERE sha256 = ? ORDER BY id LIMIT 1`, sha256);
    return r ? video(r) : null;
  }

  async countVideosWithObject(objectKey: string): Promise<number> {
    return this.d.one(`SELECT COUNT(*) AS n FROM videos WHERE object_key = ?`, objectKey)!.n as number;
  }

  async countObjectReferences(objectKey: string): Promise<number> {
    // One statement, so one snapshot: a publish (upload COMPLETED -> PUBLISHED and
    // its video, in one transaction) is counted once, before or after.
    return this.d.one(
      `SELECT (SELECT COUNT(*) FROM videos WHERE object_key = ?) + (SELECT COUNT(*) FROM uploads WHERE object_key = ? AND status = 'COMPLETED') AS n`,
      objectKey,
      objectKey,
    )!.n as number;
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>> {
    // Two statements, so that one uploader's page uses the (uploader_id, id) index.
    const rows = q.uploaderId
      ? this.d.all(`SELECT * FROM videos WHERE uploader_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.uploaderId, q.afterId ?? null, q.afterId ?? null, q.limit + 1)
      : this.d.all(`SELECT * FROM videos WHERE (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.afterId ?? null, q.afterId ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map(video), hasNextPage: rows.length > q.limit };
  }

  async updateVideo(id: string, changes: { title?: string; description?: string; tags?: string[] }): Promise<VideoRecord | null> {
    const r = this.d.one(
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
    return this.d.db.transaction(() => {
      const r = this.d.one(`DELETE FROM videos WHERE id = ? RETURNING *`, id);
      if (!r) return null;
      this.d.sql(`DELETE FROM likes WHERE video_id = ?`).run(id);
      this.d.sql(`DELETE FROM comments WHERE video_id = ?`).run(id);
      this.d.sql(`DELETE FROM danmaku WHERE video_id = ?`).run(id);
      this.d.sql(`UPDATE folders SET item_count = item_count - 1 WHERE id IN (SELECT folder_id FROM folder_items WHERE video_id = ?)`).run(id);
      this.d.sql(`DELETE FROM folder_items WHERE video_id = ?`).run(id);
      return video(r);
    }).immediate();
  }

  async addView(id: string): Promise<void> {
    this.d.sql(`UPDATE videos SET view_count = view_count + 1, version = version + 1 WHERE id = ?`).run(id);
  }

  async like(videoId: string, userId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const added = this.d.sql(`INSERT OR IGNORE INTO likes SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM videos WHERE id = ?)`).run(videoId, userId, now(), videoId).changes === 1;
      if (!added) return false;
      this.options.afterWrite?.('like: like stored');
      this.d.sql(`UPDATE videos SET like_count = like_count + 1, version = version + 1 WHERE id = ?`).run(videoId);
      return true;
    }).immediate();
  }

  async unlike(videoId: string, userId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const removed = this.d.sql(`DELETE FROM likes WHERE video_id = ? AND user_id = ?`).run(videoId, userId).changes === 1;
      if (!removed) return false;
      this.options.afterWrite?.('unlike: like removed');
      this.d.sql(`UPDATE videos SET like_count = like_count - 1, version = version + 1 WHERE id = ?`).run(videoId);
      return true;
    }).immediate();
  }

  async likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>> {
    if (videoIds.length === 0) return new Set();
    return new Set(this.d.all(`SELECT video_id FROM likes WHERE user_id = ? AND video_id IN (SELECT value FROM json_each(?))`, userId, json(videoIds)).map((r) => r.video_id as string));
  }
}
