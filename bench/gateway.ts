/**
 * Gateway throughput benchmark: a cross-subgraph query under closed-loop
 * load, through our gateway, through its peers (the Grafbase gateway, Rust;
 * Hive Gateway with Hive Router's Rust query planner; plain Hive Gateway), and
 * straight to each subgraph it needs (the ceiling), in one run on one machine.
 *
 *   node --import tsx bench/gateway.ts [--duration 10] [--connections 50] [--repeat 3]
 *     [--peers grafbase,hiveRust,hive] [--workers 1,auto] [--merge-off] [--profile]
 *
 * Set-up (bench/lib/services.ts). Embedded Redis and S3, seed data written
 * through the stores (users, and videos spread over 20 uploaders), then the
 * four subgraphs, each in its own process, compiled (bench/.work/build). The
 * gateways are started one at a time against those same subgraphs, each in
 * its own process and fresh for each measurement, in an order that alternates
 * between rounds: ours (gateway/main); @graphql-hive/gateway (its CLI on a
 * copy of schema/supergraph.graphql whose subgraph URLs point at this run's
 * ports), with and without HIVE_ROUTER_RUNTIME; and `grafbase dev`, which
 * composes the subgraphs' schema files itself. Every peer is installed into
 * bench/peers at a pinned version. The load generator (autocannon,
 * bench/peers) runs in this process.
 *
 * Credentials, so that neither gateway can answer many users with one
 * upstream request: every connection is its own user (`--users`, at least
 * `--connections`) and sends that user's own credentials.
 * - To our gateway: `Authorization: Bearer <access token>` minted with the
 *   run's JWT_ACCESS_SECRET and a session family id, as login issues them.
 *   Per request the gateway checks the token (gateway/auth.ts: verified once
 *   per token, then cached until it expires), checks that the family is not
 *   revoked (lib/auth/revocation.ts: asked of Redis once, then known from memory
 *   while subscribed to revocations, re-asked every 5 s), and attaches the viewer's internal identity (lib/auth/identity.ts
 *   IdentityTokenCache: signed once per viewer, reused while it has over 20 s
 *   to live) to every subgraph fetch of the plan.
 * - To Hive: `x-internal-identity: <token>`, a long-lived internal identity
 *   pre-signed here for that user, which Hive forwards to the subgraphs
 *   (`propagateHeaders.fromClientToSubgraphs`). Hive verifies nothing and
 *   signs nothing: what a deployment does when the client already holds the
 *   upstream credential. The subgraphs verify the identity in both cases.
 * - To a subgraph directly: the same pre-signed identity.
 *
 * Two queries (`--query`): `page`, a page of videos with their uploaders
 * (video subgraph, then user subgraph), and `recommended`, recommended videos
 * with their uploaders (search, then video, then user).
 *
 * In-flight merging is ON in every gateway (ours: GATEWAY_MERGE_INFLIGHT=true;
 * Hive: its default `deduplicateInflightRequests`, whose key includes the
 * forwarded headers; Grafbase: its default `inflight_deduplication`), and with
 * `--merge-off` also OFF in every one. Ours merges per viewer, except fetches
 * of fields marked @viewerIndependent, which viewers share while in flight,
 * and keeps users in its entity cache, dropped by their change events (as
 * deployed: GATEWAY_ENTITY_CACHE on). No gateway keeps results for a time.
 * The subgraph requests per query column shows what each really sent.
 *
 * Ours runs once per `--workers` value (GATEWAY_WORKERS: a number or `auto`,
 * default `1,auto`): one process, and the cluster of one worker per usable CPU
 * that a deployment gets by default (gateway/workers.ts). Its CPU columns count
 * the gateway process and every process below it (the primary and its
 * workers). The peers run as they do by default (Hive with --fork 1: one
 * process; Grafbase: one process, multi-threaded).
 *
 * `--profile` runs our gateway (one worker) once more (merging on) under `--cpu-prof` and
 * prints the top self-time functions and packages of its process.
 *
 * Prints tables and the machine; asserts no timing. Exits 1 if any request
 * failed (non-2xx, socket error, timeout, or a GraphQL error in a 200 body).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import { formatProfile, summarizeProfile } from './lib/cpuprofile.js';
import { intOption, progressLogger } from './lib/client.js';
import { runLoad, stopLoad, type LoadResult } from './lib/load.js';
import { ensurePeers, grafbaseBin, hiveGatewayBin, PEER_VERSIONS, ROOT } from './lib/peers.js';
import { machineBusySeconds, treeLine } from './lib/machine.js';
import { CpuMeter, descendantPids } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine } from './lib/report.js';
import { buildServices, startPlatform, type Platform, type Runtime, type ServiceProcess } from './lib/services.js';
import { gatewayWorkersOption } from './lib/topology.js';
import { PAGE, WORKLOADS, checkAnswer, type Workload, type WorkloadName } from './lib/gatewayWorkloads.js';


interface Options {
  /** Seconds of measured load per target. @default 10 */
  duration: number;
  /** Keep-alive connections, one simulated user each. @default 50 */
  connections: number;
  /** Distinct users (connection i is user i mod users). @default max(50, connections) */
  users: number;
  /** Seconds of unmeasured load before each measurement (JIT, plan cache, connection pools). @default 2 */
  warmup: number;
  /** Seeded videos. @default 200 */
  videos: number;
  /** Profile our gateway under load (one more run, merging on). @default false */
  profile: boolean;
  /**
   * Also profile the video and user subgraphs (all runs, so every number of
   * that run is slowed by profiling) and print their profiles over their
   * direct runs: where the ceiling goes. @default false
   */
  profileSubgraphs: boolean;
  /** compiled (bench/.work/build, as deployed) or tsx. @default compiled */
  runtime: Runtime;
  /** Times the whole cycle (both modes, both gateways) runs; ratios use the medians. @default 1 */
  repeat: number;
  /** Forward the services' warnings to stderr. @default false */
  serviceOutput: boolean;
  /** Gateways to compare with ours (`--peers grafbase,hiveRust,hive`). @default all three */
  peers: Peer[];
  /** Also measure with in-flight merging off in every gateway. @default false */
  mergeOff: boolean;
  /** GATEWAY_WORKERS values ours runs with, one measurement each (`--workers 1,auto`). @default 1, auto */
  workers: string[];
  /** The query measured (`--query page` or `recommended`). @default page */
  query: WorkloadName;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      users: { type: 'string' },
      warmup: { type: 'string', default: '2' },
      videos: { type: 'string', default: '200' },
      profile: { type: 'boolean', default: false },
      'profile-subgraphs': { type: 'boolean', default: false },
      runtime: { type: 'string', default: 'compiled' },
      repeat: { type: 'string', default: '1' },
      'service-output': { type: 'boolean', default: false },
      peers: { type: 'string', default: PEERS.join(',') },
      'merge-off': { type: 'boolean', default: false },
      workers: { type: 'string', default: '1,auto' },
      query: { type: 'string', default: 'page' },
    },
    strict: true,
  });
  const connections = intOption(values, 'connections', 1);
  const runtime = values.runtime;
  if (runtime !== 'compiled' && runtime !== 'tsx') throw new Error(`--runtime must be compiled or tsx (got ${runtime})`);
  const query = values.query ?? 'page';
  if (!(query in WORKLOADS)) throw new Error(`--query must be ${Object.keys(WORKLOADS).join(' or ')} (got ${query})`);
  const users = values.users === undefined ? Math.max(50, connections) : intOption(values, 'users', 1);
  return {
    duration: intOption(values, 'duration', 1),
    connections,
    users,
    warmup: intOption(values, 'warmup', 0),
    videos: intOption(values, 'videos', PAGE),
    profile: values.profile ?? false,
    profileSubgraphs: values['profile-subgraphs'] ?? false,
    runtime,
    repeat: intOption(values, 'repeat', 1),
    serviceOutput: values['service-output'] ?? false,
    peers: peerList(values.peers ?? ''),
    mergeOff: values['merge-off'] ?? false,
    workers: workerList(values.workers ?? ''),
    query: query as WorkloadName,
  };
}

