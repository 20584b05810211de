/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
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
  Upload: { input: File; output: File; }
};

export type AssistantEvent = {
  __typename?: 'AssistantEvent';
  code?: Maybe<Scalars['String']['output']>;
  /** ERROR: true when tokens were already sent and must be discarded. */
  discardPartial?: Maybe<Scalars['Boolean']['output']>;
  /** ERROR: what went wrong, and its code (RATE_LIMITED, UPSTREAM_UNAVAILABLE...). */
  error?: Maybe<Scalars['String']['output']>;
  /** DONE: the whole answer. */
  fullText?: Maybe<Scalars['String']['output']>;
  kind: AssistantEventKind;
  /** TOKEN: the next piece of text. */
  text?: Maybe<Scalars['String']['output']>;
  /** DONE: tokens used, as reported by the provider (or estimated). */
  usage?: Maybe<AssistantUsage>;
};

export type AssistantEventKind =
  /** The answer is complete: the whole text and the usage. */
  | 'DONE'
  /** The answer failed; with discardPartial, throw away the tokens received. */
  | 'ERROR'
  /** A piece of the answer, in order. */
  | 'TOKEN';

export type AssistantTurn = {
  __typename?: 'AssistantTurn';
  answer: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  prompt: Scalars['String']['output'];
};

export type AssistantUsage = {
  __typename?: 'AssistantUsage';
  completionTokens: Scalars['Int']['output'];
  promptTokens: Scalars['Int']['output'];
  totalTokens: Scalars['Int']['output'];
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Null with delivery COOKIE. */
  accessToken?: Maybe<Scalars['String']['output']>;
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** The device the refresh token is bound to: send it as the `x-device-id` header (BODY); browsers keep it in a cookie. */
  deviceId: Scalars['String']['output'];
  /** Null with delivery COOKIE. Its only use is refreshTokens. */
  refreshToken?: Maybe<Scalars['String']['output']>;
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  user: User;
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

/** A one-to-one or group conversation. Only its members can read it. */
export type Conversation = {
  __typename?: 'Conversation';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ConversationKind;
  lastMessage?: Maybe<Message>;
  /** The viewer's read position. */
  lastReadSeq: Scalars['Int']['output'];
  /** The sequence number of the newest message (0 when empty). */
  lastSeq: Scalars['Int']['output'];
  members: Array<User>;
  /** The group's owner (for a direct conversation, whoever started it). */
  owner: User;
  /** Groups only. */
  title?: Maybe<Scalars['String']['output']>;
  unreadCount: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  edges: Array<ConversationEdge>;
  pageInfo: PageInfo;
};

export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  cursor: Scalars['String']['output'];
  node: Conversation;
};

export type ConversationKind =
  | 'DIRECT'
  | 'GROUP';

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

export type DeadLetterRetry = {
  __typename?: 'DeadLetterRetry';
  remaining: Scalars['Int']['output'];
  retried: Scalars['Int']['output'];
};

/**
 * Every `extensions.code` an error from this API can carry. No field returns
 * this type: it documents the error model, so that generated clients can switch
 * over the codes. An error response is always JSON with at least one error, and
 * a client's mistake is answered with a client code (never INTERNAL_SERVER_ERROR).
 */
export type ErrorCode =
  /** The HTTP request is malformed: a body that is not JSON, no query, a wrong persisted-query hash or version, a multipart map naming a missing file or one file twice. HTTP 400. */
  | 'BAD_REQUEST'
  /** An argument is out of range or malformed; `extensions.field` names it when there is one. */
  | 'BAD_USER_INPUT'
  /** A unique value (a username) is taken. */
  | 'CONFLICT'
  /** Signed in, but not allowed to do this. */
  | 'FORBIDDEN'
  /** The document is not valid GraphQL syntax. HTTP 400. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document does not match the schema. HTTP 400. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** The server's own fault; the message is hidden in production. Report it with the response's x-request-id. */
  | 'INTERNAL_SERVER_ERROR'
  /** The assistant has no model provider configured. */
  | 'LLM_NOT_CONFIGURED'
  /** No such object, or it is not visible to the viewer. */
  | 'NOT_FOUND'
  /** The operation is over a limit: `extensions.limit` (tokens, depth, aliases, directives, recursiveSelections, cost, subscriptionsPerSocket, subscriptionsPerUser), `max` and, where measured, `actual`. HTTP 400. */
  | 'OPERATION_LIMIT_EXCEEDED'
  /** operationName names no operation of the document (or is missing with several). HTTP 400. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** A body over 1 MB or a file over its limit (HTTP 413 for bodies). */
  | 'PAYLOAD_TOO_LARGE'
  /** An automatic persisted query's hash is not known yet: send it again with `query`. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** A rate limit was reached; wait `extensions.retryAfterSeconds` before retrying. */
  | 'RATE_LIMITED'
  /** The request body was not received in time (HTTP 408), or a service stopped the request at its deadline. */
  | 'REQUEST_TIMEOUT'
  /** Not signed in, a bad or expired token, or a wrong password: refresh the access token or sign in. */
  | 'UNAUTHENTICATED'
  /** A service behind the gateway cannot be reached: retry shortly. */
  | 'UPSTREAM_UNAVAILABLE';

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

