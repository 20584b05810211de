/**
 * Checks the observability profile (docker-compose.yml, deploy/observability/)
 * against the code, without Docker: every metric the Grafana dashboard queries
 * is one the five services register (read from a running stack's /metrics), the
 * queries use them as their types allow, Prometheus scrapes each service at its
 * metrics port, and every file the profile mounts exists in the repository.
 *
 *   node --import tsx --test scripts/observability-config.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SUBGRAPHS, loadConfig, metricsPort, type SubgraphName } from '../lib/config.js';
import { startStack, type Stack } from '../testing/harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const APP_SERVICES = ['gateway', ...SUBGRAPHS] as const;
type AppService = (typeof APP_SERVICES)[number];
const PROFILE = 'observability';
const OBSERVABILITY_SERVICES = ['prometheus', 'grafana', 'jaeger'] as const;
const DASHBOARDS_DIR = 'deploy/observability/grafana/dashboards';

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
function dict(value: unknown, what: string): Dict {
  assert.ok(isDict(value), `${what} must be a mapping`);
  return value;
}
function list(value: unknown, what: string): unknown[] {
  assert.ok(Array.isArray(value), `${what} must be a list`);
  return value;
}

// ---------------------------------------------------------------------------
// PromQL: the metric names an expression selects
// ---------------------------------------------------------------------------

const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'inf', 'nan']);

/**
 * Metric names selected by a PromQL expression: identifiers that are not
 * function calls, keywords, label names (inside `{}` or a `by (...)` clause),
 * durations or Grafana variables. No PromQL parser is published for Node
 * (Prometheus' own is Go, Grafana's Lezer grammar needs its editor packages);
 * the dashboard's expressions use selectors, aggregations and functions only,
 * which this covers, and a test below checks it on such an expression.
 */
function metricNames(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const before = text[m.index - 1] ?? ' ';
    if (/[0-9.]/.test(before)) continue; // 1e3, 5m
    if (/^\s*\(/.test(text.slice(m.index + m[0].length))) continue; // a function or aggregation
    if (PROMQL_KEYWORDS.has(m[0].toLowerCase())) continue;
    names.add(m[0]);
  }
  return [...names];
}

/** Every `expr` in a Grafana dashboard (panel targets, nested rows, template queries). */
function expressions(node: unknown, where = 'dashboard'): { expr: string; where: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => expressions(n, `${where}[${i}]`));
  if (!isDict(node)) return [];
  const here = typeof node.title === 'string' ? `${where} "${node.title}"` : where;
  const own = typeof node.expr === 'string' ? [{ expr: node.expr, where: here }] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => (k === 'expr' ? [] : expressions(v, here)))];
}

/** Every `datasource` object in a dashboard. */
function datasources(node: unknown): Dict[] {
  if (Array.isArray(node)) return node.flatMap(datasources);
  if (!isDict(node)) return [];
  return [...(isDict(node.datasource) ? [node.datasource] : []), ...Object.values(node).flatMap(datasources)];
}

// ---------------------------------------------------------------------------
// The files
// ---------------------------------------------------------------------------

const compose = dict(parse(read('docker-compose.yml'), { merge: true }), 'docker-compose.yml');
const services = dict(compose.services, 'services');
const service = (name: string) => dict(services[name], `services.${name}`);
const prometheusConfig = dict(parse(read('deploy/observability/prometheus.yml')), 'prometheus.yml');
const dashboardFiles = readdirSync(path.join(root, DASHBOARDS_DIR)).filter((f) => f.endsWith('.json'));
const dashboards = dashboardFiles.map((file) => ({ file, json: JSON.parse(read(`${DASHBOARDS_DIR}/${file}`)) as unknown }));

/** Compose short-syntax volumes of a service: source (a named volume or ./path) and target. */
function mounts(name: string): { source: string; target: string }[] {
  return list(service(name).volumes ?? [], `${name}.volumes`).map((v) => {
    if (isDict(v)) return { source: String(v.source), target: String(v.target) };
    const [source, target] = String(v).split(':');
    return { source: source!, target: target! };
  });
}

/** The container path a repository path is mounted at in a service (a file or one of its folders). */
function containerPath(name: string, repoPath: string): string | undefined {
  for (const { source, target } of mounts(name)) {
    if (!source.startsWith('./')) continue;
    const rel = path.relative(source.slice(2), repoPath);
    if (rel === '') return target;
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return path.posix.join(target, rel.split(path.sep).join('/'));
  }
  return undefined;
}

function environment(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(dict(service(name).environment ?? {}, `${name}.environment`)).map(([k, v]) => [k, String(v)]));
}

