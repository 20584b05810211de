/**
 * Soak benchmark: minutes of steady, moderate mixed load on the platform with
 * every service in its own process, to tell a process whose memory grows from
 * one whose memory only moves.
 *
 *   npm run bench -- soak [--minutes 10] [--subscribers 500] [--sample-seconds 10]
 *
 * A short run cannot tell a leak from a heap that is still settling (JIT,
 * caches, pools, malloc arenas) or from the saw-tooth of garbage collection:
 * a 3-minute probe saw the video subgraph's RSS step up by ~35 MB and could
 * not say which. So the load is steady and far below what the machine can do
 * (the goal is leaks, not throughput), and the verdict is a trend, not a
 * difference of two readings.
 *
 * Set-up: the platform as deployed (bench/lib/services.ts: compiled,
 * NODE_ENV=production, the four subgraphs and our gateway each in a process,
 * the embedded redis-server, the embedded S3 server in this process), seeded
 * with one user per subscriber and 200 videos; access tokens are minted with
 * the platform's secret (no argon2 sign-ins). The users are split into groups
 * of `--group-size`; every user holds one graphql-ws socket on the gateway
 * subscribed to `messageEvents`, selecting the sender's display name, so each
 * event also costs the gateway an entity fetch to the user subgraph.
 *
 * Load, all at once, each stream at a fixed rate (a tick is skipped, and
 * counted, when its stream already has its maximum in flight):
 * - queries through the gateway: the videos list with uploaders, a video with
 *   its comments and their authors, a user with presence and videos;
 * - search and suggestions;
 * - likes, unlikes and comments;
 * - chat: a random member of a random group sends to the group;
 * - uploads of a ~6 MB Matroska file in two chunks (initUpload, both chunks
 *   as GraphQL multipart, completeUpload, publishVideo; one in
 *   `--abort-every` is aborted after its first chunk instead);
 * - churn: a subscriber closes its socket and subscribes again on a new one,
 *   resuming its conversation with `afterSeq`, so per-socket state on the
 *   gateway and the chat subgraph is created and dropped all along.
 *
 * Every delivery is checked: each subscriber's sequence numbers must follow
 * each other without a gap or a repeat, and at the end each must have reached
 * the last message sent to its group.
 *
 * Every `--sample-seconds`, each process's RSS (/proc/<pid>/status VmRSS),
 * open descriptors (/proc/<pid>/fd), and, over the benchmark's IPC channel,
 * its JS heap and active resources by type (service-preload.mjs); Redis's own
 * `used_memory` for redis-server. Per process: RSS start, min, max, end, and
 * after the load stopped and the subscribers left; the least-squares slope of
 * RSS over the second half of the run (MiB per minute) with its standard
 * error and R², and over the run after the warm-up minute; the same slope of
 * the JS heap; descriptors at start, end and after.
 *
 * It prints tables and the machine; it asserts no time. Exit code 1 on any
 * error (operations, deliveries) or a process that died.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { SUBGRAPHS } from '../lib/config.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import { MiB, gql, gqlUpload, now, pool, progressLogger, sleep, type GqlResult } from './lib/client.js';
import { machineBusySeconds, treeLine } from './lib/machine.js';
import { ROOT } from './lib/peers.js';
import { cpuSeconds, ownCpuSeconds } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { buildServices, startPlatform, type Platform, type ServiceProcess } from './lib/services.js';

/* --------------------------------------------------------------- options */

