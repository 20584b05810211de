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
  KIND_FIELDS,
  kindsOf,
  MAX_FRAGMENTS,
  pageOf,
  projectDocument,
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

  function putLive(doc: SearchDocument): void {
    const key = docKey(doc.kind, doc.id);
    if (docs.has(key)) mini.discard(key);
    mini.add({ ...doc, key });
    docs.set(key, doc);
    versions.set(key, doc.version);
    suggestions.set(
      key,
      suggestInputs(doc).map((text) => ({ text, normalized: normalizeText(text) })),
    );
  }

  function putTombstone(kind: SearchKind, id: string, version: number): void {
    const key = docKey(kind, id);
    if (docs.has(key)) mini.discard(key);
    docs.delete(key);
    suggestions.delete(key);
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
