/**
 * The embedded search index: MiniSearch in the process, used when ELASTICSEARCH_URL is
 * unset (no search server can be installed on a machine without Docker).
 *
 * It keeps the port's rules exactly (see port.ts): versions and tombstones live in maps
 * beside the MiniSearch index, which by itself knows nothing about versions. The
 * tokenizer approximates Elasticsearch's standard analyzer (letters and digits form
 * words, each Han/Hiragana character is a word of its own, lowercase, accents folded)
 * so that both adapters find the same documents for the same query.
 *
 * `related` mirrors Elasticsearch's query (see elasticsearch.ts): the same tag, uploader
 * and saturated text weights, and for the text part the more_like_this term selection
 * (per field, the 25 terms of highest tf-idf) and its default minimum_should_match of 30%
 * of those terms, scored here by MiniSearch instead of Lucene's BM25.
 *
 * Persistence: a JSON snapshot of the documents and tombstones (not of MiniSearch's
 * internal structure, so a MiniSearch upgrade never strands a snapshot; rebuilding is
 * linear in the number of documents). Writes are in memory first; the snapshot follows
 * a few seconds later and on dispose. A crash can lose the last autosave interval,
 * which a reindex from the source services restores.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  docKey,
  escapeHtml,
  FIELD_BOOSTS,
  FRAGMENT_SIZE,
  invalidDocument,
  invalidItem,
  isLookupId,
  isoMillis,
  KIND_FIELDS,
  kindsOf,
  listSizeOf,
  MAX_FRAGMENTS,
  pageOf,
  projectDocument,
  RELATED_TEXT_FIELDS,
  RELATED_WEIGHTS,
  relatedTags,
  relatedTextScore,
  relatedUploader,
  sinceOf,
  suggestInputs,
  suggestSizeOf,
  suggestWeight,
  WHOLE_FIELDS,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
  type Suggestion,
  type TextField,
  type WriteResult,
} from './port.js';

export interface EmbeddedIndexOptions {
  /** JSON snapshot loaded on start (if present) and saved on dispose. @default none: memory only */
  snapshotFile?: string;
  /** Save the snapshot this long after the first unsaved write; 0 saves only on dispose. @default 5000 */
  autosaveMs?: number;
}

export interface EmbeddedSearchIndex extends SearchIndex {
  /** Writes the snapshot now (no-op without snapshotFile or unsaved changes). */
  save(): Promise<void>;
}

const SNAPSHOT_FORMAT = 'vidhub-search-snapshot';
const SNAPSHOT_FORMAT_VERSION = 1;

interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  savedAt: string;
  documents: SearchDocument[];
  tombstones: { kind: SearchKind; id: string; version: number }[];
}

/** Highlight order: the strongest fields first, as a reader scans a result. */
const FIELD_ORDER = (Object.keys(FIELD_BOOSTS) as TextField[]).sort((a, b) => FIELD_BOOSTS[b] - FIELD_BOOSTS[a]);

