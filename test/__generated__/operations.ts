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
  Upload: { input: unknown; output: unknown; }
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

/** A one-to-one or group conversation. Only its members can read it. */
export type Conversation = {
  __typename?: 'Conversation';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: ConversationKind;
  lastMessage?: Maybe<Message>;
  members: Array<User>;
  title?: Maybe<Scalars['String']['output']>;
};

export type ConversationKind =
  | 'DIRECT'
  | 'GROUP';

/** A chat message; `seq` increases strictly within its conversation. */
export type Message = {
  __typename?: 'Message';
  conversationId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Resolved by the user subgraph. */
  sender: User;
  seq: Scalars['Int']['output'];
  text?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Changes the password and signs out every session of the user. */
  changePassword: Scalars['Boolean']['output'];
  /** Idempotent; returns the followed user. */
  follow: User;
  login: AuthPayload;
  /** Ends this session (its whole token family) and clears the cookies. */
  logout: Scalars['Boolean']['output'];
  /** Rotates both tokens. The refresh token comes from the argument or the HTTP-only cookie. */
  refreshTokens: AuthPayload;
  /** Creates an account and signs in. Passwords: 8-128 characters with a letter and a digit. */
  register: AuthPayload;
  /** Idempotent; returns the user no longer followed. */
  unfollow: User;
  updatePrivacy: PrivacySettings;
  updateProfile: User;
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationLoginArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
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


export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUpdatePrivacyArgs = {
  input: PrivacySettingsInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
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

export type Query = {
  __typename?: 'Query';
  conversation?: Maybe<Conversation>;
  /** The signed-in user, or null for an anonymous visitor. */
  me?: Maybe<User>;
  /** Messages of a conversation the viewer belongs to, oldest first, after or before a sequence number. */
  messages: Array<Message>;
  search: SearchResult;
  user?: Maybe<User>;
  userByUsername?: Maybe<User>;
  video?: Maybe<Video>;
  /** Newest first; optionally only one uploader's videos. */
  videos: VideoConnection;
};


export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMessagesArgs = {
  afterSeq?: InputMaybe<Scalars['Int']['input']>;
  beforeSeq?: InputMaybe<Scalars['Int']['input']>;
  conversationId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  pageSize?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  type?: InputMaybe<SearchType>;
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

/** Fragments of a matched field with the matched terms wrapped in <em>. */
export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  field: Scalars['String']['output'];
  fragments: Array<Scalars['String']['output']>;
};

export type SearchHit = {
  __typename?: 'SearchHit';
  highlights: Array<SearchHighlight>;
  node: SearchNode;
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

export type SearchType =
  | 'ALL'
  | 'USER'
  | 'VIDEO';

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

/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type User = {
  __typename?: 'User';
  avatarUrl?: Maybe<Scalars['String']['output']>;
  bio: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
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
  /** The user's privacy settings; only the user themself can read them. */
  privacy?: Maybe<PrivacySettings>;
  /** Unique, case-insensitive, 3-32 characters of letters, digits and underscores. */
  username: Scalars['String']['output'];
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
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  durationMs?: Maybe<Scalars['Int']['output']>;
  height?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  likeCount: Scalars['Int']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  /** Resolved by the user subgraph. */
  uploader: User;
  viewCount: Scalars['Int']['output'];
  width?: Maybe<Scalars['Int']['output']>;
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

export type CrossGraphQueryVariables = Exact<{
  videoId: Scalars['ID']['input'];
  conversationId: Scalars['ID']['input'];
  query: Scalars['String']['input'];
}>;


export type CrossGraphQuery = { __typename?: 'Query', video?: { __typename?: 'Video', id: string, title: string, uploader: { __typename?: 'User', id: string, username: string, displayName: string } } | null, conversation?: { __typename?: 'Conversation', id: string, members: Array<{ __typename?: 'User', username: string }> } | null, messages: Array<{ __typename?: 'Message', seq: number, text?: string | null, sender: { __typename?: 'User', username: string, displayName: string } }>, search: { __typename?: 'SearchResult', total: number, hits: Array<{ __typename?: 'SearchHit', score: number, highlights: Array<{ __typename?: 'SearchHighlight', field: string, fragments: Array<string> }>, node: { __typename: 'User', id: string, username: string } | { __typename: 'Video', id: string, title: string, uploader: { __typename?: 'User', username: string } } }> } };


export const CrossGraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CrossGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"videoId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"fragments"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Video"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"uploader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CrossGraphQuery, CrossGraphQueryVariables>;