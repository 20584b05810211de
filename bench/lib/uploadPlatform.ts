/**
 * The platform an upload benchmark measures, in one of two topologies:
 *
 * - `processes` (as `npm start` and a deployment run it): the gateway, each
 *   subgraph and the embedded S3 server in processes of their own
 *   (`services.ts`, `s3-child.ts`). An upload crosses the gateway, the video
 *   subgraph and the object store, and each can work on its part of the bytes
 *   at the same time as the others, on another core;
 * - `one-process`: the test harness's whole stack, S3 server included, in ONE
 *   child (`stack-process.ts`): every byte of the gateway path is parsed and
 *   written by one event loop, and the raw PUT it is compared with is not.
 *
 * Either way the benchmark gets the same handle: the URLs, the secret to act
 * as the gateway, the object store's address, the processes whose CPU is
 * counted (by label) and their resident memory and open descriptors summed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild } from '../../lib/process/childProcess.js';
import type { ObjectStoreOptions } from '../../lib/storage/objectStore.js';
import { rssBytes } from './proc.js';
import { buildServices, startPlatform } from './services.js';
import { startStackProcess } from './stack-process.js';

export const TOPOLOGIES = ['processes', 'one-process'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

export interface UploadPlatform {
  topology: Topology;
  /** What runs where, for the report's first line. */
  description: string;
  gatewayUrl: string;
  videoUrl: string;
  /** Signs the internal identity the video subgraph accepts (what the gateway sends). */
  identitySecret: string;
  s3: ObjectStoreOptions;
  /** Where the S3 server keeps its objects (its size on disk is reported). */
  s3Dir: string;
  /** The server processes whose CPU is reported, by label, in column order. */
  servers: Record<string, number>;
  redisPid: number | undefined;
  /** Resident memory and open descriptors of the server processes, summed. */
  resources(): { rssBytes: number; openFds: number } | undefined;
  stop(): Promise<void>;
}

/** The embedded S3 server in a process of its own (`s3-child.ts`); it prints its address once it listens. */
export async function startS3Child(dataDir: string): Promise<{ child: ChildProcess; endpoint: string; accessKey: string; secretKey: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 's3-child.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the S3 server exited (${code}) before listening`)));
  });
  return { child, ...(JSON.parse(line) as { endpoint: string; accessKey: string; secretKey: string }) };
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

/**
 * Starts the platform. With a `profileDir`, the gateway and the video
 * subgraph (or the one stack process) write CPU profiles under it, in a
 * folder named after their label in `servers`.
 */
export async function startUploadPlatform(topology: Topology, env: Record<string, string>, log: (line: string) => void, profileDir?: string): Promise<UploadPlatform> {
  if (topology === 'one-process') {
    const stack = await startStackProcess({ env, nodeArgs: profileArgs(profileDir, 'stack') });
    return {
      topology,
      description: 'one stack process (gateway, subgraphs, embedded S3)',
      gatewayUrl: stack.gatewayUrl,
      videoUrl: stack.subgraphs.video.url,
      identitySecret: stack.secrets.INTERNAL_IDENTITY_SECRET,
      s3: stack.s3,
      s3Dir: path.join(stack.dataDir, 's3'),
      servers: { stack: stack.pid },
      redisPid: stack.redisPid,
      resources: () => stack.resources(),
      stop: () => stack.stop(),
    };
  }

  const s3Dir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-bench-s3-'));
  const s3 = await startS3Child(s3Dir);
  const stopS3 = async () => {
    await stopChild(s3.child, { timeoutMs: 10_000, kill: () => s3.child.kill('SIGKILL') });
    rmSync(s3Dir, { recursive: true, force: true });
  };
  try {
    buildServices(log);
    const platform = await startPlatform({
      seed: { users: 1, videos: 0 },
      env: { ...env, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey },
      subgraphNodeArgs: (name) => (name === 'video' ? profileArgs(profileDir, 'video') : []),
      log,
    });
    const gateway = await platform.startGateway({ nodeArgs: profileArgs(profileDir, 'gateway') }).catch(async (err: unknown) => {
      await platform.stop();
      throw err;
    });
    const servers = { gateway: gateway.pid, video: platform.subgraphs.video.pid, s3: s3.child.pid! };
    return {
      topology,
      description: 'gateway, each subgraph and the embedded S3 server in processes of their own',
      gatewayUrl: gateway.url,
      videoUrl: platform.subgraphs.video.url,
      identitySecret: platform.secrets.INTERNAL_IDENTITY_SECRET,
      s3: { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, region: env.S3_REGION ?? 'us-east-1', bucket: env.S3_BUCKET ?? 'vidhub' },
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