export async function createEmbeddedIndex(opts: EmbeddedIndexOptions = {}): Promise<EmbeddedSearchIndex> {
  const snapshotFile = opts.snapshotFile ? path.resolve(opts.snapshotFile) : undefined;
  const autosaveMs = opts.autosaveMs ?? 5_000;

  const mini = newMiniSearch();
  /** Live documents by docKey: the source for highlights, suggestions and the snapshot. */
  const docs = new Map<string, SearchDocument>();
  /** Highest version seen per docKey, live or deleted; a key here but not in `docs` is a tombstone. */
  const versions = new Map<string, number>();
  /** Completion inputs with their normalized form, computed once per write rather than per keystroke. */
  const suggestions = new Map<string, { text: string; normalized: string }[]>();
  /** What related and popular compare, per live video, computed once per write rather than per query. */
  const facets = new Map<string, VideoFacets>();
  /** Per text field of related, in how many live videos each term occurs: more_like_this's docFreq. */
  const docFreqs = new Map<string, Map<string, number>>(RELATED_TEXT_FIELDS.map((field) => [field, new Map()]));

  let dirty = false;
  let disposed = false;
  let autosaveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  if (snapshotFile) {
    const snapshot = await readSnapshot(snapshotFile);
    if (snapshot) {
      for (const doc of snapshot.documents) putLive(doc);
      for (const t of snapshot.tombstones) versions.set(docKey(t.kind, t.id), t.version);
    }
  }

  function countTerms(doc: SearchDocument | undefined, delta: 1 | -1): void {
    if (doc?.kind !== 'video') return;
    for (const [field, counts] of docFreqs) {
      for (const term of fieldTerms(doc[field as TextField] as string | undefined).keys()) {
        const n = (counts.get(term) ?? 0) + delta;
        if (n > 0) counts.set(term, n);
        else counts.delete(term);
      }
    }
  }

  function putLive(doc: SearchDocument): void {
    const key = docKey(doc.kind, doc.id);
    if (docs.has(key)) mini.discard(key);
    countTerms(docs.get(key), -1);
    countTerms(doc, 1);
    mini.add({ ...doc, key });
    docs.set(key, doc);
    versions.set(key, doc.version);
    suggestions.set(
      key,
      suggestInputs(doc).map((text) => ({ text, normalized: normalizeText(text) })),
    );
    if (doc.kind === 'video') {
      facets.set(key, {
        id: doc.id,
        tags: new Set(relatedTags(doc)),
        uploader: relatedUploader(doc),
        popularity: doc.popularity ?? -Infinity,
        createdMs: doc.createdAt ? isoMillis(doc.createdAt) : -Infinity,
      });
    }
  }

  function putTombstone(kind: SearchKind, id: string, version: number): void {
    const key = docKey(kind, id);
    if (docs.has(key)) mini.discard(key);
    countTerms(docs.get(key), -1);
    docs.delete(key);
    suggestions.delete(key);
    facets.delete(key);
    versions.set(key, version);
  }

  function changed(): void {
    dirty = true;
    if (!snapshotFile || autosaveMs <= 0 || autosaveTimer) return;
    autosaveTimer = setTimeout(() => {
      autosaveTimer = undefined;
      // A failed autosave leaves `dirty` set: the next one or dispose retries, and dispose reports it.
      save().catch(() => {});
    }, autosaveMs);
    // Pending persistence must not keep a finished process alive; dispose saves anyway.
    autosaveTimer.unref();
  }

  function save(): Promise<void> {
    saving = saving.then(async () => {
      if (!snapshotFile || !dirty) return;
      dirty = false;
      const snapshot: Snapshot = {
        format: SNAPSHOT_FORMAT,
        formatVersion: SNAPSHOT_FORMAT_VERSION,
        savedAt: new Date().toISOString(),
        documents: [...docs.values()],
        tombstones: [...versions]
          .filter(([key]) => !docs.has(key))
          .map(([key, version]) => {
            const [kind, ...rest] = key.split(':');
            return { kind: kind as SearchKind, id: rest.join(':'), version };
          }),
      };
      try {
        await writeFileAtomic(snapshotFile, JSON.stringify(snapshot));
      } catch (err) {
        dirty = true;
        throw err;
      }
    });
    return saving;
  }

  /**
   * MiniSearch similarity of other live videos to `video`'s title and description, with
   * Elasticsearch's more_like_this term selection: per field, the video's terms ranked by
   * tf-idf (at most MLT_MAX_QUERY_TERMS), of which a match needs 30% (at least one).
   */
  function textSimilarities(video: SearchDocument, key: string): Map<string, number> {
    const selected = RELATED_TEXT_FIELDS.map((field) => ({ field, terms: likeTerms(video[field], field) }));
    const clauses = selected.reduce((sum, { terms }) => sum + terms.length, 0);
    const needed = Math.max(1, minimumShouldMatch(clauses, MLT_MINIMUM_SHOULD_MATCH_PERCENT));
    const matched = new Map<string, { clauses: number; score: number }>();
    for (const { field, terms } of selected) {
      if (terms.length === 0) continue;
      const results = mini.search(
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
  function likeTerms(value: string | undefined, field: string): string[] {
    const tf = fieldTerms(value);
    if (tf.size <= MLT_MAX_QUERY_TERMS) return [...tf.keys()];
    // Elasticsearch counts every document of the videos index, tombstones included.
    let numDocs = 0;
    for (const k of versions.keys()) if (k.startsWith('video:')) numDocs++;
    const counts = docFreqs.get(field)!;
    const scored = [...tf].map(([term, freq]) => {
      const docFreq = counts.get(term) ?? 0;
      return { term, score: freq * (Math.log((numDocs + 1) / (docFreq + 1)) + 1) };
    });
    scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    return scored.slice(0, MLT_MAX_QUERY_TERMS).map((s) => s.term);
  }

  function assertOpen(): void {
    if (disposed) throw new Error('the embedded search index has been disposed');
  }

  return {
    async ensureReady() {
      assertOpen();
    },

    async ping() {
      assertOpen();
    },

    async upsert(input) {
      assertOpen();
      const results = input.map((doc): WriteResult => {
        const problem = invalidDocument(doc);
        if (problem) return { id: String(doc.id), kind: doc.kind, ok: false, error: problem };
        const stored = versions.get(docKey(doc.kind, doc.id));
        if (stored !== undefined && doc.version <= stored) return { id: doc.id, kind: doc.kind, ok: true, skipped: 'stale' };
        putLive(projectDocument(doc));
        return { id: doc.id, kind: doc.kind, ok: true };
      });
      if (results.some((r) => r.ok && !r.skipped)) changed();
      return results;
    },

    async remove(items) {
      assertOpen();
      const results = items.map((item): WriteResult => {
        const problem = invalidItem(item);
        if (problem) return { id: String(item.id), kind: item.kind, ok: false, error: problem };
        const stored = versions.get(docKey(item.kind, item.id));
        if (stored !== undefined && item.version <= stored) return { id: item.id, kind: item.kind, ok: true, skipped: 'stale' };
        putTombstone(item.kind, item.id, item.version);
        return { id: item.id, kind: item.kind, ok: true };
      });
      if (results.some((r) => r.ok && !r.skipped)) changed();
      return results;
    },

    async search(q) {
      assertOpen();
      const { from, size } = pageOf(q);
      const kinds = new Set(kindsOf(q.kinds));
      const results = mini.search(q.text, { filter: (r) => kinds.has(r.kind as SearchKind) });
      const hits = results.slice(from, from + size).flatMap((r): SearchHit[] => {
        const doc = docs.get(r.id as string);
        return doc ? [{ kind: doc.kind, id: doc.id, score: r.score, highlights: highlightsFor(doc, r) }] : [];
      });
      return { total: results.length, hits };
    },

    async suggest(prefix, size) {
      assertOpen();
      const n = suggestSizeOf(size);
      const wanted = normalizeText(prefix);
      if (!wanted) return [];
      const found: (Suggestion & { weight: number })[] = [];
      for (const [key, inputs] of suggestions) {
        // One suggestion per document, like Elasticsearch's completion suggester.
        const input = inputs.find((i) => i.normalized.startsWith(wanted));
        const doc = docs.get(key);
        if (input && doc) found.push({ text: input.text, kind: doc.kind, id: doc.id, weight: suggestWeight(doc) });
      }
      found.sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text));
      const seen = new Set<string>();
      const out: Suggestion[] = [];
      for (const s of found) {
        // skip_duplicates: the same text from two documents is one suggestion.
        const textKey = s.text.toLowerCase();
        if (seen.has(textKey)) continue;
        seen.add(textKey);
        out.push({ text: s.text, kind: s.kind, id: s.id });
        if (out.length === n) break;
      }
      return out;
    },

    async get(kind, ids) {
      assertOpen();
      kindsOf([kind]);
      return ids.flatMap((id) => {
        const doc = isLookupId(id) ? docs.get(docKey(kind, id)) : undefined;
        // A copy: callers must not be able to change the index by editing a result.
        return doc ? [projectDocument(doc)] : [];
      });
    },

    async related(videoId, size) {
      assertOpen();
      const n = listSizeOf(size);
      const key = isLookupId(videoId) ? docKey('video', videoId) : undefined;
      const video = key ? docs.get(key) : undefined;
      const own = key ? facets.get(key) : undefined;
      if (!key || !video || !own) return [];
      const scores = new Map<string, number>();
      if (own.tags.size || own.uploader !== undefined) {
        for (const [otherKey, other] of facets) {
          if (otherKey === key) continue;
          let score = 0;
          for (const tag of other.tags) if (own.tags.has(tag)) score += RELATED_WEIGHTS.tag;
          if (own.uploader !== undefined && other.uploader === own.uploader) score += RELATED_WEIGHTS.uploader;
          if (score > 0) scores.set(otherKey, score);
        }
      }
      for (const [otherKey, similarity] of textSimilarities(video, key)) {
        scores.set(otherKey, (scores.get(otherKey) ?? 0) + relatedTextScore(similarity));
      }
      const candidates = [...scores].map(([otherKey, score]) => ({ key: otherKey, score, ...facets.get(otherKey)! }));
      return topN(candidates, n, (a, b) => b.score - a.score || newestThenId(a, b)).map((c) => ({
        kind: 'video',
        id: c.id,
        score: c.score,
        highlights: [],
      }));
    },

    async popular(q) {
      assertOpen();
      const n = listSizeOf(q.size);
      const since = sinceOf(q.since);
      const sinceMs = since === undefined ? -Infinity : Date.parse(since);
      // Videos without createdAt have createdMs -Infinity: left out by any `since`.
      const candidates = since === undefined ? facets.values() : [...facets.values()].filter((f) => f.createdMs >= sinceMs);
      // A video without popularity (-Infinity here) comes after every other, as Elasticsearch's missing: _last.
      return topN(candidates, n, (a, b) => b.popularity - a.popularity || newestThenId(a, b)).map((f) => ({
        kind: 'video',
        id: f.id,
        score: f.popularity === -Infinity ? 0 : f.popularity,
        highlights: [],
      }));
    },

    async count(kind) {
      assertOpen();
      if (kind === undefined) return docs.size;
      let n = 0;
      for (const doc of docs.values()) if (doc.kind === kind) n++;
      return n;
    },

    async clear() {
      assertOpen();
      mini.removeAll();
      docs.clear();
      versions.clear();
      suggestions.clear();
      facets.clear();
      for (const counts of docFreqs.values()) counts.clear();
      changed();
    },

    save,

    async dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(autosaveTimer);
      autosaveTimer = undefined;
      await save();
    },
  };
}