function workerList(csv: string): string[] {
  const values = csv.split(',').map((x) => x.trim()).filter(Boolean);
  if (!values.length) throw new Error('--workers: give at least one value (a number or auto)');
  return values.map((v) => gatewayWorkersOption(v, '--workers'));
}

function peerList(csv: string): Peer[] {
  const names = csv.split(',').map((x) => x.trim()).filter(Boolean);
  for (const n of names) if (!PEERS.includes(n as Peer)) throw new Error(`--peers: unknown gateway ${n} (known: ${PEERS.join(', ')})`);
  return names as Peer[];
}

interface Viewer {
  userId: string;
  accessToken: string;
  identity: string;
}

type Gateway = 'ours' | 'hive' | 'hiveRust' | 'grafbase';
type Peer = 'hive' | 'hiveRust' | 'grafbase';
const PEERS: readonly Peer[] = ['grafbase', 'hiveRust', 'hive'];

interface Row {
  /** The measured interval on the monotonic clock, in microseconds (to cut a CPU profile to it). */
  window: { fromUs: number; toUs: number };
  mode: string;
  target: string;
  load: LoadResult;
  subgraphRequestsPerQuery: number;
  /** CPU % (100 = one core) of the gateway, the four subgraphs, redis-server, this process, and everything else on the machine. */
  cpu: { gateway: number; subgraphs: number; redis: number; bench: number; others: number };
}

