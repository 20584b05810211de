/**
 * Distributed tracing (OpenTelemetry), exported over OTLP (HTTP, JSON) when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Unset, nothing of the SDK is loaded or
 * installed: the helpers below return at once and log lines carry no traceId.
 *
 * What is traced: incoming HTTP requests and outgoing ones (node http, undici:
 * the gateway's subgraph fetches), Redis commands (ioredis), GraphQL parsing,
 * validation and execution, SQLite statements (better-sqlite3) or MongoDB
 * calls (mongoose), @apollo/gateway's own spans (planning, each fetch), the
 * subscription bridge's upstream graphql-ws operations, and the domain events
 * on Redis Streams: the producer writes its trace context into the event and
 * the consumer's span for a batch links to the trace of every event in it.
 * W3C `traceparent` carries the trace from the client through the gateway to
 * every subgraph.
 *
 * One process may run several services (the test harness runs all five), so
 * spans are not sent through one global tracer provider: each service has a
 * provider of its own (its own `service.name`, exporter and batch), and the
 * global provider routes every span to the service it belongs to — the
 * service of its parent span, else the service whose start-up the current
 * async context descends from (`startTraced` runs a service's start-up inside
 * a context naming it, so its servers, consumers and timers inherit it). In
 * production, where each service is a process of its own, that is always the
 * one service. Spans that belong to no service (a test's own client calls)
 * are not recorded.
 */
import { createRequire } from 'node:module';
import {
  context,
  createContextKey,
  INVALID_SPAN_CONTEXT,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

export { SpanKind, SpanStatusCode };

/** The configuration tracing reads (lib/config.ts). */
export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME?: string | undefined;
  MONGODB_URI?: string | undefined;
}

/** Trace context as it travels inside a message (an event, a graphql-ws payload): `traceparent`, `tracestate`. */
export type TraceCarrier = Record<string, string>;

const SERVICE = createContextKey('vidhub.service');
/** Per service name: its provider and how many running instances use it (tests start a second search). */
const services = new Map<string, { provider: BasicTracerProvider; users: number }>();
/** The service each recorded span belongs to, so that its children go to the same one. */
const spanService = new WeakMap<Span, string>();
/** Process-wide pieces (context manager, propagator, instrumentations) are in place. */
let installed: Promise<void> | undefined;
let on = false;

/** Whether this process traces at all. */
export function tracingOn(): boolean {
  return on;
}

function serviceOf(ctx: Context): string | undefined {
  const parent = trace.getSpan(ctx);
  const fromParent = parent ? spanService.get(parent) : undefined;
  // An incoming request's span is started in a context made from the request's headers alone;
  // the active context is then still the one of the server that received it.
  return fromParent ?? (ctx.getValue(SERVICE) as string | undefined) ?? (context.active().getValue(SERVICE) as string | undefined);
}

/** The global tracer: every span goes to the provider of the service it belongs to. */
class ServiceTracer implements Tracer {
  constructor(
    private readonly name: string,
    private readonly version?: string,
  ) {}

  startSpan(name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    const service = serviceOf(ctx);
    const entry = service ? services.get(service) : undefined;
    if (!service || !entry) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const span = entry.provider.getTracer(this.name, this.version).startSpan(name, options, ctx);
    spanService.set(span, service);
    return span;
  }

  // The API's overloads: (name, fn), (name, options, fn), (name, options, context, fn).
  startActiveSpan = ((name: string, ...args: unknown[]) => {
    const fn = args.pop() as (span: Span) => unknown;
    const [options, ctx = context.active()] = args as [SpanOptions | undefined, Context | undefined];
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), fn, undefined, span);
  }) as Tracer['startActiveSpan'];
}

async function installProcessWide(config: TracingConfig): Promise<void> {
  const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { registerInstrumentations }, http, undici, ioredis, graphql, mongoose, sqlite] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-mongoose'),
    import('opentelemetry-plugin-better-sqlite3'),
  ]);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider({ getTracer: (name, version) => new ServiceTracer(name, version) });
  registerInstrumentations({
    instrumentations: [
      // Only GraphQL requests: health checks and metric scrapes would drown them.
      new http.HttpInstrumentation({ ignoreIncomingRequestHook: (req) => !req.url?.startsWith('/graphql') }),
      new undici.UndiciInstrumentation(),
      new ioredis.IORedisInstrumentation(),
      // A span per resolver that does more than read a property; list items share one.
      new graphql.GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      new mongoose.MongooseInstrumentation(),
      new sqlite.BetterSqlite3Instrumentation(),
    ],
  });
  // The instrumentations patch CommonJS modules as they are require()d; this
  // code base imports them as ES modules, which require() never sees. Their
  // patches go on the modules' shared objects and prototypes, so requiring
  // each once here patches what the ES imports hold too.
  const require = createRequire(import.meta.url);
  for (const name of ['http', 'https', 'ioredis', 'better-sqlite3', ...(config.MONGODB_URI ? ['mongoose'] : [])]) require(name);
  on = true;
}

