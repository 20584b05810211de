/**
 * Configuration: read and validated once, at start-up, from the environment.
 *
 * Every variable the platform understands is declared here, with its default and
 * the reason it exists; `.env.example` and `docker-compose.yml` are checked
 * against this schema by a test. A missing or malformed variable stops the
 * service with a message that names it (see `ConfigError`).
 *
 * Infrastructure variables left unset mean "use the embedded stand-in": the
 * launcher (`npm start`) and the test harness start a `redis-server` child, an
 * in-process S3 server and an in-process search index, and use SQLite files
 * under `DATA_DIR` instead of MongoDB.
 *
 * Two stages: `loadConfig` parses the environment once, leaving the secrets and
 * the infrastructure URLs optional (the embedded infrastructure may provide
 * them); `serviceConfig` then takes what the embedded infrastructure filled in
 * and requires them, so a service is typed with them present (`ServiceConfig`)
 * and never checks them again. `objectStoreTarget` does the same for object
 * storage, which only some services are given.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** At least 32 characters: the HMAC keys of identity, access and refresh tokens. */
const secret = z.string().min(32, 'must be at least 32 characters');
const redisUrl = z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://');
const redisClusterNodeList = z.string().regex(/^\s*[^\s,:]+:\d{1,5}\s*(,\s*[^\s,:]+:\d{1,5}\s*)*$/, 'must be host:port[,host:port...]');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));
/** Empty strings count as unset, so `FOO=` in a .env file means "use the default". */
function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

