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
  /** An ISO-8601 date-time in UTC with milliseconds, e.g. 2026-11-26T06:00:00.000Z. */
  DateTime: { input: string; output: string; }
  /**
   * A file sent as a part of a GraphQL multipart request (the graphql-multipart-request
   * spec): send the variable as null and map a file part to it. At most 2 files per
   * request; a multipart request needs the `apollo-require-preflight: true` header.
   */
  Upload: { input: File; output: File; }
};

/** One event of a streamed assistant answer. */
export type AssistantEvent = {
  __typename?: 'AssistantEvent';
  /** ERROR: an ErrorCode value (RATE_LIMITED, UPSTREAM_UNAVAILABLE, ...), for programs. */
  code?: Maybe<Scalars['String']['output']>;
  /** ERROR: true when tokens were already sent and must be discarded. */
  discardPartial?: Maybe<Scalars['Boolean']['output']>;
  /** ERROR: what went wrong, for people. */
  error?: Maybe<Scalars['String']['output']>;
  /** DONE: the whole answer. */
  fullText?: Maybe<Scalars['String']['output']>;
  /** What the event carries; it says which fields are set. */
  kind: AssistantEventKind;
  /** TOKEN: the next piece of text. */
  text?: Maybe<Scalars['String']['output']>;
  /** DONE: tokens used, as reported by the provider (or estimated). */
  usage?: Maybe<AssistantUsage>;
};

/** What an assistant event carries. */
export type AssistantEventKind =
  /** The answer is complete: `fullText` and `usage`; the subscription then completes. */
  | 'DONE'
  /** The answer failed (`error`, `code`); with `discardPartial`, throw away the tokens received. The subscription then completes. */
  | 'ERROR'
  /** A piece of the answer, in order: append `text`. */
  | 'TOKEN';

/** A completed question and answer with the assistant. */
export type AssistantTurn = {
  __typename?: 'AssistantTurn';
  /** What the assistant answered, in full. */
  answer: Scalars['String']['output'];
  /** When the answer completed. */
  createdAt: Scalars['DateTime']['output'];
  /** What the viewer asked. */
  prompt: Scalars['String']['output'];
};

/** Tokens a model call used, as the provider counts them. */
export type AssistantUsage = {
  __typename?: 'AssistantUsage';
  /** Tokens of the answer. */
  completionTokens: Scalars['Int']['output'];
  /** Tokens of the prompt, history included. */
  promptTokens: Scalars['Int']['output'];
  /** promptTokens + completionTokens. */
  totalTokens: Scalars['Int']['output'];
};

/** A new session: the signed-in user and its tokens. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** The access JWT, valid for 30 minutes; send it as `Authorization: Bearer <token>`. Null with delivery COOKIE (it is in the `vh_access` cookie). */
  accessToken?: Maybe<Scalars['String']['output']>;
  /** When the access token expires (30 minutes from issue): refresh shortly before, or when a request answers UNAUTHENTICATED. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** The device the session is bound to (16-64 of letters, digits, `_` and `-`): keep it for good and send it as the `x-device-id` header on every request (delivery BODY) or as `deviceId` in graphql-ws connection params; browsers keep it in the `vh_device` cookie. The one sent with the request is kept when it is well-formed, else a new one is made. */
  deviceId: Scalars['String']['output'];
  /** The refresh token, valid for 7 days from this rotation, bound to `deviceId`. Its only use is refreshTokens, at most once a minute per login and device; each use replaces it. Null with delivery COOKIE (it is in the `vh_refresh` cookie). */
  refreshToken?: Maybe<Scalars['String']['output']>;
  /** When the refresh token expires unless used before (7 days from issue; every refresh starts 7 days again). */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  /** The signed-in user. */
  user: User;
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

/** A one-to-one or group conversation. Only its members can read it (others get NOT_FOUND, as if it did not exist). */
export type Conversation = {
  __typename?: 'Conversation';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque, stable id of the conversation; refetch with `conversation(id:)`. */
  id: Scalars['ID']['output'];
  /** Direct or group. */
  kind: ConversationKind;
  /** The newest message; null when there is none. */
  lastMessage?: Maybe<Message>;
  /** The viewer's read position: the highest seq marked read (0 when none). */
  lastReadSeq: Scalars['Int']['output'];
  /** The sequence number of the newest message (0 when empty). */
  lastSeq: Scalars['Int']['output'];
  /** Everyone in it, the viewer included (at most 200). */
  members: Array<User>;
  /** The group's owner (for a direct conversation, whoever started it). */
  owner: User;
  /** The group's title, 1-50 characters; null for a direct conversation. */
  title?: Maybe<Scalars['String']['output']>;
  /** Messages after the viewer's read position: lastSeq - lastReadSeq. */
  unreadCount: Scalars['Int']['output'];
  /** When its last message was sent or its title or members changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of conversations (Relay-style connection). */
export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  /** The conversations of this page, latest activity first. */
  edges: Array<ConversationEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One conversation in a list. */
export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  /** Opaque position of this edge; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The conversation. */
  node: Conversation;
};

/** What kind of conversation it is. */
export type ConversationKind =
  /** Between two users; one per pair, made by startConversation. */
  | 'DIRECT'
  /** A titled group with an owner and up to 200 members. */
  | 'GROUP';

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

