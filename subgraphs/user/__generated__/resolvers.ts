import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRecord } from '../store.js';
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
  /** An ISO-8601 date-time in UTC, e.g. 2026-11-26T06:00:00.000Z. */
  DateTime: { input: string; output: string; }
  /** A file sent as a GraphQL multipart request. */
  Upload: { input: Promise<import('graphql-upload-minimal').FileUpload>; output: Promise<import('graphql-upload-minimal').FileUpload>; }
  _FieldSet: { input: any; output: any; }
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
  /** Every user in id order, for other services' full syncs. Service identity only. */
  exportUsers: UserExportPage;
  /** The signed-in user, or null for an anonymous visitor. */
  me?: Maybe<User>;
  user?: Maybe<User>;
  userByUsername?: Maybe<User>;
};


export type QueryExportUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
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

/** A registered account. Profile fields are public; settings are readable by their owner only. */
export type User = {
  __typename?: 'User';
  /** A presigned URL, valid for a limited time (new on every request). */
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

/** A user as other services' full syncs read it (service identity only, not in the public API). */
export type UserExport = {
  __typename?: 'UserExport';
  bio: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  username: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type UserExportPage = {
  __typename?: 'UserExportPage';
  /** Pass as `after` for the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  items: Array<UserExport>;
};

/** Who may see a part of a user's home page. */
export type Visibility =
  | 'EVERYONE'
  | 'FOLLOWERS'
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
