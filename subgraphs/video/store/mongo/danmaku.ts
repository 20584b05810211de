import { v7 as uuidv7 } from 'uuid';
import type { DanmakuRecord, DanmakuStore } from '../danmaku.js';
import { danmaku, type DanmakuDoc, type VideoModels } from './models.js';

export class MongoDanmakuStore implements DanmakuStore {
  constructor(private readonly m: VideoModels) {}

  async addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord> {
    const doc: DanmakuDoc = { _id: uuidv7(), videoId: d.videoId, userId: d.userId, text: d.text, timeMs: d.timeMs, color: d.color, mode: d.mode, createdAt: new Date() };
    await this.m.danmakus.create(doc);
    return danmaku(doc);
  }

  async listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]> {
    if (q.limit <= 0) return [];
    const docs = await this.m.danmakus
      .find({ videoId: q.videoId, timeMs: { $gte: q.fromMs, $lt: q.toMs } })
      .sort({ timeMs: 1, _id: 1 })
      .limit(q.limit)
      .lean<DanmakuDoc[]>();
    return docs.map(danmaku);
  }

  async listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]> {
    if (q.limit <= 0) return [];
    const docs = await this.m.danmakus
      .find({ videoId: q.videoId, _id: { $gt: q.afterId } })
      .sort({ _id: 1 })
      .limit(q.limit)
      .lean<DanmakuDoc[]>();
    return docs.map(danmaku);
  }

  async lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>> {
    // One index lookup per video: a $group over all of a video's danmaku would read them all.
    const last = await Promise.all(
      [...new Set(videoIds)].map((videoId) => this.m.danmakus.findOne({ videoId }, { _id: 1 }).sort({ _id: -1 }).lean<Pick<DanmakuDoc, '_id'>>()),
    );
    return new Map([...new Set(videoIds)].flatMap((videoId, i) => (last[i] ? [[videoId, last[i]._id] as const] : [])));
  }

}
