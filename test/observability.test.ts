/**
 * Metrics and access logs as an operator sees them: each service's /metrics
 * on its own listener (never the gateway's public port), series with the
 * labels README.md promises and values that follow the operations sent, and
 * one access-log line per operation at the gateway, at warn level for
 * refusals.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { STREAMS } from '../lib/redis/domainEvents.js';
import { createLogger } from '../lib/observability/logger.js';
import { gql, gqlUpload, listening, startStack, subscribe, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { InitUploadDocument, MessageEventsDocument, RegisterAccountDocument, SendMessageDocument, StartConversationDocument, UploadChunkDocument } from '../testing/__generated__/operations.js';
import { has, parseMetrics, valueOf, type Sample } from '../testing/prometheus.js';

async function scrape(url: string): Promise<Sample[]> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  return parseMetrics(await res.text());
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

type Line = Record<string, unknown> & { level: number; msg: string };
const INFO = 30;
const WARN = 40;

describe('metrics and access logs', () => {
  let stack: Stack;
  let url: string;
  const lines: Line[] = [];
  const accessLines = () => lines.filter((l) => l.component === 'access');
  const lineOf = (rid: string) => accessLines().filter((l) => l.rid === rid);
  const clients: { dispose(): void | Promise<void> }[] = [];
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Line);
        done();
      },
    });
    // One failed sign-in per address and hour: the second is RATE_LIMITED.
    stack = await startStack({ LOGIN_FAILS_PER_ADDRESS_PER_HOUR: '1' }, { log: createLogger('test', 'info', { destination: sink }) });
    url = stack.gateway.url;
    const a = await stack.user.store.createUser({ username: 'metrics_alice', displayName: 'Alice', passwordHash: 'x' });
    const b = await stack.user.store.createUser({ username: 'metrics_bob', displayName: 'Bob', passwordHash: 'x' });
    alice = { id: a.id, token: await stack.tokenFor(a.id) };
    bob = { id: b.id, token: await stack.tokenFor(b.id) };
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
  });

  test('every service serves its metrics on a listener of its own; the public ports answer 404', async () => {
    const services = { gateway: stack.gateway, user: stack.user, video: stack.video, chat: stack.chat, search: stack.search };
    for (const [name, service] of Object.entries(services)) {
      assert.ok(service.metricsUrl, `${name} has a metrics URL`);
      const metricsPort = new URL(service.metricsUrl).port;
      assert.notEqual(metricsPort, String(service.port), `${name}: metrics are not on the public port`);
      const samples = await scrape(service.metricsUrl);
      // Process defaults, labelled with the service.
      assert.ok(valueOf(samples, 'process_cpu_user_seconds_total', { service: name }) > 0, `${name}: process CPU`);
      assert.ok(has(samples, 'nodejs_heap_size_used_bytes', { service: name }), `${name}: heap`);
      assert.ok(samples.every((s) => s.labels.service === name), `${name}: every series names its service`);
      const publicMetrics = await fetch(new URL('/metrics', service.url));
      assert.equal(publicMetrics.status, 404, `${name}: /metrics is not served on the public port`);
      assert.doesNotMatch(await publicMetrics.text(), /process_cpu/);
    }
    const elsewhere = await fetch(new URL('/other', stack.gateway.metricsUrl));
    assert.equal(elsewhere.status, 404);
  });

  // Operations named in this file's metrics and log lines (MetricsProbe, FollowAnonymously, TooManyAliases,
  // WithBadToken, SignIn, BobsMessages) stay strings: their names are what is checked, and no other test sends them.
  test('operations are counted by name, type and outcome, and logged once each', async () => {
    const before = await scrape(stack.gateway.metricsUrl);
    const userBefore = await scrape(stack.user.metricsUrl!);
    const rids = [randomUUID(), randomUUID(), randomUUID()];
    for (const rid of rids) {
      const res = await gql<{ me: { username: string } }, Record<string, never>>(url, 'query MetricsProbe { me { username } }', {}, { token: alice.token, headers: { 'x-request-id': rid } });
      assert.equal(res.data?.me.username, 'metrics_alice');
    }
    const after = await scrape(stack.gateway.metricsUrl);
    const probe = { operation: 'MetricsProbe', type: 'query', outcome: 'success' };
    const count = 'vidhub_gateway_operation_duration_seconds_count';
    assert.equal(valueOf(after, count, probe) - valueOf(before, count, probe), 3, 'exactly the operations sent');
    assert.equal(valueOf(after, 'vidhub_gateway_operation_duration_seconds_bucket', { ...probe, le: '+Inf' }), valueOf(after, count, probe));
    assert.ok(valueOf(after, 'vidhub_gateway_operation_duration_seconds_sum', probe) > 0);
    assert.ok(valueOf(after, 'vidhub_gateway_operation_duration_seconds_bucket', { ...probe, le: '30' }) <= valueOf(after, count, probe));

    // One fetch to the user subgraph per operation; each one sent (nothing to merge, one at a time).
    const fetches = { subgraph: 'user', outcome: 'success' };
    assert.equal(valueOf(after, 'vidhub_gateway_subgraph_fetch_duration_seconds_count', fetches) - valueOf(before, 'vidhub_gateway_subgraph_fetch_duration_seconds_count', fetches), 3);
    assert.equal(valueOf(after, 'vidhub_gateway_subgraph_requests_total') - valueOf(before, 'vidhub_gateway_subgraph_requests_total'), 3);
    assert.ok(has(after, 'vidhub_gateway_inflight_merged_total'));
    // The token was verified once, then found in the verifier's cache; its session is not revoked.
    assert.ok(valueOf(after, 'vidhub_gateway_token_verifications_total', { result: 'valid' }) >= 1);
    assert.ok(valueOf(after, 'vidhub_gateway_token_verifications_total', { result: 'cached' }) - valueOf(before, 'vidhub_gateway_token_verifications_total', { result: 'cached' }) >= 2);
    assert.ok(has(after, 'vidhub_gateway_revocation_checks_total', { source: 'memory', result: 'active' }));

    // The user subgraph looked each viewer up through its coalescer and store.
    const userAfter = await scrape(stack.user.metricsUrl!);
    const lookups = { method: 'findUsersByIds', outcome: 'ok' };
    assert.equal(valueOf(userAfter, 'vidhub_store_call_duration_seconds_count', lookups) - valueOf(userBefore, 'vidhub_store_call_duration_seconds_count', lookups), 3);
    assert.equal(valueOf(userAfter, 'vidhub_coalescer_lookups_total', { entity: 'user', path: 'direct' }) - valueOf(userBefore, 'vidhub_coalescer_lookups_total', { entity: 'user', path: 'direct' }), 3);
    assert.ok(has(userAfter, 'vidhub_coalescer_queries_total', { entity: 'user' }));

    for (const rid of rids) {
      const mine = lineOf(rid);
      assert.equal(mine.length, 1, `one access line for ${rid}`);
      const line = mine[0]!;
      assert.equal(line.level, INFO);
      assert.equal(line.msg, 'operation');
      assert.equal(line.service, 'gateway');
      assert.equal(line.operation, 'MetricsProbe');
      assert.equal(line.type, 'query');
      assert.equal(line.transport, 'http');
      assert.equal(line.outcome, 'success');
      assert.equal(line.status, 200);
      assert.equal(line.userId, alice.id);
      assert.match(String(line.clientIp), /127\.0\.0\.1$/);
      assert.equal(typeof line.durationMs, 'number');
      assert.ok((line.durationMs as number) >= 0);
      assert.equal('codes' in line, false);
      assert.equal('traceId' in line, false, 'no trace id until requests are traced');
    }
  });

  test('a refused operation is counted with outcome error and its code, and logged at warn level', async () => {
    const before = await scrape(stack.gateway.metricsUrl);
    const userBefore = await scrape(stack.user.metricsUrl!);
    const rid = randomUUID();
    const res = await gql(url, `mutation FollowAnonymously($u: ID!) { follow(userId: $u) { id } }`, { u: bob.id }, { headers: { 'x-request-id': rid } });
    assert.equal(code(res), 'UNAUTHENTICATED');
    const after = await scrape(stack.gateway.metricsUrl);
    const labels = { operation: 'FollowAnonymously', type: 'mutation' };
    assert.equal(valueOf(after, 'vidhub_gateway_operation_duration_seconds_count', { ...labels, outcome: 'error' }) - valueOf(before, 'vidhub_gateway_operation_duration_seconds_count', { ...labels, outcome: 'error' }), 1);
    assert.equal(valueOf(after, 'vidhub_gateway_operation_duration_seconds_count', { ...labels, outcome: 'success' }), 0);
    assert.equal(valueOf(after, 'vidhub_gateway_operation_errors_total', { ...labels, code: 'UNAUTHENTICATED' }) - valueOf(before, 'vidhub_gateway_operation_errors_total', { ...labels, code: 'UNAUTHENTICATED' }), 1);
    // The user subgraph's shield refused it: a resolver error there, by code.
    const userAfter = await scrape(stack.user.metricsUrl!);
    assert.equal(valueOf(userAfter, 'vidhub_resolver_errors_total', { code: 'UNAUTHENTICATED' }) - valueOf(userBefore, 'vidhub_resolver_errors_total', { code: 'UNAUTHENTICATED' }), 1);

    const [line] = lineOf(rid);
    assert.equal(line?.level, WARN);
    assert.equal(line.msg, 'operation refused');
    assert.deepEqual(line.codes, ['UNAUTHENTICATED']);
    assert.equal(line.outcome, 'error');
    assert.equal(line.operation, 'FollowAnonymously');
    assert.equal(line.type, 'mutation');
    assert.equal(line.userId, undefined, 'signed out');
    assert.equal(lineOf(rid).length, 1);
  });

  test('operations that never resolve count as "other"; an operation limit is counted by its code', async () => {
    const before = await scrape(stack.gateway.metricsUrl);
    const rid = randomUUID();
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await gql(url, `query TooManyAliases { ${aliases} }`, {}, { headers: { 'x-request-id': rid } });
    assert.equal(code(res), 'OPERATION_LIMIT_EXCEEDED');
    const after = await scrape(stack.gateway.metricsUrl);
    const other = { operation: 'other', type: 'query' };
    assert.equal(valueOf(after, 'vidhub_gateway_operation_errors_total', { ...other, code: 'OPERATION_LIMIT_EXCEEDED' }) - valueOf(before, 'vidhub_gateway_operation_errors_total', { ...other, code: 'OPERATION_LIMIT_EXCEEDED' }), 1);
    assert.equal(has(after, 'vidhub_gateway_operation_duration_seconds_count', { operation: 'TooManyAliases' }), false, 'an operation that failed validation does not name a series');
    const [line] = lineOf(rid);
    assert.equal(line?.level, WARN);
    assert.deepEqual(line.codes, ['OPERATION_LIMIT_EXCEEDED']);
    assert.equal(line.operation, 'TooManyAliases', 'the log keeps the name the client sent');
    assert.equal(line.type, 'query');
  });

  test('a bad bearer token and a rate-limited sign-in leave warn lines with their codes', async () => {
    const badRid = randomUUID();
    const bad = await gql(url, 'query WithBadToken { me { id } }', {}, { token: 'not-a-token', headers: { 'x-request-id': badRid } });
    assert.equal(bad.status, 401);
    const [refused] = lineOf(badRid);
    assert.equal(refused?.level, WARN);
    assert.deepEqual(refused.codes, ['UNAUTHENTICATED']);
    assert.equal(refused.status, 401);
    assert.equal(refused.transport, 'http');
    assert.equal(lineOf(badRid).length, 1);

    const login = (rid: string) => gql(url, 'mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { deviceId } }', { u: 'metrics_alice', p: 'wrong-password-1' }, { headers: { 'x-request-id': rid } });
    const first = randomUUID();
    const second = randomUUID();
    assert.equal(code(await login(first)), 'UNAUTHENTICATED');
    assert.equal(code(await login(second)), 'RATE_LIMITED');
    assert.deepEqual(lineOf(first).map((l) => [l.level, l.codes, l.operation]), [[WARN, ['UNAUTHENTICATED'], 'SignIn']]);
    assert.deepEqual(lineOf(second).map((l) => [l.level, l.codes, l.operation, l.type]), [[WARN, ['RATE_LIMITED'], 'SignIn', 'mutation']]);
    const metrics = await scrape(stack.gateway.metricsUrl);
    assert.equal(valueOf(metrics, 'vidhub_gateway_operation_errors_total', { operation: 'SignIn', code: 'RATE_LIMITED' }), 1);
    assert.ok(valueOf(metrics, 'vidhub_gateway_token_verifications_total', { result: 'invalid' }) >= 1);
  });

  test('over graphql-ws: sockets and subscriptions are gauged, a subscription is logged when it ends with its event count', async () => {
    const start = await gql(url, StartConversationDocument, { userId: bob.id }, { token: alice.token });
    const conversation = start.data!.startConversation.id;
    const idle = await scrape(stack.gateway.metricsUrl);
    const eventsBefore = valueOf(idle, 'vidhub_gateway_subscription_events_total');
    const client = wsClient(url, { token: bob.token });
    clients.push(client);
    const sub = subscribe<{ messageEvents: { message: { text: string } | null } }>(client, `subscription BobsMessages($c: ID) { messageEvents(conversationId: $c) { message { text } } }`, { c: conversation });
    await listening(stack.redis, `chat:u:${bob.id}`);
    const open = await scrape(stack.gateway.metricsUrl);
    assert.equal(valueOf(open, 'vidhub_gateway_open_sockets') - valueOf(idle, 'vidhub_gateway_open_sockets'), 1);
    assert.equal(valueOf(open, 'vidhub_gateway_active_subscriptions') - valueOf(idle, 'vidhub_gateway_active_subscriptions'), 1);

    for (const text of ['one', 'two']) {
      const sent = await gql(url, SendMessageDocument, { conversationId: conversation, text, clientMessageId: text }, { token: alice.token });
      assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    }
    await sub.waitFor(2);
    sub.stop();
    await sub.ended;
    // The line is written when the bridge has finished the subscription, just after the client hears it is complete.
    const deadline = Date.now() + 10_000;
    while (!accessLines().some((l) => l.operation === 'BobsMessages') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const ended = accessLines().filter((l) => l.operation === 'BobsMessages');
    assert.equal(ended.length, 1);
    assert.equal(ended[0]!.type, 'subscription');
    assert.equal(ended[0]!.transport, 'ws');
    assert.equal(ended[0]!.events, 2);
    assert.equal(ended[0]!.outcome, 'success');
    assert.equal(ended[0]!.userId, bob.id);
    assert.equal(ended[0]!.level, INFO);

    const done = await scrape(stack.gateway.metricsUrl);
    assert.equal(valueOf(done, 'vidhub_gateway_subscription_events_total') - eventsBefore, 2);
    assert.equal(valueOf(done, 'vidhub_gateway_active_subscriptions'), valueOf(idle, 'vidhub_gateway_active_subscriptions'));
    assert.equal(valueOf(done, 'vidhub_gateway_operation_duration_seconds_count', { operation: 'BobsMessages', type: 'subscription', outcome: 'success' }), 1);

    // A socket with a bad token is refused with a warn line.
    const refusedClient = wsClient(url, { token: 'not-a-token' });
    clients.push(refusedClient);
    const refused = subscribe(refusedClient, MessageEventsDocument);
    await refused.ended;
    const socketLines = accessLines().filter((l) => l.msg === 'socket refused');
    assert.equal(socketLines.length, 1);
    assert.equal(socketLines[0]!.level, WARN);
    assert.deepEqual(socketLines[0]!.codes, ['UNAUTHENTICATED']);
  });

  test('chunks and bytes of uploads, by outcome, on the video service', async () => {
    const before = await scrape(stack.video.metricsUrl!);
    const file = Buffer.from('not really a video, but a whole chunk of bytes');
    const init = await gql(url, InitUploadDocument, { filename: 'clip.mkv', size: file.length, sha256: sha256(file) }, { token: alice.token });
    const uploadId = init.data!.initUpload.upload.id;
    const send = (bytes: Buffer) =>
      gqlUpload(url, UploadChunkDocument, { uploadId, index: 0, chunk: null, checksum: sha256(file) }, { 'variables.chunk': { bytes, filename: 'chunk-0' } }, { token: alice.token });
    const corrupted = Buffer.from(file);
    corrupted[0] = corrupted[0]! ^ 0xff;
    assert.equal(code(await send(corrupted)), 'BAD_USER_INPUT');
    assert.equal((await send(file)).data?.uploadChunk.stored, true);
    assert.equal((await send(file)).data?.uploadChunk.stored, false);
    const after = await scrape(stack.video.metricsUrl!);
    const delta = (outcome: string) => valueOf(after, 'vidhub_upload_chunks_total', { outcome }) - valueOf(before, 'vidhub_upload_chunks_total', { outcome });
    assert.deepEqual({ stored: delta('stored'), duplicate: delta('duplicate'), rejected: delta('rejected') }, { stored: 1, duplicate: 1, rejected: 1 });
    assert.equal(valueOf(after, 'vidhub_upload_bytes_total') - valueOf(before, 'vidhub_upload_bytes_total'), file.length);
    assert.equal(valueOf(after, 'vidhub_upload_chunks_in_flight'), 0);
    // Multipart requests take the express path: logged the same way.
    assert.ok(accessLines().some((l) => l.transport === 'http' && l.userId === alice.id && Array.isArray(l.codes) && (l.codes as string[]).includes('BAD_USER_INPUT')));
  });

  test('consumer groups report lag and pending entries; search reports its sync lag', async () => {
    // A user event reaches both consumer groups (notifications, search sync).
    const registered = await gql(url, RegisterAccountDocument, { username: 'metrics_carol', password: 'pass-word-99' });
    assert.equal(registered.errors, undefined, JSON.stringify(registered.errors));
    const deadline = Date.now() + 30_000;
    let search: Sample[] = [];
    do {
      search = await scrape(stack.search.metricsUrl!);
      if (valueOf(search, 'vidhub_search_sync_lag_seconds_count') > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    assert.ok(valueOf(search, 'vidhub_search_sync_lag_seconds_count') > 0, 'the leader observed the lag of the events it applied');
    assert.ok(valueOf(search, 'vidhub_search_sync_events_total', { outcome: 'applied' }) > 0);
    assert.equal(valueOf(search, 'vidhub_search_sync_leader'), 1);
    for (const stream of [STREAMS.user, STREAMS.video]) {
      assert.ok(has(search, 'vidhub_stream_consumer_lag', { stream, group: 'search-sync' }), `search-sync lag on ${stream}`);
      assert.ok(valueOf(search, 'vidhub_stream_consumer_pending', { stream, group: 'search-sync' }) >= 0);
    }
    const chat = await scrape(stack.chat.metricsUrl!);
    for (const stream of [STREAMS.user, STREAMS.video]) {
      assert.ok(has(chat, 'vidhub_stream_consumer_lag', { stream, group: 'chat-notifications' }), `notifications lag on ${stream}`);
      assert.ok(has(chat, 'vidhub_stream_consumer_pending', { stream, group: 'chat-notifications' }));
    }
    // Once the notifications consumer has acknowledged Carol's event, nothing is left undelivered or pending.
    const caughtUp = { stream: STREAMS.user, group: 'chat-notifications' };
    let latest = chat;
    while ((valueOf(latest, 'vidhub_stream_consumer_lag', caughtUp) !== 0 || valueOf(latest, 'vidhub_stream_consumer_pending', caughtUp) !== 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await scrape(stack.chat.metricsUrl!);
    }
    assert.equal(valueOf(latest, 'vidhub_stream_consumer_lag', caughtUp), 0);
    assert.equal(valueOf(latest, 'vidhub_stream_consumer_pending', caughtUp), 0);
    const [group] = ((await stack.redis.xinfo('GROUPS', STREAMS.user)) as unknown[][]).filter((g) => g[1] === 'chat-notifications');
    assert.ok(group, 'the group exists in Redis');
  });
});