async function main(): Promise<number> {
  const opts = options();
  const log = progressLogger();
  const loadBefore = loadNow();
  const started = new Date();

  ensurePeers(['autocannon', ...(opts.peers.some((x) => x !== 'grafbase') ? (['@graphql-hive/gateway', '@graphql-hive/router-runtime'] as const) : []), ...(opts.peers.includes('grafbase') ? (['@grafbase/cli-x86_64-unknown-linux-musl'] as const) : [])], log);
  if (opts.runtime === 'compiled') buildServices(log);

  let platform: Platform | undefined;
  let gateway: ServiceProcess | undefined;
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('interrupted: stopping the load and every service\n');
    stopLoad();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  const profileDir = path.join(os.tmpdir(), `vidhub-gateway-prof-${process.pid}`);
  try {
    const subgraphProfileDir = path.join(profileDir, 'subgraphs');
    platform = await startPlatform({
      seed: { users: opts.users, videos: opts.videos, uploaders: 20 },
      runtime: opts.runtime,
      ...(opts.profileSubgraphs ? { subgraphNodeArgs: (name: string) => ['--cpu-prof', `--cpu-prof-dir=${path.join(subgraphProfileDir, name)}`] } : {}),
      log,
      forwardOutput: opts.serviceOutput,
    });
    const p = platform;
    const viewers: Viewer[] = await Promise.all(
      p.catalog.users.slice(0, opts.users).map(async (u, i) => {
        const claims = { userId: u.id, roles: [] as string[], familyId: randomUUID() };
        return {
          userId: u.id,
          accessToken: (await signAccessToken(p.secrets.JWT_ACCESS_SECRET, claims, 4 * 3600)).token,
          identity: await signInternalIdentity(p.secrets.INTERNAL_IDENTITY_SECRET, claims, `bench-viewer-${i}`, { ttlSeconds: 24 * 3600 }),
        };
      }),
    );
    const viewerOf = (connection: number) => viewers[connection % viewers.length]!;
    const preSigned = (c: number) => ({ 'x-internal-identity': viewerOf(c).identity });
    const headersFor: Record<Gateway, (c: number) => Record<string, string>> = {
      ours: (c) => ({ authorization: `Bearer ${viewerOf(c).accessToken}` }),
      hive: preSigned,
      hiveRust: preSigned,
      grafbase: preSigned,
    };
    const workload: Workload = WORKLOADS[opts.query];
    const gatewayLoad = (gw: Gateway) => ({ body: JSON.stringify({ query: workload.query }), headersFor: headersFor[gw], check: (parsed: unknown) => checkAnswer(workload, parsed) });
    // The plan's fetches as the subgraphs see them, for the direct runs (the ceiling).
    const directs = await workload.directs((subgraph, body) => post(p.subgraphs[subgraph].url, body, preSigned(0)));

    const rows: Row[] = [];
    const measure = async (mode: string, label: string, target: { body: string; headersFor: (c: number) => Record<string, string>; check: (parsed: unknown) => string | null }, url: string, gatewayPid?: number): Promise<Row> => {
      const first = await post(url, JSON.parse(target.body) as Record<string, unknown>, target.headersFor(0));
      const problem = target.check(first);
      if (problem) throw new Error(`${label}: the first answer is wrong (${problem}): ${JSON.stringify(first).slice(0, 500)}`);
      const load = { url, connections: opts.connections, ...target };
      if (opts.warmup > 0) {
        log(`${label}: warm-up ${opts.warmup} s`);
        await runLoad({ ...load, durationSeconds: opts.warmup });
      }
      if (interrupted) throw new Error('interrupted');
      // The gateway's whole process tree: our cluster primary and its workers.
      const meter = new CpuMeter(
        {
          gateway: gatewayPid,
          user: p.subgraphs.user.pid,
          video: p.subgraphs.video.pid,
          chat: p.subgraphs.chat.pid,
          search: p.subgraphs.search.pid,
          redis: p.redisPid,
          bench: undefined,
        },
        ['gateway'],
      );
      const before = await p.subgraphRequests();
      meter.mark();
      const machineBefore = machineBusySeconds();
      log(`${label}: ${opts.duration} s at ${opts.connections} connections`);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const result = await runLoad({ ...load, durationSeconds: opts.duration });
      const toUs = Number(process.hrtime.bigint() / 1000n);
      const cpu = meter.since();
      const machine = machineBusySeconds() - machineBefore;
      const after = await p.subgraphRequests();
      if (interrupted) throw new Error('interrupted');
      const subgraphRequests = (after.user - before.user) + (after.video - before.video) + (after.chat - before.chat) + (after.search - before.search);
      const pct = (s: number) => (100 * s) / result.seconds;
      const row: Row = {
        window: { fromUs, toUs },
        mode,
        target: label,
        load: result,
        subgraphRequestsPerQuery: subgraphRequests / result.responses,
        cpu: {
          gateway: gatewayPid === undefined ? Number.NaN : pct(cpu.gateway!),
          subgraphs: pct(cpu.user! + cpu.video! + cpu.chat! + cpu.search!),
          redis: pct(cpu.redis!),
          bench: pct(cpu.bench!),
          // Everything the machine did that none of our processes did: other work sharing the cores.
          others: pct(machine - Object.values(cpu).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0)),
        },
      };
      log(`${label}: ${fmt(result.rps, 0)} req/s, p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, errors ${result.errors}`);
      rows.push(row);
      return row;
    };

    const ours = `ours (@apollo/gateway + undici fetcher)`;
    /** Our rows' targets: one per GATEWAY_WORKERS value (a cluster's workers are the primary's children). */
    const oursTarget = (workers: string, children: number) => `ours, GATEWAY_WORKERS=${workers}: ${children === 0 ? '1 process' : `${children} workers + primary`}`;
    const oursTargets: string[] = [];
    const labels: Record<Peer, string> = {
      grafbase: `Grafbase ${PEER_VERSIONS['@grafbase/cli-x86_64-unknown-linux-musl']} (Rust)`,
      hiveRust: `Hive Gateway ${PEER_VERSIONS['@graphql-hive/gateway']} + Rust planner ${PEER_VERSIONS['@graphql-hive/router-runtime']}`,
      hive: `Hive Gateway ${PEER_VERSIONS['@graphql-hive/gateway']}`,
    };
    const startPeer = (peer: Peer, dedupe: boolean) =>
      peer === 'grafbase' ? p.startGrafbase({ bin: grafbaseBin(), dedupe }) : p.startHive({ bin: hiveGatewayBin(), dedupe, routerRuntime: peer === 'hiveRust' });
    const direct: Row[] = [];
    for (const d of directs) direct.push(await measure('-', `${d.subgraph} subgraph directly`, { body: d.body, headersFor: preSigned, check: d.check }, p.subgraphs[d.subgraph].url));

    const modes = opts.mergeOff ? (['on', 'off'] as const) : (['on'] as const);
    for (let rep = 1; rep <= opts.repeat; rep++) {
      for (const mode of modes) {
        const label = opts.repeat > 1 ? `merge ${mode} #${rep}` : `merge ${mode}`;
        // Each gateway fresh for each measurement; the order alternates between rounds, so that neither side always runs first.
        const order: (Peer | { workers: string })[] = [...opts.workers.map((workers) => ({ workers })), ...opts.peers];
        if (rep % 2 === 0) order.reverse();
        for (const who of order) {
          if (typeof who === 'object') {
            gateway = await p.startGateway({ env: { GATEWAY_MERGE_INFLIGHT: mode === 'on' ? 'true' : 'false', GATEWAY_WORKERS: who.workers } });
            // Ready means one worker answered; the others are forked at once and listen within moments of it.
            const target = oursTarget(who.workers, descendantPids(gateway.pid).length);
            if (!oursTargets.includes(target)) oursTargets.push(target);
            await measure(label, target, gatewayLoad('ours'), gateway.url, gateway.pid);
          } else {
            gateway = await startPeer(who, mode === 'on');
            await measure(label, labels[who], gatewayLoad(who), gateway.url, gateway.pid);
          }
          await gateway.stop();
          gateway = undefined;
        }
      }
    }

    let profileText: string | undefined;
    if (opts.profile) {
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
      gateway = await p.startGateway({ env: { GATEWAY_MERGE_INFLIGHT: 'true', GATEWAY_WORKERS: '1' }, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
      const profiled = await measure('merge on', `${ours}, under --cpu-prof`, gatewayLoad('ours'), gateway.url, gateway.pid);
      rows.pop(); // reported with the profile, not in the comparison (profiling slows it down)
      await gateway.stop();
      await gateway.exited;
      gateway = undefined;
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
      // Kept (git-ignored) for a closer look: Chrome DevTools > Performance, or speedscope.
      const kept = path.join(ROOT, 'bench', '.work', `gateway-${started.toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      mkdirSync(path.dirname(kept), { recursive: true });
      copyFileSync(path.join(profileDir, file), kept);
      profileText = [
        `CPU profile of our gateway's process (merge on, ${opts.connections} connections, ${opts.duration} s; ${fmt(profiled.load.rps, 0)} req/s while profiled, p50 ${fmt(profiled.load.p50)} ms):`,
        formatProfile(summarizeProfile(path.join(profileDir, file), ROOT, { top: 15, window: profiled.window })),
        `profile kept in ${path.relative(ROOT, kept)}`,
      ].join('\n');
    }

    if (opts.profileSubgraphs) {
      // The subgraphs write their profiles when they exit.
      await p.stop();
      for (const [name, row] of [['video', direct.find((r) => r.target.startsWith('video'))!], ['user', direct.find((r) => r.target.startsWith('user'))!]] as const) {
        const dir = path.join(subgraphProfileDir, name);
        const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
        if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
        const kept = path.join(ROOT, 'bench', '.work', `gateway-${started.toISOString().replace(/[:.]/g, '-')}-${name}.cpuprofile`);
        copyFileSync(path.join(dir, file), kept);
        profileText = [
          profileText ?? '',
          `CPU profile of the ${name} subgraph's process over its direct run (${fmt(row.load.rps, 0)} req/s while profiled):`,
          formatProfile(summarizeProfile(path.join(dir, file), ROOT, { top: 15, window: row.window })),
          `profile kept in ${path.relative(ROOT, kept)}`,
          '',
        ].join('\n');
      }
    }

    // Report.
    const compared = rows.filter((r) => r.mode !== '-');
    const table = formatTable(
      ['mode', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'subgraph req/query', 'gateway CPU %', 'gateway CPU ms/query', 'subgraphs CPU %', 'redis CPU %', 'bench CPU %', 'others CPU %'],
      [...compared, ...direct].map((r) => [
        r.mode,
        r.target,
        fmt(r.load.rps, 0),
        fmt(r.load.p50, 1),
        fmt(r.load.p99, 1),
        String(r.load.errors),
        fmt(r.subgraphRequestsPerQuery, 2),
        fmt(r.cpu.gateway, 0),
        fmt((r.cpu.gateway * 10) / r.load.rps, 2),
        fmt(r.cpu.subgraphs, 0),
        fmt(r.cpu.redis, 0),
        fmt(r.cpu.bench, 0),
        fmt(r.cpu.others, 0),
      ]),
    );
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const medianOf = (mode: string, target: string, pick: (l: LoadResult) => number) =>
      median(compared.filter((r) => r.mode.startsWith(mode) && r.target === target).map((r) => pick(r.load)));
    const ratioLine = (mode: string) =>
      oursTargets
        .flatMap((target) =>
          opts.peers.map((peer) => {
            const q = (pick: (l: LoadResult) => number) => fmt(medianOf(mode, target, pick) / medianOf(mode, labels[peer], pick), 2);
            return `${target} / ${labels[peer]}: req/s ${q((l) => l.rps)}x, p50 ${q((l) => l.p50)}x, p99 ${q((l) => l.p99)}x`;
          }),
        )
        .join('\n');
    const slowest = direct.reduce((a, b) => (b.load.rps < a.load.rps ? b : a));
    const ceilingLine = modes
      .flatMap((mode) => [...oursTargets, ...opts.peers.map((x) => labels[x])].map((t) => `${mode === 'on' ? '' : 'merge off '}${t} ${fmt((100 * medianOf(`merge ${mode}`, t, (l) => l.rps)) / slowest.load.rps, 0)}%`))
      .join(', ');
    const lines = [
      `gateway throughput (--query ${opts.query}): ${JSON.stringify(workload.query)}`,
      `${opts.connections} connections (${viewers.length} users, each connection its own user's credentials), ${opts.duration} s per target after ${opts.warmup} s warm-up; ${opts.videos} videos by 20 uploaders; services ${opts.runtime}, NODE_ENV=production, one process each (ours: per GATEWAY_WORKERS); ${ours}`,
      '',
      table,
      '',
      `ratios${opts.repeat > 1 ? ` (medians of ${opts.repeat} rounds)` : ''}, merge on:`,
      ratioLine('merge on'),
      ...(opts.mergeOff ? ['ratios, merge off:', ratioLine('merge off')] : []),
      `ceiling: the slowest subgraph directly is the ${slowest.target.replace(' directly', '')} (${fmt(slowest.load.rps, 0)} req/s); share of it reached: ${ceilingLine}`,
      'per request: ours checks the bearer token (a JWT verified once per token, then looked up until it expires), checks that its session is not revoked (Redis EXISTS once per session and every 5 s; revocations arrive by pub/sub), and attaches the viewer\'s internal identity (signed once per viewer, re-signed every ~40 s); the peers forward the client\'s pre-signed x-internal-identity header. The subgraphs verify the identity on every request either way.',
      `subgraph req/query: requests the four subgraphs served during the run / responses (${directs.length} = ${directs.map((d) => `one ${d.subgraph} fetch`).join(' + ')} per query; below = merged, shared between viewers or answered from the entity cache).`,
      `CPU %: CPU time of the process(es) / wall time (100% = one core; the machine has ${os.cpus().length}); others: the machine's busy time (/proc/stat) minus all of ours, i.e. other work sharing the cores during the run (near 0 = undisturbed). gateway CPU ms/query: the gateway's CPU time / responses.`,
    ];
    const failures = rows.filter((r) => r.load.errors > 0);
    for (const r of failures) {
      lines.push(`errors in ${r.mode} ${r.target}: non-2xx ${r.load.non2xx}, socket ${r.load.socketErrors}, timeouts ${r.load.timeouts}, GraphQL ${r.load.graphqlErrors}; e.g. ${r.load.examples.join(' | ')}`);
    }
    lines.push(`bodies checked in full: ${rows.map((r) => r.load.sampled).reduce((a, b) => a + b, 0)} (every 50th 2xx body of every run; every 2xx body is searched for "errors")`);
    const tree = treeLine(ROOT);
    if (tree) lines.push(tree);
    lines.push(machineLine({ date: started, loadBefore }));
    process.stdout.write(`${lines.join('\n')}\n`);
    if (profileText) process.stdout.write(`\n${profileText}\n`);
    return failures.length ? 1 : 0;
  } finally {
    await gateway?.stop();
    await platform?.stop();
    rmSync(profileDir, { recursive: true, force: true });
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

async function post(url: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { status: res.status, body: text };
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`gateway benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
