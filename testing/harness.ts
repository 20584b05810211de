/**
 * A whole platform in the test process: embedded infrastructure, the four
 * subgraphs and the gateway, each on a free port, over a fresh DATA_DIR.
 * Tests talk to it the way clients do, through the gateway's HTTP endpoint.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
export { gql, gqlUpload, type GraphQLResponse } from './client.js';
import WebSocket from 'ws';
import { loadConfig, serviceConfig, type ServiceConfig } from '../lib/config.js';
import { DisposableStack } from '../lib/process/disposable.js';
import { startEmbeddedInfra, type EmbeddedRedisHandle, type EmbeddedS3Handle } from '../lib/process/embedded.js';
import { createLogger, type Logger } from '../lib/observability/logger.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import type { Redis } from 'ioredis';
import type { ObjectStore } from '../lib/storage/objectStore.js';
import { subscriberCount } from '../lib/redis/client.js';
import { requireObjectStore, requireRedis } from '../lib/process/runtime.js';
import { startTraced } from '../lib/observability/tracing.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { startChatSubgraph, type ChatSubgraph } from '../subgraphs/chat/server.js';
import { startSearchSubgraph, type SearchSubgraph } from '../subgraphs/search/server.js';
import type { SearchIndex } from '../subgraphs/search/engine/port.js';
import { startUserSubgraph, type UserSubgraph } from '../subgraphs/user/server.js';
import { startVideoSubgraph, type VideoSubgraph } from '../subgraphs/video/server.js';
import { createChatStores, type ChatStores } from '../subgraphs/chat/store/index.js';
import type { FollowStore } from '../subgraphs/user/store/follows.js';
import { createUserStores } from '../subgraphs/user/store/index.js';
import type { UserStore } from '../subgraphs/user/store/users.js';
import { createVideoStores, mapPorts, type VideoStores } from '../subgraphs/video/store/index.js';

/** Calls per store method, so tests can check that batching issues one query. */
export type CallCounts = Record<string, number>;

