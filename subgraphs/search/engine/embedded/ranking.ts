/**
 * `related` and `popular` of the embedded index, in the same order as Elasticsearch's.
 *
 * `related` mirrors Elasticsearch's query (see ../elasticsearch/index.ts): the same tag, uploader
 * and saturated text weights, and for the text part the more_like_this term selection
 * (per field, the 25 terms of highest tf-idf) and its default minimum_should_match of 30%
 * of those terms, scored here by MiniSearch instead of Lucene's BM25.
 */
import {
  docKey,
  isLookupId,
  listSizeOf,
  RELATED_TEXT_FIELDS,
  RELATED_WEIGHTS,
  relatedTextScore,
  sinceOf,
  type SearchDocument,
  type SearchHit,
} from '../port.js';
import type { EmbeddedDocuments } from './documents.js';
import { fieldTerms } from './tokenizer.js';

/** Elasticsearch's more_like_this defaults, which the embedded index imitates. */
const MLT_MAX_QUERY_TERMS = 25;
const MLT_MINIMUM_SHOULD_MATCH_PERCENT = 30;

/** Videos like `videoId`: shared tags, the same uploader, similar title and description. */
export function relatedVideos(store: EmbeddedDocuments, videoId: string, size: number | undefined): SearchHit[] {
  const n = listSizeOf(size);
  const key = isLookupId(videoId) ? docKey('video', videoId) : undefined;
  const video = key ? store.docs.get(key) : undefined;
  const own = key ? store.facets.get(key) : undefined;
  if (!key || !video || !own) return [];
  const scores = new Map<string, number>();
  if (own.tags.size || own.uploader !== undefined) {
    for (const [otherKey, other] of store.facets) {
      if (otherKey === key) continue;
      let score = 0;
      for (const tag of other.tags) if (own.tags.has(tag)) score += RELATED_WEIGHTS.tag;
      if (own.uploader !== undefined && other.uploader === own.uploader) score += RELATED_WEIGHTS.uploader;
      if (score > 0) scores.set(otherKey, score);
    }
  }
  for (const [otherKey, similarity] of textSimilarities(store, video, key)) {
    scores.set(otherKey, (scores.get(otherKey) ?? 0) + relatedTextScore(similarity));
  }
  const candidates = [...scores].map(([otherKey, score]) => ({ key: otherKey, score, ...store.facets.get(otherKey)! }));
  return topN(candidates, n, (a, b) => b.score - a.score || newestThenId(a, b)).map((c) => ({
    kind: 'video',
    id: c.id,
    score: c.score,
    highlights: [],
  }));
}

/** The most popular videos, optionally only those created since `q.since`. */
export function popularVideos(store: EmbeddedDocuments, q: { size?: number; since?: string }): SearchHit[] {
  const n = listSizeOf(q.size);
  const since = sinceOf(q.since);
  const sinceMs = since === undefined ? -Infinity : Date.parse(since);
  // Videos without createdAt have createdMs -Infinity: left out by any `since`.
  const candidates = since === undefined ? store.facets.values() : [...store.facets.values()].filter((f) => f.createdMs >= sinceMs);
  // A video without popularity (-Infinity here) comes after every other, as Elasticsearch's missing: _last.
  return topN(candidates, n, (a, b) => b.popularity - a.popularity || newestThenId(a, b)).map((f) => ({
    kind: 'video',
    id: f.id,
    score: f.popularity === -Infinity ? 0 : f.popularity,
    highlights: [],
  }));
}

/**
 * MiniSearch similarity of other live videos to `video`'s title and description, with
 * Elasticsearch's more_like_this term selection: per field, the video's terms ranked by
 * tf-idf (at most MLT_MAX_QUERY_TERMS), of which a match needs 30% (at least one).
 */
function textSimilarities(store: EmbeddedDocuments, video: SearchDocument, key: string): Map<string, number> {
  const selected = RELATED_TEXT_FIELDS.map((field) => ({ field, terms: likeTerms(store, video[field], field) }));
  const clauses = selected.reduce((sum, { terms }) => sum + terms.length, 0);
  const needed = Math.max(1, minimumShouldMatch(clauses, MLT_MINIMUM_SHOULD_MATCH_PERCENT));
  const matched = new Map<string, { clauses: number; score: number }>();
  for (const { field, terms } of selected) {
    if (terms.length === 0) continue;
    const results = store.mini.search(
      { combineWith: 'OR', queries: terms },
      { fields: [field], fuzzy: false, prefix: false, boost: {}, filter: (r) => r.kind === 'video' && r.id !== key },
    );
    for (const r of results) {
      const entry = matched.get(r.id as string) ?? { clauses: 0, score: 0 };
      // Exact matching only, so queryTerms are exactly the matched clauses of this field.
      entry.clauses += r.queryTerms.length;
      entry.score += r.score;
      matched.set(r.id as string, entry);
    }
  }
  const out = new Map<string, number>();
  for (const [otherKey, { clauses: n, score }] of matched) if (n >= needed && score > 0) out.set(otherKey, score);
  return out;
}

/** The field's distinct terms, cut to the MLT_MAX_QUERY_TERMS of highest tf-idf (Lucene's ClassicSimilarity idf). */
function likeTerms(store: EmbeddedDocuments, value: string | undefined, field: string): string[] {
  const tf = fieldTerms(value);
  if (tf.size <= MLT_MAX_QUERY_TERMS) return [...tf.keys()];
  // Elasticsearch counts every document of the videos index, tombstones included.
  let numDocs = 0;
  for (const k of store.versions.keys()) if (k.startsWith('video:')) numDocs++;
  const counts = store.docFreqs.get(field)!;
  const scored = [...tf].map(([term, freq]) => {
    const docFreq = counts.get(term) ?? 0;
    return { term, score: freq * (Math.log((numDocs + 1) / (docFreq + 1)) + 1) };
  });
  scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return scored.slice(0, MLT_MAX_QUERY_TERMS).map((s) => s.term);
}

/** Elasticsearch's Queries.calculateMinShouldMatch for "N%", float arithmetic included. */
function minimumShouldMatch(clauses: number, percent: number): number {
  return Math.min(clauses, Math.trunc(Math.fround(Math.fround(clauses * percent) * Math.fround(1 / 100))));
}

/** The port's tie-break: newest first, then id in Elasticsearch's keyword order. */
function newestThenId(a: { createdMs: number; id: string }, b: { createdMs: number; id: string }): number {
  if (a.createdMs !== b.createdMs) return a.createdMs < b.createdMs ? 1 : -1;
  return compareCodePoints(a.id, b.id);
}

/** The first `n` items in `compare` order (a total order), without sorting them all. */
function topN<T>(items: Iterable<T>, n: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, top[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}

/** UTF-8 byte order, which is how Elasticsearch sorts keywords (UTF-16 order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const diff = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (diff) return diff;
  }
}
