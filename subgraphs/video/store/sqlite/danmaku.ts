import { v7 as uuidv7 } from 'uuid';
import type { DanmakuRecord, DanmakuStore } from '../danmaku.js';
import { danmaku, json, now, type VideoDb } from './schema.js';

export class SqliteDanmakuStore implements DanmakuStore {
  constructor(private readonly d: VideoDb) {}

  async addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord> {
    const id = uuidv7();
    this.d.sql(`INSERT INTO danmaku VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, d.videoId, d.userId, d.text, d.timeMs, d.color, d.mode, now());
    return danmaku(this.d.one(`SELECT * FROM danmaku WHERE id = ?`, id)!);
  }

  async listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]> {
    return this.d.all(`SELECT * FROM danmaku WHERE video_id = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms, id LIMIT ?`, q.videoId, q.fromMs, q.toMs, q.limit).map(danmaku);
  }

  async listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]> {
    return this.d.all(`SELECT * FROM danmaku WHERE video_id = ? AND id > ? ORDER BY id LIMIT ?`, q.videoId, q.afterId, q.limit).map(danmaku);
  }

  async lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>> {
    if (videoIds.length === 0) return new Map();
    const rows = this.d.all(`SELECT video_id, MAX(id) AS id FROM danmaku WHERE video_id IN (SELECT value FROM json_each(?)) GROUP BY video_id`, json(videoIds));
    return new Map(rows.map((r) => [r.video_id as string, r.id as string]));
  }
}
