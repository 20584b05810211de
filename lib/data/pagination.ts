/** Opaque cursors and page-size checks shared by every paginated field. */
import { validate as isUuid } from 'uuid';
import { badInput } from '../errors.js';

/** The nil UUID: as a resume cursor, before every id ("from the start"). */
export const NIL_ID = '00000000-0000-0000-0000-000000000000';

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

/**
 * A resume cursor that is an id. Ids made with uuid v7 start with their
 * creation time in milliseconds, so in lower case they compare as strings in
 * creation order; the nil UUID comes before all of them.
 */
export function idCursor(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`${field} is an id the server gave, or ${NIL_ID} for "from the start".`, { field });
  return value.toLowerCase();
}
