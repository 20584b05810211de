import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { VideoRecord } from '../store/videos.js';
import type { UserRef, Context } from '../context.js';
import type { UploadRecord } from '../store/uploads.js';
import type { CommentRecord } from '../store/comments.js';
import type { DanmakuRecord } from '../store/danmaku.js';
import type { FolderRecord } from '../store/favourites.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC with milliseconds, e.g. 2026-11-26T06:00:00.000Z. */
  DateTime: { input: Date; output: Date; }
  /**
   * A file sent as a part of a GraphQL multipart request (the graphql-multipart-request
   * spec): send the variable as null and map a file part to it. At most 2 files per
   * request; a multipart request needs the `apollo-require-preflight: true` header.
   */
  Upload: { input: Promise<import('graphql-upload-minimal').FileUpload>; output: Promise<import('graphql-upload-minimal').FileUpload>; }
  _FieldSet: { input: any; output: any; }
};

/** A range of bytes of the file being uploaded. */
export type ByteRange = {
  __typename?: 'ByteRange';
  /** How many bytes the range holds: 4-64 KiB, never more than half the file. */
  length: Scalars['Int']['output'];
  /** Where the range starts: bytes from the start of the file (0-based). */
  offset: Scalars['Float']['output'];
};

/** A chunk PUT to its presigned URL, for confirmChunks. */
export type ChunkChecksumInput = {
  /** The chunk's sha256 as 64 hex characters; completeUpload checks it if the file does not match. */
  checksum: Scalars['String']['input'];
  /** The chunk's index. */
  index: Scalars['Int']['input'];
};

/** The receipt for one chunk (uploadChunk, confirmChunk, confirmChunks). */
export type ChunkReceipt = {
  __typename?: 'ChunkReceipt';
  /** How many chunks the upload needs; when receivedCount reaches it, call completeUpload. */
  chunkCount: Scalars['Int']['output'];
  /** The chunk's index. */
  index: Scalars['Int']['output'];
  /** How many distinct chunks the upload has received so far. */
  receivedCount: Scalars['Int']['output'];
  /** False when the chunk had already been received (nothing was stored again): a retried chunk is harmless. */
  stored: Scalars['Boolean']['output'];
};

/** A comment on a video, readable by anyone; other subgraphs refer to it by id (notifications link to it). */
export type Comment = {
  __typename?: 'Comment';
  /** Who wrote it. */
  author: User;
  /** When it was written. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque, stable id of the comment (pass it as `parentId` to reply). */
  id: Scalars['ID']['output'];
  /** The top-level comment whose thread it is in; null for a top-level comment. */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** Replies (one level deep), oldest first; always empty for a reply. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  replies: CommentConnection;
  /** How many replies it has (0 for a reply). */
  replyCount: Scalars['Int']['output'];
  /** 1-1000 characters. */
  text: Scalars['String']['output'];
  /** The video it was written on. */
  videoId: Scalars['ID']['output'];
};


