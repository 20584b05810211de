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

export type DeadLetterRetry = {
  __typename?: 'DeadLetterRetry';
  remaining: Scalars['Int']['output'];
  retried: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Rebuilds the index from the user and video services. Admins only. */
  reindex: ReindexResult;
  /** Retries the index writes that failed ten times. Admins only. */
  reindexDeadLetters: DeadLetterRetry;
};


export type MutationReindexArgs = {
  wipe?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** Videos related to a video (shared tags, same uploader, similar text), or popular recent videos without one. */
  recommendedVideos: Array<Maybe<Video>>;
  /** Videos and users matching `query` (typos tolerated), best first, with highlighted fragments. */
  search: SearchResult;
  searchSyncStatus: SearchSyncStatus;
  /** Completions of video titles, tags and usernames that start like `prefix`, most popular first. */
  suggest: Array<Suggestion>;
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

/** A completion for what the user is typing. */
export type Suggestion = {
  __typename?: 'Suggestion';
  /** Null in the short window where an item was deleted at its source but not yet from the index. */
  node?: Maybe<SearchNode>;
  text: Scalars['String']['output'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type Video = {
  __typename?: 'Video';
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