interface Options {
  minutes: number;
  subscribers: number;
  sampleSeconds: number;
  /** Members per chat group (the platform allows 200). */
  groupSize: number;
  queriesPerSecond: number;
  searchesPerSecond: number;
  chatPerSecond: number;
  /** Likes, unlikes and comments. */
  reactionsPerSecond: number;
  uploadsPerMinute: number;
  /** One upload in this many is aborted after its first chunk. */
  abortEvery: number;
  resubscribesPerMinute: number;
  /** Minutes at the start left out of the "after warm-up" trend. */
  warmupMinutes: number;
  /** Extra variables for every service, e.g. MALLOC_ARENA_MAX=2 to see whether RSS growth is the allocator's. */
  serviceEnv: Record<string, string>;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      subscribers: { type: 'string', default: '500' },
      'sample-seconds': { type: 'string', default: '10' },
      'group-size': { type: 'string', default: '20' },
      'queries-per-second': { type: 'string', default: '10' },
      'searches-per-second': { type: 'string', default: '2' },
      'chat-per-second': { type: 'string', default: '2' },
      'reactions-per-second': { type: 'string', default: '2' },
      'uploads-per-minute': { type: 'string', default: '4' },
      'abort-every': { type: 'string', default: '4' },
      'resubscribes-per-minute': { type: 'string', default: '30' },
      'warmup-minutes': { type: 'string', default: '1' },
      'service-env': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const num = (name: keyof typeof values, min: number, integer = false) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min} (got ${values[name]})`);
    return n;
  };
  return {
    minutes: num('minutes', 0.5),
    subscribers: num('subscribers', 2, true),
    sampleSeconds: num('sample-seconds', 1),
    groupSize: Math.min(200, num('group-size', 2, true)),
    queriesPerSecond: num('queries-per-second', 0),
    searchesPerSecond: num('searches-per-second', 0),
    chatPerSecond: num('chat-per-second', 0),
    reactionsPerSecond: num('reactions-per-second', 0),
    uploadsPerMinute: num('uploads-per-minute', 0),
    abortEvery: num('abort-every', 1, true),
    resubscribesPerMinute: num('resubscribes-per-minute', 0),
    warmupMinutes: num('warmup-minutes', 0),
    serviceEnv: Object.fromEntries(
      values['service-env'].map((kv) => {
        const i = kv.indexOf('=');
        if (i < 1) throw new Error(`--service-env takes NAME=VALUE (got ${kv})`);
        return [kv.slice(0, i), kv.slice(i + 1)];
      }),
    ),
  };
}

/* ------------------------------------------------------------ accounting */

interface OpStats {
  ms: number[];
  errors: number;
}

class Tally {
  readonly ops = new Map<string, OpStats>();
  readonly errorsByCode = new Map<string, number>();
  readonly samples: string[] = [];

  private op(name: string): OpStats {
    let s = this.ops.get(name);
    if (!s) this.ops.set(name, (s = { ms: [], errors: 0 }));
    return s;
  }
  ok(name: string, ms: number): void {
    this.op(name).ms.push(ms);
  }
  fail(name: string, code: string, detail: string, count = 1): void {
    this.op(name).errors += count;
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + count);
    if (this.samples.length < 10) this.samples.push(`${name}: ${code}: ${detail}`.slice(0, 300));
  }
  get totalErrors(): number {
    return [...this.errorsByCode.values()].reduce((a, b) => a + b, 0);
  }
}

/** The data of a result, or undefined after counting the error under its code (`extensions.code`, else the HTTP status). */
function checked<T>(tally: Tally, op: string, r: GqlResult<T>): T | undefined {
  if (r.errors?.length || !r.data) {
    const e = r.errors?.[0];
    tally.fail(op, e?.extensions?.code ?? `HTTP ${r.status}`, e?.message ?? 'no data');
    return undefined;
  }
  return r.data;
}

/** Runs `fn`, timing it under `op`; a thrown error (network, non-JSON answer) counts as NETWORK. */
async function timed(tally: Tally, op: string, fn: () => Promise<boolean>): Promise<void> {
  const t = now();
  try {
    if (await fn()) tally.ok(op, now() - t);
  } catch (err) {
    tally.fail(op, 'NETWORK', (err as Error).message + ((err as Error).cause ? ` (${String((err as Error).cause)})` : ''));
  }
}

/**
 * A stream of operations at a fixed rate. Open loop, so a slower platform does
 * not quietly get less load; but capped in flight, so a stuck platform is not
 * buried under requests either: a tick that finds the cap reached is skipped
 * and counted.
 */
class Stream {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  /** Ticks not started because the stream already had its maximum in flight. */
  skipped = 0;

  constructor(
    readonly name: string,
    private readonly perSecond: number,
    private readonly maxInFlight: number,
    private readonly fn: () => Promise<void>,
  ) {}

  start(): void {
    if (this.perSecond <= 0) return;
    this.timer = setInterval(() => {
      if (this.running.size >= this.maxInFlight) {
        this.skipped++;
        return;
      }
      const p = this.fn().finally(() => this.running.delete(p));
      this.running.add(p);
    }, 1000 / this.perSecond);
  }

  /** Stops ticking and waits for what is in flight, at most `ms`; answers how many were still running. */
  async stop(ms: number): Promise<number> {
    clearInterval(this.timer);
    const drained = Promise.all([...this.running]).then(() => true);
    await Promise.race([drained, sleep(ms)]);
    return this.running.size;
  }
}

/* ----------------------------------------------------------- statistics */

interface Fit {
  /** Per minute. */
  slope: number;
  /** Standard error of the slope, per minute. */
  se: number;
  r2: number;
  n: number;
}

/**
 * Least-squares line through (minutes, value). The standard error assumes
 * independent residuals, which consecutive samples of a heap are not (a GC
 * cycle spans several), so it is a lower bound: read it as "confidence-ish".
 */
function linearFit(points: readonly (readonly [number, number])[]): Fit {
  const n = points.length;
  if (n < 3) return { slope: Number.NaN, se: Number.NaN, r2: Number.NaN, n };
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const slope = sxy / sxx;
  const sse = Math.max(0, syy - slope * sxy);
  return { slope, se: Math.sqrt(sse / (n - 2) / sxx), r2: syy === 0 ? 0 : 1 - sse / syy, n };
}

/** What counts as growth: more than 1 MiB a minute, along a line that explains most of the movement. */
const GROWTH_MIB_PER_MIN = 1;
const GROWTH_R2 = 0.5;
const grows = (f: Fit) => f.slope > GROWTH_MIB_PER_MIN && f.r2 > GROWTH_R2;

/* --------------------------------------------------------------- sampling */

interface ProcReading {
  rssMiB: number;
  /**
   * The anonymous part of RSS (heaps, malloc): where a leak shows. The rest is
   * file-backed and shared pages (code, mapped files such as SQLite's WAL
   * index), which grow with what is read, not with what is kept.
   */
  anonMiB: number;
  fds: number;
  /** JS heap used (Node processes), or Redis's used_memory. */
  heapMiB?: number;
  /** What V8 has reserved for its heap (used or not). */
  heapTotalMiB?: number;
  /** Memory of Buffers and other objects held outside the JS heap (Node processes). */
  externalMiB?: number;
  resources?: Record<string, number>;
}

interface Sample {
  /** Seconds since the load started (negative: before; the "after" sample is past the end). */
  t: number;
  load1: number;
  procs: Record<string, ProcReading | undefined>;
}

function readRss(pid: number): { rss: number; anon: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
    const rss = kib('VmRSS');
    return Number.isNaN(rss) ? undefined : { rss, anon: kib('RssAnon') };
  } catch {
    return undefined;
  }
}

function countFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

interface Watched {
  name: string;
  pid: number;
  service?: ServiceProcess;
  /** Not part of the platform proper: sampled for context, never "dead". */
  context?: boolean;
}

async function takeSample(watched: readonly Watched[], redis: Redis, t: number): Promise<Sample> {
  const procs: Sample['procs'] = {};
  await Promise.all(
    watched.map(async (w) => {
      const rss = readRss(w.pid);
      if (rss === undefined) return;
      const reading: ProcReading = { rssMiB: rss.rss, anonMiB: rss.anon, fds: countFds(w.pid) };
      if (w.service) {
        const stats = await w.service.stats().catch(() => undefined);
        if (stats) {
          reading.heapMiB = stats.memory.heapUsed / MiB;
          reading.heapTotalMiB = stats.memory.heapTotal / MiB;
          reading.externalMiB = stats.memory.external / MiB;
          reading.resources = stats.resources;
        }
      } else if (w.name === 'redis-server') {
        const used = /used_memory:(\d+)/.exec(await redis.info('memory').catch(() => ''))?.[1];
        if (used) reading.heapMiB = Number(used) / MiB;
      } else if (w.pid === process.pid) {
        const m = process.memoryUsage();
        reading.heapMiB = m.heapUsed / MiB;
        reading.heapTotalMiB = m.heapTotal / MiB;
        reading.externalMiB = m.external / MiB;
      }
      procs[w.name] = reading;
    }),
  );
  return { t, load1: loadNow(), procs };
}

/* ------------------------------------------------------------- the video */

/** 320x240 yuv420p raw frames: 115,200 bytes each; 55 of them make a file of two 5 MiB chunks. */
const FRAMES = 55;
const CHUNK_SIZE = 5 * MiB;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A real Matroska video (completeUpload sniffs the container, publishVideo runs ffprobe and ffmpeg on it), made once per machine. */
function baseVideo(): Buffer {
  const file = path.join(os.tmpdir(), `vidhub-bench-soak-320x240-${FRAMES}f.mkv`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp.mkv`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-frames:v', String(FRAMES), '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', tmp]);
    renameSync(tmp, file);
  }
  const bytes = readFileSync(file);
  if (bytes.length <= CHUNK_SIZE) throw new Error(`${file} has ${bytes.length} bytes: not more than one chunk`);
  return bytes;
}