/** A comment on a video, readable by anyone; other subgraphs refer to it by id (notifications link to it). */
export type CommentRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of comments (Relay-style connection). */
export type CommentConnection = {
  __typename?: 'CommentConnection';
  /** The comments of this page, in the list's order. */
  edges: Array<CommentEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One comment in a list. */
export type CommentEdge = {
  __typename?: 'CommentEdge';
  /** Opaque position of this edge; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The comment. */
  node: Comment;
};

/** A bullet comment shown over the video at `timeMs`; public. */
export type Danmaku = {
  __typename?: 'Danmaku';
  /** Its colour as #RRGGBB, upper case. */
  color: Scalars['String']['output'];
  /** When it was sent. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque id of the danmaku. */
  id: Scalars['ID']['output'];
  /** How it is shown. */
  mode: DanmakuMode;
  /** 1-100 characters. */
  text: Scalars['String']['output'];
  /** When to show it: milliseconds from the start of the video. */
  timeMs: Scalars['Int']['output'];
  /** Who sent it. */
  user: User;
  /** The video it is shown on. */
  videoId: Scalars['ID']['output'];
};

/** How a danmaku is shown over the video. */
export type DanmakuMode =
  /** Fixed at the bottom, centred. */
  | 'BOTTOM'
  /** Scrolls across the video from right to left. */
  | 'SCROLL'
  /** Fixed at the top, centred. */
  | 'TOP';

/** A named list of videos. Its owner sees and changes it; others see it only if public, through `User.favouriteFolders`. */
export type FavouriteFolder = {
  __typename?: 'FavouriteFolder';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque id of the folder. */
  id: Scalars['ID']['output'];
  /** Whether others may see it (subject to the owner's `privacy.favourites`). */
  isPublic: Scalars['Boolean']['output'];
  /** 1-40 characters. */
  name: Scalars['String']['output'];
  /** Whose folder it is. */
  owner: User;
  /** How many videos it holds. */
  videoCount: Scalars['Int']['output'];
  /** The videos in it, most recently added first. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  videos: VideoConnection;
};


/** A named list of videos. Its owner sees and changes it; others see it only if public, through `User.favouriteFolders`. */
export type FavouriteFolderVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What initUpload answers. */
export type InitUploadResult = {
  __typename?: 'InitUploadResult';
  /**
   * Always false: content already stored is offered as `upload.proofChallenge` instead (see proveUpload).
   * @deprecated initUpload no longer completes at once; answer upload.proofChallenge with proveUpload.
   */
  instant: Scalars['Boolean']['output'];
  /** The new upload, UPLOADING, possibly with a proofChallenge. */
  upload: UploadSession;
};

/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Gives up an UPLOADING upload (ABORTED) and deletes its chunks; true also when it was aborted already. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (not UPLOADING), NOT_FOUND, FORBIDDEN. */
  abortUpload: Scalars['Boolean']['output'];
  /** Writes a comment; a reply to a reply joins the root comment's thread. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: text`), NOT_FOUND (no such video, or no such comment on it). */
  addComment: Comment;
  /** Adds a video to a folder; idempotent. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder or video), FORBIDDEN. */
  addToFavourites: FavouriteFolder;
  /**
   * Merges the chunks server-side, checks the whole file's size and sha256 and
   * that it is a video (MP4/MOV, Matroska/WebM, AVI, FLV, MPEG-TS/PS, ASF, by
   * content), and deletes the chunks: the upload becomes COMPLETED. A COMPLETED or
   * PUBLISHED upload is returned as it is. If the file is not a video or does not
   * match, each chunk sent through presignChunkUpload is checked against its
   * checksum: chunks that do not match are dropped and listed in
   * `extensions.missing` (the upload stays UPLOADING: send them again, then
   * complete). This happens twice per upload at most; otherwise (every chunk
   * matches, or twice already) the upload becomes FAILED. Signed in only
   * (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (chunks missing or dropped: `extensions.missing` lists
   * them; not a video; wrong sha256), NOT_FOUND, FORBIDDEN, CONFLICT (already
   * being completed: ask uploadStatus in a moment).
   */
  completeUpload: UploadSession;
  /**
   * Records a chunk PUT through presignChunkUpload after checking its size; a
   * chunk already received answers `stored: false`. Its bytes are not read back
   * here (they went to storage to spare the servers that): if the merged file is
   * wrong and the bytes do not match `checksum`, completeUpload names the chunk in
   * `extensions.missing` and drops it, and the upload goes on (twice at most).
   * Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (nothing presigned or nothing uploaded yet, a wrong size:
   * PUT it again), NOT_FOUND, FORBIDDEN.
   */
  confirmChunk: ChunkReceipt;
  /**
   * confirmChunk for several chunks in one call: 1-100 distinct indexes, answered
   * in the same order. Each chunk is confirmed on its own: one that cannot be (not
   * uploaded yet, a wrong size) is null in the answer with its error at its
   * position (`path` ends with it), and the others are recorded. Signed in only
   * (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT for the whole call, recording nothing (`field: chunks`:
   * none, more than 100, an index twice or out of range, a checksum not 64 hex
   * characters; the upload is not UPLOADING), NOT_FOUND, FORBIDDEN; per chunk,
   * the errors of confirmChunk.
   */
  confirmChunks: Array<Maybe<ChunkReceipt>>;
  /** Creates a folder; at most 50 per user. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: name`; 50 folders already). */
  createFavouriteFolder: FavouriteFolder;
  /** Deletes a comment with its replies, by its author or the video's uploader. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN. */
  deleteComment: Scalars['Boolean']['output'];
  /** Deletes a folder (not its videos). The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN. */
  deleteFavouriteFolder: Scalars['Boolean']['output'];
  /** Deletes a video with its comments, danmaku and likes; its bytes go when no other video or completed upload shares them. The uploader only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN (not the uploader). */
  deleteVideo: Scalars['Boolean']['output'];
  /**
   * Starts an upload (status UPLOADING). Send the chunks with uploadChunk (or
   * presignChunkUpload + confirmChunk), then completeUpload. When the same content
   * is already stored for a published video (files of 8 KiB or more), the upload
   * carries a proofChallenge: proveUpload completes it without sending the file.
   * Signed in only (UNAUTHENTICATED). At most 3 unfinished uploads per user
   * (VIDEO_MAX_UPLOADS_PER_USER).
   * Errors: BAD_USER_INPUT (`field`: filename, size, sha256, chunkSize),
   * PAYLOAD_TOO_LARGE (size over VIDEO_MAX_BYTES, 4 GiB by default; `maxBytes`),
   * RATE_LIMITED (too many unfinished uploads; complete or abort one).
   */
  initUpload: InitUploadResult;
  /** Likes a video; idempotent (a second like changes nothing). Signed in only (UNAUTHENTICATED). Returns the video with its new likeCount. Errors: NOT_FOUND. */
  likeVideo: Video;
  /**
   * A presigned URL to PUT one chunk straight to object storage (no gateway in the
   * way), valid 15 minutes; then call confirmChunk. Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (index out of range, the upload is not UPLOADING),
   * NOT_FOUND, FORBIDDEN.
   */
  presignChunkUpload: PresignedChunk;
  /**
   * presignChunkUpload for several chunks in one call: 1-100 distinct indexes,
   * answered in the same order (a client can ask for every chunk's URL at once,
   * or for the next few as it goes). Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field: indexes`: none, more than 100, one twice or
   * out of range; the upload is not UPLOADING), NOT_FOUND, FORBIDDEN.
   */
  presignChunkUploads: Array<PresignedChunk>;
  /**
   * Completes an upload without sending its bytes, by proving the client holds
   * the file: one sha256 per range of `proofChallenge`. A challenge takes one
   * answer: a wrong one is refused (BAD_USER_INPUT, `field: proofs`), the challenge
   * is withdrawn and the upload goes on as a normal chunked upload. An upload
   * already COMPLETED is returned as it is. Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (no pending challenge, wrong count or not hex — these do
   * not use up the challenge — or wrong digests), NOT_FOUND, FORBIDDEN (someone
   * else's upload), CONFLICT (the stored copy is gone: send the chunks).
   */
  proveUpload: UploadSession;
  /**
   * Publishes a COMPLETED upload as a video (the upload becomes PUBLISHED): ffprobe
   * reads duration and resolution; without a cover, ffmpeg takes a frame at 1 s (or
   * 10% into shorter videos). With a cover, send a multipart request. Signed in only
   * (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: title, description, tags, cover; no uploadId or
   * objectKey; the upload is not COMPLETED; the file has no video stream),
   * NOT_FOUND (no such upload of the viewer's), CONFLICT (already published),
   * PAYLOAD_TOO_LARGE (cover over 5 MB).
   */
  publishVideo: Video;
  /** Counts a view: once per viewer (signed in), device (`x-device-id`) or client address per video every 10 minutes; further calls change nothing. Anyone may call it. Returns the video with its counts. Errors: NOT_FOUND. */
  recordView: Video;
  /** Removes a video from a folder; idempotent. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder), FORBIDDEN. */
  removeFromFavourites: FavouriteFolder;
  /**
   * Sends a danmaku; subscribers of `danmakuAdded` receive it at once. At most 5 per
   * user per 10 seconds (DANMAKU_PER_10_SECONDS). Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: text, timeMs, color), NOT_FOUND (no such video),
   * RATE_LIMITED (`retryAfterSeconds`).
   */
  sendDanmaku: Danmaku;
  /** Takes back a like; idempotent. Signed in only (UNAUTHENTICATED). Returns the video with its new likeCount. Errors: NOT_FOUND. */
  unlikeVideo: Video;
  /** Renames a folder or changes its visibility; null arguments leave that part unchanged. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (`field: name`). */
  updateFavouriteFolder: FavouriteFolder;
  /** Changes a video's title, description or tags. The uploader only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN (not the uploader), BAD_USER_INPUT (`field`: title, description, tags). */
  updateVideo: Video;
  /**
   * Stores one chunk, sent as a multipart file. Chunks may be sent in any order and
   * in parallel; a chunk already received is answered at once with `stored: false`
   * (idempotent per index). Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: index, checksum, chunk — a wrong size or a
   * checksum that does not match; the upload is not UPLOADING), NOT_FOUND, FORBIDDEN,
   * RATE_LIMITED (the instance is receiving 16 chunks already; retry after
   * `retryAfterSeconds`).
   */
  uploadChunk: ChunkReceipt;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationAbortUploadArgs = {
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationAddCommentArgs = {
  parentId?: InputMaybe<Scalars['ID']['input']>;
  text: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationAddToFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationCompleteUploadArgs = {
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationConfirmChunkArgs = {
  checksum: Scalars['String']['input'];
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationConfirmChunksArgs = {
  chunks: Array<ChunkChecksumInput>;
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationCreateFavouriteFolderArgs = {
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationDeleteCommentArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationDeleteFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationDeleteVideoArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationInitUploadArgs = {
  chunkSize?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  size: Scalars['Float']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationPresignChunkUploadArgs = {
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationPresignChunkUploadsArgs = {
  indexes: Array<Scalars['Int']['input']>;
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationProveUploadArgs = {
  proofs: Array<Scalars['String']['input']>;
  uploadId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationPublishVideoArgs = {
  input: PublishVideoInput;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRecordViewArgs = {
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRemoveFromFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationSendDanmakuArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  mode?: InputMaybe<DanmakuMode>;
  text: Scalars['String']['input'];
  timeMs: Scalars['Int']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUnlikeVideoArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUpdateFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUpdateVideoArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVideoInput;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUploadChunkArgs = {
  checksum: Scalars['String']['input'];
  chunk: Scalars['Upload']['input'];
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};

/** Where a page of a cursor-paginated list ends. Pass `endCursor` as `after` to get the next page. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge of this page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Upload one chunk straight to object storage: PUT the bytes to `url` before `expiresAt`, then call confirmChunk. */
export type PresignedChunk = {
  __typename?: 'PresignedChunk';
  /** When the URL stops working: 15 minutes after presignChunkUpload. Ask again for a new one. */
  expiresAt: Scalars['DateTime']['output'];
  /** The chunk's index. */
  index: Scalars['Int']['output'];
  /** The HTTP method to use: always PUT. */
  method: Scalars['String']['output'];
  /** A presigned object-storage URL; send the chunk's exact bytes as the body, no GraphQL headers needed (no Authorization). */
  url: Scalars['String']['output'];
};

/**
 * Proof of possession for an instant upload: the server picked these ranges of
 * the file at random; only a client that holds the file can give the sha256 of
 * each, since the whole file's sha256 and size are public.
 */
export type ProofChallenge = {
  __typename?: 'ProofChallenge';
  /** When the challenge is withdrawn (with the upload, VIDEO_UPLOAD_TTL_SECONDS after initUpload); after that only sending the chunks completes the upload. */
  expiresAt: Scalars['DateTime']['output'];
  /** Three ranges, ordered by offset, in the order proveUpload expects their digests. */
  ranges: Array<ByteRange>;
};

/** What publishVideo needs: a COMPLETED upload of the viewer's and the video's details. */
export type PublishVideoInput = {
  /** A cover image as a multipart file: PNG, JPEG, GIF or WebP (recognised by content), at most 5 MB (5,242,880 bytes); without one, a frame of the video becomes the cover. */
  cover?: InputMaybe<Scalars['Upload']['input']>;
  /** Up to 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The object of a COMPLETED upload of the viewer's (`videos/<uploadId>/source`), as an alternative to uploadId. */
  objectKey?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 tags of 1-20 characters (trimmed; duplicates whatever the case are dropped). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1-80 characters after trimming. */
  title: Scalars['String']['input'];
  /** A COMPLETED upload of the viewer's (or pass objectKey). */
  uploadId?: InputMaybe<Scalars['ID']['input']>;
};

/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Query = {
  __typename?: 'Query';
  /** A video's danmaku whose time offset is in [fromMs, toMs), in playback order. Anyone may ask. Errors: NOT_FOUND (no such video), BAD_USER_INPUT (fromMs > toMs, negative fromMs, first outside 1-5000). */
  danmakus: Array<Danmaku>;
  /** Every video, newest first, for other services' full syncs. Service identity only (FORBIDDEN otherwise); not in the public API. */
  exportVideos: VideoExportPage;
  /** One of the viewer's own folders (others' folders are read through `User.favouriteFolders`). Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder of the viewer's). */
  favouriteFolder?: Maybe<FavouriteFolder>;
  /** The state of one of the viewer's uploads: what a resuming client calls to learn which chunks to send. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such upload), FORBIDDEN (someone else's). */
  uploadStatus: UploadSession;
  /** A video by id, or null when there is none (or it was deleted). Anyone may ask. */
  video?: Maybe<Video>;
  /** Published videos, newest first; optionally only one uploader's. Anyone may ask. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  videos: VideoConnection;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
  videoId: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryExportVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUploadStatusArgs = {
  uploadId: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  uploaderId?: InputMaybe<Scalars['ID']['input']>;
};

/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Danmaku sent to a video, on every instance, in sending order. With `afterId`,
   * first replays the danmaku sent after that one (in sending order, whatever
   * their `timeMs`), then continues live with no gap and no duplicate. Pass the
   * `lastDanmakuId` read with `danmakus`, or the id of the last danmaku received
   * (after a reconnect). Without `afterId`, only danmaku sent once the
   * subscription is live arrive. Anyone may subscribe. Errors: NOT_FOUND (no such
   * video), BAD_USER_INPUT (`field: afterId`: not an id, or more than 5000 danmaku
   * were sent after it: read `danmakus` and `lastDanmakuId` again).
   */
  danmakuAdded: Danmaku;
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionDanmakuAddedArgs = {
  afterId?: InputMaybe<Scalars['ID']['input']>;
  videoId: Scalars['ID']['input'];
};

/** Changes to a video's details; fields left null stay as they are. */
export type UpdateVideoInput = {
  /** Up to 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Replaces every tag: up to 10 of 1-20 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1-80 characters after trimming. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A chunked upload. Only the user who started it can see or change it (others get FORBIDDEN). */
export type UploadSession = {
  __typename?: 'UploadSession';
  /** How many chunks make the file: ceil(size / chunkSize). Indexes run from 0 to chunkCount - 1. */
  chunkCount: Scalars['Int']['output'];
  /** Bytes per chunk (5-32 MiB); every chunk has exactly this size except the last, which has the rest. */
  chunkSize: Scalars['Int']['output'];
  /** When initUpload started it. */
  createdAt: Scalars['DateTime']['output'];
  /** Why the upload failed (FAILED) or was aborted by the cleanup job (`expired`); null otherwise. */
  failure?: Maybe<Scalars['String']['output']>;
  /** The file name given to initUpload (1-255 characters, trimmed). */
  filename: Scalars['String']['output'];
  /** Opaque id of the upload; pass it to every upload operation and to publishVideo. */
  id: Scalars['ID']['output'];
  /**
   * Present while the upload is UPLOADING and the same content is already stored
   * for a published video: answer it with proveUpload to complete the upload
   * without sending the file, or ignore it and send the chunks. Null otherwise,
   * and once it has been answered (rightly or not) or has expired.
   */
  proofChallenge?: Maybe<ProofChallenge>;
  /** Indexes received so far, ascending: send the others. Every index once the upload is COMPLETED or PUBLISHED; empty when FAILED or ABORTED. */
  receivedChunks: Array<Scalars['Int']['output']>;
  /** The whole file's sha256 as 64 lower-case hex characters, as declared to initUpload. */
  sha256: Scalars['String']['output'];
  /** The whole file's size in bytes (a whole number). */
  size: Scalars['Float']['output'];
  /** Where the upload is in its life. */
  status: UploadStatus;
};

/** Where an upload is in its life. */
export type UploadStatus =
  /** Aborted by abortUpload, or untouched for VIDEO_UPLOAD_TTL_SECONDS (24 hours by default; `failure: "expired"`). */
  | 'ABORTED'
  /** All bytes are stored and checked (merged, or proven for an instant upload): publish it with publishVideo. */
  | 'COMPLETED'
  /** completeUpload found the file is not a video or does not match its sha256 (see `failure`); its chunks are gone. Start again. */
  | 'FAILED'
  /** Published as a video; nothing more can be done with the upload. */
  | 'PUBLISHED'
  /** Started: chunks are being received (or a proof challenge awaits an answer). */
  | 'UPLOADING';

/**
 * A registered account. Profile fields are public and readable by anyone, signed in
 * or not; `privacy` is the owner's alone and the follow lists and favourites follow
 * the owner's privacy settings.
 */
export type User = {
  __typename?: 'User';
  /** The user's favourite folders (at most 50) the viewer may see: all of them for the owner; for others the public ones when the owner's `privacy.favourites` allows, else null. */
  favouriteFolders?: Maybe<Array<FavouriteFolder>>;
  /** Whether the viewer may see this user's favourite folders under the owner's `privacy.favourites` (always true for the owner). */
  favouritesVisibleToViewer: Scalars['Boolean']['output'];
  /** Opaque, stable id of the user; refetch with `user(id:)`. Never changes, unlike `username`'s case. */
  id: Scalars['ID']['output'];
  /** The user's published videos, newest first; public. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  videos: VideoConnection;
};


/**
 * A registered account. Profile fields are public and readable by anyone, signed in
 * or not; `privacy` is the owner's alone and the follow lists and favourites follow
 * the owner's privacy settings.
 */
export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A published video. Every field is public: anyone, signed in or not, may read it. */
export type Video = {
  __typename?: 'Video';
  /** How many comments it has, replies included. */
  commentCount: Scalars['Int']['output'];
  /** Top-level comments, newest first. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  comments: CommentConnection;
  /** A presigned URL of the cover image, valid for one hour; the uploaded cover, or a frame taken at 1 s (10% into shorter videos); null when neither could be made. */
  coverUrl?: Maybe<Scalars['String']['output']>;
  /** When it was published. */
  createdAt: Scalars['DateTime']['output'];
  /** Danmaku whose time offset is in [fromMs, toMs), in playback order. Errors: BAD_USER_INPUT (fromMs > toMs, negative fromMs, first outside 1-5000). */
  danmakus: Array<Danmaku>;
  /** Up to 2000 characters; empty when not given. */
  description: Scalars['String']['output'];
  /** A presigned URL, valid for one hour, that downloads the file as an attachment named after the title. */
  downloadUrl: Scalars['String']['output'];
  /** Duration in milliseconds, as ffprobe read it at publishing; null when it could not be read. */
  durationMs?: Maybe<Scalars['Int']['output']>;
  /** Height of the video stream in pixels; null when it could not be read. */
  height?: Maybe<Scalars['Int']['output']>;
  /** Opaque, stable id of the video; refetch it with `video(id:)`. */
  id: Scalars['ID']['output'];
  /**
   * Where sending stands: the id of the newest danmaku sent to the video (danmaku
   * ids grow in sending order, whatever their `timeMs`), or the nil UUID
   * 00000000-0000-0000-0000-000000000000 when none has been sent. Read it with
   * `danmakus` and pass it as `danmakuAdded(afterId:)` to receive every danmaku
   * sent after this read.
   */
  lastDanmakuId: Scalars['ID']['output'];
  /** How many users like it; exact. */
  likeCount: Scalars['Int']['output'];
  /** Whether the viewer likes it (false for anonymous viewers). */
  likedByMe: Scalars['Boolean']['output'];
  /** A presigned URL to stream the file, valid for one hour and new on every request; supports HTTP Range requests. */
  playbackUrl: Scalars['String']['output'];
  /** The file's sha256 as 64 lower-case hex characters (public: it alone never completes an upload, see proveUpload). */
  sha256: Scalars['String']['output'];
  /** Size of the file in bytes (a Float because files may pass 2^31 bytes; always a whole number). */
  size: Scalars['Float']['output'];
  /** Up to 10 tags of 1-20 characters, without duplicates (compared whatever the case), in the order given. */
  tags: Array<Scalars['String']['output']>;
  /** 1-80 characters. */
  title: Scalars['String']['output'];
  /** When its title, description or tags last changed (publishing counts). */
  updatedAt: Scalars['DateTime']['output'];
  /** Who published it. */
  uploader: User;
  /** Views counted by recordView (one per viewer, device or address per 10 minutes). */
  viewCount: Scalars['Int']['output'];
  /** Width of the video stream in pixels; null when it could not be read. */
  width?: Maybe<Scalars['Int']['output']>;
};


/** A published video. Every field is public: anyone, signed in or not, may read it. */
export type VideoCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A published video. Every field is public: anyone, signed in or not, may read it. */
export type VideoDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of videos (Relay-style connection). */
export type VideoConnection = {
  __typename?: 'VideoConnection';
  /** The videos of this page, in the list's order. */
  edges: Array<VideoEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One video in a list. */
export type VideoEdge = {
  __typename?: 'VideoEdge';
  /** Opaque position of this edge; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The video. */
  node: Video;
};

/** A video as other services' full syncs read it (service identity only, not in the public API). */
export type VideoExport = {
  __typename?: 'VideoExport';
  /** When it was published. */
  createdAt: Scalars['DateTime']['output'];
  /** The description. */
  description: Scalars['String']['output'];
  /** The video's id. */
  id: Scalars['ID']['output'];
  /** Likes now. */
  likeCount: Scalars['Int']['output'];
  /** The tags. */
  tags: Array<Scalars['String']['output']>;
  /** The title. */
  title: Scalars['String']['output'];
  /** Who published it. */
  uploaderId: Scalars['ID']['output'];
  /** The video's version, raised by every change; the search index keeps the highest. */
  version: Scalars['Int']['output'];
  /** Views now. */
  viewCount: Scalars['Int']['output'];
};

/** A page of exported videos (service identity only, not in the public API). */
export type VideoExportPage = {
  __typename?: 'VideoExportPage';
  /** Pass as `after` for the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** The videos of this page. */
  items: Array<VideoExport>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ByteRange: ResolverTypeWrapper<ByteRange>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ChunkChecksumInput: ChunkChecksumInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ChunkReceipt: ResolverTypeWrapper<ChunkReceipt>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Comment: ResolverTypeWrapper<CommentRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CommentConnection: ResolverTypeWrapper<Omit<CommentConnection, 'edges'> & { edges: Array<ResolversTypes['CommentEdge']> }>;
  CommentEdge: ResolverTypeWrapper<Omit<CommentEdge, 'node'> & { node: ResolversTypes['Comment'] }>;
  Danmaku: ResolverTypeWrapper<DanmakuRecord>;
  DanmakuMode: DanmakuMode;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FavouriteFolder: ResolverTypeWrapper<FolderRecord>;
  InitUploadResult: ResolverTypeWrapper<Omit<InitUploadResult, 'upload'> & { upload: ResolversTypes['UploadSession'] }>;
  Mutation: ResolverTypeWrapper<{}>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PresignedChunk: ResolverTypeWrapper<PresignedChunk>;
  ProofChallenge: ResolverTypeWrapper<ProofChallenge>;
  PublishVideoInput: PublishVideoInput;
  Query: ResolverTypeWrapper<{}>;
  Subscription: ResolverTypeWrapper<{}>;
  UpdateVideoInput: UpdateVideoInput;
  Upload: ResolverTypeWrapper<Scalars['Upload']['output']>;
  UploadSession: ResolverTypeWrapper<UploadRecord>;
  UploadStatus: UploadStatus;
  User: ResolverTypeWrapper<UserRef>;
  Video: ResolverTypeWrapper<VideoRecord>;
  VideoConnection: ResolverTypeWrapper<Omit<VideoConnection, 'edges'> & { edges: Array<ResolversTypes['VideoEdge']> }>;
  VideoEdge: ResolverTypeWrapper<Omit<VideoEdge, 'node'> & { node: ResolversTypes['Video'] }>;
  VideoExport: ResolverTypeWrapper<VideoExport>;
  VideoExportPage: ResolverTypeWrapper<VideoExportPage>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ByteRange: ByteRange;
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  ChunkChecksumInput: ChunkChecksumInput;
  String: Scalars['String']['output'];
  ChunkReceipt: ChunkReceipt;
  Boolean: Scalars['Boolean']['output'];
  Comment: CommentRecord;
  ID: Scalars['ID']['output'];
  CommentConnection: Omit<CommentConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommentEdge']> };
  CommentEdge: Omit<CommentEdge, 'node'> & { node: ResolversParentTypes['Comment'] };
  Danmaku: DanmakuRecord;
  DateTime: Scalars['DateTime']['output'];
  FavouriteFolder: FolderRecord;
  InitUploadResult: Omit<InitUploadResult, 'upload'> & { upload: ResolversParentTypes['UploadSession'] };
  Mutation: {};
  PageInfo: PageInfo;
  PresignedChunk: PresignedChunk;
  ProofChallenge: ProofChallenge;
  PublishVideoInput: PublishVideoInput;
  Query: {};
  Subscription: {};
  UpdateVideoInput: UpdateVideoInput;
  Upload: Scalars['Upload']['output'];
  UploadSession: UploadRecord;
  User: UserRef;
  Video: VideoRecord;
  VideoConnection: Omit<VideoConnection, 'edges'> & { edges: Array<ResolversParentTypes['VideoEdge']> };
  VideoEdge: Omit<VideoEdge, 'node'> & { node: ResolversParentTypes['Video'] };
  VideoExport: VideoExport;
  VideoExportPage: VideoExportPage;
}>;

export type ViewerIndependentDirectiveArgs = { };

export type ViewerIndependentDirectiveResolver<Result, Parent, ContextType = Context, Args = ViewerIndependentDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ByteRangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ByteRange'] = ResolversParentTypes['ByteRange']> = ResolversObject<{
  length?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offset?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChunkReceiptResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ChunkReceipt'] = ResolversParentTypes['ChunkReceipt']> = ResolversObject<{
  chunkCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  receivedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stored?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Comment']>, { __typename: 'Comment' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  author?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  replies?: Resolver<ResolversTypes['CommentConnection'], ParentType, ContextType, RequireFields<CommentRepliesArgs, 'first'>>;
  replyCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  videoId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommentConnection'] = ResolversParentTypes['CommentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CommentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommentEdge'] = ResolversParentTypes['CommentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Comment'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type DanmakuResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Danmaku'] = ResolversParentTypes['Danmaku']> = ResolversObject<{
  color?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['DanmakuMode'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  videoId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FavouriteFolderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FavouriteFolder'] = ResolversParentTypes['FavouriteFolder']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isPublic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  videoCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  videos?: Resolver<ResolversTypes['VideoConnection'], ParentType, ContextType, RequireFields<FavouriteFolderVideosArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type InitUploadResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InitUploadResult'] = ResolversParentTypes['InitUploadResult']> = ResolversObject<{
  instant?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  upload?: Resolver<ResolversTypes['UploadSession'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  abortUpload?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationAbortUploadArgs, 'uploadId'>>;
  addComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationAddCommentArgs, 'text' | 'videoId'>>;
  addToFavourites?: Resolver<ResolversTypes['FavouriteFolder'], ParentType, ContextType, RequireFields<MutationAddToFavouritesArgs, 'folderId' | 'videoId'>>;
  completeUpload?: Resolver<ResolversTypes['UploadSession'], ParentType, ContextType, RequireFields<MutationCompleteUploadArgs, 'uploadId'>>;
  confirmChunk?: Resolver<ResolversTypes['ChunkReceipt'], ParentType, ContextType, RequireFields<MutationConfirmChunkArgs, 'checksum' | 'index' | 'uploadId'>>;
  confirmChunks?: Resolver<Array<Maybe<ResolversTypes['ChunkReceipt']>>, ParentType, ContextType, RequireFields<MutationConfirmChunksArgs, 'chunks' | 'uploadId'>>;
  createFavouriteFolder?: Resolver<ResolversTypes['FavouriteFolder'], ParentType, ContextType, RequireFields<MutationCreateFavouriteFolderArgs, 'isPublic' | 'name'>>;
  deleteComment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteCommentArgs, 'id'>>;
  deleteFavouriteFolder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteFavouriteFolderArgs, 'id'>>;
  deleteVideo?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteVideoArgs, 'id'>>;
  initUpload?: Resolver<ResolversTypes['InitUploadResult'], ParentType, ContextType, RequireFields<MutationInitUploadArgs, 'filename' | 'sha256' | 'size'>>;
  likeVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationLikeVideoArgs, 'id'>>;
  presignChunkUpload?: Resolver<ResolversTypes['PresignedChunk'], ParentType, ContextType, RequireFields<MutationPresignChunkUploadArgs, 'index' | 'uploadId'>>;
  presignChunkUploads?: Resolver<Array<ResolversTypes['PresignedChunk']>, ParentType, ContextType, RequireFields<MutationPresignChunkUploadsArgs, 'indexes' | 'uploadId'>>;
  proveUpload?: Resolver<ResolversTypes['UploadSession'], ParentType, ContextType, RequireFields<MutationProveUploadArgs, 'proofs' | 'uploadId'>>;
  publishVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationPublishVideoArgs, 'input'>>;
  recordView?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationRecordViewArgs, 'videoId'>>;
  removeFromFavourites?: Resolver<ResolversTypes['FavouriteFolder'], ParentType, ContextType, RequireFields<MutationRemoveFromFavouritesArgs, 'folderId' | 'videoId'>>;
  sendDanmaku?: Resolver<ResolversTypes['Danmaku'], ParentType, ContextType, RequireFields<MutationSendDanmakuArgs, 'color' | 'mode' | 'text' | 'timeMs' | 'videoId'>>;
  unlikeVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationUnlikeVideoArgs, 'id'>>;
  updateFavouriteFolder?: Resolver<ResolversTypes['FavouriteFolder'], ParentType, ContextType, RequireFields<MutationUpdateFavouriteFolderArgs, 'id'>>;
  updateVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationUpdateVideoArgs, 'id' | 'input'>>;
  uploadChunk?: Resolver<ResolversTypes['ChunkReceipt'], ParentType, ContextType, RequireFields<MutationUploadChunkArgs, 'checksum' | 'chunk' | 'index' | 'uploadId'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PresignedChunkResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PresignedChunk'] = ResolversParentTypes['PresignedChunk']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProofChallengeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProofChallenge'] = ResolversParentTypes['ProofChallenge']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  ranges?: Resolver<Array<ResolversTypes['ByteRange']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  danmakus?: Resolver<Array<ResolversTypes['Danmaku']>, ParentType, ContextType, RequireFields<QueryDanmakusArgs, 'first' | 'fromMs' | 'videoId'>>;
  exportVideos?: Resolver<ResolversTypes['VideoExportPage'], ParentType, ContextType, RequireFields<QueryExportVideosArgs, 'first'>>;
  favouriteFolder?: Resolver<Maybe<ResolversTypes['FavouriteFolder']>, ParentType, ContextType, RequireFields<QueryFavouriteFolderArgs, 'id'>>;
  uploadStatus?: Resolver<ResolversTypes['UploadSession'], ParentType, ContextType, RequireFields<QueryUploadStatusArgs, 'uploadId'>>;
  video?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<QueryVideoArgs, 'id'>>;
  videos?: Resolver<ResolversTypes['VideoConnection'], ParentType, ContextType, RequireFields<QueryVideosArgs, 'first'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  danmakuAdded?: SubscriptionResolver<ResolversTypes['Danmaku'], "danmakuAdded", ParentType, ContextType, RequireFields<SubscriptionDanmakuAddedArgs, 'videoId'>>;
}>;

export interface UploadScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Upload'], any> {
  name: 'Upload';
}

export type UploadSessionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UploadSession'] = ResolversParentTypes['UploadSession']> = ResolversObject<{
  chunkCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chunkSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failure?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  proofChallenge?: Resolver<Maybe<ResolversTypes['ProofChallenge']>, ParentType, ContextType>;
  receivedChunks?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['UploadStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']>, { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  favouriteFolders?: Resolver<Maybe<Array<ResolversTypes['FavouriteFolder']>>, { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"favouritesVisibleToViewer":true}>, ContextType>;

  id?: Resolver<ResolversTypes['ID'], { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  videos?: Resolver<ResolversTypes['VideoConnection'], { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType, RequireFields<UserVideosArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']>, { __typename: 'Video' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  commentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  comments?: Resolver<ResolversTypes['CommentConnection'], ParentType, ContextType, RequireFields<VideoCommentsArgs, 'first'>>;
  coverUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  danmakus?: Resolver<Array<ResolversTypes['Danmaku']>, ParentType, ContextType, RequireFields<VideoDanmakusArgs, 'first' | 'fromMs'>>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  downloadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastDanmakuId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  likeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  likedByMe?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  playbackUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploader?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  viewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoConnection'] = ResolversParentTypes['VideoConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['VideoEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoEdge'] = ResolversParentTypes['VideoEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoExportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoExport'] = ResolversParentTypes['VideoExport']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  likeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uploaderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoExportPageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoExportPage'] = ResolversParentTypes['VideoExportPage']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['VideoExport']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  ByteRange?: ByteRangeResolvers<ContextType>;
  ChunkReceipt?: ChunkReceiptResolvers<ContextType>;
  Comment?: CommentResolvers<ContextType>;
  CommentConnection?: CommentConnectionResolvers<ContextType>;
  CommentEdge?: CommentEdgeResolvers<ContextType>;
  Danmaku?: DanmakuResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FavouriteFolder?: FavouriteFolderResolvers<ContextType>;
  InitUploadResult?: InitUploadResultResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PresignedChunk?: PresignedChunkResolvers<ContextType>;
  ProofChallenge?: ProofChallengeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Upload?: GraphQLScalarType;
  UploadSession?: UploadSessionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
  VideoConnection?: VideoConnectionResolvers<ContextType>;
  VideoEdge?: VideoEdgeResolvers<ContextType>;
  VideoExport?: VideoExportResolvers<ContextType>;
  VideoExportPage?: VideoExportPageResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  viewerIndependent?: ViewerIndependentDirectiveResolver<any, any, ContextType>;
}>;