function counted<T extends object>(store: T, counts: CallCounts): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts[String(prop)] = (counts[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The user subgraph as tests see it: `store` seeds users and follows straight through its ports (counted as the service's own calls are). */
export interface TestUserSubgraph extends UserSubgraph {
  store: Pick<UserStore, 'createUser'> & Pick<FollowStore, 'follow'>;
}

type SubgraphName = 'user' | 'video' | 'chat' | 'search';
interface Subgraphs {
  user: TestUserSubgraph;
  video: VideoSubgraph;
  chat: ChatSubgraph;
  search: SearchSubgraph;
}

export interface Stack {
  config: ServiceConfig;
  /** The variables `config` was loaded from (a test that starts a service as its own process passes them on). */
  env: Record<string, string>;
  dataDir: string;
  gateway: RunningGateway;
  user: TestUserSubgraph;
  video: VideoSubgraph;
  chat: ChatSubgraph;
  search: SearchSubgraph;
  /** The object store and Redis the services use, for assertions on stored state. */
  objects: ObjectStore;
  redis: Redis;
  /** Store calls per subgraph and method since the stack started (or since `resetCounts`). */
  counts: Record<'user' | 'video' | 'chat', CallCounts>;
  resetCounts(): void;
  /** Another search instance on the same Redis and index settings (leadership, scale-out). */
  startSearchInstance(opts?: { wrapIndex?: (index: SearchIndex) => SearchIndex }): Promise<SearchSubgraph>;
  /**
   * Another instance of a subgraph on the same data directory, Redis and object store, as a
   * scaled-out deployment runs it; stopped with the stack. `env` changes variables for this
   * instance alone (e.g. a REDIS_URL through a proxy); `wrapIndex` as for the search index.
   */
  startInstance<N extends SubgraphName>(name: N, opts?: { env?: Record<string, string>; wrapIndex?: (index: SearchIndex) => SearchIndex }): Promise<Subgraphs[N]>;
  /** Another gateway with the stack's configuration, routing to these subgraph URLs (e.g. load balancers); stopped with the stack. */
  startGatewayInstance(subgraphUrls: Record<SubgraphName, string>): Promise<RunningGateway>;
  /** Stops a subgraph and starts a fresh one on the same port and data (a restart or a crash-free redeploy). */
  restart(name: 'user' | 'video' | 'chat' | 'search'): Promise<void>;
  /** As `restart`, but every connection is cut first with its request unanswered: a crash as clients and the gateway see it. */
  crash(name: 'user' | 'video' | 'chat' | 'search'): Promise<void>;
  /**
   * The gateway crashes: every client connection and every connection to a subgraph is cut with
   * its request unanswered, then a fresh gateway starts on the same port with the same config.
   */
  crashGateway(): Promise<void>;
  /** An access token for a user, as login would issue it. */
  tokenFor(userId: string, roles?: string[]): Promise<string>;
  /** The embedded redis-server, for fault injection; absent when REDIS_URL names a server of its own. */
  redisServer?: RedisServerControl;
  /** The embedded S3 server, for fault injection; absent when S3_ENDPOINT names a server of its own. */
  objectStoreServer?: ObjectStoreServerControl;
  dispose(): Promise<void>;
}

/** Faults of the embedded object store (an in-process S3 server). */
export interface ObjectStoreServerControl {
  /** Stops it as a killed process would: every connection cut, requests unanswered, nothing listening. Resolved once closed. */
  kill(): Promise<void>;
  /** A new server on the same port and data directory, after `kill`: every object stored before is there. */
  restart(): Promise<void>;
}

/** Faults of the embedded redis-server, as an operator or the kernel would cause them. */
export interface RedisServerControl {
  /** The current redis-server process. */
  pid(): number;
  /** SIGSTOP: the server keeps its connections open and answers nothing (a stall, a frozen VM). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
  /** SIGKILL, resolved once the process has exited: connections drop, nothing is flushed beyond what the kernel has. */
  kill(): Promise<void>;
  /** A new redis-server on the same port and data directory, after `kill`. */
  restart(): Promise<void>;
}

export interface StackOptions {
  /** Wraps the search index (tests inject failing writes through it). */
  wrapIndex?: (index: SearchIndex) => SearchIndex;
  /** The services' logger (tests that read log lines pass one writing to a stream). @default silent, or TEST_LOG_LEVEL */
  log?: Logger;
  /** Wrap the chat and video stores of every instance started (fault tests act at the moment a write is done). */
  wrapChatStores?: (stores: ChatStores) => ChatStores;
  wrapVideoStores?: (stores: VideoStores) => VideoStores;
}

export async function startStack(env: Record<string, string> = {}, options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-test-'));
  const log = options.log ?? createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const stack = new DisposableStack();
  stack.defer('data dir', () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const baseEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: dataDir,
      INTERNAL_IDENTITY_SECRET: randomBytes(32).toString('hex'),
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
      // Metrics listeners on free ports (each service exposes its metricsUrl), so stacks never collide.
      GATEWAY_METRICS_PORT: '0',
      USER_METRICS_PORT: '0',
      VIDEO_METRICS_PORT: '0',
      CHAT_METRICS_PORT: '0',
      SEARCH_METRICS_PORT: '0',
      // The five services and the test share one process (and a busy machine):
      // a Redis answer can wait on the event loop for longer than the 1 s default
      // without Redis being away. Fault tests set their own.
      REDIS_COMMAND_TIMEOUT_MS: '10000',
      // The whole platform shares this process. On a busy machine a request can wait long for
      // its turn (a hundred sign-ups queue their password hashes on one thread pool), and the
      // production deadlines (25 s in a subgraph, 30 s at the gateway) would cut it off. No test
      // here is about them (lib/server/subgraph.test.ts tests the deadline itself); a test may still set them.
      SUBGRAPH_DEADLINE_MS: '240000',
      SUBGRAPH_TIMEOUT_MS: '250000',
      // Production adapters are used when the environment names real servers.
      ...pick(process.env, ['MONGODB_URI', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'ELASTICSEARCH_URL']),
      ...env,
    };
    const base = loadConfig(baseEnv);
    const infra = stack.use('infra', await startEmbeddedInfra(base, log));
    const serviceEnv: Record<string, string> = Object.fromEntries(Object.entries({ ...baseEnv, ...infra.env }).filter((e): e is [string, string] => e[1] !== undefined));
    const config = serviceConfig(base, infra.env);
    const baseConfig = config;
    const counts: Stack['counts'] = { user: {}, video: {}, chat: {} };
    const objects = await requireObjectStore(config);
    const redis = requireRedis(config, 'test', log);
    stack.defer('test redis', () => void redis.disconnect());
    // Each service starts as its own main.ts would start it: traced as itself when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    const starters = {
      user: (port: number, config = baseConfig) =>
        startTraced('user', config, async (): Promise<TestUserSubgraph> => {
          const opened = await createUserStores(config);
          const stores = { ...opened, users: counted(opened.users, counts.user), follows: counted(opened.follows, counts.user) };
          const user = await startUserSubgraph(config, log.child({ service: 'user' }), { port, stores });
          return { ...user, store: { createUser: (u) => user.stores.users.createUser(u), follow: (a, b) => user.stores.follows.follow(a, b) } };
        }),
      video: (port: number, config = baseConfig) =>
        startTraced('video', config, async () => {
          const stores = await createVideoStores(config);
          // Counted per port; method names are unique across the ports, so counts stay keyed by method.
          return startVideoSubgraph(config, log.child({ service: 'video' }), { port, stores: mapPorts(options.wrapVideoStores?.(stores) ?? stores, (p) => counted(p, counts.video)) });
        }),
      chat: (port: number, config = baseConfig) =>
        startTraced('chat', config, async () => {
          const opened = await createChatStores(config);
          const stores = options.wrapChatStores?.(opened) ?? opened;
          const countedStores: ChatStores = {
            ...stores,
            conversations: counted(stores.conversations, counts.chat),
            messages: counted(stores.messages, counts.chat),
            notifications: counted(stores.notifications, counts.chat),
          };
          return startChatSubgraph(config, log.child({ service: 'chat' }), { port, stores: countedStores });
        }),
    };
    const startSearch = (opts: Parameters<typeof startSearchSubgraph>[2], service = 'search', config = baseConfig) => startTraced('search', config, () => startSearchSubgraph(config, log.child({ service }), opts));
    const [user, video, chat] = await Promise.all([starters.user(0), starters.video(0), starters.chat(0)]);
    const searchOptions = { wrapIndex: options.wrapIndex, sources: { userUrl: user.url, videoUrl: video.url } };
    const search = await startSearch({ port: 0, ...searchOptions });
    const running = { user, video, chat, search } as Record<'user' | 'video' | 'chat' | 'search', { dispose(): Promise<void> }>;
    stack.defer('subgraphs', async () => {
      await Promise.all(Object.values(running).map((s) => s.dispose()));
    });
    // Subgraphs restart on their own ports, so these URLs hold for every gateway the stack starts.
    const gatewayOptions = { subgraphUrls: { user: user.url, video: video.url, chat: chat.url, search: search.url } };
    const startGatewayOn = (port: number) => startTraced('gateway', config, () => startGateway(config, log.child({ service: 'gateway' }), { port, ...gatewayOptions }));
    const gateway = await startGatewayOn(0);
    // Whichever gateway is current when the stack stops (a crash replaces it).
    stack.defer('gateway', () => result.gateway.dispose());
    // Instances started by startInstance / startGatewayInstance: gateways first, then subgraphs.
    const extraGateways: RunningGateway[] = [];
    const extraSubgraphs: { dispose(): Promise<void> }[] = [];
    stack.defer('extra instances', async () => {
      // allSettled: one that fails to stop cleanly must not leave the others stopping after Redis is gone.
      await Promise.allSettled(extraGateways.map((g) => g.dispose()));
      const stopped = await Promise.allSettled(extraSubgraphs.map((s) => s.dispose()));
      for (const r of stopped) if (r.status === 'rejected') throw r.reason;
    });
    const result: Stack = {
      config,
      env: serviceEnv,
      dataDir,
      gateway,
      user,
      video,
      chat,
      search,
      objects,
      redis,
      counts,
      resetCounts: () => {
        for (const c of Object.values(counts)) for (const k of Object.keys(c)) delete c[k];
      },
      startSearchInstance: (opts = {}) => startSearch({ port: 0, ...searchOptions, ...opts }, 'search-2'),
      startInstance: async <N extends SubgraphName>(name: N, opts: { env?: Record<string, string>; wrapIndex?: (index: SearchIndex) => SearchIndex } = {}) => {
        const own = opts.env ? serviceConfig(loadConfig({ ...baseEnv, ...infra.env, ...opts.env })) : config;
        const instance = (name === 'search' ? await startSearch({ port: 0, ...searchOptions, ...(opts.wrapIndex ? { wrapIndex: opts.wrapIndex } : {}) }, `search-${extraSubgraphs.length + 2}`, own) : await starters[name as Exclude<SubgraphName, 'search'>](0, own)) as Subgraphs[N];
        extraSubgraphs.push(instance);
        return instance;
      },
      startGatewayInstance: async (subgraphUrls) => {
        const gw = await startTraced('gateway', config, () => startGateway(config, log.child({ service: 'gateway' }), { port: 0, subgraphUrls }));
        extraGateways.push(gw);
        return gw;
      },
      restart: async (name) => {
        const old = result[name];
        await old.dispose();
        const fresh = name === 'search' ? await startSearch({ port: old.port, ...searchOptions }) : await starters[name](old.port);
        running[name] = fresh;
        Object.assign(result, { [name]: fresh });
      },
      crash: async (name) => {
        result[name].cutConnections();
        await result.restart(name);
      },
      crashGateway: async () => {
        const old = result.gateway;
        old.cutConnections();
        await old.dispose();
        result.gateway = await startGatewayOn(old.port);
      },
      tokenFor: async (userId, roles = []) => (await signAccessToken(config.JWT_ACCESS_SECRET, { userId, roles })).token,
      ...(infra.redis ? { redisServer: redisControl(infra.redis) } : {}),
      ...(infra.objectStore ? { objectStoreServer: objectStoreControl(infra.objectStore) } : {}),
      dispose: () => stack.dispose(),
    };
    return result;
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}

function redisControl(handle: EmbeddedRedisHandle): RedisServerControl {
  return {
    pid: () => handle.server.pid,
    pause: () => process.kill(handle.server.pid, 'SIGSTOP'),
    resume: () => process.kill(handle.server.pid, 'SIGCONT'),
    kill: async () => {
      const server = handle.server;
      process.kill(server.pid, 'SIGKILL');
      await server.exited;
    },
    restart: async () => {
      await handle.restart();
    },
  };
}

function objectStoreControl(handle: EmbeddedS3Handle): ObjectStoreServerControl {
  return {
    kill: () => handle.server.kill(),
    restart: async () => {
      await handle.restart();
    },
  };
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (env[k] ? [[k, env[k]!]] : [])));
}

