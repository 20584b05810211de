/**
 * The error model as a client meets it: every error response is JSON with
 * `extensions.code`; a client's mistake is a 4xx with a client code (never
 * INTERNAL_SERVER_ERROR or UPSTREAM_UNAVAILABLE, which would tell it to retry);
 * nothing internal (subgraph addresses, response bodies, service names) leaves
 * the gateway in production.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { startGateway } from '../gateway/server.js';
import { createLogger } from '../lib/observability/logger.js';
import { gqlUpload, startStack, type Stack } from '../testing/harness.js';

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function send(url: string, init: RequestInit): Promise<{ status: number; type: string | null; body: Body }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    assert.fail(`HTTP ${res.status} answered with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, type: res.headers.get('content-type'), body };
}

const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function multipart(url: string, parts: Record<string, string | Blob>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.append(k, v);
  return send(url, { method: 'POST', headers: { 'apollo-require-preflight': 'true', ...headers }, body: form });
}

function expectClientError(r: { status: number; body: Body }, code: string) {
  assert.ok(r.status >= 400 && r.status < 500, `HTTP ${r.status}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.errors?.[0]?.extensions?.code, code, JSON.stringify(r.body));
}

for (const mode of ['development', 'production'] as const) {
  describe(`client mistakes get client codes (${mode})`, () => {
    let stack: Stack;
    let url: string;
    let token: string;

    before(async () => {
      stack = await startStack({ NODE_ENV: mode });
      url = stack.gateway.url;
      const u = await stack.user.store.createUser({ username: `errors_${mode}`, displayName: 'E', passwordHash: 'x' });
      token = await stack.tokenFor(u.id);
    });
    after(() => stack?.dispose());

    test('an operationName the document does not define', async () => {
      const r = await json(url, { query: 'query A { videos(first: 1) { edges { cursor } } }', operationName: 'B' });
      expectClientError(r, 'OPERATION_RESOLUTION_FAILURE');
      assert.match(r.body.errors![0]!.message, /B/);
    });

    test('persisted queries: a hash that does not match, an unknown version', async () => {
      const query = '{ videos(first: 1) { edges { cursor } } }';
      const wrong = await json(url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('other').digest('hex') } } });
      expectClientError(wrong, 'BAD_REQUEST');
      assert.match(wrong.body.errors![0]!.message, /hash/i);
      const version = await json(url, { query, extensions: { persistedQuery: { version: 2, sha256Hash: createHash('sha256').update(query).digest('hex') } } });
      expectClientError(version, 'BAD_REQUEST');
      assert.match(version.body.errors![0]!.message, /version/i);
    });

    test('a body that is not JSON, or has no query', async () => {
      expectClientError(await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }), 'BAD_REQUEST');
      expectClientError(await send(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: '{nope' }), 'BAD_REQUEST');
      expectClientError(await json(url, { variables: {} }), 'BAD_REQUEST');
    });

    test('malformed multipart requests are JSON 400s, not HTML pages or retryable errors', async () => {
      const upload = 'mutation($f: Upload!) { updateProfile(input: { avatar: $f }) { id } }';
      const file = new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' });
      const notJson = await multipart(url, { operations: '{not json', map: '{}' }, { authorization: `Bearer ${token}` });
      expectClientError(notJson, 'BAD_REQUEST');
      assert.match(notJson.type ?? '', /json/);
      assert.doesNotMatch(JSON.stringify(notJson.body), /at [\w.]+ \(/, 'no stack trace');
      const missingFile = await multipart(url, { operations: JSON.stringify({ query: upload, variables: { f: null } }), map: JSON.stringify({ 0: ['variables.f'] }) }, { authorization: `Bearer ${token}` });
      expectClientError(missingFile, 'BAD_REQUEST');
      const twice = await multipart(
        url,
        { operations: JSON.stringify({ query: 'mutation($f: Upload!, $g: Upload!) { a: updateProfile(input: { avatar: $f }) { id } b: updateProfile(input: { avatar: $g }) { id } }', variables: { f: null, g: null } }), map: JSON.stringify({ 0: ['variables.f', 'variables.g'] }), 0: file },
        { authorization: `Bearer ${token}` },
      );
      expectClientError(twice, 'BAD_REQUEST');
    });

    test('a request with two sizeable files is answered, not held until the request timeout', async () => {
      const png = (n: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200 * 1024, n)]);
      const files = { 'variables.f': { bytes: png(1), filename: 'a.png', type: 'image/png' }, 'variables.g': { bytes: png(2), filename: 'b.bin', type: 'application/octet-stream' } };
      // Two subgraphs, one file each: the second file's part is reached only once the first has gone to its subgraph.
      const across = await gqlUpload(
        url,
        'mutation($f: Upload!, $g: Upload!) { a: updateProfile(input: { avatar: $f }) { id } b: uploadChunk(uploadId: "no-such-upload", index: 0, chunk: $g, checksum: "00") { index } }',
        { f: null, g: null },
        files,
        { token },
      );
      // The avatar raises no error; the chunk is refused by the video subgraph (no such upload session).
      assert.deepEqual(
        across.errors?.map((e) => [(e as { path?: unknown[] }).path, e.extensions?.code]),
        [[['b'], 'NOT_FOUND']],
      );
      // Both to one subgraph, which takes one file per request: refused as too large, at once.
      const together = await gqlUpload(
        url,
        'mutation($f: Upload!, $g: Upload!) { a: updateProfile(input: { avatar: $f }) { id } b: updateProfile(input: { avatar: $g }) { id } }',
        { f: null, g: null },
        files,
        { token },
      );
      assert.equal(together.errors?.[0]?.extensions?.code, 'PAYLOAD_TOO_LARGE', JSON.stringify(together.errors));
    });

    test('a misspelt field gets a validation error, with a hint only outside production', async () => {
      const r = await json(url, { query: '{ serach(query: "x") { total } }' });
      expectClientError(r, 'GRAPHQL_VALIDATION_FAILED');
      if (mode === 'production') assert.doesNotMatch(r.body.errors![0]!.message, /Did you mean/);
      else assert.match(r.body.errors![0]!.message, /Did you mean "search"/);
    });

    test('multipart bodies the parser cannot read are JSON 400s, not 500s', async () => {
      const raw = (body: string, boundary = 'b0undary') =>
        send(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` }, body });
      const operations = JSON.stringify({ query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: null } });
      const part = (name: string, data: string) => `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${data}\r\n`;
      // No part at all, only the closing boundary.
      expectClientError(await raw('--b0undary--\r\n'), 'BAD_REQUEST');
      // The boundary in the header is not the one in the body.
      expectClientError(await raw(part('operations', operations), 'another'), 'BAD_REQUEST');
      // Cut off before the closing boundary, in the middle of the map.
      expectClientError(await raw(`${part('operations', operations)}--b0undary\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":`), 'BAD_REQUEST');
    });

    test('a multipart body that makes the parser fail twice leaves the gateway and the user subgraph running', async () => {
      // A file before any map is refused; the next part's header (a NUL in its filename) is malformed: two parser errors.
      const file = (name: string, filename: string) => `--b0undary\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\nxx\r\n`;
      const operations = JSON.stringify({ query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: null } });
      const body = `--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n${file('0', 'a.png')}${file('1', 'a\u0000.png')}--b0undary--\r\n`;
      const r = await send(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` }, body });
      expectClientError(r, 'BAD_REQUEST');
      // The user subgraph parses multipart bodies before it checks the caller's identity: the same body straight to its port.
      const direct = await send(stack.user.url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'apollo-require-preflight': 'true' }, body });
      expectClientError(direct, 'BAD_REQUEST');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await json(url, { query: '{ videos(first: 1) { edges { node { uploader { username } } } } }' });
      assert.equal(after.status, 200, JSON.stringify(after.body));
      assert.equal(after.body.errors, undefined, JSON.stringify(after.body));
    });

    test('a multipart body cut off inside a file, signed in or not, is the client\'s mistake and leaves the gateway running', async () => {
      const operations = JSON.stringify({ query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: null } });
      const body =
        `--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--b0undary\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--b0undary\r\nContent-Disposition: form-data; name="0"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nthe body ends before the file does`;
      const headers = { 'content-type': 'multipart/form-data; boundary=b0undary', 'apollo-require-preflight': 'true' };
      for (const auth of [{ authorization: `Bearer ${token}` }, {}] as Record<string, string>[]) {
        // All at once: the file has failed before the gateway forwards it.
        const r = await send(url, { method: 'POST', headers: { ...headers, ...auth }, body });
        assert.equal(r.body.errors?.[0]?.extensions?.code, 'BAD_REQUEST', JSON.stringify(r.body));
        // In two pieces: the file fails while the gateway is forwarding it to the subgraph.
        const pieces = [body, '... and the rest never comes'];
        const slow = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const piece = pieces.shift();
            if (piece === undefined) return controller.close();
            if (pieces.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
            controller.enqueue(new TextEncoder().encode(piece));
          },
        });
        const r2 = await send(url, { method: 'POST', headers: { ...headers, ...auth }, body: slow, duplex: 'half' } as RequestInit);
        // Signed out, the subgraph may refuse before it reads the file: an answer that also ends the forwarding early.
        const expected = auth.authorization ? ['BAD_REQUEST'] : ['BAD_REQUEST', 'UNAUTHENTICATED'];
        assert.ok(expected.includes(String(r2.body.errors?.[0]?.extensions?.code)), JSON.stringify(r2.body));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await json(url, { query: '{ videos(first: 1) { edges { cursor } } }' })).status, 200);
    });

    test('a file sent with an empty filename reaches the subgraph as a file', async () => {
      const operations = JSON.stringify({ query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: null } });
      const body =
        `--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--b0undary\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        // An octet-stream part is a file even without a name.
        `--b0undary\r\nContent-Disposition: form-data; name="0"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\nnot an image\r\n--b0undary--\r\n`;
      const r = await send(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` }, body });
      assert.equal(r.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.body));
      assert.match(r.body.errors![0]!.message, /PNG, JPEG/);
    });

    test('a filename with control characters (RFC 5987 filename*) reaches the subgraph as a name, not as a malformed body', async () => {
      const operations = JSON.stringify({ query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: null } });
      const body =
        `--b0undary\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--b0undary\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--b0undary\r\nContent-Disposition: form-data; name="0"; filename*=UTF-8''a%00b%1B.png\r\nContent-Type: image/png\r\n\r\nnot an image\r\n--b0undary--\r\n`;
      const r = await send(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` }, body });
      // The user subgraph read the file and judged its bytes.
      assert.equal(r.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.body));
      assert.match(r.body.errors![0]!.message, /PNG, JPEG/);
    });

    test('a subscription sent over HTTP', async () => {
      const r = await json(url, { query: 'subscription { notificationAdded { id } }' }, { authorization: `Bearer ${token}` });
      expectClientError(r, 'BAD_REQUEST');
      assert.match(r.body.errors![0]!.message, /WebSocket/);
    });

    test('something that is not a file where a file goes, as a variable or a literal', async () => {
      const asVariable = await json(url, { query: 'mutation($f: Upload) { updateProfile(input: { avatar: $f }) { id } }', variables: { f: 'file.png' } }, { authorization: `Bearer ${token}` });
      assert.equal(asVariable.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(asVariable.body));
      const asLiteral = await json(url, { query: 'mutation { updateProfile(input: { avatar: "file.png" }) { id } }' }, { authorization: `Bearer ${token}` });
      assert.equal(asLiteral.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED', JSON.stringify(asLiteral.body));
    });

    test('a socket message only a server sends closes the socket with 4400, not 4500', async () => {
      for (const type of ['next', 'error', 'connection_ack']) {
        const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        socket.send(JSON.stringify({ type: 'connection_init' }));
        socket.send(JSON.stringify({ id: '1', type, payload: type === 'error' ? [] : {} }));
        assert.equal(await closed, 4400, type);
      }
    });

    test('a number literal too large to represent (1e400 for a Float)', async () => {
      const r = await json(url, { query: 'mutation { initUpload(filename: "a.mp4", size: 1e400, sha256: "x") { instant } }' }, { authorization: `Bearer ${token}` });
      expectClientError(r, 'GRAPHQL_VALIDATION_FAILED');
    });

    test('search past its deepest page', async () => {
      const r = await json(url, { query: '{ search(query: "x", page: 100000000) { total } }' });
      assert.equal(r.body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.body));
    });

    test('errors built from a subgraph answer carry no internal address, body or service name in production', async () => {
      // A subgraph that refuses with 401 and a body naming an internal address.
      const fake = http.createServer((_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'token refused by node 10.1.2.3:4002' }] }));
      });
      await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
      const fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
      const gateway = await startGateway(stack.config, createLogger('test', 'silent'), {
        port: 0,
        subgraphUrls: { user: stack.user.url, video: fakeUrl, chat: stack.chat.url, search: stack.search.url },
      });
      try {
        const r = await json(gateway.url, { query: '{ videos(first: 1) { edges { cursor } } }' });
        assert.equal(r.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(r.body));
        if (mode === 'production') {
          const text = JSON.stringify(r.body);
          assert.doesNotMatch(text, /10\.1\.2\.3|127\.0\.0\.1/, 'no internal address');
          assert.doesNotMatch(text, /serviceName|"response"|stacktrace/, text);
        }
      } finally {
        await gateway.dispose();
        fake.close();
      }
    });
  });
}
