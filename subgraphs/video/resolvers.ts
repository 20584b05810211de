import { GraphQLUpload } from 'graphql-upload-minimal';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import { notFound, unauthenticated } from '../../lib/errors.js';
import { DateTimeScalar } from '../../lib/data/dateTime.js';
import type { Resolvers } from './__generated__/resolvers.js';
import { addComment, deleteComment, listComments } from './comments.js';
import type { Context } from './context.js';
import { danmakuAdded, lastDanmakuId, listDanmaku, sendDanmaku } from './danmaku.js';
import { createFolder, deleteFolder, folderVideos, setFavourite, updateFolder, visibleFolders } from './favourites.js';
import { abortUpload, completeUpload, confirmChunk, confirmChunks, initUpload, presignChunk, presignChunks, proofChallenge, proveUpload, receivedChunks, uploadChunk, uploadStatus } from './uploads.js';
import { videoEventPayload } from './events.js';
import { MEDIA_URL_TTL_SECONDS, deleteVideo, publishVideo, recordView, setLike, updateVideo } from './videos.js';

async function videoPage(ctx: Context, args: { uploaderId?: string | null; first?: number | null; after?: string | null }) {
  const page = await ctx.stores.videos.listVideos({
    limit: checkPageSize(args.first),
    ...(args.uploaderId ? { uploaderId: args.uploaderId } : {}),
    ...(args.after ? { afterId: decodeCursor(args.after) } : {}),
  });
  for (const v of page.items) ctx.loaders.video.prime(v.id, v);
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

const safeName = (name: string) => name.replace(/[\\/\r\n"]/g, '_');

/** The signed-in viewer (the permissions in rules.ts already refuse anonymous requests here). */
function me(ctx: Context): string {
  if (!ctx.viewer.userId) throw unauthenticated();
  return ctx.viewer.userId;
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Upload: GraphQLUpload,
  Query: {
    exportVideos: async (_p, { first, after }, ctx) => {
      const page = await ctx.stores.videos.listVideos({ limit: Math.min(Math.max(first ?? 500, 1), 1000), ...(after ? { afterId: after } : {}) });
      return {
        items: page.items.map((v) => ({ id: v.id, version: v.version, ...videoEventPayload(v), createdAt: v.createdAt })),
        endCursor: page.hasNextPage ? page.items.at(-1)!.id : null,
      };
    },
    video: (_p, { id }, ctx) => ctx.loaders.video.load(id),
    videos: (_p, args, ctx) => videoPage(ctx, args),
    uploadStatus: (_p, { uploadId }, ctx) => uploadStatus(ctx.deps.uploads, me(ctx), uploadId),
    danmakus: (_p, args, ctx) => listDanmaku(ctx.deps.danmaku, args),
    favouriteFolder: async (_p, { id }, ctx) => {
      // Folders of others are reached through User.favouriteFolders, where the owner's privacy settings are known.
      const folder = await ctx.loaders.folder.load(id);
      if (!folder || folder.ownerId !== ctx.viewer.userId) throw notFound('No such folder of yours.');
      return folder;
    },
  },
  Mutation: {
    initUpload: (_p, args, ctx) => initUpload(ctx.deps.uploads, me(ctx), args),
    proveUpload: (_p, args, ctx) => proveUpload(ctx.deps.uploads, me(ctx), args),
    uploadChunk: (_p, args, ctx) => uploadChunk(ctx.deps.uploads, me(ctx), args),
    presignChunkUpload: (_p, { uploadId, index }, ctx) => presignChunk(ctx.deps.uploads, me(ctx), uploadId, index),
    confirmChunk: (_p, args, ctx) => confirmChunk(ctx.deps.uploads, me(ctx), args),
    presignChunkUploads: (_p, { uploadId, indexes }, ctx) => presignChunks(ctx.deps.uploads, me(ctx), uploadId, indexes),
    confirmChunks: (_p, args, ctx) => confirmChunks(ctx.deps.uploads, me(ctx), args),
    completeUpload: (_p, { uploadId }, ctx) => completeUpload(ctx.deps.uploads, me(ctx), uploadId),
    abortUpload: (_p, { uploadId }, ctx) => abortUpload(ctx.deps.uploads, me(ctx), uploadId),
    publishVideo: (_p, { input }, ctx) => publishVideo(ctx.deps.videos, me(ctx), input),
    updateVideo: (_p, { id, input }, ctx) => updateVideo(ctx.deps.videos, me(ctx), id, input),
    deleteVideo: (_p, { id }, ctx) => deleteVideo(ctx.deps.videos, me(ctx), id),
    recordView: (_p, { videoId }, ctx) => recordView(ctx.deps.videos, ctx.viewer.userId ?? ctx.viewer.deviceId ?? ctx.clientIp ?? 'anonymous', videoId),
    likeVideo: (_p, { id }, ctx) => setLike(ctx.deps.videos, me(ctx), id, true),
    unlikeVideo: (_p, { id }, ctx) => setLike(ctx.deps.videos, me(ctx), id, false),
    addComment: (_p, args, ctx) => addComment(ctx.deps.comments, me(ctx), args),
    deleteComment: (_p, { id }, ctx) => deleteComment(ctx.deps.comments, me(ctx), id),
    sendDanmaku: (_p, args, ctx) => sendDanmaku(ctx.deps.danmaku, me(ctx), args),
    createFavouriteFolder: (_p, { name, isPublic }, ctx) => createFolder(ctx.deps.favourites, me(ctx), name, isPublic ?? true),
    updateFavouriteFolder: (_p, { id, name, isPublic }, ctx) => updateFolder(ctx.deps.favourites, me(ctx), id, { name: name ?? null, isPublic: isPublic ?? null }),
    deleteFavouriteFolder: (_p, { id }, ctx) => deleteFolder(ctx.deps.favourites, me(ctx), id),
    addToFavourites: (_p, { folderId, videoId }, ctx) => setFavourite(ctx.deps.favourites, me(ctx), folderId, videoId, true),
    removeFromFavourites: (_p, { folderId, videoId }, ctx) => setFavourite(ctx.deps.favourites, me(ctx), folderId, videoId, false),
  },
  Subscription: {
    danmakuAdded: { subscribe: (_p, args, ctx) => danmakuAdded(ctx.deps.danmaku, args) },
  },
  Video: {
    __resolveReference: (ref, ctx) => ctx.loaders.video.load(ref.id),
    uploader: (v) => ({ id: v.uploaderId }),
    likedByMe: (v, _a, ctx) => ctx.loaders.likedByViewer.load(v.id),
    playbackUrl: (v, _a, ctx) => ctx.objects.presignedGet(v.objectKey, MEDIA_URL_TTL_SECONDS),
    downloadUrl: (v, _a, ctx) => ctx.objects.presignedGet(v.objectKey, MEDIA_URL_TTL_SECONDS, { downloadName: `${safeName(v.title)}` }),
    coverUrl: (v, _a, ctx) => (v.coverKey ? ctx.objects.presignedGet(v.coverKey, MEDIA_URL_TTL_SECONDS) : null),
    comments: (v, args, ctx) => listComments(ctx.deps.comments, v.id, null, args),
    danmakus: (v, args, ctx) => listDanmaku(ctx.deps.danmaku, { videoId: v.id, ...args }),
    lastDanmakuId: (v, _a, ctx) => lastDanmakuId(ctx.deps.danmaku, v.id),
  },
  User: {
    __resolveReference: (ref) => ref,
    videos: (u, args, ctx) => videoPage(ctx, { uploaderId: u.id, ...args }),
    favouriteFolders: (u, _a, ctx) => visibleFolders(ctx.deps.favourites, ctx.viewer.userId, u.id, u.favouritesVisibleToViewer),
  },
  UploadSession: {
    receivedChunks: (u, _a, ctx) => receivedChunks(ctx.deps.uploads, u),
    proofChallenge: (u, _a, ctx) => proofChallenge(ctx.deps.uploads, u),
  },
  Comment: {
    // Notifications (chat) link to comments by id; a deleted comment resolves to null.
    __resolveReference: (ref, ctx) => ctx.loaders.comment.load(ref.id),
    author: (c) => ({ id: c.authorId }),
    replies: (c, args, ctx) => listComments(ctx.deps.comments, c.videoId, c.id, args),
  },
  Danmaku: {
    user: (d) => ({ id: d.userId }),
  },
  FavouriteFolder: {
    owner: (f) => ({ id: f.ownerId }),
    videoCount: (f) => f.itemCount,
    videos: (f, args, ctx) => folderVideos(ctx.deps.favourites, f, args),
  },
};
