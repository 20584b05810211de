/**
 * What a process spent, read from /proc: CPU seconds (user + system) and the
 * peak of its resident memory over a phase. A throughput number says how fast;
 * these say at what cost and where, since the load generator, the stack and
 * its redis-server share the same few cores. Linux only: elsewhere the
 * readings are NaN and the tables print '-'.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU seconds (user + system) a process has used so far; NaN when unknown. Children that exited and were waited for are not included. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined || process.platform !== 'linux') return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/** The processes below `pid` (children, their children, ...), from /proc; empty when unknown. */
export function descendantPids(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  const parentOf = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid), the second after the command name's closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(ppid, [...(parentOf.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while listing
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const child of parentOf.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/**
 * CPU seconds of several processes, keyed by a label, so a phase can report
 * each one's share. A label given in `trees` counts its process and every
 * process below it (a cluster primary and its workers), as they are at each
 * reading: a process that appears during the phase counts from its start.
 */
export class CpuMeter {
  private start: Record<string, Map<number, number>> = {};

  constructor(
    private readonly pids: Record<string, number | undefined>,
    private readonly trees: readonly string[] = [],
  ) {}

  /** Starts (or restarts) measuring. */
  mark(): void {
    this.start = this.read();
  }

  /** CPU seconds per label since `mark()`. */
  since(): Record<string, number> {
    const now = this.read();
    return Object.fromEntries(
      Object.entries(now).map(([label, readings]) => {
        const before = this.start[label];
        if (!before) return [label, Number.NaN];
        let total = 0;
        for (const [pid, seconds] of readings) total += seconds - (before.get(pid) ?? (pid === this.pids[label] ? Number.NaN : 0));
        return [label, readings.size ? total : Number.NaN];
      }),
    );
  }

  /** Processes (and their CPU seconds) each label counts now. */
  processes(label: string): number[] {
    const pid = this.pids[label];
    if (pid === undefined) return [];
    return this.trees.includes(label) ? [pid, ...descendantPids(pid)] : [pid];
  }

  private read(): Record<string, Map<number, number>> {
    return Object.fromEntries(
      Object.keys(this.pids).map((label) => {
        if (label === 'bench') return [label, new Map([[process.pid, ownCpuSeconds()]])];
        const readings = new Map<number, number>();
        for (const pid of this.processes(label)) {
          const seconds = cpuSeconds(pid);
          if (Number.isFinite(seconds) || pid === this.pids[label]) readings.set(pid, seconds);
        }
        return [label, readings];
      }),
    );
  }
}

/** This process's CPU seconds (works on every platform). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** A process's resident memory in bytes, from /proc; undefined when unknown (gone, or not Linux). */
export function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Samples a value every `intervalMs` and keeps the highest: the peak RSS of
 * the stack during a phase, which a reading at the end would miss.
 */
export function peakSampler(read: () => number | undefined, intervalMs = 200): { peak(): number; stop(): number } {
  let peak = read() ?? Number.NaN;
  const take = () => {
    const v = read();
    if (v !== undefined && !(v <= peak)) peak = v;
  };
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/**
 * CPU seconds per second the stack spends doing nothing asked of it (timers,
 * blocking stream reads, lock renewals), measured over `ms` of idleness: the
 * floor under every phase's CPU column.
 */
export async function idleCpuPerSecond(pid: number, ms = 2000): Promise<number> {
  const before = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, ms));
  return (cpuSeconds(pid) - before) / (ms / 1000);
}
