/**
 * Fuzzing benchmark: the fuzzer of test/fuzz.test.ts (test/fuzz/), for as
 * many inputs as asked, against the platform as deployed.
 *
 *   node --import tsx bench/fuzz.ts [--runs 2000] [--seed 20261126] [--concurrency 2] [--timeout 10000] [--no-stalling]
 *
 * The services run as `npm start` runs them — compiled, NODE_ENV=production,
 * one process each (bench/lib/services.ts) — so that a crash is a process
 * that exits or stops answering, and each service's memory can be watched.
 * Three users and two videos are seeded through the stores; the rest of the
 * world (conversations, comments, folders, an upload) is made through the API
 * (test/fuzz/world.ts). Then `--runs` generated inputs are sent through the
 * gateway: operations over JSON HTTP (60%), malformed envelopes (12%),
 * malformed multipart requests (14%) and graphql-ws conversations (14%), as
 * an anonymous and as a signed-in user. Every 50 inputs and at the end, every
 * service's /ready and an ordinary query must answer; after the run, the
 * owner's sentinels must read back as before.
 *
 * Prints the answers by transport, HTTP status (or socket close code) and
 * `extensions.code`; the problems (5xx, bodies that are not JSON, errors
 * without a code, INTERNAL_SERVER_ERROR, no answer, crashes: goal 0 each)
 * with the first inputs that caused them; the slowest answers; each
 * service's peak RSS; and the machine. Asserts no time. Exits 1 when any
 * problem was found or the sentinels changed.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseArgs } from 'node:util';
import { signAccessToken } from '../lib/auth/tokens.js';
import { SUBGRAPHS } from '../lib/config.js';
import { PROBLEMS, TRANSPORTS, answerRows, type FuzzReport } from '../test/fuzz/report.js';
import { httpLiveness, runFuzz } from '../test/fuzz/runner.js';
import { prepareWorld } from '../test/fuzz/world.js';
import { intOption, progressLogger } from './lib/client.js';
import { treeLine } from './lib/machine.js';
import { ROOT } from './lib/peers.js';
import { peakSampler, rssBytes } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { buildServices, startPlatform, type Platform, type ServiceProcess } from './lib/services.js';

interface Options {
  /** Inputs in all. @default 2000 */
  runs: number;
  /** The generators' seed: the same seed sends the same inputs. @default 20261126 */
  seed: number;
  /** Inputs in flight at once. @default 2 */
  concurrency: number;
  /** An HTTP answer later than this counts as no answer. @default 10000 ms */
  timeoutMs: number;
  /** Send the multipart maps known to hang a request (test/fuzz/multipart.ts). @default true */
  stalling: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '20261126' },
      concurrency: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '10000' },
      'no-stalling': { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    runs: intOption(values, 'runs', 4),
    seed: intOption(values, 'seed', 0),
    concurrency: intOption(values, 'concurrency', 1),
    timeoutMs: intOption(values, 'timeout', 100),
    stalling: !values['no-stalling'],
  };
}

/** How `--runs` is shared among the transports. */
function split(runs: number): { http: number; envelope: number; multipart: number; ws: number } {
  const envelope = Math.round(runs * 0.12);
  const multipart = Math.round(runs * 0.14);
  const ws = Math.round(runs * 0.14);
  return { http: runs - envelope - multipart - ws, envelope, multipart, ws };
}

const MiB = 1024 * 1024;