/** A graphql-ws client to the gateway (or any URL), authenticated like an app would be. */
export function wsClient(url: string, opts: { token?: string; deviceId?: string; retry?: boolean } = {}): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // Tests assert on close codes themselves; the default logs every refused connection.
    onNonLazyError: () => {},
    connectionParams: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.deviceId ? { deviceId: opts.deviceId } : {}) },
  });
}

/** A running subscription whose results are collected as they arrive. */
export interface Collected<T> {
  results: FormattedExecutionResult<T, unknown>[];
  /** Resolves once `n` results have arrived (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown>[]>;
  /** Settles when the subscription ends: with the error, or undefined when completed. */
  ended: Promise<unknown>;
  stop(): void;
}

/** Subscribes over graphql-ws with a typed document (or, where the text itself is under test, a string). */
export function subscribe<T, V extends Record<string, unknown> = Record<string, unknown>>(client: Client, document: TypedDocumentNode<T, V> | string, variables?: V): Collected<T> {
  const query = typeof document === 'string' ? document : print(document);
  const results: FormattedExecutionResult<T, unknown>[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let endResolve: (v: unknown) => void = () => {};
  const ended = new Promise((r) => (endResolve = r));
  const stop = client.subscribe<T>(
    { query, variables: variables ?? {} },
    {
      next: (r) => {
        results.push(r);
        for (const w of waiters.filter((w) => results.length >= w.n)) w.resolve();
      },
      error: (e) => endResolve(e ?? new Error('subscription error')),
      complete: () => endResolve(undefined),
    },
  );
  return {
    results,
    ended,
    stop,
    waitFor: (n, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        if (results.length >= n) return resolve(results);
        const timer = setTimeout(() => reject(new Error(`only ${results.length} of ${n} results after ${timeoutMs} ms: ${JSON.stringify(results.slice(-3))}`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(results);
          },
        });
      }),
  };
}

