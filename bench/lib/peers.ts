/**
 * Packages a benchmark needs but the platform does not (a load generator, a
 * gateway to compare with). They live in bench/peers (git-ignored) with their
 * own package.json, installed with exact versions by the benchmark itself on
 * first use, so that the project's dependencies stay what the product needs
 * and every run measures the same versions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PEERS_DIR = path.join(ROOT, 'bench', 'peers');

/**
 * Pinned versions. graphql is pinned beside Hive Gateway because its `latest`
 * tag is 17 and the platform runs 16. `@graphql-hive/router-runtime` is Hive
 * Gateway's Rust query planner (used when HIVE_ROUTER_RUNTIME=true). The
 * Grafbase CLI package ships its Linux binary (the Rust gateway engine that
 * `grafbase dev` serves); nothing is downloaded when it runs.
 */
export const PEER_VERSIONS = {
  '@grafbase/cli-x86_64-unknown-linux-musl': '0.103.0',
  '@graphql-hive/gateway': '2.15.1',
  '@graphql-hive/router-runtime': '1.4.23',
  autocannon: '8.0.0',
  graphql: '16.15.0',
} as const;
export type PeerName = keyof typeof PEER_VERSIONS;

export function installedVersion(name: string): string | undefined {
  const pkg = path.join(PEERS_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(pkg)) return undefined;
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version;
}

/**
 * Installs the named peers (and graphql) at their pinned versions unless they
 * are already there. npm's output goes to stderr: stdout carries the report.
 */
export function ensurePeers(names: readonly PeerName[], log: (s: string) => void = () => {}): void {
  const wanted = [...new Set<PeerName>([...names, 'graphql'])];
  const missing = wanted.filter((n) => installedVersion(n) !== PEER_VERSIONS[n]);
  if (missing.length === 0) return;
  const specs = wanted.map((n) => `${n}@${PEER_VERSIONS[n]}`);
  log(`installing ${specs.join(' ')} into ${path.relative(ROOT, PEERS_DIR)} (first run only; Hive Gateway is ~770 packages, about a minute)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', PEERS_DIR, '--save-exact', '--no-audit', '--no-fund', '--loglevel', 'error', ...specs], {
    cwd: ROOT,
    stdio: ['ignore', 2, 'inherit'],
  });
  const still = wanted.filter((n) => installedVersion(n) !== PEER_VERSIONS[n]);
  if (r.status !== 0 || still.length) throw new Error(`npm install --prefix bench/peers failed (exit ${r.status ?? r.signal}); missing: ${still.join(', ') || 'none'}`);
}

/** `require` resolving from bench/peers (autocannon is CommonJS). */
export const requirePeer = createRequire(path.join(PEERS_DIR, 'package.json'));

/** The Hive Gateway CLI entry (run with `node`, so that our preload and flags apply). */
export function hiveGatewayBin(): string {
  return path.join(PEERS_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
}

/** The Grafbase CLI binary (x86-64 Linux; the package holds nothing else). */
export function grafbaseBin(): string {
  return path.join(PEERS_DIR, 'node_modules', '@grafbase', 'cli-x86_64-unknown-linux-musl', 'grafbase');
}