/** A file the assistant made, stored for the viewer. */
export type GeneratedFile = {
  __typename?: 'GeneratedFile';
  contentType: Scalars['String']['output'];
  size: Scalars['Int']['output'];
  url: Scalars['String']['output'];
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

/** A chat message; `seq` increases strictly within its conversation. */
export type Message = {
  __typename?: 'Message';
  /** The sender's idempotency key, echoed back to the sender only. */
  clientMessageId?: Maybe<Scalars['String']['output']>;
  conversationId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  recalled: Scalars['Boolean']['output'];
  /** Resolved by the user subgraph. */
  sender: User;
  seq: Scalars['Int']['output'];
  /** Null once recalled. */
  text?: Maybe<Scalars['String']['output']>;
};

/** Something that happened in one of the viewer's conversations. */
export type MessageEvent = {
  __typename?: 'MessageEvent';
  conversationId: Scalars['ID']['output'];
  kind: MessageEventKind;
  /** MESSAGE and RECALL: the message (recalled messages have no text). */
  message?: Maybe<Message>;
  readSeq?: Maybe<Scalars['Int']['output']>;
  /** READ: who read, and up to which sequence number. */
  reader?: Maybe<User>;
};

export type MessageEventKind =
  /** A new message. */
  | 'MESSAGE'
  /** A member read up to `readSeq`. */
  | 'READ'
  /** A message was recalled: its text is gone. */
  | 'RECALL';

export type Mutation = {
  __typename?: 'Mutation';
  abortUpload: Scalars['Boolean']['output'];
  /** 1-1000 characters; a reply to a reply joins its thread. */
  addComment: Comment;
  /** Owner only. */
  addMembers: Conversation;
  addToFavourites: FavouriteFolder;
  /** A blocked user's direct messages to the viewer are refused. */
  blockUser: Scalars['Boolean']['output'];
  /** Changes the password and signs out every session of the user. */
  changePassword: Scalars['Boolean']['output'];
  /** Forgets the viewer's assistant history in a thread. */
  clearAssistantHistory: Scalars['Boolean']['output'];
  /** Merges the chunks, checks the whole file's sha256 and that it is a video. */
  completeUpload: UploadSession;
  /** Records a chunk PUT through presignChunkUpload after checking its size and checksum. */
  confirmChunk: ChunkReceipt;
  createFavouriteFolder: FavouriteFolder;
  /** A group owned by the viewer; 1-50 characters of title, up to 200 members. */
  createGroup: Conversation;
  /** By its author or the video's uploader. */
  deleteComment: Scalars['Boolean']['output'];
  deleteFavouriteFolder: Scalars['Boolean']['output'];
  /** The uploader only. */
  deleteVideo: Scalars['Boolean']['output'];
  /** Idempotent; returns the followed user. */
  follow: User;
  /** An image from the provider's image model, stored; 1-1000 characters of prompt. */
  generateImage: GeneratedFile;
  /** A slide deck (.pptx) on a topic, outlined by the text model; 1-200 characters of topic. */
  generateSlides: GeneratedFile;
  /**
   * Starts an upload. `sha256` is the whole file's hex digest; `chunkSize`
   * defaults to 5 MiB (5-32 MiB). When the same content is already stored for a
   * published video, the upload carries a proofChallenge: proveUpload completes
   * it without sending the file.
   */
  initUpload: InitUploadResult;
  /** Leave a group; an owner who leaves hands the group to the longest-standing member. */
  leaveGroup: Scalars['Boolean']['output'];
  likeVideo: Video;
  login: AuthPayload;
  /** Ends this session (its whole token family) and clears the cookies. */
  logout: Scalars['Boolean']['output'];
  /** Marks the given notifications read, or all of them. */
  markNotificationsRead: Scalars['Int']['output'];
  /** Marks everything up to `seq` read. */
  markRead: Conversation;
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
  /** By its sender, within the recall window (2 minutes by default). */
  recallMessage: Message;
  /** Counts a view (once per viewer or device per video every 10 minutes). */
  recordView: Video;
  /** Rotates both tokens. The refresh token comes from the argument or the HTTP-only cookie. */
  refreshTokens: AuthPayload;
  /** Creates an account and signs in. Passwords: 8-128 characters with a letter and a digit. */
  register: AuthPayload;
  /** Rebuilds the index from the user and video services. Admins only. */
  reindex: ReindexResult;
  /** Retries the index writes that failed ten times. Admins only. */
  reindexDeadLetters: DeadLetterRetry;
  removeFromFavourites: FavouriteFolder;
  /** Owner only; the owner cannot remove themself (use leaveGroup). */
  removeMember: Conversation;
  /** Owner only. */
  renameGroup: Conversation;
  /** 1-100 characters at `timeMs` into the video. */
  sendDanmaku: Danmaku;
  /**
   * Stored before it is delivered. `clientMessageId` (1-64 characters) makes a retried
   * send idempotent: the same id returns the stored message. Text: 1-2000 characters.
   */
  sendMessage: Message;
  /** The one-to-one conversation with a user; the same one every time (idempotent). */
  startConversation: Conversation;
  unblockUser: Scalars['Boolean']['output'];
  /** Idempotent; returns the user no longer followed. */
  unfollow: User;
  unlikeVideo: Video;
  updateFavouriteFolder: FavouriteFolder;
  updatePrivacy: PrivacySettings;
  updateProfile: User;
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


export type MutationAddMembersArgs = {
  conversationId: Scalars['ID']['input'];
  userIds: Array<Scalars['ID']['input']>;
};


export type MutationAddToFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationBlockUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationClearAssistantHistoryArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
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


export type MutationCreateGroupArgs = {
  memberIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
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


export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationGenerateImageArgs = {
  prompt: Scalars['String']['input'];
};


export type MutationGenerateSlidesArgs = {
  topic: Scalars['String']['input'];
};


export type MutationInitUploadArgs = {
  chunkSize?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  size: Scalars['Float']['input'];
};


export type MutationLeaveGroupArgs = {
  conversationId: Scalars['ID']['input'];
};


export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLoginArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationMarkNotificationsReadArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationMarkReadArgs = {
  conversationId: Scalars['ID']['input'];
  seq: Scalars['Int']['input'];
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


export type MutationRecallMessageArgs = {
  messageId: Scalars['ID']['input'];
};


export type MutationRecordViewArgs = {
  videoId: Scalars['ID']['input'];
};


export type MutationRefreshTokensArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRegisterArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationReindexArgs = {
  wipe?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationRemoveFromFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationRemoveMemberArgs = {
  conversationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationRenameGroupArgs = {
  conversationId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
};


export type MutationSendDanmakuArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  mode?: InputMaybe<DanmakuMode>;
  text: Scalars['String']['input'];
  timeMs: Scalars['Int']['input'];
  videoId: Scalars['ID']['input'];
};


export type MutationSendMessageArgs = {
  clientMessageId?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


export type MutationStartConversationArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnblockUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnlikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdatePrivacyArgs = {
  input: PrivacySettingsInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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

/** A notification in the viewer's inbox, made from another service's event. */
export type Notification = {
  __typename?: 'Notification';
  /** Who did it: the follower, liker, commenter or uploader. */
  actor?: Maybe<User>;
  /**
   * COMMENT_ON_VIDEO and COMMENT_REPLY: the comment that was written, to link to.
   * Null for other kinds, and once the comment is deleted (unless only its id is
   * selected).
   */
  comment?: Maybe<Comment>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The notification's id (for markNotificationsRead). */
  id: Scalars['ID']['output'];
  /**
   * COMMENT_REPLY: the viewer's comment that was replied to. Null for other kinds,
   * once that comment is deleted, and on replies notified before this field existed.
   */
  inReplyTo?: Maybe<Comment>;
  /** What happened; it says which of `video`, `comment` and `inReplyTo` are set. */
  kind: NotificationKind;
  /** Whether the viewer marked it read. */
  read: Scalars['Boolean']['output'];
  /**
   * The id of what it is about: the followed user for FOLLOW, else the video.
   * @deprecated Use actor, video and comment, as kind says.
   */
  subjectId: Scalars['ID']['output'];
  /** Extra details: the video's title, or the comment's text. */
  text?: Maybe<Scalars['String']['output']>;
  /**
   * VIDEO_LIKED, COMMENT_ON_VIDEO, COMMENT_REPLY and NEW_VIDEO: the video. Null for
   * FOLLOW, and once the video is deleted (unless only its id is selected).
   */
  video?: Maybe<Video>;
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  edges: Array<NotificationEdge>;
  pageInfo: PageInfo;
};

export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  cursor: Scalars['String']['output'];
  node: Notification;
};

/** What happened, and so which of a notification's fields are set. */
export type NotificationKind =
  /** `actor` wrote `comment` on the viewer's `video` (a top-level comment, or a reply in one of its threads). */
  | 'COMMENT_ON_VIDEO'
  /** `actor` replied with `comment` to the viewer's comment `inReplyTo`, under `video`. */
  | 'COMMENT_REPLY'
  /** `actor` followed the viewer. */
  | 'FOLLOW'
  /** `actor`, whom the viewer follows, published `video`. */
  | 'NEW_VIDEO'
  /** `actor` liked the viewer's `video`. */
  | 'VIDEO_LIKED';

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

export type PrivacySettings = {
  __typename?: 'PrivacySettings';
  favourites: Visibility;
  follows: Visibility;
};

export type PrivacySettingsInput = {
  favourites?: InputMaybe<Visibility>;
  follows?: InputMaybe<Visibility>;
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
  /** The viewer's recent assistant turns in a thread (the conversationId given to assistantAnswer, or the default thread), oldest first. */
  assistantHistory: Array<AssistantTurn>;
  /** Users the viewer has blocked. */
  blockedUsers: Array<User>;
  conversation?: Maybe<Conversation>;
  /** The viewer's conversations, latest activity first, with last message and unread count. */
  conversations: ConversationConnection;
  danmakus: Array<Danmaku>;
  favouriteFolder?: Maybe<FavouriteFolder>;
  /** The signed-in user, or null for an anonymous visitor. */
  me?: Maybe<User>;
  /** Messages of a conversation the viewer belongs to, oldest first, after or before a sequence number. */
  messages: Array<Message>;
  /** The viewer's notifications, newest first. */
  notifications: NotificationConnection;
  /** Videos related to a video (shared tags, same uploader, similar text), or popular recent videos without one. */
  recommendedVideos: Array<Maybe<Video>>;
  /** Videos and users matching `query` (typos tolerated), best first, with highlighted fragments. */
  search: SearchResult;
  searchSyncStatus: SearchSyncStatus;
  /** Completions of video titles, tags and usernames that start like `prefix`, most popular first. */
  suggest: Array<Suggestion>;
  /** The state of one of the viewer's uploads; resumable clients call it to learn what to send. */
  uploadStatus: UploadSession;
  user?: Maybe<User>;
  userByUsername?: Maybe<User>;
  video?: Maybe<Video>;
  /** Newest first; optionally only one uploader's videos. */
  videos: VideoConnection;
};


export type QueryAssistantHistoryArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
  videoId: Scalars['ID']['input'];
};


export type QueryFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMessagesArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  beforeSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRecommendedVideosArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  videoId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySearchArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  pageSize?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  type?: InputMaybe<SearchType>;
};


export type QuerySuggestArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  prefix: Scalars['String']['input'];
};


export type QueryUploadStatusArgs = {
  uploadId: Scalars['ID']['input'];
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
};


export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  uploaderId?: InputMaybe<Scalars['ID']['input']>;
};

export type ReindexResult = {
  __typename?: 'ReindexResult';
  /** False when a reindex was already running. */
  started: Scalars['Boolean']['output'];
  users: Scalars['Int']['output'];
  videos: Scalars['Int']['output'];
};

/** Fragments of a matched field with the matched terms wrapped in <em>. */
export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  field: Scalars['String']['output'];
  fragments: Array<Scalars['String']['output']>;
};

export type SearchHit = {
  __typename?: 'SearchHit';
  highlights: Array<SearchHighlight>;
  /** Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  score: Scalars['Float']['output'];
};

/** A search result: select any Video or User field, whichever subgraph owns it. */
export type SearchNode = User | Video;

export type SearchResult = {
  __typename?: 'SearchResult';
  hits: Array<SearchHit>;
  page: Scalars['Int']['output'];
  pageSize: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** The state of the index sync pipeline (admins only). */
export type SearchSyncStatus = {
  __typename?: 'SearchSyncStatus';
  deadLettered: Scalars['Int']['output'];
  fullSyncDoneAt?: Maybe<Scalars['String']['output']>;
  indexedUsers: Scalars['Int']['output'];
  indexedVideos: Scalars['Int']['output'];
  /** Event time to searchable time over the latest events. */
  lagP50Ms?: Maybe<Scalars['Float']['output']>;
  lagP99Ms?: Maybe<Scalars['Float']['output']>;
  /** Whether the instance that answered runs the sync consumer. */
  leader: Scalars['Boolean']['output'];
  pendingDeadLetters: Scalars['Int']['output'];
  processedEvents: Scalars['Int']['output'];
};

export type SearchType =
  | 'ALL'
  | 'USER'
  | 'VIDEO';

export type Subscription = {
  __typename?: 'Subscription';
  /** The assistant's answer, token by token, then DONE (or ERROR). Stop the subscription to cancel it. */
  assistantAnswer: AssistantEvent;
  /** Danmaku sent to a video while you watch. */
  danmakuAdded: Danmaku;
  /**
   * New messages, recalls and read receipts in the viewer's conversations (one, or
   * all). With `conversationId` and `afterSeq`, first replays what was stored after
   * that sequence number, then continues live with no gap and no duplicate.
   * Messages of a conversation always arrive in sequence order.
   */
  messageEvents: MessageEvent;
  /** The viewer's new notifications, as they are created. */
  notificationAdded: Notification;
};


export type SubscriptionAssistantAnswerArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  prompt: Scalars['String']['input'];
};


export type SubscriptionDanmakuAddedArgs = {
  videoId: Scalars['ID']['input'];
};


export type SubscriptionMessageEventsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};

/** A completion for what the user is typing. */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  text: Scalars['String']['output'];
};

