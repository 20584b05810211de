/**
 * Abuse benchmark: the attacks that once took the platform down, sent one at
 * a time against every service in its own process (as `npm start` runs them),
 * with what each one costs the services.
 *
 *   node --import tsx bench/abuse.ts [--users 110] [--follows 101]
 *
 * For every probe: the answer (HTTP status and `extensions.code`, or the
 * socket's close code), how long it took, the peak RSS of the gateway and the
 * user and video subgraphs while it ran (sampled every 50 ms, against their
 * RSS just before), and whether a bystander — another client reading a user
 * every 20 ms throughout — saw any failure. The last probe is the heaviest
 * operation the limits still allow (two nested pages of 100 followers), the
 * bound on what one request may cost.
 *
 * It prints a table and the machine; it asserts no time. Exit code 1 when a
 * probe was answered with a 5xx, a service died, or the bystander failed.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import WebSocket from 'ws';
import { signAccessToken } from '../lib/auth/tokens.js';
import { peakSampler } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine } from './lib/report.js';
import { buildServices, startPlatform, type ServiceProcess } from './lib/services.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const USERS = arg('users', 110);
const FOLLOWS = arg('follows', 101);

function rssMiB(pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Outcome {
  answer: string;
  serverError: boolean;
}

// Operations stay strings here: the probes build abusive documents (aliases, nesting, fragment bombs, oversized bodies) byte for byte.
async function post(url: string, body: unknown, token?: string): Promise<Outcome> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const text = await res.text();
  let code = '-';
  try {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string; limit?: string } }[] };
    const e = parsed.errors?.[0]?.extensions;
    code = e ? `${e.code ?? '?'}${e.limit ? ` (${e.limit})` : ''}` : `data, ${(text.length / 1024).toFixed(0)} KiB`;
  } catch {
    code = 'not JSON';
  }
  return { answer: `${res.status} ${code}`, serverError: res.status >= 500 };
}

function fragmentBomb(userId: string, levels: number): string {
  const fragments = ['fragment G0 on User { id username }'];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment G${i} on User { followers(first: 2) { edges { node { ...G${i - 1} } } } following(first: 2) { edges { node { ...G${i - 1} } } } }`);
  return `{ user(id: "${userId}") { ...G${levels} } }\n${fragments.join('\n')}`;
}

function nested(userId: string, depth: number, first?: number): string {
  let selection = 'id username';
  const args = first === undefined ? '' : `(first: ${first})`;
  for (let i = 0; i < depth; i++) selection = `followers${args} { edges { node { ${selection} } } }`;
  return `{ user(id: "${userId}") { ${selection} } }`;
}

/** Sends headers and a few bytes of body, then nothing: the answer is whatever the server does about it. */
function slowBody(url: string): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ query: '{ videos(first: 1) { edges { cursor } } }' });
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 4)}`));
    let received = '';
    socket.on('data', (d) => (received += String(d)));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d+)/.exec(received)?.[1] ?? 'closed';
      const code = /"code":"(\w+)"/.exec(received)?.[1] ?? '';
      resolve({ answer: `${status} ${code}`.trim(), serverError: Number(status) >= 500 });
    });
    socket.on('error', reject);
  });
}

function openSocket(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (raw) => {
      if ((JSON.parse(String(raw)) as { type: string }).type === 'connection_ack') resolve(ws);
    });
    ws.once('error', reject);
  });
}

/** 2,000 subscriptions on one socket: how many run, how many are refused, and with what. */
async function manySubscriptions(url: string, token: string): Promise<Outcome> {
  const ws = await openSocket(url, token);
  const refusals = new Map<string, number>();
  let errors = 0;
  const done = new Promise<void>((resolve) => {
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; payload?: { extensions?: { code?: string; limit?: string } }[] };
      if (msg.type !== 'error') return;
      const e = msg.payload?.[0]?.extensions;
      const key = `${e?.code} (${e?.limit})`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
      if (++errors >= 1950) resolve();
    });
    setTimeout(resolve, 15_000).unref();
  });
  for (let i = 0; i < 2000; i++) ws.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query: 'subscription { messageEvents { kind } }' } }));
  await done;
  const open = ws.readyState === WebSocket.OPEN;
  ws.close();
  return { answer: `${2000 - errors} running, ${errors} refused ${[...refusals.keys()].join(', ')}; socket ${open ? 'open' : 'closed'}`, serverError: false };
}

async function hugeFrame(url: string, token: string): Promise<Outcome> {
  const ws = await openSocket(url, token);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send(JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: `{ me { id } } # ${'x'.repeat(64 * 1024 * 1024)}` } }));
  return { answer: `socket closed ${await closed}`, serverError: false };
}

