import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createSubgraphFetcher } from './fetcher.js';

let server: http.Server;
let url: string;
let received = 0;
let aborted = 0;
before(async () => {
  server = http.createServer((req, res) => {
    received++;
    req.resume();
    const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'), 100);
    res.on('close', () => {
      if (!res.writableFinished) {
        aborted++;
        clearTimeout(timer);
      }
    });
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

test('a shared request is cancelled only when every waiting client has gone away', async () => {
  const fetcher = createSubgraphFetcher();
  const one = new AbortController();
  const two = new AbortController();
  aborted = 0;
  const first = fetcher(url, init, { viewerKey: 'a', mergeable: true, signal: one.signal });
  const second = fetcher(url, init, { viewerKey: 'a', mergeable: true, signal: two.signal });
  one.abort();
  assert.equal((await second).status, 200, 'the remaining client still gets its answer');
  await first.catch(() => undefined);
  assert.equal(aborted, 0);

  const three = new AbortController();
  const lone = fetcher(url, init, { viewerKey: 'z', mergeable: true, signal: three.signal });
  await new Promise((r) => setTimeout(r, 20));
  three.abort();
  await assert.rejects(lone);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(aborted, 1, 'the subgraph saw the request cancelled');
  await fetcher.close();
});