/** Elasticsearch's more_like_this defaults, which the embedded index imitates. */
const MLT_MAX_QUERY_TERMS = 25;
const MLT_MINIMUM_SHOULD_MATCH_PERCENT = 30;

/** Elasticsearch's Queries.calculateMinShouldMatch for "N%", float arithmetic included. */
function minimumShouldMatch(clauses: number, percent: number): number {
  return Math.min(clauses, Math.trunc(Math.fround(Math.fround(clauses * percent) * Math.fround(1 / 100))));
}

interface VideoFacets {
  id: string;
  /** relatedTags: lowercased, distinct. */
  tags: ReadonlySet<string>;
  uploader: string | undefined;
  /** -Infinity when unset, so that it sorts last as Elasticsearch's `missing: '_last'`. */
  popularity: number;
  /** -Infinity when unset: the oldest. */
  createdMs: number;
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

function newMiniSearch(): MiniSearch<SearchDocument & { key: string }> {
  return new MiniSearch<SearchDocument & { key: string }>({
    idField: 'key',
    fields: [...FIELD_ORDER],
    storeFields: ['kind'],
    tokenize: (text) => tokenSpans(text).map(([start, end]) => text.slice(start, end)),
    processTerm: (term) => normalizeTerm(term) || null,
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field];
      // Newlines keep tags apart as words; they are split again for highlighting.
      return Array.isArray(value) ? value.join('\n') : value;
    },
    searchOptions: {
      boost: { ...FIELD_BOOSTS },
      // 0.2 allows one edit in 3-7 letter words and two from 8, close to Elasticsearch's fuzziness AUTO.
      fuzzy: 0.2,
      // Results while the user is still typing the last word.
      prefix: true,
    },
  });
}

