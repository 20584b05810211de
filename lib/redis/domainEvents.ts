/**
 * Domain events between services travel on Redis Streams: at-least-once,
 * acknowledged per consumer group, replayable. Producers append here; each
 * consumer (search sync, notifications) reads with its own group and must be
 * idempotent, since a redelivered event is normal after a crash. With tracing
 * on, an event carries the trace of the change that produced it (lib/observability/tracing.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { HASH_TAGS } from './keys.js';
import { inSpan, injectTrace, SpanKind, type TraceCarrier } from '../observability/tracing.js';

/**
 * One hash tag, `{events}`, for both streams: a consumer reads all its streams in
 * one XREADGROUP, which on a Redis Cluster needs them in one slot (lib/redis/keys.ts).
 */
export const STREAMS = { user: `${HASH_TAGS.events}:user`, video: `${HASH_TAGS.events}:video` } as const;
/** Streams are trimmed to about this many entries (consumers are expected to keep up). @default 1,000,000 */
export const STREAM_MAX_LEN = 1_000_000;

export interface DomainEvent<P = Record<string, unknown>> {
  /** Unique per event: consumers use it to drop duplicates. */
  id: string;
  type: string;
  occurredAt: string;
  /** The aggregate (user, video...) the event is about. */
  subjectId: string;
  /** The aggregate's version after the change, when it has one (ordering for search). */
  version?: number;
  payload: P;
  /** The trace of the change that produced the event (W3C trace context), when tracing is on: consumers link to it. */
  trace?: TraceCarrier;
}

export async function publishEvent<P extends Record<string, unknown>>(
  redis: Redis,
  stream: string,
  event: Omit<DomainEvent<P>, 'id' | 'occurredAt'>,
): Promise<DomainEvent<P>> {
  return inSpan(`publish ${stream}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'redis', 'messaging.destination.name': stream, 'messaging.operation.type': 'send' } }, async () => {
    const trace = injectTrace();
    const full: DomainEvent<P> = { id: randomUUID(), occurredAt: new Date().toISOString(), ...event, ...(trace ? { trace } : {}) };
    await redis.xadd(stream, 'MAXLEN', '~', String(STREAM_MAX_LEN), '*', 'type', full.type, 'event', JSON.stringify(full));
    return full;
  });
}

export function parseEvent(fields: string[]): DomainEvent | null {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'event') {
      try {
        return JSON.parse(fields[i + 1]!) as DomainEvent;
      } catch {
        return null;
      }
    }
  }
  return null;
}
