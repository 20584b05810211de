/**
 * Chat fan-out benchmark: how fast, and how completely, a message reaches many
 * live subscribers, through the gateway and straight from the chat subgraph.
 *
 *   node --import tsx bench/chat.ts [--subscribers 1000] [--messages 200] [--rounds 1] [--gateway-workers 1|N|auto] [--topology processes|one-process] [--profile]
 *
 * Set-up. The platform runs in other processes than this load generator: as
 * deployed, the gateway and each subgraph in its own, or with `--topology
 * one-process` the test harness's stack in one child (bench/lib/topology.ts).
 * One sender and N subscribers register through the gateway (real accounts).
 * Groups hold at most 200 members, the sender included, so the subscribers are
 * spread over G = ceil(N / 199) groups owned by the sender. Message i goes to
 * group i mod G: every send is a real group fan-out to about N/G subscribers,
 * and a slow subscriber or group shows up in the tail.
 *
 * Two phases, same subscribers, same sends (always through the gateway, over
 * HTTP, so the send path is the same in both):
 *  1. gateway: N graphql-ws clients on the gateway select
 *     `message { seq text sender { displayName } }`; each subscriber has its
 *     own upstream subscription (on the gateway's shared socket to the chat
 *     subgraph, naming its viewer), and the gateway's subscription bridge
 *     resolves each event with an entity fetch to the user subgraph
 *     (displayName is @viewerIndependent, so one resolution of an event answers
 *     all its subscribers, gateway/sharedEvents.ts);
 *  2. chat subgraph: the same N clients connect to the chat subgraph's ws
 *     endpoint with an internal identity (what the gateway would send) and select
 *     `sender { id }`: the subgraph alone cannot resolve displayName (a user
 *     subgraph field), so this is the floor under phase 1, not the same query.
 *
 * Latency is receive time minus send time, both read here, the send time
 * carried in the message text: it includes storage, the Redis pub/sub hop, the
 * bridge and this process's own event loop, on a machine that also runs the
 * servers, so compare runs on the same machine only.
 *
 * The script prints a table and the machine; it asserts no timing. It exits 1
 * when any delivery is missing.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { print, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { gql, must, now, pool, register, sleep, type Account, type GqlResult } from './lib/client.js';
import { formatProfilesOf } from './lib/cpuprofile.js';
import { CpuMeter } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { gatewayWorkersOption, startBenchPlatform, topologyOption, type BenchPlatform, type Topology } from './lib/topology.js';
import { describeWsError, eagerWsClient } from './lib/ws.js';
import { ChatMessageSenderIdsDocument, CreateChatGroupDocument, MessageEventsWithSenderDocument, SendMessageDocument } from '../testing/__generated__/operations.js';

/** Members per group besides the sender (subgraphs/chat/conversations.ts: MAX_GROUP_MEMBERS = 200, owner included). */
const SUBSCRIBERS_PER_GROUP = 199;
const SENDER_NAME = 'Bench Sender';

