#!/usr/bin/env node
// `npm start`: makes sure the system packages the embedded stack needs are
// present, compiles the TypeScript when anything changed (tsc --incremental),
// builds the web app when it has not been built (web/dist), then hands over to
// the launcher (dist/scripts/launch.js). Plain JavaScript, so that it runs
// before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Taken before the build, which may outlast npm.
const ancestors = npmAncestors();
const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

const needed = [];
if (!process.env.REDIS_URL && !has(process.env.REDIS_SERVER_BIN || 'redis-server')) needed.push('redis-server');
if (!has('ffmpeg') || !has('ffprobe')) needed.push('ffmpeg');
if (needed.length) {
  const r = spawnSync('bash', [path.join(root, 'scripts/install-system-deps.sh'), '--no-browser'], { stdio: 'inherit' });
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

// The web app the gateway serves at /: built once; `npm run build` (or build:web) rebuilds it after changes.
if (!existsSync(path.join(root, 'web/dist/index.html')) && (process.env.WEB_DIR ?? 'web/dist') === 'web/dist') {
  console.log('Building the web app (web/dist)...');
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  if (vite.status !== 0) {
    console.error('The web app did not build; see the errors above.');
    process.exit(1);
  }
}

// The IPC channel is how the launcher notices this process is gone, even by SIGKILL.
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/scripts/launch.js')], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
const stop = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

if (ancestors) watchAncestors(ancestors, () => stop('SIGTERM'));

/**
 * Under `npm start`, npm runs this file through `sh -c`, and a signal sent to
 * npm alone does not reach us: npm passes SIGTERM and SIGINT to the shell only
 * (SIGTERM kills the shell, SIGINT leaves it waiting for us) and dies of SIGHUP
 * without passing it on. So we note our parent and, when it is that shell, npm
 * above it, and stop as if signalled when either goes away. (A SIGINT to npm
 * alone changes nothing we could see; Ctrl-C in a terminal signals every
 * process of the foreground job, this one included.)
 */
function npmAncestors() {
  if (!process.env.npm_lifecycle_event || process.platform === 'win32') return undefined;
  const parent = process.ppid;
  const info = processInfo(parent);
  // A script-shell that execs its command leaves npm itself as our parent.
  return { parent, npm: info && /^\S+ -c /.test(info.args) ? info.ppid : undefined };
}

function watchAncestors({ parent, npm }, onGone) {
  const timer = setInterval(() => {
    if (process.ppid !== parent || (npm !== undefined && !alive(npm))) {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}

/** The parent pid and command line of `pid`: /proc where there is one, else ps. */
function processInfo(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { ppid, args };
  } catch {
    const ps = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
    const m = /^\s*(\d+)\s+(.*)$/.exec(ps.stdout ?? '');
    return m ? { ppid: Number(m[1]), args: m[2] } : undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
