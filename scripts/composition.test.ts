/**
 * The four subgraph schemas compose under the composers people bring: Apollo's
 * (what the gateway and Apollo Router use) and The Guild's
 * (@theguild/federation-composition, what Hive uses), into the same public API.
 * Grafbase's composer adds a rule of its own, checked here on the SDL: a field
 * whose type is @inaccessible must be @inaccessible itself.
 *
 *   node --import tsx --test scripts/composition.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeServices as composeApollo } from '@apollo/composition';
import { composeServices as composeGuild } from '@theguild/federation-composition';
import { buildSchema, isInputObjectType, isInterfaceType, isObjectType, parse, visit, type GraphQLSchema, type TypeNode } from 'graphql';
import { SUBGRAPHS } from '../lib/config.js';
import { readSchema } from '../lib/process/paths.js';

const services = SUBGRAPHS.map((name) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: parse(readSchema(name)) }));

/** Every `Type.field` and `Type.field(arg)` of a schema: what a client can ask for. */
function coordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    out.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push(`${type.name}.${field.name}`);
        if ('args' in field) for (const arg of field.args) out.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  return out.sort();
}

function namedType(node: TypeNode): string {
  return node.kind === 'NamedType' ? node.name.value : namedType(node.type);
}

describe('composition', () => {
  const apollo = composeApollo(services);
  it("Apollo's composer accepts the subgraphs, and its API schema is the committed one", () => {
    assert.equal(apollo.errors, undefined, apollo.errors?.map((e) => e.message).join('\n'));
    assert.deepEqual(coordinates(apollo.schema!.toAPISchema().toGraphQLJSSchema()), coordinates(buildSchema(readSchema('api'))));
  });

  it("The Guild's composer accepts them, with the same public API", () => {
    const guild = composeGuild(services);
    assert.equal(guild.errors, undefined, guild.errors?.map((e) => e.message).join('\n'));
    assert.ok(guild.publicSdl, 'a public schema');
    assert.deepEqual(coordinates(buildSchema(guild.publicSdl)), coordinates(buildSchema(readSchema('api'))));
  });

  it('every field of an @inaccessible type is @inaccessible itself (the rule Grafbase enforces)', () => {
    for (const { name, typeDefs } of services) {
      const hidden = new Set<string>();
      visit(typeDefs, {
        ObjectTypeDefinition: (n) => void (n.directives?.some((d) => d.name.value === 'inaccessible') && hidden.add(n.name.value)),
      });
      const offending: string[] = [];
      visit(typeDefs, {
        ObjectTypeDefinition: (type) => {
          for (const field of type.fields ?? []) {
            if (hidden.has(namedType(field.type)) && !field.directives?.some((d) => d.name.value === 'inaccessible')) offending.push(`${type.name.value}.${field.name.value}`);
          }
        },
      });
      assert.deepEqual(offending, [], `${name}: fields of @inaccessible types without @inaccessible`);
    }
  });
});
