/**
 * Reading a subgraph's frames: the frames of one event (one per subscription,
 * same payload, different ids) share one parsed payload; anything that is not
 * exactly a graphql-ws `next` frame is left for graphql-ws to parse.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedPayloadReader } from './ws.js';

const frame = (id: string, payload: unknown) => JSON.stringify({ id, type: 'next', payload });

test("one event's frames share one parsed payload, each with its own id; the next event gets its own", () => {
  const read = sharedPayloadReader();
  const event = { data: { messageEvents: { message: { seq: 1, text: 'hi "there"', sender: { id: 'u1' } } } } };
  const first = read(frame('a-1', event)) as { id: string; type: string; payload: unknown };
  const second = read(frame('b-2', event)) as { id: string; type: string; payload: unknown };
  assert.deepEqual(first, { id: 'a-1', type: 'next', payload: event });
  assert.deepEqual(second, { id: 'b-2', type: 'next', payload: event });
  assert.equal(second.payload, first.payload, 'the second frame reused the first parse');
  const next = { data: { messageEvents: { message: { seq: 2, text: 'again', sender: { id: 'u1' } } } } };
  const third = read(frame('a-1', next)) as { payload: unknown };
  assert.deepEqual(third.payload, next);
  assert.notEqual(third.payload, first.payload);
});

test('frames that are not plain next frames are returned as they came', () => {
  const read = sharedPayloadReader();
  const payload = { data: { x: 1 } };
  const cases = [
    JSON.stringify({ type: 'ping' }),
    JSON.stringify({ id: '1', type: 'complete' }),
    JSON.stringify({ id: '1', type: 'error', payload: [{ message: 'no' }] }),
    // Another key order, an escaped id, a key after the payload, a payload that is not JSON.
    JSON.stringify({ type: 'next', id: '1', payload }),
    JSON.stringify({ id: 'a"b', type: 'next', payload }),
    `${frame('1', payload).slice(0, -1)},"extra":1}`,
    '{"id":"1","type":"next","payload":{"data":}',
  ];
  for (const data of cases) assert.equal(read(data), data, data);
  // A bad frame does not poison the next one.
  assert.deepEqual(read(frame('2', payload)), { id: '2', type: 'next', payload });
});
