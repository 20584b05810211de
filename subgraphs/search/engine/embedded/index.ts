/**
 * The embedded search index: MiniSearch in the process, used when ELASTICSEARCH_URL is
 * unset (no search server can be installed on a machine without Docker).
 *
 * It keeps the port's rules exactly (see port.ts), and finds the same documents as the
 * Elasticsearch adapter for the same query. Its parts: the analyzer (tokenizer.ts), the
 * documents with their versions and tombstones (documents.ts), highlights
 * (highlight.ts), related and popular (ranking.ts), and the JSON snapshot (snapshot.ts).
 */
import path from 'node:path';
import {
  docKey,
  invalidDocument,
  invalidItem,
  isLookupId,
  kindsOf,
  pageOf,
  projectDocument,
  suggestSizeOf,
  suggestWeight,
  type SearchHit,
  type SearchIndex,
  type SearchKind,
  type Suggestion,
  type WriteResult,
} from '../port.js';
import { EmbeddedDocuments } from './documents.js';
import { highlightsFor } from './highlight.js';
import { popularVideos, relatedVideos } from './ranking.js';
import { readSnapshot, snapshotWriter } from './snapshot.js';
import { normalizeText } from './tokenizer.js';

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

export async function createEmbeddedIndex(opts: EmbeddedIndexOptions = {}): Promise<EmbeddedSearchIndex> {
  const snapshotFile = opts.snapshotFile ? path.resolve(opts.snapshotFile) : undefined;
  const store = new EmbeddedDocuments();
  const { docs, versions } = store;
  if (snapshotFile) {
    const snapshot = await readSnapshot(snapshotFile);
    if (snapshot) store.load(snapshot);
  }
  const snapshots = snapshotWriter(snapshotFile, opts.autosaveMs ?? 5_000, () => store.contents());
  let disposed = false;

  function assertOpen(): void {
    if (disposed) throw new Error('the embedded search index has been disposed');
  }

  /** Applies each write whose version is newer than the stored one; older ones are skipped as stale. */
  function write<T extends { kind: SearchKind; id: string; version: number }>(
    items: T[],
    invalid: (item: T) => string | undefined,
    apply: (item: T) => void,
  ): WriteResult[] {
    const results = items.map((item): WriteResult => {
      const problem = invalid(item);
      if (problem) return { id: String(item.id), kind: item.kind, ok: false, error: problem };
      const stored = versions.get(docKey(item.kind, item.id));
      if (stored !== undefined && item.version <= stored) return { id: item.id, kind: item.kind, ok: true, skipped: 'stale' };
      apply(item);
      return { id: item.id, kind: item.kind, ok: true };
    });
    if (results.some((r) => r.ok && !r.skipped)) snapshots.changed();
    return results;
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
      return write(input, invalidDocument, (doc) => store.putLive(projectDocument(doc)));
    },

    async remove(items) {
      assertOpen();
      return write(items, invalidItem, (item) => store.putTombstone(item.kind, item.id, item.version));
    },

    async search(q) {
      assertOpen();
      const { from, size } = pageOf(q);
      const kinds = new Set(kindsOf(q.kinds));
      const results = store.mini.search(q.text, { filter: (r) => kinds.has(r.kind as SearchKind) });
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
      for (const [key, inputs] of store.suggestions) {
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
      return relatedVideos(store, videoId, size);
    },

    async popular(q) {
      assertOpen();
      return popularVideos(store, q);
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
      store.clear();
      snapshots.changed();
    },

    save: () => snapshots.save(),

    async dispose() {
      if (disposed) return;
      disposed = true;
      await snapshots.close();
    },
  };
}
