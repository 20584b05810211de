/**
 * The search port: what the search subgraph and the index sync pipeline need from a
 * full-text index, independent of the engine behind it.
 *
 * Two adapters implement it: Elasticsearch in production (`elasticsearch.ts`) and an
 * in-process MiniSearch index when `ELASTICSEARCH_URL` is unset (`embedded.ts`). One
 * contract test suite (`contract.test.ts`) holds both to the rules below.
 *
 * Rules every adapter keeps:
 * - Versions (external versioning). Each write carries the source document's
 *   monotonic version; a write whose version is lower than or equal to the stored one
 *   is skipped and reported `{ ok: true, skipped: 'stale' }`. Events arrive at least
 *   once and possibly out of order, so replays and late events are harmless.
 * - Deletes leave a tombstone carrying the delete's version. An upsert with a lower or
 *   equal version is stale (a late update never resurrects a deleted document); an
 *   upsert with a higher version restores the document, because the source must have
 *   re-created or un-deleted it after the delete.
 * - Invalid input (unknown kind, empty id, version that is not a non-negative safe
 *   integer, malformed createdAt) fails that item alone: `{ ok: false, error }`.
 *   Fields of the other kind (e.g. `username` on a video) are ignored.
 * - Highlight fragments are HTML-escaped text in which only the `<em>`/`</em>` tags
 *   are markup, so a client may insert them as HTML.
 * - `kinds` undefined or empty means every kind.
 * - Infrastructure failures (engine unreachable) reject the whole call, so that a sync
 *   consumer does not acknowledge events that were never written.
 */

export type SearchKind = 'video' | 'user';

export interface SearchDocument {
  kind: SearchKind;
  id: string;
  /** Monotonic version of the source document; the index keeps the highest (external versioning). */
  version: number;
  title?: string;
  description?: string;
  tags?: string[];
  uploaderName?: string; // videos
  username?: string;
  displayName?: string;
  bio?: string; // users
  popularity?: number;
  createdAt?: string; // ISO
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  score: number;
  highlights: { field: string; fragments: string[] }[];
}

export interface WriteResult {
  id: string;
  kind: SearchKind;
  ok: boolean;
  skipped?: 'stale';
  error?: string;
}

export interface SearchQuery {
  text: string;
  kinds?: SearchKind[];
  /** @default 0 */
  from?: number;
  /** @default 10, at most 100; from + size at most 10,000 */
  size?: number;
}

export interface Suggestion {
  text: string;
  kind: SearchKind;
  id: string;
}