interface Options {
  /** Live subscribers. @default 1000 */
  subscribers: number;
  /** Messages sent and measured per phase. @default 200 */
  messages: number;
  /** Warm-up rounds (one message to every group) before measuring; more run if some subscriptions are not live yet. @default 3 */
  warmup: number;
  /** sendMessage calls in flight at once. 1 sends sequentially. @default 1 */
  concurrency: number;
  /** Sockets opened at once; the next batch waits until this one is connected, so set-up does not swamp 2 cores. @default 100 */
  connectBatch: number;
  /** Registrations in flight at once (each costs an argon2 hash on the user subgraph). @default 8 */
  registerConcurrency: number;
  /** Give up waiting for deliveries after this long without a new one. @default 30000 ms */
  idleTimeoutMs: number;
  /** Run the gateway and the chat and user subgraphs (or the one stack process) under --cpu-prof and summarize each phase's measured interval. @default false */
  profile: boolean;
  /** Where the services run (bench/lib/topology.ts). @default processes: one process each, as deployed */
  topology: Topology;
  /**
   * Both phases this many times on the same stack, users and groups, the
   * order swapped every round (gateway first in odd rounds): a ratio per round
   * and their median, so that one slow moment of the machine moves one round
   * and not the result. @default 1
   */
  rounds: number;
  /** GATEWAY_WORKERS of the gateway (`processes` only): 1 is like for like with the one chat subgraph process, `auto` what a deployment gets. @default 1 */
  gatewayWorkers: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      messages: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '1' },
      'connect-batch': { type: 'string', default: '100' },
      'register-concurrency': { type: 'string', default: '8' },
      'idle-timeout': { type: 'string', default: '30000' },
      profile: { type: 'boolean', default: false },
      topology: { type: 'string', default: 'processes' },
      rounds: { type: 'string', default: '1' },
      'gateway-workers': { type: 'string', default: '1' },
    },
    strict: true,
  });
  const int = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got ${values[name]})`);
    return n;
  };
  return {
    subscribers: int('subscribers', 1),
    messages: int('messages', 1),
    warmup: int('warmup', 1),
    concurrency: int('concurrency', 1),
    connectBatch: int('connect-batch', 1),
    registerConcurrency: int('register-concurrency', 1),
    idleTimeoutMs: int('idle-timeout', 1000),
    profile: values.profile,
    topology: topologyOption(values.topology),
    rounds: int('rounds', 1),
    gatewayWorkers: gatewayWorkersOption(values['gateway-workers'] ?? '1', '--gateway-workers'),
  };
}

/* ---------------------------------------------------------------- set-up */

interface Subscriber extends Account {
  group: number;
}
interface World {
  sender: Account;
  subscribers: Subscriber[];
  /** Conversation ids, and how many subscribers each holds. */
  groups: { id: string; size: number }[];
}


async function buildWorld(stack: BenchPlatform, opts: Options): Promise<World> {
  const url = stack.gatewayUrl;
  const sender = await register(url, 'bench_sender', SENDER_NAME);
  const accounts = await pool(
    Array.from({ length: opts.subscribers }, (_, i) => i),
    opts.registerConcurrency,
    (i) => register(url, `bench_u${String(i).padStart(5, '0')}`, `Subscriber ${i}`),
  );
  // Even spread: sizes differ by at most one, so every send fans out to about N/G.
  const groupCount = Math.ceil(opts.subscribers / SUBSCRIBERS_PER_GROUP);
  const subscribers = accounts.map((a, i) => ({ ...a, group: i % groupCount }));
  const groups: World['groups'] = [];
  for (let g = 0; g < groupCount; g++) {
    const members = subscribers.filter((s) => s.group === g);
    const data = must('createGroup', await gql(url, CreateChatGroupDocument, { title: `bench ${g}`, memberIds: members.map((m) => m.id) }, { token: sender.token }));
    if (data.createGroup.members.length !== members.length + 1) throw new Error(`group ${g} has ${data.createGroup.members.length} members, expected ${members.length + 1}`);
    groups.push({ id: data.createGroup.id, size: members.length });
  }
  return { sender, subscribers, groups };
}

/* ---------------------------------------------------------------- phases */

interface Phase {
  name: string;
  /** The `messageEvents` selection, as the report shows it. */
  selection: string;
  /** The subscription document, printed. */
  query: string;
  /** A graphql-ws client for this subscriber on this phase's endpoint (not connected yet). */
  client(sub: Subscriber, onConnectError: (err: unknown) => void): Client;
  /** Whether the event's sender is the one expected (the field this phase selects). */
  senderOk(sender: { id?: string; displayName?: string } | undefined, world: World): boolean;
}

interface EventData {
  messageEvents: { message: { seq: number; text: string | null; sender?: { id?: string; displayName?: string } } | null };
}

/** What one subscriber saw in one phase. */
interface Tally {
  /** Measured messages received, by index (a second arrival is a duplicate). */
  seen: Uint8Array;
  lastSeq: number;
  /** Highest warm-up round received. */
  warmRound: number;
  /** The subscription errored or completed: nothing more will come. */
  ended: boolean;
}

interface PhaseResult {
  name: string;
  /** Which round of `--rounds` it belongs to, from 1. */
  round: number;
  selection: string;
  subscribers: number;
  messages: number;
  expected: number;
  received: number;
  latencies: number[];
  sendLatencies: number[];
  deliveriesPerSecond: number;
  errors: Record<string, number>;
  samples: string[];
  warmupRounds: number;
  after?: string;
  /** The measured interval on the monotonic clock (µs), as CPU profile samples are stamped. */
  window: { fromUs: number; toUs: number };
  /** CPU milliseconds per 1,000 deliveries over the measured interval, per process (bench/lib/proc.ts): what a delivery costs, which moves less than throughput when the machine is busy. */
  cpuPerThousand: Record<string, number>;
}

/** Message text: phase tag, kind (w = warm-up round, m = measured index), number, send time in ms since the epoch. */
const text = (tag: string, kind: 'w' | 'm', n: number) => `bench:${tag}:${kind}:${n}:${now().toFixed(3)}`;

async function runPhase(stack: BenchPlatform, world: World, opts: Options, phase: Phase, tag: string, cpu: CpuMeter, progress: (s: string) => void): Promise<Omit<PhaseResult, 'round'>> {
  const { subscribers, groups } = world;
  const errors: Record<string, number> = {};
  const samples: string[] = [];
  const error = (kind: string, detail: unknown) => {
    errors[kind] = (errors[kind] ?? 0) + 1;
    if (samples.length < 5) samples.push(`${kind}: ${typeof detail === 'string' ? detail : JSON.stringify(detail) ?? String(detail)}`.slice(0, 300));
  };
  const tallies: Tally[] = subscribers.map(() => ({ seen: new Uint8Array(opts.messages), lastSeq: 0, warmRound: -1, ended: false }));
  const latencies: number[] = [];
  let received = 0;
  let lastReceiveAt = 0;

  const onEvent = (i: number, result: { data?: EventData | null; errors?: readonly { message: string }[] }) => {
    const at = now();
    if (result.errors?.length) error('event errors', result.errors[0]!.message);
    const message = result.data?.messageEvents.message;
    if (!message?.text) return;
    const [b, t, kind, n, sentAt] = message.text.split(':');
    if (b !== 'bench' || t !== tag) return error('stray events', message.text);
    const tally = tallies[i]!;
    // Each subscriber is in one conversation, so its seqs form one increasing series.
    if (message.seq <= tally.lastSeq) error('out of order', `subscriber ${i}: seq ${message.seq} after ${tally.lastSeq}`);
    tally.lastSeq = message.seq;
    if (!phase.senderOk(message.sender, world)) error('wrong sender', message.sender);
    if (kind === 'w') {
      tally.warmRound = Math.max(tally.warmRound, Number(n));
      return;
    }
    const index = Number(n);
    if (tally.seen[index]) return error('duplicates', `subscriber ${i}, message ${index}`);
    tally.seen[index] = 1;
    received++;
    lastReceiveAt = at;
    latencies.push(at - Number(sentAt));
  };

  progress(`${phase.name}: connecting ${subscribers.length} subscribers`);
  // Connect in batches: each batch is connected (connection_ack) before the next opens.
  const clients: Client[] = [];
  let stopping = false;
  for (let start = 0; start < subscribers.length; start += opts.connectBatch) {
    const batch = subscribers.slice(start, start + opts.connectBatch);
    await Promise.all(
      batch.map(
        (sub, j) =>
          new Promise<void>((resolve) => {
            const i = start + j;
            let settled = false;
            const done = () => {
              if (settled) return;
              settled = true;
              resolve();
            };
            const client = phase.client(sub, (err) => {
              error('connect errors', `subscriber ${i}: ${describeWsError(err)}`);
              done();
            });
            clients.push(client);
            client.on('connected', done);
            client.on('closed', done);
            client.subscribe<EventData>(
              { query: phase.query },
              {
                next: (r) => onEvent(i, r as { data?: EventData | null; errors?: readonly { message: string }[] }),
                error: (e) => {
                  tallies[i]!.ended = true;
                  error('subscription ended', `subscriber ${i}: ${describeWsError(e)}`);
                },
                complete: () => {
                  tallies[i]!.ended = true;
                  if (!stopping) error('subscription ended', `subscriber ${i}: completed by the server`);
                },
              },
            );
          }),
      ),
    );
  }

  const send = async (group: number, body: string) => {
    const t0 = now();
    const r = await gql(stack.gatewayUrl, SendMessageDocument, { conversationId: groups[group]!.id, text: body }, { token: world.sender.token }).catch((err: unknown) => ({ errors: [{ message: String(err) }] }) as GqlResult<never>);
    if (r.errors?.length) error('send errors', r.errors[0]!.message);
    return now() - t0;
  };

  // Warm-up: a subscription is live once the chat subgraph listens on Redis, which
  // graphql-ws does not acknowledge. A round (one message per group) that every
  // subscriber receives proves it; rounds go on until `warmup` of them have been
  // sent and the last one reached everybody, or until it is hopeless.
  const maxRounds = opts.warmup + 20;
  const liveFor = (r: number) => tallies.every((t) => t.ended || t.warmRound >= r);
  let round = 0;
  for (; ; round++) {
    const r = round;
    const t0 = Date.now();
    for (let g = 0; g < groups.length; g++) await send(g, text(tag, 'w', r));
    // Wait while deliveries progress; a subscriber not live yet gets the next round.
    await waitFor(() => liveFor(r), () => tallies.reduce((n, t) => n + t.warmRound, 0), 60_000, 2_000);
    progress(`${phase.name}: warm-up round ${r} reached ${tallies.filter((t) => t.warmRound >= r).length}/${tallies.length} in ${Date.now() - t0} ms`);
    if ((round + 1 >= opts.warmup && liveFor(round)) || round + 1 >= maxRounds) break;
  }
  const notLive = tallies.filter((t) => !t.ended && t.warmRound < round).length;
  if (notLive) error('not live after warm-up', `${notLive} subscribers missed warm-up round ${round}`);

  // Measure.
  progress(`${phase.name}: measuring`);
  const expected = Array.from({ length: opts.messages }, (_, i) => groups[i % groups.length]!.size).reduce((a, b) => a + b, 0);
  const firstSendAt = now();
  const fromUs = monotonicUs();
  cpu.mark();
  const sendLatencies = await pool(
    Array.from({ length: opts.messages }, (_, i) => i),
    opts.concurrency,
    (i) => send(i % groups.length, text(tag, 'm', i)),
  );
  await waitFor(() => received >= expected, () => received, undefined, opts.idleTimeoutMs);
  const cpuSeconds = cpu.since();
  const wallMs = lastReceiveAt - firstSendAt;
  const window = { fromUs, toUs: fromUs + wallMs * 1000 };

  // Tear down in batches too; `settle` then waits for the servers to finish closing.
  stopping = true;
  for (let start = 0; start < clients.length; start += opts.connectBatch) {
    await Promise.all(clients.slice(start, start + opts.connectBatch).map((c) => c.dispose()));
  }

  return {
    name: phase.name,
    selection: phase.selection,
    subscribers: subscribers.length,
    messages: opts.messages,
    expected,
    received,
    latencies: latencies.sort((a, b) => a - b),
    sendLatencies: sendLatencies.sort((a, b) => a - b),
    deliveriesPerSecond: wallMs > 0 ? received / (wallMs / 1000) : Number.NaN,
    errors,
    samples,
    warmupRounds: round + 1,
    window,
    cpuPerThousand: Object.fromEntries(Object.entries(cpuSeconds).map(([label, seconds]) => [label, received ? (seconds * 1000 * 1000) / received : Number.NaN])),
  };
}

/**
 * Polls `done` every 20 ms. Gives up after `timeoutMs` in all, or after
 * `idleMs` without `progress()` changing, whichever comes first.
 */
async function waitFor(done: () => boolean, progress: () => number, timeoutMs = Number.POSITIVE_INFINITY, idleMs = Number.POSITIVE_INFINITY): Promise<boolean> {
  const start = Date.now();
  let last = progress();
  let lastChange = start;
  while (!done()) {
    if (Date.now() - start > timeoutMs || Date.now() - lastChange > idleMs) return false;
    await sleep(20);
    const p = progress();
    if (p !== last) {
      last = p;
      lastChange = Date.now();
    }
  }
  return true;
}

function gatewayPhase(stack: BenchPlatform): Phase {
  return {
    name: 'gateway',
    ...subscription(MessageEventsWithSenderDocument),
    client: (sub, onConnectError) =>
      eagerWsClient(stack.gatewayUrl.replace(/^http/, 'ws'), onConnectError, { authorization: `Bearer ${sub.token}` }),
    senderOk: (sender) => sender?.displayName === SENDER_NAME,
  };
}

function subgraphPhase(stack: BenchPlatform): Phase {
  const secret = stack.identitySecret;
  return {
    name: 'chat subgraph',
    ...subscription(ChatMessageSenderIdsDocument),
    client: (sub, onConnectError) =>
      // Signed at connect time, as the gateway's bridge does: the subgraph checks it once, at connection_init.
      eagerWsClient(stack.subgraphUrls.chat.replace(/^http/, 'ws'), onConnectError, async () => ({ internalIdentity: await signInternalIdentity(secret, { userId: sub.id, roles: [] }, randomUUID()) })),
    senderOk: (sender, world) => sender?.id === world.sender.id,
  };
}

/** A phase's subscription: the printed document and its `messageEvents` selection on one line. */
function subscription(document: DocumentNode): Pick<Phase, 'selection' | 'query'> {
  const field = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  const selection = print(field.selectionSet!).replace(/\s+/g, ' ').slice(2, -2);
  return { selection, query: print(document) };
}

/* ---------------------------------------------------------------- report */

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Server-side state that should be back to where it was once every client is gone. */
interface Leftovers {
  /** Redis channels the chat bus still listens on. */
  channels: number;
  /** Users the chat subgraph still counts as online. */
  presence: number;
  rssBytes?: number;
  openFds?: number;
}

async function leftovers(stack: BenchPlatform, redis: Redis): Promise<Leftovers> {
  const channels = ((await redis.pubsub('CHANNELS', 'chat:u:*')) as string[]).length;
  const presence = (await redis.keys('presence:*')).length;
  return { channels, presence, ...stack.resources() };
}

/** How long teardown may take to show in the server processes: idle HTTP keep-alive sockets close after 5 s (Node's default). @default 10 s */
const SETTLE_MS = 10_000;

/**
 * Waits until the stack is back to its state before the phase (no bus channel,
 * nobody online, open descriptors within a few of the baseline) or SETTLE_MS
 * pass, and says how long that took. What is still there after that is a leak
 * worth looking at, not a socket on its way out.
 */
async function settle(stack: BenchPlatform, redis: Redis, baseline: Leftovers): Promise<string> {
  const start = Date.now();
  let current = await leftovers(stack, redis);
  const clean = (l: Leftovers) => l.channels === 0 && l.presence === 0 && (l.openFds === undefined || baseline.openFds === undefined || l.openFds <= baseline.openFds + 10);
  while (!clean(current) && Date.now() - start < SETTLE_MS) {
    await sleep(250);
    current = await leftovers(stack, redis);
  }
  return `${clean(current) ? 'settled' : 'NOT settled'} after ${((Date.now() - start) / 1000).toFixed(1)} s: ${describeLeftovers(current)}`;
}

function describeLeftovers(l: Leftovers): string {
  const proc = l.rssBytes === undefined ? '' : `, servers' RSS ${(l.rssBytes / 1024 ** 2).toFixed(0)} MiB, open fds ${l.openFds}`;
  return `chat bus channels ${l.channels}, presence keys ${l.presence}${proc}`;
}

