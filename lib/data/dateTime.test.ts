import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError, parseValue } from 'graphql';
import { DateTimeScalar } from './dateTime.js';

test('a Date is sent as ISO 8601 in UTC with milliseconds', () => {
  assert.equal(DateTimeScalar.serialize(new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 0))), '2024-05-01T12:00:00.000Z');
  assert.equal(DateTimeScalar.serialize(new Date('2024-05-01T14:00:00.5+02:00')), '2024-05-01T12:00:00.500Z');
  // Already in that form (e.g. read back from JSON): unchanged.
  assert.equal(DateTimeScalar.serialize('2024-05-01T12:00:00.000Z'), '2024-05-01T12:00:00.000Z');
});

test('anything else is an error rather than a wrong date', () => {
  for (const bad of [new Date('nonsense'), '2024-05-01', '2024-05-01T12:00:00Z', 1714564800000, null]) {
    assert.throws(() => DateTimeScalar.serialize(bad), GraphQLError, String(bad));
  }
});

test('inputs in ISO 8601 with a zone become Dates; others are BAD_USER_INPUT', () => {
  assert.equal(DateTimeScalar.parseValue('2024-05-01T14:00:00+02:00').toISOString(), '2024-05-01T12:00:00.000Z');
  assert.equal(DateTimeScalar.parseLiteral(parseValue('"2024-05-01T12:00:00.123Z"')).toISOString(), '2024-05-01T12:00:00.123Z');
  for (const bad of ['2024-05-01T12:00:00', '2024-13-01T12:00:00Z', 'yesterday', 42]) {
    assert.throws(() => DateTimeScalar.parseValue(bad), (err: GraphQLError) => err.extensions.code === 'BAD_USER_INPUT', String(bad));
  }
  assert.throws(() => DateTimeScalar.parseLiteral(parseValue('42')), (err: GraphQLError) => err.extensions.code === 'BAD_USER_INPUT');
});
