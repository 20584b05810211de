/**
 * The search benchmark's corpus: video documents drawn from a fixed vocabulary
 * with a skewed, seeded distribution (so that every run indexes the same text
 * and queries match tens to hundreds of documents), each title carrying a
 * marker word of its own, and the query texts of each shape.
 */
import { randomUUID } from 'node:crypto';

/** A small deterministic generator (mulberry32), so that every run indexes the same text. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'music guitar piano drums violin concert live cover song lesson tutorial beginner advanced review unboxing travel city mountain ocean beach ' +
  'forest river island desert winter summer autumn spring sunrise sunset night morning cooking recipe pasta pizza bread cake coffee breakfast dinner ' +
  'kitchen garden flowers plants kitten puppy animals birds horses wildlife safari documentary history science physics chemistry biology space rocket ' +
  'planet galaxy telescope robot coding python javascript database server network security gaming strategy puzzle racing football basketball tennis ' +
  'running cycling swimming yoga fitness workout training marathon skateboard surfing climbing camping fishing photography camera drone painting ' +
  'drawing sketch pottery knitting woodwork furniture design fashion makeup hairstyle vlog family wedding birthday holiday festival parade market ' +
  'street food spicy noodles dumplings sushi ramen vegan healthy budget diy repair electronics keyboard laptop phone battery solar garden castle ' +
  'temple museum library school exam study language english spanish japanese chinese french history poem story comedy sketchbook interview podcast'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);

/** A word, skewed so that the first words are common and the last rare (what makes query totals realistic). */
const word = (r: () => number) => VOCABULARY[Math.floor(VOCABULARY.length * r() ** 2)]!;
const words = (r: () => number, n: number) => Array.from({ length: n }, () => word(r)).join(' ');
/** Ten random letters: a word no other document shares, even within the two edits of fuzzy matching. */
const marker = (r: () => number) => Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join('');

export interface Doc {
  id: string;
  /** The marker in the title of version 1, then of version 2. */
  markers: [string, string];
  title: [string, string];
  description: string;
  tags: string[];
}

export function corpus(n: number): Doc[] {
  const r = rng(20261126);
  return Array.from({ length: n }, () => {
    const markers: [string, string] = [marker(r), marker(r)];
    const base = words(r, 3 + Math.floor(r() * 3));
    return {
      id: randomUUID(),
      markers,
      title: [`${base} ${markers[0]}`, `${words(r, 3 + Math.floor(r() * 3))} ${markers[1]}`],
      description: words(r, 12 + Math.floor(r() * 10)),
      tags: [word(r), word(r), word(r)].filter((t, i, a) => a.indexOf(t) === i),
    };
  });
}

export interface QueryShape {
  shape: string;
  /** The queries of this shape, used in turn. */
  texts: string[];
}

/**
 * Query texts from the corpus itself: words that occur in a few percent of
 * the documents (not the commonest, not the rarest), pairs of them, the same
 * words with a letter dropped or two letters swapped, and markers.
 */
export function queryShapes(docs: Doc[]): QueryShape[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(`${d.title[1]} ${d.description} ${d.tags.join(' ')}`.split(' '))) df.set(w, (df.get(w) ?? 0) + 1);
  const mid = VOCABULARY.filter((w) => w.length >= 6)
    .map((w) => [w, df.get(w) ?? 0] as const)
    .filter(([, n]) => n >= docs.length * 0.02 && n <= docs.length * 0.1)
    .map(([w]) => w)
    .slice(0, 10);
  const pick = mid.length ? mid : VOCABULARY.slice(0, 10);
  const typo = (w: string, i: number) => (i % 2 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w.slice(0, 3) + w.slice(4));
  return [
    { shape: 'one word', texts: pick },
    { shape: 'two words', texts: pick.map((w, i) => `${w} ${pick[(i + 3) % pick.length]}`) },
    { shape: 'typo (one edit)', texts: pick.map(typo) },
    { shape: 'marker (one hit)', texts: docs.slice(0, 10).map((d) => d.markers[1]) },
  ];
}
