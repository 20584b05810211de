/**
 * The machine's own CPU account, to tell a clean run from a disturbed one.
 *
 * On a small machine shared with other work, a benchmark's numbers move with
 * whatever else runs during it, and the load average taken before the start
 * does not show what started in the middle. Busy CPU time of the whole
 * machine (from /proc/stat) minus the CPU time of the processes the benchmark
 * started is the CPU that something else took during the run: near 0 for a
 * clean run. Linux only; NaN elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** CPU seconds the whole machine has spent busy (user, nice, system, irq, softirq; all cores) since boot. */
export function machineBusySeconds(): number {
  if (process.platform !== 'linux') return Number.NaN;
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return (user + nice + system + irq + softirq) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/** The pid of a process whose command line contains every one of `parts` (e.g. a redis-server on a port), if exactly one does. */
export function findPid(parts: readonly string[]): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (parts.every((p) => cmdline.includes(p))) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Which code ran: the commit, and the files changed on top of it outside
 * bench/ (the tree may be in the middle of someone's work when a benchmark
 * runs). Empty when git is not available.
 */
export function treeLine(root: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.slice(3).trim())
      .filter((f) => f && !f.startsWith('bench/'));
    return `code: commit ${commit}${changed.length ? ` + uncommitted changes in ${changed.join(', ')}` : ', no uncommitted changes outside bench/'}`;
  } catch {
    return '';
  }
}
