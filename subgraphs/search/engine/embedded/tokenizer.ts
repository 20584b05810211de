/**
 * Text analysis of the embedded index, an approximation of Elasticsearch's standard
 * analyzer: letters and digits form words, each Han/Hiragana character is a word of its
 * own, lowercase, accents folded. Both adapters then find the same documents for the
 * same query.
 */

/** Runs of letters, digits and combining marks, as Unicode word segmentation sees words. */
const WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+/gu;
/** Scripts written without spaces: the standard analyzer makes each character a token. */
const SINGLE_CHAR_WORD = /[\p{Script=Han}\p{Script=Hiragana}]/u;

/** [start, end) offsets of each token, so highlights can be placed in the original text. */
export function tokenSpans(text: string): [number, number][] {
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
export function normalizeTerm(term: string): string {
  return term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}

/** Each distinct term of a field's text with its frequency, as the index analyses it. */
export function fieldTerms(value: string | undefined): Map<string, number> {
  const tf = new Map<string, number>();
  if (!value) return tf;
  for (const [s, e] of tokenSpans(value)) {
    const term = normalizeTerm(value.slice(s, e));
    if (term) tf.set(term, (tf.get(term) ?? 0) + 1);
  }
  return tf;
}

/** The text's terms, normalized, joined by single spaces: what completion prefixes are compared on. */
export function normalizeText(text: string): string {
  return tokenSpans(text)
    .map(([s, e]) => normalizeTerm(text.slice(s, e)))
    .join(' ');
}