/** What reindexDeadLetters did. */
export type DeadLetterRetry = {
  __typename?: 'DeadLetterRetry';
  /** Dead letters still refused, left in the stream. */
  remaining: Scalars['Int']['output'];
  /** Dead letters written to the index this time. */
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
  /** A unique value (a username) is taken, or the object changed state meanwhile (an upload already published or being completed, the stored copy behind an instant upload gone): read its state again and choose another value or path. */
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
  /** A JSON body over 1 MB (HTTP 413), a file over its limit (avatar 2 MB, cover 5 MB), or a video over VIDEO_MAX_BYTES (`extensions.maxBytes`). */
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

/** A file the assistant made, stored for the viewer. */
export type GeneratedFile = {
  __typename?: 'GeneratedFile';
  /** Its MIME type, e.g. image/png or application/vnd.openxmlformats-officedocument.presentationml.presentation. */
  contentType: Scalars['String']['output'];
  /** Its size in bytes. */
  size: Scalars['Int']['output'];
  /** A presigned URL of the file, valid for 24 hours. */
  url: Scalars['String']['output'];
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

/** A chat message; `seq` increases by one per message within its conversation. */
export type Message = {
  __typename?: 'Message';
  /** The sender's idempotency key, echoed back to the sender only (null for everyone else). */
  clientMessageId?: Maybe<Scalars['String']['output']>;
  /** The conversation it belongs to. */
  conversationId: Scalars['ID']['output'];
  /** When it was stored. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque id of the message (for recallMessage). */
  id: Scalars['ID']['output'];
  /** Whether its sender recalled it. */
  recalled: Scalars['Boolean']['output'];
  /** Who sent it. */
  sender: User;
  /** Its position in the conversation: 1 for the first message, then one more each time, without gaps. */
  seq: Scalars['Int']['output'];
  /** 1-2000 characters; null once recalled. */
  text?: Maybe<Scalars['String']['output']>;
};

/** Something that happened in one of the viewer's conversations. */
export type MessageEvent = {
  __typename?: 'MessageEvent';
  /** The conversation it happened in. */
  conversationId: Scalars['ID']['output'];
  /** What happened; it says which of the other fields are set. */
  kind: MessageEventKind;
  /** MESSAGE and RECALL: the message (recalled messages have no text). */
  message?: Maybe<Message>;
  /** READ: up to which sequence number the reader has read. */
  readSeq?: Maybe<Scalars['Int']['output']>;
  /** READ: who read. */
  reader?: Maybe<User>;
};

/** What a message event is about. */
export type MessageEventKind =
  /** A new message: `message` is set. */
  | 'MESSAGE'
  /** A member moved their read position: `reader` and `readSeq` are set. */
  | 'READ'
  /** A message was recalled: `message` is set, without its text. */
  | 'RECALL';

/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Gives up an UPLOADING upload (ABORTED) and deletes its chunks; true also when it was aborted already. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (not UPLOADING), NOT_FOUND, FORBIDDEN. */
  abortUpload: Scalars['Boolean']['output'];
  /** Writes a comment; a reply to a reply joins the root comment's thread. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: text`), NOT_FOUND (no such video, or no such comment on it). */
  addComment: Comment;
  /** Adds members to a group; members already in are ignored. Owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), FORBIDDEN (not the owner), BAD_USER_INPUT (a direct conversation; over 200 members). */
  addMembers: Conversation;
  /** Adds a video to a folder; idempotent. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder or video), FORBIDDEN. */
  addToFavourites: FavouriteFolder;
  /** Blocks a user: their direct messages to the viewer are refused (FORBIDDEN) and nothing is stored; groups are not affected. Idempotent. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (yourself). */
  blockUser: Scalars['Boolean']['output'];
  /**
   * Changes the password and signs out every session of the user, this one included
   * (sign in again with the new password); every device but this one must wait out
   * the per-username sign-in limit again. Signed in only (UNAUTHENTICATED). The
   * current password is checked under the sign-in limits.
   * Errors: UNAUTHENTICATED (wrong current password), RATE_LIMITED, BAD_USER_INPUT
   * (`field: password` for the new one).
   */
  changePassword: Scalars['Boolean']['output'];
  /** Forgets the viewer's assistant history in a thread; true. Signed in only (UNAUTHENTICATED). */
  clearAssistantHistory: Scalars['Boolean']['output'];
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
  /** Creates a group owned by the viewer. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: title`; more than 200 members; an empty or over-long id). */
  createGroup: Conversation;
  /** Deletes a comment with its replies, by its author or the video's uploader. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN. */
  deleteComment: Scalars['Boolean']['output'];
  /** Deletes a folder (not its videos). The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN. */
  deleteFavouriteFolder: Scalars['Boolean']['output'];
  /** Deletes a video with its comments, danmaku and likes; its bytes go when no other video or completed upload shares them. The uploader only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN (not the uploader). */
  deleteVideo: Scalars['Boolean']['output'];
  /** Follows a user; idempotent. Signed in only (UNAUTHENTICATED). Returns the followed user with its new counts. Errors: NOT_FOUND (no such user), BAD_USER_INPUT (yourself). */
  follow: User;
  /** An image from the provider's image model, stored for 24 hours. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: prompt`), LLM_NOT_CONFIGURED, RATE_LIMITED (every provider key busy for LLM_QUEUE_TIMEOUT_MS), UPSTREAM_UNAVAILABLE. */
  generateImage: GeneratedFile;
  /** A slide deck (.pptx) on a topic, outlined by the text model, stored for 24 hours. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: topic`), LLM_NOT_CONFIGURED, RATE_LIMITED, UPSTREAM_UNAVAILABLE. */
  generateSlides: GeneratedFile;
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
  /** Leaves a group; an owner who leaves hands the group to the longest-standing member. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), BAD_USER_INPUT (a direct conversation). */
  leaveGroup: Scalars['Boolean']['output'];
  /** Likes a video; idempotent (a second like changes nothing). Signed in only (UNAUTHENTICATED). Returns the video with its new likeCount. Errors: NOT_FOUND. */
  likeVideo: Video;
  /**
   * Signs in and starts a new session (a token family) bound to the device of
   * `x-device-id` (or a new one). Anyone may call it. Every attempt is counted before
   * the password is checked: 5 failures in a row for a username from one address block
   * that pair for 15 minutes (doubling for each further block within 24 hours, at most
   * 24 hours); 100 failures an hour per address; 50 failures a day per username from
   * devices that never signed in to it.
   * Errors: UNAUTHENTICATED (unknown user or wrong password, indistinguishable),
   * RATE_LIMITED (`retryAfterSeconds`).
   */
  login: AuthPayload;
  /** Ends this session (its whole token family: access tokens stop working at once) and clears the cookies. Anyone may call it; always true, also when there was no session. */
  logout: Scalars['Boolean']['output'];
  /** Marks the given notifications read, or all of them; returns how many changed. Ids that are not the viewer's are ignored. Signed in only (UNAUTHENTICATED). */
  markNotificationsRead: Scalars['Int']['output'];
  /** Marks everything up to `seq` read; the read position only moves forward (a lower seq changes nothing). Members receive a READ event when it moves. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), BAD_USER_INPUT (negative seq). */
  markRead: Conversation;
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
  /** Recalls a message: its text is removed from storage and members receive a RECALL event. By its sender, within CHAT_RECALL_WINDOW_SECONDS (120 by default) of sending. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN (not the sender), BAD_USER_INPUT (too late). */
  recallMessage: Message;
  /** Counts a view: once per viewer (signed in), device (`x-device-id`) or client address per video every 10 minutes; further calls change nothing. Anyone may call it. Returns the video with its counts. Errors: NOT_FOUND. */
  recordView: Video;
  /**
   * Rotates both tokens: the refresh token used is spent and a new pair returned.
   * Must be sent with the device id the session is bound to (`x-device-id`, or the
   * `vh_device` cookie). At most once every 60 seconds per login and device: a client must
   * run ONE refresh at a time and share its result between requests that failed
   * together. A refresh token used a second time signs the whole session out.
   * Anyone may call it.
   * Errors: UNAUTHENTICATED (no, expired, revoked or reused token, or another device:
   * sign in again), RATE_LIMITED (refreshed less than 60 s ago on this device;
   * `retryAfterSeconds`: keep using the current access token meanwhile).
   */
  refreshTokens: AuthPayload;
  /**
   * Creates an account and signs in on the device of `x-device-id` (or a new one).
   * Anyone may call it; it is not throttled like login.
   * Errors: BAD_USER_INPUT (`field`: username, password, displayName), CONFLICT (the
   * username is taken, whatever the case).
   */
  register: AuthPayload;
  /** Rebuilds the index from the user and video services while events keep flowing. Admins only: UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  reindex: ReindexResult;
  /** Retries the index writes that failed ten times (the dead-letter stream). Admins only: UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  reindexDeadLetters: DeadLetterRetry;
  /** Removes a video from a folder; idempotent. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder), FORBIDDEN. */
  removeFromFavourites: FavouriteFolder;
  /** Removes a member from a group. Owner only; the owner cannot remove themself (use leaveGroup). Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT. */
  removeMember: Conversation;
  /** Renames a group. Owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (`field: title`; a direct conversation). */
  renameGroup: Conversation;
  /**
   * Sends a danmaku; subscribers of `danmakuAdded` receive it at once. At most 5 per
   * user per 10 seconds (DANMAKU_PER_10_SECONDS). Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: text, timeMs, color), NOT_FOUND (no such video),
   * RATE_LIMITED (`retryAfterSeconds`).
   */
  sendDanmaku: Danmaku;
  /**
   * Sends a message. It is stored before it is delivered and gets the next seq of
   * its conversation. A retried send with the same `clientMessageId` returns the
   * stored message and never counts against the limit: always pass one and retry
   * with it after a network failure. At most 60 messages per user per minute
   * (CHAT_SEND_LIMIT_PER_MINUTE). Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: text, clientMessageId), NOT_FOUND (not a member),
   * FORBIDDEN (a direct conversation with someone who blocked the viewer),
   * RATE_LIMITED (`retryAfterSeconds`).
   */
  sendMessage: Message;
  /** The one-to-one conversation with a user: the same one every time (idempotent). Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (yourself), FORBIDDEN (that user blocked the viewer). */
  startConversation: Conversation;
  /** Unblocks a user; idempotent. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (yourself). */
  unblockUser: Scalars['Boolean']['output'];
  /** Stops following a user; idempotent. Signed in only (UNAUTHENTICATED). Returns that user with its new counts. Errors: NOT_FOUND (no such user). */
  unfollow: User;
  /** Takes back a like; idempotent. Signed in only (UNAUTHENTICATED). Returns the video with its new likeCount. Errors: NOT_FOUND. */
  unlikeVideo: Video;
  /** Renames a folder or changes its visibility; null arguments leave that part unchanged. The owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (`field: name`). */
  updateFavouriteFolder: FavouriteFolder;
  /** Changes who may see the viewer's follow lists and favourites. Signed in only (UNAUTHENTICATED). */
  updatePrivacy: PrivacySettings;
  /**
   * Changes the viewer's profile; with an avatar, send a multipart request. Signed
   * in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: displayName, bio, avatar; avatar and
   * removeAvatar together), PAYLOAD_TOO_LARGE (avatar over 2 MB).
   */
  updateProfile: User;
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
export type MutationAddMembersArgs = {
  conversationId: Scalars['ID']['input'];
  userIds: Array<Scalars['ID']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationAddToFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationBlockUserArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationClearAssistantHistoryArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
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
export type MutationCreateGroupArgs = {
  memberIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
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
export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationGenerateImageArgs = {
  prompt: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationGenerateSlidesArgs = {
  topic: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationInitUploadArgs = {
  chunkSize?: InputMaybe<Scalars['Int']['input']>;
  filename: Scalars['String']['input'];
  sha256: Scalars['String']['input'];
  size: Scalars['Float']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationLeaveGroupArgs = {
  conversationId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationLoginArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationMarkNotificationsReadArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationMarkReadArgs = {
  conversationId: Scalars['ID']['input'];
  seq: Scalars['Int']['input'];
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
export type MutationRecallMessageArgs = {
  messageId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRecordViewArgs = {
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRefreshTokensArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRegisterArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationReindexArgs = {
  wipe?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRemoveFromFavouritesArgs = {
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRemoveMemberArgs = {
  conversationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationRenameGroupArgs = {
  conversationId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
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
export type MutationSendMessageArgs = {
  clientMessageId?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationStartConversationArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUnblockUserArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
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
export type MutationUpdatePrivacyArgs = {
  input: PrivacySettingsInput;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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

/** A notification in the viewer's inbox, made from another service's event. Only its recipient sees it. */
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
  /** Opaque id of the notification (for markNotificationsRead). */
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
  /** Extra details as plain text: the video's title, or the comment's text; null when there are none. */
  text?: Maybe<Scalars['String']['output']>;
  /**
   * VIDEO_LIKED, COMMENT_ON_VIDEO, COMMENT_REPLY and NEW_VIDEO: the video. Null for
   * FOLLOW, and once the video is deleted (unless only its id is selected).
   */
  video?: Maybe<Video>;
};

/** A page of notifications (Relay-style connection). */
export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  /** The notifications of this page, newest first. */
  edges: Array<NotificationEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One notification in a list. */
export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  /** Opaque position of this edge; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The notification. */
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

/** Who may see the parts of a user's home page. New accounts start with EVERYONE for both. */
export type PrivacySettings = {
  __typename?: 'PrivacySettings';
  /** Who may see the user's favourite folders (`User.favouriteFolders`); private folders are never shown to others. */
  favourites: Visibility;
  /** Who may see `User.followers` and `User.following` (the counts stay public). */
  follows: Visibility;
};

/** Changes to the viewer's privacy settings; fields left null stay as they are. */
export type PrivacySettingsInput = {
  /** Who may see the viewer's favourite folders. */
  favourites?: InputMaybe<Visibility>;
  /** Who may see the viewer's follow lists. */
  follows?: InputMaybe<Visibility>;
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
  /** The viewer's recent assistant turns in a thread (the conversationId given to assistantAnswer, or the default thread), oldest first. Signed in only (UNAUTHENTICATED). */
  assistantHistory: Array<AssistantTurn>;
  /** Users the viewer has blocked. Signed in only (UNAUTHENTICATED). */
  blockedUsers: Array<User>;
  /** One of the viewer's conversations. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such conversation, or the viewer is not a member). */
  conversation?: Maybe<Conversation>;
  /** The viewer's conversations, latest activity first, with last message and unread count. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  conversations: ConversationConnection;
  /** A video's danmaku whose time offset is in [fromMs, toMs), in playback order. Anyone may ask. Errors: NOT_FOUND (no such video), BAD_USER_INPUT (fromMs > toMs, negative fromMs, first outside 1-5000). */
  danmakus: Array<Danmaku>;
  /** One of the viewer's own folders (others' folders are read through `User.favouriteFolders`). Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such folder of the viewer's). */
  favouriteFolder?: Maybe<FavouriteFolder>;
  /** The signed-in user, or null for an anonymous visitor. Anyone may ask. */
  me?: Maybe<User>;
  /**
   * Messages of a conversation the viewer belongs to, in ascending seq order: the
   * oldest `first` after `afterSeq` (from the start when null), or with only
   * `beforeSeq` the newest `first` before it. Use it to
   * fill the history and, with `afterSeq`, to catch up. Signed in only
   * (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), BAD_USER_INPUT (first
   * outside 1-200).
   */
  messages: Array<Message>;
  /** The viewer's notifications, newest first. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  notifications: NotificationConnection;
  /** Videos related to a video (shared tags, same uploader, similar text), or popular videos of the last 30 days (then of all time) without one or when none is related; never the video itself. Anyone may ask. Errors: BAD_USER_INPUT (first outside 1-50). */
  recommendedVideos: Array<Maybe<Video>>;
  /** Videos and users matching `query` (typos tolerated, field boosts), best first, with highlighted fragments. Anyone may ask. Errors: BAD_USER_INPUT (empty or too long query, page < 1, pageSize outside 1-50, page × pageSize over 10,000). */
  search: SearchResult;
  /** The state of the index sync. Admins only (ADMIN_USERNAMES): UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  searchSyncStatus: SearchSyncStatus;
  /** Completions of video titles, tags and usernames that start like `prefix`, most popular first. Anyone may ask. Errors: BAD_USER_INPUT (empty or over 200 characters, first outside 1-20). */
  suggest: Array<Suggestion>;
  /** The state of one of the viewer's uploads: what a resuming client calls to learn which chunks to send. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (no such upload), FORBIDDEN (someone else's). */
  uploadStatus: UploadSession;
  /** A user by id, or null when there is none. Anyone may ask. */
  user?: Maybe<User>;
  /** A user by username, matched whatever the case, or null when there is none. Anyone may ask. */
  userByUsername?: Maybe<User>;
  /** A video by id, or null when there is none (or it was deleted). Anyone may ask. */
  video?: Maybe<Video>;
  /** Published videos, newest first; optionally only one uploader's. Anyone may ask. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  videos: VideoConnection;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryAssistantHistoryArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryDanmakusArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  fromMs?: InputMaybe<Scalars['Int']['input']>;
  toMs?: InputMaybe<Scalars['Int']['input']>;
  videoId: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryFavouriteFolderArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryMessagesArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  beforeSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryRecommendedVideosArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  videoId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QuerySearchArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  pageSize?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  type?: InputMaybe<SearchType>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QuerySuggestArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  prefix: Scalars['String']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUploadStatusArgs = {
  uploadId: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
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

/** What reindex did. */
export type ReindexResult = {
  __typename?: 'ReindexResult';
  /** False when a reindex was already running (nothing new started). */
  started: Scalars['Boolean']['output'];
  /** Users exported to the index by this rebuild. */
  users: Scalars['Int']['output'];
  /** Videos exported to the index by this rebuild. */
  videos: Scalars['Int']['output'];
};

/** Fragments of a matched field with the matched terms wrapped in <em>; the rest of the text is HTML-escaped, so it can be inserted as HTML. */
export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  /** The indexed field that matched: title, description, tags, uploaderName, username, displayName or bio. */
  field: Scalars['String']['output'];
  /** Pieces of that field around the matches. */
  fragments: Array<Scalars['String']['output']>;
};

/** One search result. */
export type SearchHit = {
  __typename?: 'SearchHit';
  /** Where the query matched. */
  highlights: Array<SearchHighlight>;
  /** The video or user. Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  /** Relevance: higher is better; only comparable within one result. */
  score: Scalars['Float']['output'];
};

/** A search result: select any Video or User field, whichever subgraph owns it. */
export type SearchNode = User | Video;

/** A page of search results (page-numbered, unlike the cursor-paginated lists). */
export type SearchResult = {
  __typename?: 'SearchResult';
  /** The hits of this page, best first. */
  hits: Array<SearchHit>;
  /** This page's number, from 1. */
  page: Scalars['Int']['output'];
  /** Hits per page asked for. */
  pageSize: Scalars['Int']['output'];
  /** How many items match in all (pages past 10,000 results cannot be read). */
  total: Scalars['Int']['output'];
};

/** The state of the index sync pipeline (admins only). */
export type SearchSyncStatus = {
  __typename?: 'SearchSyncStatus';
  /** Events moved to the dead-letter stream after 10 refused writes, since this instance started. */
  deadLettered: Scalars['Int']['output'];
  /** When the last full rebuild of the index finished (ISO-8601); null before the first. */
  fullSyncDoneAt?: Maybe<Scalars['String']['output']>;
  /** Users in the index. */
  indexedUsers: Scalars['Int']['output'];
  /** Videos in the index. */
  indexedVideos: Scalars['Int']['output'];
  /** Event time to searchable time, median over the latest events, in ms; null without samples. */
  lagP50Ms?: Maybe<Scalars['Float']['output']>;
  /** Event time to searchable time, 99th percentile over the latest events, in ms; null without samples. */
  lagP99Ms?: Maybe<Scalars['Float']['output']>;
  /** Whether the instance that answered runs the sync consumer. */
  leader: Scalars['Boolean']['output'];
  /** Entries waiting in the `search:{sync}:dead-letters` stream (retry them with reindexDeadLetters). */
  pendingDeadLetters: Scalars['Int']['output'];
  /** Events applied to the index since this instance started. */
  processedEvents: Scalars['Int']['output'];
};

/** Which kinds of things a search returns. */
export type SearchType =
  /** Videos and users, ranked together. */
  | 'ALL'
  /** Users only (username, display name, bio). */
  | 'USER'
  /** Videos only (title, description, tags, uploader's name). */
  | 'VIDEO';

/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The assistant's answer, token by token, then DONE (or ERROR). The last turns of
   * the thread (ASSISTANT_HISTORY_TURNS, at most 12,000 characters) go with the
   * prompt; the turn is stored when it completes. Stop the subscription to cancel
   * the answer. The subscription starts the answer and is its only listener, so
   * it has no resume cursor: no token exists before it. A dropped connection
   * cancels the answer and nothing is stored, unless it had completed (its DONE
   * lost on the way): look for the turn in `assistantHistory`, else ask again. Signed in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field: prompt`), LLM_NOT_CONFIGURED, RATE_LIMITED
   * (every provider key busy), UPSTREAM_UNAVAILABLE.
   */
  assistantAnswer: AssistantEvent;
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
  /**
   * New messages, recalls and read receipts in the viewer's conversations (one, or
   * all). With `conversationId` and `afterSeq`, first replays what was stored
   * after that sequence number, then what the cursor cannot order: a RECALL for
   * each message at or below `afterSeq` that is recalled and was sent within the
   * recall window (CHAT_RECALL_WINDOW_SECONDS) before message `afterSeq`, and a
   * READ with every member's current read position (when above 0); then continues
   * live with no gap and no duplicate (a live read position is sent only when it
   * moves past the one sent). Recalls and read positions are state: apply them
   * idempotently. Without `afterSeq` it starts after the current last message and
   * replays nothing. Messages of a conversation always arrive in sequence order.
   * Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member),
   * BAD_USER_INPUT (afterSeq without conversationId, or negative); an
   * UPSTREAM_UNAVAILABLE event ends it when the chat service restarts: subscribe
   * again with `afterSeq`.
   */
  messageEvents: MessageEvent;
  /**
   * The viewer's new notifications, as they are created. With `afterId`, first
   * replays the notifications stored after that one, oldest first, then continues
   * live with no gap and no duplicate. Notification ids grow with creation time,
   * so pass the newest id the client has: the first edge of a `notifications`
   * query, or the last notification received; when the inbox was empty, the nil
   * UUID 00000000-0000-0000-0000-000000000000. Without `afterId`, nothing is
   * replayed. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field:
   * afterId`, not an id).
   */
  notificationAdded: Notification;
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionAssistantAnswerArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  prompt: Scalars['String']['input'];
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionDanmakuAddedArgs = {
  afterId?: InputMaybe<Scalars['ID']['input']>;
  videoId: Scalars['ID']['input'];
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionMessageEventsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionNotificationAddedArgs = {
  afterId?: InputMaybe<Scalars['ID']['input']>;
};

/** A completion for what the user is typing. */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** The video (for a title or tag) or user (for a username) it comes from. Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  /** The completed text: a video title, a tag or a username. */
  text: Scalars['String']['output'];
};

/** How the session tokens reach the client. */
export type TokenDelivery =
  /** In the payload (apps, scripts): send the access token as `Authorization: Bearer` and the device id as `x-device-id`. */
  | 'BODY'
  /** HTTP-only cookies set by the gateway (browsers): `vh_access`, `vh_refresh` and `vh_device`; the payload's token fields are null. */
  | 'COOKIE';

/** Changes to the viewer's profile; fields left null stay as they are. */
export type UpdateProfileInput = {
  /** A new avatar as a multipart file: PNG, JPEG, GIF or WebP (recognised by content, not name), at most 2 MB (2,097,152 bytes). The old image is deleted. */
  avatar?: InputMaybe<Scalars['Upload']['input']>;
  /** Up to 500 characters; an empty string clears it. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** 1-40 characters after trimming. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** True removes the current avatar. Not together with `avatar` (BAD_USER_INPUT). */
  removeAvatar?: InputMaybe<Scalars['Boolean']['input']>;
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
  /** A presigned URL of the avatar image (PNG, JPEG, GIF or WebP), valid for 24 hours and different on every request; null without an avatar. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** Free text up to 500 characters; empty when not set. */
  bio: Scalars['String']['output'];
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The name shown in the interface, 1-40 characters; the username unless set at sign-up or by updateProfile. */
  displayName: Scalars['String']['output'];
  /** The user's favourite folders (at most 50) the viewer may see: all of them for the owner; for others the public ones when the owner's `privacy.favourites` allows, else null. */
  favouriteFolders?: Maybe<Array<FavouriteFolder>>;
  /** Whether the viewer may see this user's favourite folders under the owner's `privacy.favourites` (always true for the owner). */
  favouritesVisibleToViewer: Scalars['Boolean']['output'];
  /** Whether the viewer follows this user: false for anonymous viewers and for the viewer themself. */
  followedByMe: Scalars['Boolean']['output'];
  /** How many users follow this user; exact (it changes in the same transaction as the follow). */
  followerCount: Scalars['Int']['output'];
  /** Who follows this user, newest follow first. Null (not an error) when the owner's `privacy.follows` hides it from the viewer. Errors: BAD_USER_INPUT (first outside 1-100, a cursor not from this list). */
  followers?: Maybe<UserConnection>;
  /** Whom this user follows, newest follow first. Null (not an error) when the owner's `privacy.follows` hides it from the viewer. Errors: BAD_USER_INPUT (first outside 1-100, a cursor not from this list). */
  following?: Maybe<UserConnection>;
  /** How many users this user follows; exact. */
  followingCount: Scalars['Int']['output'];
  /** Opaque, stable id of the user; refetch with `user(id:)`. Never changes, unlike `username`'s case. */
  id: Scalars['ID']['output'];
  /** True while the user has a subscription open on any instance (it lapses 45 s after the last one closes or its instance dies); public; false while Redis is away. */
  online: Scalars['Boolean']['output'];
  /** The user's privacy settings. Only the user themself can read them: anyone else gets null with a FORBIDDEN error. */
  privacy?: Maybe<PrivacySettings>;
  /** Unread messages over all the user's conversations. Only the user themself can read it: anyone else gets null with a FORBIDDEN error. */
  unreadMessageCount?: Maybe<Scalars['Int']['output']>;
  /** Unread notifications. Only the user themself can read it: anyone else gets null with a FORBIDDEN error. */
  unreadNotificationCount?: Maybe<Scalars['Int']['output']>;
  /** Unique whatever the case, 3-32 characters of letters, digits and underscores, as the user typed it at sign-up. */
  username: Scalars['String']['output'];
  /** The user's published videos, newest first; public. Errors: BAD_USER_INPUT (first outside 1-100, a bad cursor). */
  videos: VideoConnection;
};


/**
 * A registered account. Profile fields are public and readable by anyone, signed in
 * or not; `privacy` is the owner's alone and the follow lists and favourites follow
 * the owner's privacy settings.
 */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A registered account. Profile fields are public and readable by anyone, signed in
 * or not; `privacy` is the owner's alone and the follow lists and favourites follow
 * the owner's privacy settings.
 */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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

/** A page of users (Relay-style connection). */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users of this page, in the list's order. */
  edges: Array<UserEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** One user in a follow list. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Opaque position of this edge; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: User;
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

/** Who may see a part of a user's home page (their follow lists, their favourites). The owner always sees everything. */
export type Visibility =
  /** Anyone, signed in or not. */
  | 'EVERYONE'
  /** Signed-in users who follow the owner. */
  | 'FOLLOWERS'
  /** The owner alone. */
  | 'ONLY_ME';

export type NotificationFieldsFragment = { __typename?: 'Notification', id: string, kind: NotificationKind, read: boolean, text?: string | null, createdAt: string, actor?: { __typename?: 'User', id: string, displayName: string } | null, video?: { __typename?: 'Video', id: string } | null };

export type InboxQueryVariables = Exact<{ [key: string]: never; }>;


export type InboxQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, unreadNotificationCount?: number | null } | null, notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: NotificationKind, read: boolean, text?: string | null, createdAt: string, actor?: { __typename?: 'User', id: string, displayName: string } | null, video?: { __typename?: 'Video', id: string } | null } }> } };

export type NotificationAddedSubscriptionVariables = Exact<{
  afterId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type NotificationAddedSubscription = { __typename?: 'Subscription', notificationAdded: { __typename?: 'Notification', id: string, kind: NotificationKind, read: boolean, text?: string | null, createdAt: string, actor?: { __typename?: 'User', id: string, displayName: string } | null, video?: { __typename?: 'Video', id: string } | null } };

export type MarkNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: number };

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

export type GenerateImageMutationVariables = Exact<{
  prompt: Scalars['String']['input'];
}>;


export type GenerateImageMutation = { __typename?: 'Mutation', generateImage: { __typename?: 'GeneratedFile', url: string, contentType: string, size: number } };

export type GenerateSlidesMutationVariables = Exact<{
  topic: Scalars['String']['input'];
}>;


export type GenerateSlidesMutation = { __typename?: 'Mutation', generateSlides: { __typename?: 'GeneratedFile', url: string, contentType: string, size: number } };

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

export type MyFavouritesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFavouritesQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, favouriteFolders?: Array<{ __typename?: 'FavouriteFolder', id: string, name: string, isPublic: boolean, videoCount: number, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, coverUrl?: string | null, durationMs?: number | null, uploader: { __typename?: 'User', id: string, displayName: string } } }> } }> | null } | null };

export type CreateFavouriteFolderMutationVariables = Exact<{
  name: Scalars['String']['input'];
  isPublic: Scalars['Boolean']['input'];
}>;


export type CreateFavouriteFolderMutation = { __typename?: 'Mutation', createFavouriteFolder: { __typename?: 'FavouriteFolder', id: string, name: string, isPublic: boolean, videoCount: number } };

export type RemoveFromFavouritesMutationVariables = Exact<{
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
}>;


export type RemoveFromFavouritesMutation = { __typename?: 'Mutation', removeFromFavourites: { __typename?: 'FavouriteFolder', id: string, videoCount: number } };

export type LatestVideosQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type LatestVideosQuery = { __typename?: 'Query', videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string, coverUrl?: string | null, durationMs?: number | null, viewCount: number, createdAt: string, uploader: { __typename?: 'User', id: string, displayName: string } } }> } };

export type ProfileQueryVariables = Exact<{
  username: Scalars['String']['input'];
}>;


export type ProfileQuery = { __typename?: 'Query', userByUsername?: { __typename?: 'User', id: string, username: string, displayName: string, bio: string, avatarUrl?: string | null, followerCount: number, followingCount: number, followedByMe: boolean, followers?: { __typename?: 'UserConnection', edges: Array<{ __typename?: 'UserEdge', node: { __typename?: 'User', id: string, username: string, displayName: string } }> } | null, favouriteFolders?: Array<{ __typename?: 'FavouriteFolder', id: string, name: string, videoCount: number }> | null, videos: { __typename?: 'VideoConnection', edges: Array<{ __typename?: 'VideoEdge', node: { __typename?: 'Video', id: string, title: string } }> } } | null };

export type MyPrivacyQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPrivacyQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, privacy?: { __typename?: 'PrivacySettings', favourites: Visibility, follows: Visibility } | null } | null };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { __typename?: 'Mutation', updateProfile: { __typename?: 'User', id: string, displayName: string, bio: string, avatarUrl?: string | null } };

