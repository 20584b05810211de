/**
 * How stale the gateway's entity cache can be: after a profile change is
 * committed, how long a reader may still get the old value through the gateway.
 *
 *   node --import tsx bench/entity-cache.ts [--updates 40] [--pollers 4] [--connections 50] [--gap-ms 100] [--workers 1]
 *
 * The gateway keeps users' answers (`_entities` of viewer-independent fields)
 * and drops one when the user's change event arrives on its Redis stream
 * (gateway/entityCache.ts). The user subgraph publishes that event after the
 * change is stored and before `updateProfile` answers. So the window in which
 * the gateway can still serve the old value starts when the mutation answers
 * and ends when the gateway has read the event.
 *
 * Every service runs in its own process (bench/lib/services.ts), the gateway
 * with its defaults (entity cache on) and `--workers` as GATEWAY_WORKERS (each
 * worker has its own cache and reads the stream itself, so with several a
 * reader on one worker may get the old value after the writer, answered by
 * another, has its answer). `--pollers` readers, each
 * its own viewer, send the page query of bench/gateway.ts (a page of videos,
 * then its uploaders from the user subgraph, answered from the cache) back to
 * back. The uploader of the newest video renames itself `--updates` times,
 * one after the other, through the gateway; after each rename the next waits
 * until a reader has seen the new name and `--gap-ms` more. Per rename:
 * - **stale after commit**: the latest send time of an answer that still
 *   showed an older name, minus the time the mutation's answer arrived (0
 *   when no answer sent after it showed an older name). This is the window
 *   that matters to a client;
 * - **first new answer**: when the first answer showing the new name arrived,
 *   minus the same moment (bounded below by one reader's round trip);
 * - the gateway's own figure, `vidhub_gateway_entity_cache_invalidation_lag_seconds`
 *   (event published -> entity dropped), read from its metrics before and after,
 *   and the cache's hits and misses (the readers must be answered from the cache,
 *   or nothing is measured).
 * Two phases: `idle` (the readers alone) and `under load` (the same while
 * `--connections` connections, each its own viewer, send the page query as
 * fast as they are answered: bench/lib/load.ts).
 *
 * Prints a table and the machine; asserts no time. Exits 1 if a rename never
 * reached a reader within 10 s or an answer had errors.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { signAccessToken } from '../lib/auth/tokens.js';
import { gql, intOption, must, now, progressLogger, sleep } from './lib/client.js';
import { runLoad, stopLoad, type LoadResult } from './lib/load.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { buildServices, freePort, startPlatform, type Platform } from './lib/services.js';
import { WORKLOADS, checkAnswer } from './lib/gatewayWorkloads.js';
import { has, parseMetrics, valueOf } from '../testing/prometheus.js';

const READ_QUERY = '{ videos(first: 10) { edges { node { title uploader { id username displayName } } } } }';
const RENAME = 'mutation Rename($name: String!) { updateProfile(input: { displayName: $name }) { id displayName } }';
/** A rename that no reader has seen after this long counts as lost. */
const GIVE_UP_MS = 10_000;
/** The gateway's invalidation lag histogram, `le` bounds in seconds. */
const LAG_METRIC = 'vidhub_gateway_entity_cache_invalidation_lag_seconds';

interface Options {
  updates: number;
  pollers: number;
  connections: number;
  gapMs: number;
  /** GATEWAY_WORKERS. @default '1' */
  workers: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      updates: { type: 'string', default: '40' },
      pollers: { type: 'string', default: '4' },
      connections: { type: 'string', default: '50' },
      'gap-ms': { type: 'string', default: '100' },
      workers: { type: 'string', default: '1' },
    },
  });
  return {
    updates: intOption(values, 'updates', 1),
    pollers: intOption(values, 'pollers', 1),
    connections: intOption(values, 'connections', 1),
    gapMs: intOption(values, 'gap-ms', 0),
    workers: values.workers!,
  };
}

/** One reader's answer: when it was sent and received, and the name it showed for the renamed uploader. */
interface Answer {
  sent: number;
  received: number;
  name: string | undefined;
}

/** The gateway's metrics this benchmark reads: cache lookups and the lag histogram's cumulative buckets. */
interface Scrape {
  hits: number;
  misses: number;
  buckets: Map<string, number>;
  lagCount: number;
  lagSum: number;
}

