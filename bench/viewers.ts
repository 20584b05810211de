/**
 * How many viewers one machine serves: the playback path per viewer, raised
 * level by level until the p99 of the video page query passes a budget.
 *
 *   node --import tsx bench/viewers.ts [--levels 50,100,200,400,800,1600] [--seconds 20]
 *     [--budget-ms 250] [--videos 10] [--page-every-ms 15000] [--segment-every-ms 4000]
 *     [--segment-kb 256] [--danmaku-per-second 10]
 *
 * A viewer, as a browser watching videos does it:
 * 1. loads the video page through the gateway (signed in, its own access
 *    token): title, uploader, like count, the presigned `playbackUrl`, the
 *    danmaku of the first minute and `lastDanmakuId`;
 * 2. subscribes to `danmakuAdded(videoId, afterId: lastDanmakuId)` over
 *    graphql-ws (its own socket), so live danmaku fly over the video;
 * 3. fetches the media from object storage with `Range`, one segment every
 *    `--segment-every-ms` (a player filling its buffer);
 * 4. after `--page-every-ms` moves on to another of the `--videos` hot videos
 *    (ends the subscription, loads the next page).
 * Meanwhile senders post `--danmaku-per-second` danmaku in all, spread over
 * the videos, through the gateway; each carries its send time, so viewers
 * measure delivery latency.
 *
 * Every service runs in its own process (bench/lib/services.ts), the embedded
 * S3 server too (bench/lib/s3-child.ts), so the CPU table says which process
 * saturates first. Each level adds viewers to the previous ones (started over
 * a few seconds), lets them settle, then measures `--seconds`. It stops at the
 * first level whose page p99 passes the budget or that has errors: the knee.
 *
 * Prints tables and the machine; asserts no timing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signAccessToken } from '../lib/auth/tokens.js';
import { ObjectStore } from '../lib/storage/objectStore.js';
import { LiveDanmakuTextsDocument, SendDanmakuDocument, VideoPlayerPageDocument } from '../testing/__generated__/operations.js';
import { intOption, progressLogger, sleep } from './lib/client.js';
import { machineBusySeconds } from './lib/machine.js';
import { CpuMeter } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { buildServices, startPlatform, type Platform, type ServiceProcess } from './lib/services.js';
import { startS3Child } from './lib/topology.js';

// Printed once: the viewers post and subscribe with these bodies.
const PAGE_QUERY = print(VideoPlayerPageDocument);
const SUBSCRIPTION = print(LiveDanmakuTextsDocument);
const SEND = print(SendDanmakuDocument);
/** Size of each seeded video's media object. */
const MEDIA_BYTES = 8 * 1024 * 1024;

interface Options {
  levels: number[];
  seconds: number;
  budgetMs: number;
  videos: number;
  pageEveryMs: number;
  segmentEveryMs: number;
  segmentKb: number;
  danmakuPerSecond: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      levels: { type: 'string', default: '50,100,200,400,800,1600' },
      seconds: { type: 'string', default: '20' },
      'budget-ms': { type: 'string', default: '250' },
      videos: { type: 'string', default: '10' },
      'page-every-ms': { type: 'string', default: '15000' },
      'segment-every-ms': { type: 'string', default: '4000' },
      'segment-kb': { type: 'string', default: '256' },
      'danmaku-per-second': { type: 'string', default: '10' },
    },
    strict: true,
  });
  const levels = (values.levels ?? '').split(',').map(Number);
  if (levels.some((n) => !Number.isInteger(n) || n < 1) || levels.some((n, i) => i > 0 && n <= levels[i - 1]!)) throw new Error('--levels: increasing positive integers, e.g. 50,100,200');
  return {
    levels,
    seconds: intOption(values, 'seconds', 1),
    budgetMs: intOption(values, 'budget-ms', 1),
    videos: intOption(values, 'videos', 1),
    pageEveryMs: intOption(values, 'page-every-ms', 100),
    segmentEveryMs: intOption(values, 'segment-every-ms', 100),
    segmentKb: intOption(values, 'segment-kb', 1),
    danmakuPerSecond: intOption(values, 'danmaku-per-second', 0),
  };
}

