/**
 * `npm start` as a user runs it: builds, starts embedded infrastructure and five
 * processes, serves the composed graph, restarts what crashes without touching
 * the rest, and leaves nothing behind when npm is told to stop or the launcher
 * is killed.
 *
 * Everything here waits by polling against generous deadlines: the machine may
 * be busy, and how long a restart takes is not what is being tested.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { freePort } from '../lib/redis/embedded.js';
import { ROOT } from '../lib/process/paths.js';
import { ChatOverviewDocument, RegisterAccountDocument, SearchTotalDocument, SendMessageDocument, StartConversationDocument, VideoCursorsDocument } from '../testing/__generated__/operations.js';

interface Proc {
  pid: number;
  args: string;
}

/** Every process below `root`, from one `ps` snapshot. */
function descendants(root: number): Proc[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const out: Proc[] = [];
  const walk = (pid: number) => {
    for (const row of rows.filter((r) => r.ppid === pid)) {
      out.push({ pid: row.pid, args: row.args });
      walk(row.pid);
    }
  };
  walk(root);
  return out;
}

const PATTERNS = {
  launcher: /dist\/scripts\/launch\.js/,
  'redis-server': /redis-server /,
  user: /dist\/subgraphs\/user\/main\.js/,
  video: /dist\/subgraphs\/video\/main\.js/,
  chat: /dist\/subgraphs\/chat\/main\.js/,
  search: /dist\/subgraphs\/search\/main\.js/,
  gateway: /dist\/gateway\/main\.js/,
} as const;
type Role = keyof typeof PATTERNS;

/** The stack's processes by role; fails unless each role has exactly one. */
function stackPids(stack: Stack): Record<Role, number> & { redisPort: number } {
  const tree = descendants(stack.proc.pid!);
  for (const p of tree) stack.seen.add(p.pid);
  const pids = {} as Record<Role, number>;
  for (const [role, pattern] of Object.entries(PATTERNS) as [Role, RegExp][]) {
    const found = tree.filter((p) => pattern.test(p.args));
    assert.equal(found.length, 1, `one ${role} process, got ${JSON.stringify(found)}`);
    pids[role] = found[0]!.pid;
  }
  const redisPort = Number(/127\.0\.0\.1:(\d+)/.exec(tree.find((p) => PATTERNS['redis-server'].test(p.args))!.args)?.[1]);
  return { ...pids, redisPort };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs / 1000} s${last ? ` (last: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Stack {
  proc: ChildProcessByStdio<null, Readable, Readable>;
  ports: number[];
  gatewayUrl: string;
  /** Each service's metrics port. */
  metrics: Record<string, number>;
  /** Every process of the stack seen so far (npm's exit hides the rest of the tree from `ps --ppid`). */
  seen: Set<number>;
  output: () => string;
  dispose(): Promise<void>;
}

/** Runs `command` (npm start, or start.mjs itself) on free ports and a fresh DATA_DIR, until it prints that it is ready. */
async function startStack(command: string, args: string[]): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-launch-'));
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const [gw, u, v, c, s] = ports.map(String);
  const metrics = { gateway: await freePort(), user: await freePort(), video: await freePort(), chat: await freePort(), search: await freePort() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    GATEWAY_PORT: gw,
    USER_PORT: u,
    VIDEO_PORT: v,
    CHAT_PORT: c,
    SEARCH_PORT: s,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(Object.entries(metrics).map(([name, port]) => [`${name.toUpperCase()}_METRICS_PORT`, String(port)])),
  };
  for (const k of ['REDIS_URL', 'S3_ENDPOINT', 'MONGODB_URI', 'ELASTICSEARCH_URL', 'INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET']) delete env[k];
  const proc = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stack: Stack = {
    proc,
    ports,
    gatewayUrl: `http://127.0.0.1:${gw}/graphql`,
    metrics,
    seen: new Set(),
    output: () => output,
    async dispose() {
      // Only after a failed assertion is anything still running: stop it all.
      for (const pid of new Set([...descendants(proc.pid!).map((p) => p.pid), ...stack.seen])) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 900_000);
      const check = () => {
        if (output.includes('vidhub is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', check);
      proc.once('exit', (code) => reject(new Error(`${command} exited ${code}:\n${output}`)));
    });
  } catch (err) {
    await stack.dispose();
    throw err;
  }
  return stack;
}

type Response<T> = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function gql<T, V>(url: string, document: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<Response<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await res.json()) as Response<T>;
}

