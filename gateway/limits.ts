/**
 * Operation limits: what one client operation may ask of the platform.
 *
 * A document is cheap to send and can be expensive to answer: eleven nested
 * fragments that each select `followers(first: 2)` and `following(first: 2)`
 * ask for 4^11 users in 1.5 KB. Every operation is therefore measured before it
 * is planned, over HTTP and over graphql-ws alike, and refused with
 * OPERATION_LIMIT_EXCEEDED (HTTP 400) naming the limit, its maximum and what
 * the operation needed:
 *
 * - tokens (`parseOptions.maxTokens`, graphql-js): bounds parsing itself;
 * - depth, aliases, directives (GraphQL Armor's validation rules);
 * - recursive selections (Apollo Server's `maxRecursiveSelections`): selections
 *   counted with every fragment expanded, the fragment-bomb measure;
 * - cost (graphql-query-complexity with the estimator below): each object field
 *   costs 1 (a connection, its edges and page info are only the shape of a
 *   list and cost nothing themselves), scalars 0, and a list multiplies the
 *   cost of what it selects by its size — the `first`/`pageSize` argument it is given (or its default), or
 *   for unsliced lists the most the platform ever returns (LIST_SIZES). The
 *   cost is an upper bound on the objects an answer can hold.
 *
 * Depth, aliases, directives and recursive selections depend on the document
 * alone, so they run as validation rules (Apollo validates a document once and
 * caches it). Cost depends on variables (`first: $n`), so it runs per request,
 * once the operation is resolved; documents without variables are costed once.
 *
 * Introspection is not limited by depth or cost (explorers send a deep but
 * bounded introspection query); it is off in production anyway.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../lib/config.js';
import { ErrorCode, appError } from '../lib/errors.js';

export type LimitName = 'tokens' | 'depth' | 'aliases' | 'directives' | 'recursiveSelections' | 'cost' | 'subscriptionsPerSocket' | 'subscriptionsPerUser';

export interface OperationLimits {
  tokens: number;
  depth: number;
  aliases: number;
  directives: number;
  recursiveSelections: number;
  cost: number;
}

export function limitsFromConfig(config: Config): OperationLimits {
  return {
    tokens: config.GATEWAY_MAX_TOKENS,
    depth: config.GATEWAY_MAX_DEPTH,
    aliases: config.GATEWAY_MAX_ALIASES,
    directives: config.GATEWAY_MAX_DIRECTIVES,
    recursiveSelections: config.GATEWAY_MAX_RECURSIVE_SELECTIONS,
    cost: config.GATEWAY_MAX_COST,
  };
}

/** Arguments that say how many items a list field returns. */
const SLICING_ARGUMENTS = ['first', 'pageSize'] as const;

/**
 * Lists without a slicing argument, at the most they can hold (enforced where
 * they are written: group members, favourite folders, blocks). Lists inside a
 * connection or a search result were already sized by the field that took
 * `first`/`pageSize`, so they count once.
 */
export const LIST_SIZES: Record<string, number> = {
  'Conversation.members': 200,
  'User.favouriteFolders': 50,
  'Query.blockedUsers': 1000,
  'SearchHit.highlights': 8,
};
/** Any other unsliced list of objects. */
const DEFAULT_LIST_SIZE = 100;

/** Types that only give a list its shape (Relay connections). */
const STRUCTURAL = /(Connection|Edge)$|^PageInfo$/;

const sliced = (typeName: string) => typeName.endsWith('Connection') || typeName === 'SearchResult';

/** Cost of one field: see the file's comment. */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const named = getNamedType(field.type);
  // A connection, its edges and its page info are the shape of one list, not objects of their own.
  const own = isCompositeType(named) && !STRUCTURAL.test(named.name) ? 1 : 0;
  const composite = isCompositeType(named);
  let size = 1;
  const slicing = SLICING_ARGUMENTS.find((name) => field.args.some((a) => a.name === name));
  if (slicing) {
    const n = Number(args[slicing]);
    // Out-of-range sizes are refused by the subgraph; here they only must not lower the cost.
    size = Number.isFinite(n) && n > 1 ? n : 1;
  } else if (isListType(getNullableType(field.type)) && composite && !sliced(type.name)) {
    size = LIST_SIZES[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE;
  }
  return size * (own + childComplexity);
};

export function limitError(limit: LimitName, max: number, actual: number | undefined, message: string): GraphQLError {
  return appError(ErrorCode.OPERATION_LIMIT_EXCEEDED, message, { limit, max, ...(actual !== undefined ? { actual } : {}) });
}

/** Armor's rules throw a plain error; report ours (with the limit's name) instead. */
function armorRule(limit: LimitName, max: number, make: (onReject: (ctx: ValidationContext | null, err: GraphQLError) => void) => ValidationRule): ValidationRule {
  return make((ctx, err) => {
    const found = /found (\d+)/.exec(err.message);
    ctx?.reportError(limitError(limit, max, found ? Number(found[1]) : undefined, err.message.replace(/^Syntax Error: /, '')));
  });
}

