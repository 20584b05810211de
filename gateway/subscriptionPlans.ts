/**
 * The planning half of the subscription bridge (gateway/subscriptions.ts): the
 * supergraph's planner and plan cache, and the resolution of one event by the
 * gateway's own `executeQueryPlan`. A subscription plan is a `primary` fetch to
 * the owning subgraph plus an optional `rest`; each event runs the plan
 * [fetch from a one-event data source, rest], so entity fetches, merging and
 * response shaping are the gateway's, not a copy of them.
 */
import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import { LRUCache } from 'lru-cache';
import { GraphQLError, type DocumentNode, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ErrorCode, appError } from '../lib/errors.js';
import type { GatewayContext } from './context.js';
import { SharedEvents, type EntityVersion, type SharedEventStats } from './sharedEvents.js';
import { ViewerIndependence, viewerIndependentFields } from './viewerIndependent.js';

const EVENT_SOURCE = '__subscription_event__';

/** Query plans kept per supergraph. @default 1000 */
const MAX_CACHED_PLANS = 1000;

export interface PlanningState {
  apiSchema: Schema;
  apiGraphQLSchema: GraphQLSchema;
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  /** By operation name and text; the least recently used plan goes past MAX_CACHED_PLANS. */
  plans: LRUCache<string, QueryPlan>;
  /** Which entity fetches of an event may be shared by all its subscribers. */
  independence: ViewerIndependence;
  /** Events resolved once for all their subscribers (absent without an entity cache). */
  shared?: SharedEvents;
  entities?: EntityVersion;
}

/** The planner and an empty plan cache for a newly loaded supergraph. */
export function planningState(coreSupergraphSdl: string, entities?: EntityVersion, stats?: SharedEventStats): PlanningState {
  const supergraph = Supergraph.build(coreSupergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  return {
    apiSchema,
    apiGraphQLSchema: apiSchema.toGraphQLJSSchema(),
    supergraphSchema,
    planner: new QueryPlanner(supergraph),
    plans: new LRUCache({ max: MAX_CACHED_PLANS }),
    independence: new ViewerIndependence(viewerIndependentFields(coreSupergraphSdl), supergraphSchema),
    ...(entities ? { shared: new SharedEvents(entities, stats), entities } : {}),
  };
}

/**
 * True when every fetch of `node` answers the same for every viewer and is
 * watched by the entity cache: an entity fetch of @viewerIndependent fields
 * only, of entity types whose changes the cache hears of. No fetch at all
 * (an event that needs no other subgraph) counts as true.
 */
export function viewerIndependentPlan(node: PlanNode | undefined, independence: ViewerIndependence, entities: EntityVersion): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'Fetch':
      return (
        independence.shareable(node.operation, node.serviceName) &&
        (node.requires ?? []).length > 0 &&
        (node.requires ?? []).every((s) => s.kind === 'InlineFragment' && s.typeCondition !== undefined && entities.watches(s.typeCondition))
      );
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every((n) => viewerIndependentPlan(n, independence, entities));
    case 'Flatten':
      return viewerIndependentPlan(node.node, independence, entities);
    case 'Condition':
      return viewerIndependentPlan(node.ifClause, independence, entities) && viewerIndependentPlan(node.elseClause, independence, entities);
    default:
      return false;
  }
}

/** The subscription's plan, from the cache or planned now. */
export function subscriptionPlan(state: PlanningState, document: DocumentNode, operationName: string | undefined, query: string): SubscriptionNode {
  const key = `${operationName ?? ''}\u0000${query}`;
  let plan = state.plans.get(key);
  if (!plan) {
    plan = state.planner.buildQueryPlan(operationFromDocument(state.apiSchema, document, operationName ? { operationName } : {}));
    state.plans.set(key, plan);
  }
  const node = plan.node;
  if (node?.kind !== 'Subscription') throw new Error('not a subscription plan');
  return node as SubscriptionNode;
}

export interface EventResolution {
  plan: QueryPlan;
  operationContext: ReturnType<typeof buildOperationContext>;
  state: PlanningState;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  query: string;
  shareAcrossViewers: (query: string, subgraph: string) => boolean;
  /** The subscription's request id, sent with every fetch of its events. */
  rid: string;
  /** Set when an event's result is the same for every subscriber of this operation and variables (sharedEvents.ts): the key's prefix, a digest of both. */
  sharedKey?: string;
}

