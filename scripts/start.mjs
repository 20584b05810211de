#!/usr/bin/env node
// `npm start`: makes sure the system packages the embedded stack needs are
// present, compiles the TypeScript when anything changed (tsc --incremental),
// then hands over to the launcher (dist/scripts/launch.js). Plain JavaScript,
// so that it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

const needed = [];
if (!process.env.REDIS_URL && !has(process.env.REDIS_SERVER_BIN || 'redis-server')) needed.push('redis-server');
if (!has('ffmpeg') || !has('ffprobe')) needed.push('ffmpeg');
if (needed.length) {
  const r = spawnSync('bash', [path.join(root, 'scripts/install-system-deps.sh')], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nMissing system packages: ${needed.join(', ')}.\n  Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${needed.join(' ')}\n  macOS: brew install redis ffmpeg`);
    process.exit(1);
  }
}

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('Build failed; see the errors above.');
  process.exit(1);
}

const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/scripts/launch.js')], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
