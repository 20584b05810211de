/**
 * The error codes a client can see (`extensions.code`) and helpers to raise them.
 *
 * Every error leaving a service carries one of these codes. Anything else that
 * escapes a resolver is reported as INTERNAL_SERVER_ERROR, with the original
 * message hidden outside development (see `formatError`).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isObjectStoreUnavailable } from './storage/objectStoreErrors.js';
import { isRedisUnavailable } from './redis/client.js';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  LLM_NOT_CONFIGURED: 'LLM_NOT_CONFIGURED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** An operation over one of the gateway's limits (depth, aliases, cost...): `extensions.limit`, `max`, `actual`. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** The request (its body) or its execution took longer than the server allows. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The HTTP request itself is malformed (not JSON, no query, bad multipart). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The document is not valid GraphQL syntax. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not match the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** A GraphQL error with a stable code and optional extra fields (e.g. `retryAfterSeconds`). */
export function appError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

export const unauthenticated = (message = 'Sign in to do this.') =>
  appError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  appError(ErrorCode.FORBIDDEN, message);
export const badInput = (message: string, extra?: Record<string, unknown>) =>
  appError(ErrorCode.BAD_USER_INPUT, message, extra);
export const notFound = (message: string) => appError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string) => appError(ErrorCode.CONFLICT, message);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  appError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/** What a client reads when a backing service (Redis) could not answer in time. */
export const UNAVAILABLE_MESSAGE = 'A backing service is temporarily unavailable; retry shortly.';

/**
 * Thrown by store adapters when a unique constraint is violated, so that the
 * service above can answer CONFLICT whatever the engine (SQLite or MongoDB).
 */
export class UniqueViolation extends Error {
  constructor(readonly field: string) {
    super(`duplicate value for ${field}`);
    this.name = 'UniqueViolation';
  }
}

/** Codes Apollo Server itself assigns to a client's mistakes about the request or the document. */
const APOLLO_CLIENT_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * The code an error is reported under, from a bounded set (metric labels):
 * ours and Apollo's client codes as they are, anything else
 * INTERNAL_SERVER_ERROR, as `formatError` reports it to the client.
 */
export function knownCode(code: unknown): string {
  return typeof code === 'string' && (PUBLIC_CODES.has(code) || APOLLO_CLIENT_CODES.has(code)) ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Apollo's refusals of a malformed persisted-query request carry no code (so
 * they would read as INTERNAL_SERVER_ERROR); they are the client's mistake.
 */
const APOLLO_BAD_REQUESTS: [RegExp, string][] = [
  [/^provided sha does not match query$/, 'extensions.persistedQuery.sha256Hash is not the SHA-256 (hex) of query.'],
  [/^Unsupported persisted query version$/, 'Unsupported persisted query version: send extensions.persistedQuery.version 1.'],
];

/**
 * Extensions that describe our internals, never the client's request: the
 * subgraph's URL and raw answer (@apollo/gateway copies them into errors built
 * from a non-2xx answer), which service failed, stack traces.
 */
const INTERNAL_EXTENSIONS = ['stacktrace', 'response', 'serviceName', 'exception'];

function withoutInternals(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extensions ?? {})) if (!INTERNAL_EXTENSIONS.includes(k)) out[k] = v;
  return out;
}

/**
 * Apollo `formatError`: keeps our codes (and the codes of Apollo's own client
 * errors), turns everything else into INTERNAL_SERVER_ERROR, and outside
 * development (`exposeDetails` false) strips stack traces, internal messages
 * and every extension that names an internal address or service.
 *
 * A backing service that could not answer (Redis stalled, down or
 * restarting; the object store down, restarting or asking to slow down),
 * wherever a resolver met it, is UPSTREAM_UNAVAILABLE with one
 * message: the request did not fail for anything the client did and may
 * succeed if retried shortly. This is the one place resolvers rely on for it;
 * none of them catches such errors itself.
 */
export function makeFormatError(exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = formatted.extensions?.code;
    if ((code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) && (isRedisUnavailable(error) || isObjectStoreUnavailable(error))) {
      code = ErrorCode.UPSTREAM_UNAVAILABLE;
      if (exposeDetails) return { ...formatted, message: UNAVAILABLE_MESSAGE, extensions: { ...formatted.extensions, code } };
      return { message: UNAVAILABLE_MESSAGE, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
    }
    const badRequest = code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR ? APOLLO_BAD_REQUESTS.find(([re]) => re.test(formatted.message)) : undefined;
    if (badRequest) {
      code = ErrorCode.BAD_REQUEST;
      formatted = { ...formatted, message: badRequest[1], extensions: { ...withoutInternals(formatted.extensions), code } };
    }
    // Errors from GraphQL validation/parsing keep Apollo's codes (GRAPHQL_VALIDATION_FAILED, ...):
    // they describe the client's document, not our internals.
    if (typeof code === 'string' && (PUBLIC_CODES.has(code) || code.startsWith('GRAPHQL_') || APOLLO_CLIENT_CODES.has(code))) {
      if (exposeDetails) return formatted;
      if (code === ErrorCode.INTERNAL_SERVER_ERROR) return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
      return { ...formatted, extensions: withoutInternals(formatted.extensions) };
    }
    if (exposeDetails) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Maps store-level errors to client errors: a unique violation becomes CONFLICT. */
export function mapStoreError(err: unknown, conflictMessage: (field: string) => string): unknown {
  if (err instanceof UniqueViolation) return conflict(conflictMessage(err.field));
  return err;
}
