/**
 * Which object-store failures are worth a retry. Kept apart from the store's
 * client (objectStore.ts) so that every service can classify errors without
 * loading minio.
 */

function errorCode(err: object): string | undefined {
  return 'code' in err ? String(err.code) : undefined;
}

/**
 * Errors of a connection to the store that could not be made or was lost
 * (the server down, restarting or unreachable), as Node and undici report them.
 */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** S3 answers that mean "not now": the server is overloaded or briefly unable to serve (HTTP 503). */
const NOT_NOW = new Set(['ServiceUnavailable', 'SlowDown']);

/**
 * True when `err` (or what it wraps: `originalError`, `cause`) says the object
 * store could not be reached, dropped the connection or asked to be retried
 * later, as opposed to refusing the request. Used to answer
 * UPSTREAM_UNAVAILABLE (`formatError`, lib/errors.ts): the client may retry.
 * A connection failure looks the same whatever server it was to; resolvers
 * that call other services wrap those failures themselves (lib/auth/serviceClient.ts).
 */
export function isObjectStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = errorCode(e);
    if (code !== undefined && (UNREACHABLE.has(code) || NOT_NOW.has(code))) return true;
    const next = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    if (next === e) break;
    e = next;
  }
  return false;
}
