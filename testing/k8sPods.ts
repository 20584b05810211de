/**
 * What a Deployment's container of deploy/k8s is given (its environment, from the
 * image, ConfigMaps and Secrets, and the configuration that loads from it), and what
 * the code it runs needs, read from the sources.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, SUBGRAPHS, envSchema, loadConfig, subgraphPort, type Config } from '../lib/config.js';
import { named, ofKind, type K8sObject } from './kustomize.js';
import { dict, isDict, list, type Dict } from './shapes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The Secret production refers to, managed outside the manifests. */
export const SECRET_NAME = 'vidhub-secrets';

export const APP_SERVICES = ['gateway', ...SUBGRAPHS] as const;
export type AppService = (typeof APP_SERVICES)[number];
export const SCHEMA_KEYS = new Set(Object.keys(envSchema.shape));

/** Variables loadConfig requires when NODE_ENV=production, as it reports them. */
export const REQUIRED_IN_PRODUCTION = (() => {
  try {
    loadConfig({ NODE_ENV: 'production' });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.variable);
    throw err;
  }
  return [];
})();

/** Variables that may hold credentials: only ever from a Secret. */
export const SECRET_VARIABLES = new Set([
  ...REQUIRED_IN_PRODUCTION,
  'MONGODB_URI',
  'REDIS_URL',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'ELASTICSEARCH_API_KEY',
  'ELASTICSEARCH_PASSWORD',
  'APOLLO_KEY',
  'LLM_API_KEYS',
]);

