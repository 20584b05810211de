/**
 * The gateway's access log and operation metrics: one line per operation,
 * over HTTP or graphql-ws, written when its answer is ready (a subscription:
 * when it ends), with the same facts observed in
 * `vidhub_gateway_operation_duration_seconds`.
 *
 * Fields (README.md, Logs): `rid`, `traceId` (when tracing is on), `operation`,
 * `type`, `transport`, `durationMs`, `outcome`, `codes`,
 * `userId`, `clientIp`, and `status` (HTTP) or `events` (subscriptions).
 *
 * Level: `error` when the answer holds a server fault (INTERNAL_SERVER_ERROR,
 * UPSTREAM_UNAVAILABLE), `warn` when the request was refused (authentication,
 * permission, rate limits, operation limits, malformed requests), `info`
 * otherwise. So a brute-force attempt or a flood of refused operations leaves
 * a trail at warn level even where info is off.
 *
 * Where the line is written:
 * - operations Apollo runs (HTTP, and queries and mutations over graphql-ws):
 *   by the plugin, when the response is ready;
 * - HTTP requests refused before Apollo runs the operation (a bad bearer
 *   token, a body that is not JSON or too large, CSRF prevention): when the
 *   response is finished, with the code the status stands for;
 * - subscriptions and refused socket operations: by the subscription bridge.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { ErrorCode } from '../lib/errors.js';
import type { Logger } from '../lib/observability/logger.js';
import { currentTraceId } from '../lib/observability/tracing.js';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics, OperationType, Outcome } from './metrics.js';

/** How an operation reached the gateway: plain HTTP, a graphql-ws socket, or a subscription streamed over HTTP (SSE or multipart). */
export type Transport = 'http' | 'ws' | 'sse' | 'multipart';

/** The request's own record, made when it arrives; the line is written once. */
export interface AccessEntry {
  readonly rid: string;
  /** The trace the request belongs to (tracing on), taken when the request arrives. */
  readonly traceId: string | undefined;
  /** performance.now() when the request arrived (HTTP) or the operation started (graphql-ws). */
  readonly start: number;
  readonly transport: Transport;
  readonly clientIp: string | undefined;
  written: boolean;
  /** Codes known before GraphQL ran (a refused access token). */
  codes?: string[];
}

export interface OperationRecord {
  rid?: string | undefined;
  /** The trace the request belongs to; absent when tracing is off. */
  traceId?: string | undefined;
  /** The operation's name: from the document when it resolved, else as the client sent it. */
  name?: string | null | undefined;
  /** Whether the name comes from a resolved operation (only those become metric labels). */
  resolved: boolean;
  type: OperationType;
  transport: Transport;
  start: number;
  outcome?: Outcome;
  codes: readonly string[];
  userId?: string | undefined;
  clientIp?: string | undefined;
  status?: number;
  events?: number;
}

/** Server faults: the answer failed through no fault of the client. */
const FAULTS = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.UPSTREAM_UNAVAILABLE]);
/** Refusals: the client was not allowed, was over a limit, or sent something malformed. */
const REFUSALS = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.RATE_LIMITED,
  ErrorCode.OPERATION_LIMIT_EXCEEDED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.REQUEST_TIMEOUT,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The code an HTTP error status stands for, when the answer was written before GraphQL ran (README.md, Errors). */
function codeForStatus(status: number): string {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 408) return ErrorCode.REQUEST_TIMEOUT;
  if (status === 413) return ErrorCode.PAYLOAD_TOO_LARGE;
  if (status >= 500) return ErrorCode.INTERNAL_SERVER_ERROR;
  return ErrorCode.BAD_REQUEST;
}

/** Operation names in log lines are the client's: kept, but not at any length. */
const MAX_LOGGED_NAME = 128;

