/**
 * The operation limits against the platform's own operations: every document
 * the repository sends (typed documents, tests, benchmarks) passes the default
 * limits, so the defaults refuse abuse without refusing real clients.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Kind, buildSchema, getNamedType, isEnumType, isInputObjectType, parse, print, typeFromAST, visit, type DefinitionNode, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../lib/config.js';
import { schemaPath } from '../lib/process/paths.js';
import { checkOperation, limitsFromConfig } from './limits.js';

const root = path.resolve(import.meta.dirname, '..');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'peers' || name === '__generated__') return [];
    return statSync(full).isDirectory() ? files(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

/** Operation texts in template literals (only whole ones: no `${}` inside). */
function embeddedOperations(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/`([^`]*)`/g)) {
    const text = m[1]!.trim();
    if (text.includes('${') || !/^(query|mutation|subscription)\b[^{]*\{|^\{\s*\w/.test(text)) continue;
    try {
      parse(text);
      found.push(text);
    } catch {
      // Not GraphQL (a message, a template fragment).
    }
  }
  return found;
}

/** Plausible values for an operation's variables: pages at their default size. */
function sampleVariables(schema: GraphQLSchema, query: string): Record<string, unknown> | undefined {
  const vars: Record<string, unknown> = {};
  for (const def of parse(query).definitions) {
    if (def.kind !== 'OperationDefinition') continue;
    for (const v of def.variableDefinitions ?? []) {
      const type = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
      const named = type && getNamedType(type);
      if (!named || isInputObjectType(named)) return undefined;
      vars[v.variable.name.value] = isEnumType(named) ? named.getValues()[0]!.value : named.name === 'Int' ? 20 : named.name === 'Float' ? 1 : named.name === 'Boolean' ? true : 'x';
      if (type && 'ofType' in type && String(type).startsWith('[')) vars[v.variable.name.value] = [vars[v.variable.name.value]];
    }
  }
  return vars;
}

test('every operation the repository sends passes the default limits', () => {
  const schema = buildSchema(readFileSync(schemaPath('api'), 'utf8'));
  const limits = limitsFromConfig(loadConfig({}));
  // The typed documents: one per operation, with the fragments it spreads (from any file).
  const definitions = files(path.join(root, 'testing/operations'), '.graphql').flatMap((f) => parse(readFileSync(f, 'utf8')).definitions.map((d) => ({ where: f, d })));
  const fragments = new Map(definitions.flatMap(({ d }) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const withFragments = (d: DefinitionNode): string => {
    const used = new Set<string>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread: (spread) => {
          if (used.has(spread.name.value)) return;
          used.add(spread.name.value);
          const fragment = fragments.get(spread.name.value);
          if (fragment) collect(fragment);
        },
      });
    collect(d);
    return [d, ...[...used].flatMap((n) => fragments.get(n) ?? [])].map((x) => print(x)).join('\n');
  };
  const documents = [
    ...definitions.filter(({ d }) => d.kind === Kind.OPERATION_DEFINITION).map(({ where, d }) => ({ where, text: withFragments(d) })),
    ...['test', 'bench', 'scripts'].flatMap((d) => files(path.join(root, d), '.ts').flatMap((f) => embeddedOperations(readFileSync(f, 'utf8')).map((text) => ({ where: f, text })))),
  ];
  assert.ok(documents.length > 100, `found ${documents.length} documents`);
  let checked = 0;
  for (const { where, text } of documents) {
    // Tests of the limits themselves send over-limit documents on purpose.
    if (where.endsWith('limits.test.ts')) continue;
    const variables = sampleVariables(schema, text);
    const result = checkOperation(schema, text, variables, undefined, variables ? limits : { ...limits, cost: Number.MAX_SAFE_INTEGER });
    if ('errors' in result) {
      const refusals = result.errors.filter((e) => e.extensions.code === 'OPERATION_LIMIT_EXCEEDED');
      assert.deepEqual(refusals.map((e) => e.message), [], `${path.relative(root, where)}: ${text.slice(0, 200)}`);
    }
    checked++;
  }
  assert.ok(checked > 100);
});

test('every list-size argument of the API states its bounds in the schema', () => {
  const schema = buildSchema(readFileSync(schemaPath('api'), 'utf8'));
  const undocumented: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type) || isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of 'args' in field ? field.args : []) {
        if (['first', 'pageSize', 'page'].includes(arg.name) && !/\d/.test(arg.description ?? '')) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  assert.deepEqual(undocumented, []);
});
