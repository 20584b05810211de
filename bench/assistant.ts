/**
 * Assistant benchmark: time to first token and tokens per second of streamed
 * answers through the gateway over graphql-ws, beside the same streams read
 * straight from the provider.
 *
 *   node --import tsx bench/assistant.ts [--answers 30] [--token-delay 20] [--answer-tokens 60] [--concurrency 4]
 *
 * The provider is FakeLlm (testing/fakeLlm.ts), an OpenAI-compatible server
 * started here that streams its scripted answer one token per `--token-delay`
 * ms (20 ms: about 50 tokens/s, a fast hosted model). It answers every prompt
 * with the prompt's own words plus a fixed sentence, so the answer length is
 * set by the prompt: prompts are padded to give `--answer-tokens` tokens. The
 * platform runs in a child process (bench/lib/stack-process.ts) with
 * LLM_API_KEYS holding 2 keys; each key allows LLM_KEY_CONCURRENCY (2) calls at
 * once, so 4 answers can stream at the same time.
 *
 * Paths, each run sequentially (one answer at a time, N answers) and with
 * `--concurrency` lanes (each lane asks its next question when its answer is
 * DONE, N answers in all):
 *  - gateway: `subscription { assistantAnswer(prompt, conversationId) }` over
 *    graphql-ws through the gateway, one connected client per lane (connected
 *    before timing starts); each answer its own conversationId, so no history
 *    grows the context;
 *  - provider: a plain fetch of /v1/chat/completions with stream: true,
 *    server-sent events parsed as the chat subgraph parses them (the floor).
 *
 * TTFT is the time from subscribing (or fetching) to the first token's text;
 * tokens/s is (tokens - 1) / (last token - first token), per answer; the
 * inter-token gap is measured between consecutive tokens over all answers.
 * Every answer's text is checked against the scripted one. The script prints
 * tables and the machine; it asserts no time. It exits 1 when an answer is
 * wrong or missing.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createParser } from 'eventsource-parser';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AssistantAnswerDocument } from '../testing/__generated__/operations.js';
import { FakeLlm, answerTokens } from '../testing/fakeLlm.js';
import { intOption, now, progressLogger, register, sleep, type Account } from './lib/client.js';
import { CpuMeter, idleCpuPerSecond } from './lib/proc.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { startStackProcess, type StackProcess } from './lib/stack-process.js';

const KEYS = ['bench-key-alpha-0001', 'bench-key-bravo-0002'];
const MODEL = 'bench-model';
const ANSWER = print(AssistantAnswerDocument);

interface Options {
  /** Answers per run (each path, sequential and concurrent). @default 30 */
  answers: number;
  /** FakeLlm delay between tokens. @default 20 ms */
  tokenDelayMs: number;
  /** Tokens per answer (at least 17: the scripted sentence). @default 60 */
  answerTokens: number;
  /** Lanes in the concurrent runs. @default 4 (2 keys x 2 calls per key) */
  concurrency: number;
  /** Answers per path before measuring. @default 2 */
  warmup: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      answers: { type: 'string', default: '30' },
      'token-delay': { type: 'string', default: '20' },
      'answer-tokens': { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '2' },
    },
    strict: true,
  });
  return {
    answers: intOption(values, 'answers', 1),
    tokenDelayMs: intOption(values, 'token-delay', 0),
    answerTokens: intOption(values, 'answer-tokens', 17),
    concurrency: intOption(values, 'concurrency', 1),
    warmup: intOption(values, 'warmup', 0),
  };
}

const FILLER = 'please explain how the platform streams an answer token by token to a viewer who is watching a video'.split(' ');

/** A prompt whose scripted answer has exactly `tokens` tokens (answerTokens adds 16 to the prompt's words). */
function promptFor(i: number, tokens: number): string {
  const words = [`question-${i}`];
  while (words.length < tokens - 16) words.push(FILLER[(words.length - 1) % FILLER.length]!);
  return words.join(' ');
}

/** What one answer looked like from the client. */
interface Answer {
  ok: boolean;
  error?: string;
  startedAt: number;
  /** Receive time of each token. */
  tokenTimes: number[];
  doneAt: number;
}

/* ---------------------------------------------------------------- paths */

interface Path {
  name: string;
  /** Lane-bound resources (a connected graphql-ws client), made before timing. */
  open(lanes: number): Promise<Lane[]>;
}

interface Lane {
  ask(prompt: string, i: number): Promise<Answer>;
  close(): Promise<void>;
}

function gatewayPath(stack: StackProcess, user: Account): Path {
  return {
    name: 'gateway (graphql-ws)',
    async open(lanes) {
      return Promise.all(
        Array.from({ length: lanes }, async () => {
          const client = await connected(stack.gatewayUrl, user.token);
          return {
            ask: (prompt, i) => askGateway(client, prompt, `bench-${i}-${randomUUID().slice(0, 8)}`),
            close: async () => {
              await client.dispose();
            },
          };
        }),
      );
    },
  };
}