function printReport(world: World, opts: Options, results: PhaseResult[], before: Leftovers, loadBefore: number): void {
  const header = ['round', 'phase', 'selection', 'subscribers', 'messages', 'expected', 'received', 'p50 ms', 'p99 ms', 'max ms', 'deliveries/s', 'send p50 ms', 'errors'];
  const rows = results.map((r) => [
    String(r.round),
    r.name,
    r.selection,
    String(r.subscribers),
    String(r.messages),
    String(r.expected),
    String(r.received),
    fmt(percentile(r.latencies, 50)),
    fmt(percentile(r.latencies, 99)),
    fmt(r.latencies.at(-1) ?? Number.NaN),
    fmt(r.deliveriesPerSecond, 0),
    fmt(percentile(r.sendLatencies, 50)),
    String(Object.values(r.errors).reduce((a, b) => a + b, 0)),
  ]);
  const sizes = world.groups.map((g) => g.size);
  console.log('');
  console.log(
    `chat fan-out: ${world.subscribers.length} subscribers in ${world.groups.length} group conversation(s) of ${Math.min(...sizes)}-${Math.max(...sizes)} subscribers + the sender; ` +
      `message i goes to group i mod ${world.groups.length}, sent through the gateway, ${opts.concurrency} in flight; ` +
      `gateway workers: ${opts.topology === 'processes' ? opts.gatewayWorkers : '- (one process)'}`,
  );
  console.log('');
  console.log(formatTable(header, rows));
  console.log('');
  console.log('latency: receive time - send time, ms; deliveries/s: deliveries / (last delivery - first send).');
  const labels = [...new Set(results.flatMap((r) => Object.keys(r.cpuPerThousand)))];
  console.log('');
  console.log('CPU ms per 1,000 deliveries, over the measured interval:');
  console.log(
    formatTable(
      ['round', 'phase', ...labels],
      results.map((r) => [String(r.round), r.name, ...labels.map((l) => fmt(r.cpuPerThousand[l] ?? Number.NaN, 0))]),
    ),
  );
  const ratios = roundRatios(results);
  if (ratios.length) {
    console.log('');
    console.log(
      formatTable(
        ['round', 'gateway / chat subgraph deliveries/s', 'gateway p99 ms', 'chat subgraph p99 ms'],
        ratios.map((r) => [String(r.round), fmt(r.ratio, 2), fmt(r.gatewayP99), fmt(r.subgraphP99)]),
      ),
    );
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    console.log(`median of ${ratios.length} round(s): ratio ${fmt(median(ratios.map((r) => r.ratio)), 2)}, gateway p99 ${fmt(median(ratios.map((r) => r.gatewayP99)))} ms, chat subgraph p99 ${fmt(median(ratios.map((r) => r.subgraphP99)))} ms`);
  }
  console.log("chat subgraph phase selects sender { id }: the subgraph alone cannot resolve displayName (a user subgraph field), so it skips the entity fetch the gateway makes per event.");
  for (const r of results) {
    console.log(`round ${r.round}, ${r.name}: warm-up rounds ${r.warmupRounds}; after teardown ${r.after ?? '-'}`);
    for (const [kind, n] of Object.entries(r.errors)) console.log(`  ${kind}: ${n}`);
    for (const s of r.samples) console.log(`  e.g. ${s}`);
  }
  console.log(`before phases: ${describeLeftovers(before)}`);
  console.log(machineLine({ loadBefore }));
}

