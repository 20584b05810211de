/**
 * A field marked @viewerIndependent may be answered to one viewer from a fetch
 * made for another (gateway/viewerIndependent.ts), so its shield rule must let
 * everyone read it: this checks every mark in every subgraph schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kind, parse } from 'graphql';
import { SUBGRAPHS } from '../lib/config.js';
import { readSchema } from '../lib/process/paths.js';
import { allow, effectiveRule } from '../lib/auth/shield.js';
import { permissions as chat } from '../subgraphs/chat/rules.js';
import { permissions as search } from '../subgraphs/search/rules.js';
import { permissions as user } from '../subgraphs/user/rules.js';
import { permissions as video } from '../subgraphs/video/rules.js';

const rules = { user, video, chat, search };

test('every @viewerIndependent field is allowed to everyone by its subgraph\'s shield', () => {
  let marked = 0;
  for (const name of SUBGRAPHS) {
    for (const def of parse(readSchema(name)).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of def.fields ?? []) {
        if (!field.directives?.some((d) => d.name.value === 'viewerIndependent')) continue;
        marked++;
        assert.equal(effectiveRule(rules[name].rules, def.name.value, field.name.value), allow, `${name}: ${def.name.value}.${field.name.value} is marked @viewerIndependent but its rule is not allow`);
      }
    }
  }
  assert.ok(marked > 0, 'no field is marked; the check would be empty');
});

test('a field several subgraphs resolve is marked in all of them or in none', () => {
  // The supergraph does not say which subgraph a mark came from (gateway/viewerIndependent.ts trusts it for all).
  const marks = new Map<string, Map<string, boolean>>();
  for (const name of SUBGRAPHS) {
    for (const def of parse(readSchema(name)).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      // An entity's key fields are its identity, the same in every subgraph that has it.
      const keys = new Set((def.directives ?? []).filter((d) => d.name.value === 'key').flatMap((d) => {
        const arg = d.arguments?.find((a) => a.name.value === 'fields')?.value;
        return arg?.kind === Kind.STRING ? arg.value.split(/\s+/) : [];
      }));
      for (const field of def.fields ?? []) {
        if (keys.has(field.name.value) || (def.name.value === 'Query' && field.name.value.startsWith('_'))) continue;
        const key = `${def.name.value}.${field.name.value}`;
        if (!marks.has(key)) marks.set(key, new Map());
        marks.get(key)!.set(name, field.directives?.some((d) => d.name.value === 'viewerIndependent') ?? false);
      }
    }
  }
  let shared = 0;
  for (const [field, bySubgraph] of marks) {
    if (bySubgraph.size < 2) continue;
    shared++;
    const values = new Set(bySubgraph.values());
    assert.equal(values.size, 1, `${field} is marked in ${[...bySubgraph].filter(([, m]) => m).map(([s]) => s).join(', ')} but not in ${[...bySubgraph].filter(([, m]) => !m).map(([s]) => s).join(', ')}`);
  }
  assert.ok(shared > 0, 'no field is defined by several subgraphs; the check would be empty');
});
