/**
 * The server factory through a subgraph served by it: graphql-ws keep-alive
 * (a peer that stops answering pings is dropped), request ids, /health and
 * /ready, one body limit on both paths, and a start that fails half-way.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import net from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { loadConfig, serviceConfig, type ServiceConfig } from '../config.js';
import { signInternalIdentity } from '../auth/identity.js';
import { createLogger } from '../observability/logger.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

const PING_MS = 300;
const secret = randomBytes(32).toString('hex');
const config: ServiceConfig = serviceConfig(
  loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    INTERNAL_IDENTITY_SECRET: secret,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    // Never reached: this subgraph opens no store and no Redis.
    REDIS_URL: 'redis://127.0.0.1:1',
    WS_PING_INTERVAL_MS: String(PING_MS),
    HTTP_JSON_BODY_LIMIT_BYTES: String(64 * 1024),
  }),
);
const log = createLogger('user', 'silent');
let storeUp = true;

function start(port = 0): Promise<RunningSubgraph> {
  return startSubgraph({
    name: 'user',
    config,
    log,
    resolvers: {},
    createContext: (base) => base,
    readiness: {
      store: async () => {
        if (!storeUp) throw new Error('store away');
      },
    },
    port,
  });
}

let server: RunningSubgraph;
before(async () => {
  server = await start();
});
after(() => server.dispose());

/** A graphql-ws socket past connection_ack; `answersPings: false` never answers a ping. */
async function connect(answersPings: boolean): Promise<{ socket: WebSocket; pings: () => number; closed: Promise<unknown> }> {
  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws', { autoPong: answersPings });
  let pings = 0;
  socket.on('ping', () => pings++);
  const closed = once(socket, 'close');
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { internalIdentity: await signInternalIdentity(secret, { userId: null, roles: [] }, 'keep-alive-test') } }));
  const [ack] = (await once(socket, 'message')) as [Buffer];
  assert.equal((JSON.parse(ack.toString()) as { type: string }).type, 'connection_ack');
  return { socket, pings: () => pings, closed };
}

test('a socket whose peer stops answering pings is closed; one that answers stays open', { timeout: 120_000 }, async () => {
  const alive = await connect(true);
  const silent = await connect(false);
  await silent.closed;
  // The silent peer was pinged, never answered, and was dropped by the server, not by itself.
  assert.ok(silent.pings() >= 1, 'the server never pinged');
  assert.ok(alive.pings() >= 1);
  assert.equal(alive.socket.readyState, WebSocket.OPEN, 'a peer that answers pings is kept');
  // Still open several intervals later.
  const seen = alive.pings();
  await new Promise<void>((resolve) => {
    alive.socket.on('ping', () => {
      if (alive.pings() >= seen + 3) resolve();
    });
  });
  assert.equal(alive.socket.readyState, WebSocket.OPEN);
  alive.socket.close();
  await alive.closed;
});

test('requests get a request id (the client’s when well-formed), /health and /ready answer with the service’s checks', { timeout: 120_000 }, async () => {
  const base = server.url.replace(/\/graphql$/, '');
  const health = await fetch(`${base}/health`, { headers: { 'x-request-id': 'client-chosen-id-1' } });
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok', service: 'user' });
  assert.equal(health.headers.get('x-request-id'), 'client-chosen-id-1');
  const fast = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'bad id!' }, body: JSON.stringify({ query: '{ __typename }' }) });
  assert.match(fast.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'a malformed id is replaced');
  assert.equal(fast.status, 401, 'no internal identity, no operation');

  assert.equal((await fetch(`${base}/ready`)).status, 200);
  storeUp = false;
  try {
    const ready = await fetch(`${base}/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { status: 'unavailable', service: 'user', checks: { store: 'store away' } });
  } finally {
    storeUp = true;
  }
});

test('one JSON body limit, on the fast path and through express', { timeout: 120_000 }, async () => {
  // A subgraph accepts twice HTTP_JSON_BODY_LIMIT_BYTES (here 64 KiB).
  const body = JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 64 * 1024) });
  const fast = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(fast.status, 413);
  assert.equal(((await fast.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'PAYLOAD_TOO_LARGE');
  const viaExpress = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(body) });
  assert.equal(viaExpress.status, 413, 'express (a compressed body) keeps the same limit');
  const small = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(64 * 1024) })) });
  assert.equal(small.status, 401, 'under the limit, the request reaches GraphQL (and is refused there for want of an identity)');
});

test('a start on a taken port fails and leaves nothing listening', { timeout: 120_000 }, async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    await assert.rejects(start(port), /EADDRINUSE/);
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  }
  // The port is free again, and a server can start on it.
  const again = await start(port);
  await again.dispose();
});