async function main(): Promise<number> {
  const opts = options();
  const log = progressLogger();
  const loadBefore = loadNow();
  const started = new Date();
  buildServices(log);

  let platform: Platform | undefined;
  let gateway: ServiceProcess | undefined;
  try {
    platform = await startPlatform({ seed: { users: 3, videos: 2, uploaders: 2, prefix: 'fuzz' }, log });
    gateway = await platform.startGateway();
    const p = platform;
    const services: Record<string, ServiceProcess> = { gateway, ...p.subgraphs };

    // A service that exits is a crash whatever else answers.
    const exits: string[] = [];
    for (const [name, s] of Object.entries(services)) void s.exited.then(({ code, signal }) => exits.push(`${name} exited (${signal ?? `code ${code}`})`));
    const ready = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, new URL('/ready', s.url).href]));
    const answering = httpLiveness(gateway.url, ready);
    const liveness = async () => [...exits, ...(await answering())];

    const [owner, fuzzer, peer] = p.catalog.users;
    const [ownerVideo, fuzzerVideo] = p.catalog.videos;
    const tokenFor = async (userId: string) => (await signAccessToken(p.secrets.JWT_ACCESS_SECRET, { userId, roles: [] }, 4 * 3600)).token;
    log('making the world the fuzzer aims at, through the API');
    const world = await prepareWorld({
      url: gateway.url,
      users: { owner: owner!, fuzzer: fuzzer!, peer: peer! },
      videos: { owner: ownerVideo!.id, fuzzer: fuzzerVideo!.id },
      tokenFor,
    });
    const before = await world.snapshot();

    const samplers = Object.fromEntries(Object.entries({ ...services, redis: { pid: p.redisPid } }).map(([name, s]) => [name, peakSampler(() => rssBytes(s.pid))]));
    const counts = split(opts.runs);
    log(`fuzzing: ${opts.runs} inputs, seed ${opts.seed}, ${opts.concurrency} in flight`);
    const report = await runFuzz(
      { url: gateway.url, userToken: world.fuzzerToken, known: world.known, liveness },
      { seed: opts.seed, ...counts, concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, stallingMaps: opts.stalling, progress: log },
    );
    const peaks = Object.fromEntries(Object.entries(samplers).map(([name, s]) => [name, s.stop()]));
    const after = await world.snapshot().catch((err: unknown) => ({ error: String(err) }));
    const intact = isDeepStrictEqual(before, after);

    const lines = print(report, opts, { intact, peaks, exits, gatewayUrl: gateway.url });
    const tree = treeLine(ROOT);
    if (tree) lines.push(tree);
    lines.push(machineLine({ date: started, loadBefore }));
    process.stdout.write(`${lines.join('\n')}\n`);
    const problems = PROBLEMS.reduce((n, problem) => n + report.problems[problem], report.problems.crash);
    return problems === 0 && intact ? 0 : 1;
  } finally {
    await gateway?.stop();
    await platform?.stop();
  }
}

function print(report: FuzzReport, opts: Options, extra: { intact: boolean; peaks: Record<string, number>; exits: string[]; gatewayUrl: string }): string[] {
  const perTransport = formatTable(
    ['transport', 'inputs', ...PROBLEMS, 'p50 ms', 'p99 ms', 'max ms'],
    TRANSPORTS.map((t) => {
      const ms = [...report.latencies[t]].sort((a, b) => a - b);
      return [t, String(report.byTransport[t]), ...PROBLEMS.map((p) => String(report.problemsByTransport[t][p])), fmt(percentile(ms, 50), 1), fmt(percentile(ms, 99), 1), fmt(ms.at(-1) ?? Number.NaN, 0)];
    }),
  );
  const answers = formatTable(['transport', 'answer (HTTP status or socket state, first extensions.code)', 'count'], answerRows(report));
  const codes = formatTable(
    ['extensions.code', 'errors'],
    Object.entries(report.codes)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => [c, String(n)]),
  );
  const services = ['gateway', ...SUBGRAPHS, 'redis'];
  const rss = formatTable(
    ['process', ...services],
    [['peak RSS MiB', ...services.map((s) => fmt((extra.peaks[s] ?? Number.NaN) / MiB, 0))]],
  );
  const lines = [
    `fuzzing the public API through the gateway: seed ${report.seed}, ${report.inputs} inputs (${TRANSPORTS.map((t) => `${t} ${report.byTransport[t]}`).join(', ')}; ${report.wsFrames} WebSocket frames), ${opts.concurrency} in flight, HTTP answers later than ${opts.timeoutMs} ms count as none${opts.stalling ? '' : ', hanging multipart maps left out'}; services compiled, NODE_ENV=production, one process each; ${(report.elapsedMs / 1000).toFixed(0)} s`,
    '',
    perTransport,
    '',
    answers,
    '',
    codes,
    '',
    rss,
    '',
    `crashes: ${report.problems.crash} (liveness checks: ${report.livenessChecks}, each every service's /ready and an ordinary query through the gateway${extra.exits.length ? `; ${extra.exits.join(', ')}` : '; no process exited'})`,
    `retryable answers (UPSTREAM_UNAVAILABLE, REQUEST_TIMEOUT) while every service was up: ${report.retryable}`,
    `state intact: ${extra.intact ? 'yes' : 'NO'} (the owner's user, video, comment, folder, conversation, messages and group, read back as the owner)`,
  ];
  if (report.slowest) lines.push(`slowest answer: ${fmt(report.slowest.ms, 0)} ms, ${report.slowest.transport}: ${report.slowest.input.slice(0, 200)}`);
  if (report.findings.length) {
    lines.push('', 'findings (the first five per problem and transport; the same --seed and --runs send the same inputs again):');
    const shown = [...PROBLEMS, 'crash' as const, 'retryable' as const].flatMap((p) => TRANSPORTS.flatMap((t) => report.findings.filter((f) => f.problem === p && f.transport === t).slice(0, 5)));
    for (const f of shown) lines.push(`- ${f.problem} [${f.transport} #${f.index}] ${f.answer}: ${f.input.slice(0, 240)} => ${f.detail.slice(0, 300)}`);
  }
  return lines;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fuzz benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
