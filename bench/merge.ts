/**
 * Cross-request coalescing benchmark: a burst of concurrent `video(id)`
 * requests over a few hot ids, through the gateway, with the video
 * subgraph's coalescer (lib/data/coalescer.ts) OFF and then ON.
 *
 *   node --import tsx bench/merge.ts [--requests 2000] [--ids 20] [--rounds 3] [--threshold n] [--rate-window ms] [--window ms]
 *
 * Set-up. Two stacks, one after the other, each the whole platform in a child
 * process (bench/lib/stack-process.ts), started with COALESCE_ENABLED=false
 * and =true (threshold and windows at their defaults unless given). Each is
 * seeded with `--ids` videos through its own stores (the child's `seed`
 * command); the stack's counting stores and the coalescer's stats are read
 * through its `stats` command, before and after each burst.
 *
 * One burst: `--requests` requests sent at once, request i asking for video
 * i mod ids, each with its own viewer's access token (`--viewers`, default one
 * per request). Distinct viewers matter: the gateway merges identical
 * in-flight subgraph queries of the SAME viewer (GATEWAY_MERGE_INFLIGHT), and
 * one shared token would let it collapse the burst before the subgraph ever
 * saw it; the gateway-merged column shows it did not. The query selects video
 * fields only (`id title likeCount viewCount likedByMe`), so each request is
 * one fetch to the video subgraph and one video lookup there: the
 * `findVideosByIds` calls measure the coalescer and nothing else. `likedByMe`
 * depends on the viewer, so the gateway does not share the fetch between
 * viewers as it would a fetch of viewer-independent fields only (README, Merge
 * requests): without it, the gateway would answer the burst with about one
 * fetch per id and the coalescer would see almost nothing.
 *
 * Before the bursts: one request per id (query plans cached; far below the
 * threshold), then one `{ __typename }` per viewer at once so that every
 * client connection is open (a burst would otherwise measure 2,000 TCP
 * handshakes and the accept backlog), then 1.1 s of quiet so the coalescer's
 * rate window (100 ms by default) is empty: every burst should start from a quiet
 * system, the case the threshold is for (bursts are separated the same way;
 * a later burst showing no direct lookups means the coalescer still counted
 * the previous one: see bench/README.md, merge).
 *
 * Latency is per request, from just before it is handed to the HTTP client to
 * the end of its body, in this process. Every body is checked (the right id,
 * no GraphQL error). Prints a table and the machine; asserts no timing; exits
 * 1 if any request failed.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import { Agent, request } from 'undici';
import type { CoalescerStats } from '../lib/data/coalescer.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import { TypenameDocument, VideoCountersDocument } from '../testing/__generated__/operations.js';
import { intOption, now, pool, progressLogger, sleep } from './lib/client.js';
import { treeLine } from './lib/machine.js';
import { ROOT } from './lib/peers.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { startStackProcess, type StackProcess } from './lib/stack-process.js';

// Printed once: the bursts send these exact bodies.
const QUERY = print(VideoCountersDocument);
const TYPENAME = print(TypenameDocument);
/** Longer than the coalescer's rate window (100 ms by default; one second before it was shortened). */
const QUIET_MS = 1_100;

interface Options {
  /** Requests in one burst, all sent at once. @default 2000 */
  requests: number;
  /** Hot video ids the burst spreads over. @default 20 */
  ids: number;
  /** Distinct viewers (request i is viewer i mod viewers). @default --requests */
  viewers: number;
  /** Measured bursts per mode. @default 3 */
  rounds: number;
  /** COALESCE_THRESHOLD_PER_SECOND for both stacks; unset keeps the platform default (200). */
  threshold?: string;
  /** COALESCE_RATE_WINDOW_MS for both stacks; unset keeps the platform default (100). */
  rateWindow?: string;
  /** COALESCE_WINDOW_MS for both stacks; unset keeps the platform default (2). */
  window?: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '2000' },
      ids: { type: 'string', default: '20' },
      viewers: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      threshold: { type: 'string' },
      'rate-window': { type: 'string' },
      window: { type: 'string' },
    },
    strict: true,
  });
  const requests = intOption(values, 'requests', 1);
  return {
    requests,
    ids: intOption(values, 'ids', 1),
    viewers: values.viewers === undefined ? requests : intOption(values, 'viewers', 1),
    rounds: intOption(values, 'rounds', 1),
    ...(values.threshold !== undefined ? { threshold: values.threshold } : {}),
    ...(values['rate-window'] !== undefined ? { rateWindow: values['rate-window'] } : {}),
    ...(values.window !== undefined ? { window: values.window } : {}),
  };
}

