/**
 * The bridge writes a subscription's `next` frames itself: clients must get
 * exactly what graphql-ws would have sent, in order, followed by graphql-ws's
 * own `complete` or `error`.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { GraphQLError, GraphQLObjectType, parse, GraphQLSchema, GraphQLString, type ExecutionResult } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { NextFrames, payloadText } from './nextFrames.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({ name: 'Subscription', fields: { x: { type: GraphQLString } } }),
});

/** What graphql-ws itself writes for `result` (its server's `next`). */
function graphqlWsFrame(id: string, result: ExecutionResult): string {
  const { errors, ...rest } = result;
  return stringifyMessage({ id, type: MessageType.Next, payload: { ...rest, ...(errors ? { errors: errors.map((e) => e.toJSON()) } : {}) } });
}

const shared: ExecutionResult = { data: { x: 'shared "quoted" \u2028 text' } };
const results: ExecutionResult[] = [
  { data: { x: 'one' } },
  shared,
  shared,
  { data: { x: null }, errors: [new GraphQLError('not allowed', { path: ['x'], extensions: { code: 'FORBIDDEN' } })] },
  { data: { x: 'last' }, extensions: { seq: 4 } },
];

test('a payload is made once per result object, and as graphql-ws shapes it', () => {
  for (const result of results) assert.equal(`{"id":"7","type":"next","payload":${payloadText(result)}}`, graphqlWsFrame('7', result));
  assert.equal(payloadText(shared), payloadText(shared));
});

test('through a graphql-ws server: the same frames, in order, then complete; a throw arrives as an error', async (t) => {
  const wss = new WebSocketServer({ port: 0 });
  await once(wss, 'listening');
  const cleanup = useServer<Record<string, unknown>, { socket: WebSocket }>(
    {
      schema,
      onSubscribe: (ctx, id, payload) => ({ schema, document: parse(payload.query), contextValue: { id, socket: ctx.extra.socket, fail: payload.query.includes('fail') } }),
      subscribe: (args) => {
        const { id, socket, fail } = args.contextValue as { id: string; socket: WebSocket; fail: boolean };
        async function* source() {
          for (const r of results) {
            await new Promise((resolve) => setImmediate(resolve));
            yield r;
          }
          if (fail) throw new Error('upstream broke');
        }
        return new NextFrames(socket, id).relay(source());
      },
      execute: () => ({ data: null }),
    },
    wss,
  );
  t.after(async () => {
    await cleanup.dispose();
    await new Promise((resolve) => wss.close(resolve));
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  const run = async (query: string) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const frames: string[] = [];
    const ended = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const text = String(data);
        const message = JSON.parse(text) as { type: string };
        if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: 's1', type: 'subscribe', payload: { query } }));
        else frames.push(text);
        if (message.type === 'complete' || message.type === 'error') resolve();
      });
    });
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await ended;
    socket.close();
    return frames;
  };

  const expected = results.map((r) => graphqlWsFrame('s1', r));
  assert.deepEqual(await run('subscription { x }'), [...expected, stringifyMessage({ id: 's1', type: MessageType.Complete })]);
  const failed = await run('subscription fail { x }');
  assert.deepEqual(failed.slice(0, -1), expected);
  assert.deepEqual(JSON.parse(failed.at(-1)!), { id: 's1', type: 'error', payload: [{ message: 'upstream broke' }] });
});

/** A connected pair of plain WebSockets (no graphql-ws): the server's end, written to, and the client's, read. Closed after the test. */
async function socketPair(t: TestContext): Promise<{ client: WebSocket; server: WebSocket }> {
  const wss = new WebSocketServer({ port: 0 });
  await once(wss, 'listening');
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await once(client, 'open');
  const [server] = await accepted;
  t.after(() => {
    client.terminate();
    server.terminate();
    return new Promise((resolve) => wss.close(resolve));
  });
  return { client, server };
}

test('a client that stops reading holds the relay back: results wait upstream, not in memory, and all arrive once it reads', async (t) => {
  const { client, server } = await socketPair(t);
  // The client's connection stops reading: the kernel's buffers fill, then the server socket's.
  (client as unknown as { _socket: { pause(): void } })._socket.pause();

  const total = 400;
  const big = 'x'.repeat(64 * 1024);
  let pulled = 0;
  async function* source() {
    for (let i = 0; i < total; i++) {
      pulled = i + 1;
      yield { data: { i, big } } as ExecutionResult;
    }
  }
  const frames = new NextFrames(server, 'r');
  const relay = frames.relay(source()).next();
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok(pulled < total / 2, `the relay went on while nothing was read: ${pulled} of ${total} results pulled`);
  assert.equal(frames.tryWrite({ data: { i: -1 } }), false, 'nothing is written at once while earlier frames wait');

  const seen: number[] = [];
  client.on('message', (data) => seen.push((JSON.parse(String(data)) as { payload: { data: { i: number } } }).payload.data.i));
  (client as unknown as { _socket: { resume(): void } })._socket.resume();
  assert.deepEqual(await relay, { done: true, value: undefined });
  await new Promise<void>((resolve) => {
    const check = () => (seen.length >= total ? resolve() : setTimeout(check, 10));
    check();
  });
  assert.deepEqual(seen, Array.from({ length: total }, (_, i) => i));
});

test('frames written at once and frames relayed arrive in the order they were given', async (t) => {
  const { client, server } = await socketPair(t);
  const seen: unknown[] = [];
  client.on('message', (data) => seen.push((JSON.parse(String(data)) as { payload: { data: { n: number } } }).payload.data.n));
  const frames = new NextFrames(server, 'm');
  // A relay that has been asked for its next result and is waiting (as the bridge's is when it takes the instant path).
  let give: ((r: ExecutionResult) => void) | undefined;
  async function* source() {
    for (let n = 0; n < 3; n++) yield await new Promise<ExecutionResult>((resolve) => (give = resolve));
  }
  const relay = frames.relay(source()).next();
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  await tick();
  give!({ data: { n: 1 } });
  await tick();
  assert.equal(frames.tryWrite({ data: { n: 2 } }), true);
  assert.equal(frames.tryWrite({ data: { n: 3 } }), true);
  await tick();
  give!({ data: { n: 4 } });
  await tick();
  give!({ data: { n: 5 } });
  await relay;
  while (seen.length < 5) await tick();
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  server.close();
  await once(server, 'close');
  assert.equal(frames.tryWrite({ data: { n: 6 } }), false, 'a closed socket takes nothing');
});
