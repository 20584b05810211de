/**
 * The platform a benchmark that compares the gateway path with a direct one
 * (upload, chat) measures, in one of two topologies:
 *
 * - `processes` (as `npm start` and a deployment run it): the gateway and
 *   each subgraph in processes of their own (`services.ts`), and for uploads
 *   the embedded S3 server too (`s3-child.ts`). A request through the gateway
 *   crosses processes that each work on their part at the same time as the
 *   others, on another core;
 * - `one-process`: the test harness's whole stack, S3 server included, in ONE
 *   child (`stack-process.ts`): the gateway and the subgraph it calls share
 *   one event loop, while the direct path it is compared with loads only the
 *   subgraph's share of it.
 *
 * Either way the benchmark gets the same handle: the URLs, the secret to act
 * as the gateway, Redis and the object store's addresses, the processes whose
 * CPU is counted (by label) and their resident memory and open descriptors
 * summed.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopChild } from '../../lib/process/childProcess.js';
import type { SubgraphName } from '../../lib/config.js';
import type { ObjectStoreOptions } from '../../lib/storage/objectStore.js';
import { startAnnouncingChild } from './announcingChild.js';
import { rssBytes } from './proc.js';
import { buildServices, startPlatform } from './services.js';
import { startStackProcess } from './stack-process.js';

export const TOPOLOGIES = ['processes', 'one-process'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/** The value of a `--topology` option. */
export function topologyOption(value: string): Topology {
  if (!(TOPOLOGIES as readonly string[]).includes(value)) throw new Error(`--topology: ${value} (known: ${TOPOLOGIES.join(', ')})`);
  return value as Topology;
}

/** A GATEWAY_WORKERS value given to a benchmark's `flag`: a positive whole number or `auto` (gateway/workers.ts). */
export function gatewayWorkersOption(value: string, flag: string): string {
  if (value !== 'auto' && !/^[1-9]\d*$/.test(value)) throw new Error(`${flag}: ${value} is neither a positive whole number nor auto`);
  return value;
}

export interface BenchPlatform {
  topology: Topology;
  /** What runs where, for the report's first line. */
  description: string;
  gatewayUrl: string;
  /** Each subgraph's HTTP endpoint (its graphql-ws endpoint is the same URL with ws:). */
  subgraphUrls: Record<SubgraphName, string>;
  redisUrl: string;
  /** Signs the internal identity every subgraph accepts (what the gateway sends). */
  identitySecret: string;
  /** The object store, when the benchmark uses it (`one-process`, or `s3Process`). */
  s3: ObjectStoreOptions | undefined;
  /** Where the S3 server keeps its objects (its size on disk is reported); undefined when it runs inside the benchmark. */
  s3Dir: string | undefined;
  /** The server processes whose CPU is reported, by label, in column order. */
  servers: Record<string, number>;
  redisPid: number | undefined;
  /** Resident memory and open descriptors of the server processes, summed. */
  resources(): { rssBytes: number; openFds: number } | undefined;
  stop(): Promise<void>;
}

/** The embedded S3 server in a process of its own (`s3-child.ts`); it prints its address once it listens. */
export async function startS3Child(dataDir: string): Promise<{ child: ChildProcess; endpoint: string; accessKey: string; secretKey: string }> {
  const { child, announced } = await startAnnouncingChild<{ endpoint: string; accessKey: string; secretKey: string }>(path.join(import.meta.dirname, 's3-child.ts'), [dataDir], 'the S3 server');
  return { child, ...announced };
}

/** `hops` plain HTTP relays in front of `target`, each in a process of its own (`relay-child.ts`); `urls[0]` is the first hop. */
export async function startRelays(target: string, hops: number): Promise<{ child: ChildProcess; urls: string[] }> {
  const { child, announced } = await startAnnouncingChild<{ urls: string[] }>(path.join(import.meta.dirname, 'relay-child.ts'), [target, String(hops)], 'the relays');
  return { child, ...announced };
}

function openFds(pid: number): number | undefined {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
}