/** How the session tokens reach the client. */
export type TokenDelivery =
  /** In the payload (apps, scripts): send the access token as `Authorization: Bearer` and the device id as `x-device-id`. */
  | 'BODY'
  /** HTTP-only cookies set by the gateway (browsers); the payload's token fields are null. */
  | 'COOKIE';

export type UpdateProfileInput = {
  /** PNG, JPEG, GIF or WebP, up to 2 MB. */
  avatar?: InputMaybe<Scalars['Upload']['input']>;
  /** Up to 500 characters. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** 1-40 characters. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** Remove the current avatar. */
  removeAvatar?: InputMaybe<Scalars['Boolean']['input']>;
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

/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type User = {
  __typename?: 'User';
  /** A presigned URL, valid for a limited time (new on every request). */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  bio: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
  /** The user's favourite folders the viewer may see: all of them for the owner; public ones when the owner's privacy settings allow. */
  favouriteFolders?: Maybe<Array<FavouriteFolder>>;
  /** Whether the viewer may see this user's favourites (privacy settings). */
  favouritesVisibleToViewer: Scalars['Boolean']['output'];
  /** Whether the viewer follows this user (false for anonymous viewers). */
  followedByMe: Scalars['Boolean']['output'];
  followerCount: Scalars['Int']['output'];
  /** Null when the user's privacy settings hide the list from the viewer. */
  followers?: Maybe<UserConnection>;
  /** Null when the user's privacy settings hide the list from the viewer. */
  following?: Maybe<UserConnection>;
  followingCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** True while the user has a live connection on any instance. */
  online: Scalars['Boolean']['output'];
  /** The user's privacy settings; only the user themself can read them. */
  privacy?: Maybe<PrivacySettings>;
  /** Unread messages over all conversations. Only the user themself can read it. */
  unreadMessageCount?: Maybe<Scalars['Int']['output']>;
  /** Unread notifications. Only the user themself can read it. */
  unreadNotificationCount?: Maybe<Scalars['Int']['output']>;
  /** Unique, case-insensitive, 3-32 characters of letters, digits and underscores. */
  username: Scalars['String']['output'];
  /** The user's videos, newest first. */
  videos: VideoConnection;
};


/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type UserVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
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

/** Who may see a part of a user's home page. */
export type Visibility =
  | 'EVERYONE'
  | 'FOLLOWERS'
  | 'ONLY_ME';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, username: string, displayName: string, unreadMessageCount?: number | null } | null };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type MessageFieldsFragment = { __typename?: 'Message', id: string, seq: number, text?: string | null, recalled: boolean, clientMessageId?: string | null, createdAt: string, sender: { __typename?: 'User', id: string, displayName: string } };