export interface SearchIndex {
  /** Creates indices/mappings if missing; fails clearly on an incompatible mapping. */
  ensureReady(): Promise<void>;
  /** Bulk write; a doc whose version <= stored version is skipped (ok: true, skipped: 'stale'). */
  upsert(docs: SearchDocument[]): Promise<WriteResult[]>;
  /** Versioned delete, kept as a tombstone so that an older upsert cannot resurrect the document. */
  remove(items: { kind: SearchKind; id: string; version: number }[]): Promise<WriteResult[]>;
  /** Multi-field, boosted, typo-tolerant search with `<em>` highlights. */
  search(q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }>;
  /** Completion over video titles, tags and usernames, most popular first. @default size 5, at most 20 */
  suggest(prefix: string, size?: number): Promise<Suggestion[]>;
  /** Live documents (tombstones excluded), of one kind or all. */
  count(kind?: SearchKind): Promise<number>;
  /** Drops every document and tombstone (reindex, tests). Not meant to run concurrently with writes. */
  clear(): Promise<void>;
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

/* ---- Shared by the adapters, so that both apply the same rules and limits. ---- */

export const SEARCH_KINDS: readonly SearchKind[] = ['video', 'user'];

export type TextField = 'title' | 'description' | 'tags' | 'uploaderName' | 'username' | 'displayName' | 'bio';

/** Names and handles outweigh free text: a query for "alice" should rank @alice above a bio that mentions her. */
export const FIELD_BOOSTS: Readonly<Record<TextField, number>> = {
  title: 3,
  tags: 2,
  username: 3,
  displayName: 2,
  uploaderName: 1,
  description: 1,
  bio: 1,
};

export const KIND_FIELDS: Readonly<Record<SearchKind, readonly TextField[]>> = {
  video: ['title', 'description', 'tags', 'uploaderName'],
  user: ['username', 'displayName', 'bio'],
};

/** Fields short enough to highlight whole; the others are cut into fragments. */
export const WHOLE_FIELDS: ReadonlySet<TextField> = new Set(['title', 'tags', 'uploaderName', 'username', 'displayName']);
export const FRAGMENT_SIZE = 150;
export const MAX_FRAGMENTS = 3;

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
/** Elasticsearch's default index.max_result_window; the embedded index applies it too so that both agree. */
export const MAX_RESULT_WINDOW = 10_000;
export const DEFAULT_SUGGEST_SIZE = 5;
export const MAX_SUGGEST_SIZE = 20;
/** Elasticsearch's limit on `_id`. */
const MAX_ID_BYTES = 512;
/** Completion weights are Java ints. */
const MAX_WEIGHT = 2 ** 31 - 1;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function docKey(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

/** Why an item cannot be written, or undefined when it can. */
export function invalidItem(item: { kind: unknown; id: unknown; version: unknown }): string | undefined {
  if (item.kind !== 'video' && item.kind !== 'user') return `kind must be "video" or "user", got ${JSON.stringify(item.kind)}`;
  if (typeof item.id !== 'string' || item.id.length === 0) return 'id must be a non-empty string';
  if (Buffer.byteLength(item.id) > MAX_ID_BYTES) return `id must be at most ${MAX_ID_BYTES} bytes`;
  if (typeof item.version !== 'number' || !Number.isSafeInteger(item.version) || item.version < 0) {
    return `version must be a non-negative integer, got ${String(item.version)}`;
  }
  return undefined;
}

export function invalidDocument(doc: SearchDocument): string | undefined {
  const basic = invalidItem(doc);
  if (basic) return basic;
  for (const field of KIND_FIELDS[doc.kind]) {
    const value = doc[field];
    if (value === undefined || value === null) continue;
    if (field === 'tags') {
      if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) return 'tags must be an array of strings';
    } else if (typeof value !== 'string') {
      return `${field} must be a string`;
    }
  }
  if (doc.popularity !== undefined && (typeof doc.popularity !== 'number' || !Number.isFinite(doc.popularity))) {
    return 'popularity must be a finite number';
  }
  if (doc.createdAt !== undefined && (!ISO_DATE.test(doc.createdAt) || Number.isNaN(Date.parse(doc.createdAt)))) {
    return `createdAt must be an ISO 8601 date, got ${JSON.stringify(doc.createdAt)}`;
  }
  return undefined;
}

/** Copy holding only the fields of the document's kind. */
export function projectDocument(doc: SearchDocument): SearchDocument {
  const out: SearchDocument = { kind: doc.kind, id: doc.id, version: doc.version };
  for (const field of KIND_FIELDS[doc.kind]) {
    const value = doc[field];
    if (value === undefined || value === null) continue;
    if (field === 'tags') out.tags = [...(value as string[])];
    else out[field] = value as string;
  }
  if (doc.popularity !== undefined) out.popularity = doc.popularity;
  if (doc.createdAt !== undefined) out.createdAt = doc.createdAt;
  return out;
}

/** Validated paging; throws RangeError (a caller bug or unchecked user input, not an engine failure). */
export function pageOf(q: SearchQuery): { from: number; size: number } {
  const from = q.from ?? 0;
  const size = q.size ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(from) || from < 0) throw new RangeError(`from must be a non-negative integer, got ${from}`);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new RangeError(`size must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${size}`);
  }
  if (from + size > MAX_RESULT_WINDOW) throw new RangeError(`from + size must be at most ${MAX_RESULT_WINDOW}`);
  return { from, size };
}

export function suggestSizeOf(size: number | undefined): number {
  const n = size ?? DEFAULT_SUGGEST_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SUGGEST_SIZE) {
    throw new RangeError(`suggest size must be an integer from 1 to ${MAX_SUGGEST_SIZE}, got ${n}`);
  }
  return n;
}

export function kindsOf(kinds: SearchKind[] | undefined): SearchKind[] {
  if (!kinds || kinds.length === 0) return [...SEARCH_KINDS];
  for (const kind of kinds) {
    if (!SEARCH_KINDS.includes(kind)) throw new RangeError(`unknown search kind ${JSON.stringify(kind)}`);
  }
  return SEARCH_KINDS.filter((k) => kinds.includes(k));
}

/** What completion offers for a document: video titles and tags, usernames. */
export function suggestInputs(doc: SearchDocument): string[] {
  const inputs = doc.kind === 'video' ? [doc.title, ...(doc.tags ?? [])] : [doc.username];
  return [...new Set(inputs.map((s) => s?.trim()).filter((s): s is string => !!s))];
}

export function suggestWeight(doc: SearchDocument): number {
  return Math.min(MAX_WEIGHT, Math.max(0, Math.round(doc.popularity ?? 0)));
}

export function escapeHtml(text: string): string {
  // The same characters Lucene's SimpleHTMLEncoder (Elasticsearch `encoder: 'html'`) escapes.
  return text.replace(/[&<>"'/]/g, (c) => HTML_ESCAPES[c] ?? c);
}
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '/': '&#x2F;',
};