function summed(pids: number[]): { rssBytes: number; openFds: number } | undefined {
  let rss = 0;
  let fds = 0;
  for (const pid of pids) {
    const r = rssBytes(pid);
    const f = openFds(pid);
    if (r === undefined || f === undefined) return undefined;
    rss += r;
    fds += f;
  }
  return { rssBytes: rss, openFds: fds };
}

/** Node flags that make a process write its CPU profile into `dir/label` as it exits; none without a `dir`. */
function profileArgs(dir: string | undefined, label: string): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, label)}`] : [];
}

export interface PlatformOptions {
  /** Configuration overrides for every service. */
  env: Record<string, string>;
  log: (line: string) => void;
  /** The subgraphs whose CPU is reported (and profiled) beside the gateway's in `processes`. */
  measured: SubgraphName[];
  /** `processes`: the S3 server in a process of its own, reported as `s3` (uploads); otherwise it runs idle inside the benchmark. @default false */
  s3Process?: boolean;
  /** The gateway and the measured subgraphs (or the one stack process) write CPU profiles under it, in a folder named after their label in `servers`. */
  profileDir?: string;
  /** GATEWAY_WORKERS of the gateway in `processes` (a number or `auto`, gateway/workers.ts). @default 1 */
  gatewayWorkers?: string;
}

export async function startBenchPlatform(topology: Topology, opts: PlatformOptions): Promise<BenchPlatform> {
  const { env, log, profileDir } = opts;
  if (topology === 'one-process') {
    const stack = await startStackProcess({ env, nodeArgs: profileArgs(profileDir, 'stack') });
    return {
      topology,
      description: 'one stack process (gateway, subgraphs, embedded S3)',
      gatewayUrl: stack.gatewayUrl,
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])) as Record<SubgraphName, string>,
      redisUrl: stack.redisUrl,
      identitySecret: stack.secrets.INTERNAL_IDENTITY_SECRET,
      s3: stack.s3,
      s3Dir: path.join(stack.dataDir, 's3'),
      servers: { stack: stack.pid },
      redisPid: stack.redisPid,
      resources: () => stack.resources(),
      stop: () => stack.stop(),
    };
  }

  const s3Dir = opts.s3Process ? mkdtempSync(path.join(os.tmpdir(), 'vidhub-bench-s3-')) : undefined;
  const s3 = s3Dir ? await startS3Child(s3Dir) : undefined;
  const stopS3 = async () => {
    if (!s3) return;
    await stopChild(s3.child, { timeoutMs: 10_000, kill: () => s3.child.kill('SIGKILL') });
    rmSync(s3Dir!, { recursive: true, force: true });
  };
  try {
    buildServices(log);
    const platform = await startPlatform({
      seed: { users: 1, videos: 0 },
      env: { ...env, ...(s3 ? { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey } : {}) },
      subgraphNodeArgs: (name) => (opts.measured.includes(name) ? profileArgs(profileDir, name) : []),
      log,
    });
    const gateway = await platform.startGateway({ nodeArgs: profileArgs(profileDir, 'gateway'), ...(opts.gatewayWorkers ? { env: { GATEWAY_WORKERS: opts.gatewayWorkers } } : {}) }).catch(async (err: unknown) => {
      await platform.stop();
      throw err;
    });
    const servers: Record<string, number> = { gateway: gateway.pid, ...Object.fromEntries(opts.measured.map((name) => [name, platform.subgraphs[name].pid])), ...(s3 ? { s3: s3.child.pid! } : {}) };
    return {
      topology,
      description: `gateway and each subgraph${s3 ? ' and the embedded S3 server' : ''} in processes of their own`,
      gatewayUrl: gateway.url,
      subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url])) as Record<SubgraphName, string>,
      redisUrl: platform.redisUrl,
      identitySecret: platform.secrets.INTERNAL_IDENTITY_SECRET,
      s3: s3 ? { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, region: env.S3_REGION ?? 'us-east-1', bucket: env.S3_BUCKET ?? 'vidhub' } : undefined,
      s3Dir,
      servers,
      redisPid: platform.redisPid,
      resources: () => summed(Object.values(servers)),
      stop: async () => {
        await platform.stop();
        await stopS3();
      },
    };
  } catch (err) {
    await stopS3();
    throw err;
  }
}
