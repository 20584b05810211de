import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { ROOT } from './process/paths.js';

test('defaults apply when nothing is set', () => {
  const c = loadConfig({});
  assert.equal(c.GATEWAY_PORT, 4000);
  assert.equal(c.NODE_ENV, 'development');
  assert.equal(c.REDIS_URL, undefined);
  assert.deepEqual(c.CORS_ORIGINS, []);
});

test('a malformed variable is named in the error', () => {
  assert.throws(
    () => loadConfig({ REDIS_URL: 'localhost:6379', USER_PORT: 'abc' }),
    (err: unknown) => err instanceof ConfigError && /REDIS_URL/.test(err.message) && /USER_PORT/.test(err.message),
  );
});

test('production requires the secrets', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /INTERNAL_IDENTITY_SECRET.*required/s);
});

test('S3_ENDPOINT needs its keys', () => {
  assert.throws(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' }), /S3_ACCESS_KEY/);
});

test('a service started with a malformed variable exits non-zero naming it', () => {
  for (const entry of ['subgraphs/user/main.ts', 'gateway/main.ts']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
      env: { ...process.env, REDIS_URL: 'not-a-url', GATEWAY_PORT: '70000' },
      encoding: 'utf8',
      // Compiling and importing a service on the fly takes seconds on a quiet machine and can take
      // far longer on a busy one; the timeout only stops a service that would never exit.
      timeout: 300_000,
    });
    assert.equal(r.status, 1, entry);
    assert.match(r.stderr, /REDIS_URL: must start with redis:\/\//, entry);
    assert.match(r.stderr, /GATEWAY_PORT/, entry);
  }
});
