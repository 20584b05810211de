/**
 * Upload benchmark: how fast a large video goes through the chunked upload
 * path, what completing it costs, what raw object storage does with the same
 * bytes, and what a resume costs.
 *
 *   node --import tsx bench/upload.ts [--size-mb 200] [--chunk-mb 5] [--parallel 4] [--topology processes|one-process] [--profile]
 *
 * The platform runs as deployed, the gateway, each subgraph and the embedded
 * S3 server in processes of their own, or with `--topology one-process` as the
 * test harness's stack in one child process (bench/lib/topology.ts). The file
 * is a real Matroska video of raw 640x480 frames made by ffmpeg (cached in the
 * temp folder), cut to the requested size: completeUpload sniffs the container
 * from its first bytes, and raw frames keep every byte of the size meaningful.
 *
 * Phases, in this order, all on the same bytes:
 *  1. gateway: initUpload, then every chunk as a GraphQL multipart
 *     `uploadChunk` through the gateway, `--parallel` in flight, then
 *     completeUpload (server-side compose, sniff, read back and sha256 of the
 *     merged object, chunk deletion), timed on its own;
 *  2. video subgraph: the same, straight to the video subgraph with an
 *     internal identity (what the gateway sends): the gateway's share is the
 *     difference;
 *  3. presigned: the same through the gateway the presigned way, per chunk
 *     presignChunkUpload, a PUT straight to object storage, confirmChunk (the
 *     server checks the stored size; until 80e4749 it read the chunk back and
 *     hashed it), then completeUpload;
 *  3b. batched: the presigned way in batches, as a client with many chunks
 *     would: one presignChunkUploads for all the chunks (up to 100), the
 *     PUTs, one confirmChunks, then completeUpload;
 *  4. object store: the same chunks put with the ObjectStore class the
 *     services use, against the same S3 endpoint: the raw PUT every path is
 *     compared with (one streamed PUT per chunk with its size and sha256
 *     known beforehand, as uploadChunk stores a chunk), the same through one
 *     and two plain HTTP relays in processes of their own
 *     (bench/lib/relay-child.ts; the floor under the subgraph and gateway
 *     paths), minio's put of a buffer (it hashes the bytes), streams of
 *     unknown size (a multipart upload per chunk) and the whole file in one
 *     put; then compose of the chunks and a read back with sha256, the two
 *     halves of completeUpload;
 *  5. resume: half the chunks, then uploadStatus, then a naive client re-sends
 *     every chunk, a smart one only the missing ones; bytes sent are counted
 *     here, bytes stored from the server's `stored` answers and the objects
 *     under the upload's prefix.
 *
 * Throughput is MiB of file per second of wall time (first chunk sent to last
 * chunk acknowledged). CPU seconds are read from /proc for this process, each
 * server process (gateway, video subgraph, S3 server; or the one stack
 * process) and redis-server. The script prints tables and the machine; it asserts no time.
 * It exits 1 when an upload does not end COMPLETED with the right bytes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { ObjectStore } from '../lib/storage/objectStore.js';
import { MiB, intOption, now, pool, progressLogger, register, sleep, type Account } from './lib/client.js';
import { formatProfilesOf } from './lib/cpuprofile.js';
import { ROOT } from './lib/peers.js';
import { CpuMeter, peakSampler } from './lib/proc.js';
import { loadNow } from './lib/report.js';
import { startBenchPlatform, startRelays, topologyOption, type Topology } from './lib/topology.js';
import { RAW_PUT, diskBytes, printReport, type CompleteRow, type CpuUse, type ResumeRow, type ThroughputRow } from './lib/uploadReport.js';
import { Chunks, completeUpload, hashStream, initUpload, sendChunks, sendChunksPresigned, sendChunksPresignedBatched, sha256, uploadStatus, videoFile, type Endpoint } from './lib/uploads.js';

const PHASES = ['gateway', 'subgraph', 'presigned', 'batched', 'store', 'resume'] as const;
/** How long the stack may take to close idle sockets after the phases. @default 10 s */
const SETTLE_MS = 10_000;
type PhaseName = (typeof PHASES)[number];