interface Burst {
  mode: 'off' | 'on';
  round: number;
  latencies: number[];
  errors: number;
  examples: string[];
  wallMs: number;
  storeCalls: number;
  coalescer: CoalescerStats;
  gatewayFetches: number;
  gatewayMerged: number;
}

async function post(agent: Agent, url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    dispatcher: agent,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

function diff(after: CoalescerStats, before: CoalescerStats): CoalescerStats {
  return {
    lookups: after.lookups - before.lookups,
    direct: after.direct - before.direct,
    merged: after.merged - before.merged,
    queries: after.queries - before.queries,
    timeouts: after.timeouts - before.timeouts,
  };
}

async function runMode(mode: 'off' | 'on', opts: Options, log: (s: string) => void): Promise<Burst[]> {
  // The benchmark's clients are never slow: the gateway's 10 s slow-client header limit is raised
  // so that a stack whose event loop falls seconds behind on a loaded machine does not drop them.
  const env: Record<string, string> = { COALESCE_ENABLED: mode === 'on' ? 'true' : 'false', HTTP_HEADERS_TIMEOUT_MS: '120000' };
  if (opts.threshold !== undefined) env.COALESCE_THRESHOLD_PER_SECOND = opts.threshold;
  if (opts.rateWindow !== undefined) env.COALESCE_RATE_WINDOW_MS = opts.rateWindow;
  if (opts.window !== undefined) env.COALESCE_WINDOW_MS = opts.window;
  log(`coalescing ${mode}: starting a stack`);
  const stack: StackProcess = await startStackProcess({ env });
  // Every burst opens one connection per request in flight; undici's default would too, but say so.
  const agent = new Agent({ connections: null, keepAliveTimeout: 30_000, pipelining: 1 });
  try {
    const catalog = await stack.seed({ users: 5, videos: opts.ids, uploaders: 5, prefix: `merge_${mode}` });
    const ids = catalog.videos.map((v) => v.id);
    const tokens = await Promise.all(
      Array.from({ length: opts.viewers }, async () => (await signAccessToken(stack.secrets.JWT_ACCESS_SECRET, { userId: randomUUID(), roles: [], familyId: randomUUID() }, 3600)).token),
    );
    const url = stack.gatewayUrl;
    const bodies = ids.map((id) => JSON.stringify({ query: QUERY, variables: { id } }));

    // Plans cached, far below the coalescing threshold.
    await pool(ids, 4, async (_id, i) => {
      const r = await post(agent, url, tokens[i % tokens.length]!, bodies[i]!);
      if (r.status !== 200 || r.text.includes('"errors"')) throw new Error(`warm-up request failed (HTTP ${r.status}): ${r.text.slice(0, 300)}`);
    });

    const bursts: Burst[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      // Open (or keep open) one connection per request of the burst; answered by the gateway alone.
      const typename = JSON.stringify({ query: TYPENAME });
      // 2,000 connections opened at once can overflow the listen backlog on a loaded machine and
      // be reset: such a connection is opened again (up to three tries), the burst measures none of it.
      await Promise.all(
        Array.from({ length: opts.requests }, async (_, i) => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await post(agent, url, tokens[i % tokens.length]!, typename);
            } catch (err) {
              if (attempt >= 3) throw err;
              await sleep(100 * attempt);
            }
          }
        }),
      );
      await sleep(QUIET_MS);

      const before = await stack.stats();
      log(`coalescing ${mode}: burst ${round}/${opts.rounds} of ${opts.requests} requests over ${ids.length} ids`);
      const latencies: number[] = [];
      const examples: string[] = [];
      let errors = 0;
      const t0 = now();
      await Promise.all(
        Array.from({ length: opts.requests }, async (_, i) => {
          const id = ids[i % ids.length]!;
          const start = now();
          try {
            const r = await post(agent, url, tokens[i % tokens.length]!, bodies[i % ids.length]!);
            latencies.push(now() - start);
            const parsed = JSON.parse(r.text) as { data?: { video?: { id?: string } | null }; errors?: unknown[] };
            if (r.status !== 200 || parsed.errors?.length || parsed.data?.video?.id !== id) {
              errors++;
              if (examples.length < 3) examples.push(`HTTP ${r.status}: ${r.text.slice(0, 300)}`);
            }
          } catch (err) {
            errors++;
            if (examples.length < 3) examples.push(String(err));
          }
        }),
      );
      const wallMs = now() - t0;
      const after = await stack.stats();
      latencies.sort((a, b) => a - b);
      bursts.push({
        mode,
        round,
        latencies,
        errors,
        examples,
        wallMs,
        storeCalls: (after.counts.video.findVideosByIds ?? 0) - (before.counts.video.findVideosByIds ?? 0),
        coalescer: diff(after.videoLookups, before.videoLookups),
        gatewayFetches: after.gatewayFetcher.requests - before.gatewayFetcher.requests,
        gatewayMerged: after.gatewayFetcher.merged - before.gatewayFetcher.merged,
      });
      log(`coalescing ${mode}: burst ${round}: ${bursts.at(-1)!.storeCalls} store queries, p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`);
    }
    return bursts;
  } finally {
    await agent.close();
    await stack.stop();
  }
}

