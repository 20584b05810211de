/**
 * Uploads through the gateway's transport to subgraphs (gateway/transport/):
 * a video subgraph that stalls in the middle of a chunk's body answers the
 * client with the timeout error of SUBGRAPH_TIMEOUT_MS, and a client that goes
 * away in the middle of its upload ends the gateway's request to the subgraph.
 * Neither leaves a chunk behind.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { print } from 'graphql';
import { createLogger } from '../lib/observability/logger.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { createSignedInUser } from '../testing/fixtures.js';
import { gql, gqlUpload, startStack, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { sha256 } from '../testing/media.js';
import { parseMetrics, valueOf } from '../testing/prometheus.js';
import { UploadChunkDocument, InitUploadDocument, VideoUploadStatusDocument } from '../testing/__generated__/operations.js';

const MiB = 1024 * 1024;
const CHUNK = 5 * MiB;
/** The stalled gateway's SUBGRAPH_TIMEOUT_MS: short, so the test does not wait long for it. */
const STALL_TIMEOUT_MS = 2_000;

/**
 * A TCP proxy in front of a subgraph that forwards each connection's first
 * `forwardBytes` towards the subgraph and then stops reading: to the gateway,
 * a subgraph that stopped taking the request body in the middle of it.
 * `release()` brings the path back: what was held is dropped, and a
 * connection the gateway has closed meanwhile is closed towards the subgraph.
 */
async function stallingProxy(target: string, forwardBytes: number) {
  const { hostname, port } = new URL(target);
  let stalled: () => void = () => {};
  const stall = new Promise<void>((resolve) => (stalled = resolve));
  const held: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    let forwarded = 0;
    client.on('data', (data: Buffer) => {
      if (forwarded >= forwardBytes) return;
      const room = forwardBytes - forwarded;
      upstream.write(room >= data.length ? data : data.subarray(0, room));
      forwarded += Math.min(room, data.length);
      if (forwarded >= forwardBytes) {
        client.pause();
        held.push(client);
        stalled();
      }
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${new URL(target).pathname}`,
    stall,
    release: () => {
      forwardBytes = -1;
      for (const socket of held) socket.resume();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The next HTTP request a server receives (Node's http.server.request.start channel). */
function nextRequest(port: number): Promise<http.IncomingMessage> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const { request, server } = message as { request: http.IncomingMessage; server: http.Server };
      if ((server.address() as AddressInfo | null)?.port !== port) return;
      diagnostics.unsubscribe('http.server.request.start', listener);
      resolve(request);
    };
    diagnostics.subscribe('http.server.request.start', listener);
  });
}

/** Whether a server's request ended with its whole body received. */
function ended(request: http.IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => (request.destroyed ? resolve(request.complete) : request.once('close', () => resolve(request.complete))));
}

describe('uploads through the gateway transport', () => {
  let stack: Stack;
  let token: string;
  let n = 0;

  before(async () => {
    stack = await startStack();
    token = (await createSignedInUser(stack, 'uploader')).accessToken;
  });
  after(async () => {
    await stack?.dispose();
  });

  /** A one-chunk upload: its id and the chunk. */
  async function oneChunkUpload(): Promise<{ id: string; chunk: Buffer }> {
    const chunk = randomBytes(CHUNK);
    const res = await gql(stack.gateway.url, InitUploadDocument, { filename: `clip-${++n}.mkv`, size: chunk.length, sha256: sha256(chunk) }, { token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.initUpload.upload.chunkCount, 1);
    return { id: res.data!.initUpload.upload.id, chunk };
  }

  /** Waits until the video subgraph is receiving no chunk, then asserts the upload holds none: no record, no object. */
  async function assertNoChunkLeft(uploadId: string) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const samples = parseMetrics(await (await fetch(stack.video.metricsUrl!)).text());
      if (valueOf(samples, 'vidhub_upload_chunks_in_flight') === 0) break;
      assert.ok(Date.now() < deadline, 'the video subgraph is still receiving the cut chunk');
      await new Promise((r) => setTimeout(r, 200));
    }
    const status = await gql(stack.gateway.url, VideoUploadStatusDocument, { uploadId }, { token });
    assert.deepEqual(status.data?.uploadStatus.receivedChunks, [], 'the cut chunk is not recorded');
    assert.deepEqual(await stack.objects.list(`uploads/${uploadId}/`), [], 'and nothing of it is stored');
  }

  test('a subgraph that stalls in the middle of a chunk: the client gets the timeout error, and no half chunk is kept', { timeout: 300_000 }, async () => {
    const proxy = await stallingProxy(stack.video.url, 1 * MiB);
    let gateway: RunningGateway | undefined;
    try {
      // A second gateway whose video subgraph is behind the proxy, with a short SUBGRAPH_TIMEOUT_MS.
      gateway = await startGateway({ ...stack.config, SUBGRAPH_TIMEOUT_MS: STALL_TIMEOUT_MS }, createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'), {
        port: 0,
        metricsPort: 0,
        webDir: null,
        subgraphUrls: { user: stack.user.url, video: proxy.url, chat: stack.chat.url, search: stack.search.url },
      });
      const { id, chunk } = await oneChunkUpload();
      const answer: GraphQLResponse<unknown> = await gqlUpload(gateway.url, UploadChunkDocument, { uploadId: id, index: 0, chunk: null, checksum: sha256(chunk) }, { 'variables.chunk': { bytes: chunk, filename: 'chunk-0' } }, { token });
      await proxy.stall;
      assert.equal(answer.errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE', JSON.stringify(answer.errors));
      assert.match(answer.errors![0]!.message, /The video service did not answer within 2 s/);
      // The path comes back: the subgraph finds its request cut in the middle of the chunk.
      proxy.release();
      await assertNoChunkLeft(id);
      // The same chunk, sent whole, is stored.
      const again = await gqlUpload(stack.gateway.url, UploadChunkDocument, { uploadId: id, index: 0, chunk: null, checksum: sha256(chunk) }, { 'variables.chunk': { bytes: chunk, filename: 'chunk-0' } }, { token });
      assert.equal(again.data?.uploadChunk.stored, true, JSON.stringify(again.errors));
    } finally {
      await gateway?.dispose();
      await proxy.close();
    }
  });

  test('a client that goes away in the middle of its upload ends the request to the subgraph', { timeout: 300_000 }, async () => {
    const { id, chunk } = await oneChunkUpload();
    const boundary = '----client-goes-away';
    const operations = JSON.stringify({ query: print(UploadChunkDocument), variables: { uploadId: id, index: 0, chunk: null, checksum: sha256(chunk) } });
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.chunk"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="chunk-0"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const atSubgraph = nextRequest(stack.video.port);
    const client = new AbortController();
    // Half the chunk, then nothing more: only the client going away ends this body.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.enqueue(chunk.subarray(0, CHUNK / 2));
      },
    });
    const sent = fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` },
      body,
      duplex: 'half',
      signal: client.signal,
    } as RequestInit);
    const request = await atSubgraph;
    const complete = ended(request);
    client.abort();
    await assert.rejects(sent);
    assert.equal(await complete, false, 'the subgraph saw its request end before the chunk was whole');
    await assertNoChunkLeft(id);
  });
});
