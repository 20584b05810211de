/**
 * The gateway entry (gateway/main.ts) with GATEWAY_WORKERS=2, started as its
 * own process the way the launcher starts it, in front of the test stack's
 * subgraphs: both workers serve the one port, a subscription works, the
 * primary's /metrics sums the workers, a worker that dies is replaced while
 * the port keeps answering, and SIGTERM stops everything with exit code 0.
 *
 * Everything waits on log lines or answers, never on elapsed time.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import readline from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { NODE_FLAGS } from '../lib/process/nodeFlags.js';
import { ROOT } from '../lib/process/paths.js';
import { freePort } from '../lib/redis/embedded.js';
import { print } from 'graphql';
import { signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, listening, startStack, subscribe, wsClient, type Stack } from '../testing/harness.js';
import { MessageEventsDocument, SendMessageDocument, StartConversationDocument, TypenameDocument, UserNameDocument } from '../testing/__generated__/operations.js';

interface LogLine {
  msg: string;
  pid?: number;
  worker?: number;
  [key: string]: unknown;
}

/** Every JSON log line the primary and its workers write (they share stdout), and a way to await one. */
class Logs {
  readonly lines: LogLine[] = [];
  private waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  add(line: LogLine): void {
    this.lines.push(line);
    for (const w of this.waiters.filter((w) => w.match(line))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(line);
    }
  }