async function main(): Promise<number> {
  const opts = options();
  const log = progressLogger();
  const loadBefore = loadNow();
  const started = new Date();
  const bursts = [...(await runMode('off', opts, log)), ...(await runMode('on', opts, log))];

  const table = formatTable(
    ['coalescing', 'burst', 'requests', 'errors', 'findVideosByIds calls', 'per request', 'p50 ms', 'p99 ms', 'max ms', 'burst ms', 'lookups', 'direct', 'merged', 'queries', 'timeouts', 'gateway fetches', 'gateway merged'],
    bursts.map((b) => [
      b.mode,
      String(b.round),
      String(opts.requests),
      String(b.errors),
      String(b.storeCalls),
      fmt(b.storeCalls / opts.requests, 3),
      fmt(percentile(b.latencies, 50), 1),
      fmt(percentile(b.latencies, 99), 1),
      fmt(b.latencies.at(-1) ?? Number.NaN, 1),
      fmt(b.wallMs, 0),
      String(b.coalescer.lookups),
      String(b.coalescer.direct),
      String(b.coalescer.merged),
      String(b.coalescer.queries),
      String(b.coalescer.timeouts),
      String(b.gatewayFetches),
      String(b.gatewayMerged),
    ]),
  );
  const lines = [
    `cross-request coalescing: ${opts.requests} concurrent ${JSON.stringify(QUERY.replace(/\s+/g, ' '))} over ${opts.ids} hot ids through the gateway, ${opts.viewers} distinct viewers, ${opts.rounds} burst(s) per mode`,
    `coalescer settings: threshold ${opts.threshold ?? '200 (default)'} lookups/s over ${opts.rateWindow ?? '100 (default)'} ms, window ${opts.window ?? '2 (default)'} ms, max wait 50 ms (default)`,
    '',
    table,
    '',
    'findVideosByIds calls: store queries the video subgraph issued during the burst (counting store); lookups/direct/merged/queries/timeouts: the coalescer\'s stats over the burst (lookups and direct/merged count ids, queries and timeouts count calls).',
    'gateway fetches/merged: subgraph requests the gateway sent, and those it answered from an identical in-flight request of the same viewer.',
    'latency: per request, handed to the HTTP client -> body read, in the benchmark process; burst ms: first send -> last answer.',
  ];
  for (const b of bursts.filter((x) => x.errors > 0)) lines.push(`errors in coalescing ${b.mode} burst ${b.round}: ${b.examples.join(' | ')}`);
  const tree = treeLine(ROOT);
  if (tree) lines.push(tree);
  lines.push(machineLine({ date: started, loadBefore }));
  process.stdout.write(`${lines.join('\n')}\n`);
  return bursts.some((b) => b.errors > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`merge benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
