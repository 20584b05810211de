/**
 * Publishing and managing videos, views and likes. Every change to what search
 * indexes is published as an event carrying the video's version; likes and
 * views as coalesced snapshots (counts.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FileUpload } from 'graphql-upload-minimal';
import { badInput, conflict, forbidden, notFound } from '../../lib/errors.js';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import { IMAGE_MIME, readBounded, sniffImage } from '../../lib/storage/uploadedFiles.js';
import type { Context } from './context.js';
import { countsChanged } from './counts.js';
import { videoEvent } from './events.js';
import { coverTime, extractFrame, probe } from './media.js';
import type { VideoRecord } from './store.js';
import { releaseObject } from './uploads.js';

export { videoEvent, videoEventPayload } from './events.js';

/** @default 5 MB */
export const COVER_MAX_BYTES = 5 * 1024 * 1024;
/** Lifetime of playback, download and cover URLs. @default 1 hour */
export const MEDIA_URL_TTL_SECONDS = 3600;
/** A viewer counts once per video in this window. @default 10 minutes */
export const VIEW_WINDOW_SECONDS = 600;
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

export async function ownVideo(ctx: Context, id: string): Promise<VideoRecord> {
  const video = await ctx.loaders.video.load(id);
  if (!video) throw notFound('No such video.');
  if (video.uploaderId !== ctx.viewer.userId) throw forbidden('Only the uploader can change this video.');
  return video;
}

export async function publishVideo(
  ctx: Context,
  input: { uploadId?: string | null; objectKey?: string | null; title: string; description?: string | null; tags?: readonly string[] | null; cover?: Promise<FileUpload> | null },
): Promise<VideoRecord> {
  const meta = checkMeta({ title: input.title, description: input.description ?? '', tags: input.tags ?? [] });
  const uploadId = input.uploadId ?? (input.objectKey ? UPLOAD_OBJECT.exec(input.objectKey)?.[1] : undefined);
  if (!uploadId) throw badInput('Pass uploadId, or the objectKey of one of your completed uploads.');
  const upload = await ctx.store.findUpload(uploadId);
  if (!upload || upload.ownerId !== ctx.viewer.userId) throw notFound('No such upload of yours.');
  if (upload.status === 'PUBLISHED') throw conflict('This upload is already published.');
  if (upload.status !== 'COMPLETED' || !upload.objectKey) throw badInput('Complete the upload before publishing it.');

  const source = await ctx.objects.presignedGet(upload.objectKey, MEDIA_URL_TTL_SECONDS);
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
  await ctx.objects.put(coverKey, cover.bytes, cover.bytes.length, cover.type);

  const video = await ctx.store
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
      await ctx.objects.remove([coverKey]).catch(() => undefined);
      throw err;
    });
  if (!video) {
    await ctx.objects.remove([coverKey]);
    // Not COMPLETED any more: published meanwhile, or expired by the stale-upload sweep.
    const now = await ctx.store.findUpload(upload.id);
    throw conflict(now?.status === 'PUBLISHED' ? 'This upload is already published.' : 'This upload changed while it was being published; ask uploadStatus.');
  }
  await videoEvent(ctx, 'video.published', video);
  return video;
}

export async function updateVideo(ctx: Context, id: string, input: { title?: string | null; description?: string | null; tags?: readonly string[] | null }) {
  await ownVideo(ctx, id);
  const updated = await ctx.store.updateVideo(id, checkMeta(input));
  if (!updated) throw notFound('No such video.');
  await videoEvent(ctx, 'video.updated', updated);
  return updated;
}

export async function deleteVideo(ctx: Context, id: string): Promise<boolean> {
  await ownVideo(ctx, id);
  const deleted = await ctx.store.deleteVideo(id);
  if (!deleted) return true;
  // Instant uploads share objects: the bytes go only when no other video and
  // no completed upload (which may still be published) refers to them.
  const removals = [releaseObject(ctx, deleted.objectKey)];
  if (deleted.coverKey) removals.push(ctx.objects.remove([deleted.coverKey]).then(() => true));
  await Promise.all(removals).catch((err: unknown) => ctx.log.warn({ err }, 'objects of a deleted video not removed'));
  // A delete outranks every update before it.
  await videoEvent(ctx, 'video.deleted', deleted, deleted.version + 1);
  return true;
}

export async function recordView(ctx: Context, videoId: string): Promise<VideoRecord> {
  const video = await ctx.loaders.video.load(videoId);
  if (!video) throw notFound('No such video.');
  const who = ctx.viewer.userId ?? ctx.viewer.deviceId ?? ctx.clientIp ?? 'anonymous';
  if ((await ctx.redis.set(`view:${videoId}:${who}`, '1', 'EX', VIEW_WINDOW_SECONDS, 'NX')) === 'OK') {
    await ctx.store.addView(videoId);
    await markCounts(ctx, videoId);
  }
  return reload(ctx, videoId);
}

export async function reload(ctx: Context, videoId: string): Promise<VideoRecord> {
  ctx.loaders.video.clear(videoId);
  ctx.loaders.likedByViewer.clear(videoId);
  const video = await ctx.loaders.video.load(videoId);
  if (!video) throw notFound('No such video.');
  return video;
}

export async function setLike(ctx: Context, videoId: string, liked: boolean): Promise<VideoRecord> {
  const me = ctx.viewer.userId!;
  const video = await ctx.loaders.video.load(videoId);
  if (!video) throw notFound('No such video.');
  if (liked) {
    if (await ctx.store.like(videoId, me)) {
      await markCounts(ctx, videoId);
      // For the uploader's notification; search learns the count from the coalesced snapshot (counts.ts).
      await publishEvent(ctx.redis, STREAMS.video, { type: 'video.liked', subjectId: videoId, payload: { userId: me, uploaderId: video.uploaderId, title: video.title } });
    }
  } else if (await ctx.store.unlike(videoId, me)) {
    await markCounts(ctx, videoId);
  }
  return reload(ctx, videoId);
}

/**
 * The count is stored either way; a lost mark only delays search until the
 * video's next like or view (or a reindex), so it does not fail the request.
 */
async function markCounts(ctx: Context, videoId: string) {
  await countsChanged(ctx.redis, videoId).catch((err: unknown) => ctx.log.warn({ err, videoId }, 'video counts not marked for search'));
}
