/**
 * Highlights of the embedded index, shaped as Elasticsearch's: the matched words of each
 * field wrapped in <em>, whole for short fields and tags, otherwise up to MAX_FRAGMENTS
 * fragments of about FRAGMENT_SIZE characters that start and end on word boundaries.
 */
import type { SearchResult } from 'minisearch';
import {
  escapeHtml,
  FIELD_BOOSTS,
  FRAGMENT_SIZE,
  KIND_FIELDS,
  MAX_FRAGMENTS,
  WHOLE_FIELDS,
  type SearchDocument,
  type SearchHit,
  type TextField,
} from '../port.js';
import { normalizeTerm, tokenSpans } from './tokenizer.js';

/** Highlight order: the strongest fields first, as a reader scans a result. */
export const FIELD_ORDER = (Object.keys(FIELD_BOOSTS) as TextField[]).sort((a, b) => FIELD_BOOSTS[b] - FIELD_BOOSTS[a]);

export function highlightsFor(doc: SearchDocument, result: SearchResult): SearchHit['highlights'] {
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
