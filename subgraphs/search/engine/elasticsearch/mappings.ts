/**
 * The indices of the Elasticsearch adapter: their names, analyzer, settings and
 * mappings (defined here rather than by hand on the cluster, so that a deployment cannot
 * drift from what the queries expect), the check of an existing index's mapping, and the
 * stored _source of a document.
 */
import type { estypes } from '@elastic/elasticsearch';
import {
  FIELD_BOOSTS,
  KEYWORD_IGNORE_ABOVE,
  KIND_FIELDS,
  suggestInputs,
  suggestWeight,
  type SearchDocument,
  type SearchKind,
  type TextField,
} from '../port.js';

export const TEXT_ANALYZER = 'vidhub_text';

/**
 * The standard tokenizer splits Han and Hiragana text into single characters, which
 * makes Chinese and Japanese titles searchable without a language plugin; cjk_width
 * folds full-width Latin letters typed from CJK keyboards.
 */
export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  analysis: {
    analyzer: {
      [TEXT_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['cjk_width', 'lowercase', 'asciifolding'] },
    },
  },
};

const text = { type: 'text', analyzer: TEXT_ANALYZER } as const;
/** Exact values for sorting, aggregations and lookups, beside the analyzed text. */
const raw = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE } as const;
const textWithRaw = { ...text, fields: { raw } } as const;

const commonProperties = {
  kind: { type: 'keyword' },
  id: { type: 'keyword' },
  version: { type: 'long' },
  deleted: { type: 'boolean' },
  popularity: { type: 'double' },
  createdAt: { type: 'date' },
  suggest: { type: 'completion', analyzer: TEXT_ANALYZER },
} as const;

export const INDEX_MAPPINGS: Record<SearchKind, estypes.MappingTypeMapping> = {
  video: {
    // A misspelt field in a write fails loudly instead of growing the mapping.
    dynamic: 'strict',
    properties: {
      ...commonProperties,
      title: textWithRaw,
      // `lower`: case-insensitive whole-tag matching for related videos (built-in normalizer).
      tags: { ...text, fields: { raw, lower: { type: 'keyword', normalizer: 'lowercase', ignore_above: KEYWORD_IGNORE_ABOVE } } },
      description: text,
      // `raw`: the same-uploader clause of related videos.
      uploaderName: textWithRaw,
    },
  },
  user: {
    dynamic: 'strict',
    properties: {
      ...commonProperties,
      username: textWithRaw,
      displayName: text,
      bio: text,
    },
  },
};

/** The multi_match field list: `title^3`, ... (a boost of 1 is left implicit). */
export const BOOSTED_FIELDS = (Object.entries(FIELD_BOOSTS) as [TextField, number][]).map(([field, boost]) =>
  boost === 1 ? field : `${field}^${boost}`,
);

export function indexNames(prefix: string): Record<SearchKind, string> {
  return { video: `${prefix}-videos`, user: `${prefix}-users` };
}

/** The stored _source of a live document: only its kind's fields, plus the completion inputs. */
export function toSource(doc: SearchDocument): Record<string, unknown> {
  const source: Record<string, unknown> = { kind: doc.kind, id: doc.id, version: doc.version, deleted: false };
  for (const field of KIND_FIELDS[doc.kind]) if (doc[field] !== undefined) source[field] = doc[field];
  if (doc.popularity !== undefined) source.popularity = doc.popularity;
  if (doc.createdAt !== undefined) source.createdAt = doc.createdAt;
  const input = suggestInputs(doc);
  if (input.length) source.suggest = { input, weight: suggestWeight(doc) };
  return source;
}

/** Differences in the fields the queries depend on: type, analyzer, normalizer, and subfields. */
export function mappingProblems(
  expected: Record<string, estypes.MappingProperty>,
  actual: Record<string, estypes.MappingProperty>,
  path = '',
): string[] {
  const problems: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    const name = path + field;
    const have = actual[field] as
      | (estypes.MappingProperty & { analyzer?: string; normalizer?: string; fields?: Record<string, estypes.MappingProperty> })
      | undefined;
    const wantAnalyzer = (want as { analyzer?: string }).analyzer;
    const wantNormalizer = (want as { normalizer?: string }).normalizer;
    if (!have) {
      problems.push(`${name} is missing`);
      continue;
    }
    // getMapping leaves out `type` for objects; every field here has an explicit type.
    const haveType = have.type ?? 'object';
    if (haveType !== want.type) {
      problems.push(`${name} is ${haveType}, expected ${want.type}`);
      continue;
    }
    if (wantAnalyzer && (have.analyzer ?? 'default') !== wantAnalyzer) {
      problems.push(`${name} uses analyzer ${have.analyzer ?? 'default'}, expected ${wantAnalyzer}`);
    }
    if (wantNormalizer && have.normalizer !== wantNormalizer) {
      problems.push(`${name} uses normalizer ${have.normalizer ?? 'none'}, expected ${wantNormalizer}`);
    }
    const wantFields = (want as { fields?: Record<string, estypes.MappingProperty> }).fields;
    if (wantFields) problems.push(...mappingProblems(wantFields, have.fields ?? {}, `${name}.`));
  }
  return problems;
}
