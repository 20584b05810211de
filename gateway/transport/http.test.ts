import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { mergeKey, SubgraphHttp } from './http.js';
import type { Viewer } from '../../lib/auth/identity.js';

let server: http.Server;
let url: string;
let received = 0;
let aborted = 0;
/** While set, the subgraph never answers: the request stays open until the client cancels it. */
let holding = false;
/** Called as each request arrives and as each is cancelled, for tests that wait for those moments. */
let onRequest: () => void = () => {};
let onCancel: () => void = () => {};
before(async () => {
  server = http.createServer((req, res) => {
    received++;
    req.resume();
    // Answers after 100 ms: long enough for requests issued together to be in flight together.
    const timer = holding ? undefined : setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'), 100);
    res.on('close', () => {
      if (!res.writableFinished) {
        aborted++;
        clearTimeout(timer);
        onCancel();
      }
    });
    onRequest();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const headers = { 'content-type': 'application/json' };
const body = '{"query":"{ ok }"}';
const viewer = (userId: string): Viewer => ({ userId, roles: [] });
/** A query call on behalf of a viewer, mergeable; `merge: false` as a mutation's call is. */
const call = (userId: string, opts: { merge?: boolean; signal?: AbortSignal } = {}) => ({
  url,
  headers,
  body,
  ...(opts.merge === false ? {} : { mergeKey: mergeKey(url, viewer(userId), body) }),
  ...(opts.signal ? { signal: opts.signal } : {}),
});

test('identical queries of one viewer share a request; of two viewers, they do not', async () => {
  const http = new SubgraphHttp();
  received = 0;
  const same = await Promise.all(Array.from({ length: 5 }, () => http.call(call('a'))));
  assert.equal(received, 1);
  assert.ok(same.every((r) => r.status === 200));
  received = 0;
  await Promise.all(['a', 'b'].map((userId) => http.call(call(userId))));
  assert.equal(received, 2);
  received = 0;
  await Promise.all(Array.from({ length: 3 }, () => http.call(call('a', { merge: false }))));
  assert.equal(received, 3, 'mutations each go through');
  await http.close();
});

// No sleeps: the test waits for the subgraph to hold the request, then for it to see the cancellation.
// A transport that never cancels fails by the timeout rather than hanging.
test('a shared request is cancelled only when every waiting client has gone away', { timeout: 60_000 }, async () => {
  // The transport's own timeout is far beyond the test's, so only the client's cancellation can end the held request.
  const http = new SubgraphHttp({ timeoutMs: 3_600_000 });
  const one = new AbortController();
  const two = new AbortController();
  aborted = 0;
  const first = http.call(call('a', { signal: one.signal }));
  const second = http.call(call('a', { signal: two.signal }));
  one.abort();
  assert.equal((await second).status, 200, 'the remaining client still gets its answer');
  await first.catch(() => undefined);
  assert.equal(aborted, 0);

  holding = true;
  const arrived = new Promise<void>((resolve) => (onRequest = resolve));
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  try {
    const three = new AbortController();
    const lone = http.call(call('z', { signal: three.signal }));
    await arrived;
    three.abort();
    await assert.rejects(lone);
    await cancelled;
    assert.equal(aborted, 1, 'the subgraph saw the request cancelled');
  } finally {
    holding = false;
    onRequest = onCancel = () => {};
    await http.close();
  }
});

/**
 * A server that reads `readBytes` of each request body, then stops reading and never answers: a
 * stalled subgraph. `resume()` makes it read again (a paused socket does not see the peer close it).
 */
async function stallingServer(readBytes: number) {
  const ended: Promise<boolean>[] = [];
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req) => {
    let read = 0;
    requests.push(req);
    ended.push(new Promise((resolve) => req.on('close', () => resolve(req.complete))));
    req.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read >= readBytes) req.pause();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    ended,
    resume: () => {
      readBytes = Infinity;
      for (const req of requests) req.resume();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `total` bytes in 64 KiB pieces, produced as they are read (as an upload is forwarded). */
async function* bytes(total: number): AsyncGenerator<Uint8Array> {
  const piece = Buffer.alloc(64 * 1024, 1);
  for (let sent = 0; sent < total; sent += piece.length) yield piece;
}

test('a streamed body the subgraph stops reading fails with the timeout, and the subgraph sees the request end', { timeout: 120_000 }, async () => {
  const stalled = await stallingServer(256 * 1024);
  const transport = new SubgraphHttp({ timeoutMs: 1_000 });
  try {
    // 64 MiB: more than socket buffers hold, so the upload itself is what stalls.
    await assert.rejects(transport.call({ url: stalled.url, headers: { 'content-type': 'application/octet-stream' }, body: bytes(64 * 1024 * 1024) }), (err: Error) => {
      assert.equal(err.name, 'SubgraphTimeoutError');
      return true;
    });
    assert.equal(stalled.ended.length, 1);
    stalled.resume();
    assert.equal(await stalled.ended[0], false, 'the request ended before its body was complete');
  } finally {
    await transport.close();
    await stalled.close();
  }
});

test('a streamed body whose client goes away is cancelled: the subgraph sees the request end', { timeout: 120_000 }, async () => {
  const stalled = await stallingServer(Infinity);
  const transport = new SubgraphHttp({ timeoutMs: 3_600_000 });
  const client = new AbortController();
  let sent = 0;
  let halfway: () => void = () => {};
  const reachedHalfway = new Promise<void>((r) => (halfway = r));
  // The client's upload never ends by itself: only the cancellation can end the call.
  async function* endless(): AsyncGenerator<Uint8Array> {
    const piece = Buffer.alloc(64 * 1024, 2);
    for (;;) {
      if ((sent += piece.length) >= 1024 * 1024) halfway();
      yield piece;
      await new Promise((r) => setImmediate(r));
    }
  }
  try {
    const pending = transport.call({ url: stalled.url, headers: { 'content-type': 'application/octet-stream' }, body: endless(), signal: client.signal });
    await reachedHalfway;
    client.abort(new Error('client disconnected'));
    await assert.rejects(pending);
    assert.equal(await stalled.ended[0], false, 'the subgraph saw the request end, incomplete');
  } finally {
    await transport.close();
    await stalled.close();
  }
});
