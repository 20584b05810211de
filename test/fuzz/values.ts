/**
 * Generated argument values: the hostile strings, edge numbers and wrong types
 * a client can send, each in both of the forms it can take in a request — a
 * JSON value for `variables`, and a GraphQL literal written into the document.
 *
 * Most values have the argument's own type (so that they pass the gateway's
 * validation and reach a resolver's checks); some have the wrong type, are
 * null where null is not allowed, or are missing.
 */
import fc from 'fast-check';
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/** One value as a client would send it. `json` is absent for literals JSON cannot express (1e400, a variable reference). */
export interface ArgValue {
  /** Short and printable, for reports: `str:10k`, `int:2147483647`, `wrong:object`. */
  label: string;
  json?: unknown;
  literal: string;
}

/** Ids and strings of real things (users, videos, conversations...), so that arguments reach past "not found". */
export interface KnownValues {
  ids: Record<string, string>;
  /** Strings worth trying where a string is asked for: a real username, a stored video's sha256. */
  strings: Record<string, string>;
}

/** A GraphQL string literal. JSON's escapes are GraphQL's, except that GraphQL refuses lone surrogates (a parse error is a fine answer). */
export const stringLiteral = (s: string): string => JSON.stringify(s);

/** A JSON value written as a GraphQL literal (object keys that are not names make a parse error, which is fine). */
export function jsonToLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonToLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${jsonToLiteral(v)}`)
    .join(', ')}}`;
}

const plain = (label: string, json: unknown): ArgValue => ({ label, json, literal: jsonToLiteral(json) });

/** Strings every text field should survive: sizes, scripts, control characters, injection-looking text. */
export const HOSTILE_STRINGS: readonly [string, string][] = [
  ['empty', ''],
  ['space', ' '],
  ['whitespace', ' \t\n\r\u00a0\u2028\u3000 '],
  ['10k', 'x'.repeat(10_000)],
  ['10k-emoji', '😀'.repeat(5_000)],
  ['emoji', '👩🏽‍🚀🔥🇺🇳'],
  ['rtl', 'مرحبا \u202Eevil\u202C שלום'],
  ['cjk', '弹幕视频测试'],
  ['nul', 'a\u0000b'],
  ['lone-high-surrogate', 'a\uD800b'],
  ['lone-low-surrogate', '\uDC00'],
  ['sql', "' OR '1'='1'; DROP TABLE users; --"],
  ['nosql', '{"$gt": ""}'],
  ['nosql-operator', '$where'],
  ['script', '<script>alert(1)</script>'],
  ['html-entities', '&lt;em&gt;&amp;'],
  ['path', '../../../../etc/passwd'],
  ['format', '%s%s%n%x'],
  ['template', '${7*7}{{7*7}}'],
  ['crlf', 'a\r\nSet-Cookie: x=1'],
  ['zero-width', '\u200B\u200D\uFEFF'],
  ['combining', 'e' + '\u0301'.repeat(500)],
  ['control', '\u0001\u0007\u001b[31m'],
  ['proto', '__proto__'],
  ['constructor', 'constructor'],
  ['null-word', 'null'],
  ['number-word', '1e400'],
  ['redis-glob', '*?[a-z]\\'],
  ['regex', '(a+)+$'],
  ['cursor-like', Buffer.from('zz').toString('base64url')],
];

/** Lengths at and around the limits the platform documents (3, 32, 40, 64, 80, 100, 200, 500, 1000, 2000). */
const BOUNDARY_LENGTHS = [1, 2, 3, 4, 31, 32, 33, 40, 41, 63, 64, 65, 80, 81, 100, 101, 128, 129, 200, 201, 255, 256, 500, 501, 1000, 1001, 2000, 2001];

/** Strings shaped like what some arguments expect, so that a generated value sometimes passes a format check. */
const SHAPED_STRINGS: readonly [string, string][] = [
  ['username', 'fuzz_user1'],
  ['password', 'Passw0rd-fuzz'],
  ['color', '#FF00AA'],
  ['color-short', '#FFF'],
  ['sha256', 'ab'.repeat(32)],
  ['sha256-upper', 'AB'.repeat(32)],
  ['uuid', '00000000-0000-4000-8000-000000000000'],
  ['filename', 'clip.mp4'],
  ['iso-date', '2026-11-26T06:00:00.000Z'],
];

