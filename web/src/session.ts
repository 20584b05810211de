/**
 * The browser session: HTTP-only cookies set by the gateway (`delivery: COOKIE`),
 * so the app never sees a token. The access cookie lasts 30 minutes; when a
 * request comes back UNAUTHENTICATED the app asks for new cookies with
 * `refreshTokens` and tries again.
 *
 * Refreshes are rate-limited per device (once a minute) and a refresh token
 * used twice ends the session, so only ONE refresh may be in flight: within a
 * tab through a shared promise, across tabs through a Web Lock, and a tab that
 * waited for another tab's refresh uses its cookies instead of refreshing again.
 */
const REFRESHED_AT = 'vidhub:refreshed-at';
/** A refresh newer than this (by any tab) already gave this browser fresh cookies. */
const FRESH_MS = 30_000;

export const REFRESH_MUTATION = 'mutation Refresh { refreshTokens(delivery: COOKIE) { user { id } } }';

let inFlight: Promise<boolean> | undefined;

/** POSTs one operation to the gateway with the session cookies. */
export async function post<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function refreshOnce(): Promise<boolean> {
  const last = Number(localStorage.getItem(REFRESHED_AT) ?? 0);
  if (Date.now() - last < FRESH_MS) return true;
  try {
    const result = await post<{ refreshTokens: { user: { id: string } } }>(REFRESH_MUTATION);
    if (result.data?.refreshTokens) {
      localStorage.setItem(REFRESHED_AT, String(Date.now()));
      return true;
    }
    return false;
  } catch {
    return false;
  }
}

/** New session cookies; false when the session is over (sign in again). */
export function refreshSession(): Promise<boolean> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('vidhub-refresh', refreshOnce) : await refreshOnce();
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}

/** Forgets the last refresh time (sign-in and sign-out start a new session). */
export function sessionChanged(): void {
  localStorage.removeItem(REFRESHED_AT);
}
