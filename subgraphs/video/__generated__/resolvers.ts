import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { VideoRecord, UploadRecord, CommentRecord, DanmakuRecord, FolderRecord } from '../store.js';
import type { UserRef, Context } from '../context.js';
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
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-26T06:00:00.000Z. */
  DateTime: { input: string; output: string; }
  /** A file sent as a GraphQL multipart request. */
  Upload: { input: Promise<import('graphql-upload-minimal').FileUpload>; output: Promise<import('graphql-upload-minimal').FileUpload>; }
  _FieldSet: { input: any; output: any; }
};

/** A range of bytes of the file being uploaded. */
export type ByteRange = {
  __typename?: 'ByteRange';
  /** How many bytes the range holds. */
  length: Scalars['Int']['output'];
  /** Where the range starts: bytes from the start of the file (0-based). */
  offset: Scalars['Float']['output'];
};

export type ChunkReceipt = {
  __typename?: 'ChunkReceipt';
  chunkCount: Scalars['Int']['output'];
  index: Scalars['Int']['output'];
  receivedCount: Scalars['Int']['output'];
  /** False when the chunk had already been received (nothing was stored again). */
  stored: Scalars['Boolean']['output'];
};

/** A comment on a video; other subgraphs refer to it by id (notifications link to it). */
export type Comment = {
  __typename?: 'Comment';
  /** Resolved by the user subgraph. */
  author: User;
  /** When it was written. */
  createdAt: Scalars['DateTime']['output'];
  /** The comment's id. */
  id: Scalars['ID']['output'];
  /** The top-level comment whose thread it is in; null for a top-level comment. */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** Replies (one level deep), oldest first. */
  replies: CommentConnection;
  /** How many replies it has (top-level comments only). */
  replyCount: Scalars['Int']['output'];
  /** 1-1000 characters. */
  text: Scalars['String']['output'];
  /** The video it was written on. */
  videoId: Scalars['ID']['output'];
};


/** A comment on a video; other subgraphs refer to it by id (notifications link to it). */
export type CommentRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CommentConnection = {
  __typename?: 'CommentConnection';
  edges: Array<CommentEdge>;
  pageInfo: PageInfo;
};

export type CommentEdge = {
  __typename?: 'CommentEdge';
  cursor: Scalars['String']['output'];
  node: Comment;
};

/** A bullet comment shown over the video at `timeMs`. */
export type Danmaku = {
  __typename?: 'Danmaku';
  /** #RRGGBB */
  color: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  mode: DanmakuMode;
  text: Scalars['String']['output'];
  timeMs: Scalars['Int']['output'];
  user: User;
  videoId: Scalars['ID']['output'];
};

export type DanmakuMode =
  | 'BOTTOM'
  | 'SCROLL'
  | 'TOP';

export type FavouriteFolder = {
  __typename?: 'FavouriteFolder';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isPublic: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  owner: User;
  videoCount: Scalars['Int']['output'];
  /** Most recently added first. */
  videos: VideoConnection;
};


export type FavouriteFolderVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type InitUploadResult = {
  __typename?: 'InitUploadResult';
  /**
   * Always false: content already stored is offered as `upload.proofChallenge` instead (see proveUpload).
   * @deprecated initUpload no longer completes at once; answer upload.proofChallenge with proveUpload.
   */
  instant: Scalars['Boolean']['output'];
  upload: UploadSession;
};

export type Mutation = {
  __typename?: 'Mutation';
  abortUpload: Scalars['Boolean']['output'];
  /** 1-1000 characters; a reply to a reply joins its thread. */
  addComment: Comment;
  addToFavourites: FavouriteFolder;
  /** Merges the chunks, checks the whole file's sha256 and that it is a video. */
  completeUpload: UploadSession;
  /** Records a chunk PUT through presignChunkUpload after checking its size and checksum. */
  confirmChunk: ChunkReceipt;
  createFavouriteFolder: FavouriteFolder;
  /** By its author or the video's uploader. */
  deleteComment: Scalars['Boolean']['output'];
  deleteFavouriteFolder: Scalars['Boolean']['output'];
  /** The uploader only. */
  deleteVideo: Scalars['Boolean']['output'];
  /**
   * Starts an upload. `sha256` is the whole file's hex digest; `chunkSize`
   * defaults to 5 MiB (5-32 MiB). When the same content is already stored for a
   * published video, the upload carries a proofChallenge: proveUpload completes
   * it without sending the file.
   */
  initUpload: InitUploadResult;
  likeVideo: Video;
  presignChunkUpload: PresignedChunk;
  /**
   * Completes an upload without sending its bytes, by proving the client holds
   * the file: one sha256 per range of `proofChallenge`. A challenge takes one
   * answer: a wrong one is refused (BAD_USER_INPUT), the challenge is withdrawn
   * and the upload goes on as a normal chunked upload. An upload already
   * COMPLETED is returned as it is.
   */
  proveUpload: UploadSession;
  publishVideo: Video;
  /** Counts a view (once per viewer or device per video every 10 minutes). */
  recordView: Video;
  removeFromFavourites: FavouriteFolder;
  /** 1-100 characters at `timeMs` into the video. */
  sendDanmaku: Danmaku;
  unlikeVideo: Video;
  updateFavouriteFolder: FavouriteFolder;
  /** The uploader only. */
  updateVideo: Video;
  /** One chunk as a multipart file; `checksum` is its sha256 hex digest. Idempotent per index. */
  uploadChunk: ChunkReceipt;
};


