import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, objectStoreTarget, serviceConfig } from './config.js';
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

test('stage two requires the secrets and a Redis, naming each missing variable and what provides it', () => {
  const stageOne = loadConfig({});
  assert.throws(
    () => serviceConfig(stageOne),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems.map((p) => p.variable).sort(), ['INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'REDIS_URL']);
      assert.match(err.message, /INTERNAL_IDENTITY_SECRET: is not set: the launcher \(`npm start`\)/);
      assert.match(err.message, /REDIS_URL: is not set: start the platform with `npm start`.*REDIS_CLUSTER_NODES/);
      return true;
    },
  );
});

test('stage two takes what the embedded infrastructure filled in, validated like the environment', () => {
  const secrets = { INTERNAL_IDENTITY_SECRET: 'i'.repeat(32), JWT_ACCESS_SECRET: 'a'.repeat(32), JWT_REFRESH_SECRET: 'r'.repeat(32) };
  const stageOne = loadConfig({ USER_PORT: '5001' });
  const config = serviceConfig(stageOne, { ...secrets, REDIS_URL: 'redis://127.0.0.1:6390', S3_ENDPOINT: 'http://127.0.0.1:9100', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's' });
  assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6390');
  assert.equal(config.JWT_ACCESS_SECRET, secrets.JWT_ACCESS_SECRET);
  assert.equal(config.USER_PORT, 5001, 'stage one values are kept, not reset to their defaults');
  assert.deepEqual(objectStoreTarget(config), { S3_ENDPOINT: 'http://127.0.0.1:9100', S3_ACCESS_KEY: 'k', S3_SECRET_KEY: 's' });
  assert.throws(() => serviceConfig(stageOne, { ...secrets, REDIS_URL: 'localhost:6379' }), /REDIS_URL: must start with redis:\/\//);
  assert.throws(() => serviceConfig(stageOne, { ...secrets, JWT_ACCESS_SECRET: 'short' }), /JWT_ACCESS_SECRET: must be at least 32 characters/);
  // A cluster is a Redis too.
  assert.equal(serviceConfig(loadConfig({ ...secrets, REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).REDIS_CLUSTER_NODES, 'a:7000,b:7001');
});

test('object storage is required only where it is asked for, with a message naming what is missing', () => {
  assert.throws(() => objectStoreTarget(loadConfig({})), /S3_ENDPOINT: is not set: start the platform with `npm start` \(it runs an embedded S3 server\)/);
});
