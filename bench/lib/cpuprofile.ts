/**
 * A summary of a V8 CPU profile (the `.cpuprofile` file `node --cpu-prof`
 * writes when the process exits): where the process spent its time, by
 * function (self time: samples whose top frame is that function) and by
 * package. Self time names the code that burns the CPU; inclusive time would
 * mostly name the framework's dispatch functions.
 *
 * Percentages are of the busy time (all samples except `(idle)`), since a
 * server that waits for its subgraphs is idle part of the time.
 *
 * `--cpu-prof` profiles the process's whole life, start-up included (module
 * loading alone is a few hundred ms). A `window` keeps only the samples taken
 * between two instants of the monotonic clock: V8 stamps samples with the same
 * CLOCK_MONOTONIC microseconds as `process.hrtime.bigint() / 1000n` in any
 * process of the machine, so the benchmark can name its measured interval.
 *
 * Self time of Node's internals and of frameworks says little about which of
 * OUR functions is expensive; `ours` lists the project's functions by
 * inclusive time (samples with that function anywhere on the stack).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fmt, formatTable } from './report.js';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  location: string;
  selfMs: number;
  /** Share of busy time, 0-100. */
  busyPercent: number;
}

export interface ProfileSummary {
  /** Whether the window was applied (false: it did not overlap the profile, which is then summarized whole). */
  windowed: boolean;
  totalMs: number;
  idleMs: number;
  busyMs: number;
  functions: ProfileEntry[];
  packages: { name: string; selfMs: number; busyPercent: number }[];
  /** Packages by inclusive time: samples with any of the package's frames on the stack (Node's internals excluded: they are under everything). */
  packagesInclusive: { name: string; totalMs: number; busyPercent: number }[];
  /** The project's own functions (not node_modules) by inclusive time. */
  ours: { name: string; location: string; totalMs: number; busyPercent: number }[];
}

export interface SummaryOptions {
  /** Functions listed. @default 15 */
  top?: number;
  /** Only samples within [fromUs, toUs] of the monotonic clock (microseconds). */
  window?: { fromUs: number; toUs: number };
}

const isProjectFile = (url: string) => Boolean(url) && !url.startsWith('node:') && !url.startsWith('wasm:') && !url.includes('/node_modules/');