/** Per round: the gateway's deliveries/s over the chat subgraph's, and both p99s. */
function roundRatios(results: PhaseResult[]): { round: number; ratio: number; gatewayP99: number; subgraphP99: number }[] {
  const rounds = [...new Set(results.map((r) => r.round))];
  return rounds.flatMap((round) => {
    const gateway = results.find((r) => r.round === round && r.name === 'gateway');
    const subgraph = results.find((r) => r.round === round && r.name !== 'gateway');
    if (!gateway || !subgraph) return [];
    return [{ round, ratio: gateway.deliveriesPerSecond / subgraph.deliveriesPerSecond, gatewayP99: percentile(gateway.latencies, 99), subgraphP99: percentile(subgraph.latencies, 99) }];
  });
}

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadNow();
  const t0 = Date.now();
  const profileDir = opts.profile ? mkdtempSync(path.join(tmpdir(), 'chat-bench-prof-')) : undefined;
  const progress = (s: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${s}\n`);
  const stack = await startBenchPlatform(opts.topology, { env: { CHAT_SEND_LIMIT_PER_MINUTE: '1000000' }, log: progress, measured: ['chat', 'user'], gatewayWorkers: opts.gatewayWorkers, ...(profileDir ? { profileDir } : {}) });
  const redis = new Redis(stack.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // Ctrl-C: stop the child in order rather than leave it to notice we are gone.
  const interrupt = () => {
    redis.disconnect();
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  let missing = 0;
  const results: PhaseResult[] = [];
  try {
    await redis.connect();
    progress(`stack up; registering ${opts.subscribers + 1} users`);
    const world = await buildWorld(stack, opts);
    const before = await leftovers(stack, redis);
    progress(`${world.groups.length} groups created`);
    // A gateway with workers counts its primary and every worker.
    const cpu = new CpuMeter({ ...stack.servers, redis: stack.redisPid, bench: process.pid }, ['gateway']);
    const phases = [
      [gatewayPhase(stack), 'g'],
      [subgraphPhase(stack), 's'],
    ] as const;
    for (let round = 1; round <= opts.rounds; round++) {
      for (const [phase, tag] of round % 2 ? phases : [...phases].reverse()) {
        progress(`round ${round}: ${phase.name}`);
        const result = { ...(await runPhase(stack, world, opts, phase, `${tag}${round}`, cpu, progress)), round };
        result.after = await settle(stack, redis, before);
        results.push(result);
        progress(`${phase.name}: ${result.received}/${result.expected} delivered`);
      }
    }
    printReport(world, opts, results, before, loadBefore);
    missing = results.reduce((n, r) => n + Math.max(0, r.expected - r.received), 0);
    if (missing) console.log(`MISSING: ${missing} deliveries never arrived`);
  } finally {
    redis.disconnect();
    await stack.stop();
    process.removeListener('SIGINT', interrupt);
  }
  // The child writes its profile as it exits.
  if (profileDir && results.length) {
    const intervals = results.map((r) => ({ label: opts.rounds > 1 ? `${r.name} phase, round ${r.round}` : `${r.name} phase`, window: r.window }));
    for (const server of readdirSync(profileDir)) console.log(`\n${server}:\n${formatProfilesOf(path.join(profileDir, server), path.resolve(import.meta.dirname, '..'), intervals)}`);
  }
  process.exitCode = missing ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