/* ---- Text analysis ---- */

/** Runs of letters, digits and combining marks, as Unicode word segmentation sees words. */
const WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+/gu;
/** Scripts written without spaces: the standard analyzer makes each character a token. */
const SINGLE_CHAR_WORD = /[\p{Script=Han}\p{Script=Hiragana}]/u;

/** [start, end) offsets of each token, so highlights can be placed in the original text. */
function tokenSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const base = match.index ?? 0;
    let runStart = -1;
    let offset = 0;
    for (const char of word) {
      if (SINGLE_CHAR_WORD.test(char)) {
        if (runStart >= 0) spans.push([base + runStart, base + offset]);
        runStart = -1;
        spans.push([base + offset, base + offset + char.length]);
      } else if (runStart < 0) {
        runStart = offset;
      }
      offset += char.length;
    }
    if (runStart >= 0) spans.push([base + runStart, base + offset]);
  }
  return spans;
}

/** Lowercase and fold accents and full-width forms (what asciifolding does in Elasticsearch). */
function normalizeTerm(term: string): string {
  return term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}

/** Each distinct term of a field's text with its frequency, as the index analyses it. */
function fieldTerms(value: string | undefined): Map<string, number> {
  const tf = new Map<string, number>();
  if (!value) return tf;
  for (const [s, e] of tokenSpans(value)) {
    const term = normalizeTerm(value.slice(s, e));
    if (term) tf.set(term, (tf.get(term) ?? 0) + 1);
  }
  return tf;
}

