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
import { print } from 'graphql';
import { loadConfig, type Config } from '../lib/config.js';
import { DisposableStack } from '../lib/disposable.js';
import { startEmbeddedInfra } from '../lib/embedded.js';
import { createLogger } from '../lib/logger.js';
import { signAccessToken } from '../lib/tokens.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { startChatSubgraph, type ChatSubgraph } from '../subgraphs/chat/server.js';
import { startSearchSubgraph, type SearchSubgraph } from '../subgraphs/search/server.js';
import { startUserSubgraph, type UserSubgraph } from '../subgraphs/user/server.js';
import { startVideoSubgraph, type VideoSubgraph } from '../subgraphs/video/server.js';

export interface Stack {
  config: Config;
  dataDir: string;
  gateway: RunningGateway;
  user: UserSubgraph;
  video: VideoSubgraph;
  chat: ChatSubgraph;
  search: SearchSubgraph;
  /** An access token for a user, as login would issue it. */
  tokenFor(userId: string, roles?: string[]): Promise<string>;
  dispose(): Promise<void>;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-test-'));
  const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
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
      // Production adapters are used when the environment names real servers.
      ...pick(process.env, ['MONGODB_URI', 'REDIS_URL', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'ELASTICSEARCH_URL']),
      ...env,
    };
    const infra = stack.use('infra', await startEmbeddedInfra(loadConfig(baseEnv), log));
    const config = loadConfig({ ...baseEnv, ...infra.env });
    const [user, video, chat, search] = await Promise.all([
      startUserSubgraph(config, log.child({ service: 'user' }), { port: 0 }),
      startVideoSubgraph(config, log.child({ service: 'video' }), { port: 0 }),
      startChatSubgraph(config, log.child({ service: 'chat' }), { port: 0 }),
      startSearchSubgraph(config, log.child({ service: 'search' }), { port: 0 }),
    ]);
    for (const [name, s] of Object.entries({ user, video, chat, search })) stack.use(name, s);
    const gateway = stack.use(
      'gateway',
      await startGateway(config, log.child({ service: 'gateway' }), {
        port: 0,
        subgraphUrls: { user: user.url, video: video.url, chat: chat.url, search: search.url },
      }),
    );
    return {
      config,
      dataDir,
      gateway,
      user,
      video,
      chat,
      search,
      tokenFor: async (userId, roles = []) => (await signAccessToken(config.JWT_ACCESS_SECRET!, { userId, roles })).token,
      dispose: () => stack.dispose(),
    };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (env[k] ? [[k, env[k]!]] : [])));
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** POSTs an operation to a GraphQL endpoint (the gateway unless `url` says otherwise). */
export async function gql<TData, TVars extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVars> | string,
  variables?: TVars,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<TData>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}
