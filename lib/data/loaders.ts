/**
 * Per-request batching ("merge requests"): every entity lookup of a request
 * goes through a DataLoader built here, so N lookups of one type in one tick
 * become one store query (`IN (...)` / `$in`). A loader lives for one request
 * only: its cache never serves one request's data to another. Across requests,
 * hot entity types are merged further by a Coalescer (coalescer.ts) passed in
 * as the fetch function.
 */
import DataLoader from 'dataloader';
import type { CoalescerOptions } from './coalescer.js';
import type { Config } from '../config.js';

export function entityLoader<T extends { id: string }>(
  fetchByIds: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetchByIds(ids)).map((item) => [item.id, item]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** The coalescer settings from configuration. */
export function coalescerOptions(config: Config): CoalescerOptions {
  return {
    enabled: config.COALESCE_ENABLED,
    thresholdPerSecond: config.COALESCE_THRESHOLD_PER_SECOND,
    rateWindowMs: config.COALESCE_RATE_WINDOW_MS,
    windowMs: config.COALESCE_WINDOW_MS,
    maxWaitMs: config.COALESCE_MAX_WAIT_MS,
  };
}
