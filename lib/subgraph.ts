/**
 * The subgraph server factory: one function that every subgraph's `server.ts`
 * calls with its schema, resolvers, rules and dependencies.
 *
 * What it guarantees for every subgraph:
 * - The schema is `buildSubgraphSchema` over `schema/<name>.graphql`, wrapped by
 *   the subgraph's graphql-shield rules (deny by default).
 * - No operation runs without a valid internal identity from the gateway, over
 *   HTTP (`x-internal-identity`) or graphql-ws (`connectionParams.internalIdentity`).
 * - Every request gets a fresh context: viewer, request id, a child logger and
 *   fresh DataLoaders, so batching never leaks data between requests.
 * - `/health` answers while the process is up; `/ready` checks each backing
 *   service and answers 503 naming the ones that fail.
 * - `dispose()` closes the WebSocket server, drains HTTP, stops Apollo; the caller
 *   owns the stores and disposes them after.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { applyMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import { parse, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Config, SubgraphName } from './config.js';
import { makeFormatError } from './errors.js';
import { isJsonGraphQLPost, serveJsonGraphQLSafely } from './graphqlHttp.js';
import { IdentityVerifier, INTERNAL_IDENTITY_HEADER, REQUEST_ID, REQUEST_ID_HEADER, type VerifiedIdentity, type Viewer } from './identity.js';
import type { Logger } from './logger.js';
import { readSchema } from './paths.js';
import { keepAlive } from './ws.js';
import { drainAfterResponse } from './multipart.js';

export interface BaseContext {
  requestId: string;
  viewer: Viewer;
  log: Logger;
  clientIp?: string;
}

/** The HTTP exchange behind a context; absent for graphql-ws operations. */
export interface HttpExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
}

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface SubgraphOptions<Ctx extends BaseContext> {
  name: SubgraphName;
  config: Config;
  log: Logger;
  // Resolver maps are typed per subgraph by codegen; the factory only passes them on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  /** graphql-shield rules (deny by default); omitted only in tests of the factory itself. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  permissions?: IMiddlewareGenerator<any, any, any>;
  /** Builds the per-request context (fresh DataLoaders) from the verified base. */
  createContext: (base: BaseContext, http?: HttpExchange) => Ctx;
  readiness: ReadinessChecks;
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  host?: string;
  /** Optional express middleware run before Apollo on /graphql (multipart uploads). */
  beforeGraphQL?: express.RequestHandler[];
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  wsUrl: string;
  port: number;
  schema: GraphQLSchema;
  dispose(): Promise<void>;
}

/** Largest JSON request body a subgraph accepts. @default 2 MB */
const JSON_BODY_LIMIT = 2 * 1024 * 1024;

/** How long /ready waits for one backing service. @default 2000 ms */
const READY_TIMEOUT_MS = 2000;

export async function runReadiness(checks: ReadinessChecks): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
          }),
        ]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

export function productionPlugins(production: boolean): ApolloServerPlugin[] {
  // Subgraphs never report to Apollo Studio themselves: the gateway does, with the
  // traces subgraphs add to responses when it asks (ftv1), hence inline tracing on.
  // No schema declares @cacheControl and every answer depends on the viewer, so
  // subgraphs compute no cache hints: the cache-control plugin's per-field hook
  // was pure cost (a policy object per resolved field). Subgraph answers carry no
  // Cache-Control header and the gateway's responses stay uncacheable, as before.
  const plugins: ApolloServerPlugin[] = [
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginInlineTrace(),
  ];
  if (production) plugins.push(ApolloServerPluginLandingPageDisabled());
  return plugins;
}

export function buildSchema(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  permissions?: IMiddlewareGenerator<any, any, any>,
): GraphQLSchema {
  const schema = buildSubgraphSchema({ typeDefs: parse(readSchema(name)), resolvers });
  return permissions ? applyMiddleware(schema, permissions) : schema;
}