/** Per subscription, not per event: the plan run for each event and the operation's context. */
export function eventResolution(
  state: PlanningState,
  { primary, rest }: SubscriptionNode,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  query: string,
  rid: string,
): EventResolution {
  const seed: FetchNode = { ...primary, serviceName: EVENT_SOURCE, operationKind: 'query' as FetchNode['operationKind'] };
  const plan: QueryPlan = { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [seed, rest] } : seed };
  const operationContext = buildOperationContext({ schema: state.apiGraphQLSchema, operationDocument: document, ...(operationName ? { operationName } : {}) });
  // Every subscriber resolves the same event at about the same moment: entity
  // fetches of viewer-independent fields may merge across them (dataSource.ts).
  const shareAcrossViewers = (q: string, subgraph: string) => state.independence.shareable(q, subgraph);
  // The operation and variables, digested once per subscription: the key of every event is this and the event's JSON, looked up once per subscriber.
  const sharedKey =
    state.entities && viewerIndependentPlan(rest, state.independence, state.entities)
      ? createHash('sha256').update(`${operationName ?? ''}\u0000${query}\u0000${JSON.stringify(variables)}`).digest('base64')
      : undefined;
  return { plan, operationContext, state, document, operationName, variables, query, shareAcrossViewers, rid, ...(sharedKey ? { sharedKey } : {}) };
}

/** Runs the rest of the plan for one event, seeded with the event's data. */
export async function resolveEvent(
  dataSources: Readonly<Record<string, GraphQLDataSource<GatewayContext>>>,
  /** The subscriber's context for this event (made only when the event has data to resolve). */
  contextFor: () => GatewayContext,
  event: FormattedExecutionResult<Record<string, unknown>, unknown>,
  r: EventResolution,
): Promise<ExecutionResult> {
  if (!event.data) return { errors: toGraphQLErrors(event.errors ?? []) };
  const shared = r.state.shared;
  if (r.sharedKey && shared) return shared.resolve(r.sharedKey + eventText(event), () => executeEvent(dataSources, contextFor, event, r));
  return executeEvent(dataSources, contextFor, event, r);
}

/** The result already resolved for another subscriber of this event, when it may answer this one (sharedEvents.ts); undefined otherwise. */
export function reusableResult(event: FormattedExecutionResult<Record<string, unknown>, unknown>, r: EventResolution): ExecutionResult | undefined {
  if (!event.data || !r.sharedKey || !r.state.shared) return undefined;
  return r.state.shared.reusable(r.sharedKey + eventText(event));
}

/** Each event's JSON, made once per event object: the subscribers of one event share it (transport/ws.ts). */
const eventTexts = new WeakMap<object, string>();

function eventText(event: object): string {
  let text = eventTexts.get(event);
  if (text === undefined) {
    text = JSON.stringify(event);
    eventTexts.set(event, text);
  }
  return text;
}

/** The rest of the plan run for one event, in the context of one subscriber. */
async function executeEvent(
  dataSources: Readonly<Record<string, GraphQLDataSource<GatewayContext>>>,
  contextFor: () => GatewayContext,
  event: FormattedExecutionResult<Record<string, unknown>, unknown>,
  r: EventResolution,
): Promise<ExecutionResult> {
  const context = contextFor();
  // A copy: the plan merges entity fields into the data it is given, and the event's objects are shared by all its subscribers.
  // Parsed from the event's JSON, made once per event: each subscriber that resolves it pays one JSON.parse, as when every frame was parsed on its own.
  const eventSource: GraphQLDataSource<GatewayContext> = {
    process: async () => {
      const copy = JSON.parse(eventText(event)) as FormattedExecutionResult<Record<string, unknown>, unknown>;
      return { data: copy.data, ...(copy.errors ? { errors: copy.errors } : {}) };
    },
  };
  const requestContext = {
    request: { query: r.query, variables: r.variables, ...(r.operationName ? { operationName: r.operationName } : {}) },
    context,
    logger: context.log,
    metrics: {},
    cache: undefined,
    document: r.document,
    operationName: r.operationName ?? null,
  } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
  const result = await executeQueryPlan(r.plan, { ...dataSources, [EVENT_SOURCE]: eventSource }, requestContext, r.operationContext, r.state.supergraphSchema, r.state.apiSchema);
  return result as ExecutionResult;
}

/** Errors that crossed a socket are plain objects; graphql-ws sends GraphQLErrors. */
export function toGraphQLErrors(errors: readonly GraphQLFormattedError[]): GraphQLError[] {
  return errors.map((e) => new GraphQLError(e.message, { ...(e.path ? { path: e.path } : {}), ...(e.extensions ? { extensions: e.extensions } : {}) }));
}

export function upstreamFailure(service: string, err: unknown): ExecutionResult {
  // The subgraph refused the operation (graphql-ws "error" message): pass its errors on, codes intact.
  if (Array.isArray(err)) return { errors: toGraphQLErrors(err as GraphQLFormattedError[]) };
  const reason = err instanceof Error ? err.message : (err as { reason?: string })?.reason;
  return {
    errors: [
      appError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${service} service closed this subscription${reason ? ` (${reason})` : ''}; subscribe again to resume.`),
    ],
  };
}
