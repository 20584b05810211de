/**
 * Search benchmark: how fast changes become searchable, how fast the index
 * takes a burst, and how long a search takes through the gateway.
 *
 *   node --import tsx bench/search.ts [--docs 2000] [--rate 100] [--sample 10] [--queries 200]
 *
 * Backends: the stack's embedded index (MiniSearch), and Elasticsearch as
 * well when ELASTICSEARCH_URL is set (the stack reads it, with
 * ELASTICSEARCH_API_KEY or _USERNAME/_PASSWORD, from the environment; the
 * benchmark uses a fresh index prefix and deletes its indices afterwards).
 * Each backend gets its own stack in a child process (bench/lib/stack-process.ts).
 *
 * Events are what the video service publishes (lib/redis/domainEvents.ts publishEvent on
 * the `events:video` stream): `video.published` (version 1) for each of the
 * documents, then `video.updated` (version 2) with a new title. Every title
 * carries a random word of its own (a "marker"), so the benchmark can tell
 * exactly when that version of that document is searchable; titles,
 * descriptions and tags are otherwise drawn from a fixed vocabulary with a
 * skewed distribution, so that queries match tens to hundreds of documents.
 * The videos exist only as events (no video record), which is fine here: the
 * search selection asks for `node { ... on Video { id } }`, which the search
 * subgraph answers itself.
 *
 * Phases per backend:
 *  1. bulk: all `video.published` events as fast as Redis takes them;
 *     throughput = documents / (first publish to the moment searchSyncStatus
 *     counts all of them in the index);
 *  2. steady: one `video.updated` per document at `--rate` events per second;
 *     for every `--sample`-th document the benchmark polls `search` through
 *     the gateway for its new marker every `--poll-ms`; lag = the midpoint of
 *     the first poll that finds it minus the time just before publishing. The
 *     pipeline's own lag percentiles (searchSyncStatus, event time to write
 *     time over the latest 2,000 events) are reported beside it. At the end,
 *     the old markers of the sampled documents must find nothing;
 *  3. queries: `search` over the indexed set, sequentially, for four shapes
 *     (one word, two words, a typo, a marker that matches one document), each
 *     through the gateway and straight to the search subgraph (internal
 *     identity, as the gateway sends), then all shapes mixed with 8 in flight.
 *
 * The script prints tables and the machine; it asserts no time. It exits 1
 * when a sampled update never became searchable or an old title was still found.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client as Elasticsearch } from '@elastic/elasticsearch';
import { Redis } from 'ioredis';
import { STREAMS, publishEvent } from '../lib/redis/domainEvents.js';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { SearchRankedIdsDocument, SearchSyncStatusDocument, type SearchSyncStatusQuery } from '../testing/__generated__/operations.js';
import { gql, intOption, must, now, pool, progressLogger, register, sleep, type Account, type GqlOptions } from './lib/client.js';
import { CpuMeter, idleCpuPerSecond } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { corpus, queryShapes, type Doc } from './lib/searchCorpus.js';
import { startStackProcess, type StackProcess } from './lib/stack-process.js';

interface Options {
  /** Documents published, then updated. @default 2000 */
  docs: number;
  /** Update events per second in the steady phase. @default 100 */
  rate: number;
  /** Every n-th document's update is timed by polling the gateway. @default 10 */
  sample: number;
  /** Interval between polls of one sampled document. @default 25 ms */
  pollMs: number;
  /** Queries per shape and path in the query phase. @default 200 */
  queries: number;
  /** Give up on a sampled document after this long. @default 30000 ms */
  timeoutMs: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '2000' },
      rate: { type: 'string', default: '100' },
      sample: { type: 'string', default: '10' },
      'poll-ms': { type: 'string', default: '25' },
      queries: { type: 'string', default: '200' },
      timeout: { type: 'string', default: '30000' },
    },
    strict: true,
  });
  return {
    docs: intOption(values, 'docs', 1),
    rate: intOption(values, 'rate', 1),
    sample: intOption(values, 'sample', 1),
    pollMs: intOption(values, 'poll-ms', 1),
    queries: intOption(values, 'queries', 1),
    timeoutMs: intOption(values, 'timeout', 1000),
  };
}