export type MessageEventsSubscriptionVariables = Exact<{
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
}>;


export type MessageEventsSubscription = { __typename?: 'Subscription', messageEvents: { __typename?: 'MessageEvent', kind: MessageEventKind, conversationId: string, readSeq?: number | null, reader?: { __typename?: 'User', id: string } | null, message?: { __typename?: 'Message', id: string, seq: number, text?: string | null, recalled: boolean, clientMessageId?: string | null, createdAt: string, sender: { __typename?: 'User', id: string, displayName: string } } | null } };

export type AssistantHistoryQueryVariables = Exact<{ [key: string]: never; }>;


export type AssistantHistoryQuery = { __typename?: 'Query', assistantHistory: Array<{ __typename?: 'AssistantTurn', prompt: string, answer: string, createdAt: string }> };

export type AssistantAnswerSubscriptionVariables = Exact<{
  prompt: Scalars['String']['input'];
}>;


export type AssistantAnswerSubscription = { __typename?: 'Subscription', assistantAnswer: { __typename?: 'AssistantEvent', kind: AssistantEventKind, text?: string | null, fullText?: string | null, error?: string | null, code?: string | null, discardPartial?: boolean | null } };

export type ClearAssistantHistoryMutationVariables = Exact<{ [key: string]: never; }>;


