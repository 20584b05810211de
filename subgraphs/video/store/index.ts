/**
 * The video subgraph's storage: one narrow port per aggregate (uploads,
 * videos with their likes, comments, danmaku, favourites), each with a SQLite
 * adapter (embedded) and a mongoose adapter (production), held to the same
 * contract suites (store/*.contract.test.ts). The ports know nothing of their
 * adapters; this factory picks them: MongoDB when MONGODB_URI is set, otherwise
 * the SQLite file DATA_DIR/video.sqlite. All ports of one instance share one
 * database, so an operation spanning aggregates (publishing an upload as a
 * video) is still one transaction.
 */
import type mongoose from 'mongoose';
import type { Config } from '../../../lib/config.js';
import { mongoLifecycle, openStores, sqliteLifecycle, type SqliteDb, type StoreLifecycle } from '../../../lib/data/documents.js';
import type { CommentStore } from './comments.js';
import type { DanmakuStore } from './danmaku.js';
import type { FavouriteStore } from './favourites.js';
import { MongoCommentStore } from './mongo/comments.js';
import { MongoDanmakuStore } from './mongo/danmaku.js';
import { MongoFavouriteStore } from './mongo/favourites.js';
import { videoModels } from './mongo/models.js';
import { MongoUploadStore } from './mongo/uploads.js';
import { MongoVideoStore } from './mongo/videos.js';
import type { AdapterOptions } from './probe.js';
import { SqliteCommentStore } from './sqlite/comments.js';
import { SqliteDanmakuStore } from './sqlite/danmaku.js';
import { SqliteFavouriteStore } from './sqlite/favourites.js';
import { VideoDb } from './sqlite/schema.js';
import { SqliteUploadStore } from './sqlite/uploads.js';
import { SqliteVideoStore } from './sqlite/videos.js';
import type { UploadStore } from './uploads.js';
import type { VideoStore } from './videos.js';

export interface VideoStores extends StoreLifecycle {
  uploads: UploadStore;
  videos: VideoStore;
  comments: CommentStore;
  danmaku: DanmakuStore;
  favourites: FavouriteStore;
}

/** The ports, for code that treats them alike (metrics, call counting). */
export const PORTS = ['uploads', 'videos', 'comments', 'danmaku', 'favourites'] as const;

/** Applies `wrap` to each port (a Proxy per port keeps method names as they are). */
export function mapPorts(stores: VideoStores, wrap: <T extends object>(port: T) => T): VideoStores {
  return {
    uploads: wrap(stores.uploads),
    videos: wrap(stores.videos),
    comments: wrap(stores.comments),
    danmaku: wrap(stores.danmaku),
    favourites: wrap(stores.favourites),
    ping: () => stores.ping(),
    dispose: () => stores.dispose(),
  };
}

export function sqliteVideoStores(db: SqliteDb, options: AdapterOptions = {}): VideoStores {
  const d = new VideoDb(db);
  return {
    uploads: new SqliteUploadStore(d),
    videos: new SqliteVideoStore(d, options),
    comments: new SqliteCommentStore(d),
    danmaku: new SqliteDanmakuStore(d),
    favourites: new SqliteFavouriteStore(d),
    ...sqliteLifecycle(db),
  };
}

export async function mongoVideoStores(conn: mongoose.Connection, options: AdapterOptions = {}): Promise<VideoStores> {
  const m = await videoModels(conn);
  return {
    uploads: new MongoUploadStore(m),
    videos: new MongoVideoStore(m, options),
    comments: new MongoCommentStore(m),
    danmaku: new MongoDanmakuStore(m),
    favourites: new MongoFavouriteStore(m),
    ...mongoLifecycle(conn),
  };
}

export function createVideoStores(config: Config): Promise<VideoStores> {
  return openStores(config, 'video', { sqlite: sqliteVideoStores, mongo: mongoVideoStores });
}
