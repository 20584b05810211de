/**
 * Publishing and managing videos, views and likes. Every change to what search
 * indexes is published as an event carrying the video's version; likes and
 * views as coalesced snapshots (counts.ts).
 */
import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { FileUpload } from 'graphql-upload-minimal';
import { badInput, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import { IMAGE_MIME, readBounded, sniffImage } from '../../lib/storage/uploadedFiles.js';
import type { CountMarks } from './counts.js';
import type { VideoEvents } from './events.js';
import { coverTime, extractFrame, probe } from './media.js';
import type { ViewWindow } from './repositories.js';
import type { UploadStore } from './store/uploads.js';
import type { VideoRecord, VideoStore } from './store/videos.js';
import { releaseObject } from './uploads.js';

export { videoEventPayload } from './events.js';

/** What the video functions use; `loader` and `likedLoader` are the request's (batched, cached per request). */
export interface VideoDeps {
  videos: VideoStore;
  uploads: Pick<UploadStore, 'findUpload'>;
  objects: Pick<ObjectStore, 'presignedGet' | 'put' | 'remove'>;
  events: VideoEvents;
  counts: CountMarks;
  views: ViewWindow;
  loader: Pick<DataLoader<string, VideoRecord | null>, 'load' | 'clear'>;
  likedLoader: Pick<DataLoader<string, boolean>, 'clear'>;
  log: Logger;
}

/** @default 5 MB */
export const COVER_MAX_BYTES = 5 * 1024 * 1024;
/** Lifetime of playback, download and cover URLs. @default 1 hour */
export const MEDIA_URL_TTL_SECONDS = 3600;
const UPLOAD_OBJECT = /^videos\/([0-9a-f-]{36})\/source$/;

function checkMeta(input: { title?: string | null; description?: string | null; tags?: readonly string[] | null }) {
  const out: { title?: string; description?: string; tags?: string[] } = {};
  if (input.title != null) {
    out.title = input.title.trim();
    if (out.title.length < 1 || out.title.length > 80) throw badInput('Titles are 1-80 characters.', { field: 'title' });
  }
  if (input.description != null) {
    if (input.description.length > 2000) throw badInput('Descriptions are at most 2000 characters.', { field: 'description' });
    out.description = input.description;
  }
  if (input.tags != null) {
    const seen = new Set<string>();
    out.tags = [];
    for (const raw of input.tags) {
      const tag = raw.trim();
      if (tag.length < 1 || tag.length > 20) throw badInput('Tags are 1-20 characters.', { field: 'tags' });
      if (!seen.has(tag.toLowerCase())) {
        seen.add(tag.toLowerCase());
        out.tags.push(tag);
      }
    }
    if (out.tags.length > 10) throw badInput('A video has at most 10 tags.', { field: 'tags' });
  }
  return out;
}

export async function ownVideo(deps: Pick<VideoDeps, 'loader'>, viewerId: string, id: string): Promise<VideoRecord> {
  const video = await deps.loader.load(id);
  if (!video) throw notFound('No such video.');
  if (video.uploaderId !== viewerId) throw forbidden('Only the uploader can change this video.');
  return video;
}

export async function publishVideo(
  deps: VideoDeps,
  viewerId: string,
  input: { uploadId?: string | null; objectKey?: string | null; title: string; description?: string | null; tags?: readonly string[] | null; cover?: Promise<FileUpload> | null },
): Promise<VideoRecord> {
  const meta = checkMeta({ title: input.title, description: input.description ?? '', tags: input.tags ?? [] });
  const uploadId = input.uploadId ?? (input.objectKey ? UPLOAD_OBJECT.exec(input.objectKey)?.[1] : undefined);
  if (!uploadId) throw badInput('Pass uploadId, or the objectKey of one of your completed uploads.');
  const upload = await deps.uploads.findUpload(uploadId);
  if (!upload || upload.ownerId !== viewerId) throw notFound('No such upload of yours.');
  if (upload.status === 'PUBLISHED') throw conflict('This upload is already published.');
  if (upload.status !== 'COMPLETED' || !upload.objectKey) throw badInput('Complete the upload before publishing it.');

  const source = await deps.objects.presignedGet(upload.objectKey, MEDIA_URL_TTL_SECONDS);
  const info = await probe(source);
  let cover: { bytes: Buffer; ext: string; type: string };
  if (input.cover) {
    const file = await input.cover;
    const bytes = await readBounded(file.createReadStream(), COVER_MAX_BYTES, 'The cover');
    const type = sniffImage(bytes.subarray(0, 16));
    if (!type) throw badInput('Covers must be PNG, JPEG, GIF or WebP images.', { field: 'cover' });
    cover = { bytes, ext: type, type: IMAGE_MIME[type] };
  } else {
    cover = { bytes: await extractFrame(source, coverTime(info.durationMs)), ext: 'jpeg', type: IMAGE_MIME.jpeg };
  }
  const coverKey = `covers/${upload.id}/${randomUUID()}.${cover.ext}`;
  await deps.objects.put(coverKey, cover.bytes, cover.bytes.length, cover.type);

  const video = await deps.videos
    .publish({
      uploadId: upload.id,
      uploaderId: upload.ownerId,
      title: meta.title!,
      description: meta.description ?? '',
      tags: meta.tags ?? [],
      objectKey: upload.objectKey,
      coverKey,
      sha256: upload.sha256,
      size: upload.size,
      durationMs: info.durationMs,
      width: info.width,
      height: info.height,
    })
    .catch(async (err: unknown) => {
      await deps.objects.remove([coverKey]).catch(() => undefined);
      throw err;
    });
  if (!video) {
    await deps.objects.remove([coverKey]);
    // Not COMPLETED any more: published meanwhile, or expired by the stale-upload sweep.
    const now = await deps.uploads.findUpload(upload.id);
    throw conflict(now?.status === 'PUBLISHED' ? 'This upload is already published.' : 'This upload changed while it was being published; ask uploadStatus.');
  }
  await deps.events.changed('video.published', video);
  return video;
}

export async function updateVideo(deps: VideoDeps, viewerId: string, id: string, input: { title?: string | null; description?: string | null; tags?: readonly string[] | null }) {
  await ownVideo(deps, viewerId, id);
  const updated = await deps.videos.updateVideo(id, checkMeta(input));
  if (!updated) throw notFound('No such video.');
  await deps.events.changed('video.updated', updated);
  return updated;
}

export async function deleteVideo(deps: VideoDeps, viewerId: string, id: string): Promise<boolean> {
  await ownVideo(deps, viewerId, id);
  const deleted = await deps.videos.deleteVideo(id);
  if (!deleted) return true;
  // Instant uploads share objects: the bytes go only when no other video and
  // no completed upload (which may still be published) refers to them.
  const removals = [releaseObject(deps, deleted.objectKey)];
  if (deleted.coverKey) removals.push(deps.objects.remove([deleted.coverKey]).then(() => true));
  await Promise.all(removals).catch((err: unknown) => deps.log.warn({ err }, 'objects of a deleted video not removed'));
  // A delete outranks every update before it.
  await deps.events.changed('video.deleted', deleted, deleted.version + 1);
  return true;
}

/** `viewer` names who watched: the user, else the device, else the client address. */
export async function recordView(deps: VideoDeps, viewer: string, videoId: string): Promise<VideoRecord> {
  const video = await deps.loader.load(videoId);
  if (!video) throw notFound('No such video.');
  if (await deps.views.firstView(videoId, viewer)) {
    await deps.videos.addView(videoId);
    await markCounts(deps, videoId);
  }
  return reload(deps, videoId);
}

export async function reload(deps: Pick<VideoDeps, 'loader' | 'likedLoader'>, videoId: string): Promise<VideoRecord> {
  deps.loader.clear(videoId);
  deps.likedLoader.clear(videoId);
  const video = await deps.loader.load(videoId);
  if (!video) throw notFound('No such video.');
  return video;
}

export async function setLike(deps: VideoDeps, viewerId: string, videoId: string, liked: boolean): Promise<VideoRecord> {
  const video = await deps.loader.load(videoId);
  if (!video) throw notFound('No such video.');
  if (liked) {
    if (await deps.videos.like(videoId, viewerId)) {
      await markCounts(deps, videoId);
      await deps.events.liked(video, viewerId);
    }
  } else if (await deps.videos.unlike(videoId, viewerId)) {
    await markCounts(deps, videoId);
  }
  return reload(deps, videoId);
}

/**
 * The count is stored either way; a lost mark only delays search until the
 * video's next like or view (or a reindex), so it does not fail the request.
 */
async function markCounts(deps: Pick<VideoDeps, 'counts' | 'log'>, videoId: string) {
  await deps.counts.mark(videoId).catch((err: unknown) => deps.log.warn({ err, videoId }, 'video counts not marked for search'));
}
