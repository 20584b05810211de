import type { GraphQLResolveInfo } from 'graphql';
import type { SearchHitModel } from '../search.js';
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
  _FieldSet: { input: any; output: any; }
};

/** What reindexDeadLetters did. */
export type DeadLetterRetry = {
  __typename?: 'DeadLetterRetry';
  /** Dead letters still refused, left in the stream. */
  remaining: Scalars['Int']['output'];
  /** Dead letters written to the index this time. */
  retried: Scalars['Int']['output'];
};

/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Rebuilds the index from the user and video services while events keep flowing. Admins only: UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  reindex: ReindexResult;
  /** Retries the index writes that failed ten times (the dead-letter stream). Admins only: UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  reindexDeadLetters: DeadLetterRetry;
};


/** Write entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type MutationReindexArgs = {
  wipe?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Read entry points. Each field says who may call it; those marked signed in only answer UNAUTHENTICATED without a valid access token. */
export type Query = {
  __typename?: 'Query';
  /** Videos related to a video (shared tags, same uploader, similar text), or popular videos of the last 30 days (then of all time) without one or when none is related; never the video itself. Anyone may ask. Errors: BAD_USER_INPUT (first outside 1-50). */
  recommendedVideos: Array<Maybe<Video>>;
  /** Videos and users matching `query` (typos tolerated, field boosts), best first, with highlighted fragments. Anyone may ask. Errors: BAD_USER_INPUT (empty or too long query, page < 1, pageSize outside 1-50, page × pageSize over 10,000). */
  search: SearchResult;
  /** The state of the index sync. Admins only (ADMIN_USERNAMES): UNAUTHENTICATED signed out, FORBIDDEN otherwise. */
  searchSyncStatus: SearchSyncStatus;
  /** Completions of video titles, tags and usernames that start like `prefix`, most popular first. Anyone may ask. Errors: BAD_USER_INPUT (empty or over 200 characters, first outside 1-20). */
  suggest: Array<Suggestion>;
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

/** A completion for what the user is typing. */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** The video (for a title or tag) or user (for a username) it comes from. Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  /** The completed text: a video title, a tag or a username. */
  text: Scalars['String']['output'];
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

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  SearchNode: ( User ) | ( Video );
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DeadLetterRetry: ResolverTypeWrapper<DeadLetterRetry>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<{}>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ReindexResult: ResolverTypeWrapper<ReindexResult>;
  SearchHighlight: ResolverTypeWrapper<SearchHighlight>;
  SearchHit: ResolverTypeWrapper<SearchHitModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SearchNode: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['SearchNode']>;
  SearchResult: ResolverTypeWrapper<Omit<SearchResult, 'hits'> & { hits: Array<ResolversTypes['SearchHit']> }>;
  SearchSyncStatus: ResolverTypeWrapper<SearchSyncStatus>;
  SearchType: SearchType;
  Suggestion: ResolverTypeWrapper<Omit<Suggestion, 'node'> & { node?: Maybe<ResolversTypes['SearchNode']> }>;
  User: ResolverTypeWrapper<User>;
  Video: ResolverTypeWrapper<Video>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DeadLetterRetry: DeadLetterRetry;
  Int: Scalars['Int']['output'];
  Mutation: {};
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  ReindexResult: ReindexResult;
  SearchHighlight: SearchHighlight;
  SearchHit: SearchHitModel;
  Float: Scalars['Float']['output'];
  SearchNode: ResolversUnionTypes<ResolversParentTypes>['SearchNode'];
  SearchResult: Omit<SearchResult, 'hits'> & { hits: Array<ResolversParentTypes['SearchHit']> };
  SearchSyncStatus: SearchSyncStatus;
  Suggestion: Omit<Suggestion, 'node'> & { node?: Maybe<ResolversParentTypes['SearchNode']> };
  User: User;
  Video: Video;
}>;

export type ViewerIndependentDirectiveArgs = { };

export type ViewerIndependentDirectiveResolver<Result, Parent, ContextType = Context, Args = ViewerIndependentDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DeadLetterRetryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeadLetterRetry'] = ResolversParentTypes['DeadLetterRetry']> = ResolversObject<{
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  retried?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  reindex?: Resolver<ResolversTypes['ReindexResult'], ParentType, ContextType, RequireFields<MutationReindexArgs, 'wipe'>>;
  reindexDeadLetters?: Resolver<ResolversTypes['DeadLetterRetry'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  recommendedVideos?: Resolver<Array<Maybe<ResolversTypes['Video']>>, ParentType, ContextType, RequireFields<QueryRecommendedVideosArgs, 'first'>>;
  search?: Resolver<ResolversTypes['SearchResult'], ParentType, ContextType, RequireFields<QuerySearchArgs, 'page' | 'pageSize' | 'query' | 'type'>>;
  searchSyncStatus?: Resolver<ResolversTypes['SearchSyncStatus'], ParentType, ContextType>;
  suggest?: Resolver<Array<ResolversTypes['Suggestion']>, ParentType, ContextType, RequireFields<QuerySuggestArgs, 'first' | 'prefix'>>;
}>;

export type ReindexResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReindexResult'] = ResolversParentTypes['ReindexResult']> = ResolversObject<{
  started?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  videos?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SearchHighlightResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchHighlight'] = ResolversParentTypes['SearchHighlight']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fragments?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SearchHitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchHit'] = ResolversParentTypes['SearchHit']> = ResolversObject<{
  highlights?: Resolver<Array<ResolversTypes['SearchHighlight']>, ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['SearchNode']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SearchNodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchNode'] = ResolversParentTypes['SearchNode']> = ResolversObject<{
  __resolveType: TypeResolveFn<'User' | 'Video', ParentType, ContextType>;
}>;

export type SearchResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchResult'] = ResolversParentTypes['SearchResult']> = ResolversObject<{
  hits?: Resolver<Array<ResolversTypes['SearchHit']>, ParentType, ContextType>;
  page?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pageSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SearchSyncStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SearchSyncStatus'] = ResolversParentTypes['SearchSyncStatus']> = ResolversObject<{
  deadLettered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fullSyncDoneAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indexedUsers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  indexedVideos?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lagP50Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lagP99Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  leader?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pendingDeadLetters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  processedEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SuggestionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Suggestion'] = ResolversParentTypes['Suggestion']> = ResolversObject<{
  node?: Resolver<Maybe<ResolversTypes['SearchNode']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  DeadLetterRetry?: DeadLetterRetryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReindexResult?: ReindexResultResolvers<ContextType>;
  SearchHighlight?: SearchHighlightResolvers<ContextType>;
  SearchHit?: SearchHitResolvers<ContextType>;
  SearchNode?: SearchNodeResolvers<ContextType>;
  SearchResult?: SearchResultResolvers<ContextType>;
  SearchSyncStatus?: SearchSyncStatusResolvers<ContextType>;
  Suggestion?: SuggestionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = Context> = ResolversObject<{
  viewerIndependent?: ViewerIndependentDirectiveResolver<any, any, ContextType>;
}>;
