/**
 * The video subgraph's storage port, with SQLite (embedded) and mongoose
 * (production) adapters held to the same contract suite.
 */
import type { Config } from '../../lib/config.js';
import { connectMongo, openSqlite } from '../../lib/infra/documents.js';
import { MongoVideoStore } from './store.mongo.js';
import { SqliteVideoStore } from './store.sqlite.js';

export interface VideoRecord {
  id: string;
  uploaderId: string;
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
  createdAt: Date;
  updatedAt: Date;
}

export type NewVideo = Pick<VideoRecord, 'uploaderId' | 'title' | 'description' | 'tags' | 'objectKey' | 'coverKey' | 'sha256' | 'size' | 'durationMs' | 'width' | 'height'>;

export interface VideoPage {
  items: VideoRecord[];
  hasNextPage: boolean;
}

export interface VideoStore {
  createVideo(video: NewVideo): Promise<VideoRecord>;
  findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]>;
  /** Newest first; `afterId` is the last id of the previous page. */
  listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<VideoPage>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createVideoStore(config: Config): Promise<VideoStore> {
  if (config.MONGODB_URI) return MongoVideoStore.create(await connectMongo(config.MONGODB_URI, 'video'));
  return new SqliteVideoStore(openSqlite(config.DATA_DIR, 'video'));
}
