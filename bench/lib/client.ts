/**
 * The client side of a benchmark: GraphQL over HTTP (JSON and the multipart
 * request spec), a bounded pool for work in flight, a clock, and the small
 * helpers every script needs. Kept free of `node:test` and of the test
 * harness, which would start a stack in this process.
 */
import { performance } from 'node:perf_hooks';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { gql as sendGql, gqlUpload, type GraphQLResponse } from '../../testing/client.js';
import { RegisterAccountDocument } from '../../testing/__generated__/operations.js';

/** Milliseconds since the epoch with sub-millisecond resolution; comparable across this process only. */
export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type GqlResult<T> = GraphQLResponse<T>;

export interface GqlOptions {
  /** Access token (`authorization: Bearer`). */
  token?: string;
  headers?: Record<string, string>;
}

/** JSON GraphQL over HTTP, as the tests send it (testing/client.ts): a typed document, or a string where the text itself is measured. */
export function gql<T, V extends Record<string, unknown>>(url: string, document: TypedDocumentNode<T, V>, variables: V, opts?: GqlOptions): Promise<GqlResult<T>>;
export function gql<T>(url: string, query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResult<T>>;
export function gql<T>(url: string, document: TypedDocumentNode<T, Record<string, unknown>> | string, variables: Record<string, unknown> = {}, opts: GqlOptions = {}): Promise<GqlResult<T>> {
  return sendGql<T, Record<string, unknown>>(url, document, variables, opts);
}
export { gqlUpload };

/** The data of a result, or an error naming the operation and what the server said. */
export function must<T>(what: string, r: GqlResult<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`${what} failed (HTTP ${r.status}): ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the items' order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export interface Account {
  id: string;
  username: string;
  token: string;
}

export const BENCH_PASSWORD = 'bench-pass-word-99';

/** A new account through the gateway; its access token is the one `register` returns. */
export async function register(url: string, username: string, displayName?: string): Promise<Account> {
  const data = must('register', await gql(url, RegisterAccountDocument, { username, password: BENCH_PASSWORD, displayName: displayName ?? null }));
  return { id: data.register.user.id, username, token: data.register.accessToken! };
}

/** Integer command-line option with a lower bound, e.g. `int(values, 'size-mb', 1)`. */
export function intOption<K extends string>(values: Partial<Record<K, string | boolean | undefined>>, name: K, min: number): number {
  const raw = values[name];
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got ${String(raw)})`);
  return n;
}

export const MiB = 1024 * 1024;
/** Throughput in MB/s (10^6 bytes per second, as network and disk speeds are usually given). */
export const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

/** Prints progress on stderr, prefixed with the seconds since `t0`, so stdout holds only the report. */
export function progressLogger(t0 = Date.now()): (s: string) => void {
  return (s) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}\n`);
}
