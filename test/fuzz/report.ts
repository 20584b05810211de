/**
 * What the fuzzer saw: every answer classified, counted by transport, HTTP
 * status (or WebSocket close code) and `extensions.code`, and the answers
 * that break the error model kept with the input that caused them.
 *
 * The error model (README, Errors): every error carries `extensions.code`;
 * an error response is JSON; a client's mistake is never a server error. So
 * each of these is a finding, and the goal for each is 0:
 * - `5xx`: an HTTP 5xx, or a socket closed with 1011 / 4500 (the WebSocket
 *   and graphql-ws "internal error" codes);
 * - `not-json`: a body (or socket message) that is not JSON;
 * - `no-code`: an error without `extensions.code`, or an error status whose
 *   body holds no error;
 * - `internal`: an error whose code is INTERNAL_SERVER_ERROR;
 * - `no-answer`: no answer at all (connection refused or reset, timed out,
 *   a socket dropped without a close frame);
 * - `crash`: a liveness check that failed (a service that stopped answering).
 *
 * Also counted, as `retryable`: answers that tell the client to try again
 * (UPSTREAM_UNAVAILABLE, REQUEST_TIMEOUT) although every service is up. They
 * are not errors of the model, but for a generated input they usually mean a
 * client mistake the gateway did not recognise as one.
 */

export type Transport = 'http' | 'http-envelope' | 'multipart' | 'ws';
export type Problem = '5xx' | 'not-json' | 'no-code' | 'internal' | 'no-answer';
export const PROBLEMS: readonly Problem[] = ['5xx', 'not-json', 'no-code', 'internal', 'no-answer'];
export const TRANSPORTS: readonly Transport[] = ['http', 'http-envelope', 'multipart', 'ws'];

export interface Answer {
  /** `200 OK`, `400 GRAPHQL_VALIDATION_FAILED`, `ws 4400`, `ws 1000 NOT_FOUND`... */
  key: string;
  /** Every `extensions.code` in the answer (a code may repeat). */
  codes: string[];
  problems: Problem[];
  /** Milliseconds from sending to the complete answer. */
  ms: number;
  /** What was wrong, with a little of the body. */
  detail?: string;
}

export interface Finding {
  transport: Transport;
  /** The input's position in its transport's sequence (same seed, same input). */
  index: number;
  input: string;
  problem: Problem | 'crash' | 'retryable';
  answer: string;
  detail: string;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  byTransport: Record<Transport, number>;
  /** Answers per `key`, per transport. */
  answers: Record<Transport, Record<string, number>>;
  /** Error codes over every answer. */
  codes: Record<string, number>;
  problems: Record<Problem | 'crash', number>;
  /** The same, per transport (crashes are found between inputs, so they have no transport). */
  problemsByTransport: Record<Transport, Record<Problem, number>>;
  /** Milliseconds to the complete answer of every input, per transport, in the order sent. */
  latencies: Record<Transport, number[]>;
  findings: Finding[];
  /** Answers with UPSTREAM_UNAVAILABLE or REQUEST_TIMEOUT (see above). */
  retryable: number;
  /** Liveness checks run, and the ones that failed. */
  livenessChecks: number;
  slowest: { ms: number; transport: Transport; input: string } | undefined;
  /** Frames sent over WebSockets (an input is a socket with several frames). */
  wsFrames: number;
  elapsedMs: number;
}

const RETRYABLE = new Set(['UPSTREAM_UNAVAILABLE', 'REQUEST_TIMEOUT']);

export class Tally {
  private readonly report: FuzzReport;
  /** Findings kept per problem and transport: enough to see the pattern without drowning a report. */
  private readonly keep: number;

