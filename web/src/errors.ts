import type { CombinedError } from 'urql';

/** A sentence for the person using the app, from the error's stable code. */
export function describeError(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return 'The server cannot be reached. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  switch (code) {
    case 'CONFLICT':
      return first?.message || 'That already exists.';
    case 'RATE_LIMITED': {
      const wait = Number(first?.extensions?.retryAfterSeconds);
      return Number.isFinite(wait) ? `Too many attempts: try again in ${Math.ceil(wait)} s.` : 'Too many attempts: try again later.';
    }
    case 'UNAUTHENTICATED':
      return first?.message || 'Please sign in.';
    default:
      return first?.message ?? 'Something went wrong.';
  }
}