/* ------------------------------------------------------------ the stack */

type SyncStatus = SearchSyncStatusQuery['searchSyncStatus'];

interface Backend {
  name: string;
  env: Record<string, string>;
  cleanup?: () => Promise<void>;
}

function backends(): Backend[] {
  // An empty ELASTICSEARCH_URL means "unset" to the configuration: the embedded index, whatever the shell says.
  const list: Backend[] = [{ name: 'embedded (MiniSearch)', env: { ELASTICSEARCH_URL: '' } }];
  const url = process.env.ELASTICSEARCH_URL;
  if (url) {
    const prefix = `vidhub-bench-${Date.now().toString(36)}`;
    const auth: Record<string, string> = {};
    for (const k of ['ELASTICSEARCH_API_KEY', 'ELASTICSEARCH_USERNAME', 'ELASTICSEARCH_PASSWORD']) if (process.env[k]) auth[k] = process.env[k]!;
    list.push({
      name: 'Elasticsearch',
      env: { ELASTICSEARCH_URL: url, ELASTICSEARCH_INDEX_PREFIX: prefix, ...auth },
      cleanup: async () => {
        const client = new Elasticsearch({
          node: url,
          ...(auth.ELASTICSEARCH_API_KEY
            ? { auth: { apiKey: auth.ELASTICSEARCH_API_KEY } }
            : auth.ELASTICSEARCH_USERNAME
              ? { auth: { username: auth.ELASTICSEARCH_USERNAME, password: auth.ELASTICSEARCH_PASSWORD ?? '' } }
              : {}),
        });
        try {
          await client.indices.delete({ index: [`${prefix}-videos`, `${prefix}-users`], ignore_unavailable: true });
        } finally {
          await client.close();
        }
      },
    });
  }
  return list;
}

/* ---------------------------------------------------------------- phases */

interface BulkResult {
  publishMs: number;
  searchableMs: number;
  status: SyncStatus;
}

interface SteadyResult {
  events: number;
  achievedRate: number;
  sampled: number;
  lags: number[];
  missing: number;
  polls: number;
  /** Sampled documents found by their first poll: their lag is at most that poll's round trip. */
  firstPoll: number;
  stale: number;
  status: SyncStatus;
}

interface QueryResult {
  path: string;
  shape: string;
  example: string;
  inFlight: number;
  latencies: number[];
  totals: number[];
  ms: number;
  errors: number;
}

interface BackendResult {
  backend: string;
  bulk: BulkResult;
  steady: SteadyResult;
  queries: QueryResult[];
  cpu: Record<string, Record<string, number>>;
  after: string;
}

