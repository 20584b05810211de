/**
 * Service-to-service GraphQL: one platform service calling another subgraph
 * directly (full syncs), with an internal identity that carries the service
 * role and no user. Subgraphs allow the few operations meant for this with the
 * isService rule; the gateway never lets a user token carry that role.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, appError } from '../errors.js';
import { INTERNAL_IDENTITY_HEADER, REQUEST_ID_HEADER, signInternalIdentity } from './identity.js';
import { SERVICE_ROLE } from './shield.js';

/** @default 30 s */
const SERVICE_TIMEOUT_MS = 30_000;

export async function serviceQuery<T>(url: string, secret: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const requestId = randomUUID();
  const identity = await signInternalIdentity(secret, { userId: null, roles: [SERVICE_ROLE] }, requestId);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity, [REQUEST_ID_HEADER]: requestId },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
  }).catch((err: unknown) => {
    throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `${url} is unreachable: ${(err as Error).message}`);
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `${url} answered: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`}`);
  }
  return body.data;
}