async function scrape(metricsUrl: string): Promise<Scrape> {
  const samples = parseMetrics(await (await fetch(metricsUrl)).text());
  if (!has(samples, 'vidhub_gateway_entity_cache_lookups_total')) throw new Error(`the gateway's metrics (${metricsUrl}) have no entity cache lookups: is GATEWAY_ENTITY_CACHE off?`);
  const buckets = new Map(samples.filter((m) => m.name === `${LAG_METRIC}_bucket`).map((m) => [m.labels.le!, m.value] as const));
  return {
    hits: valueOf(samples, 'vidhub_gateway_entity_cache_lookups_total', { result: 'hit' }),
    misses: valueOf(samples, 'vidhub_gateway_entity_cache_lookups_total', { result: 'miss' }),
    buckets,
    lagCount: valueOf(samples, `${LAG_METRIC}_count`),
    lagSum: valueOf(samples, `${LAG_METRIC}_sum`),
  };
}

interface PhaseResult {
  phase: string;
  renames: number;
  stale: number[];
  firstNew: number[];
  answers: number;
  before: Scrape;
  after: Scrape;
  load?: LoadResult;
}

async function renames(gatewayUrl: string, metricsUrl: string, opts: Options, phase: string, tokens: string[], uploader: { id: string; token: string }, log: (s: string) => void): Promise<PhaseResult> {
  const answers: Answer[] = [];
  let reading = true;
  let failure: string | undefined;
  const readers = tokens.slice(0, opts.pollers).map(async (token) => {
    while (reading) {
      const sent = now();
      const r = await gql<{ videos: { edges: { node: { uploader: { id: string; displayName: string } } }[] } }>(gatewayUrl, READ_QUERY, {}, { token });
      if (r.errors?.length || !r.data) {
        failure ??= `a reader's answer had errors: ${JSON.stringify(r.errors)}`;
        continue;
      }
      const name = r.data.videos.edges.map((e) => e.node.uploader).find((u) => u.id === uploader.id)?.displayName;
      answers.push({ sent, received: now(), name });
    }
  });
  // The cache fills and the readers settle before the first rename.
  await sleep(500);
  const before = await scrape(metricsUrl);
  const stale: number[] = [];
  const firstNew: number[] = [];
  for (let i = 0; i < opts.updates && !failure; i++) {
    const name = `Renamed ${i} ${randomUUID().slice(0, 8)}`;
    const from = answers.length;
    const done = must('updateProfile', await gql<{ updateProfile: { displayName: string } }>(gatewayUrl, RENAME, { name }, { token: uploader.token }));
    const committed = now();
    if (done.updateProfile.displayName !== name) throw new Error(`updateProfile answered ${done.updateProfile.displayName}, not ${name}`);
    // Until a reader sent after the commit has seen the new name, then the gap, so that answers in flight come back.
    const deadline = committed + GIVE_UP_MS;
    let seenAt: number | undefined;
    while (now() < deadline) {
      const fresh = answers.slice(from).find((a) => a.name === name);
      if (fresh) {
        seenAt = fresh.received;
        break;
      }
      await sleep(1);
    }
    if (seenAt === undefined) {
      failure = `rename ${i} was not seen by any reader within ${GIVE_UP_MS} ms`;
      break;
    }
    await sleep(opts.gapMs);
    const after = answers.slice(from).filter((a) => a.sent >= committed);
    const lastStale = after.filter((a) => a.name !== name).reduce((latest, a) => Math.max(latest, a.sent), committed);
    stale.push(lastStale - committed);
    firstNew.push(seenAt - committed);
  }
  const after = await scrape(metricsUrl);
  reading = false;
  await Promise.all(readers);
  if (failure) throw new Error(`${phase}: ${failure}`);
  log(`${phase}: ${stale.length} renames, ${answers.length} reader answers`);
  return { phase, renames: stale.length, stale, firstNew, answers: answers.length, before, after };
}

/** The lag histogram's change over a phase, as "≤ bound: count" for the buckets that gained. */
function lagBuckets(before: Scrape, after: Scrape): string {
  const parts: string[] = [];
  let previous = 0;
  for (const [le, count] of after.buckets) {
    const gained = count - (before.buckets.get(le) ?? 0);
    if (gained > previous) parts.push(`${le === '+Inf' ? '> 5 s' : `≤ ${Number(le) * 1000} ms`}: ${gained - previous}`);
    previous = gained;
  }
  return parts.join(', ') || '-';
}

