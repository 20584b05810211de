/**
 * Checks docker-compose.yml, the Dockerfile's runtime environment and .env.example
 * against the configuration schema (lib/config.ts), without a Docker engine:
 * every variable our services get is one the schema knows, `loadConfig` accepts
 * each service's environment once compose's `${...}` values are filled in, the
 * gateway reaches the subgraphs where they listen, healthchecks and start order
 * hold together, and .env.example documents exactly the schema's variables.
 *
 *   node --import tsx --test scripts/compose-config.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { NODE_FLAGS } from '../lib/process/nodeFlags.js';
import {
  commandOf,
  environmentOf,
  healthcheckText,
  interpolateDeep,
  parseDotEnv,
  publishedPorts,
  referencesIn,
  runtimeImage,
} from '../testing/compose.js';
import { dict, isDict, type Dict } from '../testing/shapes.js';
import {
  SUBGRAPHS,
  envSchema,
  loadConfig,
  subgraphPort,
  subgraphUrl,
  type Config,
  type SubgraphName,
} from '../lib/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const SCHEMA_KEYS = new Set(Object.keys(envSchema.shape));
const APP_SERVICES = ['gateway', ...SUBGRAPHS] as const;
type AppService = (typeof APP_SERVICES)[number];
const BACKING_SERVICES = ['mongo', 'redis', 'minio', 'elasticsearch'] as const;
/** Required in production by loadConfig: must come from the host, never a literal. */
const REQUIRED_SECRETS = ['INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const;
/** Any of these, when set, must be interpolated from the same-named host variable. */
const SECRET_KEYS = new Set<string>([
  ...REQUIRED_SECRETS,
  'S3_SECRET_KEY',
  'ELASTICSEARCH_API_KEY',
  'ELASTICSEARCH_PASSWORD',
  'APOLLO_KEY',
  'LLM_API_KEYS',
]);
/**
 * Variables our services may get that are not envSchema keys: standard
 * OpenTelemetry variables, read by the exporter itself (the endpoint points at
 * Jaeger of the observability profile; scripts/observability-config.test.ts).
 */
const OTEL_VARIABLES = new Set(['OTEL_EXPORTER_OTLP_ENDPOINT']);
/** Variables docker-compose.yml may interpolate that are not envSchema keys (none today). */
const COMPOSE_ONLY_VARIABLES: readonly string[] = [];
/** Host values for variables compose requires (`${VAR:?...}`); the rest keep their defaults. */
const PLAUSIBLE_HOST_VALUES: Record<string, string> = {
  INTERNAL_IDENTITY_SECRET: 'test-internal-identity-secret-0123456789abcdef',
  JWT_ACCESS_SECRET: 'test-jwt-access-secret-0123456789abcdefghijkl',
  JWT_REFRESH_SECRET: 'test-jwt-refresh-secret-0123456789abcdefghijk',
  S3_SECRET_KEY: 'test-minio-secret-key-0123456789abcdefghijkl',
};

// ---------------------------------------------------------------------------
// Load everything once
// ---------------------------------------------------------------------------

const composeText = read('docker-compose.yml');
const compose = dict(parse(composeText, { merge: true }), 'docker-compose.yml');
const services = dict(compose.services, 'services');
const serviceDef = (name: string) => dict(services[name], `services.${name}`);

/** Variables compose interpolates, and the plausible host environment that satisfies them. */
const composeReferences = referencesIn(composeText);
const hostEnv: Record<string, string> = {};
for (const ref of composeReferences) {
  if (ref.operator === ':?' || ref.operator === '?') {
    hostEnv[ref.name] =
      PLAUSIBLE_HOST_VALUES[ref.name] ??
      `${ref.name.toLowerCase().replaceAll('_', '-')}-plausible-value-0123456789abcdef`;
  }
}

const image = runtimeImage(read('Dockerfile'));

/** A service's interpolated definition, as compose would hand it to the engine. */
function resolved(name: string): Dict {
  return dict(interpolateDeep(serviceDef(name), hostEnv, `services.${name}`), `services.${name}`);
}

/** The process environment of an app service: the image's ENV overlaid by compose's. */
function processEnv(name: AppService): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...image.env };
  for (const [key, value] of Object.entries(environmentOf(resolved(name), name))) {
    env[key] = value ?? hostEnv[key];
  }
  return env;
}

function configOf(name: AppService): Config {
  return loadConfig(processEnv(name));
}

function listenPort(name: AppService, config: Config): number {
  return name === 'gateway' ? config.GATEWAY_PORT : subgraphPort(config, name);
}

