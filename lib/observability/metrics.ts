/**
 * Prometheus metrics shared by the five services (prom-client).
 *
 * Each service has its own registry (not prom-client's global one: the tests
 * run all five in one process, and each must be scraped on its own) with the
 * process defaults (`collectDefaultMetrics`) and a `service` label on every
 * series. It is served on a port of its own (`*_METRICS_PORT`), never on the
 * service's public port.
 *
 * Costs on the hot path are kept to one histogram observation per operation,
 * subgraph fetch or store call, through label children bound once. Figures a
 * component already keeps (the fetcher's merge count, coalescer statistics)
 * and figures that need a round trip (Redis Streams lag, the assistant's
 * queue) are read when Prometheus scrapes, not on every request.
 *
 * Labels take bounded values only: method names, error codes, subgraph names,
 * a capped set of operation names. Never a user id or operation text.
 *
 * Every metric name is listed in README.md (Metrics).
 *
 * A gateway run as several cluster workers (GATEWAY_WORKERS) is scraped on the
 * primary, which sums the workers' registries (prom-client's AggregatorRegistry,
 * `serveClusterMetrics`): counters and histograms add up, and so do gauges by
 * default (open sockets, active subscriptions: the pod's total). A gauge that is
 * one shared figure in every worker (read from Redis) says so with `aggregator`.
 * prom-client's process defaults choose their own: memory and CPU add up, event
 * loop lag is averaged (min and max kept), the start time is left out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Aggregator } from 'prom-client';
import type { Logger } from './logger.js';

/** Seconds: from a cached in-memory answer to a slow cross-service request. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a store call is usually well under a millisecond on SQLite. */
export const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** A scrape waits this long at most for a figure that needs Redis; without an answer the series is left out. @default 1 s */
const SCRAPE_QUERY_TIMEOUT_MS = 1_000;

type Labels<T extends string> = Partial<Record<T, string | number>>;

export class ServiceMetrics {
  readonly registry = new Registry();