export type MutationAbortUploadArgs = {
  uploadId: Scalars['ID']['input'];
};


export type MutationAddCommentArgs = {
  parentId?: InputMaybe<Scalars['ID']['input']>;
  text: Scalars['String']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationAddToFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationCompleteUploadArgs = {
  uploadId: Scalars['ID']['input'];
};


export type MutationConfirmChunkArgs = {
  checksum: Scalars['String']['input'];
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};


export type MutationCreateFavouriteFolderArgs = {
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteCommentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationInitUploadArgs = {
  chunkSize?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  size: Scalars['Float']['input'];
};


export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPresignChunkUploadArgs = {
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};


export type MutationProveUploadArgs = {
  proofs: Array<Scalars['String']['input']>;
  uploadId: Scalars['ID']['input'];
};


export type MutationPublishVideoArgs = {
  input: PublishVideoInput;
};


export type MutationRecordViewArgs = {
  videoId: Scalars['ID']['input'];
};


export type MutationRemoveFromFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationSendDanmakuArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  mode?: InputMaybe<DanmakuMode>;
  text: Scalars['String']['input'];
  timeMs: Scalars['Int']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationUnlikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateVideoArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVideoInput;
};


export type MutationUploadChunkArgs = {
  checksum: Scalars['String']['input'];
  chunk: Scalars['Upload']['input'];
  index: Scalars['Int']['input'];
  uploadId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** Upload one chunk straight to object storage: PUT the bytes to `url` before `expiresAt`, then call confirmChunk. */
export type PresignedChunk = {
  __typename?: 'PresignedChunk';
  expiresAt: Scalars['DateTime']['output'];
  index: Scalars['Int']['output'];
  method: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

/**
 * Proof of possession for an instant upload: the server picked these ranges of
 * the file at random; only a client that holds the file can give the sha256 of
 * each, since the whole file's sha256 and size are public.
 */
export type ProofChallenge = {
  __typename?: 'ProofChallenge';
  /** When the challenge is withdrawn; after that only sending the chunks completes the upload. */
  expiresAt: Scalars['DateTime']['output'];
  /** The ranges to hash, in the order proveUpload expects their digests. */
  ranges: Array<ByteRange>;
};

export type PublishVideoInput = {
  /** PNG, JPEG or WebP up to 5 MB; without one, a frame of the video becomes the cover. */
  cover?: InputMaybe<Scalars['Upload']['input']>;
  /** Up to 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The object of a COMPLETED upload of the viewer's, as an alternative to uploadId. */
  objectKey?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 tags of 1-20 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1-80 characters. */
  title: Scalars['String']['input'];
  /** A COMPLETED upload of the viewer's (or pass objectKey). */
  uploadId?: InputMaybe<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  danmakus: Array<Danmaku>;
  /** Every video, newest first, for other services' full syncs. Service identity only. */
  exportVideos: VideoExportPage;
  favouriteFolder?: Maybe<FavouriteFolder>;
  /** The state of one of the viewer's uploads; resumable clients call it to learn what to send. */
  uploadStatus: UploadSession;
  video?: Maybe<Video>;
  /** Newest first; optionally only one uploader's videos. */
  videos: VideoConnection;
};


export type QueryDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
  videoId: Scalars['ID']['input'];
};


export type QueryExportVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUploadStatusArgs = {
  uploadId: Scalars['ID']['input'];
};


export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  uploaderId?: InputMaybe<Scalars['ID']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Danmaku sent to a video while you watch. */
  danmakuAdded: Danmaku;
};


export type SubscriptionDanmakuAddedArgs = {
  videoId: Scalars['ID']['input'];
};

export type UpdateVideoInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A chunked upload. Only the user who started it can see or change it. */
export type UploadSession = {
  __typename?: 'UploadSession';
  chunkCount: Scalars['Int']['output'];
  chunkSize: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Why the upload failed (FAILED only). */
  failure?: Maybe<Scalars['String']['output']>;
  filename: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /**
   * Present while the upload is UPLOADING and the same content is already stored
   * for a published video: answer it with proveUpload to complete the upload
   * without sending the file, or ignore it and send the chunks. Null otherwise,
   * and once it has been answered (rightly or not) or has expired.
   */
  proofChallenge?: Maybe<ProofChallenge>;
  /** Indexes received so far, ascending. */
  receivedChunks: Array<Scalars['Int']['output']>;
  sha256: Scalars['String']['output'];
  size: Scalars['Float']['output'];
  status: UploadStatus;
};

export type UploadStatus =
  | 'ABORTED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PUBLISHED'
  | 'UPLOADING';

export type User = {
  __typename?: 'User';
  /** The user's favourite folders the viewer may see: all of them for the owner; public ones when the owner's privacy settings allow. */
  favouriteFolders?: Maybe<Array<FavouriteFolder>>;
  /** Computed by the user subgraph from the owner's privacy settings and the viewer. */
  favouritesVisibleToViewer: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The user's videos, newest first. */
  videos: VideoConnection;
};


export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A published video. */
export type Video = {
  __typename?: 'Video';
  commentCount: Scalars['Int']['output'];
  /** Top-level comments, newest first. */
  comments: CommentConnection;
  coverUrl?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Danmaku whose time offset is in [fromMs, toMs), in playback order. */
  danmakus: Array<Danmaku>;
  description: Scalars['String']['output'];
  /** A short-lived URL that downloads the file as an attachment. */
  downloadUrl: Scalars['String']['output'];
  durationMs?: Maybe<Scalars['Int']['output']>;
  height?: Maybe<Scalars['Int']['output']>;
  /** The video's id. */
  id: Scalars['ID']['output'];
  likeCount: Scalars['Int']['output'];
  /** Whether the viewer likes it (false for anonymous viewers). */
  likedByMe: Scalars['Boolean']['output'];
  /** A short-lived URL to stream the video; supports HTTP Range requests. */
  playbackUrl: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
  /** Bytes. */
  size: Scalars['Float']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Resolved by the user subgraph. */
  uploader: User;
  viewCount: Scalars['Int']['output'];
  width?: Maybe<Scalars['Int']['output']>;
};


/** A published video. */
export type VideoCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A published video. */
export type VideoDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
};

