/**
 * Memory over a long run: per process, RSS and its anonymous part, open
 * descriptors, and for Node processes the JS heap and active resources (over
 * the benchmark's IPC channel, service-preload.mjs), Redis's used_memory for
 * redis-server; the least-squares trend of each, and what counts as growth.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { MiB } from './client.js';
import { fmt, loadNow } from './report.js';
import type { ServiceProcess } from './services.js';

export interface Fit {
  /** Per minute. */
  slope: number;
  /** Standard error of the slope, per minute. */
  se: number;
  r2: number;
  n: number;
}

/**
 * Least-squares line through (minutes, value). The standard error assumes
 * independent residuals, which consecutive samples of a heap are not (a GC
 * cycle spans several), so it is a lower bound: read it as "confidence-ish".
 */
export function linearFit(points: readonly (readonly [number, number])[]): Fit {
  const n = points.length;
  if (n < 3) return { slope: Number.NaN, se: Number.NaN, r2: Number.NaN, n };
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const slope = sxy / sxx;
  const sse = Math.max(0, syy - slope * sxy);
  return { slope, se: Math.sqrt(sse / (n - 2) / sxx), r2: syy === 0 ? 0 : 1 - sse / syy, n };
}

/** What counts as growth: more than 1 MiB a minute, along a line that explains most of the movement. */
export const GROWTH_MIB_PER_MIN = 1;
export const GROWTH_R2 = 0.5;
export const grows = (f: Fit) => f.slope > GROWTH_MIB_PER_MIN && f.r2 > GROWTH_R2;

export interface ProcReading {
  rssMiB: number;
  /**
   * The anonymous part of RSS (heaps, malloc): where a leak shows. The rest is
   * file-backed and shared pages (code, mapped files such as SQLite's WAL
   * index), which grow with what is read, not with what is kept.
   */
  anonMiB: number;
  fds: number;
  /** JS heap used (Node processes), or Redis's used_memory. */
  heapMiB?: number;
  /** What V8 has reserved for its heap (used or not). */
  heapTotalMiB?: number;
  /** Memory of Buffers and other objects held outside the JS heap (Node processes). */
  externalMiB?: number;
  resources?: Record<string, number>;
}

export interface Sample {
  /** Seconds since the load started (negative: before; the "after" sample is past the end). */
  t: number;
  load1: number;
  procs: Record<string, ProcReading | undefined>;
}

function readRss(pid: number): { rss: number; anon: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
    const rss = kib('VmRSS');
    return Number.isNaN(rss) ? undefined : { rss, anon: kib('RssAnon') };
  } catch {
    return undefined;
  }
}

function countFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

export interface Watched {
  name: string;
  pid: number;
  service?: ServiceProcess;
  /** Not part of the platform proper: sampled for context, never "dead". */
  context?: boolean;
}

export async function takeSample(watched: readonly Watched[], redis: Redis, t: number): Promise<Sample> {
  const procs: Sample['procs'] = {};
  await Promise.all(
    watched.map(async (w) => {
      const rss = readRss(w.pid);
      if (rss === undefined) return;
      const reading: ProcReading = { rssMiB: rss.rss, anonMiB: rss.anon, fds: countFds(w.pid) };
      if (w.service) {
        const stats = await w.service.stats().catch(() => undefined);
        if (stats) {
          reading.heapMiB = stats.memory.heapUsed / MiB;
          reading.heapTotalMiB = stats.memory.heapTotal / MiB;
          reading.externalMiB = stats.memory.external / MiB;
          reading.resources = stats.resources;
        }
      } else if (w.name === 'redis-server') {
        const used = /used_memory:(\d+)/.exec(await redis.info('memory').catch(() => ''))?.[1];
        if (used) reading.heapMiB = Number(used) / MiB;
      } else if (w.pid === process.pid) {
        const m = process.memoryUsage();
        reading.heapMiB = m.heapUsed / MiB;
        reading.heapTotalMiB = m.heapTotal / MiB;
        reading.externalMiB = m.external / MiB;
      }
      procs[w.name] = reading;
    }),
  );
  return { t, load1: loadNow(), procs };
}

