/**
 * The search port: what the search subgraph and the index sync pipeline need from a
 * full-text index, independent of the engine behind it.
 *
 * Two adapters implement it: Elasticsearch in production (`elasticsearch/`) and an
 * in-process MiniSearch index when `ELASTICSEARCH_URL` is unset (`embedded/`). One
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
 * - Reads (`get`, `search`, `suggest`, `related`, `popular`, `count`) see live documents
 *   only: a tombstone never comes back from any of them.
 * - Ordering is deterministic: equal scores fall back to the newest `createdAt` (a
 *   document without one counts as oldest), then to the id, so that both engines
 *   answer the same list for the same data.
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
  /**
   * Live documents of a kind by id, in the order asked; tombstoned and unknown ids are
   * left out (so the answer is not aligned with `ids`; an id asked twice comes back
   * twice). Each document holds only its kind's fields, as written. One round trip
   * (mget / map lookups). Throws RangeError on an unknown kind.
   */
  get(kind: SearchKind, ids: readonly string[]): Promise<SearchDocument[]>;
  /**
   * Videos related to a video: shared tags weigh most, then the same uploader, then
   * similar title/description text (more-like-this). The video itself and tombstones
   * are excluded; an unknown video gives []. Hits carry no highlights.
   *
   * Score: RELATED_WEIGHTS.tag per shared tag (case-insensitive) + RELATED_WEIGHTS.uploader
   * for the same uploaderName (exact) + a text similarity saturated below
   * RELATED_WEIGHTS.text, so that any shared tag outranks the same uploader and the same
   * uploader outranks any text match.
   * @default size 10, at most 50 (RangeError outside 1..50)
   */
  related(videoId: string, size?: number): Promise<SearchHit[]>;
  /**
   * Videos by popularity (highest first, a video without one last), ties newest first
   * (createdAt), then by id; optionally only those created at or after `since` (ISO
   * 8601; videos without createdAt are then left out). A hit's score is its popularity
   * (0 when unset); hits carry no highlights.
   * @default size 10, at most 50 (RangeError outside 1..50, or on a malformed `since`)
   */
  popular(q: { size?: number; since?: string }): Promise<SearchHit[]>;
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
/** related and popular. */
export const DEFAULT_LIST_SIZE = 10;
export const MAX_LIST_SIZE = 50;

/** What each kind of relatedness adds to a related video's score (see SearchIndex.related). */
export const RELATED_WEIGHTS = { tag: 3, uploader: 2, text: 1 } as const;
/** The text similarity s counts as RELATED_WEIGHTS.text * s / (s + pivot): half the weight at s = pivot. */
export const RELATED_TEXT_PIVOT = 5;
/** Fields compared by more-like-this, in this order. */
export const RELATED_TEXT_FIELDS = ['title', 'description'] as const satisfies readonly TextField[];
/**
 * Elasticsearch's `ignore_above` on keyword sub-fields: longer values are not indexed
 * there, so a longer tag or uploader name never matches in `related` on either engine.
 */
export const KEYWORD_IGNORE_ABOVE = 256;
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
  if (doc.createdAt !== undefined && !isIsoDate(doc.createdAt)) {
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

/** Size of a related or popular list; throws RangeError like pageOf. */
export function listSizeOf(size: number | undefined): number {
  const n = size ?? DEFAULT_LIST_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIST_SIZE) {
    throw new RangeError(`size must be an integer from 1 to ${MAX_LIST_SIZE}, got ${n}`);
  }
  return n;
}

/** Whether an id can name a stored document at all; `get` leaves out the others without asking the engine. */
export function isLookupId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && Buffer.byteLength(id) <= MAX_ID_BYTES;
}

/** Whether a string passes the createdAt validation (ISO 8601 date or date-time). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(isoMillis(value));
}

/**
 * Milliseconds of a validated ISO date the way Elasticsearch reads it: a date-time
 * without an offset is UTC (JavaScript would take it as local time), and digits past
 * milliseconds are dropped.
 */
export function isoMillis(value: string): number {
  const zoned = /T[\d:.]+$/.test(value) ? `${value}Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(zoned);
}

/** The `since` of a popular query as canonical UTC ISO, or undefined; throws RangeError when malformed. */
export function sinceOf(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  if (!isIsoDate(since)) throw new RangeError(`since must be an ISO 8601 date, got ${JSON.stringify(since)}`);
  return new Date(isoMillis(since)).toISOString();
}

/** The tags `related` compares: lowercased, distinct, non-empty, at most KEYWORD_IGNORE_ABOVE long. */
export function relatedTags(doc: SearchDocument): string[] {
  const tags = (doc.tags ?? []).filter((t) => t.length > 0 && t.length <= KEYWORD_IGNORE_ABOVE);
  return [...new Set(tags.map((t) => t.toLowerCase()))];
}

/** The uploader `related` compares (exact), or undefined when empty or too long to be indexed. */
export function relatedUploader(doc: SearchDocument): string | undefined {
  const name = doc.uploaderName;
  return name && name.length <= KEYWORD_IGNORE_ABOVE ? name : undefined;
}

/** RELATED_WEIGHTS.text * s / (s + RELATED_TEXT_PIVOT): Elasticsearch's painless `saturation`, weighted. */
export function relatedTextScore(similarity: number): number {
  return similarity > 0 ? (RELATED_WEIGHTS.text * similarity) / (similarity + RELATED_TEXT_PIVOT) : 0;
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