/** Validation rules for the limits that depend on the document alone. */
export function documentLimitRules(limits: OperationLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    armorRule('depth', limits.depth, (onReject) => maxDepthRule({ ...common, n: limits.depth, ignoreIntrospection: true, onReject: [onReject] })),
    armorRule('aliases', limits.aliases, (onReject) => maxAliasesRule({ ...common, n: limits.aliases, onReject: [onReject] })),
    armorRule('directives', limits.directives, (onReject) => maxDirectivesRule({ ...common, n: limits.directives, onReject: [onReject] })),
  ];
}

/** graphql-js's own message when `maxTokens` stops the parser (graphql 16 spells it "more that"). */
const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/;
/** Apollo Server's message when `maxRecursiveSelections` refuses a document. */
const TOO_MANY_SELECTIONS = /recursively requests too many selections/;

/**
 * Turns the parser's and Apollo's own refusals into OPERATION_LIMIT_EXCEEDED
 * (they arrive as GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED). Used by
 * the gateway's formatError.
 */
export function asLimitError(message: string, extensions: Record<string, unknown> | undefined, limits: OperationLimits): Record<string, unknown> | undefined {
  if (extensions && typeof extensions.limit === 'string') return { ...extensions, code: ErrorCode.OPERATION_LIMIT_EXCEEDED };
  if (TOO_MANY_TOKENS.test(message)) return { ...extensions, code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit: 'tokens', max: limits.tokens };
  if (TOO_MANY_SELECTIONS.test(message)) return { ...extensions, code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit: 'recursiveSelections', max: limits.recursiveSelections };
  return undefined;
}

/** Nodes graphql-query-complexity may visit per operation: bounds the measuring itself. */
const MAX_COST_NODES = 20_000;

/**
 * The operation's cost, or a refusal. Invalid variables cannot be costed: they
 * are refused here (BAD_USER_INPUT) rather than let through unmeasured.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, max: number): number {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, estimators: [costEstimator], maxQueryNodes: MAX_COST_NODES, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/query node/i.test(message)) throw limitError('cost', max, undefined, `The operation is too large to measure (more than ${MAX_COST_NODES} selections with fragments expanded).`);
    throw appError(ErrorCode.BAD_USER_INPUT, message);
  }
  if (cost > max) throw limitError('cost', max, cost, `The operation may return up to ${cost} objects; the limit is ${max}. Ask for smaller pages (first, pageSize) or fewer nested lists.`);
  return cost;
}

/**
 * Apollo Server plugin: the cost check, per request. A document without
 * variables has one cost, remembered per parsed document (Apollo's document
 * cache hands the same DocumentNode to every request with the same text).
 */
export function costPlugin<Ctx extends object>(max: number): ApolloServerPlugin<Ctx> {
  const fixedCost = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema, operationName }) {
          const hasVariables = document.definitions.some((d) => d.kind === 'OperationDefinition' && (d.variableDefinitions?.length ?? 0) > 0);
          const key = operationName ?? '';
          if (!hasVariables && fixedCost.get(document)?.has(key)) return;
          let cost: number;
          try {
            cost = checkCost(schema, document, request.variables, operationName ?? undefined, max);
          } catch (err) {
            // A client mistake: HTTP 400 (Apollo reads `http` and leaves it out of the answer).
            const e = err as GraphQLError;
            throw new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
          }
          if (!hasVariables) {
            const perName = fixedCost.get(document) ?? new Map<string, number>();
            perName.set(key, cost);
            fixedCost.set(document, perName);
          }
        },
      };
    },
  };
}

/**
 * Every limit for an operation that does not go through Apollo Server (a
 * subscription on the gateway's socket): parse with the token limit, validate
 * with graphql-js's rules plus the document limits, then cost. Returns the
 * parsed document or the errors to send.
 */
export function checkOperation(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  limits: OperationLimits,
  extraRules: ValidationRule[] = [],
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.tokens });
  } catch (err) {
    const e = err as GraphQLError;
    if (TOO_MANY_TOKENS.test(e.message)) return { errors: [limitError('tokens', limits.tokens, undefined, `The operation has more than ${limits.tokens} tokens.`)] };
    return { errors: [appError(ErrorCode.GRAPHQL_PARSE_FAILED, e.message)] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...documentLimitRules(limits), ...extraRules]);
  if (errors.length) return { errors: errors.map((e) => (typeof e.extensions.code === 'string' ? e : appError(ErrorCode.GRAPHQL_VALIDATION_FAILED, e.message))) };
  try {
    checkCost(schema, document, variables, operationName, limits.cost);
  } catch (err) {
    return { errors: [err as GraphQLError] };
  }
  return { document };
}