export type ClearAssistantHistoryMutation = { __typename?: 'Mutation', clearAssistantHistory: boolean };

export type LoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', user: { __typename?: 'User', id: string } } };

export type RegisterMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
  displayName?: InputMaybe<Scalars['String']['input']>;
}>;


export type RegisterMutation = { __typename?: 'Mutation', register: { __typename?: 'AuthPayload', user: { __typename?: 'User', id: string } } };

export type ConversationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConversationsQuery = { __typename?: 'Query', conversations: { __typename?: 'ConversationConnection', edges: Array<{ __typename?: 'ConversationEdge', node: { __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, lastSeq: number, lastReadSeq: number, members: Array<{ __typename?: 'User', id: string, username: string, displayName: string }>, lastMessage?: { __typename?: 'Message', id: string, text?: string | null, recalled: boolean, sender: { __typename?: 'User', id: string, displayName: string } } | null } }> } };

export type HistoryQueryVariables = Exact<{
  conversationId: Scalars['ID']['input'];
  beforeSeq: Scalars['Int']['input'];
}>;


export type HistoryQuery = { __typename?: 'Query', messages: Array<{ __typename?: 'Message', id: string, seq: number, text?: string | null, recalled: boolean, clientMessageId?: string | null, createdAt: string, sender: { __typename?: 'User', id: string, displayName: string } }> };

