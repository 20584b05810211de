/**
 * A Redis Streams consumer-group worker: at-least-once delivery of domain
 * events to one consumer of the group (so N replicas share the work), with
 * acknowledgement only after the handler succeeded. Entries whose handler
 * failed, or whose consumer died, stay pending and are claimed again after
 * `claimIdleMs` (XAUTOCLAIM), so handlers must be idempotent.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Disposable } from '../process/disposable.js';
import { blockingConnection } from './client.js';
import { parseEvent, type DomainEvent } from './domainEvents.js';
import type { Logger } from '../observability/logger.js';
import { inSpan, linkTo, SpanKind } from '../observability/tracing.js';

export interface StreamEntry {
  stream: string;
  entryId: string;
  event: DomainEvent;
}

export interface ConsumerOptions {
  redis: Redis;
  streams: string[];
  group: string;
  /** Unique per process. @default a random id */
  consumer?: string;
  /** Handles a batch; entries it returns are acknowledged, the rest stay pending. */
  handle: (entries: StreamEntry[]) => Promise<StreamEntry[]>;
  log: Logger;
  /** @default 100 */
  batchSize?: number;
  /** How long one read blocks waiting for new entries. @default 1000 ms */
  blockMs?: number;
  /** Pending entries idle this long are claimed again (retries, dead consumers). @default 30 s */
  claimIdleMs?: number;
  /** Read from the start of the stream when the group is created (else only new entries). @default '0' */
  startId?: string;
}

type XReadReply = [string, [string, string[]][]][] | null;

export async function startConsumer(opts: ConsumerOptions): Promise<Disposable & { consumer: string }> {
  const consumer = opts.consumer ?? randomUUID();
  const batch = opts.batchSize ?? 100;
  const claimIdle = opts.claimIdleMs ?? 30_000;
  const blockMs = opts.blockMs ?? 1000;
  for (const stream of opts.streams) {
    await opts.redis.xgroup('CREATE', stream, opts.group, opts.startId ?? '0', 'MKSTREAM').catch((err: Error) => {
      if (!err.message.includes('BUSYGROUP')) throw err;
    });
  }
  // XREADGROUP ... BLOCK holds its connection: it gets its own, whose command
  // timeout allows for the block. Made once the groups exist, so a failed start leaves no connection behind.
  const reader = blockingConnection(opts.redis, blockMs);

  let running = true;
  let lastClaim = 0;

  const process = async (entries: StreamEntry[]) => {
    if (entries.length === 0) return;
    let done: StreamEntry[] = [];
    try {
      // A batch is a trace of its own, linked to the trace of each event in it.
      done = await inSpan(
        `process ${opts.group}`,
        {
          kind: SpanKind.CONSUMER,
          root: true,
          links: entries.flatMap((e) => linkTo(e.event.trace) ?? []),
          attributes: { 'messaging.system': 'redis', 'messaging.consumer.group.name': opts.group, 'messaging.operation.type': 'process', 'messaging.batch.message_count': entries.length },
        },
        () => opts.handle(entries),
      );
    } catch (err) {
      opts.log.error({ err, group: opts.group, count: entries.length }, 'stream handler failed; entries stay pending');
      return;
    }
    const byStream = new Map<string, string[]>();
    for (const e of done) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.entryId]);
    for (const [stream, ids] of byStream) await opts.redis.xack(stream, opts.group, ...ids);
  };

  const toEntries = (stream: string, rows: [string, string[]][]): StreamEntry[] =>
    rows.flatMap(([entryId, fields]) => {
      const event = fields ? parseEvent(fields) : null;
      if (!event) {
        opts.log.warn({ stream, entryId }, 'unreadable stream entry acknowledged and skipped');
        // Redis away: the entry stays pending, is claimed again later and skipped then.
        opts.redis.xack(stream, opts.group, entryId).catch(() => undefined);
        return [];
      }
      return [{ stream, entryId, event }];
    });

  const loop = (async () => {
    while (running) {
      try {
        if (Date.now() - lastClaim > claimIdle / 2) {
          lastClaim = Date.now();
          for (const stream of opts.streams) {
            const [, rows] = (await opts.redis.xautoclaim(stream, opts.group, consumer, claimIdle, '0-0', 'COUNT', batch)) as [string, [string, string[]][]];
            await process(toEntries(stream, rows ?? []));
          }
        }
        const reply = (await reader.xreadgroup('GROUP', opts.group, consumer, 'COUNT', batch, 'BLOCK', blockMs, 'STREAMS', ...opts.streams, ...opts.streams.map(() => '>'))) as XReadReply;
        for (const [stream, rows] of reply ?? []) await process(toEntries(stream, rows));
      } catch (err) {
        if (!running) break;
        opts.log.error({ err, group: opts.group }, 'stream read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();

  return {
    consumer,
    async dispose() {
      running = false;
      reader.disconnect();
      await loop;
    },
  };
}