async function runBackend(backend: Backend, docs: Doc[], opts: Options, progress: (s: string) => void): Promise<BackendResult> {
  const stack = await startStackProcess({ env: { ADMIN_USERNAMES: 'bench_admin', ...backend.env } });
  const redis = new Redis(stack.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const interrupt = () => {
    redis.disconnect();
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    await redis.connect();
    const url = stack.gatewayUrl;
    const admin = await register(url, 'bench_admin');
    const uploader = await register(url, 'bench_uploader', 'Bench Uploader');
    const status = async () => must('searchSyncStatus', await gql(url, SearchSyncStatusDocument, {}, { token: admin.token })).searchSyncStatus;
    progress(`${backend.name}: waiting for the first full sync and the two users`);
    await until(status, (s) => s.fullSyncDoneAt !== null && s.indexedUsers >= 2, 30_000, 'the first full sync');
    const idleCpu = await idleCpuPerSecond(stack.pid);
    const cpu = new CpuMeter({ bench: process.pid, stack: stack.pid, redis: stack.redisPid });
    const cpuByPhase: Record<string, Record<string, number>> = {};

    progress(`${backend.name}: bulk, ${docs.length} video.published`);
    cpu.mark();
    const bulk = await bulkPhase(redis, docs, uploader, status);
    cpuByPhase.bulk = cpu.since();

    progress(`${backend.name}: steady, ${docs.length} video.updated at ${opts.rate}/s, every ${opts.sample}th polled`);
    cpu.mark();
    const steady = await steadyPhase(redis, url, docs, uploader, status, opts);
    cpuByPhase.steady = cpu.since();

    progress(`${backend.name}: queries`);
    cpu.mark();
    const queries = await queryPhase(stack, docs, opts);
    cpuByPhase.queries = cpu.since();

    const res = stack.resources();
    const after = `stack RSS ${res ? `${(res.rssBytes / 1024 ** 2).toFixed(0)} MiB, open fds ${res.openFds}` : '-'}; dead-lettered ${(await status()).deadLettered}; idle stack ${fmt(idleCpu, 3)} CPU s per second (over 2 s before the phases)`;
    return { backend: backend.name, bulk, steady, queries, cpu: cpuByPhase, after };
  } finally {
    redis.disconnect();
    await stack.stop();
    await backend.cleanup?.().catch((err: unknown) => progress(`${backend.name}: cleanup failed: ${String(err)}`));
    process.removeListener('SIGINT', interrupt);
  }
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
    await sleep(intervalMs);
  }
}

function videoEvent(redis: Redis, type: 'video.published' | 'video.updated', d: Doc, version: 1 | 2, uploader: Account) {
  return publishEvent(redis, STREAMS.video, {
    type,
    subjectId: d.id,
    version,
    payload: { uploaderId: uploader.id, title: d.title[version - 1], description: d.description, tags: d.tags, likeCount: 0, viewCount: 0, createdAt: new Date().toISOString() },
  });
}

async function bulkPhase(redis: Redis, docs: Doc[], uploader: Account, status: () => Promise<SyncStatus>): Promise<BulkResult> {
  const before = await status();
  const start = now();
  // ioredis pipelines concurrent commands on its one connection; 64 in flight keeps Redis busy without a 2,000-deep queue here.
  await pool(docs, 64, (d) => videoEvent(redis, 'video.published', d, 1, uploader));
  const publishMs = now() - start;
  await until(status, (s) => s.indexedVideos >= before.indexedVideos + docs.length, 120_000, 'bulk indexing', 20);
  const searchableMs = now() - start;
  // The pipeline records its lag once a batch is written: wait for every event to be counted.
  const after = await until(status, (s) => s.processedEvents >= before.processedEvents + docs.length, 30_000, 'bulk events processed', 20);
  return { publishMs, searchableMs, status: after };
}

async function steadyPhase(redis: Redis, url: string, docs: Doc[], uploader: Account, status: () => Promise<SyncStatus>, opts: Options): Promise<SteadyResult> {
  const before = await status();
  const lags: number[] = [];
  let missing = 0;
  let polls = 0;
  let firstPoll = 0;
  const watchers: Promise<void>[] = [];
  const findsOnly = async (text: string, id: string) => {
    const r = must('search', await gql(url, SearchRankedIdsDocument, { query: text, pageSize: 5 }));
    return r.search.hits.some((h) => h.node?.id === id);
  };
  const watch = async (d: Doc, publishedAt: number) => {
    const deadline = publishedAt + opts.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const sent = now();
      polls++;
      const found = await findsOnly(d.markers[1], d.id);
      const received = now();
      if (found) {
        if (attempt === 1) firstPoll++;
        lags.push((sent + received) / 2 - publishedAt);
        return;
      }
      if (received > deadline) {
        missing++;
        return;
      }
      await sleep(Math.max(0, opts.pollMs - (received - sent)));
    }
  };
  const start = now();
  const intervalMs = 1000 / opts.rate;
  for (const [i, d] of docs.entries()) {
    // Each event has its slot on a fixed schedule, so a slow publish does not shift the rest.
    const wait = start + i * intervalMs - now();
    if (wait > 1) await sleep(wait);
    const publishedAt = now();
    const publishing = videoEvent(redis, 'video.updated', d, 2, uploader);
    if (i % opts.sample === 0) watchers.push(publishing.then(() => watch(d, publishedAt)));
    else void publishing;
  }
  const achievedRate = docs.length / ((now() - start) / 1000);
  await Promise.all(watchers);
  const after = await until(status, (s) => s.processedEvents >= before.processedEvents + docs.length, 60_000, 'steady events processed', 50);
  // Every sampled document's old title must be gone from the index.
  const sampled = docs.filter((_, i) => i % opts.sample === 0);
  const stale = (await pool(sampled, 4, (d) => findsOnly(d.markers[0], d.id))).filter(Boolean).length;
  return { events: docs.length, achievedRate, sampled: sampled.length, lags: lags.sort((a, b) => a - b), missing, polls, firstPoll, stale, status: after };
}