export type SendMessageMutationVariables = Exact<{
  conversationId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  clientMessageId: Scalars['String']['input'];
}>;


export type SendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'Message', id: string, seq: number, text?: string | null, recalled: boolean, clientMessageId?: string | null, createdAt: string, sender: { __typename?: 'User', id: string, displayName: string } } };

export type MarkReadMutationVariables = Exact<{
  conversationId: Scalars['ID']['input'];
  seq: Scalars['Int']['input'];
}>;


export type MarkReadMutation = { __typename?: 'Mutation', markRead: { __typename?: 'Conversation', id: string, unreadCount: number } };

export type FindUserQueryVariables = Exact<{
  username: Scalars['String']['input'];
}>;


export type FindUserQuery = { __typename?: 'Query', userByUsername?: { __typename?: 'User', id: string } | null };

export type StartConversationMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type StartConversationMutation = { __typename?: 'Mutation', startConversation: { __typename?: 'Conversation', id: string } };

export type LatestVideosQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestVideosQuery = { __typename?: 'Query', videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, coverUrl?: string | null, durationMs?: number | null, viewCount: number, createdAt: string, uploader: { __typename?: 'User', id: string, displayName: string } } }> } };

export type SuggestQueryVariables = Exact<{
  prefix: Scalars['String']['input'];
}>;


export type SuggestQuery = { __typename?: 'Query', suggest: Array<{ __typename?: 'Suggestion', text: string, node?: { __typename: 'User', id: string, username: string } | { __typename: 'Video', id: string } | null }> };

export type SearchQueryVariables = Exact<{
  query: Scalars['String']['input'];
  page: Scalars['Int']['input'];
}>;


export type SearchQuery = { __typename?: 'Query', search: { __typename?: 'SearchResult', total: number, page: number, pageSize: number, hits: Array<{ __typename?: 'SearchHit', highlights: Array<{ __typename?: 'SearchHighlight', field: string, fragments: Array<string> }>, node?: { __typename: 'User', id: string, username: string, displayName: string } | { __typename: 'Video', id: string, title: string, coverUrl?: string | null, uploader: { __typename?: 'User', id: string, displayName: string } } | null }> } };