export type UpdatePrivacyMutationVariables = Exact<{
  input: PrivacySettingsInput;
}>;


export type UpdatePrivacyMutation = { __typename?: 'Mutation', updatePrivacy: { __typename?: 'PrivacySettings', favourites: Visibility, follows: Visibility } };

export type FollowMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type FollowMutation = { __typename?: 'Mutation', follow: { __typename?: 'User', id: string, followerCount: number, followedByMe: boolean } };

export type UnfollowMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnfollowMutation = { __typename?: 'Mutation', unfollow: { __typename?: 'User', id: string, followerCount: number, followedByMe: boolean } };

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


export type WatchQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, title: string, description: string, tags: Array<string>, playbackUrl: string, coverUrl?: string | null, viewCount: number, likeCount: number, likedByMe: boolean, commentCount: number, createdAt: string, uploader: { __typename?: 'User', id: string, username: string, displayName: string }, comments: { __typename?: 'CommentConnection', edges: Array<{ __typename?: 'CommentEdge', node: { __typename?: 'Comment', id: string, text: string, createdAt: string, author: { __typename?: 'User', id: string, displayName: string } } }> }, danmakus: Array<{ __typename?: 'Danmaku', id: string, text: string, timeMs: number, color: string, mode: DanmakuMode }> } | null };

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

