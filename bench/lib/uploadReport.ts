/** The tables bench/upload.ts prints: transfer rates, completing, resuming. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MiB } from './client.js';
import { fmt, formatTable, machineLine, percentile } from './report.js';
import type { Chunks } from './uploads.js';

export const seconds = (ms: number) => fmt(ms / 1000, 2);
export const mib = (bytes: number) => bytes / MiB;
export const mibPerSecond = (bytes: number, ms: number) => mib(bytes) / (ms / 1000);

/** CPU seconds per process label: the server processes (`BenchPlatform.servers`), `redis` and `bench`. */
export type CpuUse = Record<string, number>;

/** The raw object-store row every path is compared with. */
export const RAW_PUT = 'put, known size and sha256 (as uploadChunk stores)';

export interface ThroughputRow {
  path: string;
  how: string;
  bytes: number;
  requests: number;
  parallel: number;
  ms: number;
  latencies: number[];
  cpu: CpuUse;
  peakRss: number;
}

export interface CompleteRow {
  step: string;
  ms: number;
  bytes: number;
  cpu?: CpuUse;
  note: string;
}

export interface ResumeRow {
  client: string;
  firstHalfChunks: number;
  statusMs: number;
  receivedAtStatus: number;
  sentChunks: number;
  sentBytes: number;
  alreadyStoredResent: number;
  bytesStoredAgain: number;
  newlyStored: number;
  resumeMs: number;
  objectsBeforeComplete: number;
  completeMs: number;
  ok: boolean;
}


/** Bytes of the files under a directory (what the embedded S3 server keeps on disk). */
export function diskBytes(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

/** Rows of the same measurement from several rounds: the median round (by time), the number of rounds, and the fastest and slowest MiB/s. */
export function medianRounds<T extends { ms: number; bytes: number }>(rows: T[], key: (row: T) => string): { row: T; rounds: number; range: string }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups.values()].map((g) => {
    const sorted = [...g].sort((a, b) => a.ms - b.ms);
    const rates = sorted.map((x) => mibPerSecond(x.bytes, x.ms));
    return { row: sorted[Math.floor((sorted.length - 1) / 2)]!, rounds: g.length, range: g.length > 1 ? `${fmt(Math.min(...rates), 0)}-${fmt(Math.max(...rates), 0)}` : '-' };
  });
}