async function main() {
  const loadBefore = loadNow();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  buildServices(log);
  const platform = await startPlatform({ seed: { users: USERS, videos: 10 }, log });
  let failed = false;
  try {
    const gateway = await platform.startGateway();
    const url = gateway.url;
    const users = platform.catalog.users;
    const tokens = await Promise.all(users.map(async (u) => (await signAccessToken(platform.secrets.JWT_ACCESS_SECRET, { userId: u.id, roles: [] })).token));
    log(`following: each of ${users.length} users follows ${FOLLOWS} others`);
    for (let i = 0; i < users.length; i++) {
      await Promise.all(
        Array.from({ length: FOLLOWS }, (_, k) => users[(i + k + 1) % users.length]!.id).map((target) => post(url, { query: `mutation { follow(userId: "${target}") { id } }` }, tokens[i])),
      );
    }
    const target = users[0]!.id;
    const services: [string, ServiceProcess][] = [
      ['gateway', gateway],
      ['user', platform.subgraphs.user],
      ['video', platform.subgraphs.video],
    ];

    const probes: [string, () => Promise<Outcome>][] = [
      ['fragment bomb: 11 levels of followers+following(first: 2), 1.5 KB, anonymous', () => post(url, { query: fragmentBomb(target, 11) })],
      ['followers nested 5 deep (default pages)', () => post(url, { query: nested(target, 5) })],
      ['followers nested 4 deep (default pages: cost 20^4)', () => post(url, { query: nested(target, 4) })],
      ['1000 aliases of user.followers.followers', () => post(url, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: user(id: "${target}") { followers { edges { node { followers { edges { node { id } } } } } } }`).join(' ')} }` })],
      ['150 aliases of user.followers(first: 100)', () => post(url, { query: `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: user(id: "${target}") { followers(first: 100) { edges { node { id } } } }`).join(' ')} }` })],
      ['a JSON body sent 4 bytes then nothing', () => slowBody(url)],
      ['2,000 subscriptions on one socket', () => manySubscriptions(url, tokens[1]!)],
      ['a 64 MiB graphql-ws frame', () => hugeFrame(url, tokens[2]!)],
      ['heaviest allowed: followers(first: 100) of followers(first: 100)', () => post(url, { query: nested(target, 2, 100) }, tokens[3])],
    ];

    const rows: string[][] = [];
    for (const [name, probe] of probes) {
      const before = services.map(([, s]) => rssMiB(s.pid) ?? 0);
      const samplers = services.map(([, s]) => peakSampler(() => rssMiB(s.pid), 50));
      let bystanderFailures = 0;
      const bystanderAnswers = new Set<string>();
      let bystanderRequests = 0;
      let running = true;
      const bystander = (async () => {
        while (running) {
          bystanderRequests++;
          const r = await post(url, { query: `{ user(id: "${users[5]!.id}") { id username } }` }).catch((err: Error) => ({ answer: `network error: ${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}`, serverError: true }));
          if (!r.answer.startsWith('200 data')) {
            bystanderFailures++;
            bystanderAnswers.add(r.answer);
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const started = performance.now();
      const outcome = await probe().catch((err: unknown) => ({ answer: `client error: ${(err as Error).message}`, serverError: true }));
      const ms = performance.now() - started;
      running = false;
      await bystander;
      const peaks = samplers.map((s) => s.stop());
      const dead = services.filter(([, s]) => rssMiB(s.pid) === undefined).map(([n]) => n);
      if (outcome.serverError || bystanderFailures > 0 || dead.length) failed = true;
      rows.push([
        name,
        outcome.answer + (dead.length ? ` — DIED: ${dead.join(', ')}` : ''),
        fmt(ms, 0),
        ...peaks.map((p, i) => `${fmt(p, 0)} (+${fmt(Math.max(0, p - before[i]!), 0)})`),
        `${bystanderFailures}/${bystanderRequests}${bystanderAnswers.size ? ` (${[...bystanderAnswers].join('; ')})` : ''}`,
      ]);
      log(`${name}: ${outcome.answer}`);
    }
    console.log(formatTable(['probe', 'answer', 'ms', 'gateway RSS MiB (+peak)', 'user RSS MiB (+peak)', 'video RSS MiB (+peak)', 'bystander failed'], rows));
    console.log(machineLine({ loadBefore }));
  } finally {
    await platform.stop();
  }
  process.exit(failed ? 1 : 0);
}

await main();