// ---------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('defines our five services and the backing services', () => {
    for (const name of [...APP_SERVICES, ...BACKING_SERVICES]) {
      assert.ok(isDict(services[name]), `service ${name} is missing`);
    }
  });

  it('interpolates with compose syntax only (no lone "$")', () => {
    for (const name of Object.keys(services)) assert.doesNotThrow(() => resolved(name));
  });

  for (const name of APP_SERVICES) {
    describe(`service ${name}`, () => {
      it('sets only variables of envSchema', () => {
        const unknown = Object.keys(environmentOf(serviceDef(name), name)).filter((k) => !SCHEMA_KEYS.has(k) && !OTEL_VARIABLES.has(k));
        assert.deepEqual(unknown, [], `${name} sets variables lib/config.ts does not know`);
      });

      it('passes loadConfig, in production, bound to 0.0.0.0', () => {
        const config = configOf(name);
        assert.equal(config.NODE_ENV, 'production', 'the image should run with NODE_ENV=production');
        assert.equal(config.HOST, '0.0.0.0', 'a container must listen on 0.0.0.0');
        for (const key of REQUIRED_SECRETS) assert.ok(config[key], `${name} gets no ${key}`);
      });

      it('if it stores objects, uses MinIO inside and presigns for the host', () => {
        const config = configOf(name);
        if (!config.S3_ENDPOINT) return;
        const endpoint = new URL(config.S3_ENDPOINT);
        assert.equal(endpoint.hostname, 'minio');
        assert.equal(endpoint.port, '9000');
        assert.equal(config.S3_PUBLIC_ENDPOINT, 'http://localhost:9000', 'presigned URLs must work from the host');
        const minio = environmentOf(resolved('minio'), 'minio');
        assert.equal(config.S3_ACCESS_KEY, minio.MINIO_ROOT_USER, 'S3_ACCESS_KEY should be MinIO root user');
        assert.equal(config.S3_SECRET_KEY, minio.MINIO_ROOT_PASSWORD, 'S3_SECRET_KEY should be MinIO root password');
      });

      it('takes secrets from the host environment, never from a literal', () => {
        const env = environmentOf(serviceDef(name), name);
        for (const [key, raw] of Object.entries(env)) {
          if (!SECRET_KEYS.has(key) || raw === null) continue;
          const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:\?.+|:-)\}$/.exec(raw);
          assert.ok(m, `${name}.${key} must be \${${key}:?...} or \${${key}:-}, not ${JSON.stringify(raw)}`);
          assert.equal(m[1], key, `${name}.${key} should read the host variable of the same name`);
        }
        for (const key of REQUIRED_SECRETS) {
          assert.match(env[key] ?? '', new RegExp(`^\\$\\{${key}:\\?.+\\}$`), `${name}.${key} must be required`);
        }
      });

      it('runs a compiled entry point whose TypeScript source exists', () => {
        const command = commandOf(serviceDef(name));
        assert.equal(command[0], 'node');
        const flags = NODE_FLAGS[name === 'gateway' ? 'gateway' : 'subgraph'];
        assert.deepEqual(command.slice(1, 1 + flags.length), [...flags], 'the same Node flags as the launcher (lib/process/nodeFlags.ts)');
        const expected = name === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${name}/main.js`;
        assert.equal(command[1 + flags.length], expected);
        const source = expected.replace(/^dist\//, '').replace(/\.js$/, '.ts');
        assert.ok(existsSync(path.join(root, source)), `${source} does not exist (command: ${command.join(' ')})`);
      });

      it('has a healthcheck on /ready at the port it listens on', () => {
        const port = listenPort(name, configOf(name));
        const text = healthcheckText(resolved(name));
        assert.ok(text.includes(`http://127.0.0.1:${port}/ready`), `${name} healthcheck should probe port ${port}: ${text}`);
      });

      it('waits for every service it reaches to be healthy', () => {
        const dependsOn = dict(serviceDef(name).depends_on ?? {}, `${name}.depends_on`);
        for (const [dep, spec] of Object.entries(dependsOn)) {
          assert.ok(isDict(services[dep]), `${name} depends on unknown service ${dep}`);
          assert.equal(dict(spec, `${name}.depends_on.${dep}`).condition, 'service_healthy', `${name} -> ${dep}`);
        }
        // Every compose service named as a host in a connection string is a dependency,
        // except optional ones (a profile's, e.g. Jaeger): the service runs without them.
        for (const [key, value] of Object.entries(processEnv(name))) {
          const host = value && /^[a-z+]+:\/\/(?:[^@/]*@)?([^:/?]+)/.exec(value)?.[1];
          if (host && host in services && serviceDef(host).profiles === undefined) {
            assert.ok(host in dependsOn, `${name}.${key} reaches ${host}, which is not in depends_on`);
          }
        }
      });
    });
  }

  it('points the gateway at each subgraph by service name and the port that subgraph listens on', () => {
    const gateway = configOf('gateway');
    for (const name of SUBGRAPHS) {
      const url = new URL(subgraphUrl(gateway, name as SubgraphName));
      const port = subgraphPort(configOf(name), name);
      assert.equal(url.protocol, 'http:');
      assert.equal(url.hostname, name, `gateway reaches ${name} at ${url.href}`);
      assert.equal(url.port, String(port), `${name} listens on ${port}, gateway uses ${url.href}`);
      assert.equal(url.pathname, '/graphql');
    }
  });

  it('starts the gateway after all four subgraphs are healthy', () => {
    const dependsOn = dict(serviceDef('gateway').depends_on, 'gateway.depends_on');
    for (const name of SUBGRAPHS) {
      assert.equal(dict(dependsOn[name], `gateway.depends_on.${name}`).condition, 'service_healthy');
    }
  });

  it('gives each subgraph its own database', () => {
    const databases = SUBGRAPHS.map((name) => {
      const uri = configOf(name).MONGODB_URI;
      assert.ok(uri, `${name} has no MONGODB_URI`);
      return new URL(uri).pathname;
    });
    assert.equal(new Set(databases).size, databases.length, `databases: ${databases.join(', ')}`);
  });

  it('gives every service a healthcheck', () => {
    for (const name of Object.keys(services)) {
      const hc = dict(serviceDef(name).healthcheck, `${name}.healthcheck`);
      assert.notEqual(hc.disable, true, `${name} healthcheck is disabled`);
      const test = hc.test;
      assert.ok(Array.isArray(test) ? test.length > 1 && test[0] !== 'NONE' : typeof test === 'string' && test.length > 0, `${name} healthcheck has no test`);
    }
  });

  it('publishes only the gateway (at GATEWAY_PORT) and MinIO S3 (9000), besides the observability UIs', () => {
    const published = Object.fromEntries(
      Object.keys(services)
        .filter((name) => serviceDef(name).profiles === undefined)
        .map((name) => [name, publishedPorts(resolved(name))] as const)
        .filter(([, ports]) => ports.length > 0),
    );
    assert.deepEqual(Object.keys(published).sort(), ['gateway', 'minio']);
    const gatewayPort = String(configOf('gateway').GATEWAY_PORT);
    assert.deepEqual(published.gateway, [{ published: gatewayPort, target: gatewayPort }]);
    assert.deepEqual(published.minio, [{ published: '9000', target: '9000' }]);
  });

  it('keeps backing-service data in named volumes', () => {
    const declared = dict(compose.volumes, 'volumes');
    for (const name of BACKING_SERVICES) {
      const volumes = serviceDef(name).volumes;
      assert.ok(Array.isArray(volumes) && volumes.length > 0, `${name} has no volume`);
      for (const v of volumes) {
        const source = isDict(v) ? String(v.source) : String(v).split(':')[0]!;
        assert.ok(source in declared, `${name} mounts ${source}, which is not a named volume`);
      }
    }
  });

  it('runs the image as the non-root node user', () => {
    assert.equal(image.user, 'node');
  });

  it('starts the gateway by default, with the launcher\'s Node flags', () => {
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(read('Dockerfile'));
    assert.ok(cmd, 'the Dockerfile has an exec-form CMD');
    assert.deepEqual(JSON.parse(cmd[1]!), ['node', ...NODE_FLAGS.gateway, 'dist/gateway/main.js']);
  });
});

