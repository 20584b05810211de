/** The video events search (and notifications) consume, built from a stored video. */
import type { Redis } from 'ioredis';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import type { VideoRecord } from './store/videos.js';

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

export type VideoChange = 'video.published' | 'video.updated' | 'video.counts' | 'video.deleted';

/** The video event stream, as the domain functions publish to it. */
export interface VideoEvents {
  /** A change to what search indexes of a video, with the video's version (or a given one). */
  changed(type: VideoChange, v: VideoRecord, version?: number): Promise<void>;
  /** For the uploader's notification; search learns the count from the coalesced snapshot (counts.ts). */
  liked(v: VideoRecord, userId: string): Promise<void>;
  /** parentCommentId: the comment replied to (its author is parentAuthorId), which may itself be a reply in the thread. */
  commentAdded(videoId: string, payload: { commentId: string; authorId: string; uploaderId: string; text: string; parentCommentId: string | null; parentAuthorId: string | null }): Promise<void>;
}

export function redisVideoEvents(redis: Redis): VideoEvents {
  return {
    async changed(type, v, version = v.version) {
      await publishEvent(redis, STREAMS.video, { type, subjectId: v.id, version, payload: videoEventPayload(v) });
    },
    async liked(v, userId) {
      await publishEvent(redis, STREAMS.video, { type: 'video.liked', subjectId: v.id, payload: { userId, uploaderId: v.uploaderId, title: v.title } });
    },
    async commentAdded(videoId, payload) {
      await publishEvent(redis, STREAMS.video, { type: 'comment.added', subjectId: videoId, payload });
    },
  };
}