export type PublishVideoMutationVariables = Exact<{
  input: PublishVideoInput;
}>;


export type PublishVideoMutation = { __typename?: 'Mutation', publishVideo: { __typename?: 'Video', id: string } };

export type DanmakuFieldsFragment = { __typename?: 'Danmaku', id: string, text: string, timeMs: number, color: string, mode: DanmakuMode };

export type WatchQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WatchQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, playbackUrl: string, coverUrl?: string | null, viewCount: number, likeCount: number, likedByMe: boolean, commentCount: number, createdAt: string, uploader: { __typename?: 'User', id: string, displayName: string }, comments: { __typename?: 'CommentConnection', edges: Array<{ __typename?: 'CommentEdge', node: { __typename?: 'Comment', id: string, text: string, createdAt: string, author: { __typename?: 'User', id: string, displayName: string } } }> }, danmakus: Array<{ __typename?: 'Danmaku', id: string, text: string, timeMs: number, color: string, mode: DanmakuMode }> } | null };

export type LikeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LikeMutation = { __typename?: 'Mutation', likeVideo: { __typename?: 'Video', id: string, likeCount: number, likedByMe: boolean } };

export type UnlikeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UnlikeMutation = { __typename?: 'Mutation', unlikeVideo: { __typename?: 'Video', id: string, likeCount: number, likedByMe: boolean } };

export type AddCommentMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
}>;


export type AddCommentMutation = { __typename?: 'Mutation', addComment: { __typename?: 'Comment', id: string } };

export type SendDanmakuMutationVariables = Exact<{
  videoId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  timeMs: Scalars['Int']['input'];
}>;


export type SendDanmakuMutation = { __typename?: 'Mutation', sendDanmaku: { __typename?: 'Danmaku', id: string, text: string, timeMs: number, color: string, mode: DanmakuMode } };

export type DanmakuAddedSubscriptionVariables = Exact<{
  videoId: Scalars['ID']['input'];
}>;


export type DanmakuAddedSubscription = { __typename?: 'Subscription', danmakuAdded: { __typename?: 'Danmaku', id: string, text: string, timeMs: number, color: string, mode: DanmakuMode } };

export type UploadFieldsFragment = { __typename?: 'UploadSession', id: string, chunkSize: number, chunkCount: number, receivedChunks: Array<number>, status: UploadStatus, failure?: string | null, proofChallenge?: { __typename?: 'ProofChallenge', ranges: Array<{ __typename?: 'ByteRange', offset: number, length: number }> } | null };

export type InitUploadMutationVariables = Exact<{
  filename: Scalars['String']['input'];
  size: Scalars['Float']['input'];
  sha256: Scalars['String']['input'];
}>;


export type InitUploadMutation = { __typename?: 'Mutation', initUpload: { __typename?: 'InitUploadResult', upload: { __typename?: 'UploadSession', id: string, chunkSize: number, chunkCount: number, receivedChunks: Array<number>, status: UploadStatus, failure?: string | null, proofChallenge?: { __typename?: 'ProofChallenge', ranges: Array<{ __typename?: 'ByteRange', offset: number, length: number }> } | null } } };

export type UploadStatusQueryVariables = Exact<{
  uploadId: Scalars['ID']['input'];
}>;


export type UploadStatusQuery = { __typename?: 'Query', uploadStatus: { __typename?: 'UploadSession', id: string, chunkSize: number, chunkCount: number, receivedChunks: Array<number>, status: UploadStatus, failure?: string | null, proofChallenge?: { __typename?: 'ProofChallenge', ranges: Array<{ __typename?: 'ByteRange', offset: number, length: number }> } | null } };

