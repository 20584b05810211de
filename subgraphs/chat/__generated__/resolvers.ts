import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ConversationRecord } from '../store/conversations.js';
import type { MessageRecord } from '../store/messages.js';
import type { MessageEventModel } from '../messageEvents.js';
import type { AssistantEventModel } from '../assistant.js';
import type { NotificationRecord } from '../store/notifications.js';
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
  /** An ISO-8601 date-time in UTC with milliseconds, e.g. 2026-11-26T06:00:00.000Z. */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: any; output: any; }
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

/** A comment on a video, readable by anyone; other subgraphs refer to it by id (notifications link to it). */
export type Comment = {
  __typename?: 'Comment';
  /** Opaque, stable id of the comment (pass it as `parentId` to reply). */
  id: Scalars['ID']['output'];
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
  /** Adds members to a group; members already in are ignored. Owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), FORBIDDEN (not the owner), BAD_USER_INPUT (a direct conversation; over 200 members). */
  addMembers: Conversation;
  /** Blocks a user: their direct messages to the viewer are refused (FORBIDDEN) and nothing is stored; groups are not affected. Idempotent. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (yourself). */
  blockUser: Scalars['Boolean']['output'];
  /** Forgets the viewer's assistant history in a thread; true. Signed in only (UNAUTHENTICATED). */
  clearAssistantHistory: Scalars['Boolean']['output'];
  /** Creates a group owned by the viewer. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: title`; more than 200 members; an empty or over-long id). */
  createGroup: Conversation;
  /** An image from the provider's image model, stored for 24 hours. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: prompt`), LLM_NOT_CONFIGURED, RATE_LIMITED (every provider key busy for LLM_QUEUE_TIMEOUT_MS), UPSTREAM_UNAVAILABLE. */
  generateImage: GeneratedFile;
  /** A slide deck (.pptx) on a topic, outlined by the text model, stored for 24 hours. Signed in only (UNAUTHENTICATED). Errors: BAD_USER_INPUT (`field: topic`), LLM_NOT_CONFIGURED, RATE_LIMITED, UPSTREAM_UNAVAILABLE. */
  generateSlides: GeneratedFile;
  /** Leaves a group; an owner who leaves hands the group to the longest-standing member. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), BAD_USER_INPUT (a direct conversation). */
  leaveGroup: Scalars['Boolean']['output'];
  /** Marks the given notifications read, or all of them; returns how many changed. Ids that are not the viewer's are ignored. Signed in only (UNAUTHENTICATED). */
  markNotificationsRead: Scalars['Int']['output'];
  /** Marks everything up to `seq` read; the read position only moves forward (a lower seq changes nothing). Members receive a READ event when it moves. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND (not a member), BAD_USER_INPUT (negative seq). */
  markRead: Conversation;
  /** Recalls a message: its text is removed from storage and members receive a RECALL event. By its sender, within CHAT_RECALL_WINDOW_SECONDS (120 by default) of sending. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN (not the sender), BAD_USER_INPUT (too late). */
  recallMessage: Message;
  /** Removes a member from a group. Owner only; the owner cannot remove themself (use leaveGroup). Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT. */
  removeMember: Conversation;
  /** Renames a group. Owner only. Signed in only (UNAUTHENTICATED). Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (`field: title`; a direct conversation). */
  renameGroup: Conversation;
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
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationAddMembersArgs = {
  conversationId: Scalars['ID']['input'];
  userIds: Array<Scalars['ID']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationBlockUserArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationClearAssistantHistoryArgs = {
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationCreateGroupArgs = {
  memberIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
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
export type MutationLeaveGroupArgs = {
  conversationId: Scalars['ID']['input'];
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
export type MutationRecallMessageArgs = {
  messageId: Scalars['ID']['input'];
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
export type SubscriptionMessageEventsArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
};


/** Live events, over graphql-ws on the same /graphql path (connection params `authorization` and `deviceId`). Each field says who may subscribe. */
export type SubscriptionNotificationAddedArgs = {
  afterId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A registered account. Profile fields are public and readable by anyone, signed in
 * or not; `privacy` is the owner's alone and the follow lists and favourites follow
 * the owner's privacy settings.
 */
export type User = {
  __typename?: 'User';
  /** Opaque, stable id of the user; refetch with `user(id:)`. Never changes, unlike `username`'s case. */
  id: Scalars['ID']['output'];
  /** True while the user has a subscription open on any instance (it lapses 45 s after the last one closes or its instance dies); public; false while Redis is away. */
  online: Scalars['Boolean']['output'];
  /** Unread messages over all the user's conversations. Only the user themself can read it: anyone else gets null with a FORBIDDEN error. */
  unreadMessageCount?: Maybe<Scalars['Int']['output']>;
  /** Unread notifications. Only the user themself can read it: anyone else gets null with a FORBIDDEN error. */
  unreadNotificationCount?: Maybe<Scalars['Int']['output']>;
};

/** A published video. Every field is public: anyone, signed in or not, may read it. */
export type Video = {
  __typename?: 'Video';
  /** Opaque, stable id of the video; refetch it with `video(id:)`. */
  id: Scalars['ID']['output'];
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
  AssistantEvent: ResolverTypeWrapper<AssistantEventModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AssistantEventKind: AssistantEventKind;
  AssistantTurn: ResolverTypeWrapper<AssistantTurn>;
  AssistantUsage: ResolverTypeWrapper<AssistantUsage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Comment: ResolverTypeWrapper<Comment>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Conversation: ResolverTypeWrapper<ConversationRecord>;
  ConversationConnection: ResolverTypeWrapper<Omit<ConversationConnection, 'edges'> & { edges: Array<ResolversTypes['ConversationEdge']> }>;
  ConversationEdge: ResolverTypeWrapper<Omit<ConversationEdge, 'node'> & { node: ResolversTypes['Conversation'] }>;
  ConversationKind: ConversationKind;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GeneratedFile: ResolverTypeWrapper<GeneratedFile>;
  Message: ResolverTypeWrapper<MessageRecord>;
  MessageEvent: ResolverTypeWrapper<MessageEventModel>;
  MessageEventKind: MessageEventKind;
  Mutation: ResolverTypeWrapper<{}>;
  Notification: ResolverTypeWrapper<NotificationRecord>;
  NotificationConnection: ResolverTypeWrapper<Omit<NotificationConnection, 'edges'> & { edges: Array<ResolversTypes['NotificationEdge']> }>;
  NotificationEdge: ResolverTypeWrapper<Omit<NotificationEdge, 'node'> & { node: ResolversTypes['Notification'] }>;
  NotificationKind: NotificationKind;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<{}>;
  Subscription: ResolverTypeWrapper<{}>;
  User: ResolverTypeWrapper<UserRef>;
  Video: ResolverTypeWrapper<Video>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AssistantEvent: AssistantEventModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  AssistantTurn: AssistantTurn;
  AssistantUsage: AssistantUsage;
  Int: Scalars['Int']['output'];
  Comment: Comment;
  ID: Scalars['ID']['output'];
  Conversation: ConversationRecord;
  ConversationConnection: Omit<ConversationConnection, 'edges'> & { edges: Array<ResolversParentTypes['ConversationEdge']> };
  ConversationEdge: Omit<ConversationEdge, 'node'> & { node: ResolversParentTypes['Conversation'] };
  DateTime: Scalars['DateTime']['output'];
  GeneratedFile: GeneratedFile;
  Message: MessageRecord;
  MessageEvent: MessageEventModel;
  Mutation: {};
  Notification: NotificationRecord;
  NotificationConnection: Omit<NotificationConnection, 'edges'> & { edges: Array<ResolversParentTypes['NotificationEdge']> };
  NotificationEdge: Omit<NotificationEdge, 'node'> & { node: ResolversParentTypes['Notification'] };
  PageInfo: PageInfo;
  Query: {};
  Subscription: {};
  User: UserRef;
  Video: Video;
}>;

export type ViewerIndependentDirectiveArgs = { };

export type ViewerIndependentDirectiveResolver<Result, Parent, ContextType = Context, Args = ViewerIndependentDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AssistantEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssistantEvent'] = ResolversParentTypes['AssistantEvent']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  discardPartial?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AssistantEventKind'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  usage?: Resolver<Maybe<ResolversTypes['AssistantUsage']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AssistantTurnResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssistantTurn'] = ResolversParentTypes['AssistantTurn']> = ResolversObject<{
  answer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  prompt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AssistantUsageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AssistantUsage'] = ResolversParentTypes['AssistantUsage']> = ResolversObject<{
  completionTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  promptTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CommentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConversationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Conversation'] = ResolversParentTypes['Conversation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Conversation']>, { __typename: 'Conversation' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ConversationKind'], ParentType, ContextType>;
  lastMessage?: Resolver<Maybe<ResolversTypes['Message']>, ParentType, ContextType>;
  lastReadSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unreadCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConversationConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ConversationConnection'] = ResolversParentTypes['ConversationConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ConversationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConversationEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ConversationEdge'] = ResolversParentTypes['ConversationEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeneratedFileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GeneratedFile'] = ResolversParentTypes['GeneratedFile']> = ResolversObject<{
  contentType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MessageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Message'] = ResolversParentTypes['Message']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Message']>, { __typename: 'Message' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  clientMessageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conversationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recalled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sender?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MessageEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MessageEvent'] = ResolversParentTypes['MessageEvent']> = ResolversObject<{
  conversationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MessageEventKind'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['Message']>, ParentType, ContextType>;
  readSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reader?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addMembers?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationAddMembersArgs, 'conversationId' | 'userIds'>>;
  blockUser?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationBlockUserArgs, 'userId'>>;
  clearAssistantHistory?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationClearAssistantHistoryArgs>>;
  createGroup?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationCreateGroupArgs, 'memberIds' | 'title'>>;
  generateImage?: Resolver<ResolversTypes['GeneratedFile'], ParentType, ContextType, RequireFields<MutationGenerateImageArgs, 'prompt'>>;
  generateSlides?: Resolver<ResolversTypes['GeneratedFile'], ParentType, ContextType, RequireFields<MutationGenerateSlidesArgs, 'topic'>>;
  leaveGroup?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLeaveGroupArgs, 'conversationId'>>;
  markNotificationsRead?: Resolver<ResolversTypes['Int'], ParentType, ContextType, Partial<MutationMarkNotificationsReadArgs>>;
  markRead?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationMarkReadArgs, 'conversationId' | 'seq'>>;
  recallMessage?: Resolver<ResolversTypes['Message'], ParentType, ContextType, RequireFields<MutationRecallMessageArgs, 'messageId'>>;
  removeMember?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'conversationId' | 'userId'>>;
  renameGroup?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationRenameGroupArgs, 'conversationId' | 'title'>>;
  sendMessage?: Resolver<ResolversTypes['Message'], ParentType, ContextType, RequireFields<MutationSendMessageArgs, 'conversationId' | 'text'>>;
  startConversation?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType, RequireFields<MutationStartConversationArgs, 'userId'>>;
  unblockUser?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUnblockUserArgs, 'userId'>>;
}>;

export type NotificationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Notification'] = ResolversParentTypes['Notification']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inReplyTo?: Resolver<Maybe<ResolversTypes['Comment']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NotificationKind'], ParentType, ContextType>;
  read?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  video?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type NotificationConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NotificationConnection'] = ResolversParentTypes['NotificationConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['NotificationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type NotificationEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NotificationEdge'] = ResolversParentTypes['NotificationEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Notification'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  assistantHistory?: Resolver<Array<ResolversTypes['AssistantTurn']>, ParentType, ContextType, RequireFields<QueryAssistantHistoryArgs, 'first'>>;
  blockedUsers?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  conversation?: Resolver<Maybe<ResolversTypes['Conversation']>, ParentType, ContextType, RequireFields<QueryConversationArgs, 'id'>>;
  conversations?: Resolver<ResolversTypes['ConversationConnection'], ParentType, ContextType, RequireFields<QueryConversationsArgs, 'first'>>;
  messages?: Resolver<Array<ResolversTypes['Message']>, ParentType, ContextType, RequireFields<QueryMessagesArgs, 'conversationId' | 'first'>>;
  notifications?: Resolver<ResolversTypes['NotificationConnection'], ParentType, ContextType, RequireFields<QueryNotificationsArgs, 'first'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  assistantAnswer?: SubscriptionResolver<ResolversTypes['AssistantEvent'], "assistantAnswer", ParentType, ContextType, RequireFields<SubscriptionAssistantAnswerArgs, 'prompt'>>;
  messageEvents?: SubscriptionResolver<ResolversTypes['MessageEvent'], "messageEvents", ParentType, ContextType, Partial<SubscriptionMessageEventsArgs>>;
  notificationAdded?: SubscriptionResolver<ResolversTypes['Notification'], "notificationAdded", ParentType, ContextType, Partial<SubscriptionNotificationAddedArgs>>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']>, { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  online?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unreadMessageCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  unreadNotificationCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  AssistantEvent?: AssistantEventResolvers<ContextType>;
  AssistantTurn?: AssistantTurnResolvers<ContextType>;
  AssistantUsage?: AssistantUsageResolvers<ContextType>;
  Comment?: CommentResolvers<ContextType>;
  Conversation?: ConversationResolvers<ContextType>;
  ConversationConnection?: ConversationConnectionResolvers<ContextType>;
  ConversationEdge?: ConversationEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GeneratedFile?: GeneratedFileResolvers<ContextType>;
  Message?: MessageResolvers<ContextType>;
  MessageEvent?: MessageEventResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Notification?: NotificationResolvers<ContextType>;
  NotificationConnection?: NotificationConnectionResolvers<ContextType>;
  NotificationEdge?: NotificationEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  viewerIndependent?: ViewerIndependentDirectiveResolver<any, any, ContextType>;
}>;
