import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { hasExited, stopChild } from './childProcess.js';

/** A node child running `source`, resolved once it has printed "ready" (its signal handlers are in place). */
async function child(source: string) {
  const proc = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(proc.stdout, 'data')) as [Buffer];
  assert.equal(chunk.toString().trim(), 'ready');
  return proc;
}

// Bounds are generous wherever the child is expected to exit by itself, so a busy machine cannot turn it into a kill.
const GENEROUS = 120_000;

test('a child that exits on SIGTERM is stopped without SIGKILL', async () => {
  const proc = await child(`process.on('SIGTERM', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000);`);
  let warned = false;
  assert.equal(await stopChild(proc, { timeoutMs: GENEROUS, onTimeout: () => (warned = true) }), 'exited');
  assert.equal(proc.exitCode, 0);
  assert.equal(warned, false);
});

test('a child that ignores SIGTERM is killed once the bound has passed, and has exited when stopChild resolves', async () => {
  const proc = await child(`process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);`);
  let warned = false;
  assert.equal(await stopChild(proc, { timeoutMs: 100, onTimeout: () => (warned = true) }), 'killed');
  assert.equal(proc.signalCode, 'SIGKILL');
  assert.ok(hasExited(proc));
  assert.equal(warned, true);
});

test('the SIGKILL goes where the caller says', async () => {
  const proc = await child(`process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);`);
  assert.equal(await stopChild(proc, { timeoutMs: 100, kill: () => proc.kill('SIGINT') }), 'killed');
  assert.equal(proc.signalCode, 'SIGINT');
});

test('a child that has already exited resolves at once', async () => {
  const proc = await child(`console.log('ready');`);
  if (!hasExited(proc)) await once(proc, 'exit');
  assert.equal(await stopChild(proc, { timeoutMs: GENEROUS }), 'exited');
});