/**
 * The same video with a few pixels changed in its second chunk: distinct
 * bytes per upload, or initUpload would offer the instant-upload proof
 * challenge for content already published instead of taking the chunks.
 */
function uniqueVideo(base: Buffer, n: number): Buffer {
  const copy = Buffer.from(base);
  // Well inside the frame data (a block header is a few bytes per 115 KB frame), far from the container's head and tail.
  copy.write(`soak-${process.pid}-${n}-${Date.now()}`.padEnd(48, '.'), CHUNK_SIZE + 200_000, 'latin1');
  return copy;
}

/* ---------------------------------------------------------------- GraphQL */

const VIDEOS = `{ videos(first: 10) { edges { node { id title likeCount commentCount uploader { username displayName } } } } }`;
const VIDEO = `query($id: ID!) { video(id: $id) { title likedByMe viewCount comments(first: 5) { edges { node { text author { username displayName } } } } uploader { displayName followerCount } } }`;
const USER = `query($id: ID!) { user(id: $id) { username displayName online videos(first: 3) { edges { node { title } } } } }`;
const SEARCH = `query($q: String!) { search(query: $q, pageSize: 10) { total hits { score node { ... on Video { id title uploader { username } } ... on User { id username } } } } }`;
const SUGGEST = `query($p: String!) { suggest(prefix: $p) { text } }`;
const LIKE = `mutation($id: ID!) { likeVideo(id: $id) { likeCount likedByMe } }`;
const UNLIKE = `mutation($id: ID!) { unlikeVideo(id: $id) { likeCount likedByMe } }`;
const COMMENT = `mutation($v: ID!, $t: String!) { addComment(videoId: $v, text: $t) { id } }`;
const CREATE_GROUP = `mutation($t: String!, $m: [ID!]!) { createGroup(title: $t, memberIds: $m) { id members { id } } }`;
const SEND = `mutation($c: ID!, $t: String!) { sendMessage(conversationId: $c, text: $t) { seq } }`;
const INIT = `mutation($f: String!, $s: Float!, $h: String!, $c: Int) { initUpload(filename: $f, size: $s, sha256: $h, chunkSize: $c) { upload { id chunkCount proofChallenge { expiresAt } } } }`;
const CHUNK = `mutation($u: ID!, $i: Int!, $c: Upload!, $h: String!) { uploadChunk(uploadId: $u, index: $i, chunk: $c, checksum: $h) { stored } }`;
const COMPLETE = `mutation($u: ID!) { completeUpload(uploadId: $u) { status failure } }`;
const ABORT = `mutation($u: ID!) { abortUpload(uploadId: $u) }`;
const PUBLISH = `mutation($u: ID!, $t: String!) { publishVideo(input: { uploadId: $u, title: $t, tags: ["soak"] }) { id } }`;
const EVENTS = `subscription { messageEvents { kind message { seq text sender { displayName } } } }`;
const EVENTS_RESUME = `subscription($c: ID!, $s: Int!) { messageEvents(conversationId: $c, afterSeq: $s) { kind message { seq text sender { displayName } } } }`;