export function printReport(r: {
  opts: { chunkMb: number; parallel: number };
  file: Buffer;
  chunks: Chunks;
  clientHashMs: number;
  idleCpu: number;
  throughput: ThroughputRow[];
  completes: CompleteRow[];
  resumes: ResumeRow[];
  loadBefore: number;
  leftChunks: number;
  merged: number;
  s3Bytes: number;
  startRss: number;
  endRss?: number;
  startFds?: number;
  openFds?: number;
  settle: string;
  /** What runs where (`BenchPlatform.description`). */
  platform: string;
  /** Labels of the server processes whose CPU is reported. */
  servers: string[];
}): void {
  const { opts, file, chunks } = r;
  const cpuLabels = [...r.servers, 'redis', 'bench'];
  const out = (s = '') => console.log(s);
  out('');
  out(`upload: a ${fmt(mib(file.length), 0)} MiB Matroska video (raw 640x480 frames) in ${chunks.count} chunks of ${opts.chunkMb} MiB, ${opts.parallel} in flight; ${r.platform}`);
  out('');
  const rows = medianRounds(r.throughput, (x) => `${x.path}|${x.how}`);
  const raw = rows.find(({ row }) => row.path === 'object store' && row.how === RAW_PUT)?.row;
  const vsRaw = (row: ThroughputRow) => (raw ? fmt(mibPerSecond(row.bytes, row.ms) / mibPerSecond(raw.bytes, raw.ms), 2) : '-');
  out(
    formatTable(
      ['path', 'how', 'MiB', 'requests', 'in flight', 'rounds', 'time s', 'MiB/s', 'vs raw PUT', 'MiB/s range', 'req p50 ms', 'req p99 ms', ...cpuLabels.map((l) => `CPU s ${l}`), 'servers peak RSS MiB'],
      rows.map(({ row, rounds, range }) => [
        row.path,
        row.how,
        fmt(mib(row.bytes), 0),
        String(row.requests),
        String(row.parallel),
        String(rounds),
        seconds(row.ms),
        fmt(mibPerSecond(row.bytes, row.ms)),
        vsRaw(row),
        range,
        fmt(percentile(row.latencies, 50), 0),
        fmt(percentile(row.latencies, 99), 0),
        ...cpuLabels.map((l) => fmt(row.cpu[l] ?? Number.NaN, 1)),
        fmt(row.peakRss / MiB, 0),
      ]),
    ),
  );
  out('');
  out('time: first chunk sent to last chunk acknowledged (initUpload and completeUpload not included); MiB/s: file MiB / time.');
  out(`vs raw PUT: MiB/s as a share of the object store's "${RAW_PUT}" in the same run (median rounds).`);
  out('rounds: the paths run in turn, once per round; each row shows its median round (time, MiB/s, latencies, CPU) and the range of MiB/s over the rounds.');
  out(`CPU s: CPU seconds used during the phase by each server process (${r.platform}), redis-server, and this process (client; sha256 of the file beforehand took ${seconds(r.clientHashMs)} s here, not counted).`);
  if (r.completes.length) {
    out('');
    out(
      formatTable(
        ['merge + verify', 'rounds', 'time s', 'MiB/s', 'MiB/s range', ...cpuLabels.map((l) => `CPU s ${l}`), 'what'],
        medianRounds(r.completes, (c) => c.step).map(({ row: c, rounds, range }) => [c.step, String(rounds), seconds(c.ms), fmt(mibPerSecond(c.bytes, c.ms)), range, ...cpuLabels.map((l) => fmt(c.cpu?.[l] ?? Number.NaN, 1)), c.note]),
      ),
    );
  }
  if (r.resumes.length) {
    out('');
    out(
      formatTable(
        ['resume after half the chunks', 'status ms', 'received', 'chunks sent', 'MiB sent', 'already stored, re-sent', 'MiB stored again', 'newly stored', 'resume s', 'objects before complete', 'complete s', 'result'],
        r.resumes.map((x) => [
          x.client,
          fmt(x.statusMs, 1),
          `${x.receivedAtStatus}/${chunks.count}`,
          String(x.sentChunks),
          fmt(mib(x.sentBytes), 0),
          String(x.alreadyStoredResent),
          fmt(mib(x.bytesStoredAgain), 0),
          String(x.newlyStored),
          seconds(x.resumeMs),
          String(x.objectsBeforeComplete),
          seconds(x.completeMs),
          x.ok ? 'COMPLETED' : 'FAILED',
        ]),
      ),
    );
    out('');
    out('resume s: sending the chunks after uploadStatus; a re-sent chunk that was already received is answered stored: false after its body is drained.');
  }
  out('');
  const rss = (b: number | undefined) => (b === undefined || !Number.isFinite(b) ? '-' : `${fmt(b / MiB, 0)} MiB`);
  out(
    `after: chunk objects left under uploads/ ${r.leftChunks}, merged videos ${r.merged}, embedded S3 on disk ${fmt(mib(r.s3Bytes), 0)} MiB; ` +
      `servers' RSS ${rss(r.startRss)} before the phases, ${rss(r.endRss)} after; open fds ${r.startFds ?? '-'} before, ${r.openFds ?? '-'} after (${r.settle})`,
  );
  out(`the idle servers use ${fmt(r.idleCpu, 3)} CPU s per second (measured over 2 s before the phases).`);
  out(machineLine({ loadBefore: r.loadBefore }));
}