export type MyFoldersQueryVariables = Exact<{ [key: string]: never; }>;


export type MyFoldersQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, favouriteFolders?: Array<{ __typename?: 'FavouriteFolder', id: string, name: string, videoCount: number }> | null } | null };

export type NewFolderMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type NewFolderMutation = { __typename?: 'Mutation', createFavouriteFolder: { __typename?: 'FavouriteFolder', id: string, name: string, videoCount: number } };

export type AddToFavouritesMutationVariables = Exact<{
  folderId: Scalars['ID']['input'];
  videoId: Scalars['ID']['input'];
}>;


export type AddToFavouritesMutation = { __typename?: 'Mutation', addToFavourites: { __typename?: 'FavouriteFolder', id: string, name: string, videoCount: number } };

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

export type RecallMessageMutationVariables = Exact<{
  messageId: Scalars['ID']['input'];
}>;


export type RecallMessageMutation = { __typename?: 'Mutation', recallMessage: { __typename?: 'Message', id: string, seq: number, text?: string | null, recalled: boolean, clientMessageId?: string | null, createdAt: string, sender: { __typename?: 'User', id: string, displayName: string } } };

export type BlockedUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type BlockedUsersQuery = { __typename?: 'Query', blockedUsers: Array<{ __typename?: 'User', id: string }> };

