/**
 * One resolution of an event for all its subscribers.
 *
 * A chat message reaches every member's subscription at about the same moment,
 * each as that member's own upstream subscription (gateway/transport/ws.ts), so
 * the bridge sees the same event once per subscriber. When the rest of a
 * subscription's plan fetches nothing that depends on the viewer (every fetch
 * is an entity fetch of @viewerIndependent fields, gateway/viewerIndependent.ts,
 * of a type the entity cache watches), the resolved event depends only on the
 * operation, its variables and the event's data: the first subscriber resolves
 * it, and the others with the same operation, variables and event data are
 * answered with that result instead of running the plan again.
 *
 * When a result is reused (once resolved, or by the subscribers that arrive
 * while it resolves):
 * - only if it resolved without errors: one subscriber's failed fetch (a
 *   timeout, a cut connection) is not handed to the others, who resolve the
 *   event themselves;
 * - only while the entity cache is live and no entity of a watched type has
 *   changed since the resolution started (the cache's `version`): a change
 *   of a user or a video makes every later event resolve afresh, so a reused
 *   result is never staler than an answer of the entity cache itself;
 * - at most REUSE_MS after it was resolved: the subscribers of one event
 *   receive it within that, and an identical event later is resolved again.
 *
 * What stays per subscriber: the event's data (a field resolved per viewer by
 * the owning subgraph differs between subscribers, and so does the key), its
 * access line and count, and the errors shaped for it.
 */
import { LRUCache } from 'lru-cache';
import type { ExecutionResult } from 'graphql';

/** How long a resolved event may answer other subscribers of it. @default 2 s */
const REUSE_MS = 2_000;
/** Resolved events kept at most (each is one event of one operation). @default 2,000 */
const MAX_KEPT = 2_000;

/** What the bridge needs of the entity cache (gateway/entityCache.ts). */
export interface EntityVersion {
  /** Changes whenever a cached entity may have changed; undefined while the cache is not in use. */
  readonly version: number | undefined;
  /** Whether changes to entities of this type are watched. */
  watches(typename: string): boolean;
}

interface Kept {
  result: ExecutionResult;
  version: number;
  at: number;
}

export interface SharedEventStats {
  /** Events answered with a result resolved for another subscriber (only grows). */
  reused: number;
}

export class SharedEvents {
  private readonly kept = new LRUCache<string, Kept>({ max: MAX_KEPT });
  /** Resolutions under way, by key. */
  private readonly resolving = new Map<string, { promise: Promise<ExecutionResult>; version: number }>();

  constructor(
    private readonly entities: EntityVersion,
    private readonly stats: SharedEventStats = { reused: 0 },
    private readonly now: () => number = Date.now,
  ) {}

  /** The result kept for `key`, if one may answer now (resolved, nothing watched changed since, recent). Not counted: the caller counts it once it is used (`stats`). */
  reusable(key: string): ExecutionResult | undefined {
    const version = this.entities.version;
    if (version === undefined) return undefined;
    const kept = this.kept.get(key);
    if (!kept || kept.version !== version || this.now() - kept.at >= REUSE_MS) return undefined;
    return kept.result;
  }

  /** The result for `key`: a reuse of one resolved for another subscriber, or `resolve()` now (kept for others when it succeeds). */
  async resolve(key: string, resolve: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    const version = this.entities.version;
    if (version === undefined) return resolve();
    const reused = this.reusable(key);
    if (reused) {
      this.stats.reused++;
      return reused;
    }
    // Subscribers whose copies of the event arrive together (one upstream socket delivers them in one read) wait for the first one's resolution.
    const running = this.resolving.get(key);
    if (running && running.version === version) {
      const result = await running.promise;
      if (this.usable(result, version)) {
        this.stats.reused++;
        return result;
      }
      return resolve();
    }
    const promise = resolve();
    this.resolving.set(key, { promise, version });
    try {
      const result = await promise;
      if (this.usable(result, version)) this.kept.set(key, { result, version, at: this.now() });
      return result;
    } finally {
      if (this.resolving.get(key)?.promise === promise) this.resolving.delete(key);
    }
  }

  /** A result may answer others only if it has no errors and nothing changed while it resolved: an answer read before a change is not handed on. */
  private usable(result: ExecutionResult, version: number): boolean {
    return !result.errors?.length && this.entities.version === version;
  }
}