export interface MemoryRun {
  watched: readonly Watched[];
  samples: readonly Sample[];
  /** The sample taken after the load stopped and the services settled. */
  after: Sample;
  /** Seconds into the load where the second half, and the part after the warm-up, start. */
  secondHalf: number;
  warm: number;
  cpuStart: Record<string, number>;
  cpuEnd: Record<string, number>;
  loadSeconds: number;
  /** Processes that died, as "name (signal or exit code)". */
  dead: ReadonlySet<string>;
}

/**
 * Per process: RSS start, min, max, end and after, its trends and descriptors
 * (`rows`); what is inside it (`insideRows`: anonymous RSS, heap, reserved
 * heap, external); and the processes whose RSS grows.
 */
export function memoryTables({ watched, samples, after, secondHalf, warm, cpuStart, cpuEnd, loadSeconds, dead }: MemoryRun): { rows: string[][]; insideRows: string[][]; growing: string[] } {
  const series = (name: string, from: number, field: 'rssMiB' | 'anonMiB' | 'heapMiB') =>
    samples.filter((s) => s.t >= from && s.procs[name]?.[field] !== undefined).map((s) => [s.t / 60, s.procs[name]![field]!] as const);
  const rows: string[][] = [];
  const insideRows: string[][] = [];
  const growing: string[] = [];
  for (const w of watched) {
    const rss = samples.map((s) => s.procs[w.name]?.rssMiB).filter((v): v is number => v !== undefined);
    const first = samples[0]!.procs[w.name];
    const last = samples.at(-1)!.procs[w.name];
    const late = linearFit(series(w.name, secondHalf, 'rssMiB'));
    const afterWarm = linearFit(series(w.name, warm, 'rssMiB'));
    const anonLate = linearFit(series(w.name, secondHalf, 'anonMiB'));
    const heapLate = linearFit(series(w.name, secondHalf, 'heapMiB'));
    const startEnd = (field: keyof ProcReading) => `${fmt(Number(first?.[field] ?? Number.NaN), 0)} / ${fmt(Number(last?.[field] ?? Number.NaN), 0)}`;
    if (grows(late)) growing.push(w.name);
    rows.push([
      w.name,
      fmt(first?.rssMiB ?? Number.NaN, 0),
      fmt(Math.min(...rss), 0),
      fmt(Math.max(...rss), 0),
      fmt(last?.rssMiB ?? Number.NaN, 0),
      fmt(after.procs[w.name]?.rssMiB ?? Number.NaN, 0),
      fmt(late.slope, 2),
      fmt(late.se, 2),
      fmt(late.r2, 2),
      fmt(afterWarm.slope, 2),
      fmt(afterWarm.r2, 2),
      fmt(anonLate.slope, 2),
      fmt(anonLate.r2, 2),
      `${fmt(first?.fds ?? Number.NaN, 0)} / ${fmt(last?.fds ?? Number.NaN, 0)} / ${fmt(after.procs[w.name]?.fds ?? Number.NaN, 0)}`,
      fmt((100 * (cpuEnd[w.name]! - cpuStart[w.name]!)) / loadSeconds, 0),
      dead.has(w.name) || [...dead].some((d) => d.startsWith(`${w.name} (`)) ? 'DIED' : grows(late) ? 'GROWS' : 'no',
    ]);
    insideRows.push([w.name, startEnd('anonMiB'), startEnd('heapMiB'), fmt(heapLate.slope, 2), fmt(heapLate.r2, 2), startEnd('heapTotalMiB'), startEnd('externalMiB')]);
  }
  return { rows, insideRows, growing };
}

/** Active resources by type at the first and last sample and after: a steady climb of one type (Timeout, TCPSocketWrap) is a handle leak. */
export function resourceLines(watched: readonly Watched[], samples: readonly Sample[], after: Sample): string[] {
  const resLines: string[] = [];
  for (const w of watched) {
    const a = samples[0]!.procs[w.name]?.resources;
    const b = samples.at(-1)!.procs[w.name]?.resources;
    const c = after.procs[w.name]?.resources;
    if (!a || !b) continue;
    const types = [...new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(c ?? {})])].sort();
    resLines.push(`  ${w.name}: ${types.map((t) => `${t} ${a[t] ?? 0}/${b[t] ?? 0}/${c?.[t] ?? 0}`).join(', ')}`);
  }
  return resLines;
}
