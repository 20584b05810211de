/**
 * Generated graphql-ws conversations with the gateway's socket: garbage and
 * binary frames, unknown message types, subscribe before (or without)
 * connection_init, a second init, huge and duplicate ids, payloads of the
 * wrong shape, completes for ids never used, and well-formed frames carrying
 * generated operations. Each case is one socket; its answer is how the socket
 * closed and the codes of the errors it carried.
 */
import fc from 'fast-check';
import WebSocket from 'ws';
import type { GraphQLBody } from './operations.js';
import type { Answer, Problem } from './report.js';

/** A frame to send, or a pause until the server acknowledges the connection (as real clients do before subscribing). */
export type Frame = { label: string; data: string | Buffer } | { label: 'await ack' };

export interface WsCase {
  label: string;
  /** The subprotocol asked for (graphql-ws needs `graphql-transport-ws`). */
  protocol: string | null;
  frames: Frame[];
}

const msg = (o: unknown) => JSON.stringify(o);
const frame = (label: string, data: string | Buffer): Frame => ({ label, data });

/** Close codes that mean the server failed: WebSocket "internal error", graphql-ws "internal server error". */
const SERVER_FAILURE_CLOSES = new Set([1011, 4500]);

export function wsCaseArb(token: string, operations: fc.Arbitrary<GraphQLBody>): fc.Arbitrary<WsCase> {
  const init = fc.constantFrom<[string, Frame[]]>(
    ['init as the user', [frame('connection_init (token)', msg({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })), { label: 'await ack' }]],
    ['init anonymous', [frame('connection_init', msg({ type: 'connection_init' })), { label: 'await ack' }]],
    ['init as the user', [frame('connection_init (token)', msg({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })), { label: 'await ack' }]],
    ['no init', []],
    ['init not awaited', [frame('connection_init (token)', msg({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }))]],
    ['init payload a string', [frame('connection_init payload "x"', msg({ type: 'connection_init', payload: 'x' })), { label: 'await ack' }]],
    ['init payload an array', [frame('connection_init payload [1]', msg({ type: 'connection_init', payload: [1] })), { label: 'await ack' }]],
    ['init authorization a number', [frame('connection_init authorization 12', msg({ type: 'connection_init', payload: { authorization: 12, deviceId: { a: 1 } } })), { label: 'await ack' }]],
    ['init bad token', [frame('connection_init bad token', msg({ type: 'connection_init', payload: { authorization: 'Bearer nope.nope.nope' } })), { label: 'await ack' }]],
    ['init twice', [frame('connection_init', msg({ type: 'connection_init' })), { label: 'await ack' }, frame('connection_init again', msg({ type: 'connection_init' }))]],
    ['init with a hostile device id', [frame('connection_init deviceId', msg({ type: 'connection_init', payload: { deviceId: '\u0000'.repeat(10) + 'x'.repeat(500) } })), { label: 'await ack' }]],
  );
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('1', '2', 'a') },
    { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(100_000), '\u0000', '__proto__', '😀') },
  );
  const subscribe = fc.tuple(id, operations).map(([i, body]) => frame(`subscribe id ${label(i)}: ${body.query.slice(0, 80)}`, msg({ id: i, type: 'subscribe', payload: body })));
  const wrong = fc.constantFrom(
    frame('garbage text', '{not json'),
    frame('empty text', ''),
    frame('JSON null', 'null'),
    frame('JSON array', '[1,2]'),
    frame('JSON string', '"subscribe"'),
    frame('binary frame', Buffer.from([0xff, 0x00, 0x13, 0x37])),
    frame('unknown type', msg({ type: 'nope' })),
    frame('type a number', msg({ type: 5 })),
    frame('no type', msg({ id: '1', payload: {} })),
    frame('subscribe without id', msg({ type: 'subscribe', payload: { query: '{ me { id } }' } })),
    frame('subscribe id a number', msg({ id: 1, type: 'subscribe', payload: { query: '{ me { id } }' } })),
    frame('subscribe without payload', msg({ id: '1', type: 'subscribe' })),
    frame('subscribe payload null', msg({ id: '1', type: 'subscribe', payload: null })),
    frame('subscribe query a number', msg({ id: '1', type: 'subscribe', payload: { query: 5 } })),
    frame('subscribe variables a string', msg({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }', variables: 'x' } })),
    frame('subscribe variables an array', msg({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }', variables: [1] } })),
    frame('subscribe operationName a number', msg({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }', operationName: 5 } })),
    frame('subscribe extensions a string', msg({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }', extensions: 'x' } })),
    frame('subscribe unparsable query', msg({ id: '1', type: 'subscribe', payload: { query: 'subscription {' } })),
    frame('subscribe two subscriptions, no name', msg({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id } } subscription { notificationAdded { id } }' } })),
    frame('subscribe two root fields', msg({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id } messageEvents { kind } }' } })),
    frame('complete unknown id', msg({ id: 'never-used', type: 'complete' })),
    frame('complete id a number', msg({ id: 9, type: 'complete' })),
    frame('ping with payload', msg({ type: 'ping', payload: { x: 'y'.repeat(1000) } })),
    frame('ping payload a string', msg({ type: 'ping', payload: 'x' })),
    frame('pong unasked', msg({ type: 'pong' })),
    frame('next from the client', msg({ id: '1', type: 'next', payload: { data: {} } })),
    frame('error from the client', msg({ id: '1', type: 'error', payload: [] })),
    frame('connection_ack from the client', msg({ type: 'connection_ack' })),
    frame('frame over the size limit', msg({ type: 'ping', payload: { pad: 'x'.repeat(300 * 1024) } })),
    frame('deep JSON', `{"type":"ping","payload":${'['.repeat(50_000)}${']'.repeat(50_000)}}`),
  );
  // The same subscribe twice: graphql-ws refuses the second id while the first runs.
  const duplicate = operations.map((body) => [frame('subscribe id dup', msg({ id: 'dup', type: 'subscribe', payload: body })), frame('subscribe id dup again', msg({ id: 'dup', type: 'subscribe', payload: body }))]);
  const body = fc.array(
    fc.oneof({ weight: 6, arbitrary: subscribe.map((f) => [f]) }, { weight: 2, arbitrary: wrong.map((f) => [f]) }, { weight: 1, arbitrary: duplicate }),
    { minLength: 1, maxLength: 4 },
  );
  const protocol = fc.oneof({ weight: 12, arbitrary: fc.constant('graphql-transport-ws') }, { weight: 1, arbitrary: fc.constantFrom('graphql-ws', 'nope') }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.record({ protocol, init, body }).map(({ protocol: p, init: [initLabel, initFrames], body: groups }) => {
    const frames = [...initFrames, ...groups.flat()];
    return { label: `ws ${p ?? 'no subprotocol'}, ${initLabel}: ${groups.flat().map((f) => f.label).join(' | ')}`, protocol: p, frames };
  });
}

const label = (id: string) => (id.length > 12 ? `${JSON.stringify(id.slice(0, 6))}…(${id.length})` : JSON.stringify(id));

type ErrorList = { extensions?: { code?: unknown } }[];

/**
 * Opens a socket, sends the frames and listens until the socket closes or
 * stays quiet for `quietMs` (at most `capMs` after the last frame), then
 * closes it. The answer's key is the close code (or `open`) and the first
 * error code carried.
 */
export async function runWsCase(url: string, c: WsCase, opts: { quietMs: number; capMs: number; connectTimeoutMs: number }): Promise<{ answer: Answer; frames: number }> {
  const t0 = performance.now();
  const problems: Problem[] = [];
  const codes: string[] = [];
  const details: string[] = [];
  const socket = c.protocol ? new WebSocket(url.replace(/^http/, 'ws'), c.protocol) : new WebSocket(url.replace(/^http/, 'ws'));
  let closeCode: number | undefined;
  let lastActivity = performance.now();
  let acked = false;
  const closed = new Promise<void>((resolve) => socket.once('close', (code) => ((closeCode = code), resolve())));
  // The server's answer to the handshake when it is not an upgrade, or an upgrade without the subprotocol asked for
  // (graphql-ws declines unknown ones; the client library then gives up on the socket itself).
  let handshake: string | undefined;
  socket.on('unexpected-response', (_req, res) => {
    handshake = `handshake ${res.statusCode ?? '?'}`;
    if ((res.statusCode ?? 0) >= 500) problems.push('5xx');
    res.resume();
    socket.terminate();
  });
  socket.on('error', (err) => {
    if (/subprotocol/i.test(err.message)) handshake = 'handshake without the subprotocol';
    else details.push(`socket error: ${err.message}`);
  });
  socket.on('message', (raw, isBinary) => {
    lastActivity = performance.now();
    const text = isBinary ? '' : String(raw);
    let m: { type?: string; payload?: unknown };
    try {
      m = JSON.parse(text) as typeof m;
    } catch {
      problems.push('not-json');
      details.push(`message not JSON: ${text.slice(0, 200)}`);
      return;
    }
    if (m.type === 'connection_ack') acked = true;
    const errors: ErrorList = m.type === 'error' && Array.isArray(m.payload) ? (m.payload as ErrorList) : m.type === 'next' ? ((m.payload as { errors?: ErrorList } | undefined)?.errors ?? []) : [];
    for (const e of errors) {
      const code = e?.extensions?.code;
      if (typeof code !== 'string') {
        problems.push('no-code');
        details.push(`error without a code: ${JSON.stringify(e).slice(0, 300)}`);
        continue;
      }
      codes.push(code);
      if (code === 'INTERNAL_SERVER_ERROR') {
        problems.push('internal');
        details.push(`INTERNAL_SERVER_ERROR: ${JSON.stringify(e).slice(0, 300)}`);
      }
    }
  });
  const opened = await Promise.race([
    new Promise<boolean>((resolve) => {
      socket.once('open', () => resolve(true));
      socket.once('close', () => resolve(false));
    }),
    sleep(opts.connectTimeoutMs).then(() => false),
  ]);
  let sent = 0;
  if (opened) {
    for (const f of c.frames) {
      if (socket.readyState !== WebSocket.OPEN) break;
      if (!('data' in f)) {
        const deadline = performance.now() + opts.capMs;
        while (!acked && closeCode === undefined && performance.now() < deadline) await sleep(5);
        continue;
      }
      socket.send(f.data, { binary: Buffer.isBuffer(f.data) });
      sent++;
      lastActivity = performance.now();
    }
    const deadline = performance.now() + opts.capMs;
    while (closeCode === undefined && performance.now() - lastActivity < opts.quietMs && performance.now() < deadline) await sleep(10);
  } else if (closeCode === undefined && handshake === undefined) {
    problems.push('no-answer');
    details.push('the socket did not open');
  }
  const ms = performance.now() - t0;
  const serverClosed = closeCode;
  if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000);
  await Promise.race([closed, sleep(opts.connectTimeoutMs)]);
  if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
  if (serverClosed !== undefined && SERVER_FAILURE_CLOSES.has(serverClosed)) {
    problems.push('5xx');
    details.push(`closed with ${serverClosed}`);
  }
  // 1006: the connection went without a close frame — the server dropped it rather than answering.
  if (serverClosed === 1006 && handshake === undefined) {
    problems.push('no-answer');
    details.push('closed without a close frame (1006)');
  }
  const state = handshake ?? (serverClosed !== undefined ? `close ${serverClosed}` : 'open');
  const key = `${state} ${codes[0] ?? (problems.includes('no-code') ? '(no code)' : '-')}`;
  return { answer: { key, codes, problems, ms, ...(details.length ? { detail: details.join('; ') } : {}) }, frames: sent };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