function normalizeText(text: string): string {
  return tokenSpans(text)
    .map(([s, e]) => normalizeTerm(text.slice(s, e)))
    .join(' ');
}

/* ---- Highlighting ---- */

function highlightsFor(doc: SearchDocument, result: SearchResult): SearchHit['highlights'] {
  // result.match maps each matched index term (after fuzzy/prefix expansion) to its fields.
  const termsByField = new Map<string, Set<string>>();
  for (const [term, fields] of Object.entries(result.match)) {
    for (const field of fields) {
      let terms = termsByField.get(field);
      if (!terms) termsByField.set(field, (terms = new Set()));
      terms.add(term);
    }
  }
  const highlights: SearchHit['highlights'] = [];
  for (const field of FIELD_ORDER) {
    const terms = termsByField.get(field);
    if (!terms || !KIND_FIELDS[doc.kind].includes(field)) continue;
    const value = doc[field];
    const texts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    // Arrays (tags) give one fragment per matching element, as Elasticsearch does.
    const fragments = texts.flatMap((text) => highlightText(text, terms, WHOLE_FIELDS.has(field)));
    if (fragments.length) highlights.push({ field, fragments });
  }
  return highlights;
}

function highlightText(text: string, terms: Set<string>, whole: boolean): string[] {
  const spans = tokenSpans(text);
  const matched = spans.filter(([s, e]) => terms.has(normalizeTerm(text.slice(s, e))));
  if (matched.length === 0) return [];
  if (whole || text.length <= FRAGMENT_SIZE) return [mark(text, 0, text.length, matched)];

  const windows: [number, number][] = [];
  for (const [s] of matched) {
    const last = windows[windows.length - 1];
    if (last && s < last[1]) continue;
    if (windows.length === MAX_FRAGMENTS) break;
    // Some context before the match, starting and ending on word boundaries.
    let start = Math.max(0, s - 30);
    if (start > 0) start = spans.find(([ts]) => ts >= start)?.[0] ?? s;
    let end = Math.min(text.length, start + FRAGMENT_SIZE);
    if (end < text.length) {
      const lastWord = spans.filter(([ts, te]) => ts >= start && te <= end).pop();
      end = Math.max(lastWord?.[1] ?? end, spans.find(([ts]) => ts === s)?.[1] ?? end);
    }
    windows.push([start, end]);
  }
  return windows.map(([start, end]) => mark(text, start, end, matched));
}

/** Escapes text[start, end) and wraps the matched spans (touching ones merged) in <em>. */
function mark(text: string, start: number, end: number, matched: [number, number][]): string {
  const merged: [number, number][] = [];
  for (const [s, e] of matched) {
    if (s < start || e > end) continue;
    const last = merged[merged.length - 1];
    if (last && last[1] === s) last[1] = e;
    else merged.push([s, e]);
  }
  let out = '';
  let pos = start;
  for (const [s, e] of merged) {
    out += escapeHtml(text.slice(pos, s)) + '<em>' + escapeHtml(text.slice(s, e)) + '</em>';
    pos = e;
  }
  return out + escapeHtml(text.slice(pos, end));
}

/* ---- Snapshot files ---- */

async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const fail = (why: string) =>
    new Error(
      `search snapshot ${file} is unreadable (${why}). Delete it and reindex; it only caches data the other services own.`,
    );
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(raw) as Snapshot;
  } catch (err) {
    throw fail((err as Error).message);
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT) throw fail('not a search snapshot');
  if (snapshot.formatVersion !== SNAPSHOT_FORMAT_VERSION) throw fail(`format version ${snapshot.formatVersion}`);
  if (!Array.isArray(snapshot.documents) || !Array.isArray(snapshot.tombstones)) throw fail('missing lists');
  for (const doc of snapshot.documents) {
    const problem = invalidDocument(doc);
    if (problem) throw fail(`document ${JSON.stringify(doc?.id)}: ${problem}`);
  }
  for (const t of snapshot.tombstones) {
    const problem = invalidItem(t);
    if (problem) throw fail(`tombstone ${JSON.stringify(t?.id)}: ${problem}`);
  }
  return snapshot;
}

/** tmp + fsync + rename: a crash mid-write leaves the previous snapshot, never half a file. */
async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