  /** `processMetrics: false` leaves out prom-client's process defaults (a cluster primary: its workers report theirs). */
  constructor(
    readonly service: string,
    opts: { processMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  counter<T extends string = never>(name: string, help: string, labelNames: readonly T[] = []): Counter<T> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<T extends string = never>(name: string, help: string, labelNames: readonly T[] = []): Gauge<T> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<T extends string = never>(name: string, help: string, labelNames: readonly T[], buckets: number[] = DURATION_BUCKETS): Histogram<T> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /**
   * A counter whose values some component already keeps (e.g. `stats.merged`),
   * read at scrape time: no work on the hot path at all.
   */
  counterFrom<T extends string = never>(name: string, help: string, labelNames: readonly T[], read: () => [Labels<T>, number][]): void {
    new Counter<T>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.inc(labels, value);
      },
    });
  }

  /**
   * A gauge read at scrape time, possibly from Redis. A read that fails or
   * takes longer than SCRAPE_QUERY_TIMEOUT_MS leaves the series out of that
   * scrape (Prometheus shows a gap) rather than an old value or a hung scrape.
   */
  gaugeFrom<T extends string = never>(
    name: string,
    help: string,
    labelNames: readonly T[],
    read: () => [Labels<T>, number][] | Promise<[Labels<T>, number][]>,
    /** How cluster workers' values combine (serveClusterMetrics). @default 'sum' */
    aggregator: Aggregator = 'sum',
  ): void {
    new Gauge<T>({
      name,
      help,
      labelNames,
      aggregator,
      registers: [this.registry],
      async collect() {
        this.reset();
        let rows: [Labels<T>, number][];
        try {
          rows = await withTimeout(Promise.resolve(read()), SCRAPE_QUERY_TIMEOUT_MS);
        } catch {
          return;
        }
        for (const [labels, value] of rows) this.set(labels, value);
      },
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface MetricsServer {
  /** http://host:port/metrics */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves GET /metrics on its own listener (HOST and the service's metrics
 * port), so that the public listener never exposes it. Anything else is 404.
 */
export async function serveMetrics(metrics: ServiceMetrics, host: string, port: number, log: Logger): Promise<MetricsServer> {
  if (reportingToPrimary) {
    // A cluster worker: the primary owns the listener and asks every worker for its registry.
    AggregatorRegistry.setRegistries([metrics.registry]);
    return { url: metricsAddress(host, port), port, close: async () => {} };
  }
  return listenForScrapes(metrics.service, metrics.registry.contentType, () => metrics.registry.metrics(), host, port, log);
}

let reportingToPrimary = false;

/**
 * In a cluster worker, before the service starts: `serveMetrics` opens no
 * listener and hands the service's registry to the primary instead, which
 * serves every worker's figures summed (`serveClusterMetrics`) on the port.
 */
export function reportMetricsToPrimary(): void {
  reportingToPrimary = true;
  // Constructed in the worker, it answers the primary's requests for the registries set above.
  new AggregatorRegistry();
}

/**
 * The cluster primary's metrics listener: GET /metrics asks every live worker
 * for its registry (over the cluster IPC channel) and answers the aggregate.
 * A worker that does not answer within prom-client's 5 s fails the scrape (500).
 */
export function serveClusterMetrics(service: string, host: string, port: number, log: Logger, primary?: Registry): Promise<MetricsServer> {
  const aggregator = new AggregatorRegistry();
  const collect = async () => {
    const workers = await aggregator.clusterMetrics();
    // The primary's own figures (names no worker uses) follow the workers' sum.
    return primary ? `${workers.replace(/\n*$/, '\n')}${await primary.metrics()}` : workers;
  };
  return listenForScrapes(service, aggregator.contentType, collect, host, port, log);
}

function metricsAddress(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`;
}

async function listenForScrapes(service: string, contentType: string, collect: () => Promise<string>, host: string, port: number, log: Logger): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    collect().then(
      (text) => res.writeHead(200, { 'content-type': contentType }).end(req.method === 'HEAD' ? undefined : text),
      (err: unknown) => {
        log.error({ err }, 'metrics collection failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  // Scrapers keep connections open; a stopping service must not wait for them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const url = metricsAddress(host, bound);
  log.info({ metrics: url }, `${service} metrics listening`);
  return {
    url,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/* ---------------------------------------------------------------------------------
 * Subgraph metrics
 * ------------------------------------------------------------------------------- */

type StoreOutcome = 'ok' | 'error';

/**
 * Wraps a store port so that every method call is timed, by method name and
 * outcome (`vidhub_store_call_duration_seconds`). Generic over the port: the
 * same Proxy serves every subgraph's store and every adapter (SQLite, MongoDB).
 * Wrapped methods are made once per method, not per call. A subgraph with
 * several ports wraps each; they share the one histogram of its metrics.
 */
export function instrumentStore<T extends object>(store: T, metrics: ServiceMetrics): T {
  // One histogram per service, shared by every port it instruments (a subgraph may have several).
  const histogram =
    (metrics.registry.getSingleMetric('vidhub_store_call_duration_seconds') as Histogram<'method' | 'outcome'> | undefined) ??
    metrics.histogram('vidhub_store_call_duration_seconds', 'Store (database) calls by port method and outcome.', ['method', 'outcome'], STORE_BUCKETS);
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      let fn = wrapped.get(prop);
      if (fn) return fn;
      const method = value as (...args: unknown[]) => unknown;
      const observe: Record<StoreOutcome, (seconds: number) => void> = {
        ok: histogram.labels({ method: prop, outcome: 'ok' }).observe,
        error: histogram.labels({ method: prop, outcome: 'error' }).observe,
      };
      fn = (...args: unknown[]) => {
        const start = performance.now();
        let result: unknown;
        try {
          // The target itself, not the Proxy: adapters may use private fields.
          result = method.apply(target, args);
        } catch (err) {
          observe.error((performance.now() - start) / 1000);
          throw err;
        }
        if (result instanceof Promise) {
          return result.then(
            (v: unknown) => {
              observe.ok((performance.now() - start) / 1000);
              return v;
            },
            (err: unknown) => {
              observe.error((performance.now() - start) / 1000);
              throw err;
            },
          );
        }
        observe.ok((performance.now() - start) / 1000);
        return result;
      };
      wrapped.set(prop, fn);
      return fn;
    },
  });
}

/** The figures a Coalescer keeps (lib/data/coalescer.ts), by entity type. */
export interface CoalescerFigures {
  lookups: number;
  direct: number;
  merged: number;
  queries: number;
  timeouts: number;
}

/** Lookups merged across requests, store queries and timeouts of the coalescers of one subgraph, read at scrape time. */
export function coalescerMetrics(metrics: ServiceMetrics, coalescers: Record<string, { stats: CoalescerFigures }>): void {
  const entries = Object.entries(coalescers);
  metrics.counterFrom('vidhub_coalescer_lookups_total', 'Entity lookups through the cross-request coalescer, by entity and whether they went straight to the store or joined a merged batch.', ['entity', 'path'], () =>
    entries.flatMap(([entity, c]) => [
      [{ entity, path: 'direct' }, c.stats.direct],
      [{ entity, path: 'merged' }, c.stats.merged],
    ]),
  );
  metrics.counterFrom('vidhub_coalescer_queries_total', 'Store queries the coalescer issued (direct, merged batches and callers that stopped waiting).', ['entity'], () => entries.map(([entity, c]) => [{ entity }, c.stats.queries]));
  metrics.counterFrom('vidhub_coalescer_timeouts_total', 'Callers that stopped waiting for a merged batch (COALESCE_MAX_WAIT_MS) and queried alone.', ['entity'], () => entries.map(([entity, c]) => [{ entity }, c.stats.timeouts]));
}

/** One consumer group of XINFO GROUPS, as ioredis returns it: a flat list of names and values. */
function xinfoGroup(row: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < row.length; i += 2) out[String(row[i])] = row[i + 1];
  return out;
}

/**
 * Redis Streams consumer lag (entries not yet delivered to the group) and
 * pending entries (delivered, not acknowledged) per stream and group, asked of
 * Redis (XINFO GROUPS) at scrape time, so the figures are the group's, whichever
 * instance consumes. A group that does not exist yet has no series.
 */
export function streamLagMetrics(metrics: ServiceMetrics, redis: Redis, consumers: { group: string; streams: readonly string[] }[]): void {
  const read = async (field: 'lag' | 'pending') => {
    const rows: [Labels<'stream' | 'group'>, number][] = [];
    const streams = [...new Set(consumers.flatMap((c) => c.streams))];
    for (const stream of streams) {
      const groups = ((await redis.xinfo('GROUPS', stream).catch(() => [])) as unknown[][]).map(xinfoGroup);
      for (const { group } of consumers.filter((c) => c.streams.includes(stream))) {
        const info = groups.find((g) => g.name === group);
        const value = info?.[field];
        // `lag` is null when Redis cannot tell (after entries were deleted mid-stream): no series then.
        if (typeof value === 'number') rows.push([{ stream, group }, value]);
      }
    }
    return rows;
  };
  // One figure of Redis's, the same whichever process asks: never summed across workers.
  metrics.gaugeFrom('vidhub_stream_consumer_lag', 'Entries of a Redis stream not yet delivered to a consumer group (XINFO GROUPS lag).', ['stream', 'group'], () => read('lag'), 'max');
  metrics.gaugeFrom('vidhub_stream_consumer_pending', 'Entries delivered to a consumer group and not yet acknowledged (XINFO GROUPS pending).', ['stream', 'group'], () => read('pending'), 'max');
}