// ---------------------------------------------------------------------------
// .env.example
// ---------------------------------------------------------------------------

describe('.env.example', () => {
  const entries = parseDotEnv(read('.env.example'));
  const keys = entries.map((e) => e.key);

  it('lists every envSchema variable and nothing unknown, once each', () => {
    const allowed = new Set([...SCHEMA_KEYS, ...COMPOSE_ONLY_VARIABLES]);
    assert.deepEqual([...SCHEMA_KEYS].filter((k) => !keys.includes(k)), [], 'missing from .env.example');
    assert.deepEqual(keys.filter((k) => !allowed.has(k)), [], 'unknown variables in .env.example');
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], 'listed twice');
  });

  it('explains every variable in a comment right above it', () => {
    for (const e of entries) assert.ok(e.comment.length > 0, `${e.key} has no comment`);
  });

  it('documents every variable docker-compose.yml reads from the host', () => {
    for (const ref of composeReferences) {
      assert.ok(keys.includes(ref.name), `docker-compose.yml reads ${ref.name}, which .env.example does not list`);
      assert.ok(SCHEMA_KEYS.has(ref.name) || COMPOSE_ONLY_VARIABLES.includes(ref.name), `${ref.name} is neither in envSchema nor an allowed compose-only variable`);
    }
  });

  it('shows placeholders, not real secrets', () => {
    for (const e of entries) {
      if (!SECRET_KEYS.has(e.key) || e.value === '') continue;
      assert.match(e.value, /^change-me/, `${e.key} should be empty or a change-me placeholder`);
    }
  });

  it('is accepted by loadConfig as it stands', () => {
    const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    assert.doesNotThrow(() => loadConfig(env));
  });

  it('makes docker compose stop until the secrets are filled in, and only for them', () => {
    const env = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    // Shipping usable placeholder secrets would let a deployment run on publicly known keys.
    assert.throws(() => interpolateDeep(compose, env, 'docker-compose.yml with .env.example'), /INTERNAL_IDENTITY_SECRET|JWT_|S3_SECRET_KEY/);
    const filled = { ...env };
    for (const k of ['INTERNAL_IDENTITY_SECRET', 'JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'S3_SECRET_KEY']) filled[k] = 'x'.repeat(40);
    assert.doesNotThrow(() => interpolateDeep(compose, filled, 'docker-compose.yml with filled-in secrets'));
  });
});