/** One event of an `assistantAnswer` stream. */
export interface AssistantAnswer {
  assistantAnswer: { kind: string; text: string | null; code: string | null };
}

/**
 * Asks the assistant in conversation `conversationId`, each question on a
 * socket of its own (pushed to `clients`, for the test to dispose of).
 */
export function assistantAsker(url: string, token: string, conversationId: string, clients: Client[]): (prompt: string) => Collected<AssistantAnswer> {
  const ANSWER = `subscription($p: String!, $c: ID) { assistantAnswer(prompt: $p, conversationId: $c) { kind text code } }`;
  return (prompt) => {
    const client = wsClient(url, { token });
    clients.push(client);
    return subscribe<AssistantAnswer>(client, ANSWER, { p: prompt, c: conversationId });
  };
}

/**
 * Resolves once some instance listens on a Redis pub/sub channel: the moment a
 * live subscription (chat `chat:u:<userId>`, danmaku `danmaku:<videoId>`) can
 * no longer miss an event. Sleeping instead would race on a loaded machine.
 */
export async function listening(redis: Redis, channel: string, count = 1, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Summed over the nodes on a Redis Cluster, where each node counts only its own subscribers.
    if ((await subscriberCount(redis, channel)) >= count) return;
    if (Date.now() > deadline) throw new Error(`nobody listens on ${channel} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Resolves with the first `n` results that `match` (a subscription may
 * interleave other events, e.g. read receipts between messages).
 */
export async function waitForMatching<T>(
  collected: Collected<T>,
  match: (r: FormattedExecutionResult<T, unknown>) => boolean,
  n: number,
  timeoutMs = 60_000,
): Promise<FormattedExecutionResult<T, unknown>[]> {
  let want = n;
  for (;;) {
    const all = await collected.waitFor(want, timeoutMs);
    const hits = all.filter(match);
    if (hits.length >= n) return hits.slice(0, n);
    want = all.length + (n - hits.length);
  }
}