/** The operation's data when it answered without errors, else undefined (to poll). */
async function answered<T, V>(url: string, document: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<T | undefined> {
  const body = await gql(url, document, variables, token);
  return body.errors?.length || !body.data ? undefined : body.data;
}

async function register(url: string, username: string): Promise<{ token: string; id: string }> {
  const data = await answered(url, RegisterAccountDocument, { username, password: 'password123' });
  const token = data?.register.accessToken;
  assert.ok(data && token, `register ${username}`);
  return { token, id: data.register.user.id };
}

async function assertAllGone(pids: number[], ports: number[]): Promise<void> {
  await until('every process of the stack has exited', () => (pids.filter(alive).length === 0 ? true : undefined), 60_000);
  await until('every port is free', async () => ((await Promise.all(ports.map(portFree))).every(Boolean) ? true : undefined), 30_000);
}

test('npm start restarts a killed subgraph and a killed redis-server alone, and SIGTERM to npm stops every process', { timeout: 1_500_000 }, async () => {
  const stack = await startStack('npm', ['start']);
  const url = stack.gatewayUrl;
  try {
    assert.match(stack.output(), new RegExp(`http://127\\.0\\.0\\.1:${stack.ports[0]}/graphql`));
    // The ready message lists where each service's metrics are scraped, and they answer there.
    for (const [name, port] of Object.entries(stack.metrics)) {
      assert.match(stack.output(), new RegExp(`${name} http://127\\.0\\.0\\.1:${port}/metrics`));
      assert.match(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), new RegExp(`process_cpu_user_seconds_total\\{service="${name}"\\}`));
    }
    assert.deepEqual(await gql(url, VideoCursorsDocument, { first: 1 }), { data: { videos: { edges: [] } } });
    assert.deepEqual(await gql(url, SearchTotalDocument, { query: 'x' }), { data: { search: { total: 0 } } });

    const alice = await register(url, 'alice');
    const bob = await register(url, 'bob');
    const conversation = await answered(url, StartConversationDocument, { userId: bob.id }, alice.token);
    assert.ok(conversation, 'startConversation');
    const conversationId = conversation.startConversation.id;
    const send = async (n: number) => (await answered(url, SendMessageDocument, { conversationId, text: `message ${n}`, clientMessageId: `m${n}` }, alice.token))?.sendMessage.seq;
    assert.equal(await send(1), 1);

    // A subgraph killed outright comes back on its own; nothing else restarts.
    const before = stackPids(stack);
    process.kill(before.chat, 'SIGKILL');
    await until('the gateway answers chat fields again', () => answered(url, ChatOverviewDocument, {}, alice.token), 90_000);
    const afterChat = stackPids(stack);
    assert.notEqual(afterChat.chat, before.chat);
    assert.deepEqual({ ...afterChat, chat: 0 }, { ...before, chat: 0 }, 'only chat was restarted');
    assert.match(stack.output(), /chat was killed by SIGKILL; restart 1 in 0\.5 s/);

    // The embedded Redis comes back on the same port with its data (append-only
    // file); the services reconnect instead of restarting.
    const direct = new Redis(before.redisPort, '127.0.0.1', { lazyConnect: true });
    await direct.connect();
    await direct.set('launcher-test:marker', 'kept');
    direct.disconnect();
    process.kill(before['redis-server'], 'SIGKILL');
    // sendMessage counts against a rate limit kept in Redis: it fails until Redis is back.
    assert.equal(await until('a write through Redis works again', () => send(2), 90_000), 2);
    const afterRedis = stackPids(stack);
    assert.notEqual(afterRedis['redis-server'], before['redis-server']);
    assert.deepEqual({ ...afterRedis, 'redis-server': 0 }, { ...afterChat, 'redis-server': 0 }, 'only redis-server was restarted');
    assert.match(stack.output(), /redis-server was killed by SIGKILL; restart 1 in 0\.5 s/);
    const again = new Redis(before.redisPort, '127.0.0.1', { lazyConnect: true });
    await again.connect();
    assert.equal(await again.get('launcher-test:marker'), 'kept');
    again.disconnect();

    // SIGTERM to npm itself (what `timeout` or a supervisor sends): npm passes it
    // to its shell only, and the whole stack still stops.
    const tree = descendants(stack.proc.pid!).map((p) => p.pid);
    assert.ok(tree.length >= 8, `npm's processes: sh, start.mjs, the launcher, redis-server and five services; got ${tree.length}`);
    stack.proc.kill('SIGTERM');
    await assertAllGone(tree, [...stack.ports, before.redisPort]);
    assert.doesNotMatch(stack.output(), /did not stop in time|not stopped within/);
  } finally {
    await stack.dispose();
  }
});

test('the services and redis-server of a SIGKILLed launcher exit on their own', { timeout: 1_200_000 }, async () => {
  const stack = await startStack(process.execPath, [path.join(ROOT, 'scripts/start.mjs')]);
  try {
    const pids = stackPids(stack);
    process.kill(pids.launcher, 'SIGKILL');
    const children = Object.entries(pids).filter(([role]) => role !== 'launcher' && role !== 'redisPort').map(([, pid]) => pid);
    await assertAllGone(children, [...stack.ports, pids.redisPort]);
    // start.mjs reports the launcher's death instead of waiting forever.
    await until('start.mjs exits', () => (stack.proc.exitCode !== null ? stack.proc.exitCode : undefined), 30_000);
    assert.equal(stack.proc.exitCode, 1);
  } finally {
    await stack.dispose();
  }
});
