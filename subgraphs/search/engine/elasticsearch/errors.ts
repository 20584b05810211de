/** Errors of the Elasticsearch client, read by shape and wrapped with the action that failed. */

export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrap(action, err);
  }
}

/**
 * The client's ResponseError, read by shape rather than instanceof: the package ships
 * separate CommonJS and ESM builds, and an error class from one is not an instance of
 * the other's (the official mock, for one, loads the CommonJS build).
 */
function responseError(err: unknown): { statusCode?: number; type?: string; reason?: string } | undefined {
  if (typeof err !== 'object' || err === null || (err as Error).name !== 'ResponseError') return undefined;
  const { statusCode, body } = err as { statusCode?: number; body?: { error?: { type?: string; reason?: string } } };
  return { statusCode, type: body?.error?.type, reason: body?.error?.reason };
}

export function errorType(err: unknown): string | undefined {
  return responseError(err)?.type;
}

export function wrap(action: string, err: unknown): Error {
  const response = responseError(err);
  const reason = response?.type
    ? `${response.statusCode ?? ''} ${response.type}: ${response.reason ?? ''}`.trim()
    : err instanceof Error
      ? err.message
      : String(err);
  return new Error(`Elasticsearch: could not ${action} (${reason})`, { cause: err });
}
