/**
 * A renderer for exactly the Kustomize features deploy/k8s uses (it refuses any
 * other), so that the manifests can be checked without kubectl, which is not part
 * of a fresh machine; scripts/k8s.test.ts checks its output against `kubectl
 * kustomize`'s where kubectl is installed. Plus the helpers the checks read the
 * rendered objects with.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { dict, isDict, list, type Dict } from './shapes.js';

export type K8sObject = Dict & { apiVersion: string; kind: string; metadata: Dict & { name: string; namespace?: string } };
export const clone = <T>(value: T): T => structuredClone(value);

// ---------------------------------------------------------------------------
// The renderer: the subset of Kustomize the manifests use
// ---------------------------------------------------------------------------

/** A generated ConfigMap or Secret: its name gets a content hash at the end of the build. */
const GENERATED = Symbol('generated');
type Rendered = K8sObject & { [GENERATED]?: true };

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'configMapGenerator', 'secretGenerator', 'patches']);

/** Renders a kustomization directory as `kubectl kustomize` would. */
export function renderKustomization(dir: string): K8sObject[] {
  const objects = build(dir);
  hashGeneratedNames(objects);
  return objects.map((o) => {
    const plain = { ...o };
    delete plain[GENERATED];
    return plain;
  });
}

function build(dir: string): Rendered[] {
  const k = dict(parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')), `${dir}/kustomization.yaml`);
  for (const field of Object.keys(k)) {
    assert.ok(KUSTOMIZATION_FIELDS.has(field), `${dir}: "${field}" is not implemented by this test's renderer`);
  }
  const objects: Rendered[] = [];
  for (const entry of list(k.resources, 'resources') as string[]) {
    const target = path.join(dir, entry);
    if (statSync(target).isDirectory()) objects.push(...build(target));
    else objects.push(...parseAllDocuments(readFileSync(target, 'utf8')).map((d) => d.toJS() as Rendered).filter(Boolean));
  }
  for (const g of list(k.configMapGenerator, 'configMapGenerator')) generate(dir, dict(g, 'configMapGenerator[]'), 'ConfigMap', objects);
  for (const g of list(k.secretGenerator, 'secretGenerator')) generate(dir, dict(g, 'secretGenerator[]'), 'Secret', objects);
  for (const p of list(k.patches, 'patches')) applyPatch(dict(p, 'patches[]'), objects);
  if (typeof k.namespace === 'string') {
    for (const o of objects) if (o.kind !== 'Namespace') o.metadata.namespace = k.namespace;
  }
  for (const i of list(k.images, 'images')) setImage(dict(i, 'images[]'), objects);
  return objects;
}

/** KEY=VALUE pairs of an env file or a `literals` list; kustomize skips blank lines and # comments. */
export function keyValues(lines: string[], what: string): [string, string][] {
  return lines
    .map((line) => line.replace(/^\uFEFF/, ''))
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      // Without "=", kustomize reads the value from its own environment: never wanted here.
      assert.ok(eq > 0, `${what}: "${line}" is not KEY=VALUE`);
      return [line.slice(0, eq).trimStart(), line.slice(eq + 1)];
    });
}

function generate(dir: string, g: Dict, kind: 'ConfigMap' | 'Secret', objects: Rendered[]): void {
  for (const field of Object.keys(g)) {
    assert.ok(['name', 'behavior', 'envs', 'literals'].includes(field), `${kind} generator field "${field}" is not implemented by this test's renderer`);
  }
  const name = String(g.name);
  const pairs = [
    ...(list(g.envs, 'envs') as string[]).flatMap((file) => keyValues(readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/), file)),
    ...keyValues(list(g.literals, 'literals').map(String), `${name} literals`),
  ];
  const data = Object.fromEntries(pairs.map(([key, value]) => [key, kind === 'Secret' ? secretValue(value) : value]));
  const behavior = (g.behavior as string | undefined) ?? 'create';
  const existing = objects.find((o) => o[GENERATED] && o.kind === kind && o.metadata.name === name);
  if (behavior === 'merge' || behavior === 'replace') {
    assert.ok(existing, `${kind} ${name}: behavior ${behavior} needs a generator of that name in a base`);
    existing.data = behavior === 'merge' ? { ...(existing.data as Dict), ...data } : data;
    return;
  }
  assert.equal(behavior, 'create', `${kind} ${name}: behavior ${behavior} is not implemented`);
  assert.ok(!existing, `${kind} ${name} is generated twice`);
  const object: Rendered = { apiVersion: 'v1', kind, metadata: { name }, data };
  if (kind === 'Secret') object.type = 'Opaque';
  object[GENERATED] = true;
  objects.push(object);
}

/** Base64 as kustomize writes a Secret's value: from 70 characters on, in lines of 70, each ended by a newline. */
function secretValue(value: string): string {
  const encoded = Buffer.from(value).toString('base64');
  if (encoded.length < 70) return encoded;
  return encoded.replace(/.{1,70}/g, '$&\n');
}