const MIXED = 'all shapes mixed';

async function queryPhase(stack: StackProcess, docs: Doc[], opts: Options): Promise<QueryResult[]> {
  const shapes = queryShapes(docs);
  const identity = async (): Promise<GqlOptions> => ({ headers: { 'x-internal-identity': await signInternalIdentity(stack.secrets.INTERNAL_IDENTITY_SECRET, { userId: null, roles: [] }, randomUUID()) } });
  const paths = [
    { path: 'gateway', url: stack.gatewayUrl, auth: async (): Promise<GqlOptions> => ({}) },
    { path: 'search subgraph', url: stack.subgraphs.search.url, auth: identity },
  ];
  const results: QueryResult[] = [];
  const run = async (path: (typeof paths)[number], shape: string, texts: string[], count: number, inFlight: number): Promise<QueryResult> => {
    const latencies: number[] = [];
    const totals: number[] = [];
    let errors = 0;
    const start = now();
    await pool(
      Array.from({ length: count }, (_, i) => texts[i % texts.length]!),
      inFlight,
      async (q) => {
        const auth = await path.auth();
        const t = now();
        const r = await gql(path.url, SearchRankedIdsDocument, { query: q, pageSize: 20 }, auth);
        latencies.push(now() - t);
        if (r.errors?.length || !r.data) errors++;
        else totals.push(r.data.search.total);
      },
    );
    return { path: path.path, shape, example: shape === MIXED ? '(the above in turn)' : (texts[0] ?? ''), inFlight, latencies: latencies.sort((a, b) => a - b), totals, ms: now() - start, errors };
  };
  // Warm-up, not measured: query planning in the gateway and the first search of each shape.
  for (const p of paths) for (const s of shapes) await run(p, s.shape, s.texts, s.texts.length, 1);
  for (const p of paths) for (const s of shapes) results.push(await run(p, s.shape, s.texts, opts.queries, 1));
  const mixed = shapes.flatMap((s) => s.texts);
  for (const p of paths) results.push(await run(p, MIXED, mixed, opts.queries * 2, 8));
  return results;
}

/* ---------------------------------------------------------------- report */

