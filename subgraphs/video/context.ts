/**
 * The video subgraph's services and request context. Resolvers hand each
 * domain function only the dependencies it uses (the `deps` of the context):
 * a port or two of the store, the Redis-backed repositories, object storage,
 * the request's loaders. The domain functions never see the Redis client or
 * the whole context.
 */
import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { Config } from '../../lib/config.js';
import type { RedisFanout } from '../../lib/redis/fanout.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { Coalescer } from '../../lib/data/coalescer.js';
import { entityLoader } from '../../lib/data/loaders.js';
import type { BaseContext } from '../../lib/server/subgraph.js';
import type { CommentDeps } from './comments.js';
import type { CountMarks } from './counts.js';
import type { DanmakuDeps } from './danmaku.js';
import type { VideoEvents } from './events.js';
import type { FavouriteDeps } from './favourites.js';
import type { DanmakuRate, ViewWindow } from './repositories.js';
import type { CommentRecord } from './store/comments.js';
import type { DanmakuRecord } from './store/danmaku.js';
import type { FolderRecord } from './store/favourites.js';
import type { VideoStores } from './store/index.js';
import type { VideoRecord } from './store/videos.js';
import type { UploadDeps } from './uploads.js';
import type { VideoDeps } from './videos.js';

export interface VideoServices {
  config: Config;
  stores: VideoStores;
  /** The Redis client, for wiring (repositories, jobs); domain functions get repositories instead. */
  redis: Redis;
  objects: ObjectStore;
  danmakuBus: RedisFanout<DanmakuRecord>;
  /** Merges hot video lookups across requests. */
  videoLookups: Coalescer<VideoRecord>;
  /** Everything the upload functions use (nothing of it is per request). */
  uploads: UploadDeps;
  events: VideoEvents;
  counts: CountMarks;
  views: ViewWindow;
  danmakuRate: DanmakuRate;
}

export interface Loaders {
  video: DataLoader<string, VideoRecord | null>;
  comment: DataLoader<string, CommentRecord | null>;
  likedByViewer: DataLoader<string, boolean>;
  folder: DataLoader<string, FolderRecord | null>;
  foldersOf: DataLoader<string, FolderRecord[]>;
  /** The id of a video's newest danmaku; null when it has none. */
  lastDanmakuId: DataLoader<string, string | null>;
}

/** The narrow dependencies of each domain module, built once per request. */
export interface DomainDeps {
  uploads: UploadDeps;
  videos: VideoDeps;
  comments: CommentDeps;
  danmaku: DanmakuDeps;
  favourites: FavouriteDeps;
}

export interface Context extends BaseContext {
  config: Config;
  stores: VideoStores;
  objects: ObjectStore;
  loaders: Loaders;
  deps: DomainDeps;
}

/** A user as the video subgraph knows one: the key, plus what the gateway brings for @requires. */
export interface UserRef {
  id: string;
  favouritesVisibleToViewer?: boolean;
}

function loaders(services: VideoServices, base: BaseContext): Loaders {
  const { stores } = services;
  return {
    video: entityLoader((ids) => services.videoLookups.load(ids)),
    comment: entityLoader((ids) => stores.comments.findCommentsByIds(ids)),
    likedByViewer: new DataLoader(async (ids) => {
      const viewer = base.viewer.userId;
      if (!viewer) return ids.map(() => false);
      const liked = await stores.videos.likedAmong(viewer, ids);
      return ids.map((id) => liked.has(id));
    }),
    folder: entityLoader((ids) => stores.favourites.findFoldersByIds(ids)),
    foldersOf: new DataLoader(async (ownerIds) => {
      const byOwner = await stores.favourites.listFolders(ownerIds);
      return ownerIds.map((id) => byOwner.get(id) ?? []);
    }),
    lastDanmakuId: new DataLoader(async (videoIds) => {
      const last = await stores.danmaku.lastDanmakuIds(videoIds);
      return videoIds.map((id) => last.get(id) ?? null);
    }),
  };
}

export function contextFactory(services: VideoServices) {
  const { stores, config, objects } = services;
  return (base: BaseContext): Context => {
    const l = loaders(services, base);
    return {
      ...base,
      config,
      stores,
      objects,
      loaders: l,
      deps: {
        uploads: services.uploads,
        videos: {
          videos: stores.videos,
          uploads: stores.uploads,
          objects,
          events: services.events,
          counts: services.counts,
          views: services.views,
          loader: l.video,
          likedLoader: l.likedByViewer,
          log: base.log,
        },
        comments: { comments: stores.comments, videoLoader: l.video, events: services.events },
        danmaku: {
          danmaku: stores.danmaku,
          bus: services.danmakuBus,
          rate: services.danmakuRate,
          limits: config,
          videoLoader: l.video,
          lastIdLoader: l.lastDanmakuId,
          log: base.log,
        },
        favourites: { favourites: stores.favourites, folderLoader: l.folder, foldersOfLoader: l.foldersOf, videoLoader: l.video },
      },
    };
  };
}
