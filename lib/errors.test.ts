/**
 * The error model is documented where clients look: every code a service can
 * send is a value of the schema's `ErrorCode` enum and a row of the README's
 * error table, and nothing else is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildSchema, GraphQLError, isEnumType } from 'graphql';
import { ErrorCode, makeFormatError } from './errors.js';
import { ROOT, schemaPath } from './process/paths.js';

/** Codes Apollo Server assigns to a client's mistakes that formatError keeps. */
const APOLLO_CODES = ['OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND'];

test('the schema\'s ErrorCode enum and the README list exactly the codes the services send', () => {
  const type = buildSchema(readFileSync(schemaPath('api'), 'utf8')).getType('ErrorCode');
  assert.ok(isEnumType(type));
  const documented = type.getValues().map((v) => v.name).sort();
  assert.deepEqual(documented, [...Object.values(ErrorCode), ...APOLLO_CODES].sort());
  assert.ok(type.getValues().every((v) => v.description), 'every code is described');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const code of documented) assert.match(readme, new RegExp(`^\\| \`${code}\` \\|`, 'm'), `${code} has a row in the README's error table`);
});

test('production answers keep client codes and drop internal extensions', () => {
  const format = makeFormatError(false);
  const fromSubgraph = format({ message: '401: Unauthorized', extensions: { code: 'UNAUTHENTICATED', serviceName: 'video', response: { url: 'http://10.0.0.5:4002/graphql', body: 'x' } } }, null);
  assert.deepEqual(fromSubgraph.extensions, { code: 'UNAUTHENTICATED' });
  const unknown = format({ message: 'db exploded at 10.0.0.7', extensions: {} }, null);
  assert.deepEqual(unknown, { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const sha = format({ message: 'provided sha does not match query', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, null);
  assert.equal(sha.extensions?.code, 'BAD_REQUEST');
});

test('an object store that is down, cut the connection or asks to slow down answers UPSTREAM_UNAVAILABLE; one that refuses the request does not', () => {
  const format = makeFormatError(false);
  const fromResolver = (original: Error) => {
    const error = new GraphQLError(original.message, { path: ['uploadChunk'], originalError: original });
    return format({ message: original.message, path: ['uploadChunk'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
  };
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  for (const down of [withCode('connect ECONNREFUSED 10.0.0.9:9000', 'ECONNREFUSED'), withCode('read ECONNRESET', 'ECONNRESET'), withCode('Please reduce your request rate.', 'SlowDown')]) {
    const answer = fromResolver(down);
    assert.equal(answer.extensions?.code, 'UPSTREAM_UNAVAILABLE', down.message);
    assert.match(answer.message, /temporarily unavailable/);
    assert.doesNotMatch(JSON.stringify(answer), /10\.0\.0\.9/);
  }
  for (const refused of [withCode('Access Denied.', 'AccessDenied'), withCode('The specified key does not exist.', 'NoSuchKey')]) {
    assert.equal(fromResolver(refused).extensions?.code, 'INTERNAL_SERVER_ERROR', refused.message);
  }
});
