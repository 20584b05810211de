/**
 * Every Redis key family of the platform, in one table, with the hash tag that
 * keeps a family in one Redis Cluster slot where that matters.
 *
 * On a cluster (REDIS_CLUSTER_NODES) each key lives in one of 16384 slots,
 * CRC16(key) mod 16384, and a command, Lua script, MULTI transaction or
 * pipeline that touches keys of different slots is refused with CROSSSLOT.
 * When a key holds `{...}`, only the text between the first braces is hashed:
 * keys sharing that text (the hash tag) share the slot. A tag is chosen per
 * entity (one family, one upload), so a cluster still spreads the entities over
 * its masters; only groups that must be atomic together get a common tag.
 *
 * | key (pattern)                               | tag              | touched together by                                   | defined in |
 * |---------------------------------------------|------------------|-------------------------------------------------------|------------|
 * | auth:fam:{<familyId>}                       | {<familyId>}     | refresh ROTATE script, revocation MULTI               | subgraphs/user/sessions.ts |
 * | auth:refresh-rl:{<familyId>}:<deviceId>     | {<familyId>}     | refresh ROTATE script (once a minute per login+device) | subgraphs/user/sessions.ts |
 * | auth:revoked:{<familyId>}                   | {<familyId>}     | revocation MULTI (with the family's deletion)          | lib/auth/revocation.ts |
 * | auth:user-fams:<userId>                     | none             | its own MULTI (written before the family)             | subgraphs/user/sessions.ts |
 * | auth:login:* (fails, lockouts, devices)     | none             | one key per command (rate-limiter-flexible)           | subgraphs/user/loginThrottle.ts |
 * | upload:{<uploadId>}:chunks / :proof / :presign:<i> / :completing | {<uploadId>} | DEL of the upload's state; the completion lock | VIDEO_KEYS (subgraphs/video/uploadState.ts) |
 * | {llm}:slots:<keyId>:<capability>, {llm}:queue:*, {llm}:beats:*, {llm}:ticket:*, {llm}:disabled | {llm} (the pool's namespace) | the ACQUIRE/RENEW/REMOVE/STATUS scripts | llmPoolKeys, used by subgraphs/chat/credentialLeases.ts |
 * | {events}:user, {events}:video               | {events}         | XREADGROUP over both streams (search sync, notifications) | lib/redis/domainEvents.ts |
 * | search:{sync}:dead-letters / :counters / :lag-ms / :full-sync | {sync} | dead-letter and progress MULTIs | subgraphs/search/indexSync.ts |
 * | search:sync-leader, search:reindex          | none             | one lock key each                                     | subgraphs/search/indexSync.ts |
 * | presence:<userId>                           | none             | one key per MULTI; `online` sends one command per user | CHAT_KEYS, used by subgraphs/chat/presence.ts |
 * | chat:send:<userId>                          | none             | one key per MULTI (fixed-window limit)                | CHAT_KEYS, used by subgraphs/chat/sendThrottle.ts |
 * | danmaku:rate:<userId>                       | none             | one key per MULTI (fixed-window limit)                | VIDEO_KEYS (subgraphs/video/repositories.ts) |
 * | chat:send-claim:<conversation>:<sender>:<clientMessageId> | none | one key                                           | CHAT_KEYS, used by subgraphs/chat/sendThrottle.ts |
 * | assistant:history:<userId>:<thread>         | none             | one key per MULTI                                     | CHAT_KEYS, used by subgraphs/chat/assistantHistory.ts |
 * | video:counts-dirty                          | none             | one key per script                                    | VIDEO_KEYS (subgraphs/video/counts.ts) |
 * | video:counts-flush, video:upload-cleanup    | none             | one lock key each                                     | VIDEO_KEYS (counts.ts, uploads.ts) |
 * | view:<videoId>:<viewer>                     | none             | one key                                               | VIDEO_KEYS (subgraphs/video/repositories.ts) |
 *
 * Pub/sub channels (`chat:u:<userId>`, `danmaku:<videoId>`, `auth:revoked`,
 * `{llm}:wake`; the chat ones named below too) are not keys: on a cluster PUBLISH reaches every node, and a
 * subscriber connected to any node hears it.
 *
 * Renaming a key family loses what was stored under the old name; there is
 * no production data yet, so no migration exists.
 */

