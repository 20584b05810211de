import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRecord } from '../store/users.js';
import type { Context } from '../context.js';
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

/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Changes the password and signs out every session of the user, this one included
   * (sign in again with the new password); every device but this one must wait out
   * the per-username sign-in limit again. Signed in only (UNAUTHENTICATED). The
   * current password is checked under the sign-in limits.
   * Errors: UNAUTHENTICATED (wrong current password), RATE_LIMITED, BAD_USER_INPUT
   * (`field: password` for the new one).
   */
  changePassword: Scalars['Boolean']['output'];
  /** Follows a user; idempotent. Signed in only (UNAUTHENTICATED). Returns the followed user with its new counts. Errors: NOT_FOUND (no such user), BAD_USER_INPUT (yourself). */
  follow: User;
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
  /** Stops following a user; idempotent. Signed in only (UNAUTHENTICATED). Returns that user with its new counts. Errors: NOT_FOUND (no such user). */
  unfollow: User;
  /** Changes who may see the viewer's follow lists and favourites. Signed in only (UNAUTHENTICATED). */
  updatePrivacy: PrivacySettings;
  /**
   * Changes the viewer's profile; with an avatar, send a multipart request. Signed
   * in only (UNAUTHENTICATED).
   * Errors: BAD_USER_INPUT (`field`: displayName, bio, avatar; avatar and
   * removeAvatar together), PAYLOAD_TOO_LARGE (avatar over 2 MB).
   */
  updateProfile: User;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationLoginArgs = {
  delivery?: InputMaybe<TokenDelivery>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
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
export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUpdatePrivacyArgs = {
  input: PrivacySettingsInput;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

/** Where a page of a cursor-paginated list ends. Pass `endCursor` as `after` to get the next page. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge of this page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
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

/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Query = {
  __typename?: 'Query';
  /** Every user in id order, for other services' full syncs. Service identity only (FORBIDDEN otherwise); not in the public API. */
  exportUsers: UserExportPage;
  /** The signed-in user, or null for an anonymous visitor. Anyone may ask. */
  me?: Maybe<User>;
  /** A user by id, or null when there is none. Anyone may ask. */
  user?: Maybe<User>;
  /** A user by username, matched whatever the case, or null when there is none. Anyone may ask. */
  userByUsername?: Maybe<User>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryExportUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
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
  /** The user's privacy settings. Only the user themself can read them: anyone else gets null with a FORBIDDEN error. */
  privacy?: Maybe<PrivacySettings>;
  /** Unique whatever the case, 3-32 characters of letters, digits and underscores, as the user typed it at sign-up. */
  username: Scalars['String']['output'];
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

/** A user as other services' full syncs read it (service identity only, not in the public API). */
export type UserExport = {
  __typename?: 'UserExport';
  /** The bio. */
  bio: Scalars['String']['output'];
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** The user's id. */
  id: Scalars['ID']['output'];
  /** The username. */
  username: Scalars['String']['output'];
  /** The user's version, raised by every change; the search index keeps the highest. */
  version: Scalars['Int']['output'];
};

/** A page of exported users (service identity only, not in the public API). */
export type UserExportPage = {
  __typename?: 'UserExportPage';
  /** Pass as `after` for the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** The users of this page, in id order. */
  items: Array<UserExport>;
};

/** Who may see a part of a user's home page (their follow lists, their favourites). The owner always sees everything. */
export type Visibility =
  /** Anyone, signed in or not. */
  | 'EVERYONE'
  /** Signed-in users who follow the owner. */
  | 'FOLLOWERS'
  /** The owner alone. */
  | 'ONLY_ME';

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
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'user'> & { user: ResolversTypes['User'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ErrorCode: ErrorCode;
  Mutation: ResolverTypeWrapper<{}>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PrivacySettings: ResolverTypeWrapper<PrivacySettings>;
  PrivacySettingsInput: PrivacySettingsInput;
  Query: ResolverTypeWrapper<{}>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  TokenDelivery: TokenDelivery;
  UpdateProfileInput: UpdateProfileInput;
  Upload: ResolverTypeWrapper<Scalars['Upload']['output']>;
  User: ResolverTypeWrapper<UserRecord>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges'> & { edges: Array<ResolversTypes['UserEdge']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
  UserExport: ResolverTypeWrapper<UserExport>;
  UserExportPage: ResolverTypeWrapper<UserExportPage>;
  Visibility: Visibility;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuthPayload: Omit<AuthPayload, 'user'> & { user: ResolversParentTypes['User'] };
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: {};
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  PageInfo: PageInfo;
  PrivacySettings: PrivacySettings;
  PrivacySettingsInput: PrivacySettingsInput;
  Query: {};
  Int: Scalars['Int']['output'];
  UpdateProfileInput: UpdateProfileInput;
  Upload: Scalars['Upload']['output'];
  User: UserRecord;
  UserConnection: Omit<UserConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserEdge']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
  UserExport: UserExport;
  UserExportPage: UserExportPage;
}>;

export type ViewerIndependentDirectiveArgs = { };

export type ViewerIndependentDirectiveResolver<Result, Parent, ContextType = Context, Args = ViewerIndependentDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  accessToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  accessTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deviceId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refreshToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  follow?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationFollowArgs, 'userId'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'delivery' | 'password' | 'username'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  refreshTokens?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokensArgs, 'delivery'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'delivery' | 'password' | 'username'>>;
  unfollow?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUnfollowArgs, 'userId'>>;
  updatePrivacy?: Resolver<ResolversTypes['PrivacySettings'], ParentType, ContextType, RequireFields<MutationUpdatePrivacyArgs, 'input'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PrivacySettingsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PrivacySettings'] = ResolversParentTypes['PrivacySettings']> = ResolversObject<{
  favourites?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
  follows?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  exportUsers?: Resolver<ResolversTypes['UserExportPage'], ParentType, ContextType, RequireFields<QueryExportUsersArgs, 'first'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  userByUsername?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserByUsernameArgs, 'username'>>;
}>;

export interface UploadScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Upload'], any> {
  name: 'Upload';
}

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']>, { __typename: 'User' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  avatarUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  bio?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  favouritesVisibleToViewer?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  followedByMe?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  followerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  followers?: Resolver<Maybe<ResolversTypes['UserConnection']>, ParentType, ContextType, RequireFields<UserFollowersArgs, 'first'>>;
  following?: Resolver<Maybe<ResolversTypes['UserConnection']>, ParentType, ContextType, RequireFields<UserFollowingArgs, 'first'>>;
  followingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  privacy?: Resolver<Maybe<ResolversTypes['PrivacySettings']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserExportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserExport'] = ResolversParentTypes['UserExport']> = ResolversObject<{
  bio?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserExportPageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserExportPage'] = ResolversParentTypes['UserExportPage']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['UserExport']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PrivacySettings?: PrivacySettingsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Upload?: GraphQLScalarType;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
  UserExport?: UserExportResolvers<ContextType>;
  UserExportPage?: UserExportPageResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  viewerIndependent?: ViewerIndependentDirectiveResolver<any, any, ContextType>;
}>;
