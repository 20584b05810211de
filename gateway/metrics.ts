/**
 * The gateway's metrics (README.md, Metrics): operations and subgraph fetches
 * as histograms, everything else read at scrape time from figures the
 * components keep anyway (fetcher, token verifier, revocation watch,
 * subscription bridge).
 *
 * Operation names are client-chosen, so they cannot all become label values:
 * the first OPERATION_NAME_LIMIT distinct names of operations that resolved
 * are kept, and anonymous operations, operations that did not resolve (a
 * parse or validation failure) and names past the cap are counted as `other`.
 */
import { knownCode } from '../lib/errors.js';
import type { ServiceMetrics } from '../lib/observability/metrics.js';
import type { EntityCacheStats } from './entityCache.js';

/** Distinct operation names kept as label values; more are counted as `other`. @default 200 */
export const OPERATION_NAME_LIMIT = 200;
/** The label for anonymous, unresolved and over-the-cap operations. */
export const OTHER_OPERATION = 'other';
/** GraphQL names, not too long for a label. */
const LABEL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';
export type Outcome = 'success' | 'error' | 'cancelled';
export type FetchOutcome = 'success' | 'error' | 'unavailable' | 'cancelled';

type Observe = (seconds: number) => void;

/** What the gateway's components already count, read at scrape time. */
export interface GatewayFigures {
  fetcher: { requests: number; merged: number };
  tokens: { valid: number; cached: number; invalid: number };
  revocations: { memory: { revoked: number; active: number }; redis: { revoked: number; active: number } };
  openSockets: () => number;
  activeSubscriptions: () => number;
  /** Subscription events answered with a result resolved for another subscriber. */
  sharedEvents?: () => number;
  entityCache?: EntityCacheStats;
}

export class GatewayMetrics {
  private readonly operations;
  private readonly operationErrors;
  private readonly fetches;
  private readonly events;
  private readonly invalidationLag;
  /** Label children bound once per (name, type, outcome), so an operation costs one observe. */
  private readonly bound = new Map<string, Observe>();
  private readonly names = new Set<string>();

  constructor(metrics: ServiceMetrics, figures: GatewayFigures) {
    this.operations = metrics.histogram('vidhub_gateway_operation_duration_seconds', 'GraphQL operations at the gateway (HTTP and graphql-ws), by operation name, type and outcome; subscriptions are observed when they end, with their lifetime.', ['operation', 'type', 'outcome']);
    this.operationErrors = metrics.counter('vidhub_gateway_operation_errors_total', 'Error codes in operation answers, by operation name, type and code (an operation with several codes counts once for each).', ['operation', 'type', 'code']);
    this.fetches = metrics.histogram('vidhub_gateway_subgraph_fetch_duration_seconds', 'Subgraph fetches (query plan steps) by subgraph and outcome: success, error (GraphQL errors or a non-2xx answer), unavailable (no answer), cancelled (the client went away). A fetch merged into one in flight is observed too.', ['subgraph', 'outcome']);
    this.events = metrics.counter('vidhub_gateway_subscription_events_total', 'Events delivered to subscribers over graphql-ws.');
    this.invalidationLag = metrics.histogram('vidhub_gateway_entity_cache_invalidation_lag_seconds', 'Time from a change event\'s publication to the entity cache dropping that entity: how much older than the last stored change a cached value can be.', [], [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5]);
    const cache = figures.entityCache;
    if (cache) {
      metrics.counterFrom('vidhub_gateway_entity_cache_lookups_total', 'Entities the entity cache was asked for, by result: hit (answered from the cache), miss (fetched from the subgraph).', ['result'], () => [
        [{ result: 'hit' }, cache.hits],
        [{ result: 'miss' }, cache.misses],
      ]);
      metrics.counterFrom('vidhub_gateway_entity_cache_invalidations_total', 'Entities dropped from the entity cache by a change event.', [], () => [[{}, cache.invalidations]]);
    }
    metrics.counterFrom('vidhub_gateway_subgraph_requests_total', 'HTTP requests the gateway sent to subgraphs (fetches merged into one in flight are not sent).', [], () => [[{}, figures.fetcher.requests]]);
    metrics.counterFrom('vidhub_gateway_inflight_merged_total', 'Subgraph fetches answered by an identical request already in flight (GATEWAY_MERGE_INFLIGHT).', [], () => [[{}, figures.fetcher.merged]]);
    const shared = figures.sharedEvents;
    if (shared) metrics.counterFrom('vidhub_gateway_subscription_events_shared_total', 'Subscription events answered with the result resolved for another subscriber of the same event (no plan run, no fetch).', [], () => [[{}, shared()]]);
    metrics.gaugeFrom('vidhub_gateway_open_sockets', 'graphql-ws sockets open on this gateway.', [], () => [[{}, figures.openSockets()]]);
    metrics.gaugeFrom('vidhub_gateway_active_subscriptions', 'Subscriptions running on this gateway.', [], () => [[{}, figures.activeSubscriptions()]]);
    metrics.counterFrom('vidhub_gateway_token_verifications_total', 'Access tokens checked, by result: valid (signature verified), cached (verified before, not expired), invalid.', ['result'], () => [
      [{ result: 'valid' }, figures.tokens.valid],
      [{ result: 'cached' }, figures.tokens.cached],
      [{ result: 'invalid' }, figures.tokens.invalid],
    ]);
    metrics.counterFrom('vidhub_gateway_revocation_checks_total', 'Session revocation checks, by where the answer came from (memory, while subscribed to revocations; redis otherwise) and result (revoked, active).', ['source', 'result'], () => [
      [{ source: 'memory', result: 'revoked' }, figures.revocations.memory.revoked],
      [{ source: 'memory', result: 'active' }, figures.revocations.memory.active],
      [{ source: 'redis', result: 'revoked' }, figures.revocations.redis.revoked],
      [{ source: 'redis', result: 'active' }, figures.revocations.redis.active],
    ]);
  }

  /** The label for an operation name: itself while under the cap, else `other`. */
  operationLabel(name: string | null | undefined, resolved: boolean): string {
    if (!resolved || !name) return OTHER_OPERATION;
    if (this.names.has(name)) return name;
    if (this.names.size >= OPERATION_NAME_LIMIT || !LABEL_NAME.test(name)) return OTHER_OPERATION;
    this.names.add(name);
    return name;
  }

  operation(operation: string, type: OperationType, outcome: Outcome, seconds: number, codes: readonly string[]): void {
    const key = `${operation}\u0000${type}\u0000${outcome}`;
    let observe = this.bound.get(key);
    if (!observe) {
      observe = this.operations.labels({ operation, type, outcome }).observe;
      this.bound.set(key, observe);
    }
    observe(seconds);
    for (const code of codes) this.operationErrors.inc({ operation, type, code: knownCode(code) });
  }

  /** Observers for one subgraph's fetches, bound once per data source. */
  fetchObservers(subgraph: string): Record<FetchOutcome, Observe> {
    const bind = (outcome: FetchOutcome) => this.fetches.labels({ subgraph, outcome }).observe;
    return { success: bind('success'), error: bind('error'), unavailable: bind('unavailable'), cancelled: bind('cancelled') };
  }

  entityCacheInvalidated(lagSeconds: number): void {
    this.invalidationLag.observe(lagSeconds);
  }

  subscriptionEvent(): void {
    this.events.inc();
  }
}
