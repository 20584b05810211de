/**
 * `npm start` as a user runs it: builds, starts embedded infrastructure and five
 * processes, serves the composed graph, and on SIGTERM leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { freePort } from '../lib/infra/redis.js';
import { ROOT } from '../lib/paths.js';


/** Every process below `pid`, children first. */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const kids = out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('npm start serves the graph and SIGTERM stops every process it started', { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-launch-'));
  const [gw, u, v, c, s] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const metrics = { GATEWAY_METRICS_PORT: await freePort(), USER_METRICS_PORT: await freePort(), VIDEO_METRICS_PORT: await freePort(), CHAT_METRICS_PORT: await freePort(), SEARCH_METRICS_PORT: await freePort() };
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, GATEWAY_PORT: String(gw), USER_PORT: String(u), VIDEO_PORT: String(v), CHAT_PORT: String(c), SEARCH_PORT: String(s), LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(metrics).map(([k, p]) => [k, String(p)])) };
  for (const k of ['REDIS_URL', 'S3_ENDPOINT', 'MONGODB_URI', 'ELASTICSEARCH_URL', 'INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET']) delete env[k];
  const launcher = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  launcher.stdout.on('data', (d: Buffer) => (output += d.toString()));
  launcher.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 200_000);
      const check = () => {
        if (output.includes('vidhub is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      launcher.stdout.on('data', check);
      launcher.once('exit', (code) => reject(new Error(`launcher exited ${code}:\n${output}`)));
    });
    assert.match(output, new RegExp(`http://127\\.0\\.0\\.1:${gw}/graphql`));
    // The ready message lists where each service's metrics are scraped, and they answer there.
    for (const [name, port] of Object.entries({ gateway: metrics.GATEWAY_METRICS_PORT, user: metrics.USER_METRICS_PORT, video: metrics.VIDEO_METRICS_PORT, chat: metrics.CHAT_METRICS_PORT, search: metrics.SEARCH_METRICS_PORT })) {
      assert.match(output, new RegExp(`${name} http://127\\.0\\.0\\.1:${port}/metrics`));
      assert.match(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), new RegExp(`process_cpu_user_seconds_total\\{service="${name}"\\}`));
    }

    const res = await fetch(`http://127.0.0.1:${gw}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ videos(first: 1) { edges { cursor } } search(query: "x") { total } }' }),
    });
    assert.deepEqual(await res.json(), { data: { videos: { edges: [] }, search: { total: 0 } } });

    const tree = descendants(launcher.pid!);
    // start.mjs -> launch.js -> redis-server + 5 services
    assert.ok(tree.length >= 7, `expected the launcher's processes, got ${tree.length}`);
    launcher.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => launcher.once('exit', (c) => resolve(c)));
    assert.equal(code, 0, output);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(tree.filter(alive), [], 'every child process has exited');
  } finally {
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