export async function startSubgraph<Ctx extends BaseContext>(opts: SubgraphOptions<Ctx>): Promise<RunningSubgraph> {
  const { config, log } = opts;
  const production = config.NODE_ENV === 'production';
  const secret = config.INTERNAL_IDENTITY_SECRET;
  if (!secret) throw new Error('INTERNAL_IDENTITY_SECRET is not set: the launcher or the environment must provide it');
  const schema = buildSchema(opts.name, opts.resolvers, opts.permissions);
  const identities = new IdentityVerifier(secret);
  const baseFrom = (identity: VerifiedIdentity, headerRequestId?: string): BaseContext => {
    const requestId = identity.requestId ?? headerRequestId ?? randomUUID();
    return {
      requestId,
      viewer: identity.viewer,
      log: log.child({ rid: requestId }),
      ...(identity.clientIp ? { clientIp: identity.clientIp } : {}),
    };
  };

  const app = express();
  app.disable('x-powered-by');
  // JSON POSTs to /graphql skip express (lib/graphqlHttp.ts); uploads, GETs, /health and /ready do not.
  const httpServer = http.createServer((req, res) => {
    if (isJsonGraphQLPost(req)) {
      serveJsonGraphQLSafely(apollo, req, res, {
        limitBytes: JSON_BODY_LIMIT,
        context: () => httpContext(req, res),
        onError: (err) => log.error({ err }, `${opts.name} request failed`),
      });
      return;
    }
    app(req, res);
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const stopKeepAlive = keepAlive(wsServer);
  const wsCleanup = useServer<{ internalIdentity?: string }, { identity?: VerifiedIdentity }>(
    {
      schema,
      // The identity is verified once per socket, at connection_init; a socket
      // without a valid one is closed (4403 Forbidden) before any operation starts.
      onConnect: async (ctx) => {
        try {
          ctx.extra.identity = await identities.verify(ctx.connectionParams?.internalIdentity);
          return true;
        } catch {
          return false;
        }
      },
      // A fresh context (and fresh DataLoaders) per operation on the socket.
      context: (ctx) => {
        if (!ctx.extra.identity) throw new Error('socket has no verified identity');
        return opts.createContext(baseFrom(ctx.extra.identity));
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<Ctx>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: makeFormatError(!production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...productionPlugins(production),
    ],
  });
  await apollo.start();

  const httpContext = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Ctx> => {
    const header = req.headers[INTERNAL_IDENTITY_HEADER];
    const identity = await identities.verify(Array.isArray(header) ? header[0] : header).catch((err: Error & { extensions?: Record<string, unknown> }) => {
      // Apollo answers errors thrown here as a top-level error; give it HTTP 401.
      err.extensions = { ...err.extensions, http: { status: 401 } };
      throw err;
    });
    const rid = req.headers[REQUEST_ID_HEADER];
    return opts.createContext(baseFrom(identity, typeof rid === 'string' && REQUEST_ID.test(rid) ? rid : undefined), { req, res });
  };

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  app.get('/ready', async (_req, res) => {
    const result = await runReadiness(opts.readiness);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'unavailable', service: opts.name, checks: result.checks });
  });
  app.use(
    '/graphql',
    express.json({ limit: JSON_BODY_LIMIT }),
    drainAfterResponse,
    ...(opts.beforeGraphQL ?? []),
    expressMiddleware(apollo, { context: ({ req, res }) => httpContext(req, res) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host ?? config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = (opts.host ?? config.HOST) === '0.0.0.0' ? '127.0.0.1' : (opts.host ?? config.HOST);
  log.info({ port }, `${opts.name} subgraph listening`);

  let disposed: Promise<void> | undefined;
  return {
    name: opts.name,
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    schema,
    dispose() {
      disposed ??= (async () => {
        stopKeepAlive();
        await wsCleanup.dispose();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        await apollo.stop();
        httpServer.closeAllConnections();
      })();
      return disposed;
    },
  };
}
