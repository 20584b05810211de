import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import type { RedisFanout } from '../../lib/redis/fanout.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { Coalescer } from '../../lib/data/coalescer.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext } from '../../lib/server/subgraph.js';
import type { UploadMetrics } from './uploads.js';
import type { CommentRecord, DanmakuRecord, FolderRecord, VideoRecord, VideoStore } from './store.js';

export interface VideoServices {
  config: Config;
  store: VideoStore;
  redis: Redis;
  objects: ObjectStore;
  danmakuBus: RedisFanout<DanmakuRecord>;
  /** Chunk uploads this instance is processing now (the per-instance cap). */
  inFlight: { count: number };
  /** Merges hot video lookups across requests. */
  videoLookups: Coalescer<VideoRecord>;
  /** Chunks and bytes received, uploads finished (absent where nothing is measured). */
  uploadMetrics?: UploadMetrics;
}

export interface Context extends BaseContext, VideoServices {
  loaders: {
    video: DataLoader<string, VideoRecord | null>;
    comment: DataLoader<string, CommentRecord | null>;
    likedByViewer: DataLoader<string, boolean>;
    folder: DataLoader<string, FolderRecord | null>;
    foldersOf: DataLoader<string, FolderRecord[]>;
    /** The id of a video's newest danmaku; null when it has none. */
    lastDanmakuId: DataLoader<string, string | null>;
  };
}

/** A user as the video subgraph knows one: the key, plus what the gateway brings for @requires. */
export interface UserRef {
  id: string;
  favouritesVisibleToViewer?: boolean;
}

export function contextFactory(services: VideoServices) {
  const { store } = services;
  return (base: BaseContext): Context => ({
    ...base,
    ...services,
    loaders: {
      video: entityLoader((ids) => services.videoLookups.load(ids)),
      comment: entityLoader((ids) => store.findCommentsByIds(ids)),
      likedByViewer: new DataLoader(async (ids) => {
        const viewer = base.viewer.userId;
        if (!viewer) return ids.map(() => false);
        const liked = await store.likedAmong(viewer, ids);
        return ids.map((id) => liked.has(id));
      }),
      folder: entityLoader((ids) => store.findFoldersByIds(ids)),
      foldersOf: new DataLoader(async (ownerIds) => {
        const byOwner = await store.listFolders(ownerIds);
        return ownerIds.map((id) => byOwner.get(id) ?? []);
      }),
      lastDanmakuId: new DataLoader(async (videoIds) => {
        const last = await store.lastDanmakuIds(videoIds);
        return videoIds.map((id) => last.get(id) ?? null);
      }),
    },
  });
}
