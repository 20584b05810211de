/**
 * The shield as every subgraph applies it: allowed fields run their resolvers
 * directly (no middleware in front), every other rule still decides, and a
 * field without a rule is denied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql, buildSchema as buildSdl, type GraphQLObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, isAuthenticated, makeShield } from './shield.js';

const sdl = buildSdl(`
  type Query { open: String, members: String, unlisted: String, item: Item }
  type Item { id: ID, secret: String }
`);
const resolvers = {
  open: () => 'open',
  members: () => 'members only',
  unlisted: () => 'should never be seen',
  item: () => ({ id: 'i1', secret: 's' }),
};
for (const [field, resolve] of Object.entries(resolvers)) (sdl.getQueryType()!.getFields()[field]!).resolve = resolve;

const schema = applyMiddleware(sdl, makeShield({ Query: { open: allow, members: isAuthenticated, item: allow }, Item: { '*': allow, secret: isAuthenticated } }));
const run = (source: string, userId: string | null) => graphql({ schema, source, contextValue: { viewer: { userId, roles: [] } } });
const codes = (r: Awaited<ReturnType<typeof run>>) => (r.errors ?? []).map((e) => e.extensions.code);

test('allowed fields keep their own resolver; others are wrapped by the shield', () => {
  const query = schema.getQueryType()!.getFields();
  assert.equal(query.open!.resolve, resolvers.open, 'an allowed field is not wrapped');
  assert.notEqual(query.members!.resolve, resolvers.members);
  assert.notEqual(query.unlisted!.resolve, resolvers.unlisted);
  const item = schema.getType('Item') as GraphQLObjectType;
  assert.equal(item.getFields().id!.resolve, undefined, 'allowed by the type wildcard: graphql-js default resolver');
  assert.notEqual(item.getFields().secret!.resolve, undefined);
});

test('rules still decide: anonymous viewers are refused, unlisted fields are denied for everyone', async () => {
  const anon = await run('{ open members unlisted item { id secret } }', null);
  assert.deepEqual(JSON.parse(JSON.stringify(anon.data)), { open: 'open', members: null, unlisted: null, item: { id: 'i1', secret: null } });
  assert.deepEqual(codes(anon).sort(), ['FORBIDDEN', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);

  const signedIn = await run('{ open members unlisted item { id secret } }', 'u1');
  assert.deepEqual(JSON.parse(JSON.stringify(signedIn.data)), { open: 'open', members: 'members only', unlisted: null, item: { id: 'i1', secret: 's' } });
  assert.deepEqual(codes(signedIn), ['FORBIDDEN']);
});