/** `ENV` of the Dockerfile's last stage: what every container starts with. */
function imageEnv(): Record<string, string> {
  const lines = read('Dockerfile').replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let env: Record<string, string> = {};
  for (const line of lines) {
    const m = /^\s*(FROM|ENV)\s+(.*)$/i.exec(line);
    if (!m) continue;
    if (m[1]!.toUpperCase() === 'FROM') env = {};
    else for (const pair of m[2]!.trim().split(/\s+/)) {
      const eq = pair.indexOf('=');
      assert.ok(eq > 0, `Dockerfile: write ENV as KEY=VALUE (${pair})`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

export interface Source {
  from: 'configMap' | 'secret' | 'value';
  /** ConfigMap or Secret name and key. */
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface AppPod {
  service: AppService;
  deployment: K8sObject;
  pod: Dict;
  podSpec: Dict;
  container: Dict;
  /** Each variable the container is given, and where from. */
  sources: Map<string, Source>;
  /** The process environment: the image's ENV, then the container's, values resolved. */
  env: Record<string, string>;
  config: Config;
}

/** Each Deployment's pod, container and configuration as rendered for `overlay`, with the external Secret holding `secretValues`. */
export function appPodsOf(objects: K8sObject[], overlay: string, secretValues: Record<string, string>): AppPod[] {
  const secretData = (name: string): Record<string, string> => {
    const generated = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
    if (!generated) {
      // Production refers to a Secret managed outside the manifests.
      assert.equal(name, SECRET_NAME, `${overlay}: Secret ${name} is neither rendered nor the external ${SECRET_NAME}`);
      return secretValues;
    }
    return Object.fromEntries(Object.entries((generated.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
  };
  const configMapData = (name: string) => (named(objects, 'ConfigMap', name).data ?? {}) as Record<string, string>;
  return ofKind(objects, 'Deployment').map((deployment) => {
    const service = String(dict(deployment.metadata.labels, 'labels')['app.kubernetes.io/component']) as AppService;
    assert.ok(APP_SERVICES.includes(service), `${deployment.metadata.name}: unknown component ${service}`);
    const pod = dict(dict(deployment.spec, 'spec').template, 'template');
    const podSpec = dict(pod.spec, 'pod spec');
    const containers = list(podSpec.containers, 'containers').map((c) => dict(c, 'container'));
    assert.equal(containers.length, 1, `${deployment.metadata.name}: one container per pod`);
    const container = containers[0]!;
    const sources = new Map<string, Source>();
    const env: Record<string, string> = { ...imageEnv() };
    for (const from of list(container.envFrom, 'envFrom').map((e) => dict(e, 'envFrom[]'))) {
      assert.ok(isDict(from.configMapRef) && !from.prefix, `${service}: envFrom is only used for whole ConfigMaps (a Secret's keys would be unknown here)`);
      const name = String(from.configMapRef.name);
      for (const [key, value] of Object.entries(configMapData(name))) {
        sources.set(key, { from: 'configMap', name, key });
        env[key] = value;
      }
    }
    for (const e of list(container.env, 'env').map((x) => dict(x, 'env[]'))) {
      const key = String(e.name);
      if (isDict(e.valueFrom)) {
        const ref = isDict(e.valueFrom.secretKeyRef) ? e.valueFrom.secretKeyRef : isDict(e.valueFrom.configMapKeyRef) ? e.valueFrom.configMapKeyRef : undefined;
        assert.ok(ref, `${service}.${key}: only secretKeyRef and configMapKeyRef are expected`);
        const isSecret = ref === e.valueFrom.secretKeyRef;
        const name = String(ref.name);
        const data = isSecret ? secretData(name) : configMapData(name);
        const value = data[String(ref.key)];
        assert.ok(value !== undefined || ref.optional === true, `${service}.${key}: ${isSecret ? 'Secret' : 'ConfigMap'} ${name} has no key ${String(ref.key)}`);
        sources.set(key, { from: isSecret ? 'secret' : 'configMap', name, key: String(ref.key), optional: ref.optional === true });
        if (value !== undefined) env[key] = value;
        else delete env[key];
      } else {
        sources.set(key, { from: 'value' });
        env[key] = String(e.value ?? '');
      }
    }
    const config = loadConfig(env);
    return { service, deployment, pod, podSpec, container, sources, env, config };
  });
}

export function listenPort(p: AppPod): number {
  return p.service === 'gateway' ? p.config.GATEWAY_PORT : subgraphPort(p.config, p.service);
}

/** A probe's or Service's port (a name or a number) as a container port number. */
export function containerPort(container: Dict, port: unknown, what: string): number {
  const ports = list(container.ports, 'ports').map((x) => dict(x, 'port'));
  const found = typeof port === 'string' ? ports.find((p) => p.name === port) : ports.find((p) => p.containerPort === port);
  assert.ok(found, `${what}: port ${String(port)} is not a port of container ${String(container.name)}`);
  return Number(found.containerPort);
}

/** The source file that wires a service, and so what it needs from the environment. */
export function serverSource(service: AppService): string {
  return read(service === 'gateway' ? 'gateway/server.ts' : `subgraphs/${service}/server.ts`);
}
export function storeSource(service: AppService): string {
  if (service === 'gateway') return '';
  const file = `subgraphs/${service}/store.ts`;
  if (existsSync(path.join(root, file))) return read(file);
  // A store split into one port per aggregate: its adapters and factory under store/.
  const dir = path.join(root, 'subgraphs', service, 'store');
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => read(path.join('subgraphs', service, 'store', f)))
    .join('\n');
}

/**
 * The largest file the gateway accepts in a multipart request (an upload chunk),
 * read from gateway/server.ts: importing the gateway would load all of Apollo
 * for one number.
 */
export function gatewayMaxFileBytes(): number {
  const m = /export const GATEWAY_MAX_FILE_BYTES = ([\d_ *]+);/.exec(read('gateway/server.ts'));
  assert.ok(m, 'gateway/server.ts no longer defines GATEWAY_MAX_FILE_BYTES as a product of numbers');
  return m[1]!.split('*').reduce((product, n) => product * Number(n.trim().replaceAll('_', '')), 1);
}

/** Kubernetes quantities: CPU cores or bytes. */
export function quantity(value: unknown): number {
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(value));
  assert.ok(m, `cannot read quantity ${String(value)}`);
  const factor = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * factor;
}
