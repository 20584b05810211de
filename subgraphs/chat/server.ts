/** Wiring of the chat subgraph: the stores, Redis and its repositories, the bus, the notifications consumer, the server. */
import type { ServiceConfig } from '../../lib/config.js';
import { DisposableStack } from '../../lib/process/disposable.js';
import { STREAMS } from '../../lib/redis/domainEvents.js';
import { pingRedis } from '../../lib/redis/client.js';
import type { Logger } from '../../lib/observability/logger.js';
import { ServiceMetrics, instrumentStore, streamLagMetrics } from '../../lib/observability/metrics.js';
import { requireObjectStore, requireRedis } from '../../lib/process/runtime.js';
import type { Redis } from 'ioredis';
import { RedisAssistantHistory } from './assistantHistory.js';
import { CredentialPool } from './credentialPool.js';
import { startConsumer } from '../../lib/redis/streams.js';
import { startSubgraph, type RunningSubgraph } from '../../lib/server/subgraph.js';
import { ChatBus } from './bus.js';
import { contextFactory } from './context.js';
import { notificationHandler } from './notifications.js';
import { Presence } from './presence.js';
import { resolvers } from './resolvers.js';
import { permissions, SHARED_EVENT_FIELDS, SHARED_EVENT_VARIANTS } from './rules.js';
import { RedisSendThrottle } from './sendThrottle.js';
import { createChatStores, type ChatStores } from './store/index.js';

/** The consumer group that turns user and video events into notifications. */
const NOTIFICATIONS_GROUP = 'chat-notifications';

export interface ChatSubgraph extends RunningSubgraph {
  stores: ChatStores;
}

export async function startChatSubgraph(config: ServiceConfig, log: Logger, opts: { port?: number; stores?: ChatStores } = {}): Promise<ChatSubgraph> {
  const stack = new DisposableStack();
  try {
    const metrics = new ServiceMetrics('chat');
    const opened = stack.use('chat stores', opts.stores ?? (await createChatStores(config)));
    const stores: ChatStores = {
      ...opened,
      conversations: instrumentStore(opened.conversations, metrics),
      messages: instrumentStore(opened.messages, metrics),
      notifications: instrumentStore(opened.notifications, metrics),
    };
    const redis = requireRedis(config, 'chat', log);
    stack.defer('redis', () => void redis.disconnect());
    streamLagMetrics(metrics, redis, [{ group: NOTIFICATIONS_GROUP, streams: [STREAMS.user, STREAMS.video] }]);
    const bus = stack.use('chat bus', new ChatBus(redis));
    const presence = new Presence(redis);
    const objects = await requireObjectStore(config);
    const assistant = assistantFrom(config, redis, log, metrics);
    if (assistant) stack.use('credential pool', assistant.pool);
    stack.use(
      'notifications consumer',
      await startConsumer({ redis, streams: [STREAMS.user, STREAMS.video], group: NOTIFICATIONS_GROUP, handle: notificationHandler(stores.notifications, bus), log: log.child({ worker: 'notifications' }) }),
    );
    const server = stack.use(
      'server',
      await startSubgraph({
        name: 'chat',
        metrics,
        config,
        log,
        resolvers,
        permissions,
        sharedEventFields: SHARED_EVENT_FIELDS,
        sharedEventVariants: SHARED_EVENT_VARIANTS,
        createContext: contextFactory({
          config,
          stores,
          bus,
          presence,
          throttle: new RedisSendThrottle(redis),
          assistantHistory: new RedisAssistantHistory(redis),
          objects,
          ...(assistant ? { assistant } : {}),
        }),
        readiness: { store: () => stores.ping(), redis: () => pingRedis(redis), objectStorage: () => objects.ping() },
        port: opts.port ?? config.CHAT_PORT,
      }),
    );
    return { ...server, stores, dispose: () => stack.dispose((name, err) => log.error({ err }, `stopping ${name} failed`)) };
  } catch (err) {
    await stack.dispose();
    throw err;
  }
}

/** @default 60 s, renewed while a call streams */
const LEASE_TTL_MS = 60_000;

/** The assistant's provider and key pool, or undefined when LLM_BASE_URL / LLM_API_KEYS are unset. */
function assistantFrom(config: ServiceConfig, redis: Redis, log: Logger, metrics: ServiceMetrics) {
  const keys = (config.LLM_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (!config.LLM_BASE_URL || keys.length === 0) return undefined;
  const model = config.LLM_MODEL ?? 'lite';
  return {
    pool: new CredentialPool({ redis, keys, log: log.child({ component: 'credential-pool' }), perKeyLimit: config.LLM_KEY_CONCURRENCY, leaseTtlMs: LEASE_TTL_MS, queueTimeoutMs: config.LLM_QUEUE_TIMEOUT_MS, metrics }),
    settings: { baseUrl: config.LLM_BASE_URL, model, imageModel: config.LLM_IMAGE_MODEL ?? model, historyTurns: config.ASSISTANT_HISTORY_TURNS, leaseTtlMs: LEASE_TTL_MS },
  };
}
