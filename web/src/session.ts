/**
 * The browser session: HTTP-only cookies set by the gateway (`delivery: COOKIE`),
 * so the app never sees a token. The access cookie lasts 30 minutes; when a
 * request comes back UNAUTHENTICATED the app asks for new cookies with
 * `refreshTokens` and tries again.
 *
 * Refreshes are rate-limited per login and device (once a minute) and a refresh token
 * used twice ends the session (unless the second use is within 30 s, as when a
 * page navigated away before the first answer), so only ONE refresh may be in flight: within a
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

/** Dispatched on window when a refresh is refused: the session is over. */
export const SESSION_ENDED = 'vidhub:session-ended';

/** New session cookies; false when the session is over (sign in again). */
export function refreshSession(): Promise<boolean> {
  inFlight ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const refreshed = locks ? await locks.request('vidhub-refresh', refreshOnce) : await refreshOnce();
      if (!refreshed) {
        localStorage.removeItem(SIGNED_IN);
        window.dispatchEvent(new Event(SESSION_ENDED));
      }
      return refreshed;
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}

const SIGNED_IN = 'vidhub:signed-in';

/** Forgets the last refresh time (sign-in and sign-out start a new session) and notes whether one is open. */
export function sessionChanged(signedIn: boolean): void {
  localStorage.removeItem(REFRESHED_AT);
  if (signedIn) localStorage.setItem(SIGNED_IN, '1');
  else localStorage.removeItem(SIGNED_IN);
}

/**
 * Whether this browser signed in and has not signed out: then an anonymous
 * answer means the access cookie ran out (it lives 30 minutes; the refresh
 * cookie, which the page cannot read, 7 days), and a refresh is worth trying.
 */
export function mayHaveSession(): boolean {
  return localStorage.getItem(SIGNED_IN) === '1';
}