  /** The first line from now on (or already seen, after `since`) that matches. */
  next(match: (l: LogLine) => boolean, what: string, since = 0, timeoutMs = 180_000): Promise<LogLine> {
    const seen = this.lines.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line "${what}" within ${timeoutMs} ms; last lines:\n${this.lines.slice(-10).map((l) => JSON.stringify(l)).join('\n')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }
}

/** POST over a connection of its own (no keep-alive), so the cluster hands each request to a worker anew. */
function postOnNewConnection(url: string, body: unknown, token?: string): Promise<{ status: number; json: { data?: unknown; errors?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { data?: unknown; errors?: unknown[] } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sum of every sample of a metric (all label sets) in Prometheus text. */
function metricSum(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('gateway with GATEWAY_WORKERS=2', () => {
  let stack: Stack;
  let gateway: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const logs = new Logs();
  let url: string;
  let port: number;
  let metricsPort: number;
  const workerPids = new Set<number>();
  const clients: { dispose(): void | Promise<void> }[] = [];

  const listeningLine = (l: LogLine) => l.msg === 'gateway listening' && typeof l.pid === 'number';

  before(async () => {
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000' });
    port = await freePort();
    metricsPort = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    // As scripts/launch.ts starts it: the gateway's Node flags, an IPC channel (the gateway stops if the test dies).
    gateway = spawn(process.execPath, ['--import', 'tsx', ...NODE_FLAGS.gateway, 'gateway/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...stack.env,
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        GATEWAY_WORKERS: '2',
        GATEWAY_PORT: String(port),
        GATEWAY_METRICS_PORT: String(metricsPort),
        USER_URL: stack.user.url,
        VIDEO_URL: stack.video.url,
        CHAT_URL: stack.chat.url,
        SEARCH_URL: stack.search.url,
        WEB_DIR: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    exited = new Promise((resolve) => gateway.once('exit', (code, signal) => resolve({ code, signal })));
    readline.createInterface({ input: gateway.stdout! }).on('line', (text) => {
      try {
        logs.add(JSON.parse(text) as LogLine);
      } catch {
        // not a log line
      }
    });
    const first = await logs.next(listeningLine, 'gateway listening (first worker)');
    const second = await logs.next((l) => listeningLine(l) && l.pid !== first.pid, 'gateway listening (second worker)');
    workerPids.add(first.pid!).add(second.pid!);
  });

  after(async () => {
    for (const c of clients) await c.dispose();
    if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
      gateway.kill('SIGKILL');
      for (const pid of workerPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await stack?.dispose();
  });

  const register = (name: string): Promise<Auth> => signUp(url, name);

  test('queries through the shared port reach both workers, and the primary metrics sum them', async () => {
    const alice = await register('worker_alice');
    const query = { query: print(UserNameDocument), variables: { id: alice.user.id } };
    const probe = (l: LogLine) => l.msg === 'operation' && l.operation === 'UserName';
    const servedBy = () => new Set(logs.lines.filter(probe).map((l) => l.pid));
    let sent = 0;
    // Each request on a connection of its own: the primary hands connections to workers in turn.
    while (sent < 4 || (servedBy().size < 2 && sent < 200)) {
      const res = await postOnNewConnection(url, query, alice.accessToken);
      sent++;
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { data: { user: { id: alice.user.id, username: 'worker_alice' } } });
      // The answer was sent after its access-log line was written; wait until this test has read it.
      await logs.next((l) => probe(l) && logs.lines.filter(probe).length >= sent, `access-log line of query ${sent}`);
    }
    assert.deepEqual([...servedBy()].sort(), [...workerPids].sort(), 'both workers answered queries');

    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    // Every operation so far (the sign-up and the queries), whichever worker ran it.
    assert.ok(metricSum(text, 'vidhub_gateway_operation_duration_seconds_count') >= sent + 1, 'the operation count sums both workers');
    assert.match(text, /^vidhub_gateway_open_sockets\{service="gateway"\} \d+$/m);
    assert.match(text, /^vidhub_gateway_workers_listening\{service="gateway"\} 2$/m, 'the primary counts both workers serving');
    assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`)).status, 404, 'metrics are not on the public port');
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    assert.equal(ready.status, 200);
  });

  test('a subscription is served by the worker holding its WebSocket', async () => {
    const alice = await register('worker_sub_alice');
    const bob = await register('worker_sub_bob');
    const started = await gql(url, StartConversationDocument, { userId: bob.user.id }, { token: alice.accessToken });
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const conversation = started.data!.startConversation.id;
    const client = wsClient(url, { token: bob.accessToken });
    clients.push(client);
    const events = subscribe(client, MessageEventsDocument, { conversationId: conversation });
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    const sent = await gql(url, SendMessageDocument, { conversationId: conversation, text: 'across workers' }, { token: alice.accessToken });
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    const [event] = await events.waitFor(1, 120_000);
    assert.deepEqual(event!.data?.messageEvents, { kind: 'MESSAGE', message: { seq: 1, text: 'across workers' } });
    events.stop();
  });

  test('a worker that dies is replaced, and the port answers meanwhile', async () => {
    const [victim] = [...workerPids];
    const since = logs.lines.length;
    process.kill(victim!, 'SIGKILL');
    const died = await logs.next((l) => l.msg === 'gateway worker died; replacing it' && l.pid === victim, 'gateway worker died', since);
    assert.equal(died.signal, 'SIGKILL');
    workerPids.delete(victim!);
    // The surviving worker answers while the replacement starts.
    const during = await postOnNewConnection(url, { query: print(TypenameDocument) });
    assert.deepEqual(during.json, { data: { __typename: 'Query' } });
    const replacement = await logs.next((l) => listeningLine(l) && !workerPids.has(l.pid!) && l.pid !== victim, 'gateway listening (replacement)', since);
    workerPids.add(replacement.pid!);
    assert.equal(workerPids.size, 2);
    for (let i = 0; i < 4; i++) {
      const res = await postOnNewConnection(url, { query: print(TypenameDocument) });
      assert.deepEqual(res.json, { data: { __typename: 'Query' } });
    }
  });

  test('SIGTERM stops every worker and the primary with exit code 0, leaving nothing listening', async () => {
    gateway.kill('SIGTERM');
    const { code, signal } = await exited;
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    assert.ok(logs.lines.some((l) => l.msg === 'gateway stopped (2 workers)'));
    for (const pid of workerPids) assert.equal(alive(pid), false, `worker ${pid} is gone`);
    assert.equal(await refusesConnections(port), true, 'nothing listens on the gateway port');
    assert.equal(await refusesConnections(metricsPort), true, 'nothing listens on the metrics port');
  });
});