export const stringArb: fc.Arbitrary<ArgValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(([label, s]) => plain(`str:${label}`, s)) },
  { weight: 2, arbitrary: fc.constantFrom(...SHAPED_STRINGS).map(([label, s]) => plain(`str:${label}`, s)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...BOUNDARY_LENGTHS), fc.constantFrom('a', 'é', '字', '😀', ' ')).map(([n, c]) => plain(`str:${n}x${c}`, c.repeat(n))) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => plain(`str:binary(${s.length})`, s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => plain(`str:grapheme(${s.length})`, s)) },
  // Lone surrogates anywhere in a string (fast-check's units never produce them).
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 0xd800, max: 0xdfff })).map(([s, c]) => plain('str:surrogate', s + String.fromCharCode(c) + s)) },
);

const INT_EDGES = [0, -1, 1, 2, 5, 20, 50, 100, 101, 1000, 1001, 2 ** 31 - 1, -(2 ** 31)];
export const intArb: fc.Arbitrary<ArgValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...INT_EDGES).map((n) => plain(`int:${n}`, n)) },
  { weight: 2, arbitrary: fc.integer().map((n) => plain('int:random', n)) },
  // Numbers an Int cannot hold: past 32 bits, past 2^53, fractions.
  { weight: 2, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e20, -1e300, 1.5, -0.5).map((n) => plain(`int:out-of-range(${n})`, n)) },
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '99999999999999999999999').map((raw) => ({ label: `int:literal(${raw})`, literal: raw })) },
);

export const floatArb: fc.Arbitrary<ArgValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(0, -1, 1, 1.5, 1e15, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 5 * 1024 * 1024, 10 * 1024 ** 3).map((n) => plain(`float:${n}`, n)) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => plain('float:random', n)) },
  // Infinity as a literal: JSON cannot carry it, a document can.
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '1e-400').map((raw) => ({ label: `float:literal(${raw})`, literal: raw })) },
);

export function idArb(known: KnownValues): fc.Arbitrary<ArgValue> {
  const ids = Object.entries(known.ids);
  return fc.oneof(
    ...(ids.length ? [{ weight: 6, arbitrary: fc.constantFrom(...ids).map(([label, id]) => plain(`id:${label}`, id)) }] : []),
    { weight: 1, arbitrary: fc.uuid().map((id) => plain('id:unknown-uuid', id)) },
    { weight: 2, arbitrary: stringArb.map((v) => ({ ...v, label: `id:${v.label}` })) },
    // An ID may be sent as an integer.
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 53 + 2).map((n) => plain(`id:int(${n})`, n)) },
  );
}

/** The wrong kind of value for whatever the argument is. */
export const wrongArb: fc.Arbitrary<ArgValue> = fc.oneof(
  fc.constantFrom(
    plain('wrong:string', '12'),
    plain('wrong:int', 42),
    plain('wrong:float', 4.25),
    plain('wrong:boolean', true),
    plain('wrong:object', { id: 'x', $gt: '' }),
    plain('wrong:empty-object', {}),
    plain('wrong:array', ['a', 1, null]),
    plain('wrong:empty-array', []),
    plain('wrong:nested-arrays', [[[[[]]]]]),
    plain('wrong:array-1000', Array.from({ length: 1000 }, (_, i) => i)),
    plain('wrong:deep-object', deepObject(40)),
    { label: 'wrong:enum-name', json: 'ALL', literal: 'ALL' },
    { label: 'wrong:undeclared-variable', literal: '$undeclared' },
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => plain('wrong:json', v)),
);

