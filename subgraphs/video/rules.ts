import { allow, federationRules, isAuthenticated, isService, makeShield } from '../../lib/auth/shield.js';

// Uploads and folders check ownership in their resolvers (NOT_FOUND/FORBIDDEN);
// the entry points that change anything require a signed-in viewer.
export const permissions = makeShield({
  ...federationRules,
  VideoExport: isService,
  VideoExportPage: isService,
  Query: { ...federationRules.Query, exportVideos: isService, video: allow, videos: allow, danmakus: allow, uploadStatus: isAuthenticated, favouriteFolder: isAuthenticated },
  Mutation: { '*': isAuthenticated, recordView: allow },
  Subscription: { danmakuAdded: allow },
  Video: allow,
  User: allow,
  VideoConnection: allow,
  VideoEdge: allow,
  PageInfo: allow,
  UploadSession: allow,
  ProofChallenge: allow,
  ByteRange: allow,
  InitUploadResult: allow,
  ChunkReceipt: allow,
  PresignedChunk: allow,
  Comment: allow,
  CommentConnection: allow,
  CommentEdge: allow,
  Danmaku: allow,
  FavouriteFolder: allow,
});

/**
 * A danmaku looks the same to everyone watching: these fields read nothing of
 * the viewer and their rules are `allow`. A `danmakuAdded` subscription that
 * selects only these executes each danmaku once for all the video's live
 * viewers (lib/server/eventSharing.ts).
 */
export const SHARED_EVENT_FIELDS = [
  'Subscription.danmakuAdded',
  'Danmaku.id',
  'Danmaku.videoId',
  'Danmaku.user',
  'Danmaku.text',
  'Danmaku.timeMs',
  'Danmaku.color',
  'Danmaku.mode',
  'Danmaku.createdAt',
  'User.id',
] as const;