/** Where a script comes from: a package under node_modules, Node's own code, a project file, or a V8 pseudo-frame. */
export function packageOf(url: string, root: string): string {
  if (!url) return '(V8 / native)';
  if (url.startsWith('node:')) return 'node (internals)';
  // WebAssembly has no file: in a gateway it is undici's llhttp response parser.
  if (url.startsWith('wasm:')) return 'wasm';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const rel = path.relative(root, file);
  // Compiled copies (bench/.work/build/gateway/x.js) are reported as the project file they came from.
  const project = rel.replace(/^bench\/\.work\/build\//, '');
  return `vidhub: ${path.dirname(project)}/`;
}

function location(url: string, line: number, root: string): string {
  if (!url) return '';
  if (url.startsWith('node:') || url.startsWith('wasm:')) return `${url}:${line + 1}`;
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = file.lastIndexOf('/node_modules/');
  const shown = nm >= 0 ? file.slice(nm + '/node_modules/'.length) : path.relative(root, file).replace(/^bench\/\.work\/build\//, '');
  return `${shown}:${line + 1}`;
}

export function summarizeProfile(file: string, root: string, opts: SummaryOptions = {}): ProfileSummary {
  const top = opts.top ?? 15;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const win = opts.window;
  const windowed = win !== undefined && win.fromUs < profile.endTime && win.toUs > profile.startTime;

  // timeDeltas[i] is the time since the previous sample; it is spent in samples[i]'s frame.
  const selfUs = new Map<number, number>();
  const inclusive = new Map<string, { name: string; location: string; us: number }>();
  const packagesInclusive = new Map<string, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (windowed && (t < win.fromUs || t > win.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    // Each of our functions (and each package) on this sample's stack, once even when recursive.
    const seen = new Set<string>();
    const seenPackages = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n)!.callFrame;
      if (frame.url && !frame.url.startsWith('node:')) {
        const pkg = packageOf(frame.url, root);
        if (!seenPackages.has(pkg)) {
          seenPackages.add(pkg);
          packagesInclusive.set(pkg, (packagesInclusive.get(pkg) ?? 0) + dt);
        }
      }
      if (!isProjectFile(frame.url)) continue;
      const name = frame.functionName || '(anonymous)';
      const loc = location(frame.url, frame.lineNumber, root);
      const key = `${name}\u0000${loc}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { name, location: loc, us: 0 };
      entry.us += dt;
      inclusive.set(key, entry);
    }
  });

  const functions = new Map<string, { name: string; location: string; us: number }>();
  const packages = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = frame.functionName || '(anonymous)';
    const loc = location(frame.url, frame.lineNumber, root);
    const key = `${name}\u0000${loc}`;
    const entry = functions.get(key) ?? { name, location: loc, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const pkg = frame.url ? packageOf(frame.url, root) : name.startsWith('(') ? name : '(V8 / native)';
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => (busyUs > 0 ? (100 * us) / busyUs : Number.NaN);
  return {
    windowed,
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, selfMs: f.us / 1000, busyPercent: pct(f.us) })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, selfMs: us / 1000, busyPercent: pct(us) })),
    packagesInclusive: [...packagesInclusive.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, totalMs: us / 1000, busyPercent: pct(us) })),
    ours: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, totalMs: f.us / 1000, busyPercent: pct(f.us) })),
  };
}

export function formatProfile(s: ProfileSummary, topPackages = 12): string {
  const fns = formatTable(
    ['#', 'self ms', '% busy', 'function', 'where'],
    s.functions.map((f, i) => [String(i + 1), fmt(f.selfMs, 0), fmt(f.busyPercent, 1), f.name, f.location]),
  );
  const pkgs = formatTable(
    ['package', 'self ms', '% busy'],
    s.packages.slice(0, topPackages).map((p) => [p.name, fmt(p.selfMs, 0), fmt(p.busyPercent, 1)]),
  );
  const pkgsIncl = formatTable(
    ['package', 'incl. ms', '% busy'],
    s.packagesInclusive.slice(0, topPackages).map((p) => [p.name, fmt(p.totalMs, 0), fmt(p.busyPercent, 1)]),
  );
  const ours = formatTable(
    ['#', 'incl. ms', '% busy', 'function', 'where'],
    s.ours.map((f, i) => [String(i + 1), fmt(f.totalMs, 0), fmt(f.busyPercent, 1), f.name, f.location]),
  );
  return [
    `${s.windowed ? 'measured interval' : 'whole process (start-up included)'}: ${fmt(s.totalMs / 1000, 1)} s sampled, busy ${fmt(s.busyMs / 1000, 1)} s (${fmt((100 * s.busyMs) / s.totalMs, 0)}%), idle ${fmt(s.idleMs / 1000, 1)} s`,
    '',
    `top ${s.functions.length} functions by self time:`,
    fns,
    '',
    'self time by package:',
    pkgs,
    '',
    'inclusive time by package (its frames anywhere on the stack; Node internals they call count for them):',
    pkgsIncl,
    '',
    `our own functions by inclusive time (the function or anything it calls on the stack):`,
    ours,
  ].join('\n');
}

/**
 * The main-thread profile a process wrote into `dir` (its largest file),
 * summarized over each labelled interval of the monotonic clock.
 */
export function formatProfilesOf(dir: string, root: string, intervals: { label: string; window: { fromUs: number; toUs: number } }[]): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) return `no .cpuprofile written in ${dir}`;
  return intervals
    .map(({ label, window }) => [`CPU profile, ${label} (measured interval):`, formatProfile(summarizeProfile(path.join(dir, file), root, { top: 20, window }))].join('\n'))
    .concat(`profile kept in ${path.join(dir, file)}`)
    .join('\n\n');
}
