/**
 * The `DateTime` scalar of every subgraph: resolvers return a `Date`, clients
 * receive ISO 8601 in UTC with milliseconds (`2024-05-01T12:00:00.000Z`, what
 * `Date#toISOString` writes). As an input it accepts an ISO 8601 date-time with
 * a time zone (Z or an offset) and gives resolvers a `Date`.
 *
 * Our own rather than graphql-scalars' DateTimeResolver: that would be a
 * dependency for these few lines, and the output here must stay exactly what
 * the API has always sent.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors.js';

/** A date and a time with seconds and a zone; fractions of a second optional. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parse(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput(`DateTime expects an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00.000Z; got ${JSON.stringify(value)}.`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A date and time, in ISO 8601 in UTC with milliseconds (e.g. 2024-05-01T12:00:00.000Z).',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    // A string already in the output form passes unchanged (e.g. read back from JSON).
    if (typeof value === 'string' && ISO_DATE_TIME.test(value) && new Date(value).toISOString() === value) return value;
    throw new GraphQLError(`DateTime cannot represent ${value instanceof Date ? 'an invalid Date' : JSON.stringify(value)}.`);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime expects a string in ISO 8601.');
    return parse(ast.value);
  },
});