export const envSchema = z.object({
  /** `production` turns off introspection, the landing page and error details. @default development */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level. @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Interface every service binds to. Containers need 0.0.0.0. @default 127.0.0.1 */
  HOST: z.string().min(1).default('127.0.0.1'),

  GATEWAY_PORT: port.default(4000),
  USER_PORT: port.default(4001),
  VIDEO_PORT: port.default(4002),
  CHAT_PORT: port.default(4003),
  SEARCH_PORT: port.default(4004),
  /**
   * Prometheus metrics (GET /metrics, text format) of each service, on HOST at
   * a port of its own: never on the gateway's public port. 0 picks a free port,
   * which the service logs at start-up. @default 9400-9404 (gateway, user, video, chat, search)
   */
  GATEWAY_METRICS_PORT: port.default(9400),
  USER_METRICS_PORT: port.default(9401),
  VIDEO_METRICS_PORT: port.default(9402),
  CHAT_METRICS_PORT: port.default(9403),
  SEARCH_METRICS_PORT: port.default(9404),
  /** Where the gateway reaches each subgraph; defaults to HOST and the subgraph's port. */
  USER_URL: optional(url),
  VIDEO_URL: optional(url),
  CHAT_URL: optional(url),
  SEARCH_URL: optional(url),

  /**
   * The built web app (\`npm run build\` writes web/dist) the gateway serves at \`/\`,
   * with index.html for every other page path (single-page app). Relative paths
   * are from the repository root. \`off\` serves no app. @default web/dist
   */
  WEB_DIR: z.string().min(1).default('web/dist'),

  /** Embedded stores (SQLite files, redis-server data, S3 objects, search snapshot) live here. @default ./data */
  DATA_DIR: z.string().min(1).default('./data'),

  /** MongoDB connection string; unset means SQLite files under DATA_DIR. */
  MONGODB_URI: optional(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')),
  /** Redis connection string; unset means a redis-server child process started by the launcher. */
  REDIS_URL: optional(redisUrl),
  /**
   * Redis Cluster seed nodes, `host:port,host:port`: set, every service talks to
   * the cluster (ioredis discovers the other nodes and follows slot moves) and
   * REDIS_URL must stay empty. Unset means one Redis server (REDIS_URL or the
   * embedded one). Keys that one command, script or transaction touches together
   * share a hash tag (see lib/redis/keys.ts), so they land in one slot.
   */
  REDIS_CLUSTER_NODES: optional(redisClusterNodeList),
  /**
   * Longest wait for one Redis command's answer. Past it the command fails and
   * the request answers UPSTREAM_UNAVAILABLE instead of waiting for a stalled
   * or dead server. Blocking reads get their block time on top. @default 1000 ms
   */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Path of the redis-server binary used for the embedded Redis. @default redis-server */
  REDIS_SERVER_BIN: z.string().min(1).default('redis-server'),

  /** S3-compatible endpoint (MinIO), e.g. http://minio:9000; unset means an in-process S3 server. */
  S3_ENDPOINT: optional(url),
  S3_ACCESS_KEY: optionalString,
  S3_SECRET_KEY: optionalString,
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket holding videos, chunks, covers and avatars. @default vidhub */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .default('vidhub'),
  /** Endpoint that presigned URLs name, when clients reach storage at another address. @default S3_ENDPOINT */
  S3_PUBLIC_ENDPOINT: optional(url),

  /** Elasticsearch URL; unset means the in-process index (MiniSearch). */
  ELASTICSEARCH_URL: optional(url),
  ELASTICSEARCH_API_KEY: optionalString,
  ELASTICSEARCH_USERNAME: optionalString,
  ELASTICSEARCH_PASSWORD: optionalString,
  /** Prefix of every index name, so several deployments can share a cluster. @default vidhub */
  ELASTICSEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/, 'must be lowercase letters, digits, - or _')
    .default('vidhub'),

  /**
   * HMAC key (at least 32 characters) for the internal identity token the gateway
   * forwards to subgraphs. Only the gateway and the subgraphs hold it. Required in
   * production; the launcher generates one under DATA_DIR in development.
   */
  INTERNAL_IDENTITY_SECRET: optional(secret),
  /** Key (at least 32 characters) that signs access tokens. Required in production. */
  JWT_ACCESS_SECRET: optional(secret),
  /** Key (at least 32 characters) that signs refresh tokens. Required in production. */
  JWT_REFRESH_SECRET: optional(secret),
  /** Mark auth cookies `Secure` (HTTPS only). @default true in production, false otherwise */
  COOKIE_SECURE: optional(bool),
  /**
   * Express `trust proxy` for the gateway: which proxies' X-Forwarded-For to
   * believe when taking the client address (login throttling). `false` uses the
   * socket address; e.g. `loopback`, `10.0.0.0/8`, or a hop count like `1`. @default false
   */
  TRUST_PROXY: z.string().default('false'),
  /**
   * Failed sign-ins per client address per hour, over all usernames. Generous:
   * everyone behind one NAT shares it. @default 100
   */
  LOGIN_FAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(100),
  /**
   * Failed sign-ins per username per day from devices that never signed in to
   * it (devices that have are exempt, so this cannot lock the owner out of them). @default 50
   */
  LOGIN_FAILS_PER_USERNAME_PER_DAY: z.coerce.number().int().min(1).default(50),
  /** Comma-separated origins allowed by CORS (credentials included). Empty: same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),

  /** Largest video accepted by initUpload, in bytes. @default 4 GiB */
  VIDEO_MAX_BYTES: z.coerce.number().int().min(1).default(4 * 1024 ** 3),
  /** Unfinished uploads one user may have at a time. @default 3 */
  VIDEO_MAX_UPLOADS_PER_USER: z.coerce.number().int().min(1).default(3),
  /** Chunk uploads one video instance processes at once; more answer RATE_LIMITED. @default 16 */
  VIDEO_MAX_CHUNKS_IN_FLIGHT: z.coerce.number().int().min(1).default(16),
  /** Unfinished uploads untouched this long are deleted by the cleanup job. @default 24 hours */
  VIDEO_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(1).default(24 * 3600),
  /** How often the cleanup job runs (one instance at a time). @default 600 seconds */
  VIDEO_CLEANUP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Danmaku one user may send per 10 seconds. @default 5 */
  DANMAKU_PER_10_SECONDS: z.coerce.number().int().min(1).default(5),

  /** Longest a subgraph may make no progress on a gateway call: taking the request body (uploads too), its response headers, between body chunks. @default 30000 ms */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Gateway: identical subgraph queries in flight at once (same viewer) share one request. @default true */
  GATEWAY_MERGE_INFLIGHT: bool.default(true),
  /**
   * Gateway: keep the answers of viewer-independent entity fetches (User
   * fields marked @viewerIndependent) until the entity's change event arrives.
   * @default true
   */
  GATEWAY_ENTITY_CACHE: bool.default(true),
  /** Entities the entity cache keeps at most (least recently used go first). @default 50000 */
  GATEWAY_ENTITY_CACHE_MAX_ENTITIES: z.coerce.number().int().min(1).default(50_000),
  /** Longest an entity cache answer is kept even without a change event (a change whose event was lost). @default 60000 ms */
  GATEWAY_ENTITY_CACHE_MAX_AGE_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * Gateway processes serving GATEWAY_PORT: a number, or `auto` for the CPUs this
   * process may really use (os.availableParallelism() capped by the cgroup CPU
   * quota). 1 runs the gateway in one process; more starts a node:cluster primary
   * that forks that many workers and serves their aggregated metrics
   * (gateway/workers.ts). @default auto
   */
  GATEWAY_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)], { error: 'must be `auto` or a whole number from 1 to 256' }).default('auto'),
  /**
   * A subgraph stops working on a request after this long (or as soon as the
   * gateway gives up on it or hangs up) and answers REQUEST_TIMEOUT. Keep it
   * below SUBGRAPH_TIMEOUT_MS so the gateway hears why. @default 25000 ms
   */
  SUBGRAPH_DEADLINE_MS: z.coerce.number().int().min(100).default(25_000),

  /** Operation limits at the gateway (OPERATION_LIMIT_EXCEEDED): lexical tokens in a document. @default 3000 */
  GATEWAY_MAX_TOKENS: z.coerce.number().int().min(100).default(3000),
  /** Nesting depth of fields (introspection excepted). @default 15 */
  GATEWAY_MAX_DEPTH: z.coerce.number().int().min(2).default(15),
  /** Aliased fields in one operation (a page of lookups by id is 100 aliases). @default 100 */
  GATEWAY_MAX_ALIASES: z.coerce.number().int().min(0).default(100),
  /** Directives in one operation. @default 50 */
  GATEWAY_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  /** Selections with every fragment expanded (Apollo's maxRecursiveSelections). @default 5000 */
  GATEWAY_MAX_RECURSIVE_SELECTIONS: z.coerce.number().int().min(100).default(5000),
  /** Cost: the most objects an answer may hold, lists counted at their page size. @default 25000 */
  GATEWAY_MAX_COST: z.coerce.number().int().min(10).default(25_000),

  /** Longest a client may take to send request headers. @default 10000 ms */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Longest a client may take to send a JSON request body (REQUEST_TIMEOUT, HTTP 408). @default 10000 ms */
  HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Longest a client may take to send a whole request, uploads included. @default 120000 ms */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),

  /**
   * Largest JSON request body the gateway accepts (PAYLOAD_TOO_LARGE, HTTP 413).
   * Subgraphs accept twice this: the gateway's requests to them carry the
   * client's variables plus the entity representations of the query plan. @default 1048576 bytes
   */
  HTTP_JSON_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),

  /**
   * graphql-ws keep-alive (gateway and subgraphs): every socket is pinged this
   * often and closed when it has not answered by the next ping, so a dead peer
   * (a closed laptop, a killed instance) is dropped within two intervals. @default 15000 ms
   */
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(15_000),
  /** Largest graphql-ws message a client may send. @default 262144 bytes */
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  /** Subscriptions open at once on one socket (OPERATION_LIMIT_EXCEEDED). @default 50 */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(50),
  /** Subscriptions open at once per user (per client address when signed out), per gateway instance. @default 200 */
  WS_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(200),

  /** Merge hot entity lookups (video, user) across concurrent requests. @default true */
  COALESCE_ENABLED: bool.default(true),
  /** Lookups per second of one entity type above which they are merged. @default 200 */
  COALESCE_THRESHOLD_PER_SECOND: z.coerce.number().min(0).default(200),
  /** The sliding window that rate is measured over: short, so that a burst is merged from its first few lookups. @default 100 ms */
  COALESCE_RATE_WINDOW_MS: z.coerce.number().min(10).max(60_000).default(100),
  /** How long a merged lookup waits for others to join. @default 2 ms */
  COALESCE_WINDOW_MS: z.coerce.number().min(0).max(1000).default(2),
  /** Longest wait for a merged lookup before querying alone. @default 50 ms */
  COALESCE_MAX_WAIT_MS: z.coerce.number().min(1).max(10_000).default(50),

  /** Events the search sync writes to the index per bulk request. @default 200 */
  SEARCH_SYNC_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
  /** First retry delay of failed index writes; doubles each round (10 rounds). @default 100 ms */
  SEARCH_SYNC_RETRY_BASE_MS: z.coerce.number().int().min(0).default(100),
  /** The search sync leader's lock lifetime; a standby takes over within it after the leader dies. @default 15 s */
  SEARCH_LEADER_TTL_SECONDS: z.coerce.number().min(0.3).default(15),

  /** How long after sending a message its sender may recall it. @default 120 seconds */
  CHAT_RECALL_WINDOW_SECONDS: z.coerce.number().int().min(0).default(120),
  /** Messages one user may send per minute, over all conversations. @default 60 */
  CHAT_SEND_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),

  /** Comma-separated usernames that get the admin role when they sign in (reindex, dead letters). */
  ADMIN_USERNAMES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),

  /**
   * OpenTelemetry: traces are exported over OTLP (HTTP, JSON) to this base URL
   * (`/v1/traces` is appended), e.g. http://otel-collector:4318. Unset: no tracing
   * at all (the SDK is not loaded).
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(url),
  /** `service.name` of this process's spans. @default the service: gateway, user, video, chat, search */
  OTEL_SERVICE_NAME: optionalString,

  /** Apollo Studio: both set turns on usage reporting and managed federation. */
  APOLLO_KEY: optionalString,
  APOLLO_GRAPH_REF: optionalString,

  /** OpenAI-compatible chat-completions base URL, e.g. https://spark-api-open.xf-yun.com/v1 */
  LLM_BASE_URL: optional(url),
  LLM_MODEL: optionalString,
  /** Comma-separated provider keys; each allows 2 concurrent calls per capability. */
  LLM_API_KEYS: optionalString,
  /** Model for generateImage. @default LLM_MODEL */
  LLM_IMAGE_MODEL: optionalString,
  /** Longest wait for a free provider key before RATE_LIMITED. @default 30000 ms */
  LLM_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Concurrent calls one key allows per capability (text, image, slides). @default 2 */
  LLM_KEY_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  /** Earlier question-and-answer turns sent as context. @default 6 */
  ASSISTANT_HISTORY_TURNS: z.coerce.number().int().min(0).max(50).default(6),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Stage one: validates `env` (process.env by default); throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error.issues);
  const config = parsed.data;
  if (config.NODE_ENV === 'production') {
    const missing = (['INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const)
      .filter((k) => !config[k])
      .map((variable) => ({ variable, message: 'is required when NODE_ENV=production' }));
    if (missing.length) throw new ConfigError(missing);
  }
  if (config.REDIS_URL && config.REDIS_CLUSTER_NODES) {
    throw new ConfigError([{ variable: 'REDIS_CLUSTER_NODES', message: 'set either REDIS_URL (one server) or REDIS_CLUSTER_NODES (a cluster), not both' }]);
  }
  const s3Keys = [config.S3_ACCESS_KEY, config.S3_SECRET_KEY].filter(Boolean).length;
  if (config.S3_ENDPOINT && s3Keys !== 2) {
    throw new ConfigError([
      { variable: 'S3_ACCESS_KEY', message: 'S3_ACCESS_KEY and S3_SECRET_KEY are required with S3_ENDPOINT' },
    ]);
  }
  return config;
}

/** Every problem zod found, as a ConfigError naming each variable. */
function configError(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ConfigError {
  return new ConfigError(issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
}

/** A string stage two requires: missing, it says so and what provides it. */
function requiredString(provider: string) {
  return z.string({ error: (issue) => (issue.input === undefined || issue.input === '' ? `is not set: ${provider}` : undefined) });
}

const SECRET_PROVIDER = 'the launcher (`npm start`) and the test harness generate one under DATA_DIR; set it in production';
const REDIS_PROVIDER = 'start the platform with `npm start` (it runs an embedded Redis), point REDIS_URL at a Redis server or REDIS_CLUSTER_NODES at a Redis Cluster';
const S3_PROVIDER = 'start the platform with `npm start` (it runs an embedded S3 server) or point S3_ENDPOINT at MinIO, with S3_ACCESS_KEY and S3_SECRET_KEY';

/**
 * Stage two, for a service: what stage one leaves optional because the
 * embedded infrastructure (lib/process/embedded.ts) may still provide it —
 * the secrets and a Redis — is required here, once it has filled its variables.
 */
const serviceSchema = z
  .object({
    INTERNAL_IDENTITY_SECRET: requiredString(SECRET_PROVIDER).min(32, 'must be at least 32 characters'),
    JWT_ACCESS_SECRET: requiredString(SECRET_PROVIDER).min(32, 'must be at least 32 characters'),
    JWT_REFRESH_SECRET: requiredString(SECRET_PROVIDER).min(32, 'must be at least 32 characters'),
    REDIS_URL: redisUrl.optional(),
    REDIS_CLUSTER_NODES: redisClusterNodeList.optional(),
  })
  .refine((v) => v.REDIS_URL || v.REDIS_CLUSTER_NODES, {
    path: ['REDIS_URL'],
    message: `is not set: ${REDIS_PROVIDER}`,
    // Reported beside missing secrets, not only once they are all there.
    when: () => true,
  });

/** One Redis server, or a cluster's seed nodes: never both (stage one refuses both), never neither (stage two). */
export type RedisTarget = { REDIS_URL: string; REDIS_CLUSTER_NODES?: undefined } | { REDIS_URL?: undefined; REDIS_CLUSTER_NODES: string };

/** The configuration a service runs with: stage one's, with the secrets and a Redis present. */
export type ServiceConfig = Omit<Config, 'INTERNAL_IDENTITY_SECRET' | 'JWT_ACCESS_SECRET' | 'JWT_REFRESH_SECRET' | 'REDIS_URL' | 'REDIS_CLUSTER_NODES'> & {
  INTERNAL_IDENTITY_SECRET: string;
  JWT_ACCESS_SECRET: string;
  JWT_REFRESH_SECRET: string;
} & RedisTarget;

/**
 * Stage two: `config` (stage one, parsed once) with the variables the embedded
 * infrastructure filled in (`filled`, validated by the same rules as stage
 * one), checked for what every service needs. Throws a ConfigError naming each
 * missing or malformed variable and what provides it.
 */
export function serviceConfig(config: Config, filled: Record<string, string> = {}): ServiceConfig {
  const added = envSchema.partial().safeParse(filled);
  if (!added.success) throw configError(added.error.issues);
  // Only what was filled in: the partial schema would also give every other variable its default.
  const merged: Config = { ...config, ...Object.fromEntries(Object.entries(added.data).filter(([k]) => k in filled)) };
  const required = serviceSchema.safeParse(merged);
  if (!required.success) throw configError(required.error.issues);
  // The check above rules out "neither"; stage one ruled out "both".
  return { ...merged, ...required.data } as ServiceConfig;
}

/** Object storage, for the services that keep files (not every service is given it: see deploy/). */
const objectStoreSchema = z.object({
  S3_ENDPOINT: requiredString(S3_PROVIDER).url(),
  S3_ACCESS_KEY: requiredString(S3_PROVIDER),
  S3_SECRET_KEY: requiredString(S3_PROVIDER),
});

export type ObjectStoreTarget = z.infer<typeof objectStoreSchema>;

/** Stage two for object storage: the endpoint and its keys, or a ConfigError naming what is missing. */
export function objectStoreTarget(config: Config): ObjectStoreTarget {
  const parsed = objectStoreSchema.safeParse(config);
  if (!parsed.success) throw configError(parsed.error.issues);
  return parsed.data;
}

/** REDIS_CLUSTER_NODES as a list of seed nodes; empty when unset. */
export function redisClusterNodes(config: Pick<Config, 'REDIS_CLUSTER_NODES'>): { host: string; port: number }[] {
  if (!config.REDIS_CLUSTER_NODES) return [];
  return config.REDIS_CLUSTER_NODES.split(',').map((node) => {
    const [host, port] = node.trim().split(':') as [string, string];
    return { host, port: Number(port) };
  });
}

export const SUBGRAPHS = ['user', 'video', 'chat', 'search'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export function subgraphPort(config: Config, name: SubgraphName): number {
  return {
    user: config.USER_PORT,
    video: config.VIDEO_PORT,
    chat: config.CHAT_PORT,
    search: config.SEARCH_PORT,
  }[name];
}

export function subgraphUrl(config: Config, name: SubgraphName): string {
  const explicit = {
    user: config.USER_URL,
    video: config.VIDEO_URL,
    chat: config.CHAT_URL,
    search: config.SEARCH_URL,
  }[name];
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  return explicit ?? `http://${host}:${subgraphPort(config, name)}/graphql`;
}

/** The port of a service's metrics endpoint (0: a free one, chosen at start-up). */
export function metricsPort(config: Config, service: 'gateway' | SubgraphName): number {
  return {
    gateway: config.GATEWAY_METRICS_PORT,
    user: config.USER_METRICS_PORT,
    video: config.VIDEO_METRICS_PORT,
    chat: config.CHAT_METRICS_PORT,
    search: config.SEARCH_METRICS_PORT,
  }[service];
}

/** Where Prometheus scrapes a service, or undefined when its port is chosen at start-up. */
export function metricsUrl(config: Config, service: 'gateway' | SubgraphName): string | undefined {
  const port = metricsPort(config, service);
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  return port ? `http://${host}:${port}/metrics` : undefined;
}

/**
 * Largest JSON request body a service accepts: HTTP_JSON_BODY_LIMIT_BYTES at
 * the gateway, twice it at a subgraph (the gateway's requests carry the
 * client's variables plus the query plan's entity representations).
 */
export function jsonBodyLimit(config: Pick<Config, 'HTTP_JSON_BODY_LIMIT_BYTES'>, service: 'gateway' | SubgraphName): number {
  return service === 'gateway' ? config.HTTP_JSON_BODY_LIMIT_BYTES : 2 * config.HTTP_JSON_BODY_LIMIT_BYTES;
}