export type ProveUploadMutationVariables = Exact<{
  uploadId: Scalars['ID']['input'];
  proofs: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type ProveUploadMutation = { __typename?: 'Mutation', proveUpload: { __typename?: 'UploadSession', id: string, chunkSize: number, chunkCount: number, receivedChunks: Array<number>, status: UploadStatus, failure?: string | null, proofChallenge?: { __typename?: 'ProofChallenge', ranges: Array<{ __typename?: 'ByteRange', offset: number, length: number }> } | null } };

export type UploadChunkMutationVariables = Exact<{
  uploadId: Scalars['ID']['input'];
  index: Scalars['Int']['input'];
  chunk: Scalars['Upload']['input'];
  checksum: Scalars['String']['input'];
}>;


export type UploadChunkMutation = { __typename?: 'Mutation', uploadChunk: { __typename?: 'ChunkReceipt', index: number, receivedCount: number, chunkCount: number } };

export type CompleteUploadMutationVariables = Exact<{
  uploadId: Scalars['ID']['input'];
}>;


export type CompleteUploadMutation = { __typename?: 'Mutation', completeUpload: { __typename?: 'UploadSession', id: string, chunkSize: number, chunkCount: number, receivedChunks: Array<number>, status: UploadStatus, failure?: string | null, proofChallenge?: { __typename?: 'ProofChallenge', ranges: Array<{ __typename?: 'ByteRange', offset: number, length: number }> } | null } };

export const MessageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const DanmakuFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<DanmakuFieldsFragment, unknown>;
export const UploadFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<UploadFieldsFragment, unknown>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"unreadMessageCount"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const MessageEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSeq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"readSeq"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<MessageEventsSubscription, MessageEventsSubscriptionVariables>;
export const AssistantHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssistantHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assistantHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"prompt"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<AssistantHistoryQuery, AssistantHistoryQueryVariables>;
export const AssistantAnswerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AssistantAnswer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assistantAnswer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prompt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"fullText"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"discardPartial"}}]}}]}}]} as unknown as DocumentNode<AssistantAnswerSubscription, AssistantAnswerSubscriptionVariables>;
export const ClearAssistantHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClearAssistantHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearAssistantHistory"}}]}}]} as unknown as DocumentNode<ClearAssistantHistoryMutation, ClearAssistantHistoryMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"delivery"},"value":{"kind":"EnumValue","value":"COOKIE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"displayName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}}},{"kind":"Argument","name":{"kind":"Name","value":"delivery"},"value":{"kind":"EnumValue","value":"COOKIE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"lastReadSeq"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const HistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"History"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"beforeSeq"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"beforeSeq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"beforeSeq"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<HistoryQuery, HistoryQueryVariables>;
export const SendMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientMessageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"clientMessageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientMessageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SendMessageMutation, SendMessageMutationVariables>;
export const MarkReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seq"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"seq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seq"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkReadMutation, MarkReadMutationVariables>;
export const FindUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userByUsername"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FindUserQuery, FindUserQueryVariables>;
export const StartConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startConversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<StartConversationMutation, StartConversationMutationVariables>;
export const LatestVideosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<LatestVideosQuery, LatestVideosQueryVariables>;
export const SuggestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Suggest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suggest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SuggestQuery, SuggestQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}},{"kind":"Argument","name":{"kind":"Name","value":"pageSize"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"pageSize"}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const PublishVideoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishVideoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<PublishVideoMutation, PublishVideoMutationVariables>;
export const WatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Watch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"playbackUrl"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"danmakus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<WatchQuery, WatchQueryVariables>;
export const LikeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Like"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}}]}}]}}]} as unknown as DocumentNode<LikeMutation, LikeMutationVariables>;
export const UnlikeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Unlike"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlikeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}}]}}]}}]} as unknown as DocumentNode<UnlikeMutation, UnlikeMutationVariables>;
export const AddCommentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const SendDanmakuDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendDanmaku"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeMs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendDanmaku"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeMs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeMs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<SendDanmakuMutation, SendDanmakuMutationVariables>;
export const DanmakuAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DanmakuAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"danmakuAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<DanmakuAddedSubscription, DanmakuAddedSubscriptionVariables>;
export const InitUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InitUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filename"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"size"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sha256"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filename"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filename"}}},{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"Variable","name":{"kind":"Name","value":"size"}}},{"kind":"Argument","name":{"kind":"Name","value":"sha256"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sha256"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<InitUploadMutation, InitUploadMutationVariables>;
export const UploadStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UploadStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<UploadStatusQuery, UploadStatusQueryVariables>;
export const ProveUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProveUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"proofs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proveUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}},{"kind":"Argument","name":{"kind":"Name","value":"proofs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"proofs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<ProveUploadMutation, ProveUploadMutationVariables>;
export const UploadChunkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadChunk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"index"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chunk"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"checksum"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadChunk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}},{"kind":"Argument","name":{"kind":"Name","value":"index"},"value":{"kind":"Variable","name":{"kind":"Name","value":"index"}}},{"kind":"Argument","name":{"kind":"Name","value":"chunk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chunk"}}},{"kind":"Argument","name":{"kind":"Name","value":"checksum"},"value":{"kind":"Variable","name":{"kind":"Name","value":"checksum"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCount"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}}]}}]}}]} as unknown as DocumentNode<UploadChunkMutation, UploadChunkMutationVariables>;
export const CompleteUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<CompleteUploadMutation, CompleteUploadMutationVariables>;