/**
 * The repository root, found from this file whether it runs from source (tsx)
 * or compiled (dist/lib/process/paths.js): SDL files under schema/ are read at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(path.join(dir, 'schema'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export function schemaPath(name: string): string {
  return path.join(ROOT, 'schema', `${name}.graphql`);
}

export function readSchema(name: string): string {
  return readFileSync(schemaPath(name), 'utf8');
}
