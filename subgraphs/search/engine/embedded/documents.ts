/**
 * The embedded index's documents: MiniSearch for the text, and beside it what MiniSearch
 * does not know (versions and tombstones, per the port's rules in port.ts) and what
 * suggest, related and popular read, computed once per write rather than per query.
 */
import MiniSearch from 'minisearch';
import {
  docKey,
  FIELD_BOOSTS,
  isoMillis,
  RELATED_TEXT_FIELDS,
  relatedTags,
  relatedUploader,
  suggestInputs,
  type SearchDocument,
  type SearchKind,
  type TextField,
} from '../port.js';
import { FIELD_ORDER } from './highlight.js';
import type { SnapshotContents } from './snapshot.js';
import { fieldTerms, normalizeTerm, normalizeText, tokenSpans } from './tokenizer.js';

export interface VideoFacets {
  id: string;
  /** relatedTags: lowercased, distinct. */
  tags: ReadonlySet<string>;
  uploader: string | undefined;
  /** -Infinity when unset, so that it sorts last as Elasticsearch's `missing: '_last'`. */
  popularity: number;
  /** -Infinity when unset: the oldest. */
  createdMs: number;
}

export class EmbeddedDocuments {
  readonly mini = newMiniSearch();
  /** Live documents by docKey: the source for highlights, suggestions and the snapshot. */
  readonly docs = new Map<string, SearchDocument>();
  /** Highest version seen per docKey, live or deleted; a key here but not in `docs` is a tombstone. */
  readonly versions = new Map<string, number>();
  /** Completion inputs with their normalized form, computed once per write rather than per keystroke. */
  readonly suggestions = new Map<string, { text: string; normalized: string }[]>();
  /** What related and popular compare, per live video, computed once per write rather than per query. */
  readonly facets = new Map<string, VideoFacets>();
  /** Per text field of related, in how many live videos each term occurs: more_like_this's docFreq. */
  readonly docFreqs = new Map<string, Map<string, number>>(RELATED_TEXT_FIELDS.map((field) => [field, new Map()]));

  putLive(doc: SearchDocument): void {
    const key = docKey(doc.kind, doc.id);
    if (this.docs.has(key)) this.mini.discard(key);
    this.countTerms(this.docs.get(key), -1);
    this.countTerms(doc, 1);
    this.mini.add({ ...doc, key });
    this.docs.set(key, doc);
    this.versions.set(key, doc.version);
    this.suggestions.set(
      key,
      suggestInputs(doc).map((text) => ({ text, normalized: normalizeText(text) })),
    );
    if (doc.kind === 'video') {
      this.facets.set(key, {
        id: doc.id,
        tags: new Set(relatedTags(doc)),
        uploader: relatedUploader(doc),
        popularity: doc.popularity ?? -Infinity,
        createdMs: doc.createdAt ? isoMillis(doc.createdAt) : -Infinity,
      });
    }
  }

  putTombstone(kind: SearchKind, id: string, version: number): void {
    const key = docKey(kind, id);
    if (this.docs.has(key)) this.mini.discard(key);
    this.countTerms(this.docs.get(key), -1);
    this.docs.delete(key);
    this.suggestions.delete(key);
    this.facets.delete(key);
    this.versions.set(key, version);
  }

  clear(): void {
    this.mini.removeAll();
    this.docs.clear();
    this.versions.clear();
    this.suggestions.clear();
    this.facets.clear();
    for (const counts of this.docFreqs.values()) counts.clear();
  }

  load(contents: SnapshotContents): void {
    for (const doc of contents.documents) this.putLive(doc);
    for (const t of contents.tombstones) this.versions.set(docKey(t.kind, t.id), t.version);
  }

  contents(): SnapshotContents {
    return {
      documents: [...this.docs.values()],
      tombstones: [...this.versions]
        .filter(([key]) => !this.docs.has(key))
        .map(([key, version]) => {
          const [kind, ...rest] = key.split(':');
          return { kind: kind as SearchKind, id: rest.join(':'), version };
        }),
    };
  }

  private countTerms(doc: SearchDocument | undefined, delta: 1 | -1): void {
    if (doc?.kind !== 'video') return;
    for (const [field, counts] of this.docFreqs) {
      for (const term of fieldTerms(doc[field as TextField] as string | undefined).keys()) {
        const n = (counts.get(term) ?? 0) + delta;
        if (n > 0) counts.set(term, n);
        else counts.delete(term);
      }
    }
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