/** The tags above, for code and tests that need to name a group's slot. */
export const HASH_TAGS = {
  /** Both event streams (lib/redis/domainEvents.ts STREAMS). */
  events: '{events}',
  /** The search sync pipeline's own keys. */
  searchSync: '{sync}',
  /** The LLM credential pool's default namespace. */
  llmPool: '{llm}',
} as const;

/** The chat subgraph's key families (and its per-user bus channel), as the table above lists them. */
export const CHAT_KEYS = {
  /** Sorted set of the user's presence leases (member: lease id, score: expiry). */
  presence: (userId: string) => `presence:${userId}`,
  /** The user's fixed-window count of sends. */
  sendWindow: (userId: string) => `chat:send:${userId}`,
  /** The claim one copy of a send holds on its clientMessageId. */
  sendClaim: (conversationId: string, senderId: string, clientMessageId: string) => `chat:send-claim:${conversationId}:${senderId}:${clientMessageId}`,
  /** List of the user's assistant turns in one thread, newest first. */
  assistantHistory: (userId: string, thread: string) => `assistant:history:${userId}:${thread}`,
  /** Pub/sub channel of one user's live chat events (not a key). */
  userChannel: (userId: string) => `chat:u:${userId}`,
} as const;

/**
 * The LLM credential pool's keys and wake-up channel, all under one namespace
 * that must be a hash tag: the pool's scripts touch several of them at once.
 */
export function llmPoolKeys(namespace: string = HASH_TAGS.llmPool) {
  if (!/^\{[^{}]+\}$/.test(namespace)) throw new Error(`the credential pool namespace must be a hash tag like {llm}, got ${namespace}`);
  return {
    /** Sorted set of the live leases on one key for one capability (score: expiry). */
    slots: (keyId: string, capability: string) => `${namespace}:slots:${keyId}:${capability}`,
    /** Sorted set of one capability's waiters (score: ticket). */
    queue: (capability: string) => `${namespace}:queue:${capability}`,
    /** Sorted set of one capability's waiters' heartbeats (score: when it lapses). */
    beats: (capability: string) => `${namespace}:beats:${capability}`,
    /** INCR counter handing out one capability's tickets. */
    ticket: (capability: string) => `${namespace}:ticket:${capability}`,
    /** Set of the keyIds taken out of the pool. */
    disabled: `${namespace}:disabled`,
    /** Pub/sub channel: a capability's slot or queue place was freed (not a key). */
    wake: `${namespace}:wake`,
  };
}

/**
 * The video subgraph's key families (the rows above naming VIDEO_KEYS): the
 * only place their names and hash tags are written.
 */
export const VIDEO_KEYS = {
  /** Set of an upload's received chunk indexes: a cache of the store's chunk records. */
  uploadChunks: (uploadId: string) => `upload:{${uploadId}}:chunks`,
  /** An upload's pending proof-of-possession challenge (JSON). */
  uploadProof: (uploadId: string) => `upload:{${uploadId}}:proof`,
  /** The object key a presigned PUT of one chunk writes to. */
  uploadPresign: (uploadId: string, index: number) => `upload:{${uploadId}}:presign:${index}`,
  /** The lock completing (or proving) an upload. */
  uploadCompleting: (uploadId: string) => `upload:{${uploadId}}:completing`,
  /** The lock of the stale-upload sweep. */
  uploadCleanupLock: 'video:upload-cleanup',
  /** Sorted set of videos whose counts changed since the last flush. */
  countsDirty: 'video:counts-dirty',
  /** The lock of the counts flush. */
  countsFlushLock: 'video:counts-flush',
  /** A viewer's counted view of a video, alive for the view window. */
  view: (videoId: string, viewer: string) => `view:${videoId}:${viewer}`,
  /** A user's danmaku sending window. */
  danmakuRate: (userId: string) => `danmaku:rate:${userId}`,
} as const;
