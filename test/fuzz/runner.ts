/**
 * The fuzzer: generates inputs for every transport from one seed, sends them
 * to a running gateway, classifies every answer (report.ts) and checks now
 * and then that every service still answers. Used by test/fuzz.test.ts (a
 * few hundred inputs, fixed seed) and bench/fuzz.ts (as many as asked).
 *
 * The same seed gives the same inputs in the same order, so a finding is
 * reproduced by running again with its seed (the report gives each finding's
 * transport and position as well).
 */
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { envelopeArb, identityArb, identityHeaders, jsonPost, sendHttp, type HttpRequest } from './http.js';
import { multipartArb } from './multipart.js';
import { operationArb, type GraphQLBody } from './operations.js';
import { Tally, type FuzzReport, type Transport } from './report.js';
import { loadApiSchema, operationsOf, type FuzzOperation } from './schema.js';
import type { KnownValues } from './values.js';
import { runWsCase, wsCaseArb, type WsCase } from './ws.js';

export interface FuzzTarget {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** An access token of the signed-in fuzz user. */
  userToken: string;
  known: KnownValues;
  /** Problems with the services right now (empty when all answer): see `httpLiveness`. */
  liveness(): Promise<string[]>;
}

export interface FuzzPlan {
  seed: number;
  /** Generated operations over JSON HTTP, per transport. */
  http: number;
  envelope: number;
  multipart: number;
  ws: number;
  /** A liveness check after every this many inputs (and one at the end). @default 50 */
  checkEvery?: number;
  /** How long one HTTP answer may take before it counts as no answer. @default 30 s */
  timeoutMs?: number;
  /** Send multipart maps that hang the request (multipart.ts, STALLING_MAPS). @default false */
  stallingMaps?: boolean;
  /** Inputs in flight at once. @default 1 */
  concurrency?: number;
  /** A socket is done once quiet this long after its last frame. @default 250 ms */
  wsQuietMs?: number;
  /** ...or this long after its last frame, whatever it is doing. @default 3 s */
  wsCapMs?: number;
  schema?: GraphQLSchema;
  progress?: (line: string) => void;
}

type Task =
  | { transport: 'http' | 'http-envelope' | 'multipart'; index: number; label: string; request: HttpRequest }
  | { transport: 'ws'; index: number; label: string; wsCase: WsCase };

/** Bodies for the root fields of one kind, each from its own generated arguments. */
function bodiesFor(ops: FuzzOperation[], known: KnownValues): fc.Arbitrary<{ label: string; body: GraphQLBody }> {
  return fc.constantFrom(...ops).chain((op) => operationArb(op, known));
}

/** Every input of the plan, in the order they are sent: the transports interleaved evenly. */
export function generateTasks(target: Pick<FuzzTarget, 'url' | 'userToken' | 'known'>, plan: FuzzPlan): Task[] {
  const schema = plan.schema ?? loadApiSchema();
  const all = operationsOf(schema);
  const queriesAndMutations = all.filter((o) => o.kind !== 'subscription');
  const origin = new URL(target.url).origin;
  const sample = <T>(arb: fc.Arbitrary<T>, offset: number, n: number): T[] => (n > 0 ? fc.sample(arb, { seed: plan.seed + offset, numRuns: n }) : []);

  const http = sample(
    fc.record({
      input: bodiesFor(queriesAndMutations, target.known),
      identity: identityArb,
      browser: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
    0,
    plan.http,
  ).map(({ input, identity, browser }, index): Task => ({
    transport: 'http',
    index,
    label: `${identity}${browser ? ' browser' : ''} ${input.label}`,
    request: jsonPost(input.body, identityHeaders(identity, target.userToken), browser, origin),
  }));
  const envelope = sample(envelopeArb(origin), 1, plan.envelope).map(({ label, request }, index): Task => ({ transport: 'http-envelope', index, label, request }));
  const multipart = sample(multipartArb(target.known.ids, identityHeaders('user', target.userToken), { stallingMaps: plan.stallingMaps ?? false }), 2, plan.multipart).map(({ label, request }, index): Task => ({ transport: 'multipart', index, label, request }));
  // Over the socket: subscriptions, and queries and mutations too (graphql-ws carries all three).
  const wsOperations = fc.oneof(
    { weight: 2, arbitrary: bodiesFor(all.filter((o) => o.kind === 'subscription'), target.known) },
    { weight: 1, arbitrary: bodiesFor(queriesAndMutations, target.known) },
  ).map((b) => b.body);
  const ws = sample(wsCaseArb(target.userToken, wsOperations), 3, plan.ws).map((wsCase, index): Task => ({ transport: 'ws', index, label: wsCase.label, wsCase }));

  // Interleaved by relative position, so that liveness checks fall between every kind of input.
  const lists = [http, envelope, multipart, ws];
  return lists
    .flatMap((list) => list.map((task, i) => ({ task, at: (i + 0.5) / list.length })))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.task);
}

export async function runFuzz(target: FuzzTarget, plan: FuzzPlan): Promise<FuzzReport> {
  const t0 = performance.now();
  const tally = new Tally(plan.seed);
  const tasks = generateTasks(target, plan);
  const checkEvery = plan.checkEvery ?? 50;
  const timeoutMs = plan.timeoutMs ?? 30_000;
  const ws = { quietMs: plan.wsQuietMs ?? 250, capMs: plan.wsCapMs ?? 3_000, connectTimeoutMs: 10_000 };
  let next = 0;
  let done = 0;
  let lastLabel = 'start';
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      if (task.transport === 'ws') {
        const { answer, frames } = await runWsCase(target.url, task.wsCase, ws);
        tally.addFrames(frames);
        tally.add('ws', task.index, task.label, answer);
      } else {
        tally.add(task.transport, task.index, task.label, await sendHttp(target.url, task.request, timeoutMs));
      }
      done++;
      lastLabel = task.label;
      if (done % checkEvery === 0) {
        tally.liveness(task.transport, task.index, task.label, await target.liveness());
        plan.progress?.(`${done}/${tasks.length} inputs`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, plan.concurrency ?? 1) }, worker));
  const last = tasks.at(-1);
  tally.liveness((last?.transport ?? 'http') as Transport, last?.index ?? 0, lastLabel, await target.liveness());
  return tally.done(performance.now() - t0);
}

/**
 * Liveness as a client and an operator see it: every service's /ready answers
 * 200, and the gateway answers an ordinary query without errors.
 */
export function httpLiveness(gatewayUrl: string, readyUrls: Record<string, string>, timeoutMs = 10_000): () => Promise<string[]> {
  return async () => {
    const failures: string[] = [];
    await Promise.all(
      Object.entries(readyUrls).map(async ([name, url]) => {
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`${name} /ready answered ${res.status}`);
        } catch (err) {
          failures.push(`${name} /ready: ${(err as Error).message}`);
        }
      }),
    );
    try {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ videos(first: 1) { edges { node { id title uploader { username } } } } }' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      if (res.status !== 200 || body.errors || !body.data) failures.push(`gateway query answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    } catch (err) {
      failures.push(`gateway query: ${(err as Error).message}`);
    }
    return failures;
  };
}
