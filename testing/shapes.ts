/** Reading parsed YAML (manifests, compose files) by shape, failing with the path of what is wrong. */
import assert from 'node:assert/strict';

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function dict(value: unknown, what: string): Dict {
  assert.ok(isDict(value), `${what} must be a mapping`);
  return value;
}
export function list(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  assert.ok(Array.isArray(value), `${what} must be a list`);
  return value;
}
