/**
 * Per-request batching ("merge requests"): every entity lookup of a request
 * goes through a DataLoader built here, so N lookups of one type in one tick
 * become one store query (`IN (...)` / `$in`). A loader lives for one request
 * only: its cache never serves one request's data to another.
 */
import DataLoader from 'dataloader';

export function entityLoader<T extends { id: string }>(
  fetchByIds: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetchByIds(ids)).map((item) => [item.id, item]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