function printReport(results: BackendResult[], docs: Doc[], opts: Options, loadBefore: number, skipped: string | undefined): void {
  const out = (s = '') => console.log(s);
  const ms = (v: number | null | undefined) => fmt(v ?? Number.NaN, 1);
  const cpu = (r: BackendResult, phase: string) => `${fmt(r.cpu[phase]?.stack ?? Number.NaN, 1)} / ${fmt(r.cpu[phase]?.redis ?? Number.NaN, 1)} / ${fmt(r.cpu[phase]?.bench ?? Number.NaN, 1)}`;
  out('');
  out(`search: ${docs.length} video documents, published then updated once, as events on ${STREAMS.video}; stack in a child process`);
  out('');
  out('bulk indexing (all video.published at once)');
  out(
    formatTable(
      ['backend', 'docs', 'publish s', 'published ev/s', 'all searchable s', 'docs/s', 'pipeline lag p50 ms', 'pipeline lag p99 ms', 'CPU s stack/redis/bench'],
      results.map((r) => [
        r.backend,
        String(docs.length),
        fmt(r.bulk.publishMs / 1000, 2),
        fmt(docs.length / (r.bulk.publishMs / 1000), 0),
        fmt(r.bulk.searchableMs / 1000, 2),
        fmt(docs.length / (r.bulk.searchableMs / 1000), 0),
        ms(r.bulk.status.lagP50Ms),
        ms(r.bulk.status.lagP99Ms),
        cpu(r, 'bulk'),
      ]),
    ),
  );
  out('');
  out(`sync lag at a steady rate (one video.updated per document; every ${opts.sample}th polled through the gateway every ${opts.pollMs} ms)`);
  out(
    formatTable(
      ['backend', 'events', 'ev/s', 'sampled', 'found', 'by 1st poll', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'polls', 'pipeline lag p50 ms', 'pipeline lag p99 ms', 'old title still found', 'CPU s stack/redis/bench'],
      results.map((r) => [
        r.backend,
        String(r.steady.events),
        fmt(r.steady.achievedRate, 0),
        String(r.steady.sampled),
        String(r.steady.sampled - r.steady.missing),
        String(r.steady.firstPoll),
        ms(percentile(r.steady.lags, 50)),
        ms(percentile(r.steady.lags, 99)),
        ms(r.steady.lags.at(-1)),
        String(r.steady.polls),
        ms(r.steady.status.lagP50Ms),
        ms(r.steady.status.lagP99Ms),
        String(r.steady.stale),
        cpu(r, 'steady'),
      ]),
    ),
  );
  out('');
  out('lag: midpoint of the first poll that finds the new title - time just before publishing (resolution: the poll interval plus a search round trip);');
  out('the first poll starts once XADD has returned; a document found by it became searchable within one search round trip, so its lag is an upper bound.');
  out('pipeline lag: searchSyncStatus lagP50Ms/lagP99Ms, write time - event time over the latest 2,000 events (the phase\'s own events), as the sync worker records it.');
  out('');
  out(`query latency (search(query, pageSize: 20) { total hits { score highlights node { id } } }, ${opts.queries} queries per row unless mixed)`);
  out(
    formatTable(
      ['backend', 'path', 'shape', 'e.g.', 'in flight', 'queries', 'avg total', 'p50 ms', 'p99 ms', 'mean ms', 'queries/s', 'errors'],
      results.flatMap((r) =>
        r.queries.map((q) => [
          r.backend,
          q.path,
          q.shape,
          q.example,
          String(q.inFlight),
          String(q.latencies.length),
          fmt(q.totals.reduce((a, b) => a + b, 0) / Math.max(1, q.totals.length), 0),
          ms(percentile(q.latencies, 50)),
          ms(percentile(q.latencies, 99)),
          ms(q.latencies.reduce((a, b) => a + b, 0) / Math.max(1, q.latencies.length)),
          fmt(q.latencies.length / (q.ms / 1000), 0),
          String(q.errors),
        ]),
      ),
    ),
  );
  out('');
  out('CPU s: CPU seconds used during the phase by the stack process (gateway + subgraphs + embedded index), redis-server, and this process (publisher, pollers).');
  for (const r of results) out(`${r.backend}: after the phases ${r.after}`);
  if (skipped) out(skipped);
  out(machineLine({ loadBefore }));
}

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadNow();
  const progress = progressLogger();
  const docs = corpus(opts.docs);
  const results: BackendResult[] = [];
  for (const backend of backends()) results.push(await runBackend(backend, docs, opts, progress));
  const skipped = process.env.ELASTICSEARCH_URL ? undefined : 'Elasticsearch: not run (ELASTICSEARCH_URL is unset).';
  printReport(results, docs, opts, loadBefore, skipped);
  const bad = results.some((r) => r.steady.missing > 0 || r.steady.stale > 0);
  process.exitCode = bad ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
