import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createSubgraphFetcher } from './fetcher.js';

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

const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' };

test('identical queries of one viewer share a request; of two viewers, they do not', async () => {
  const fetcher = createSubgraphFetcher();
  received = 0;
  const same = await Promise.all(Array.from({ length: 5 }, () => fetcher(url, init, { viewerKey: 'a', mergeable: true })));
  assert.equal(received, 1);
  assert.ok(same.every((r) => r.status === 200));
  received = 0;
  await Promise.all(['a', 'b'].map((viewerKey) => fetcher(url, init, { viewerKey, mergeable: true })));
  assert.equal(received, 2);
  received = 0;
  await Promise.all(Array.from({ length: 3 }, () => fetcher(url, init, { viewerKey: 'a', mergeable: false })));
  assert.equal(received, 3, 'mutations each go through');
  await fetcher.close();
});

// No sleeps: the test waits for the subgraph to hold the request, then for it to see the cancellation.
// A fetcher that never cancels fails by the timeout rather than hanging.
test('a shared request is cancelled only when every waiting client has gone away', { timeout: 60_000 }, async () => {
  // The fetcher's own timeout is far beyond the test's, so only the client's cancellation can end the held request.
  const fetcher = createSubgraphFetcher({ timeoutMs: 3_600_000 });
  const one = new AbortController();
  const two = new AbortController();
  aborted = 0;
  const first = fetcher(url, init, { viewerKey: 'a', mergeable: true, signal: one.signal });
  const second = fetcher(url, init, { viewerKey: 'a', mergeable: true, signal: two.signal });
  one.abort();
  assert.equal((await second).status, 200, 'the remaining client still gets its answer');
  await first.catch(() => undefined);
  assert.equal(aborted, 0);

  holding = true;
  const arrived = new Promise<void>((resolve) => (onRequest = resolve));
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  try {
    const three = new AbortController();
    const lone = fetcher(url, init, { viewerKey: 'z', mergeable: true, signal: three.signal });
    await arrived;
    three.abort();
    await assert.rejects(lone);
    await cancelled;
    assert.equal(aborted, 1, 'the subgraph saw the request cancelled');
  } finally {
    holding = false;
    onRequest = onCancel = () => {};
    await fetcher.close();
  }
});
