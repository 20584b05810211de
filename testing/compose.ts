/**
 * Small parsers for checking docker-compose.yml without a Docker engine: compose's
 * `environment`, ports, command and healthcheck shapes, its `${...}` interpolation,
 * the Dockerfile's runtime ENV and USER, and .env files.
 */
import assert from 'node:assert/strict';
import { dict, isDict, type Dict } from './shapes.js';

/** Compose's `environment`, as a map or as a list of KEY=VALUE; `null` means "from the host". */
export function environmentOf(service: Dict, what: string): Record<string, string | null> {
  const env = service.environment;
  if (env === undefined) return {};
  const out: Record<string, string | null> = {};
  if (Array.isArray(env)) {
    for (const entry of env) {
      assert.equal(typeof entry, 'string', `${what}: environment entries must be strings`);
      const text = entry as string;
      const eq = text.indexOf('=');
      if (eq === -1) out[text] = null;
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    }
    return out;
  }
  for (const [key, value] of Object.entries(dict(env, `${what}.environment`))) {
    out[key] = value === null ? null : String(value);
  }
  return out;
}

export interface Reference {
  name: string;
  /** '', ':-', '-', ':?', '?', ':+', '+' */
  operator: string;
  argument: string;
}

/**
 * Compose's interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`. A lone `$` is an error,
 * as in compose.
 */
export function interpolate(text: string, host: Record<string, string>, where: string): string {
  return text.replace(/\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|)/g, (_match, body: string) => {
    if (body === '$') return '$';
    if (body === '') throw new Error(`${where}: invalid interpolation (a lone "$"; write "$$")`);
    const ref = body.startsWith('{') ? parseReference(body.slice(1, -1), where) : { name: body, operator: '', argument: '' };
    const value = host[ref.name];
    const isSet = value !== undefined;
    const isNonEmpty = isSet && value !== '';
    switch (ref.operator) {
      case '':
        return value ?? '';
      case ':-':
        return isNonEmpty ? value : ref.argument;
      case '-':
        return isSet ? value : ref.argument;
      case ':?':
      case '?':
        if (ref.operator === ':?' ? isNonEmpty : isSet) return value ?? '';
        throw new Error(`${where}: required variable ${ref.name} is missing a value: ${ref.argument}`);
      case ':+':
        return isNonEmpty ? ref.argument : '';
      case '+':
        return isSet ? ref.argument : '';
      default:
        throw new Error(`${where}: unsupported interpolation operator ${ref.operator}`);
    }
  });
}

function parseReference(body: string, where: string): Reference {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new Error(`${where}: invalid interpolation "\${${body}}"`);
  return { name: m[1]!, operator: m[2] ?? '', argument: m[3] ?? '' };
}

/** Every `${...}` / `$VAR` reference in a string (ignoring `$$` escapes). */
export function referencesIn(text: string): Reference[] {
  const refs: Reference[] = [];
  for (const m of text.matchAll(/\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g)) {
    const body = m[1]!;
    if (body === '$') continue;
    refs.push(body.startsWith('{') ? parseReference(body.slice(1, -1), 'docker-compose.yml') : { name: body, operator: '', argument: '' });
  }
  return refs;
}

/** Interpolates every string inside a compose value (values only, as compose does). */
export function interpolateDeep(value: unknown, host: Record<string, string>, where: string): unknown {
  if (typeof value === 'string') return interpolate(value, host, where);
  if (Array.isArray(value)) return value.map((v, i) => interpolateDeep(v, host, `${where}[${i}]`));
  if (isDict(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, host, `${where}.${k}`)]),
    );
  }
  return value;
}

/** `ENV` and `USER` of the Dockerfile's last stage: what every service process starts with. */
export function runtimeImage(dockerfile: string): { env: Record<string, string>; user: string | undefined } {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let env: Record<string, string> = {};
  let user: string | undefined;
  for (const line of lines) {
    const m = /^\s*(\w+)\s+(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const instruction = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (instruction === 'FROM') {
      env = {};
      user = undefined;
    } else if (instruction === 'USER') {
      user = args;
    } else if (instruction === 'ENV') {
      if (args.includes('=')) {
        for (const pair of args.split(/\s+/)) {
          const eq = pair.indexOf('=');
          assert.ok(eq > 0, `Dockerfile: cannot read ENV pair "${pair}"`);
          env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
        }
      } else {
        const [key, ...rest] = args.split(/\s+/);
        env[key!] = rest.join(' ');
      }
    }
  }
  return { env, user };
}

/** KEY=VALUE lines of a .env file, with the comment block directly above each. */
export function parseDotEnv(text: string): { key: string; value: string; comment: string[] }[] {
  const entries: { key: string; value: string; comment: string[] }[] = [];
  let comment: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') {
      comment = [];
      continue;
    }
    if (line.startsWith('#')) {
      comment.push(line);
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    assert.ok(m, `.env.example line ${i + 1} is not KEY=VALUE or a comment: ${raw}`);
    entries.push({ key: m[1]!, value: m[2]!, comment });
    comment = [];
  }
  return entries;
}

/** host -> published port strings, from short ("127.0.0.1:4000:4000") or long syntax. */
export function publishedPorts(service: Dict): { published: string; target: string }[] {
  const ports = service.ports;
  if (ports === undefined) return [];
  assert.ok(Array.isArray(ports), 'ports must be a list');
  return ports.map((p) => {
    if (isDict(p)) return { published: String(p.published ?? ''), target: String(p.target ?? '') };
    const parts = String(p).replace(/\/(tcp|udp)$/, '').split(':');
    const target = parts.at(-1)!;
    const published = parts.length >= 2 ? parts.at(-2)! : '';
    return { published, target };
  });
}

export function commandOf(service: Dict): string[] {
  const command = service.command;
  if (typeof command === 'string') return command.trim().split(/\s+/);
  assert.ok(Array.isArray(command), 'command must be a string or a list');
  return command.map(String);
}

export function healthcheckText(service: Dict): string {
  const hc = dict(service.healthcheck, 'healthcheck');
  const test = hc.test;
  return Array.isArray(test) ? test.map(String).join(' ') : String(test);
}
