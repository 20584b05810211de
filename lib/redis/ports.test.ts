import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { canListen, freePort } from './embedded.js';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

test('processes picking ports at the same time never get the same one', { timeout: 120_000 }, async () => {
  // Four processes, 200 picks each, all at once: 800 random picks from the
  // ~22,000 ports below the outgoing range would repeat a port about 14 times
  // if nothing but a listen check kept them apart.
  const script = `import { freePort } from ${JSON.stringify(path.join(HERE, 'embedded.ts'))};
    const ports = await Promise.all(Array.from({ length: 200 }, () => freePort()));
    console.log(JSON.stringify(ports));`;
  const outputs = await Promise.all(
    Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.join(HERE, '../..') })),
  );
  const ports = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as number[]);
  assert.equal(ports.length, 800);
  const repeated = ports.filter((port, i) => ports.indexOf(port) !== i);
  assert.deepEqual(repeated, [], 'no port handed out twice');
  assert.ok(
    ports.every((port) => port >= 10_000 && port < ephemeralLow),
    'every port lies below the range outgoing connections take theirs from',
  );
});

test('a port for a server that also listens at an offset (a Redis Cluster bus) has both free', async () => {
  for (let i = 0; i < 20; i++) {
    const port = await freePort([10_000]);
    assert.ok(port + 10_000 < ephemeralLow, `${port} + 10000 lies below the outgoing range`);
    assert.ok((await canListen(port)) && (await canListen(port + 10_000)), `${port} and ${port + 10_000} are free`);
  }
});
