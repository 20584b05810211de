/**
 * The gateway's own behaviour: in-flight merging that never crosses viewers,
 * mutations never merged, automatic persisted queries, and a clear error when
 * a subgraph is down.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gql, startStack, type Stack } from '../testing/harness.js';
import { FollowUserDocument, SearchVideoIdsDocument, ViewerDocument } from '../testing/__generated__/operations.js';

describe('gateway', () => {
  let stack: Stack;
  let url: string;
  const users: { id: string; username: string; token: string }[] = [];

  before(async () => {
    stack = await startStack();
    url = stack.gateway.url;
    for (let i = 0; i < 30; i++) {
      const u = await stack.user.store.createUser({ username: `gw_user${i}`, displayName: `GW ${i}`, passwordHash: 'x' });
      users.push({ id: u.id, username: u.username, token: await stack.tokenFor(u.id) });
    }
  });
  after(() => stack?.dispose());

  test('identical queries in flight for one viewer share a subgraph request', async () => {
    const before = { ...stack.gateway.fetcherStats };
    const results = await Promise.all(Array.from({ length: 60 }, () => gql(url, ViewerDocument, {}, { token: users[0]!.token })));
    assert.ok(results.every((r) => r.data?.me?.username === users[0]!.username));
    assert.ok(stack.gateway.fetcherStats.merged > before.merged, 'some requests were merged');
  });

  test('merging never hands one viewer another viewer\'s answer', async () => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(users.map((u) => gql(url, ViewerDocument, {}, { token: u.token })));
      results.forEach((r, i) => assert.deepEqual([r.data?.me?.id, r.data?.me?.username], [users[i]!.id, users[i]!.username]));
    }
  });

  test('mutations are never merged', async () => {
    const target = users[1]!;
    const before = stack.gateway.fetcherStats.requests;
    const follows = await Promise.all(Array.from({ length: 10 }, () => gql(url, FollowUserDocument, { userId: target.id }, { token: users[2]!.token })));
    assert.ok(follows.every((f) => f.errors === undefined));
    assert.ok(stack.gateway.fetcherStats.requests - before >= 10, 'each mutation reached the subgraph');
  });

  test('automatic persisted queries: a hash alone works once the query is known', async () => {
    // Strings from here on: a persisted query's hash, a GET's URL and a raw body are taken over the exact text.
    const query = `{ videos(first: 1) { edges { cursor } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>);
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
    assert.deepEqual((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).data, { videos: { edges: [] } });
    assert.deepEqual((await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).data, { videos: { edges: [] } });
  });

  test("common clients' GETs: persisted-query GETs and plain GET queries with the preflight header; without it, a refusal that says what to send", async () => {
    const query = `{ videos(first: 2) { edges { cursor } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const get = (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
      fetch(`${url}?${new URLSearchParams(params)}`, { headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }));
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    // Apollo Client's persisted-queries link with useGETForHashedQueries: the hash alone, then the query with it, then the hash alone.
    assert.equal((await get({ extensions })).body.errors?.[0]?.extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
    assert.deepEqual((await get({ query, extensions })).body.data, { videos: { edges: [] } });
    assert.deepEqual((await get({ extensions })).body.data, { videos: { edges: [] } });
    // A client that sends a JSON content type passes CSRF prevention too.
    assert.deepEqual((await get({ query }, { 'content-type': 'application/json' })).body.data, { videos: { edges: [] } });
    // urql's default GET carries neither: refused, and told what to send.
    const refused = await get({ query }, {});
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    assert.match(refused.body.errors![0]!.message, /apollo-require-preflight/);
    // Mutations are never served by GET.
    const mutation = await fetch(`${url}?${new URLSearchParams({ query: 'mutation { logout }' })}`, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(mutation.status, 405);
  });

  test('browser requests (with an Origin) take the express path and answer the same', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://elsewhere.test', ...headers }, body: JSON.stringify({ query: '{ me { username } }' }) });
    const ok = await post({ authorization: `Bearer ${users[0]!.token}` });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { data: { me: { username: users[0]!.username } } });
    assert.match(ok.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(ok.headers.get('access-control-allow-origin'), null, 'an origin not in CORS_ORIGINS is not allowed');
    const bad = await post({ authorization: 'Bearer nope' });
    assert.equal(bad.status, 401);
    const tooBig = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(1_100_000) }) });
    assert.equal(tooBig.status, 413, 'the fast path keeps the 1 MB body limit');
    assert.equal(((await tooBig.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, 'PAYLOAD_TOO_LARGE');
    const notJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ nope' });
    assert.equal(notJson.status, 400);
    // A compressed body is not the fast path's to read: express inflates it.
    const gzipped = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ query: '{ __typename }' })) });
    assert.deepEqual(await gzipped.json(), { data: { __typename: 'Query' } });
  });

  test('a subgraph that is down answers UPSTREAM_UNAVAILABLE, and the rest of the graph still works', async () => {
    await stack.search.dispose();
    const res = await gql(url, SearchVideoIdsDocument, { query: 'x' }, { token: users[3]!.token });
    assert.equal(res.errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE');
    assert.match(res.errors![0]!.message, /search service is unavailable/);
    const rest = await gql(url, ViewerDocument, {}, { token: users[3]!.token });
    assert.equal(rest.data?.me?.username, users[3]!.username);
  });
});