/** JSON 6902 patches selected by kind (and name). */
function applyPatch(p: Dict, objects: Rendered[]): void {
  for (const field of Object.keys(p)) assert.ok(['target', 'patch'].includes(field), `patch field "${field}" is not implemented by this test's renderer`);
  const target = dict(p.target, 'patch target');
  for (const field of Object.keys(target)) assert.ok(['kind', 'name'].includes(field), `patch target field "${field}" is not implemented`);
  const ops = parse(String(p.patch)) as unknown;
  assert.ok(Array.isArray(ops), 'only JSON 6902 patches (a list of operations) are implemented');
  const matched = objects.filter((o) => o.kind === target.kind && (target.name === undefined || o.metadata.name === target.name));
  assert.ok(matched.length > 0, `patch target ${JSON.stringify(target)} matches nothing`);
  for (const o of matched) for (const op of ops) applyOperation(o, dict(op, 'patch operation'));
}

function applyOperation(object: Dict, op: Dict): void {
  const tokens = String(op.path).split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = tokens.pop()!;
  let parent: unknown = object;
  for (const token of tokens) {
    parent = Array.isArray(parent) ? parent[Number(token)] : isDict(parent) ? parent[token] : undefined;
    assert.ok(parent !== undefined, `patch path ${String(op.path)} does not exist`);
  }
  const value = clone(op.value);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(index, 0, value);
    else if (op.op === 'replace') parent[index] = value;
    else if (op.op === 'remove') parent.splice(index, 1);
    else assert.fail(`patch op ${String(op.op)} is not implemented`);
    return;
  }
  const target = dict(parent, String(op.path));
  if (op.op === 'add') target[last] = value;
  else if (op.op === 'replace') {
    assert.ok(last in target, `replace of missing ${String(op.path)}`);
    target[last] = value;
  } else if (op.op === 'remove') delete target[last];
  else assert.fail(`patch op ${String(op.op)} is not implemented`);
}

export function podSpecs(o: Dict): Dict[] {
  const spec = isDict(o.spec) && isDict(o.spec.template) && isDict(o.spec.template.spec) ? o.spec.template.spec : undefined;
  return spec ? [spec] : [];
}
export function containersOf(podSpec: Dict): Dict[] {
  return [...list(podSpec.initContainers, 'initContainers'), ...list(podSpec.containers, 'containers')].map((c) => dict(c, 'container'));
}

function setImage(i: Dict, objects: Rendered[]): void {
  for (const field of Object.keys(i)) assert.ok(['name', 'newName', 'newTag', 'digest'].includes(field), `images field "${field}" is not implemented`);
  for (const o of objects) {
    for (const c of podSpecs(o).flatMap(containersOf)) {
      const image = String(c.image);
      const name = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
      if (name !== i.name) continue;
      const tag = image.slice(name.length);
      const newName = (i.newName as string | undefined) ?? name;
      c.image = i.digest ? `${newName}@${String(i.digest)}` : i.newTag !== undefined ? `${newName}:${String(i.newTag)}` : `${newName}${tag}`;
    }
  }
}

/**
 * Kustomize's name suffix: the SHA-256 of the object's kind, name, data (and a
 * Secret's type) as Go's json.Marshal writes them (sorted keys, HTML characters
 * escaped), first 10 hex digits with 0 1 3 a e swapped for letters. Kustomize 5
 * looks the name up with a path it does not resolve, so it hashes an empty name
 * (checked against kubectl kustomize 5.5 by scripts/k8s.test.ts). References to the generated
 * objects follow the rename.
 */
function hashGeneratedNames(objects: Rendered[]): void {
  const renamed = new Map<string, string>();
  for (const o of objects) {
    if (!o[GENERATED]) continue;
    const fields: Dict = { data: sortKeys(o.data as Dict), kind: o.kind, name: '' };
    if (o.kind === 'Secret') fields.type = o.type;
    const json = JSON.stringify(fields).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const hex = createHash('sha256').update(json).digest('hex');
    const suffix = [...hex.slice(0, 10)].map((c) => ({ 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' })[c] ?? c).join('');
    const name = `${o.metadata.name}-${suffix}`;
    renamed.set(`${o.kind}/${o.metadata.name}`, name);
    o.metadata.name = name;
  }
  const rename = (ref: unknown, kind: string) => {
    if (isDict(ref) && typeof ref.name === 'string') ref.name = renamed.get(`${kind}/${ref.name}`) ?? ref.name;
  };
  for (const o of objects) {
    for (const spec of podSpecs(o)) {
      for (const c of containersOf(spec)) {
        for (const from of list(c.envFrom, 'envFrom').map((e) => dict(e, 'envFrom[]'))) {
          rename(from.configMapRef, 'ConfigMap');
          rename(from.secretRef, 'Secret');
        }
        for (const e of list(c.env, 'env').map((x) => dict(x, 'env[]'))) {
          if (!isDict(e.valueFrom)) continue;
          rename(e.valueFrom.configMapKeyRef, 'ConfigMap');
          rename(e.valueFrom.secretKeyRef, 'Secret');
        }
      }
      for (const v of list(spec.volumes, 'volumes').map((x) => dict(x, 'volumes[]'))) {
        rename(v.configMap, 'ConfigMap');
        if (isDict(v.secret) && typeof v.secret.secretName === 'string') {
          v.secret.secretName = renamed.get(`Secret/${v.secret.secretName}`) ?? v.secret.secretName;
        }
      }
    }
  }
}

function sortKeys(data: Dict): Dict {
  return Object.fromEntries(Object.entries(data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
export function named(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  assert.ok(found, `no ${kind} ${name}`);
  return found;
}
