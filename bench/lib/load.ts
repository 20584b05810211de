/**
 * Closed-loop HTTP load with autocannon (installed into bench/peers): N
 * keep-alive connections, each sending its next request as soon as the
 * previous answer arrived, for a fixed time.
 *
 * Each connection is one simulated user with its own headers (`headersFor`),
 * set once when autocannon creates the connection (`setupClient`), so every
 * request is still a prebuilt buffer and the load generator stays cheap.
 *
 * Latency is taken from autocannon's per-response time (float milliseconds,
 * from writing the request to the end of the response) and the percentiles
 * are computed here from every sample, not from its integer histogram.
 *
 * Errors: autocannon counts socket errors, timeouts and non-2xx statuses. A
 * GraphQL error comes back with HTTP 200, so every 2xx body is searched for an
 * `"errors"` key, and every `sampleEvery`-th body is parsed and checked in
 * full by `check` (which returns a problem, or null when the body is right).
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './report.js';
import { ensurePeers, requirePeer } from './peers.js';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** JSON request body (a GraphQL operation). */
  body: string;
  /** Headers of the connection with this index (0-based), e.g. its user's credentials. */
  headersFor: (connection: number) => Record<string, string>;
  /** Full check of a parsed response body; a string names what is wrong. */
  check?: (parsed: unknown) => string | null;
  /** Parse and check every n-th 2xx body. @default 50 */
  sampleEvery?: number;
  /** Seconds without an answer before autocannon counts a timeout. @default 10 */
  timeoutSeconds?: number;
}

export interface LoadResult {
  /** Responses received (any status). */
  responses: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  /** 2xx responses carrying GraphQL errors, or failing the sampled full check. */
  graphqlErrors: number;
  /** Bodies parsed and checked in full. */
  sampled: number;
  /** A few of the failures seen, for the report. */
  examples: string[];
  /** Everything that went wrong: non-2xx + socket errors + timeouts + GraphQL errors. */
  errors: number;
}

/* The few parts of autocannon's API used here (it ships no types). */
interface AutocannonClient {
  setHeaders(headers: Record<string, string>): void;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: AutocannonClient, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

let autocannon: Autocannon | undefined;
function loadAutocannon(): Autocannon {
  if (!autocannon) {
    ensurePeers(['autocannon']);
    autocannon = requirePeer('autocannon') as Autocannon;
  }
  return autocannon;
}

/** Stops the load in progress (a Ctrl-C), so that the benchmark can clean up. */
let current: AutocannonInstance | undefined;
export function stopLoad(): void {
  current?.stop();
}

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const run = loadAutocannon();
  const sampleEvery = opts.sampleEvery ?? 50;
  const latencies: number[] = [];
  const examples: string[] = [];
  const note = (s: string) => {
    if (examples.length < 3) examples.push(s.length > 300 ? `${s.slice(0, 300)}...` : s);
  };
  let lastStatus = 0;
  let ok = 0;
  let graphqlErrors = 0;
  let sampled = 0;
  let nextConnection = 0;
  const started = performance.now();

  return new Promise<LoadResult>((resolve, reject) => {
    const instance = run(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.durationSeconds,
        timeout: opts.timeoutSeconds ?? 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: opts.body,
        setupClient: (client: AutocannonClient) => {
          client.setHeaders(opts.headersFor(nextConnection++));
        },
        // Called right after the 'response' event of the same response (same tick), so lastStatus is its status.
        verifyBody: (body: string) => {
          if (lastStatus < 200 || lastStatus >= 300) {
            note(`HTTP ${lastStatus}: ${body}`);
            return true;
          }
          ok++;
          if (body.includes('"errors"')) {
            graphqlErrors++;
            note(body);
          } else if (opts.check && ok % sampleEvery === 1) {
            sampled++;
            let problem: string | null;
            try {
              problem = opts.check(JSON.parse(body));
            } catch (err) {
              problem = `unparsable body (${String(err)})`;
            }
            if (problem) {
              graphqlErrors++;
              note(`${problem}: ${body}`);
            }
          }
          // Counted here; a false would make autocannon count a "mismatch" too.
          return true;
        },
      },
      (err, result) => {
        current = undefined;
        if (err) return reject(err);
        const seconds = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        const errors = result.non2xx + result.errors + result.timeouts + graphqlErrors;
        resolve({
          responses: latencies.length,
          seconds,
          rps: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: latencies[latencies.length - 1] ?? Number.NaN,
          non2xx: result.non2xx,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          graphqlErrors,
          sampled,
          examples,
          errors,
        });
      },
    );
    current = instance;
    instance.on('response', (_client, status, _bytes, ms) => {
      lastStatus = status;
      latencies.push(ms);
    });
  });
}
