/**
 * The danmaku port: bullet comments pinned to a time offset of a video.
 *
 * Guarantee every adapter gives (store/danmaku.contract.test.ts): ids (uuid v7)
 * grow in sending order, so "after an id" is a resumable cursor.
 */
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

export interface DanmakuStore {
  addDanmaku(d: Omit<DanmakuRecord, 'id' | 'createdAt'>): Promise<DanmakuRecord>;
  /** By time offset in [fromMs, toMs), then by creation. */
  listDanmaku(q: { videoId: string; fromMs: number; toMs: number; limit: number }): Promise<DanmakuRecord[]>;
  /** In sending order: the video's danmaku with an id greater than `afterId` (ids grow in sending order, uuid v7). */
  listDanmakuAfter(q: { videoId: string; afterId: string; limit: number }): Promise<DanmakuRecord[]>;
  /** The greatest danmaku id of each video that has danmaku, in one call. */
  lastDanmakuIds(videoIds: readonly string[]): Promise<Map<string, string>>;
}
