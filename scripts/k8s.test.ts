/**
 * Checks the Kubernetes manifests (deploy/k8s) without a cluster: both overlays
 * are rendered, every object is validated against the Kubernetes API schemas
 * (kubernetes-models: its runtime validators, and its TypeScript declarations
 * for fields the API does not know), and the deployment is checked against the
 * code it runs: each service's configuration loads with what its Deployment
 * gives it, secrets come from Secrets only, the probes, ports, commands and
 * Services line up with what the services serve, and each service gets the
 * backing services its code requires.
 *
 * Rendering: `kubectl kustomize` is not part of a fresh machine, so
 * testing/kustomize.ts renders exactly the Kustomize features the manifests
 * use (it refuses any other). Where kubectl is installed, a test checks that
 * the renderer's output equals `kubectl kustomize`'s.
 *
 *   node --import tsx --test scripts/k8s.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { subgraphUrl, type SubgraphName } from '../lib/config.js';
import { NODE_FLAGS } from '../lib/process/nodeFlags.js';
import {
  APP_SERVICES,
  appPodsOf,
  containerPort,
  gatewayMaxFileBytes,
  listenPort,
  quantity,
  REQUIRED_IN_PRODUCTION,
  SCHEMA_KEYS,
  SECRET_VARIABLES,
  serverSource,
  storeSource,
  type AppPod,
} from '../testing/k8sPods.js';
import { MODELS, typeCheck } from '../testing/k8sSchemas.js';
import { clone, containersOf, keyValues, named, ofKind, podSpecs, renderKustomization, type K8sObject } from '../testing/kustomize.js';
import { dict, isDict, list, type Dict } from '../testing/shapes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

// ---------------------------------------------------------------------------
// Rendering the overlays (from a copy, with the dev overlay's Secret file)
// ---------------------------------------------------------------------------

const OVERLAYS = ['dev', 'production'] as const;
type Overlay = (typeof OVERLAYS)[number];
const SECRETS_EXAMPLE = 'deploy/k8s/overlays/dev/secrets.env.example';

/**
 * The Secret's keys, documented in the dev overlay's example file, with values
 * a real deployment could have: what an operator puts in the Secret production
 * refers to, and in the dev overlay's git-ignored secrets.env.
 */
function plausibleSecret(): Record<string, string> {
  const pairs = keyValues(read(SECRETS_EXAMPLE).split(/\r?\n/), SECRETS_EXAMPLE);
  return Object.fromEntries(
    pairs.map(([key, value]) => [key, value !== '' ? value : `${key}-${'x'.repeat(40)}`]),
  );
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'vidhub-k8s-'));
const k8sDir = path.join(workDir, 'k8s');
const secretValues = plausibleSecret();
const rendered = {} as Record<Overlay, K8sObject[]>;

