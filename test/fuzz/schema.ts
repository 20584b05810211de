/**
 * What to fuzz, read from the public API schema (schema/api.graphql): every
 * field of Query, Mutation and Subscription with its arguments, and a
 * selection of its result down to a small depth. A field added to the API is fuzzed the next
 * time the fuzzer runs, with no list to keep up to date.
 */
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { readSchema } from '../../lib/process/paths.js';

export interface FuzzOperation {
  kind: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
  /** `{ ... }` selecting the result's fields (empty for a scalar or enum result). */
  selection: string;
  /** The smallest valid selection: `{ __typename }` (empty for a scalar or enum result). */
  minimal: string;
}

export function loadApiSchema(): GraphQLSchema {
  return buildSchema(readSchema('api'));
}

/**
 * The fields of `type` a client could select without arguments, to `depth`
 * levels of objects. Below the operation's own field, fields that take
 * arguments (nested pages) are left out: they multiply the operation's cost
 * past the gateway's limit, and the fuzzer wants most operations to reach the
 * resolvers rather than stop at the cost check. A union or interface gets a
 * branch per possible type.
 */
export function selectionOf(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type)) {
    const branches = schema.getPossibleTypes(type).map((t) => `... on ${t.name} ${selectionOf(schema, t, depth)}`);
    return `{ __typename ${branches.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.length > 0) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name} ${selectionOf(schema, named, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** Every root field of the schema, with a selection `depth` objects deep. */
export function operationsOf(schema: GraphQLSchema, depth = 3): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const named = getNamedType(field.type);
      const leaf = isLeafType(named);
      out.push({ kind, field, selection: selectionOf(schema, named, depth), minimal: leaf ? '' : '{ __typename }' });
    }
  }
  return out;
}