async function main(): Promise<void> {
  const opts = options();
  const log = progressLogger();
  const loadBefore = loadNow();
  const started = new Date();
  buildServices(log);
  let platform: Platform | undefined;
  process.on('SIGINT', () => stopLoad());
  try {
    const viewers = opts.pollers + opts.connections;
    platform = await startPlatform({ seed: { users: viewers + 20, videos: 200, uploaders: 20 }, log });
    const p = platform;
    const metricsPort = await freePort();
    const gateway = await p.startGateway({ env: { GATEWAY_METRICS_PORT: String(metricsPort), GATEWAY_WORKERS: opts.workers } });
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    const token = async (userId: string) => (await signAccessToken(p.secrets.JWT_ACCESS_SECRET, { userId, roles: [], familyId: randomUUID() }, 4 * 3600)).token;
    // The first 20 users upload; readers and the load's viewers are the others.
    const tokens = await Promise.all(p.catalog.users.slice(20).map((u) => token(u.id)));
    const newest = p.catalog.videos.at(-1)!;
    const uploader = { id: newest.uploaderId, token: await token(newest.uploaderId) };

    const results: PhaseResult[] = [];
    results.push(await renames(gateway.url, metricsUrl, opts, 'idle', tokens, uploader, log));

    const workload = WORKLOADS.page;
    const loadTokens = tokens.slice(opts.pollers);
    const load = runLoad({
      url: gateway.url,
      connections: opts.connections,
      durationSeconds: 600,
      body: JSON.stringify({ query: workload.query }),
      headersFor: (c) => ({ authorization: `Bearer ${loadTokens[c % loadTokens.length]!}` }),
      check: (parsed) => checkAnswer(workload, parsed),
    });
    await sleep(2000);
    let loaded: PhaseResult;
    try {
      loaded = await renames(gateway.url, metricsUrl, opts, 'under load', tokens, uploader, log);
    } finally {
      stopLoad();
    }
    loaded.load = await load;
    results.push(loaded);

    const ms = (xs: number[], q: number) => fmt(percentile([...xs].sort((a, b) => a - b), q));
    const rows = results.map((r) => {
      const hits = r.after.hits - r.before.hits;
      const misses = r.after.misses - r.before.misses;
      const lagCount = r.after.lagCount - r.before.lagCount;
      return [
        r.phase,
        String(r.renames),
        String(r.answers),
        `${fmt((100 * hits) / Math.max(1, hits + misses), 0)}%`,
        String(r.stale.filter((s) => s > 0).length),
        ms(r.stale, 50),
        ms(r.stale, 99),
        ms(r.stale, 100),
        ms(r.firstNew, 50),
        ms(r.firstNew, 99),
        ms(r.firstNew, 100),
        String(lagCount),
        fmt(lagCount ? ((r.after.lagSum - r.before.lagSum) / lagCount) * 1000 : Number.NaN, 2),
        lagBuckets(r.before, r.after),
        r.load ? `${fmt(r.load.rps, 0)} req/s, p99 ${fmt(r.load.p99)} ms, ${r.load.errors} errors` : '-',
      ];
    });
    console.log(
      `\nentity cache staleness: ${opts.updates} renames of one uploader through the gateway, one after the other; ${opts.pollers} readers (each its own viewer) send "${READ_QUERY}" back to back; the gateway with its defaults (entity cache on), GATEWAY_WORKERS=${opts.workers}; every service in its own process\n`,
    );
    console.log(
      formatTable(
        ['phase', 'renames', 'reader answers', 'cache hits', 'renames with a stale answer', 'stale after commit p50 ms', 'p99', 'max', 'first new answer p50 ms', 'p99', 'max', 'events', 'gateway lag mean ms', 'gateway lag (publish -> drop)', 'load'],
        rows,
      ),
    );
    console.log(
      [
        '',
        'stale after commit: latest send time of a reader answer that still showed an older name, minus the arrival of updateProfile\'s answer (0: no answer sent after the commit was stale).',
        'first new answer: arrival of the first answer showing the new name, minus the same moment (a reader\'s round trip at least).',
        'cache hits: the gateway\'s entity cache lookups answered from the cache over the phase (vidhub_gateway_entity_cache_lookups_total).',
        `events / gateway lag: changes of ${LAG_METRIC} over the phase (time from the event's publication to the cache dropping the entity; buckets as the histogram has them).`,
        'load: the page query of bench/gateway.ts from the other connections during the phase (bench/lib/load.ts).',
        machineLine({ date: started, loadBefore }),
      ].join('\n'),
    );
  } finally {
    await platform?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