function connected(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      onNonLazyError: reject,
    });
    client.on('connected', () => resolve(client));
  });
}

interface AnswerEvent {
  assistantAnswer: { kind: 'TOKEN' | 'DONE' | 'ERROR'; text: string | null; fullText: string | null; code: string | null; error: string | null };
}

function askGateway(client: Client, prompt: string, conversationId: string): Promise<Answer> {
  const expected = answerTokens(prompt).join('');
  return new Promise((resolve) => {
    const answer: Answer = { ok: false, startedAt: now(), tokenTimes: [], doneAt: Number.NaN };
    let text = '';
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      answer.doneAt = now();
      answer.ok = !error && text === expected;
      if (error || text !== expected) answer.error = error ?? `text differs: ${JSON.stringify(text.slice(0, 80))}`;
      resolve(answer);
    };
    client.subscribe<AnswerEvent>(
      { query: ANSWER, variables: { prompt, conversationId } },
      {
        next: (r) => {
          const e = r.data?.assistantAnswer;
          if (!e) return finish(`no data: ${JSON.stringify(r.errors)}`);
          if (e.kind === 'TOKEN') {
            answer.tokenTimes.push(now());
            text += e.text ?? '';
          } else if (e.kind === 'ERROR') finish(`${e.code}: ${e.error}`);
          else if (e.fullText !== text) finish('DONE fullText differs from the tokens');
        },
        error: (e) => finish(`subscription error: ${e instanceof Error ? e.message : JSON.stringify(e)}`),
        complete: () => finish(),
      },
    );
  });
}

function providerPath(llm: FakeLlm): Path {
  return {
    name: 'provider (fetch + SSE)',
    async open(lanes) {
      return Array.from({ length: lanes }, (_, lane) => ({
        ask: (prompt) => askProvider(llm.url, KEYS[lane % KEYS.length]!, prompt),
        close: async () => {},
      }));
    },
  };
}

async function askProvider(baseUrl: string, key: string, prompt: string): Promise<Answer> {
  const expected = answerTokens(prompt).join('');
  const answer: Answer = { ok: false, startedAt: now(), tokenTimes: [], doneAt: Number.NaN };
  let text = '';
  let finished = false;
  try {
    const res = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, accept: 'text/event-stream' },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: prompt }] }),
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const parser = createParser({
      onEvent: (e) => {
        if (e.data === '[DONE]') {
          finished = true;
          return;
        }
        const chunk = JSON.parse(e.data) as { choices?: { delta?: { content?: string | null } }[] };
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          answer.tokenTimes.push(now());
          text += delta;
        }
      },
    });
    const decoder = new TextDecoder();
    for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(bytes, { stream: true }));
    answer.doneAt = now();
    answer.ok = finished && text === expected;
    if (!answer.ok) answer.error = finished ? 'text differs' : 'stream ended without [DONE]';
  } catch (err) {
    answer.doneAt = now();
    answer.error = (err as Error).message;
  }
  return answer;
}

/* ----------------------------------------------------------------- runs */

interface Run {
  path: string;
  mode: string;
  lanes: number;
  answers: Answer[];
  ms: number;
  cpu: Record<string, number>;
  /** What the provider saw during the row: requests, and the most streams at once on one key. */
  provider?: { requests: number; maxPerKey: number };
}

async function run(path: Path, mode: string, lanes: number, prompts: string[], cpu: CpuMeter, firstIndex: number): Promise<Run> {
  const opened = await path.open(lanes);
  try {
    cpu.mark();
    const start = now();
    const queue = prompts.map((p, i) => ({ p, i: firstIndex + i }));
    // Each lane asks its next question once its previous answer is done: `lanes` answers always in flight.
    const perLane: Answer[][] = opened.map(() => []);
    let next = 0;
    await Promise.all(
      opened.map(async (lane, l) => {
        while (next < queue.length) {
          const q = queue[next++]!;
          perLane[l]!.push(await lane.ask(q.p, q.i));
        }
      }),
    );
    return { path: path.name, mode, lanes, answers: perLane.flat(), ms: now() - start, cpu: cpu.since() };
  } finally {
    await Promise.all(opened.map((l) => l.close()));
  }
}

