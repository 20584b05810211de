/**
 * What every benchmark prints: a plain-text table and the machine it ran on.
 * Numbers from a benchmark mean little without the machine (core count above
 * all, since the load generator and the servers share it), so the two always
 * go together.
 */
import os from 'node:os';

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. `sorted` must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Fixed decimals, or '-' for a value that could not be measured. */
export function fmt(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

/**
 * Columns padded to their widest cell: text left-aligned, numbers (cells that
 * parse as one, or '-') right-aligned so that magnitudes line up.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (cell: string) => cell === '-' || /^-?[\d.,/ ]+%?$/.test(cell);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric(c) && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Load average over the last minute: take it before starting anything, to see what else was running. */
export function loadNow(): number {
  return os.loadavg()[0] ?? Number.NaN;
}

/**
 * One line naming the machine: cores, CPU model, memory, Node version, date,
 * and (when given) the load average seen before the benchmark started, since
 * anything else running on the same cores shows up in every number.
 */
export function machineLine(opts: { date?: Date; loadBefore?: number } = {}): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memGiB = os.totalmem() / 1024 ** 3;
  const load = opts.loadBefore === undefined ? '' : `, load average before start ${fmt(opts.loadBefore, 2)}`;
  return `machine: ${cpus.length} cores, ${model}, ${memGiB.toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}, ${(opts.date ?? new Date()).toISOString()}${load}`;
}