before(() => {
  // A copy, so that the dev overlay's secrets.env (git-ignored, absent in CI)
  // can be written without touching a developer's own.
  cpSync(path.join(root, 'deploy/k8s'), k8sDir, { recursive: true });
  writeFileSync(
    path.join(k8sDir, 'overlays/dev/secrets.env'),
    Object.entries(secretValues).map(([k, v]) => `${k}=${v}`).join('\n') + '\n',
  );
  for (const overlay of OVERLAYS) rendered[overlay] = renderKustomization(path.join(k8sDir, 'overlays', overlay));
});
after(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * The API server refuses fields it does not know (kubectl's default field
 * validation is strict), but the schema validators (testing/k8sSchemas.ts) let them through. The
 * TypeScript declarations of the same package describe every field, and an
 * object literal assigned to such a type may not carry any other: so each
 * object is written as a typed constant and type-checked.
 */
type Checked = Overlay | 'canary';
let unknownFields: Record<Checked, string[]> | undefined;
/**
 * Both overlays in one type check (creating the program is most of its cost),
 * with a canary: a Deployment with a misspelled field, which must be caught.
 */
function unknownFieldErrors(): Record<Checked, string[]> {
  if (unknownFields) return unknownFields;
  const canary = clone(ofKind(rendered.production, 'Deployment')[0]!);
  const container = containersOf(podSpecs(canary)[0]!)[0]!;
  container.readinesProbe = container.readinessProbe;
  delete container.readinessProbe;
  const objects: { checked: Checked; o: K8sObject }[] = [
    ...OVERLAYS.flatMap((overlay) => rendered[overlay].map((o) => ({ checked: overlay, o }))),
    { checked: 'canary', o: canary },
  ];
  const errors = typeCheck(objects.map((x) => x.o), root);
  unknownFields = { dev: [], production: [], canary: [] };
  for (const { index, message } of errors) {
    const owner = objects[index];
    if (owner) unknownFields[owner.checked].push(`${owner.o.kind} ${owner.o.metadata.name}: ${message}`);
    else for (const overlay of OVERLAYS) unknownFields[overlay].push(message);
  }
  return unknownFields;
}


const appPods = (overlay: Overlay) => appPodsOf(rendered[overlay], overlay, secretValues);

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

describe('deploy/k8s: the test renderer', () => {
  // Without kubectl the renderer's word stands; with it, it must agree exactly.
  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  for (const overlay of OVERLAYS) {
    it(`renders overlays/${overlay} as kubectl kustomize does`, { skip: kubectl ? false : 'kubectl is not installed' }, () => {
      const out = execFileSync('kubectl', ['kustomize', path.join(k8sDir, 'overlays', overlay)], { encoding: 'utf8' });
      const theirs = parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
      const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      const sorted = (objects: K8sObject[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));
      assert.deepEqual(sorted(rendered[overlay]), sorted(theirs));
    });
  }

  it('refuses Kustomize features it does not implement', () => {
    const dir = mkdtempSync(path.join(workDir, 'unsupported-'));
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\ncommonLabels:\n  a: b\n');
    assert.throws(() => renderKustomization(dir), /commonLabels" is not implemented/);
  });
});

for (const overlay of OVERLAYS) {
  describe(`deploy/k8s/overlays/${overlay}`, () => {
    it('renders only the kinds the deployment is made of: no StatefulSets or volumes claimed for data', () => {
      const kinds = new Set(rendered[overlay].map((o) => `${o.apiVersion}/${o.kind}`));
      assert.deepEqual([...kinds].filter((k) => !(k in MODELS)), []);
      assert.deepEqual(
        ofKind(rendered[overlay], 'Deployment').map((d) => d.metadata.name).sort(),
        APP_SERVICES.map((s) => `vidhub-${s}`).sort(),
      );
    });

    it('validates every object against the Kubernetes API schemas', () => {
      for (const o of rendered[overlay]) {
        const entry = MODELS[`${o.apiVersion}/${o.kind}`];
        assert.ok(entry, `${o.apiVersion}/${o.kind} has no schema here`);
        const copy = clone(o);
        // kustomize writes long Secret values as base64 in lines; the API server's
        // decoder skips the line breaks, the schema's "byte" format does not.
        if (copy.kind === 'Secret') copy.data = Object.fromEntries(Object.entries(copy.data as Record<string, string>).map(([k, v]) => [k, v.replaceAll('\n', '')]));
        assert.doesNotThrow(() => new entry.model(copy as never).validate(), `${o.kind} ${o.metadata.name}`);
      }
    });

    it('sets no field the API does not know', () => {
      assert.deepEqual(unknownFieldErrors()[overlay], []);
      assert.match(unknownFieldErrors().canary.join('\n'), /readinesProbe/, 'the check catches a misspelled field');
    });

    it('puts every object in one namespace, created with the restricted Pod Security Standard', () => {
      const [namespace, ...others] = ofKind(rendered[overlay], 'Namespace');
      assert.ok(namespace && others.length === 0, 'one Namespace');
      assert.equal(dict(namespace.metadata.labels, 'labels')['pod-security.kubernetes.io/enforce'], 'restricted');
      for (const o of rendered[overlay]) {
        if (o.kind !== 'Namespace') assert.equal(o.metadata.namespace, namespace.metadata.name, `${o.kind} ${o.metadata.name}`);
      }
    });

    it("gives each service a configuration that loads, with only lib/config.ts's variables", () => {
      for (const p of appPods(overlay)) {
        assert.deepEqual([...p.sources.keys()].filter((k) => !SCHEMA_KEYS.has(k)), [], `${p.service} is given variables lib/config.ts does not know`);
        assert.equal(p.config.NODE_ENV, 'production');
        assert.equal(p.config.HOST, '0.0.0.0', 'a container must listen on every interface');
      }
    });

    it(`takes what the configuration requires in production (${REQUIRED_IN_PRODUCTION.join(', ')}) from the Secret`, () => {
      assert.ok(REQUIRED_IN_PRODUCTION.length > 0, 'loadConfig requires something in production');
      for (const p of appPods(overlay)) {
        for (const variable of REQUIRED_IN_PRODUCTION) {
          const source = p.sources.get(variable);
          assert.ok(source?.from === 'secret' && !source.optional, `${p.service}.${variable} must come from a (non-optional) Secret key, not ${JSON.stringify(source)}`);
          assert.ok(p.env[variable], `${p.service}.${variable} is empty`);
        }
      }
    });

    it('keeps credentials out of ConfigMaps and literal values', () => {
      for (const p of appPods(overlay)) {
        for (const [variable, source] of p.sources) {
          if (SECRET_VARIABLES.has(variable)) assert.equal(source.from, 'secret', `${p.service}.${variable} comes from ${source.from}`);
        }
      }
      for (const cm of ofKind(rendered[overlay], 'ConfigMap')) {
        const leaked = Object.keys((cm.data ?? {}) as Dict).filter((k) => SECRET_VARIABLES.has(k));
        assert.deepEqual(leaked, [], `ConfigMap ${cm.metadata.name}`);
      }
    });

    it('refers to the Secret only by keys the documented example lists, and uses every key listed', () => {
      const documented = new Set(Object.keys(secretValues));
      const used = new Set<string>();
      for (const p of appPods(overlay)) {
        for (const [variable, source] of p.sources) {
          if (source.from !== 'secret') continue;
          assert.ok(documented.has(source.key!), `${p.service}.${variable} reads key ${source.key}, which ${SECRETS_EXAMPLE} does not list`);
          used.add(source.key!);
        }
      }
      assert.deepEqual([...documented].filter((k) => !used.has(k)), [], `keys listed in ${SECRETS_EXAMPLE} but never used`);
    });

    it('gives each service the backing services its code opens, and no credentials it does not use', () => {
      for (const p of appPods(overlay)) {
        const server = serverSource(p.service);
        const store = storeSource(p.service);
        const needsRedis = server.includes('requireRedis(');
        const needsObjects = server.includes('requireObjectStore(');
        // Without MONGODB_URI a store opens SQLite under DATA_DIR, which a read-only root filesystem refuses.
        // A store opens its database with connectMongo or through openStores (lib/data/documents.ts), which picks MongoDB when MONGODB_URI is set.
        const needsMongo = /\b(connectMongo|openStores)\(/.test(store);
        assert.equal(Boolean(p.config.REDIS_URL), needsRedis, `${p.service}: REDIS_URL`);
        assert.equal(Boolean(p.config.S3_ENDPOINT && p.config.S3_ACCESS_KEY && p.config.S3_SECRET_KEY), needsObjects, `${p.service}: S3_ENDPOINT and keys`);
        assert.equal(p.sources.has('S3_SECRET_KEY'), needsObjects, `${p.service}: S3_SECRET_KEY`);
        assert.equal(Boolean(p.config.MONGODB_URI), needsMongo, `${p.service}: MONGODB_URI`);
        if (needsMongo) {
          // No database in the path: each service gets its own, vidhub_<service> (lib/data/documents.ts).
          assert.doesNotMatch(p.config.MONGODB_URI!, /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/, `${p.service}: MONGODB_URI names a database shared by all services`);
        }
      }
    });

    it('runs one search instance on the embedded index, and scales search only with Elasticsearch', () => {
      const pods = appPods(overlay);
      assert.deepEqual(searchScalingProblems(pods, rendered[overlay]), []);
      // The rule is not vacuous: the same manifests without Elasticsearch fail it.
      const search = pods.find((p) => p.service === 'search')!;
      const withoutElasticsearch = [{ ...search, config: { ...search.config, ELASTICSEARCH_URL: undefined } }];
      assert.notDeepEqual(searchScalingProblems(withoutElasticsearch, rendered[overlay]), []);
    });

    it('runs the same processes as docker-compose.yml, keeping the image entrypoint (tini) as PID 1', () => {
      const compose = dict(dict(parse(read('docker-compose.yml')), 'compose').services, 'services');
      for (const p of appPods(overlay)) {
        assert.equal(p.container.command, undefined, `${p.service}: \`command\` would replace the entrypoint; use \`args\``);
        const args = list(p.container.args, 'args').map(String);
        const entry = p.service === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${p.service}/main.js`;
        assert.deepEqual(args, ['node', ...NODE_FLAGS[p.service === 'gateway' ? 'gateway' : 'subgraph'], entry]);
        assert.deepEqual(args, dict(compose[p.service], p.service).command, `${p.service}: as in docker-compose.yml`);
        assert.ok(existsSync(path.join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))), `${entry} has no source`);
      }
    });

    it('probes readiness on /ready and liveness on /health, at the port the service listens on', () => {
      // The paths are the ones the servers register (test/spine.test.ts checks they answer).
      // Every service is served by lib/server/httpServer.ts: the gateway directly, the subgraphs through lib/server/subgraph.ts.
      const served = read('lib/server/httpServer.ts');
      assert.match(read('gateway/server.ts'), /startHttpServer</, 'the gateway is served by lib/server/httpServer.ts');
      assert.match(read('lib/server/subgraph.ts'), /startHttpServer</, 'subgraphs are served by lib/server/httpServer.ts');
      for (const p of appPods(overlay)) {
        if (p.service !== 'gateway') assert.match(serverSource(p.service), /startSubgraph\(/, `${p.service} is served by lib/server/subgraph.ts`);
        const probes = { readinessProbe: '/ready', livenessProbe: '/health', startupProbe: '/health' } as const;
        for (const [probe, expected] of Object.entries(probes)) {
          const httpGet = dict(dict(p.container[probe], `${p.service}.${probe}`).httpGet, `${p.service}.${probe}.httpGet`);
          assert.equal(httpGet.path, expected, `${p.service}.${probe}`);
          assert.ok(served.includes(`app.get('${expected}'`), `${p.service} does not serve ${expected}`);
          assert.equal(containerPort(p.container, httpGet.port, `${p.service}.${probe}`), listenPort(p), `${p.service}.${probe} port`);
        }
      }
    });

    it('gives each Deployment a Service that selects only its pods, at the port it listens on', () => {
      const pods = appPods(overlay);
      for (const p of pods) {
        const service = named(rendered[overlay], 'Service', p.deployment.metadata.name);
        const spec = dict(service.spec, 'Service spec');
        const selector = dict(spec.selector, 'selector');
        const labels = dict(dict(p.pod.metadata, 'pod metadata').labels, 'pod labels');
        const selects = (l: Dict) => Object.entries(selector).every(([k, v]) => l[k] === v);
        assert.ok(selects(labels), `${service.metadata.name} does not select ${p.service}'s pods`);
        for (const other of pods.filter((o) => o !== p)) {
          assert.ok(!selects(dict(dict(other.pod.metadata, 'pod metadata').labels, 'labels')), `${service.metadata.name} also selects ${other.service}`);
        }
        for (const port of list(spec.ports, 'ports').map((x) => dict(x, 'port'))) {
          assert.equal(containerPort(p.container, port.targetPort, service.metadata.name), listenPort(p), `${service.metadata.name} target port`);
        }
      }
    });

    it("points the gateway (and search's reindex) at each subgraph's Service", () => {
      const pods = appPods(overlay);
      for (const client of pods.filter((p) => p.service === 'gateway' || p.service === 'search')) {
        for (const target of pods.filter((p) => p.service !== 'gateway')) {
          const url = new URL(subgraphUrl(client.config, target.service as SubgraphName));
          const service = named(rendered[overlay], 'Service', url.hostname);
          assert.equal(service.metadata.name, target.deployment.metadata.name, `${client.service} reaches ${target.service} at ${url.href}`);
          const port = list(dict(service.spec, 'spec').ports, 'ports').map((x) => dict(x, 'port')).find((x) => String(x.port) === url.port);
          assert.ok(port, `${url.href}: Service ${url.hostname} has no port ${url.port}`);
          assert.equal(containerPort(target.container, port.targetPort, url.href), listenPort(target));
          assert.equal(url.pathname, '/graphql');
        }
      }
    });

    it('runs as non-root with a read-only root filesystem, no capabilities and a writable /tmp', () => {
      for (const p of appPods(overlay)) {
        const pod = dict(p.podSpec.securityContext, `${p.service} pod securityContext`);
        assert.equal(pod.runAsNonRoot, true, p.service);
        assert.ok(Number(pod.runAsUser) > 0, `${p.service}: a numeric non-root runAsUser (the image's user is a name)`);
        assert.equal(dict(pod.seccompProfile, 'seccompProfile').type, 'RuntimeDefault', p.service);
        assert.equal(p.podSpec.automountServiceAccountToken, false, `${p.service}: no API token`);
        // Service links would inject e.g. VIDHUB_USER_PORT=tcp://..., variables outside lib/config.ts.
        assert.equal(p.podSpec.enableServiceLinks, false, p.service);
        const c = dict(p.container.securityContext, `${p.service} container securityContext`);
        assert.equal(c.allowPrivilegeEscalation, false, p.service);
        assert.equal(c.readOnlyRootFilesystem, true, p.service);
        assert.equal(c.privileged ?? false, false, p.service);
        const caps = dict(c.capabilities, 'capabilities');
        assert.deepEqual(caps.drop, ['ALL'], p.service);
        assert.equal(caps.add, undefined, p.service);
        const tmp = list(p.container.volumeMounts, 'volumeMounts').map((m) => dict(m, 'mount')).find((m) => m.mountPath === '/tmp');
        assert.ok(tmp, `${p.service}: /tmp is mounted`);
        const volume = list(p.podSpec.volumes, 'volumes').map((v) => dict(v, 'volume')).find((v) => v.name === tmp.name);
        assert.ok(volume && isDict(volume.emptyDir), `${p.service}: /tmp is an emptyDir`);
      }
    });

    it('sets CPU and memory requests and limits, requests within limits', () => {
      for (const p of appPods(overlay)) {
        const resources = dict(p.container.resources, `${p.service}.resources`);
        const requests = dict(resources.requests, 'requests');
        const limits = dict(resources.limits, 'limits');
        for (const r of ['cpu', 'memory']) {
          assert.ok(requests[r] !== undefined && limits[r] !== undefined, `${p.service}: ${r} request and limit`);
          assert.ok(quantity(requests[r]) <= quantity(limits[r]), `${p.service}: ${r} request ${String(requests[r])} over its limit ${String(limits[r])}`);
        }
      }
    });

    it('scales each Deployment by CPU with an autoscaler that owns its replica count', () => {
      for (const p of appPods(overlay)) {
        const name = p.deployment.metadata.name;
        assert.equal(dict(p.deployment.spec, 'spec').replicas, undefined, `${name}: replicas would be reset on every apply`);
        const hpas = ofKind(rendered[overlay], 'HorizontalPodAutoscaler').filter((h) => dict(dict(h.spec, 'spec').scaleTargetRef, 'ref').name === name);
        assert.equal(hpas.length, 1, `${name}: one HorizontalPodAutoscaler`);
        const spec = dict(hpas[0]!.spec, 'spec');
        assert.deepEqual(spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name });
        assert.ok(Number(spec.minReplicas) >= 1 && Number(spec.minReplicas) <= Number(spec.maxReplicas), `${name}: ${String(spec.minReplicas)}..${String(spec.maxReplicas)}`);
        if (overlay === 'production' && Number(spec.maxReplicas) > 1) {
          assert.ok(Number(spec.minReplicas) >= 2, `${name}: at least two pods in production, so that one can be disrupted`);
        }
        const metrics = list(spec.metrics, 'metrics').map((m) => dict(m, 'metric'));
        assert.ok(metrics.some((m) => m.type === 'Resource' && dict(m.resource, 'resource').name === 'cpu'), `${name}: scales on CPU`);
      }
    });

    it('limits voluntary disruptions of each Deployment to one pod at a time', () => {
      for (const p of appPods(overlay)) {
        const labels = dict(dict(p.pod.metadata, 'pod metadata').labels, 'labels');
        const budgets = ofKind(rendered[overlay], 'PodDisruptionBudget').filter((b) =>
          Object.entries(dict(dict(dict(b.spec, 'spec').selector, 'selector').matchLabels, 'matchLabels')).every(([k, v]) => labels[k] === v),
        );
        assert.equal(budgets.length, 1, `${p.service}: one PodDisruptionBudget`);
        // maxUnavailable rather than minAvailable: a single pod (dev) never blocks a node drain.
        assert.equal(dict(budgets[0]!.spec, 'spec').maxUnavailable, 1, p.service);
      }
    });

    it('exposes /graphql (HTTP and WebSocket) through the Ingress to the gateway, and nothing else', () => {
      const [ingress, ...others] = ofKind(rendered[overlay], 'Ingress');
      assert.ok(ingress && others.length === 0, 'one Ingress');
      const gateway = appPods(overlay).find((p) => p.service === 'gateway')!;
      const gatewayService = named(rendered[overlay], 'Service', gateway.deployment.metadata.name);
      const spec = dict(ingress.spec, 'spec');
      const paths = list(spec.rules, 'rules').flatMap((r) => list(dict(dict(r, 'rule').http, 'http').paths, 'paths').map((x) => dict(x, 'path')));
      assert.ok(paths.length > 0);
      for (const p of paths) {
        assert.equal(p.path, '/graphql');
        const backend = dict(dict(p.backend, 'backend').service, 'backend.service');
        assert.equal(backend.name, gatewayService.metadata.name);
        const port = dict(backend.port, 'backend.service.port');
        const servicePort = list(dict(gatewayService.spec, 'spec').ports, 'ports').map((x) => dict(x, 'port')).find((x) => (port.name !== undefined ? x.name === port.name : x.port === port.number));
        assert.ok(servicePort, `the gateway Service has no port ${JSON.stringify(port)}`);
        assert.equal(containerPort(gateway.container, servicePort.targetPort, 'Ingress'), gateway.config.GATEWAY_PORT);
      }
      const annotations = dict(ingress.metadata.annotations, 'annotations');
      for (const timeout of ['proxy-read-timeout', 'proxy-send-timeout']) {
        const seconds = Number(annotations[`nginx.ingress.kubernetes.io/${timeout}`]);
        // Longer than the keep-alive ping by far, so that only dead sockets time out.
        assert.ok(seconds * 1000 >= 60 * gateway.config.WS_PING_INTERVAL_MS, `${timeout} (${String(seconds)} s) would close idle subscriptions`);
      }
      const body = /^(\d+)m$/.exec(String(annotations['nginx.ingress.kubernetes.io/proxy-body-size']));
      assert.ok(body && Number(body[1]) * 2 ** 20 > gatewayMaxFileBytes(), 'proxy-body-size must let the largest upload chunk through');
      if (overlay === 'production') {
        const tls = list(spec.tls, 'tls').map((t) => dict(t, 'tls'));
        for (const r of list(spec.rules, 'rules').map((x) => dict(x, 'rule'))) {
          assert.ok(typeof r.host === 'string' && tls.some((t) => list(t.hosts, 'hosts').includes(r.host)), `production serves ${String(r.host)} over TLS`);
        }
        assert.equal(gateway.config.COOKIE_SECURE ?? true, true, 'cookies are Secure behind TLS');
      }
    });

    it('marks every pod for scraping on its metrics port (9400), which no Service or Ingress exposes', () => {
      for (const p of appPods(overlay)) {
        const annotations = dict(dict(p.pod.metadata, 'pod metadata').annotations, `${p.service} pod annotations`);
        assert.equal(annotations['prometheus.io/scrape'], 'true', p.service);
        assert.equal(annotations['prometheus.io/path'], '/metrics', p.service);
        assert.equal(containerPort(p.container, 'metrics', p.service), Number(annotations['prometheus.io/port']), p.service);
        assert.equal(Number(annotations['prometheus.io/port']), 9400, p.service);
        const service = named(rendered[overlay], 'Service', p.deployment.metadata.name);
        for (const port of list(dict(service.spec, 'spec').ports, 'ports').map((x) => dict(x, 'port'))) {
          assert.notEqual(containerPort(p.container, port.targetPort, service.metadata.name), 9400, `${service.metadata.name} exposes the metrics port`);
        }
      }
    });
  });
}

/** The embedded search index (no ELASTICSEARCH_URL) lives in one process: exactly one search pod. */
function searchScalingProblems(pods: Pick<AppPod, 'service' | 'config' | 'deployment'>[], objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const p of pods.filter((x) => x.service === 'search')) {
    const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find((h) => dict(dict(h.spec, 'spec').scaleTargetRef, 'ref').name === p.deployment.metadata.name);
    const max = hpa ? Number(dict(hpa.spec, 'spec').maxReplicas) : Number(dict(p.deployment.spec, 'spec').replicas ?? 1);
    if (!p.config.ELASTICSEARCH_URL && max !== 1) problems.push(`search runs the embedded index with up to ${max} instances`);
  }
  return problems;
}

describe('deploy/k8s: the dev Secret file', () => {
  it('is ignored by git, and its example holds no secret values', () => {
    const ignored = read('deploy/k8s/overlays/dev/.gitignore').split(/\r?\n/).map((l) => l.trim());
    assert.ok(ignored.includes('secrets.env'), 'deploy/k8s/overlays/dev/.gitignore must list secrets.env');
    for (const [key, value] of keyValues(read(SECRETS_EXAMPLE).split(/\r?\n/), SECRETS_EXAMPLE)) {
      if (/secret|-keys?$/.test(key)) assert.equal(value, '', `${key} must be empty in the example`);
      else assert.doesNotMatch(value, /:\/\/[^:/]+:(?!change-me@)[^@]+@/, `${key} carries a password other than change-me`);
    }
  });
});

describe('README: Deploy to Kubernetes', () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Deploy to Kubernetes'));

  it('has the section, with the production apply command', () => {
    assert.ok(readme.includes('## Deploy to Kubernetes'));
    assert.ok(section.includes('kubectl apply -k deploy/k8s/overlays/production'));
  });

  it('lists every key of the Secret', () => {
    for (const key of Object.keys(secretValues)) assert.ok(section.includes(`\`${key}\``), `README does not list the Secret key ${key}`);
  });
});
