/**
 * The platform in a process of its own, for benchmarks: starts the whole stack
 * (`startStack` from the test harness: embedded Redis and S3, four subgraphs,
 * the gateway, each on a free port) and prints ONE line on stdout,
 *
 *   STACK_READY {"gatewayUrl":..., "subgraphs":{...}, "secrets":{...}, "pids":{...}}
 *
 * then serves until told to stop. The parent (`stack-process.ts`) parses that
 * line; everything else the stack might print goes to stderr so that it can
 * never be mistaken for it.
 *
 * Requests: after the ready line, each line on stdin is a JSON request
 * `{"id":1,"cmd":"stats"}` and gets one line back on stdout,
 * `STACK_REPLY {"id":1,"result":...}` (or `"error":"..."`). Commands:
 * - `stats`: the counting stores' calls per subgraph and method (`counts`),
 *   the video subgraph's cross-request coalescer (`videoLookups`), and the
 *   gateway's subgraph fetcher (`gatewayFetcher`: requests sent, merged);
 * - `seed` (args: `SeedOptions`): users and videos written through the
 *   stack's own stores (`seed.ts`); answers the ids.
 * Counters only grow: a benchmark takes two readings and subtracts.
 *
 * Stopping: SIGTERM or SIGINT, or the parent going away (our stdin reaches
 * end-of-file when the parent's end of the pipe closes, which the kernel does
 * even when the parent is SIGKILLed), disposes the stack (servers first, then
 * Redis) and exits. A second signal, or a dispose that hangs, exits at once.
 *
 * The overrides for `startStack` (CHAT_SEND_LIMIT_PER_MINUTE and the like) come
 * as JSON in STACK_ENV_VAR, not as plain environment variables: the harness
 * reads some variables from the environment itself, and a stray DATA_DIR or
 * NODE_ENV in the caller's shell must not change what a benchmark measures.
 */
import { createInterface } from 'node:readline';
import { startStack, type Stack } from '../../testing/harness.js';
import { seedCatalog, type SeedOptions } from './seed.js';
import { READY_PREFIX, REPLY_PREFIX, STACK_ENV_VAR, type StackReady, type StackStats } from './stack-process.js';

/** How long disposing may take before the process exits anyway. @default 15 s */
const DISPOSE_TIMEOUT_MS = 15_000;

function overrides(): Record<string, string> {
  const raw = process.env[STACK_ENV_VAR];
  if (!raw) return {};
  const parsed = JSON.parse(raw) as unknown;
  if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error(`${STACK_ENV_VAR} must be a JSON object of strings`);
  }
  return parsed as Record<string, string>;
}

async function redisPid(stack: Stack): Promise<number | undefined> {
  const info = await stack.redis.info('server').catch(() => '');
  const m = /process_id:(\d+)/.exec(info);
  return m ? Number(m[1]) : undefined;
}

async function main(): Promise<void> {
  // Anything logged while starting must not reach stdout, which carries the ready line.
  console.log = console.error;
  console.info = console.error;
  const stack = await startStack(overrides());

  let stopping: Promise<void> | undefined;
  const stop = (why: string) => {
    if (stopping) {
      // A second request while disposing (an impatient Ctrl-C): do not wait any longer.
      process.exit(1);
    }
    process.stderr.write(`stack child: stopping (${why})\n`);
    const timer = setTimeout(() => {
      process.stderr.write(`stack child: dispose took over ${DISPOSE_TIMEOUT_MS} ms, exiting anyway\n`);
      process.exit(1);
    }, DISPOSE_TIMEOUT_MS);
    timer.unref();
    stopping = stack.dispose().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`stack child: dispose failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdin.on('end', () => stop('parent went away'));
  process.stdin.on('error', () => stop('parent went away'));
  process.stdin.resume();

  const ready: StackReady = {
    gatewayUrl: stack.gateway.url,
    subgraphs: {
      user: { url: stack.user.url, wsUrl: stack.user.wsUrl },
      video: { url: stack.video.url, wsUrl: stack.video.wsUrl },
      chat: { url: stack.chat.url, wsUrl: stack.chat.wsUrl },
      search: { url: stack.search.url, wsUrl: stack.search.wsUrl },
    },
    secrets: {
      INTERNAL_IDENTITY_SECRET: stack.config.INTERNAL_IDENTITY_SECRET!,
      JWT_ACCESS_SECRET: stack.config.JWT_ACCESS_SECRET!,
    },
    redisUrl: stack.config.REDIS_URL!,
    s3: {
      endpoint: stack.config.S3_ENDPOINT!,
      accessKey: stack.config.S3_ACCESS_KEY!,
      secretKey: stack.config.S3_SECRET_KEY!,
      region: stack.config.S3_REGION,
      bucket: stack.config.S3_BUCKET,
    },
    dataDir: stack.dataDir,
    pids: { child: process.pid, ...(await redisPid(stack).then((pid) => (pid ? { redis: pid } : {}))) },
  };
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => void answer(stack, line));
}

async function answer(stack: Stack, line: string): Promise<void> {
  let id: unknown;
  try {
    const request = JSON.parse(line) as { id?: unknown; cmd?: unknown; args?: unknown };
    id = request.id;
    let result: unknown;
    if (request.cmd === 'stats') {
      // Read at call time: restart() replaces stack.video (and its coalescer).
      const stats: StackStats = {
        counts: stack.counts,
        videoLookups: { ...stack.video.videoLookups.stats },
        gatewayFetcher: { ...stack.gateway.fetcherStats },
      };
      result = stats;
    } else if (request.cmd === 'seed') {
      result = await seedCatalog(stack.user.stores.users, stack.video.stores.videos, request.args as SeedOptions);
    } else {
      throw new Error(`unknown command ${JSON.stringify(request.cmd)}`);
    }
    process.stdout.write(`${REPLY_PREFIX}${JSON.stringify({ id, result })}\n`);
  } catch (err) {
    process.stdout.write(`${REPLY_PREFIX}${JSON.stringify({ id, error: err instanceof Error ? err.message : String(err) })}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`stack child: could not start the stack: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