interface Options {
  /** File size in MiB. @default 200 */
  sizeMb: number;
  /** Chunk size in MiB (the server accepts 5 to 32). @default 5 */
  chunkMb: number;
  /** Chunks in flight at once. @default 4 */
  parallel: number;
  /** Phases to run. @default all: gateway, subgraph, presigned, batched, store, resume */
  phases: Set<PhaseName>;
  /** Rounds of the gateway, subgraph, presigned and store phases (interleaved); tables show the median round and the range. @default 3 */
  repeat: number;
  /** Where the services run (bench/lib/topology.ts). @default processes: one process each, as deployed */
  topology: Topology;
  /** Run the gateway and the video subgraph (or the one stack process) under --cpu-prof and print where their time went. @default false */
  profile: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: '200' },
      'chunk-mb': { type: 'string', default: '5' },
      parallel: { type: 'string', default: '4' },
      phases: { type: 'string', default: PHASES.join(',') },
      repeat: { type: 'string', default: '3' },
      topology: { type: 'string', default: 'processes' },
      profile: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const phases = new Set(values.phases.split(',').map((p) => p.trim()).filter(Boolean) as PhaseName[]);
  for (const p of phases) if (!PHASES.includes(p)) throw new Error(`--phases: unknown phase ${p} (known: ${PHASES.join(', ')})`);
  return { topology: topologyOption(values.topology), profile: values.profile, sizeMb: intOption(values, 'size-mb', 1), chunkMb: intOption(values, 'chunk-mb', 5), parallel: intOption(values, 'parallel', 1), phases, repeat: intOption(values, 'repeat', 1) };
}

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
  const opts = options();
  const loadBefore = loadNow();
  const progress = progressLogger();
  const size = opts.sizeMb * MiB;
  const chunkSize = opts.chunkMb * MiB;

  progress(`making a ${opts.sizeMb} MiB video (ffmpeg, cached in ${os.tmpdir()})`);
  const file = videoFile(size);
  let t = now();
  const fileSha = sha256(file);
  const chunks = new Chunks(file, chunkSize);
  const clientHashMs = now() - t;

  const profileDir = opts.profile ? mkdtempSync(path.join(os.tmpdir(), 'upload-bench-prof-')) : undefined;
  const stack = await startBenchPlatform(opts.topology, {
    env: { VIDEO_MAX_UPLOADS_PER_USER: '20', VIDEO_MAX_BYTES: String(Math.max(size * 2, 4 * 1024 ** 3)) },
    log: progress,
    measured: ['video'],
    s3Process: true,
    ...(profileDir ? { profileDir } : {}),
  });
  /** The measured sending of each path's last round, on the clock CPU profiles use. */
  const windows = new Map<string, { fromUs: number; toUs: number }>();
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  const interrupt = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  let failed = false;
  let relays: Awaited<ReturnType<typeof startRelays>> | undefined;
  try {
    if (!stack.s3 || !stack.s3Dir) throw new Error('the platform has no object store of its own');
    const store = await ObjectStore.connect(stack.s3);
    const s3Dir = stack.s3Dir;
    // The floor under the two paths: the raw PUT through plain relays that do nothing else (relay-child.ts).
    if (opts.phases.has('store')) relays = await startRelays(stack.s3.endpoint, 2);
    const relayRoutes = relays
      ? [
          { how: 'through one plain relay', endpoint: relays.urls[1]! },
          { how: 'through two plain relays', endpoint: relays.urls[0]! },
        ]
      : [];
    const throughRelays = await Promise.all(relayRoutes.map(async ({ how, endpoint }) => ({ how, store: await ObjectStore.connect({ ...stack.s3!, endpoint }) })));
    const me: Account = await register(stack.gatewayUrl, 'bench_uploader');
    const gateway: Endpoint = { name: 'gateway', url: stack.gatewayUrl, auth: async () => ({ token: me.token }) };
    const subgraph: Endpoint = {
      name: 'video subgraph',
      url: stack.subgraphUrls.video,
      auth: async () => ({ headers: { 'x-internal-identity': await signInternalIdentity(stack.identitySecret, { userId: me.id, roles: [] }, randomUUID()) } }),
    };
    const cpu = new CpuMeter({ ...stack.servers, ...(relays ? { relays: relays.child.pid } : {}), redis: stack.redisPid, bench: process.pid }, ['relays']);
    const rss = () => stack.resources()?.rssBytes;
    const startRss = rss() ?? Number.NaN;
    const startFds = stack.resources()?.openFds;
    const cpuUse = (): CpuUse => cpu.since();

    // What the idle servers use, over 2 s before the phases.
    cpu.mark();
    await sleep(2_000);
    const idleCpu = Object.entries(cpu.since()).reduce((n, [label, s]) => (label in stack.servers ? n + s : n), 0) / 2;
    const throughput: ThroughputRow[] = [];
    const completes: CompleteRow[] = [];
    const resumes: ResumeRow[] = [];
    const all = Array.from({ length: chunks.count }, (_, i) => i);

    /** One whole upload through an endpoint: chunks, then completeUpload, then a check of the merged bytes. */
    const wholeUpload = async (ep: Endpoint, how: string, name = ep.name, send = sendChunks) => {
      progress(`${name}: uploading ${chunks.count} chunks, ${opts.parallel} in flight`);
      const session = await initUpload(ep, file, fileSha, chunkSize);
      const peak = peakSampler(rss);
      cpu.mark();
      const fromUs = monotonicUs();
      const sent = await send(ep, session.id, chunks, all, opts.parallel);
      windows.set(name, { fromUs, toUs: monotonicUs() });
      throughput.push({ path: name, how, bytes: sent.bytes, requests: all.length, parallel: opts.parallel, ms: sent.ms, latencies: sent.latencies, cpu: cpuUse(), peakRss: peak.stop() });
      progress(`${name}: completeUpload`);
      cpu.mark();
      const done = await completeUpload(ep, session.id);
      completes.push({ step: `completeUpload via ${name}`, ms: done.ms, bytes: file.length, cpu: cpuUse(), note: 'compose + sniff + read back + sha256 + delete chunks' });
      const merged = await store.stat(`videos/${session.id}/source`);
      if (done.session.status !== 'COMPLETED' || merged?.size !== file.length) {
        failed = true;
        console.error(`${name}: upload ended ${done.session.status} (${done.session.failure ?? ''}), merged object ${merged?.size ?? 'missing'} bytes`);
      }
    };

    // Warm-up, not measured: one chunk-sized video through each path, so that neither measured
    // phase pays for first-request costs (query planning, connection set-up, JIT).
    progress('warm-up: one chunk through the gateway, through the video subgraph, presigned and batched');
    const warm = new Chunks(file.subarray(0, Math.min(file.length, chunkSize)), chunkSize);
    for (const [ep, send] of [[gateway, sendChunks], [subgraph, sendChunks], [gateway, sendChunksPresigned], [gateway, sendChunksPresignedBatched]] as const) {
      const w = await initUpload(ep, warm.file, sha256(warm.file), chunkSize);
      await send(ep, w.id, warm, [0], 1);
      await completeUpload(ep, w.id);
    }

    // Rounds interleave the paths, so that a slow moment of the machine (other work on the
    // same cores) lands on each path rather than on one.
    for (let round = 1; round <= opts.repeat; round++) {
      progress(`round ${round} of ${opts.repeat}`);
      if (opts.phases.has('gateway')) await wholeUpload(gateway, 'uploadChunk, GraphQL multipart');
      if (opts.phases.has('subgraph')) await wholeUpload(subgraph, 'uploadChunk, multipart, internal identity');
      if (opts.phases.has('presigned')) await wholeUpload(gateway, 'presignChunkUpload, PUT to storage, confirmChunk', 'presigned', sendChunksPresigned);
      if (opts.phases.has('batched')) await wholeUpload(gateway, 'presignChunkUploads, PUTs to storage, confirmChunks', 'batched', sendChunksPresignedBatched);

      if (opts.phases.has('store')) {
        const run = randomUUID();
        const keys = all.map((i) => `bench/${run}/chunk-${String(i).padStart(6, '0')}`);
        const rawPut = async (how: string, put: (i: number) => Promise<unknown>) => {
          progress(`object store: ${how}`);
          const latencies: number[] = [];
          const peak = peakSampler(rss);
          cpu.mark();
          const start = now();
          await pool(all, opts.parallel, async (i) => {
            const t1 = now();
            await put(i);
            latencies.push(now() - t1);
          });
          throughput.push({ path: 'object store', how, bytes: file.length, requests: all.length, parallel: opts.parallel, ms: now() - start, latencies: latencies.sort((a, b) => a - b), cpu: cpuUse(), peakRss: peak.stop() });
        };
        // The chunk's sha256 is known beforehand, as the other paths' clients know it: nothing hashes it
        // during the PUT (the signed payload checksum), as when uploadChunk stores a chunk.
        const putKnown = (s: ObjectStore, key: string, i: number) => s.put(key, Readable.from([chunks.at(i)]), chunks.at(i).length, undefined, chunks.checksums[i]);
        await rawPut(RAW_PUT, (i) => putKnown(store, keys[i]!, i));
        for (const [route, relayed] of throughRelays.entries()) {
          await rawPut(`${RAW_PUT}, ${relayed.how}`, (i) => putKnown(relayed.store, `${keys[i]!}-relay${route}`, i));
        }
        // minio's own put of a buffer: it hashes the bytes to sign the request (the baseline before 2026-12-03).
        await rawPut('put, buffer of known size (the client hashes it)', (i) => store.put(`${keys[i]!}-buffer`, chunks.at(i)));
        // A stream whose size is not given: minio makes it a multipart upload.
        await rawPut('put, stream of unknown size (multipart upload)', (i) => store.put(`${keys[i]!}-stream`, Readable.from([chunks.at(i)])));

        progress('object store: whole file in one put');
        let peak = peakSampler(rss);
        cpu.mark();
        t = now();
        await store.put(`bench/${run}/whole`, file);
        throughput.push({ path: 'object store', how: 'put whole file, buffer (16 MiB parts)', bytes: file.length, requests: 1, parallel: 1, ms: now() - t, latencies: [], cpu: cpuUse(), peakRss: peak.stop() });

        progress('object store: compose, read back');
        cpu.mark();
        t = now();
        await store.compose(`bench/${run}/merged`, keys);
        completes.push({ step: 'object store compose of the chunks', ms: now() - t, bytes: file.length, cpu: cpuUse(), note: 'the merge half of completeUpload' });
        peak = peakSampler(rss);
        cpu.mark();
        t = now();
        const readSha = await hashStream(await store.get(`bench/${run}/merged`));
        completes.push({ step: 'object store get + sha256 of the merged object', ms: now() - t, bytes: file.length, cpu: cpuUse(), note: `the verify half; hashed in this process${readSha === fileSha ? '' : ' (MISMATCH)'}` });
        peak.stop();
        if (readSha !== fileSha) failed = true;
        await store.remove(await store.list(`bench/${run}/`));
      }
    }

    if (opts.phases.has('resume')) {
      const half = all.slice(0, Math.floor(chunks.count / 2));
      for (const client of ['naive', 'smart'] as const) {
        progress(`resume (${client}): first ${half.length} chunks, then uploadStatus`);
        const session = await initUpload(gateway, file, fileSha, chunkSize);
        await sendChunks(gateway, session.id, chunks, half, opts.parallel);
        const status = await uploadStatus(gateway, session.id);
        const received = new Set(status.session.receivedChunks);
        const toSend = client === 'naive' ? all : all.filter((i) => !received.has(i));
        progress(`resume (${client}): sending ${toSend.length} chunks`);
        const sent = await sendChunks(gateway, session.id, chunks, toSend, opts.parallel);
        const again = toSend.filter((i) => received.has(i));
        const storedAgain = again.filter((i) => sent.stored.get(i));
        const objects = await store.list(`uploads/${session.id}/`);
        const done = await completeUpload(gateway, session.id);
        const merged = await store.stat(`videos/${session.id}/source`);
        const ok = done.session.status === 'COMPLETED' && merged?.size === file.length;
        if (!ok) failed = true;
        resumes.push({
          client: client === 'naive' ? 'naive: re-sends every chunk' : 'smart: sends the missing chunks',
          firstHalfChunks: half.length,
          statusMs: status.ms,
          receivedAtStatus: received.size,
          sentChunks: toSend.length,
          sentBytes: sent.bytes,
          alreadyStoredResent: again.length,
          bytesStoredAgain: storedAgain.reduce((n, i) => n + chunks.at(i).length, 0),
          newlyStored: toSend.filter((i) => !received.has(i) && sent.stored.get(i)).length,
          resumeMs: sent.ms,
          objectsBeforeComplete: objects.length,
          completeMs: done.ms,
          ok,
        });
      }
    }

    // Idle keep-alive sockets (this process to the stack, the stack to its S3 server) close after
    // about 5 s; what is still open after SETTLE_MS is worth a look.
    const settleStart = Date.now();
    const settled = () => (stack.resources()?.openFds ?? 0) <= (startFds ?? Number.POSITIVE_INFINITY) + 10;
    while (!settled() && Date.now() - settleStart < SETTLE_MS) await sleep(250);
    const settle = `${settled() ? 'settled' : 'NOT settled'} after ${((Date.now() - settleStart) / 1000).toFixed(1)} s`;
    const leftChunks = await store.list('uploads/');
    const merged = await store.list('videos/');
    const s3Bytes = diskBytes(s3Dir);
    const res = stack.resources();
    printReport({ opts, file, chunks, clientHashMs, idleCpu, throughput, completes, resumes, loadBefore, leftChunks: leftChunks.length, merged: merged.length, s3Bytes, startRss, endRss: res?.rssBytes, startFds, openFds: res?.openFds, settle, platform: stack.description, servers: [...Object.keys(stack.servers), ...(relays ? ['relays'] : [])] });
  } finally {
    relays?.child.kill('SIGTERM');
    await stack.stop();
    process.removeListener('SIGINT', interrupt);
  }
  // The services write their profiles as they exit.
  if (profileDir) {
    const intervals = [...windows].map(([label, window]) => ({ label: `${label} path, last round`, window }));
    for (const server of readdirSync(profileDir)) console.log(`\n${server}:\n${formatProfilesOf(path.join(profileDir, server), ROOT, intervals)}`);
  }
  process.exitCode = failed ? 1 : 0;
}


main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