interface EventData {
  messageEvents: { kind: string; message: { seq: number; text: string | null; sender: { displayName: string } } | null };
}

/* ------------------------------------------------------------ subscribers */

interface User {
  id: string;
  token: string;
  group: number;
}

interface Subscriber {
  user: User;
  client?: Client;
  /** Bumped on every (re)connection: callbacks of an older client are ignored. */
  gen: number;
  /** Highest seq seen in its group; -1 until the first delivery. */
  lastSeq: number;
  busy: boolean;
}

interface Chat {
  groups: { id: string; members: User[]; lastSent: number }[];
  subscribers: Subscriber[];
  delivered: number;
  duplicates: number;
  gaps: number;
  latencies: number[];
  stopping: boolean;
}

/** A readable line for whatever graphql-ws hands an error callback: an Error, a CloseEvent, or GraphQL errors. */
function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (Array.isArray(e)) return (e[0] as { message?: string } | undefined)?.message ?? 'GraphQL errors';
  const close = e as { code?: number; reason?: string } | undefined;
  if (close && typeof close.code === 'number') return `socket closed ${close.code}${close.reason ? ` (${close.reason})` : ''}`;
  return String(e);
}

function onEvent(chat: Chat, tally: Tally, sub: Subscriber, r: { data?: EventData | null; errors?: readonly { message: string; extensions?: { code?: string } }[] }): void {
  if (r.errors?.length) return tally.fail('delivery', r.errors[0]!.extensions?.code ?? 'EVENT_ERROR', r.errors[0]!.message);
  const m = r.data?.messageEvents;
  if (m?.kind !== 'MESSAGE' || !m.message) return;
  const seq = m.message.seq;
  if (sub.lastSeq >= 0) {
    if (seq <= sub.lastSeq) {
      chat.duplicates++;
      return tally.fail('delivery', 'DUPLICATE_OR_OUT_OF_ORDER', `seq ${seq} after ${sub.lastSeq}`);
    }
    if (seq > sub.lastSeq + 1) {
      chat.gaps += seq - sub.lastSeq - 1;
      tally.fail('delivery', 'GAP', `seq ${seq} after ${sub.lastSeq}`);
    }
    chat.delivered++;
  }
  sub.lastSeq = seq;
  const sentAt = /^soak:\d+:([\d.]+)$/.exec(m.message.text ?? '')?.[1];
  if (sentAt) chat.latencies.push(now() - Number(sentAt));
}

/**
 * Opens a socket for the subscriber and subscribes: to every conversation on
 * the first connection, to its group from `lastSeq` on later ones (replay,
 * then live, so nothing falls between the two sockets). Resolves once the
 * socket is acknowledged (or failed).
 */
function connect(wsUrl: string, chat: Chat, tally: Tally, sub: Subscriber, resume: boolean, onEnded: (sub: Subscriber) => void): Promise<void> {
  const gen = ++sub.gen;
  const mine = () => gen === sub.gen && !chat.stopping;
  return new Promise<void>((resolve) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: (e) => {
        if (mine()) tally.fail('subscribe', 'CONNECT', describe(e));
        resolve();
      },
      connectionParams: { authorization: `Bearer ${sub.user.token}` },
    });
    sub.client = client;
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
    const payload = resume ? { query: EVENTS_RESUME, variables: { c: chat.groups[sub.user.group]!.id, s: sub.lastSeq } } : { query: EVENTS };
    client.subscribe<EventData>(payload, {
      next: (r) => {
        if (gen === sub.gen) onEvent(chat, tally, sub, r as Parameters<typeof onEvent>[3]);
      },
      error: (e) => {
        if (!mine()) return;
        tally.fail('subscribe', 'SUBSCRIPTION_ENDED', describe(e));
        onEnded(sub);
      },
      complete: () => {
        if (!mine()) return;
        tally.fail('subscribe', 'SUBSCRIPTION_ENDED', 'completed by the server');
        onEnded(sub);
      },
    });
  });
}

