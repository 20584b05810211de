/**
 * Frames sent in one turn on a batched socket: all of them arrive, in order,
 * each send's callback runs, and the turn's frames reach the kernel in a few
 * writes instead of one per frame.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { batchFrames, MAX_HELD } from './frameBatching.js';

const FRAMES = 200;

/** A server socket (batched or not) and a client connected to it; `writes` counts the server connection's writes to the kernel. */
async function pair(batched: boolean) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[WebSocket, { socket: Socket }]>;
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await once(client, 'open');
  const [socket, request] = await accepted;
  const tcp = request.socket as Socket & { _writev: (...args: unknown[]) => unknown; _write: (...args: unknown[]) => unknown };
  let writes = 0;
  for (const method of ['_write', '_writev'] as const) {
    const original = tcp[method].bind(tcp);
    tcp[method] = (...args: unknown[]) => {
      writes++;
      return original(...args);
    };
  }
  if (batched) batchFrames(socket, tcp);
  return {
    socket,
    client,
    writes: () => writes,
    close: async () => {
      client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends FRAMES frames in one turn; resolves with what the client received and how many callbacks ran. */
async function sendTurn(socket: WebSocket, client: WebSocket): Promise<{ received: string[]; callbacks: number }> {
  const received: string[] = [];
  const all = new Promise<void>((resolve) =>
    client.on('message', (data) => {
      received.push(String(data));
      if (received.length === FRAMES) resolve();
    }),
  );
  let callbacks = 0;
  const sent = Array.from({ length: FRAMES }, (_, i) => new Promise<void>((resolve, reject) => socket.send(`frame ${i}`, (err) => (err ? reject(err) : (callbacks++, resolve())))));
  await Promise.all([all, ...sent]);
  return { received, callbacks };
}

test('the frames of one turn arrive whole and in order, each callback runs, and they leave in a few writes', async () => {
  const batched = await pair(true);
  try {
    const { received, callbacks } = await sendTurn(batched.socket, batched.client);
    assert.deepEqual(
      received,
      Array.from({ length: FRAMES }, (_, i) => `frame ${i}`),
    );
    assert.equal(callbacks, FRAMES);
    assert.ok(batched.writes() <= Math.ceil(FRAMES / MAX_HELD) + 1, `${FRAMES} frames of one turn took ${batched.writes()} writes`);
  } finally {
    await batched.close();
  }
  // The same turn on a socket that is not batched: a write per frame (what the batching saves).
  const plain = await pair(false);
  try {
    await sendTurn(plain.socket, plain.client);
    assert.ok(plain.writes() >= FRAMES / 2, `unbatched: ${plain.writes()} writes`);
  } finally {
    await plain.close();
  }
});

test('frames of later turns leave too, and a frame held when the socket closes arrives before the close', async () => {
  const batched = await pair(true);
  try {
    const first = await sendTurn(batched.socket, batched.client);
    assert.equal(first.received.length, FRAMES);
    batched.client.removeAllListeners('message');
    const second = await sendTurn(batched.socket, batched.client);
    assert.equal(second.received.at(-1), `frame ${FRAMES - 1}`);
    // A frame still held (the second of its turn) when the socket is closed in the same turn arrives before the close.
    batched.client.removeAllListeners('message');
    const late: string[] = [];
    batched.client.on('message', (data) => late.push(String(data)));
    batched.socket.send('next to last');
    batched.socket.send('last');
    const closed = once(batched.client, 'close');
    batched.socket.close(1000, 'bye');
    const [code] = (await closed) as [number];
    assert.equal(code, 1000);
    assert.deepEqual(late, ['next to last', 'last']);
  } finally {
    await batched.close();
  }
});