export type BlockUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type BlockUserMutation = { __typename?: 'Mutation', blockUser: boolean };

export type UnblockUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnblockUserMutation = { __typename?: 'Mutation', unblockUser: boolean };

export type FindUserQueryVariables = Exact<{
  username: Scalars['String']['input'];
}>;


export type FindUserQuery = { __typename?: 'Query', userByUsername?: { __typename?: 'User', id: string } | null };

export type StartConversationMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type StartConversationMutation = { __typename?: 'Mutation', startConversation: { __typename?: 'Conversation', id: string } };

export type CreateGroupMutationVariables = Exact<{
  title: Scalars['String']['input'];
  memberIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type CreateGroupMutation = { __typename?: 'Mutation', createGroup: { __typename?: 'Conversation', id: string } };

export type ConversationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConversationsQuery = { __typename?: 'Query', conversations: { __typename?: 'ConversationConnection', edges: Array<{ __typename?: 'ConversationEdge', node: { __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, lastSeq: number, lastReadSeq: number, members: Array<{ __typename?: 'User', id: string, username: string, displayName: string }>, lastMessage?: { __typename?: 'Message', id: string, text?: string | null, recalled: boolean, sender: { __typename?: 'User', id: string, displayName: string } } | null } }> } };

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

export const NotificationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NotificationFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const DanmakuFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<DanmakuFieldsFragment, unknown>;
export const UploadFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<UploadFieldsFragment, unknown>;
export const InboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Inbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<InboxQuery, InboxQueryVariables>;
export const NotificationAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"afterId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const MarkNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"}}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"unreadMessageCount"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const MessageEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSeq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSeq"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"readSeq"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"message"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<MessageEventsSubscription, MessageEventsSubscriptionVariables>;
export const AssistantHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssistantHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assistantHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"prompt"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<AssistantHistoryQuery, AssistantHistoryQueryVariables>;
export const AssistantAnswerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AssistantAnswer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assistantAnswer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prompt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"fullText"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"discardPartial"}}]}}]}}]} as unknown as DocumentNode<AssistantAnswerSubscription, AssistantAnswerSubscriptionVariables>;
export const ClearAssistantHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClearAssistantHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearAssistantHistory"}}]}}]} as unknown as DocumentNode<ClearAssistantHistoryMutation, ClearAssistantHistoryMutationVariables>;
export const GenerateImageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateImage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateImage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prompt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prompt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<GenerateImageMutation, GenerateImageMutationVariables>;
export const GenerateSlidesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateSlides"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"topic"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateSlides"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"topic"},"value":{"kind":"Variable","name":{"kind":"Name","value":"topic"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<GenerateSlidesMutation, GenerateSlidesMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"delivery"},"value":{"kind":"EnumValue","value":"COOKIE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"displayName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"displayName"}}},{"kind":"Argument","name":{"kind":"Name","value":"delivery"},"value":{"kind":"EnumValue","value":"COOKIE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const MyFavouritesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFavourites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"favouriteFolders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isPublic"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyFavouritesQuery, MyFavouritesQueryVariables>;
export const CreateFavouriteFolderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFavouriteFolder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"isPublic"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFavouriteFolder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"isPublic"},"value":{"kind":"Variable","name":{"kind":"Name","value":"isPublic"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isPublic"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}}]}}]} as unknown as DocumentNode<CreateFavouriteFolderMutation, CreateFavouriteFolderMutationVariables>;
export const RemoveFromFavouritesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveFromFavourites"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeFromFavourites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"folderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}}]}}]} as unknown as DocumentNode<RemoveFromFavouritesMutation, RemoveFromFavouritesMutationVariables>;
export const LatestVideosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<LatestVideosQuery, LatestVideosQueryVariables>;
export const ProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Profile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userByUsername"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followingCount"}},{"kind":"Field","name":{"kind":"Name","value":"followedByMe"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"favouriteFolders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProfileQuery, ProfileQueryVariables>;
export const MyPrivacyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyPrivacy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"privacy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favourites"}},{"kind":"Field","name":{"kind":"Name","value":"follows"}}]}}]}}]}}]} as unknown as DocumentNode<MyPrivacyQuery, MyPrivacyQueryVariables>;
export const UpdateProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}}]}}]}}]} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const UpdatePrivacyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePrivacy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PrivacySettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePrivacy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favourites"}},{"kind":"Field","name":{"kind":"Name","value":"follows"}}]}}]}}]} as unknown as DocumentNode<UpdatePrivacyMutation, UpdatePrivacyMutationVariables>;
export const FollowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Follow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"follow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followedByMe"}}]}}]}}]} as unknown as DocumentNode<FollowMutation, FollowMutationVariables>;
export const UnfollowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Unfollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfollow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followerCount"}},{"kind":"Field","name":{"kind":"Name","value":"followedByMe"}}]}}]}}]} as unknown as DocumentNode<UnfollowMutation, UnfollowMutationVariables>;
export const SuggestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Suggest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suggest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SuggestQuery, SuggestQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}},{"kind":"Argument","name":{"kind":"Name","value":"pageSize"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"pageSize"}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const PublishVideoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishVideoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<PublishVideoMutation, PublishVideoMutationVariables>;
export const WatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Watch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"playbackUrl"}},{"kind":"Field","name":{"kind":"Name","value":"coverUrl"}},{"kind":"Field","name":{"kind":"Name","value":"viewCount"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"danmakus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<WatchQuery, WatchQueryVariables>;
export const LikeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Like"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}}]}}]}}]} as unknown as DocumentNode<LikeMutation, LikeMutationVariables>;
export const UnlikeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Unlike"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlikeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"likedByMe"}}]}}]}}]} as unknown as DocumentNode<UnlikeMutation, UnlikeMutationVariables>;
export const AddCommentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const SendDanmakuDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendDanmaku"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeMs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendDanmaku"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeMs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeMs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<SendDanmakuMutation, SendDanmakuMutationVariables>;
export const DanmakuAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DanmakuAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"danmakuAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DanmakuFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DanmakuFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Danmaku"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"timeMs"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]} as unknown as DocumentNode<DanmakuAddedSubscription, DanmakuAddedSubscriptionVariables>;
export const MyFoldersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFolders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"favouriteFolders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}}]}}]}}]} as unknown as DocumentNode<MyFoldersQuery, MyFoldersQueryVariables>;
export const NewFolderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewFolder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFavouriteFolder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}}]}}]} as unknown as DocumentNode<NewFolderMutation, NewFolderMutationVariables>;
export const AddToFavouritesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToFavourites"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToFavourites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"folderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"videoId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"videoCount"}}]}}]}}]} as unknown as DocumentNode<AddToFavouritesMutation, AddToFavouritesMutationVariables>;
export const HistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"History"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"beforeSeq"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"beforeSeq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"beforeSeq"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<HistoryQuery, HistoryQueryVariables>;
export const SendMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientMessageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"clientMessageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientMessageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SendMessageMutation, SendMessageMutationVariables>;
export const MarkReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seq"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"seq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seq"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkReadMutation, MarkReadMutationVariables>;
export const RecallMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecallMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recallMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"messageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<RecallMessageMutation, RecallMessageMutationVariables>;
export const BlockedUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BlockedUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockedUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<BlockedUsersQuery, BlockedUsersQueryVariables>;
export const BlockUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BlockUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<BlockUserMutation, BlockUserMutationVariables>;
export const UnblockUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnblockUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unblockUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}]}}]} as unknown as DocumentNode<UnblockUserMutation, UnblockUserMutationVariables>;
export const FindUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userByUsername"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FindUserQuery, FindUserQueryVariables>;
export const StartConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startConversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<StartConversationMutation, StartConversationMutationVariables>;
export const CreateGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"title"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"memberIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"title"},"value":{"kind":"Variable","name":{"kind":"Name","value":"title"}}},{"kind":"Argument","name":{"kind":"Name","value":"memberIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"memberIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateGroupMutation, CreateGroupMutationVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeq"}},{"kind":"Field","name":{"kind":"Name","value":"lastReadSeq"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"recalled"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const InitUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InitUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filename"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"size"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sha256"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filename"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filename"}}},{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"Variable","name":{"kind":"Name","value":"size"}}},{"kind":"Argument","name":{"kind":"Name","value":"sha256"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sha256"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<InitUploadMutation, InitUploadMutationVariables>;
export const UploadStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UploadStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<UploadStatusQuery, UploadStatusQueryVariables>;
export const ProveUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProveUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"proofs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proveUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}},{"kind":"Argument","name":{"kind":"Name","value":"proofs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"proofs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<ProveUploadMutation, ProveUploadMutationVariables>;
export const UploadChunkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadChunk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"index"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"chunk"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"checksum"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadChunk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}},{"kind":"Argument","name":{"kind":"Name","value":"index"},"value":{"kind":"Variable","name":{"kind":"Name","value":"index"}}},{"kind":"Argument","name":{"kind":"Name","value":"chunk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"chunk"}}},{"kind":"Argument","name":{"kind":"Name","value":"checksum"},"value":{"kind":"Variable","name":{"kind":"Name","value":"checksum"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCount"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}}]}}]}}]} as unknown as DocumentNode<UploadChunkMutation, UploadChunkMutationVariables>;
export const CompleteUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uploadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uploadId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UploadFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UploadFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UploadSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"chunkSize"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"receivedChunks"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}},{"kind":"Field","name":{"kind":"Name","value":"proofChallenge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}}]}}]}}]}}]} as unknown as DocumentNode<CompleteUploadMutation, CompleteUploadMutationVariables>;