/** Opaque cursors and page-size checks shared by every paginated field. */
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor == null) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!value || encodeCursor(value) !== cursor) throw badInput('Invalid cursor: pass an endCursor from a previous page.');
  return value;
}

export function checkPageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  return n;
}