export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
};

export type VideoEdge = {
  __typename?: 'VideoEdge';
  cursor: Scalars['String']['output'];
  node: Video;
};

/** A video as other services' full syncs read it (service identity only, not in the public API). */
export type VideoExport = {
  __typename?: 'VideoExport';
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  likeCount: Scalars['Int']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  uploaderId: Scalars['ID']['output'];
  version: Scalars['Int']['output'];
  viewCount: Scalars['Int']['output'];
};

export type VideoExportPage = {
  __typename?: 'VideoExportPage';
  /** Pass as `after` for the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
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
  ChunkReceipt: ResolverTypeWrapper<ChunkReceipt>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Comment: ResolverTypeWrapper<CommentRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
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
  ChunkReceipt: ChunkReceipt;
  Boolean: Scalars['Boolean']['output'];
  Comment: CommentRecord;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
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
  createFavouriteFolder?: Resolver<ResolversTypes['FavouriteFolder'], ParentType, ContextType, RequireFields<MutationCreateFavouriteFolderArgs, 'isPublic' | 'name'>>;
  deleteComment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteCommentArgs, 'id'>>;
  deleteFavouriteFolder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteFavouriteFolderArgs, 'id'>>;
  deleteVideo?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteVideoArgs, 'id'>>;
  initUpload?: Resolver<ResolversTypes['InitUploadResult'], ParentType, ContextType, RequireFields<MutationInitUploadArgs, 'filename' | 'sha256' | 'size'>>;
  likeVideo?: Resolver<ResolversTypes['Video'], ParentType, ContextType, RequireFields<MutationLikeVideoArgs, 'id'>>;
  presignChunkUpload?: Resolver<ResolversTypes['PresignedChunk'], ParentType, ContextType, RequireFields<MutationPresignChunkUploadArgs, 'index' | 'uploadId'>>;
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