async function addService(service: string, config: TracingConfig & { OTEL_EXPORTER_OTLP_ENDPOINT: string }): Promise<() => Promise<void>> {
  await installTracing(config);
  let entry = services.get(service);
  if (!entry) {
    const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
    const exporter = new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME ?? service, 'service.namespace': 'vidhub' }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    entry = { provider, users: 0 };
    services.set(service, entry);
  }
  entry.users++;
  const used = entry;
  return async () => {
    if (--used.users > 0) return;
    if (services.get(service) === used) services.delete(service);
    await used.provider.shutdown();
  };
}

/**
 * Installs the process-wide pieces now (`startTraced` does it otherwise).
 * Modules imported afterwards are instrumented from their first import, which
 * matters for graphql: an ES module that imports it before holds the
 * unpatched functions (the services' main.ts import their code after it).
 */
export async function installTracing(config: TracingConfig): Promise<void> {
  installed ??= installProcessWide(config);
  await installed;
}

/**
 * Starts a service with tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set: its
 * start-up (and so everything it starts) runs in a context naming it, and its
 * `dispose` also flushes and stops its spans' exporter. Unset: just `start()`.
 */
export async function startTraced<T extends { dispose(): Promise<void> }>(service: string, config: TracingConfig, start: () => Promise<T>): Promise<T> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return start();
  const release = await addService(service, { ...config, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
  let running: T;
  try {
    running = await context.with(context.active().setValue(SERVICE, service), start);
  } catch (err) {
    await release();
    throw err;
  }
  const dispose = running.dispose.bind(running);
  running.dispose = async () => {
    try {
      await dispose();
    } finally {
      await release();
    }
  };
  return running;
}

/** Sends every span ended so far (tests wait for them). */
export async function flushTraces(): Promise<void> {
  await Promise.all([...services.values()].map((s) => s.provider.forceFlush()));
}

/** This project's own spans (events, subscriptions). */
export function tracer(): Tracer {
  return trace.getTracer('vidhub');
}

/** The trace id of the current request, when there is one. */
export function currentTraceId(): string | undefined {
  if (!on) return undefined;
  const span = trace.getSpan(context.active())?.spanContext();
  return span && trace.isSpanContextValid(span) ? span.traceId : undefined;
}

/** `{ traceId }` for a request's log lines (nothing when untraced). */
export function traceFields(): { traceId?: string } {
  const traceId = currentTraceId();
  return traceId ? { traceId } : {};
}

/** The current trace context, to travel inside a message; undefined when untraced. */
export function injectTrace(ctx: Context = context.active()): TraceCarrier | undefined {
  if (!on) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a message's trace continues in: the current one (its service), with the message's trace as parent. */
export function extractTrace(carrier: unknown, base: Context = context.active()): Context {
  if (!on || !carrier || typeof carrier !== 'object') return base;
  return propagation.extract(base, carrier as TraceCarrier);
}

/** A link to the trace a message carries, when it carries one. */
export function linkTo(carrier: unknown): Link | undefined {
  if (!on || !carrier || typeof carrier !== 'object') return undefined;
  const span = trace.getSpanContext(propagation.extract(context.active(), carrier as TraceCarrier));
  return span && trace.isSpanContextValid(span) ? { context: span } : undefined;
}

/**
 * Starts a span that outlives one call (a subscription), continuing the trace
 * a message carries; undefined when untraced. The caller ends the span and
 * runs the span's work in `ctx`.
 */
export function openSpan(name: string, options: SpanOptions, carrier?: unknown, base?: Context): { span: Span; ctx: Context; traceId: string } | undefined {
  if (!on) return undefined;
  const parent = extractTrace(carrier, base);
  const span = tracer().startSpan(name, options, parent);
  return { span, ctx: trace.setSpan(parent, span), traceId: span.spanContext().traceId };
}

/** Marks a span failed with `err`. */
export function failSpan(span: Span, err: unknown): void {
  if (err instanceof Error) span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, ...(err instanceof Error ? { message: err.message } : {}) });
}

/**
 * Runs `fn` inside a new span (untraced: just runs it). The span ends when
 * `fn` settles, with an error status if it throws. `root`: a new trace,
 * whatever span is current (a consumer's batch, which links to its events).
 */
export function inSpan<T>(name: string, options: SpanOptions & { parent?: Context; root?: boolean }, fn: () => Promise<T>): Promise<T> {
  if (!on) return fn();
  const { parent = context.active(), root, ...spanOptions } = options;
  return tracer().startActiveSpan(name, spanOptions, root ? trace.deleteSpan(parent) : parent, async (span) => {
    try {
      return await fn();
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}
