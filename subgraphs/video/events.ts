/** The video events search (and notifications) consume, built from a stored video. */
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import type { VideoServices } from './context.js';
import type { VideoRecord } from './store.js';

/** What search and notifications learn about a video. */
export function videoEventPayload(v: VideoRecord) {
  return {
    uploaderId: v.uploaderId,
    title: v.title,
    description: v.description,
    tags: v.tags,
    likeCount: v.likeCount,
    viewCount: v.viewCount,
    createdAt: v.createdAt.toISOString(),
  };
}

export async function videoEvent(services: Pick<VideoServices, 'redis'>, type: 'video.published' | 'video.updated' | 'video.counts' | 'video.deleted', v: VideoRecord, version = v.version) {
  await publishEvent(services.redis, STREAMS.video, { type, subjectId: v.id, version, payload: videoEventPayload(v) });
}