  constructor(seed: number, keep = 20) {
    this.keep = keep;
    this.report = {
      seed,
      inputs: 0,
      byTransport: { http: 0, 'http-envelope': 0, multipart: 0, ws: 0 },
      answers: { http: {}, 'http-envelope': {}, multipart: {}, ws: {} },
      codes: {},
      problems: { '5xx': 0, 'not-json': 0, 'no-code': 0, internal: 0, 'no-answer': 0, crash: 0 },
      problemsByTransport: Object.fromEntries(TRANSPORTS.map((t) => [t, Object.fromEntries(PROBLEMS.map((p) => [p, 0]))])) as FuzzReport['problemsByTransport'],
      latencies: { http: [], 'http-envelope': [], multipart: [], ws: [] },
      findings: [],
      retryable: 0,
      livenessChecks: 0,
      slowest: undefined,
      wsFrames: 0,
      elapsedMs: 0,
    };
  }

  add(transport: Transport, index: number, input: string, answer: Answer): void {
    const r = this.report;
    r.inputs++;
    r.byTransport[transport]++;
    r.answers[transport][answer.key] = (r.answers[transport][answer.key] ?? 0) + 1;
    for (const code of answer.codes) r.codes[code] = (r.codes[code] ?? 0) + 1;
    r.latencies[transport].push(answer.ms);
    for (const problem of new Set(answer.problems)) {
      r.problems[problem]++;
      r.problemsByTransport[transport][problem]++;
      this.finding({ transport, index, input, problem, answer: answer.key, detail: answer.detail ?? '' });
    }
    if (answer.codes.some((c) => RETRYABLE.has(c))) {
      r.retryable++;
      this.finding({ transport, index, input, problem: 'retryable', answer: answer.key, detail: answer.detail ?? answer.codes.join(', ') });
    }
    if (!r.slowest || answer.ms > r.slowest.ms) r.slowest = { ms: answer.ms, transport, input };
  }

  addFrames(n: number): void {
    this.report.wsFrames += n;
  }

  liveness(transport: Transport, index: number, input: string, failures: string[]): void {
    this.report.livenessChecks++;
    if (!failures.length) return;
    this.report.problems.crash++;
    this.finding({ transport, index, input: `after ${input}`, problem: 'crash', answer: 'liveness', detail: failures.join('; ') });
  }

  private finding(f: Finding): void {
    if (this.report.findings.filter((x) => x.problem === f.problem && x.transport === f.transport).length < this.keep) this.report.findings.push(f);
  }

  done(elapsedMs: number): FuzzReport {
    this.report.elapsedMs = elapsedMs;
    return this.report;
  }
}

/** Rows of `[transport, answer, count]`, most frequent first within a transport. */
export function answerRows(report: FuzzReport): [string, string, string][] {
  const rows: [string, string, string][] = [];
  for (const t of TRANSPORTS) {
    const entries = Object.entries(report.answers[t]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [key, n] of entries) rows.push([t, key, String(n)]);
  }
  return rows;
}

/** A few lines for a test's diagnostics: totals, the answers, the problems and the first findings. */
export function summaryLines(report: FuzzReport): string[] {
  const lines = [
    `fuzz seed ${report.seed}: ${report.inputs} inputs (${TRANSPORTS.map((t) => `${t} ${report.byTransport[t]}`).join(', ')}; ${report.wsFrames} WebSocket frames) in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `problems: ${Object.entries(report.problems)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}; retryable answers ${report.retryable}; liveness checks ${report.livenessChecks}`,
    `answers: ${answerRows(report)
      .map(([t, key, n]) => `${t} ${key} ×${n}`)
      .join('; ')}`,
    `codes: ${Object.entries(report.codes)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
  ];
  if (report.slowest) lines.push(`slowest answer: ${report.slowest.ms.toFixed(0)} ms (${report.slowest.transport}: ${report.slowest.input.slice(0, 160)})`);
  for (const f of report.findings) lines.push(`FINDING ${f.problem} [${f.transport} #${f.index}] ${f.answer}: ${f.input.slice(0, 300)} => ${f.detail.slice(0, 400)}`);
  return lines;
}