export function codesOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string[] {
  if (!errors?.length) return [];
  const codes: string[] = [];
  for (const e of errors) {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

export class AccessLog {
  private readonly log: Logger;
  /** The plugin's per-request hooks: one object for every request, nothing allocated per request. */
  private readonly listener;

  constructor(
    log: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    this.log = log.child({ component: 'access' });
    this.listener = {
      willSendResponse: async (rc: GraphQLRequestContextWillSendResponse<GatewayContext>) => this.fromApollo(rc),
    };
  }

  /** Writes one operation's line and records it in the metrics. */
  record(r: OperationRecord): void {
    const seconds = (performance.now() - r.start) / 1000;
    const outcome: Outcome = r.outcome ?? (r.codes.length ? 'error' : 'success');
    this.metrics.operation(this.metrics.operationLabel(r.name, r.resolved), r.type, outcome, seconds, r.codes);
    const level = r.codes.some((c) => FAULTS.has(c)) ? 'error' : r.codes.some((c) => REFUSALS.has(c)) ? 'warn' : 'info';
    // The line is built only when it will be written (LOG_LEVEL=warn skips successes for free).
    if (!this.log.isLevelEnabled(level)) return;
    const line = {
      rid: r.rid,
      traceId: r.traceId,
      operation: r.name ? r.name.slice(0, MAX_LOGGED_NAME) : undefined,
      type: r.type,
      transport: r.transport,
      durationMs: Math.round(seconds * 10_000) / 10,
      outcome,
      ...(r.codes.length ? { codes: r.codes } : {}),
      userId: r.userId,
      clientIp: r.clientIp,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.events !== undefined ? { events: r.events } : {}),
    };
    this.log[level](line, level === 'error' ? 'operation failed' : level === 'warn' ? 'operation refused' : 'operation');
  }

  /** A graphql-ws connection refused before any operation (bad token, disallowed origin). */
  socketRefused(code: string, clientIp: string | undefined, reason: string): void {
    this.log.warn({ transport: 'ws', outcome: 'error', codes: [code], clientIp, reason }, 'socket refused');
  }

  /** The entry of an HTTP request to /graphql; writes its line at the end if Apollo never ran the operation. */
  http(res: http.ServerResponse, rid: string, clientIp: string | undefined): AccessEntry {
    const entry: AccessEntry = { rid, traceId: currentTraceId(), start: performance.now(), transport: 'http', clientIp, written: false };
    res.once('close', () => {
      // Answered before GraphQL ran, and answered with an error: a landing page or a CORS preflight is not an operation.
      if (entry.written || !res.writableFinished || res.statusCode < 400) return;
      entry.written = true;
      this.record({ rid, traceId: entry.traceId, resolved: false, type: 'unknown', transport: 'http', start: entry.start, codes: entry.codes ?? [codeForStatus(res.statusCode)], clientIp, status: res.statusCode });
    });
    return entry;
  }

  /** A fresh entry for an operation over graphql-ws or a streaming HTTP transport (in its trace, when traced). */
  socket(rid: string, clientIp: string | undefined, transport: Transport = 'ws'): AccessEntry {
    return { rid, traceId: currentTraceId(), start: performance.now(), transport, clientIp, written: false };
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    const listener = this.listener;
    return {
      async requestDidStart() {
        return listener;
      },
    };
  }

  private fromApollo(rc: GraphQLRequestContextWillSendResponse<GatewayContext>): void {
    const context = rc.contextValue;
    const entry = context.access;
    if (!entry || entry.written) return;
    entry.written = true;
    const body = rc.response.body;
    const codes = body.kind === 'single' ? codesOf(body.singleResult.errors) : [];
    // A document that parsed but was refused (validation, limits) still says what it was; only the log takes its name.
    const operation = rc.operation ?? (rc.document ? getOperationAST(rc.document, rc.request.operationName) : undefined);
    this.record({
      rid: entry.rid,
      traceId: entry.traceId,
      name: operation?.name?.value ?? rc.request.operationName,
      resolved: rc.operation !== undefined,
      type: operation?.operation ?? 'unknown',
      transport: entry.transport,
      start: entry.start,
      ...(context.signal?.aborted ? { outcome: 'cancelled' as const } : {}),
      codes,
      userId: context.viewer.userId ?? undefined,
      clientIp: entry.clientIp,
      ...(entry.transport === 'http' ? { status: rc.response.http.status ?? 200 } : {}),
    });
  }
}
