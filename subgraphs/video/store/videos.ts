/**
 * The videos port: published videos, their views and likes, and the
 * reference count of stored video objects.
 *
 * Guarantees every adapter gives (store/videos.contract.test.ts):
 * - publishing is all or nothing: the upload moves COMPLETED -> PUBLISHED and
 *   its video is stored together, or neither happens; an upload is published
 *   at most once;
 * - a like and its likeCount change together or not at all, and likes exist at
 *   most once per (video, user), so likeCount is exact under concurrent likes
 *   and unlikes (the same for unlike);
 * - `version` increases with every change to what search indexes of a video
 *   (its text fields, and the like and view counts it ranks by), in the same
 *   atomic step as the change, so that consumers of video events (search) can
 *   keep the newest state;
 * - a stored video object is referred to by the videos whose objectKey names it
 *   and by the COMPLETED uploads that point at it (an instant upload shares the
 *   object of a published video); countObjectReferences counts both, and the
 *   object may be deleted only when that count is 0.
 */
import type { Page } from './page.js';

export interface VideoRecord {
  id: string;
  uploaderId: string;
  uploadId: string | null;
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
  commentCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewVideo = Pick<
  VideoRecord,
  'uploaderId' | 'title' | 'description' | 'tags' | 'objectKey' | 'coverKey' | 'sha256' | 'size' | 'durationMs' | 'width' | 'height'
> & { uploadId?: string | null };

export interface VideoStore {
  /** Publishes the upload as a video and marks the upload PUBLISHED, atomically; null when the upload was not COMPLETED. */
  publish(video: NewVideo & { uploadId: string }): Promise<VideoRecord | null>;
  createVideo(video: NewVideo): Promise<VideoRecord>;
  findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]>;
  findVideoBySha256(sha256: string): Promise<VideoRecord | null>;
  /** How many videos use an object (instant uploads share objects). */
  countVideosWithObject(objectKey: string): Promise<number>;
  /** How many videos and COMPLETED uploads refer to an object: 0 means nothing will read it again. */
  countObjectReferences(objectKey: string): Promise<number>;
  /** Newest first; `afterId` is the last id of the previous page. */
  listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<Page<VideoRecord>>;
  updateVideo(id: string, changes: { title?: string; description?: string; tags?: string[] }): Promise<VideoRecord | null>;
  /** Deletes the video with its likes, comments, danmaku and favourites entries; the deleted record, or null. */
  deleteVideo(id: string): Promise<VideoRecord | null>;
  addView(id: string): Promise<void>;
  /** True when the like was created (and counted). */
  like(videoId: string, userId: string): Promise<boolean>;
  /** True when a like was removed (and uncounted). */
  unlike(videoId: string, userId: string): Promise<boolean>;
  likedAmong(userId: string, videoIds: readonly string[]): Promise<Set<string>>;
}
