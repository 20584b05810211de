/**
 * Soak benchmark: minutes of steady, moderate mixed load on the platform with
 * every service in its own process, to tell a process whose memory grows from
 * one whose memory only moves.
 *
 *   npm run bench -- soak [--minutes 10] [--subscribers 500] [--sample-seconds 10]
 *
 * A short run cannot tell a leak from a heap that is still settling (JIT,
 * caches, pools, malloc arenas) or from the saw-tooth of garbage collection.
 * So the load is steady and far below what the machine can do
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
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { SUBGRAPHS } from '../lib/config.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import { connect, type Chat, type Subscriber, type User } from './lib/chatSubscribers.js';
import { gql, gqlUpload, now, pool, progressLogger, sleep } from './lib/client.js';
import { machineBusySeconds, treeLine } from './lib/machine.js';
import { GROWTH_MIB_PER_MIN, GROWTH_R2, memoryTables, resourceLines, takeSample, type Sample, type Watched } from './lib/memory.js';
import { ROOT } from './lib/peers.js';
import { cpuSeconds, ownCpuSeconds } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { buildServices, startPlatform, type Platform } from './lib/services.js';
import { baseVideo, CHUNK_SIZE, sha256, uniqueVideo } from './lib/soakVideo.js';
import { checked, Stream, Tally, timed } from './lib/tally.js';
import {
  AbortVideoUploadDocument,
  CompleteUploadDocument,
  CreateChatGroupDocument,
  InitUploadDocument,
  LikeVideoDocument,
  PostCommentDocument,
  PublishVideoDocument,
  RemoveVideoLikeDocument,
  SearchResultsPageDocument,
  SendMessageDocument,
  SuggestTitlesDocument,
  UploadChunkDocument,
  UserProfilePageDocument,
  VideoFeedWithCountsDocument,
  VideoWatchPageDocument,
} from '../testing/__generated__/operations.js';

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
      const data = checked(tally, 'set-up', await gql(url, CreateChatGroupDocument, { title: `soak ${g}`, memberIds: members.slice(1).map((m) => m.id) }, { token: members[0]!.token }));
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
        const data = checked(tally, op, await gql(url, SendMessageDocument, { conversationId: group.id, text }, { token: pick(group.members).token }));
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
        const init = checked(tally, op, await gql(url, InitUploadDocument, { filename: `soak-${n}.mkv`, size: file.length, sha256: sha256(file), chunkSize: CHUNK_SIZE }, auth));
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
            await gqlUpload(url, UploadChunkDocument, { uploadId: id, index: i, chunk: null, checksum: i === 0 ? chunk0Sha : sha256(file.subarray(CHUNK_SIZE)) }, { 'variables.chunk': { bytes: file.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), filename: `chunk-${i}` } }, auth),
          ) !== undefined;
        if (abort) return (await chunk(0)) && checked(tally, op, await gql(url, AbortVideoUploadDocument, { uploadId: id }, auth))?.abortUpload === true;
        if (!(await Promise.all([chunk(0), chunk(1)])).every(Boolean)) return false;
        const done = checked(tally, op, await gql(url, CompleteUploadDocument, { uploadId: id }, auth));
        if (!done) return false;
        if (done.completeUpload.status !== 'COMPLETED') {
          tally.fail(op, 'UNEXPECTED', `completeUpload: ${done.completeUpload.status} ${done.completeUpload.failure ?? ''}`);
          return false;
        }
        const published = checked(tally, op, await gql(url, PublishVideoDocument, { input: { uploadId: id, title: `soak upload ${n}`, tags: ['soak'] } }, auth));
        if (published) videoIds.push(published.publishVideo.id);
        return published !== undefined;
      });
    };

    const query = async () => {
      const viewer = pick(users);
      const r = Math.random();
      const auth = { token: viewer.token };
      const [op, request] =
        r < 0.6
          ? ['query: videos list with uploaders', () => gql(url, VideoFeedWithCountsDocument, { first: 10 }, auth)]
          : r < 0.85
            ? ['query: video with comments and authors', () => gql(url, VideoWatchPageDocument, { id: pick(videoIds), comments: 5 }, auth)]
            : ['query: user with presence and videos', () => gql(url, UserProfilePageDocument, { id: pick(users).id, videos: 3 }, auth)];
      await timed(tally, op, async () => checked(tally, op, await request()) !== undefined);
    };

    const terms = ['bench', 'bench video', 'video 17', 'vidoe', 'soak upload', 'bench_user_3', 'seeded benchmark'];
    const prefixes = ['ben', 'soa', 'vid', 'bench_u'];
    const search = async () => {
      const token = pick(users).token;
      if (Math.random() < 0.7) await timed(tally, 'search', async () => checked(tally, 'search', await gql(url, SearchResultsPageDocument, { query: pick(terms), pageSize: 10 }, { token })) !== undefined);
      else await timed(tally, 'suggest', async () => checked(tally, 'suggest', await gql(url, SuggestTitlesDocument, { prefix: pick(prefixes) }, { token })) !== undefined);
    };

    // Which (user, video) pairs this run has liked, so likes and unlikes alternate.
    const liked = new Set<string>();
    const react = async () => {
      const user = pick(users);
      const video = pick(videoIds);
      if (Math.random() < 0.3) {
        await timed(tally, 'comment', async () => checked(tally, 'comment', await gql(url, PostCommentDocument, { videoId: video, text: `soak comment ${Date.now()}` }, { token: user.token })) !== undefined);
        return;
      }
      const key = `${user.id}:${video}`;
      const like = !liked.has(key);
      if (like) liked.add(key);
      else liked.delete(key);
      const op = like ? 'like' : 'unlike';
      const request = () => (like ? gql(url, LikeVideoDocument, { id: video }, { token: user.token }) : gql(url, RemoveVideoLikeDocument, { id: video }, { token: user.token }));
      await timed(tally, op, async () => checked<unknown>(tally, op, await request()) !== undefined);
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
    const { rows, insideRows, growing } = memoryTables({ watched, samples, after, secondHalf, warm, cpuStart, cpuEnd, loadSeconds, dead });
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

    console.log('active resources by type (start / end / after):');
    for (const l of resourceLines(watched, samples, after)) console.log(l);
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