/** The metrics port a compose service listens on: its *_METRICS_PORT, else lib/config.ts's default. */
function composeMetricsPort(name: AppService): number {
  const ports = Object.fromEntries(Object.entries(environment(name)).filter(([k]) => k.endsWith('_METRICS_PORT')));
  return metricsPort(loadConfig(ports), name as 'gateway' | SubgraphName);
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('metricNames (PromQL)', () => {
  it('finds selected metrics, not functions, label names, durations or variables', () => {
    const expr = 'histogram_quantile(0.95, sum by (le, operation) (rate(a_bucket{type!="subscription", x=~"b|c"}[$__rate_interval]))) / on (service) group_left (pod) max without (le) (b_total offset 5m) > bool 1e3';
    assert.deepEqual(metricNames(expr).sort(), ['a_bucket', 'b_total']);
  });
});

describe('docker-compose.yml, observability profile', () => {
  it('holds Prometheus, Grafana and Jaeger, only under the profile', () => {
    for (const name of Object.keys(services)) {
      const profiles = service(name).profiles;
      if ((OBSERVABILITY_SERVICES as readonly string[]).includes(name)) assert.deepEqual(profiles, [PROFILE], `${name}.profiles`);
      else assert.equal(profiles, undefined, `${name} must run without a profile`);
    }
  });

  it('pins every image of the profile to a version', () => {
    for (const name of OBSERVABILITY_SERVICES) {
      const image = String(service(name).image);
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      assert.ok(tag && tag !== 'latest' && /\d+\.\d+\.\d+/.test(tag), `${name}: ${image} is not pinned to a release`);
    }
  });

  it('mounts files that exist in the repository and named volumes that are declared', () => {
    const declared = dict(compose.volumes, 'volumes');
    for (const name of OBSERVABILITY_SERVICES) {
      for (const { source, target } of mounts(name)) {
        assert.ok(target?.startsWith('/'), `${name}: mount target ${target} must be absolute`);
        if (source.startsWith('./')) assert.ok(existsSync(path.join(root, source)), `${name} mounts ${source}, which does not exist`);
        else assert.ok(source in declared, `${name} mounts volume ${source}, which is not declared`);
      }
    }
  });

  it('publishes the UIs on 127.0.0.1 only', () => {
    const expected: Record<string, string> = { prometheus: '127.0.0.1:9090:9090', grafana: '127.0.0.1:3000:3000', jaeger: '127.0.0.1:16686:16686' };
    for (const name of OBSERVABILITY_SERVICES) assert.deepEqual(service(name).ports, [expected[name]], `${name}.ports`);
  });

  it('gives Prometheus the repository configuration file', () => {
    const command = list(service('prometheus').command, 'prometheus.command').map(String);
    const configFile = command.find((a) => a.startsWith('--config.file='))?.slice('--config.file='.length);
    assert.ok(configFile, 'prometheus has --config.file');
    assert.equal(containerPath('prometheus', 'deploy/observability/prometheus.yml'), configFile);
  });

  it('sends every service\'s traces where OTEL_EXPORTER_OTLP_ENDPOINT says, and the README points it at Jaeger\'s OTLP HTTP port', () => {
    assert.ok(isDict(services.jaeger));
    for (const name of APP_SERVICES) {
      assert.equal(environment(name).OTEL_EXPORTER_OTLP_ENDPOINT, '${OTEL_EXPORTER_OTLP_ENDPOINT:-}', `${name}.OTEL_EXPORTER_OTLP_ENDPOINT`);
    }
    assert.match(readFileSync(path.join(root, 'README.md'), 'utf8'), /OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/jaeger:4318 docker compose --profile observability up/);
  });
});

describe('Prometheus configuration', () => {
  const targets = list(prometheusConfig.scrape_configs, 'scrape_configs').flatMap((job, i) => {
    const j = dict(job, `scrape_configs[${i}]`);
    assert.equal(j.metrics_path ?? '/metrics', '/metrics', `${String(j.job_name)}: the services serve /metrics`);
    return list(j.static_configs, `${String(j.job_name)}.static_configs`).flatMap((c) => list(dict(c, 'static_config').targets, 'targets').map(String));
  });

  it('scrapes each of the five services once, at the metrics port it listens on in compose', () => {
    const byHost = new Map<string, number>();
    for (const target of targets) {
      const m = /^([a-z][a-z0-9-]*):(\d+)$/.exec(target);
      assert.ok(m, `target ${target} is not host:port`);
      const [, host, port] = m;
      assert.ok((APP_SERVICES as readonly string[]).includes(host!), `target ${target} is not one of our services`);
      assert.ok(!byHost.has(host!), `${host} is scraped twice`);
      assert.ok(isDict(services[host!]), `${host} is not a compose service`);
      assert.equal(Number(port), composeMetricsPort(host as AppService), `${host} serves metrics on ${composeMetricsPort(host as AppService)}, not ${port}`);
      byHost.set(host!, Number(port));
    }
    assert.deepEqual([...byHost.keys()].sort(), [...APP_SERVICES].sort());
  });
});

describe('Grafana provisioning', () => {
  const datasourceFile = dict(parse(read('deploy/observability/grafana/provisioning/datasources/prometheus.yml')), 'datasource provisioning');
  const providerFile = dict(parse(read('deploy/observability/grafana/provisioning/dashboards/vidhub.yml')), 'dashboard provisioning');
  const [datasource] = list(datasourceFile.datasources, 'datasources').map((d) => dict(d, 'datasource'));

  it('provisions from the folder Grafana reads (/etc/grafana/provisioning)', () => {
    assert.equal(containerPath('grafana', 'deploy/observability/grafana/provisioning'), '/etc/grafana/provisioning');
  });

  it('points the datasource at the compose Prometheus', () => {
    assert.ok(datasource);
    assert.equal(datasource.type, 'prometheus');
    const url = new URL(String(datasource.url));
    assert.equal(url.hostname, 'prometheus');
    assert.ok(isDict(services.prometheus));
    const listen = list(service('prometheus').command, 'prometheus.command').map(String).find((a) => a.startsWith('--web.listen-address='));
    assert.equal(url.port, listen ? listen.split(':').at(-1) : '9090', 'Prometheus listens on 9090 unless told otherwise');
  });

  it('loads the dashboards from the folder compose mounts them at', () => {
    const providers = list(providerFile.providers, 'providers').map((p) => dict(p, 'provider'));
    assert.ok(providers.length > 0);
    for (const p of providers) {
      assert.equal(p.type, 'file');
      assert.equal(dict(p.options, 'options').path, containerPath('grafana', DASHBOARDS_DIR), 'provider path = where the dashboards are mounted');
    }
    assert.ok(dashboardFiles.length > 0, 'at least one dashboard');
  });

  it('has dashboards that query the provisioned datasource only', () => {
    for (const { file, json } of dashboards) {
      const used = datasources(json);
      assert.ok(used.length > 0, `${file} names no datasource`);
      for (const ds of used) assert.deepEqual(ds, { type: 'prometheus', uid: datasource!.uid }, `${file}: datasource ${JSON.stringify(ds)}`);
      const uid = dict(json, file).uid;
      assert.ok(typeof uid === 'string' && uid.length > 0 && uid.length <= 40, `${file}: a stable uid`);
    }
  });
});

describe('dashboard queries against the metrics the services register', () => {
  let stack: Stack;
  /** Metric family name -> type, over the five services. */
  const families = new Map<string, string>();

  before(async () => {
    // The assistant's metrics exist only when it is configured; nothing is asked of this address.
    stack = await startStack({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'lite', LLM_API_KEYS: 'observability-test-key' });
    for (const name of APP_SERVICES) {
      const url = stack[name].metricsUrl;
      assert.ok(url, `${name} has a metrics URL`);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      for (const [, family, type] of (await res.text()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(family!, type!);
    }
  });
  after(async () => {
    await stack?.dispose();
  });

  /** The family a series name belongs to, and how the series relates to it. */
  function seriesOf(name: string): { family: string; type: string; suffix: string } | undefined {
    if (families.has(name)) return { family: name, type: families.get(name)!, suffix: '' };
    const m = /^(.*)_(bucket|sum|count)$/.exec(name);
    const type = m && families.get(m[1]!);
    if (m && (type === 'histogram' || (type === 'summary' && m[2] !== 'bucket'))) return { family: m[1]!, type, suffix: m[2]! };
    return undefined;
  }

  it('reads every metric it names from some service', () => {
    const all = dashboards.flatMap(({ file, json }) => expressions(json, file));
    assert.ok(all.length > 0, 'the dashboards hold queries');
    for (const { expr, where } of all) {
      const names = metricNames(expr);
      assert.ok(names.length > 0, `${where}: no metric in ${expr}`);
      for (const name of names) assert.ok(seriesOf(name), `${where}: ${name} is not registered by any service (${expr})`);
    }
  });

  it('takes quantiles of histogram buckets grouped by le, and rates of counters only', () => {
    for (const { file, json } of dashboards) {
      for (const { expr, where } of expressions(json, file)) {
        if (expr.includes('histogram_quantile(')) {
          assert.match(expr, /\bby \((?:[^)]*, )?le\b/, `${where}: histogram_quantile needs the le label: ${expr}`);
          for (const name of metricNames(expr)) assert.equal(seriesOf(name)?.suffix, 'bucket', `${where}: ${name} is not a histogram bucket`);
        }
        for (const [, inner] of expr.matchAll(/\b(?:rate|irate|increase)\(([^[]*)\[/g)) {
          for (const name of metricNames(inner!)) {
            const s = seriesOf(name);
            assert.ok(s && (s.type === 'counter' || s.suffix !== ''), `${where}: rate of ${name}, a ${s?.type ?? 'missing'} (only counters grow)`);
          }
        }
      }
    }
  });

  it('shows what operators watch: operations, subgraph fetches, sockets, search sync, the LLM queue, memory', () => {
    const used = new Set(dashboards.flatMap(({ file, json }) => expressions(json, file).flatMap(({ expr }) => metricNames(expr).map((n) => seriesOf(n)?.family))));
    for (const family of [
      'vidhub_gateway_operation_duration_seconds',
      'vidhub_gateway_operation_errors_total',
      'vidhub_gateway_subgraph_fetch_duration_seconds',
      'vidhub_gateway_open_sockets',
      'vidhub_gateway_active_subscriptions',
      'vidhub_search_sync_lag_seconds',
      'vidhub_stream_consumer_lag',
      'vidhub_llm_queue_length',
      'vidhub_llm_leases_held',
      'process_resident_memory_bytes',
    ]) {
      assert.ok(used.has(family), `no panel shows ${family}`);
    }
  });
});