/* ------------------------------------------------------------------ main */

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** How long the stack may take to close idle sockets once the clients are gone (keep-alive: 5 s). */
const SETTLE_MS = 15_000;
/** How long in-flight operations may take to finish when the load stops. */
const DRAIN_MS = 60_000;
/** How long the end waits for the last deliveries without progress. */
const DELIVERY_IDLE_MS = 30_000;

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadNow();
  const log = progressLogger();
  const durationS = opts.minutes * 60;
  buildServices(log);
  const platform: Platform = await startPlatform({ seed: { users: opts.subscribers, videos: 200 }, env: opts.serviceEnv, log });
  const interrupt = () => void platform.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  const redis = new Redis(platform.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const tally = new Tally();
  let failed = false;
  try {
    await redis.connect();
    const gateway = await platform.startGateway();
    const url = gateway.url;
    const wsUrl = url.replace(/^http/, 'ws');

    // Tokens outlive the run: the gateway closes a socket with 4401 when its token expires.
    const ttl = Math.ceil(durationS) + 1800;
    const groupCount = Math.ceil(opts.subscribers / opts.groupSize);
    const users: User[] = await Promise.all(
      platform.catalog.users.map(async (u, i) => ({ id: u.id, group: i % groupCount, token: (await signAccessToken(platform.secrets.JWT_ACCESS_SECRET, { userId: u.id, roles: [] }, ttl)).token })),
    );
    const videoIds = platform.catalog.videos.map((v) => v.id);

    log(`creating ${groupCount} groups of ~${opts.groupSize}`);
    const chat: Chat = { groups: [], subscribers: [], delivered: 0, duplicates: 0, gaps: 0, latencies: [], stopping: false };
    for (let g = 0; g < groupCount; g++) {
      const members = users.filter((u) => u.group === g);
      const data = checked(tally, 'set-up', await gql<{ createGroup: { id: string; members: unknown[] } }>(url, CREATE_GROUP, { t: `soak ${g}`, m: members.slice(1).map((m) => m.id) }, { token: members[0]!.token }));
      if (!data || data.createGroup.members.length !== members.length) throw new Error(`createGroup ${g} failed: ${tally.samples.at(-1) ?? JSON.stringify(data)}`);
      chat.groups.push({ id: data.createGroup.id, members, lastSent: 0 });
    }

    const reconnect = (sub: Subscriber) => {
      if (sub.busy || chat.stopping) return;
      sub.busy = true;
      const old = sub.client;
      sub.gen++;
      void (async () => {
        await old?.dispose();
        await sleep(500);
        await connect(wsUrl, chat, tally, sub, sub.lastSeq >= 0, reconnect);
        sub.busy = false;
      })();
    };
    log(`connecting ${users.length} subscribers`);
    chat.subscribers = users.map((user) => ({ user, gen: 0, lastSeq: -1, busy: false }));
    for (let i = 0; i < chat.subscribers.length; i += 50) {
      await Promise.all(chat.subscribers.slice(i, i + 50).map((s) => connect(wsUrl, chat, tally, s, false, reconnect)));
    }

    const send = async (g: number, text: string, op: string): Promise<void> => {
      const group = chat.groups[g]!;
      await timed(tally, op, async () => {
        const data = checked(tally, op, await gql<{ sendMessage: { seq: number } }>(url, SEND, { c: group.id, t: text }, { token: pick(group.members).token }));
        if (data) group.lastSent = Math.max(group.lastSent, data.sendMessage.seq);
        return data !== undefined;
      });
    };

    // A subscription is live once the chat subgraph listens, which graphql-ws does not acknowledge:
    // rounds of one message per group until every subscriber has had one (its baseline).
    for (let round = 0; ; round++) {
      await pool(chat.groups, 4, (_g, i) => send(i, `warm-up ${round}`, 'chat warm-up'));
      const t = Date.now();
      while (chat.subscribers.some((s) => s.lastSeq < 0) && Date.now() - t < 5_000) await sleep(50);
      const waiting = chat.subscribers.filter((s) => s.lastSeq < 0).length;
      log(`warm-up round ${round}: ${chat.subscribers.length - waiting}/${chat.subscribers.length} subscribers live`);
      if (!waiting) break;
      if (round >= 20) throw new Error(`${waiting} subscribers never received a message`);
    }

    /* ------------------------------------------------------------ load */

    const base = baseVideo();
    const chunk0Sha = sha256(base.subarray(0, CHUNK_SIZE));
    let uploads = 0;
    const upload = async () => {
      const n = ++uploads;
      const abort = n % opts.abortEvery === 0;
      const op = abort ? 'upload, aborted after chunk 0' : 'upload (init, 2 chunks, complete, publish)';
      const user = users[n % users.length]!;
      const file = uniqueVideo(base, n);
      const auth = { token: user.token };
      await timed(tally, op, async () => {
        const init = checked(tally, op, await gql<{ initUpload: { upload: { id: string; chunkCount: number; proofChallenge: unknown } } }>(url, INIT, { f: `soak-${n}.mkv`, s: file.length, h: sha256(file), c: CHUNK_SIZE }, auth));
        if (!init) return false;
        const { id, chunkCount, proofChallenge } = init.initUpload.upload;
        if (proofChallenge || chunkCount !== 2) {
          tally.fail(op, 'UNEXPECTED', `chunkCount ${chunkCount}, proof challenge ${JSON.stringify(proofChallenge)}`);
          return false;
        }
        const chunk = async (i: number) =>
          checked(
            tally,
            op,
            await gqlUpload<{ uploadChunk: { stored: boolean } }>(url, CHUNK, { u: id, i, c: null, h: i === 0 ? chunk0Sha : sha256(file.subarray(CHUNK_SIZE)) }, { 'variables.c': { bytes: file.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), filename: `chunk-${i}` } }, auth),
          ) !== undefined;
        if (abort) return (await chunk(0)) && checked(tally, op, await gql<{ abortUpload: boolean }>(url, ABORT, { u: id }, auth))?.abortUpload === true;
        if (!(await Promise.all([chunk(0), chunk(1)])).every(Boolean)) return false;
        const done = checked(tally, op, await gql<{ completeUpload: { status: string; failure: string | null } }>(url, COMPLETE, { u: id }, auth));
        if (!done) return false;
        if (done.completeUpload.status !== 'COMPLETED') {
          tally.fail(op, 'UNEXPECTED', `completeUpload: ${done.completeUpload.status} ${done.completeUpload.failure ?? ''}`);
          return false;
        }
        const published = checked(tally, op, await gql<{ publishVideo: { id: string } }>(url, PUBLISH, { u: id, t: `soak upload ${n}` }, auth));
        if (published) videoIds.push(published.publishVideo.id);
        return published !== undefined;
      });
    };

    const query = async () => {
      const viewer = pick(users);
      const r = Math.random();
      const [op, doc, vars] =
        r < 0.6 ? ['query: videos list with uploaders', VIDEOS, {}] : r < 0.85 ? ['query: video with comments and authors', VIDEO, { id: pick(videoIds) }] : ['query: user with presence and videos', USER, { id: pick(users).id }];
      await timed(tally, op, async () => checked(tally, op, await gql(url, doc, vars, { token: viewer.token })) !== undefined);
    };

    const terms = ['bench', 'bench video', 'video 17', 'vidoe', 'soak upload', 'bench_user_3', 'seeded benchmark'];
    const prefixes = ['ben', 'soa', 'vid', 'bench_u'];
    const search = async () => {
      const token = pick(users).token;
      if (Math.random() < 0.7) await timed(tally, 'search', async () => checked(tally, 'search', await gql(url, SEARCH, { q: pick(terms) }, { token })) !== undefined);
      else await timed(tally, 'suggest', async () => checked(tally, 'suggest', await gql(url, SUGGEST, { p: pick(prefixes) }, { token })) !== undefined);
    };

    // Which (user, video) pairs this run has liked, so likes and unlikes alternate.
    const liked = new Set<string>();
    const react = async () => {
      const user = pick(users);
      const video = pick(videoIds);
      if (Math.random() < 0.3) {
        await timed(tally, 'comment', async () => checked(tally, 'comment', await gql(url, COMMENT, { v: video, t: `soak comment ${Date.now()}` }, { token: user.token })) !== undefined);
        return;
      }
      const key = `${user.id}:${video}`;
      const like = !liked.has(key);
      if (like) liked.add(key);
      else liked.delete(key);
      const op = like ? 'like' : 'unlike';
      await timed(tally, op, async () => checked(tally, op, await gql(url, like ? LIKE : UNLIKE, { id: video }, { token: user.token })) !== undefined);
    };

    let messages = 0;
    const chatSend = () => send(Math.floor(Math.random() * chat.groups.length), `soak:${++messages}:${now().toFixed(3)}`, 'chat send');

    const resubscribe = async () => {
      const sub = pick(chat.subscribers);
      if (sub.busy || sub.lastSeq < 0) return;
      sub.busy = true;
      const old = sub.client;
      sub.gen++;
      await timed(tally, 'resubscribe (new socket, afterSeq)', async () => {
        await old?.dispose();
        await connect(wsUrl, chat, tally, sub, true, reconnect);
        return true;
      });
      sub.busy = false;
    };

    const streams = [
      new Stream('queries', opts.queriesPerSecond, 20, query),
      new Stream('search', opts.searchesPerSecond, 10, search),
      new Stream('likes+comments', opts.reactionsPerSecond, 10, react),
      new Stream('chat', opts.chatPerSecond, 10, chatSend),
      new Stream('uploads', opts.uploadsPerMinute / 60, 2, upload),
      new Stream('resubscribes', opts.resubscribesPerMinute / 60, 5, resubscribe),
    ];

    const watched: Watched[] = [
      { name: 'gateway', pid: gateway.pid, service: gateway },
      ...SUBGRAPHS.map((n) => ({ name: `${n} subgraph`, pid: platform.subgraphs[n].pid, service: platform.subgraphs[n] })),
      ...(platform.redisPid !== undefined ? [{ name: 'redis-server', pid: platform.redisPid }] : []),
      { name: 'bench (load + embedded S3)', pid: process.pid, context: true },
    ];
    const dead = new Set<string>();
    for (const w of watched) void w.service?.exited.then(({ code, signal }) => !chat.stopping && dead.add(`${w.name} (${signal ?? `exit ${code}`})`));

    log(`load for ${opts.minutes} min; a sample every ${opts.sampleSeconds} s`);
    const samples: Sample[] = [];
    const cpuStart = Object.fromEntries(watched.map((w) => [w.name, w.pid === process.pid ? ownCpuSeconds() : cpuSeconds(w.pid)]));
    const busyStart = machineBusySeconds();
    const t0 = Date.now();
    const elapsed = () => (Date.now() - t0) / 1000;
    samples.push(await takeSample(watched, redis, 0));
    for (const s of streams) s.start();
    let nextProgress = 60;
    for (let k = 1; k * opts.sampleSeconds <= durationS + 1e-9; k++) {
      await sleep(Math.max(0, t0 + k * opts.sampleSeconds * 1000 - Date.now()));
      const sample = await takeSample(watched, redis, elapsed());
      samples.push(sample);
      for (const w of watched) if (!w.context && !sample.procs[w.name]) dead.add(w.name);
      if (sample.t >= nextProgress) {
        nextProgress += 60;
        const done = [...tally.ops.values()].reduce((a, s) => a + s.ms.length, 0);
        const rss = watched.map((w) => `${w.name.split(' ')[0]} ${fmt(sample.procs[w.name]?.rssMiB ?? Number.NaN, 0)}`).join(', ');
        log(`${fmt(sample.t / 60, 0)} min: ${done} operations, ${chat.delivered} deliveries, ${tally.totalErrors} errors; RSS MiB ${rss}; load ${fmt(sample.load1, 2)}`);
      }
    }
    const cpuEnd = Object.fromEntries(watched.map((w) => [w.name, w.pid === process.pid ? ownCpuSeconds() : cpuSeconds(w.pid)]));
    const busyEnd = machineBusySeconds();
    const loadSeconds = elapsed();

    log('load stopped; draining operations in flight');
    const stuck = (await Promise.all(streams.map((s) => s.stop(DRAIN_MS)))).reduce((a, b) => a + b, 0);
    if (stuck) tally.fail('drain', 'STILL_IN_FLIGHT', `${stuck} operations still running ${DRAIN_MS / 1000} s after the load stopped`);

    // Every subscriber must reach the last message sent to its group.
    const behind = () => chat.subscribers.reduce((n, s) => n + Math.max(0, chat.groups[s.user.group]!.lastSent - s.lastSeq), 0);
    let lastBehind = behind();
    let lastChange = Date.now();
    while (lastBehind > 0 && Date.now() - lastChange < DELIVERY_IDLE_MS) {
      await sleep(100);
      const b = behind();
      if (b !== lastBehind) [lastBehind, lastChange] = [b, Date.now()];
    }
    if (lastBehind > 0) tally.fail('delivery', 'MISSING', `${lastBehind} deliveries never arrived`, lastBehind);

    log('closing the subscribers; letting the services settle');
    chat.stopping = true;
    await pool(chat.subscribers, 50, async (s) => s.client?.dispose());
    await sleep(SETTLE_MS);
    const after = await takeSample(watched, redis, elapsed());

    /* ---------------------------------------------------------- report */

    const secondHalf = durationS / 2;
    const warm = Math.min(opts.warmupMinutes * 60, secondHalf);
    const series = (name: string, from: number, field: 'rssMiB' | 'anonMiB' | 'heapMiB') =>
      samples.filter((s) => s.t >= from && s.procs[name]?.[field] !== undefined).map((s) => [s.t / 60, s.procs[name]![field]!] as const);
    const rows: string[][] = [];
    const insideRows: string[][] = [];
    const growing: string[] = [];
    for (const w of watched) {
      const rss = samples.map((s) => s.procs[w.name]?.rssMiB).filter((v): v is number => v !== undefined);
      const first = samples[0]!.procs[w.name];
      const last = samples.at(-1)!.procs[w.name];
      const late = linearFit(series(w.name, secondHalf, 'rssMiB'));
      const afterWarm = linearFit(series(w.name, warm, 'rssMiB'));
      const anonLate = linearFit(series(w.name, secondHalf, 'anonMiB'));
      const heapLate = linearFit(series(w.name, secondHalf, 'heapMiB'));
      const startEnd = (field: keyof ProcReading) => `${fmt(Number(first?.[field] ?? Number.NaN), 0)} / ${fmt(Number(last?.[field] ?? Number.NaN), 0)}`;
      if (grows(late)) growing.push(w.name);
      rows.push([
        w.name,
        fmt(first?.rssMiB ?? Number.NaN, 0),
        fmt(Math.min(...rss), 0),
        fmt(Math.max(...rss), 0),
        fmt(last?.rssMiB ?? Number.NaN, 0),
        fmt(after.procs[w.name]?.rssMiB ?? Number.NaN, 0),
        fmt(late.slope, 2),
        fmt(late.se, 2),
        fmt(late.r2, 2),
        fmt(afterWarm.slope, 2),
        fmt(afterWarm.r2, 2),
        fmt(anonLate.slope, 2),
        fmt(anonLate.r2, 2),
        `${fmt(first?.fds ?? Number.NaN, 0)} / ${fmt(last?.fds ?? Number.NaN, 0)} / ${fmt(after.procs[w.name]?.fds ?? Number.NaN, 0)}`,
        fmt((100 * (cpuEnd[w.name]! - cpuStart[w.name]!)) / loadSeconds, 0),
        dead.has(w.name) || [...dead].some((d) => d.startsWith(`${w.name} (`)) ? 'DIED' : grows(late) ? 'GROWS' : 'no',
      ]);
      insideRows.push([w.name, startEnd('anonMiB'), startEnd('heapMiB'), fmt(heapLate.slope, 2), fmt(heapLate.r2, 2), startEnd('heapTotalMiB'), startEnd('externalMiB')]);
    }
    const ours = Object.keys(cpuStart).reduce((a, k) => a + cpuEnd[k]! - cpuStart[k]!, 0);
    const others = (100 * (busyEnd - busyStart - ours)) / loadSeconds;
    const loads = samples.map((s) => s.load1);

    console.log('');
    console.log(
      `soak: ${fmt(opts.minutes, 1)} min of mixed load through the gateway; every service in its own process (compiled, NODE_ENV=production); ` +
        `${users.length} subscribers on graphql-ws, one per user, in ${groupCount} groups of ~${opts.groupSize}; ${platform.catalog.videos.length} seeded videos, ${videoIds.length - platform.catalog.videos.length} published during the run`,
    );
    console.log(
      `rates: queries ${opts.queriesPerSecond}/s, search ${opts.searchesPerSecond}/s, likes+comments ${opts.reactionsPerSecond}/s, chat ${opts.chatPerSecond}/s, ` +
        `uploads ${opts.uploadsPerMinute}/min (~6 MB, 2 chunks; 1 in ${opts.abortEvery} aborted), resubscribes ${opts.resubscribesPerMinute}/min; a sample every ${opts.sampleSeconds} s (${samples.length} samples)` +
        (Object.keys(opts.serviceEnv).length ? `; services run with ${Object.entries(opts.serviceEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''),
    );
    console.log('');
    console.log(
      formatTable(
        ['process', 'RSS MiB start', 'min', 'max', 'end', 'after', '2nd half MiB/min', '± SE', 'R²', 'after 1st min MiB/min', 'R²', 'anon 2nd half MiB/min', 'R²', 'fds start / end / after', 'CPU %', 'growth'],
        rows,
      ),
    );
    console.log('');
    console.log(formatTable(['inside', 'anon RSS MiB start / end', 'heap used MiB start / end', 'heap 2nd half MiB/min', 'R²', 'heap total MiB start / end', 'external MiB start / end'], insideRows));
    console.log('');
    console.log(
      `trend: least-squares slope of RSS (MiB per minute) over the second half of the load (${fmt(secondHalf / 60, 1)}-${fmt(opts.minutes, 1)} min), its standard error and R²; ` +
        `"after 1st min": the same from ${fmt(warm / 60, 1)} min (warm-up left out); anon: the same for the anonymous part of RSS (RssAnon: heaps and malloc, without code and mapped files). growth: slope > ${GROWTH_MIB_PER_MIN} MiB/min with R² > ${GROWTH_R2} over the second half.`,
    );
    console.log(
      'heap used: V8 heap in use (process.memoryUsage, not after a forced GC, so it saw-tooths); for redis-server its used_memory. heap total: what V8 has reserved. external: Buffers and other memory V8 accounts for outside its heap. ' +
        'RSS growing while heap and external stay flat is native memory (allocator, addons), not retained JS objects. after: 15 s after the load stopped and every subscriber left. ' +
        'CPU %: of one core over the load; the bench process runs the load, the checks and the embedded S3 server (context, not part of the verdict).',
    );

    const opRows = [...tally.ops.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, s]) => {
        const ms = [...s.ms].sort((a, b) => a - b);
        return [name, String(ms.length), String(s.errors), fmt(percentile(ms, 50)), fmt(percentile(ms, 99)), fmt(ms.at(-1) ?? Number.NaN, 0)];
      });
    const lat = chat.latencies.sort((a, b) => a - b);
    opRows.push(['chat deliveries (to subscribers)', String(chat.delivered), String(chat.gaps + chat.duplicates + lastBehind), fmt(percentile(lat, 50)), fmt(percentile(lat, 99)), fmt(lat.at(-1) ?? Number.NaN, 0)]);
    console.log('');
    console.log(formatTable(['operation', 'done', 'errors', 'p50 ms', 'p99 ms', 'max ms'], opRows));
    console.log('');
    console.log(`ticks skipped because the stream already had its maximum in flight: ${streams.map((s) => `${s.name} ${s.skipped}`).join(', ')}`);
    console.log('deliveries: checked per subscriber (no gap, no repeat, each reached its group\'s last message); latency from the send time carried in the text.');
    const codes = [...tally.errorsByCode.entries()].filter(([, n]) => n > 0);
    console.log(`errors by code: ${codes.length ? codes.map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}; missing deliveries ${lastBehind}, gaps ${chat.gaps}, repeats ${chat.duplicates}`);
    for (const s of tally.samples) console.log(`  e.g. ${s}`);

    // Active resources by type at the first and last sample: a steady climb of one type (Timeout, TCPSocketWrap) is a handle leak.
    const resLines: string[] = [];
    for (const w of watched) {
      const a = samples[0]!.procs[w.name]?.resources;
      const b = samples.at(-1)!.procs[w.name]?.resources;
      const c = after.procs[w.name]?.resources;
      if (!a || !b) continue;
      const types = [...new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(c ?? {})])].sort();
      resLines.push(`  ${w.name}: ${types.map((t) => `${t} ${a[t] ?? 0}/${b[t] ?? 0}/${c?.[t] ?? 0}`).join(', ')}`);
    }
    console.log('active resources by type (start / end / after):');
    for (const l of resLines) console.log(l);
    console.log(`load average during the load: ${fmt(Math.min(...loads), 2)}-${fmt(Math.max(...loads), 2)}; others CPU % (machine busy time minus ours, of one core): ${fmt(others, 0)}`);
    if (growing.length) console.log(`GROWTH: ${growing.join(', ')}`);
    if (dead.size) console.log(`DIED: ${[...dead].join(', ')}`);
    const tree = treeLine(ROOT);
    if (tree) console.log(tree);
    console.log(machineLine({ loadBefore }));

    const dir = path.join(ROOT, 'bench', '.work');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ opts, samples, after }, null, 1));
    console.log(`samples kept in ${path.relative(ROOT, file)}`);

    failed = tally.totalErrors > 0 || lastBehind > 0 || dead.size > 0;
  } finally {
    redis.disconnect();
    await platform.stop();
    process.removeListener('SIGINT', interrupt);
  }
  process.exit(failed ? 1 : 0);
}

await main();
