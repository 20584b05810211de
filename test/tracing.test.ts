/**
 * Tracing as an operator sees it: the five services export their spans over
 * OTLP (HTTP, JSON) to a receiver run here, each under its own service.name.
 * One request is one trace from the gateway through every subgraph it asks, a
 * client's traceparent is continued, events on Redis Streams link their
 * consumers' spans to the trace that produced them, and the access log line
 * of a request names its trace.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { STREAMS } from '../lib/redis/domainEvents.js';
import { createLogger } from '../lib/observability/logger.js';
import { flushTraces, installTracing } from '../lib/observability/tracing.js';
import type { GraphQLResponse, Stack } from '../testing/harness.js';
import { SendDanmakuDocument, VideosWithUploadersDocument, type PublishVideoMutation } from '../testing/__generated__/operations.js';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  links: { traceId: string; spanId: string }[];
}
const SERVER = 2;
const CONSUMER = 5;

type AnyValue = { stringValue?: string };
interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: AnyValue }[] };
    scopeSpans?: { spans?: (Omit<ReceivedSpan, 'service' | 'links'> & { links?: { traceId: string; spanId: string }[] })[] }[];
  }[];
}

/** An OTLP/HTTP receiver that understands the JSON encoding, as a collector's otlp receiver does. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; paths: Set<string>; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const paths = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.add(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
      for (const rs of body.resourceSpans ?? []) {
        const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push({ service, traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), name: s.name, kind: s.kind, links: s.links ?? [] });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Line = Record<string, unknown> & { msg: string };

describe('tracing (OTLP)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: Stack;
  let url: string;
  let h: typeof import('../testing/harness.js');
  let videos: typeof import('../testing/videos.js');
  let uploader: { id: string; token: string };
  const lines: Line[] = [];
  const accessLine = (res: GraphQLResponse<unknown>) => {
    const rid = res.headers.get('x-request-id');
    const found = lines.filter((l) => l.component === 'access' && l.rid === rid);
    assert.equal(found.length, 1, `one access line for ${rid}`);
    return found[0]!;
  };

  /** Flushes the services' spans until `check` holds on them (export is batched and asynchronous). */
  async function spansUntil(check: (spans: ReceivedSpan[]) => boolean, what: string, timeoutMs = 60_000): Promise<ReceivedSpan[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await flushTraces();
      if (check(receiver.spans)) return receiver.spans;
      if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms; spans: ${JSON.stringify(receiver.spans.slice(-20).map((s) => [s.service, s.name]))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const inTrace = (traceId: string) => (spans: ReceivedSpan[]) => spans.filter((s) => s.traceId === traceId);
  const servicesOf = (spans: ReceivedSpan[]) => new Set(spans.map((s) => s.service));

  before(async () => {
    receiver = await startReceiver();
    // Installed before the platform's modules load, as the services' main.ts do, so graphql is instrumented too.
    await installTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    h = await import('../testing/harness.js');
    videos = await import('../testing/videos.js');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Line);
        done();
      },
    });
    // Each test asks the user subgraph for the same uploader: without the entity cache, so that every
    // trace reaches it (test/entity-cache.test.ts covers the cache).
    stack = await h.startStack({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, GATEWAY_ENTITY_CACHE: 'false' }, { log: createLogger('test', 'info', { destination: sink }) });
    url = stack.gateway.url;
    const u = await stack.user.store.createUser({ username: `tracer_${randomUUID().slice(0, 8)}`, displayName: 'Tracer', passwordHash: 'x' });
    uploader = { id: u.id, token: await stack.tokenFor(u.id) };
  });
  after(async () => {
    await stack?.dispose();
    await receiver?.close();
  });

  /** A real video, uploaded and published through the gateway; returns the publishing request's response. */
  const publishVideo = (title: string): Promise<GraphQLResponse<PublishVideoMutation>> => videos.publishSmallVideo(url, uploader.token, { title });

  const cross = (opts: { headers?: Record<string, string> } = {}) => h.gql(url, VideosWithUploadersDocument, { first: 5 }, opts);

  test('a query across subgraphs is one trace with spans of the gateway, video and user, and its access line names it', async () => {
    await publishVideo('traced video');
    const res = await cross();
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.ok(res.data!.videos.edges.some((e) => e.node.uploader.username.startsWith('tracer_')));

    const traceId = accessLine(res).traceId;
    assert.match(String(traceId), /^[0-9a-f]{32}$/, 'the access line carries the trace id');
    const spans = inTrace(String(traceId))(await spansUntil((all) => ['gateway', 'video', 'user'].every((s) => servicesOf(inTrace(String(traceId))(all)).has(s)), 'spans of gateway, video and user'));
    // Rooted at the gateway's server span; each subgraph answered inside it.
    const roots = spans.filter((s) => !s.parentSpanId);
    assert.deepEqual(roots.map((s) => [s.service, s.kind]), [['gateway', SERVER]]);
    for (const service of ['video', 'user']) assert.ok(spans.some((s) => s.service === service && s.kind === SERVER), `${service} has a server span in the trace`);
    assert.ok(spans.every((s) => spans.some((p) => p.spanId === s.parentSpanId) || !s.parentSpanId), 'every span hangs in the same tree');
    assert.ok([...receiver.paths].every((p) => p.startsWith('POST /v1/traces application/json')), [...receiver.paths].join());
  });

  test("a client's traceparent is continued through the gateway to the subgraphs", async () => {
    const traceId = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const res = await cross({ headers: { traceparent: `00-${traceId}-${parent}-01` } });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(accessLine(res).traceId, traceId);
    const spans = inTrace(traceId)(await spansUntil((all) => ['gateway', 'video', 'user'].every((s) => servicesOf(inTrace(traceId)(all)).has(s)), 'spans in the client trace'));
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.kind === SERVER && !spans.some((p) => p.spanId === s.parentSpanId));
    assert.equal(gatewayServer?.parentSpanId, parent, "the gateway's span is a child of the client's");
  });

  test("publishing a video: the search sync's and the notifications' spans link to the publishing request's trace", async () => {
    const published = await publishVideo('linked video');
    const traceId = String(accessLine(published).traceId);
    const linked = (service: string, name: string) => (all: ReceivedSpan[]) => all.some((s) => s.service === service && s.kind === CONSUMER && s.name === name && s.links.some((l) => l.traceId === traceId));
    const spans = await spansUntil((all) => linked('search', 'process search-sync')(all) && linked('chat', 'process chat-notifications')(all), 'consumer spans linked to the publish');
    // The consumer's batch is a trace of its own, linked to the producer's span in the publishing trace.
    const sync = spans.find((s) => s.name === 'process search-sync' && s.links.some((l) => l.traceId === traceId))!;
    assert.notEqual(sync.traceId, traceId);
    const producer = spans.find((s) => s.traceId === traceId && s.name === `publish ${STREAMS.video}`);
    assert.equal(producer?.service, 'video');
    assert.ok(sync.links.some((l) => l.spanId === producer.spanId), 'the link points at the producer span');
  });

  test('a subscription continues the client trace at the gateway and, over the upstream socket, in its subgraph', async () => {
    const videoId = (await publishVideo('danmaku video')).data!.publishVideo.id;
    const traceId = randomBytes(16).toString('hex');
    const client = h.wsClient(url, { token: uploader.token });
    let first: () => void = () => {};
    const delivered = new Promise<void>((resolve) => (first = resolve));
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        // A string: the spans are found by the name of an anonymous subscription.
        { query: `subscription($v: ID!) { danmakuAdded(videoId: $v) { text } }`, variables: { v: videoId }, extensions: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
        { next: () => first(), error: resolve, complete: () => resolve(undefined) },
      );
    });
    try {
      await h.listening(stack.redis, `danmaku:${videoId}`);
      const sent = await h.gql(url, SendDanmakuDocument, { videoId, text: 'hi', timeMs: 0 }, { token: uploader.token });
      assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
      await delivered;
      await spansUntil((all) => inTrace(traceId)(all).some((s) => s.service === 'video' && s.kind === SERVER && s.name === 'subscription'), "the video subgraph's span of the subscription");
    } finally {
      await client.dispose();
    }
    await ended;
    // The gateway's span lasts as long as the subscription.
    const spans = inTrace(traceId)(await spansUntil((all) => inTrace(traceId)(all).some((s) => s.service === 'gateway' && s.name === 'subscription'), "the gateway's span of the subscription"));
    const gateway = spans.find((s) => s.service === 'gateway' && s.name === 'subscription')!;
    const video = spans.find((s) => s.service === 'video' && s.name === 'subscription')!;
    assert.equal(video.parentSpanId, gateway.spanId, "the subgraph's span is a child of the gateway's");
  });
});
