/** Wiring of the video subgraph: the store's ports, Redis and its repositories, object storage, danmaku fan-out, the cleanup job, the counts publisher, the server. */
import { multipartRequests } from '../../lib/server/multipart.js';
import type { ServiceConfig } from '../../lib/config.js';
import { DisposableStack } from '../../lib/process/disposable.js';
import { Coalescer } from '../../lib/data/coalescer.js';
import { RedisFanout, reviveDates } from '../../lib/redis/fanout.js';
import { coalescerOptions } from '../../lib/data/loaders.js';
import { pingRedis } from '../../lib/redis/client.js';
import type { Logger } from '../../lib/observability/logger.js';
import { ServiceMetrics, coalescerMetrics, instrumentStore } from '../../lib/observability/metrics.js';
import { requireObjectStore, requireRedis } from '../../lib/process/runtime.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/server/subgraph.js';
import { contextFactory, type VideoServices } from './context.js';
import { redisCountMarks, startCountsPublisher, type CountsPublisher } from './counts.js';
import { redisVideoEvents } from './events.js';
import { redisDanmakuRate, redisViewWindow } from './repositories.js';
import { resolvers } from './resolvers.js';
import { permissions, SHARED_EVENT_FIELDS } from './rules.js';
import type { DanmakuRecord } from './store/danmaku.js';
import { createVideoStores, mapPorts, type VideoStores } from './store/index.js';
import type { VideoRecord } from './store/videos.js';
import { startCleanup, type CleanupJob } from './uploadCleanup.js';
import { redisUploadState } from './uploadState.js';
import { MAX_CHUNK_SIZE, uploadMetrics } from './uploads.js';
import { COVER_MAX_BYTES } from './videos.js';

export interface VideoSubgraph extends RunningSubgraph {
  stores: VideoStores;
  cleanup: CleanupJob;
  /** Publishes changed like and view counts for search. */
  counts: CountsPublisher;
  videoLookups: Coalescer<VideoRecord>;
}

export async function startVideoSubgraph(config: ServiceConfig, log: Logger, opts: { port?: number; stores?: VideoStores } = {}): Promise<VideoSubgraph> {
  const stack = new DisposableStack();
  try {
    const metrics = new ServiceMetrics('video');
    const stores = mapPorts(stack.use('video store', opts.stores ?? (await createVideoStores(config))), (port) => instrumentStore(port, metrics));
    const redis = requireRedis(config, 'video', log);
    stack.defer('redis', () => void redis.disconnect());
    const objects = await requireObjectStore(config);
    const danmakuBus = stack.use('danmaku bus', new RedisFanout<DanmakuRecord>(redis, 'danmaku-bus', reviveDates));
    const videoLookups = new Coalescer((ids: readonly string[]) => stores.videos.findVideosByIds(ids), coalescerOptions(config));
    coalescerMetrics(metrics, { video: videoLookups });
    const inFlight = { count: 0 };
    const uploads = {
      uploads: stores.uploads,
      videos: stores.videos,
      objects,
      state: redisUploadState(redis),
      limits: config,
      inFlight,
      metrics: uploadMetrics(metrics, inFlight),
    };
    const services: VideoServices = {
      config,
      stores,
      redis,
      objects,
      danmakuBus,
      videoLookups,
      uploads,
      events: redisVideoEvents(redis),
      counts: redisCountMarks(redis),
      views: redisViewWindow(redis),
      danmakuRate: redisDanmakuRate(redis),
    };
    const cleanup = stack.use('upload cleanup', startCleanup(uploads, log.child({ job: 'upload-cleanup' })));
    const counts = stack.use('counts publisher', startCountsPublisher({ redis, videos: stores.videos }, log.child({ job: 'video-counts' })));
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'video',
        metrics,
        config,
        log,
        resolvers,
        permissions,
        sharedEventFields: SHARED_EVENT_FIELDS,
        createContext: contextFactory(services),
        readiness: { store: () => stores.ping(), redis: () => pingRedis(redis), objectStorage: () => objects.ping() },
        port: opts.port ?? config.VIDEO_PORT,
        // A chunk or a cover per request; the resolvers check exact sizes.
        beforeGraphQL: [multipartRequests({ maxFileSize: Math.max(MAX_CHUNK_SIZE, COVER_MAX_BYTES) + 1, maxFiles: 1 })],
      }),
    );
    return { ...server, stores, cleanup, counts, videoLookups, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}