/** What viewers and senders record; reset at the start of each measured window. */
class Samples {
  page: number[] = [];
  segment: number[] = [];
  delivery: number[] = [];
  sends = 0;
  errors: string[] = [];
  reset(): void {
    this.page = [];
    this.segment = [];
    this.delivery = [];
    this.sends = 0;
    this.errors = [];
  }
  error(what: string): void {
    if (this.errors.length < 1000) this.errors.push(what);
  }
}

interface Viewer {
  stop(): Promise<void>;
}

interface Env {
  httpUrl: string;
  wsUrl: string;
  videoIds: string[];
  opts: Options;
  samples: Samples;
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
}

function startViewer(env: Env, token: string, index: number): Viewer {
  let stopped = false;
  const ws: Client = createClient({
    url: env.wsUrl,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const run = async () => {
    let videoIndex = index % env.videoIds.length;
    while (!stopped) {
      const videoId = env.videoIds[videoIndex]!;
      videoIndex = (videoIndex + 1) % env.videoIds.length;
      const t0 = performance.now();
      let page: { playbackUrl: string; lastDanmakuId: string } | undefined;
      try {
        const r = await post(env.httpUrl, token, PAGE_QUERY, { id: videoId });
        if (r.errors?.length) env.samples.error(`page: ${r.errors[0]!.extensions?.code ?? r.errors[0]!.message}`);
        else page = r.data?.video as typeof page;
      } catch (err) {
        env.samples.error(`page: ${(err as Error).message}`);
      }
      env.samples.page.push(performance.now() - t0);
      if (!page) {
        await sleep(1000);
        continue;
      }
      const unsubscribe = ws.subscribe<{ danmakuAdded: { text: string } }>(
        { query: SUBSCRIPTION, variables: { videoId, afterId: page.lastDanmakuId } },
        {
          next: (m) => {
            const sentAt = Number(m.data?.danmakuAdded.text.split(':')[1]);
            if (Number.isFinite(sentAt)) env.samples.delivery.push(Date.now() - sentAt);
          },
          error: (err) => {
            if (!stopped) env.samples.error(`subscription: ${err instanceof Error ? err.message : JSON.stringify(err).slice(0, 120)}`);
          },
          complete: () => {},
        },
      );
      const leaveAt = performance.now() + env.opts.pageEveryMs;
      let offset = 0;
      while (!stopped && performance.now() < leaveAt) {
        const s0 = performance.now();
        const end = Math.min(offset + env.opts.segmentKb * 1024, MEDIA_BYTES) - 1;
        try {
          const res = await fetch(page.playbackUrl, { headers: { range: `bytes=${offset}-${end}` } });
          const body = await res.arrayBuffer();
          if (res.status !== 206 || body.byteLength !== end - offset + 1) env.samples.error(`segment: HTTP ${res.status}, ${body.byteLength} bytes`);
        } catch (err) {
          env.samples.error(`segment: ${(err as Error).message}`);
        }
        env.samples.segment.push(performance.now() - s0);
        offset = end + 1 >= MEDIA_BYTES ? 0 : end + 1;
        await sleep(Math.max(0, Math.min(env.opts.segmentEveryMs, leaveAt - performance.now())));
      }
      unsubscribe();
    }
  };
  const done = run();
  return {
    stop: async () => {
      stopped = true;
      await done.catch(() => {});
      await ws.dispose();
    },
  };
}

/** Senders post danmaku at a steady total rate, round-robin over the videos and the sender accounts. */
function startSenders(env: Env, tokens: string[]): { stop(): Promise<void> } {
  let stopped = false;
  const run = async () => {
    let i = 0;
    const interval = 1000 / env.opts.danmakuPerSecond;
    let next = performance.now();
    while (!stopped) {
      const videoId = env.videoIds[i % env.videoIds.length]!;
      const token = tokens[i % tokens.length]!;
      i++;
      void post(env.httpUrl, token, SEND, { videoId, text: `t:${Date.now()}`, timeMs: 1000 }).then(
        (r) => (r.errors?.length ? env.samples.error(`send: ${r.errors[0]!.extensions?.code ?? r.errors[0]!.message}`) : env.samples.sends++),
        (err: Error) => env.samples.error(`send: ${err.message}`),
      );
      next += interval;
      await sleep(Math.max(0, next - performance.now()));
    }
  };
  const done = env.opts.danmakuPerSecond > 0 ? run() : Promise.resolve();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

interface LevelRow {
  viewers: number;
  pages: number;
  pageP50: number;
  pageP99: number;
  segments: number;
  segmentP99: number;
  deliveries: number;
  deliveryP99: number;
  sends: number;
  errors: number;
  cpu: Record<string, number>;
  others: number;
}

async function main(): Promise<number> {
  const opts = options();
  const log = progressLogger();
  const loadBefore = loadNow();
  const started = new Date();
  const maxViewers = opts.levels.at(-1)!;
  const senderCount = Math.max(1, Math.ceil(opts.danmakuPerSecond / 2));
  buildServices(log);

  const s3Dir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-viewers-s3-'));
  let s3: Awaited<ReturnType<typeof startS3Child>> | undefined;
  let platform: Platform | undefined;
  let gateway: ServiceProcess | undefined;
  const viewers: Viewer[] = [];
  let senders: { stop(): Promise<void> } | undefined;
  try {
    s3 = await startS3Child(s3Dir);
    const s3Env = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey };
    platform = await startPlatform({
      seed: { users: maxViewers + senderCount, videos: opts.videos, uploaders: Math.min(opts.videos, 20) },
      // Senders post more than a person may (5 per 10 s): the benchmark sets the rate.
      env: { ...s3Env, DANMAKU_PER_10_SECONDS: '1000' },
      log,
    });
    const p = platform;
    log(`storing ${opts.videos} media objects of ${MEDIA_BYTES / 1024 / 1024} MiB`);
    const store = await ObjectStore.connect({ endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, region: 'us-east-1', bucket: 'vidhub' });
    const media = randomBytes(MEDIA_BYTES);
    for (const v of p.catalog.videos) await store.put(v.objectKey, media, media.length, 'video/mp4');
    gateway = await p.startGateway();
    const tokens = await Promise.all(
      p.catalog.users.map(async (u) => (await signAccessToken(p.secrets.JWT_ACCESS_SECRET, { userId: u.id, roles: [], familyId: randomUUID() }, 4 * 3600)).token),
    );
    const samples = new Samples();
    const env: Env = { httpUrl: gateway.url, wsUrl: gateway.url.replace(/^http/, 'ws'), videoIds: p.catalog.videos.map((v) => v.id), opts, samples };
    senders = startSenders(env, tokens.slice(maxViewers));

    const meter = new CpuMeter({
      gateway: gateway.pid,
      video: p.subgraphs.video.pid,
      user: p.subgraphs.user.pid,
      chat: p.subgraphs.chat.pid,
      search: p.subgraphs.search.pid,
      redis: p.redisPid,
      s3: s3.child.pid,
      bench: undefined,
    });
    const rows: LevelRow[] = [];
    let knee: LevelRow | undefined;
    for (const level of opts.levels) {
      const adding = level - viewers.length;
      log(`${level} viewers: starting ${adding} more over ${Math.min(10, Math.ceil(adding / 50))} s`);
      for (let i = viewers.length; i < level; i++) {
        viewers.push(startViewer(env, tokens[i]!, i));
        if (i % 50 === 49) await sleep(1000);
      }
      await sleep(5_000);
      samples.reset();
      meter.mark();
      const machineBefore = machineBusySeconds();
      const t0 = performance.now();
      await sleep(opts.seconds * 1000);
      const seconds = (performance.now() - t0) / 1000;
      const cpuSeconds = meter.since();
      const machine = machineBusySeconds() - machineBefore;
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const page = sorted(samples.page);
      const segment = sorted(samples.segment);
      const delivery = sorted(samples.delivery);
      const cpu = Object.fromEntries(Object.entries(cpuSeconds).map(([k, v]) => [k, (100 * v) / seconds]));
      const row: LevelRow = {
        viewers: level,
        pages: page.length / seconds,
        pageP50: percentile(page, 50),
        pageP99: percentile(page, 99),
        segments: segment.length / seconds,
        segmentP99: percentile(segment, 99),
        deliveries: delivery.length / seconds,
        deliveryP99: percentile(delivery, 99),
        sends: samples.sends / seconds,
        errors: samples.errors.length,
        cpu,
        others: (100 * (machine - Object.values(cpuSeconds).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0))) / seconds,
      };
      rows.push(row);
      log(`${level} viewers: page p99 ${fmt(row.pageP99)} ms, segment p99 ${fmt(row.segmentP99)} ms, danmaku p99 ${fmt(row.deliveryP99)} ms, errors ${row.errors}${row.errors ? ` (e.g. ${samples.errors.slice(0, 3).join(' | ')})` : ''}`);
      if (row.pageP99 > opts.budgetMs || row.errors > 0) {
        knee = row;
        break;
      }
    }

    const names = ['gateway', 'video', 'user', 'chat', 'search', 'redis', 's3', 'bench'];
    const table = formatTable(
      ['viewers', 'pages/s', 'page p50 ms', 'page p99 ms', 'segments/s', 'segment p99 ms', 'danmaku sent/s', 'deliveries/s', 'delivery p99 ms', 'errors', ...names.map((n) => `${n} CPU %`), 'others CPU %'],
      rows.map((r) => [
        String(r.viewers),
        fmt(r.pages, 1),
        fmt(r.pageP50, 1),
        fmt(r.pageP99, 1),
        fmt(r.segments, 1),
        fmt(r.segmentP99, 1),
        fmt(r.sends, 1),
        fmt(r.deliveries, 0),
        fmt(r.deliveryP99, 1),
        String(r.errors),
        ...names.map((n) => fmt(r.cpu[n] ?? Number.NaN, 0)),
        fmt(r.others, 0),
      ]),
    );
    const last = knee ?? rows.at(-1)!;
    const busiest = names.filter((n) => n !== 'bench').reduce((a, b) => ((last.cpu[b] ?? 0) > (last.cpu[a] ?? 0) ? b : a));
    const lines = [
      `viewers: each loads a video page (${opts.videos} hot videos), subscribes to its danmaku, fetches a ${opts.segmentKb} KiB Range segment every ${opts.segmentEveryMs} ms and moves to the next video every ${opts.pageEveryMs} ms; ${opts.danmakuPerSecond} danmaku/s sent in all; ${opts.seconds} s measured per level; budget: page p99 <= ${opts.budgetMs} ms`,
      '',
      table,
      '',
      knee
        ? `knee: ${knee.viewers} viewers passed the budget (page p99 ${fmt(knee.pageP99)} ms, errors ${knee.errors}); ${rows.length > 1 ? `the last level within it: ${rows.at(-2)!.viewers} viewers` : 'no level was within it: lower --levels'}`
        : `no knee up to ${last.viewers} viewers (page p99 ${fmt(last.pageP99)} ms): raise --levels`,
      `busiest process at ${last.viewers} viewers: ${busiest} (${fmt(last.cpu[busiest] ?? Number.NaN, 0)}% of one core; a Node process saturates at 100%)`,
      `CPU %: CPU time / wall time per process (100% = one core; the machine has ${os.cpus().length}); bench: the load generator (all viewers in one process); others: the machine's busy time minus all of ours.`,
      'delivery: receive time - send time of each live danmaku, at every viewer of its video.',
      machineLine({ date: started, loadBefore }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await senders?.stop();
    await Promise.all(viewers.map((v) => v.stop()));
    await gateway?.stop();
    await platform?.stop();
    if (s3) {
      s3.child.kill('SIGTERM');
      await new Promise((r) => s3!.child.once('exit', r));
    }
    rmSync(s3Dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`viewers benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