function deepObject(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

export const NULL_VALUE: ArgValue = { label: 'null', json: null, literal: 'null' };

/** A value of the argument's own type, hostile within it. Nested input objects and lists are generated the same way. */
export function typedArb(type: GraphQLInputType, known: KnownValues, depth = 0): fc.Arbitrary<ArgValue> {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = valueArb(inner.ofType, known, depth + 1);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(item, { maxLength: 4 }).map((items) => listOf(items)) },
      // A single value where a list is expected is coerced to a list of one.
      { weight: 1, arbitrary: item },
      { weight: 1, arbitrary: item.map((v) => ({ ...listOf(Array.from({ length: 300 }, () => v)), label: `list:300x${v.label}` })) },
    );
  }
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    return fc
      .tuple(
        fc.tuple(...fields.map((f) => fc.option(valueArb(f.type, known, depth + 1), { freq: 4 }))),
        fc.option(fc.constantFrom(plain('extra-field', 1)), { freq: 6 }),
      )
      .map(([values, extra]) => {
        const entries = fields.flatMap((f, i) => (values[i] ? [[f.name, values[i]] as const] : []));
        if (extra) entries.push(['unknownField', extra]);
        const json: Record<string, unknown> = {};
        let jsonable = true;
        for (const [k, v] of entries) {
          if (!('json' in v)) jsonable = false;
          json[k] = v.json;
        }
        return {
          label: `{${entries.map(([k, v]) => `${k}=${v.label}`).join(',')}}`,
          ...(jsonable ? { json } : {}),
          literal: `{${entries.map(([k, v]) => `${k}: ${v.literal}`).join(', ')}}`,
        };
      });
  }
  if (isEnumType(inner)) {
    const names = inner.getValues().map((v) => v.name);
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...names).map((n) => ({ label: `enum:${n}`, json: n, literal: n })) },
      { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => ({ label: `enum:lowercase`, json: n.toLowerCase(), literal: n.toLowerCase() })) },
      { weight: 1, arbitrary: fc.constant({ label: 'enum:unknown', json: 'NOPE', literal: 'NOPE' }) },
      // A string literal where an enum name is expected.
      { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => ({ label: 'enum:as-string', json: n, literal: stringLiteral(n) })) },
    );
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
        return intArb;
      case 'Float':
        return floatArb;
      case 'Boolean':
        return fc.constantFrom(plain('bool:true', true), plain('bool:false', false));
      case 'ID':
        return idArb(known);
      case 'String':
        return stringFor(known);
      case 'Upload':
        // Files travel in multipart requests (multipart.ts); in JSON an Upload is always the wrong thing.
        return fc.constantFrom(plain('upload:string', 'file.png'), plain('upload:object', { filename: 'x.png', createReadStream: 'x' }), plain('upload:number', 0));
      default:
        return stringArb;
    }
  }
  return wrongArb;
}

/** Strings for an argument, with the known strings (a real username, a stored sha256) among them. */
function stringFor(known: KnownValues): fc.Arbitrary<ArgValue> {
  const strings = Object.entries(known.strings);
  if (!strings.length) return stringArb;
  return fc.oneof({ weight: 6, arbitrary: stringArb }, { weight: 1, arbitrary: fc.constantFrom(...strings).map(([label, s]) => plain(`str:known-${label}`, s)) });
}

function listOf(items: ArgValue[]): ArgValue {
  const jsonable = items.every((v) => 'json' in v);
  return {
    label: `[${items.map((v) => v.label).join(',')}]`,
    ...(jsonable ? { json: items.map((v) => v.json) } : {}),
    literal: `[${items.map((v) => v.literal).join(', ')}]`,
  };
}

/**
 * A value for an argument, an input field or a list item: usually of its own
 * type, sometimes of the wrong type, and sometimes null (also where the schema
 * says non-null). Deeper levels are mostly well-typed, to keep values small.
 */
export function valueArb(type: GraphQLInputType, known: KnownValues, depth = 0): fc.Arbitrary<ArgValue> {
  if (depth > 2) return typedArb(type, known, depth);
  const nullWeight = isNonNullType(type) ? 1 : 2;
  return fc.oneof(
    { weight: 16, arbitrary: typedArb(type, known, depth) },
    { weight: 2, arbitrary: wrongArb },
    { weight: nullWeight, arbitrary: fc.constant(NULL_VALUE) },
  );
}