function summarize(r: Run) {
  const ok = r.answers.filter((a) => a.ok && a.tokenTimes.length > 0);
  const ttft = ok.map((a) => a.tokenTimes[0]! - a.startedAt).sort((a, b) => a - b);
  const rates = ok
    .filter((a) => a.tokenTimes.length > 1)
    .map((a) => (a.tokenTimes.length - 1) / ((a.tokenTimes.at(-1)! - a.tokenTimes[0]!) / 1000))
    .sort((a, b) => a - b);
  const gaps = ok.flatMap((a) => a.tokenTimes.slice(1).map((t, i) => t - a.tokenTimes[i]!)).sort((a, b) => a - b);
  const totals = ok.map((a) => a.doneAt - a.startedAt).sort((a, b) => a - b);
  const tokens = ok.reduce((n, a) => n + a.tokenTimes.length, 0);
  return { ok: ok.length, ttft, rates, gaps, totals, tokens };
}

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadNow();
  const progress = progressLogger();
  const llm = await new FakeLlm().start();
  llm.tokenDelayMs = opts.tokenDelayMs;
  let stack: StackProcess | undefined;
  const interrupt = () => void (stack?.stop() ?? Promise.resolve()).finally(() => void llm.stop().finally(() => process.exit(130)));
  process.once('SIGINT', interrupt);
  let failures = 0;
  try {
    stack = await startStackProcess({
      env: { LLM_BASE_URL: llm.url, LLM_MODEL: MODEL, LLM_API_KEYS: KEYS.join(','), LLM_QUEUE_TIMEOUT_MS: '60000' },
    });
    const user = await register(stack.gatewayUrl, 'bench_asker');
    const paths = [providerPath(llm), gatewayPath(stack, user)];
    const cpu = new CpuMeter({ bench: process.pid, stack: stack.pid, redis: stack.redisPid });
    let asked = 0;
    const prompts = (n: number) => Array.from({ length: n }, () => promptFor(asked++, opts.answerTokens));

    const idle = await idleCpuPerSecond(stack.pid);
    progress(`warm-up: ${opts.warmup} answers per path`);
    for (const p of paths) if (opts.warmup) await run(p, 'warm-up', 1, prompts(opts.warmup), cpu, asked);

    const runs: Run[] = [];
    for (const [mode, lanes] of [
      ['sequential', 1],
      ['concurrent', opts.concurrency],
    ] as const) {
      for (const p of paths) {
        progress(`${p.name}: ${opts.answers} answers, ${lanes} at a time`);
        llm.reset();
        const r = await run(p, mode, lanes, prompts(opts.answers), cpu, asked);
        r.provider = { requests: llm.requests.length, maxPerKey: Math.max(0, ...llm.maxActive.values()) };
        runs.push(r);
      }
    }
    await sleep(100);
    printReport(runs, opts, loadBefore, stack, idle);
    failures = runs.reduce((n, r) => n + r.answers.filter((a) => !a.ok).length, 0);
    for (const r of runs) for (const a of r.answers.filter((x) => !x.ok).slice(0, 3)) console.log(`FAILED (${r.path}, ${r.mode}): ${a.error}`);
  } finally {
    await stack?.stop();
    await llm.stop();
    process.removeListener('SIGINT', interrupt);
  }
  process.exitCode = failures ? 1 : 0;
}

function printReport(runs: Run[], opts: Options, loadBefore: number, stack: StackProcess, idleCpu: number): void {
  const out = (s = '') => console.log(s);
  out('');
  out(
    `assistant: FakeLlm streaming ${opts.answerTokens}-token answers, one token every ${opts.tokenDelayMs} ms; ${KEYS.length} keys x 2 calls per key; ${opts.answers} answers per row`,
  );
  out('');
  out(
    formatTable(
      ['path', 'mode', 'in flight', 'answers ok', 'TTFT p50 ms', 'TTFT p99 ms', 'tokens/s p50', 'tokens/s p1', 'gap p50 ms', 'gap p99 ms', 'answer p50 ms', 'answer p99 ms', 'tokens/s all', 'provider requests', 'max per key', 'CPU s stack/bench'],
      runs.map((r) => {
        const s = summarize(r);
        return [
          r.path,
          r.mode,
          String(r.lanes),
          `${s.ok}/${r.answers.length}`,
          fmt(percentile(s.ttft, 50)),
          fmt(percentile(s.ttft, 99)),
          fmt(percentile(s.rates, 50)),
          fmt(percentile(s.rates, 1)),
          fmt(percentile(s.gaps, 50)),
          fmt(percentile(s.gaps, 99)),
          fmt(percentile(s.totals, 50), 0),
          fmt(percentile(s.totals, 99), 0),
          fmt(s.tokens / (r.ms / 1000), 0),
          String(r.provider?.requests ?? '-'),
          String(r.provider?.maxPerKey ?? '-'),
          `${fmt(r.cpu.stack ?? Number.NaN, 1)} / ${fmt(r.cpu.bench ?? Number.NaN, 1)}`,
        ];
      }),
    ),
  );
  out('');
  out('TTFT: subscribe (or fetch) to the first token; tokens/s: (tokens - 1) / (last token - first token) per answer, p1 = the slowest 1%;');
  out('gap: time between consecutive tokens of an answer; answer: subscribe to DONE (or end of stream); tokens/s all: tokens received / wall time of the row.');
  out(`CPU s: CPU seconds during the row, stack process (gateway + chat subgraph) and this process (client + FakeLlm). The provider path does not touch the stack.`);
  out(`the idle stack uses ${fmt(idleCpu, 3)} CPU s per second (measured over 2 s before the runs).`);
  const res = stack.resources();
  if (res) out(`stack after the runs: RSS ${(res.rssBytes / 1024 ** 2).toFixed(0)} MiB, open fds ${res.openFds}`);
  out(machineLine({ loadBefore }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
