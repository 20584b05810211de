/**
 * Which subgraph fetches may serve more than one viewer.
 *
 * A subgraph marks a field `@viewerIndependent` (composed into the supergraph
 * with `@composeDirective`) when its value is the same whoever asks: the
 * resolver never reads the viewer and the shield rule is `allow`. An entity
 * fetch (`_entities`) that selects nothing but `__typename` and such fields
 * returns the same answer for every viewer, and so does a root query fetch
 * whose root fields, and everything selected under them, are marked for the
 * subgraph it goes to (`videos { edges { node { title } } }`; its arguments
 * are in the fetch's body, which is part of the sharing key). Identical such
 * fetches of different viewers may share one in-flight subgraph request
 * (gateway/dataSource.ts: a page many viewers load at once, or the
 * subscription bridge resolving one chat message or danmaku for every
 * subscriber), and the entity cache may keep the entities such an entity
 * fetch returns. Any other fetch (a mutation, a field without the mark, a
 * named fragment) stays per viewer.
 */
import { Kind, getNamedType, isObjectType, isInterfaceType, isUnionType, parse, type GraphQLSchema, type SelectionSetNode, type ValueNode } from 'graphql';

export const VIEWER_INDEPENDENT_DIRECTIVE = 'viewerIndependent';

type DirectiveNodes = readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] | undefined;

function argument(directive: NonNullable<DirectiveNodes>[number], name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
}

/**
 * For every field of the supergraph marked @viewerIndependent, the subgraphs
 * whose answer for it may be shared: the subgraphs that resolve it, or, for an
 * entity key field (the entity's identity), every subgraph that has it. The
 * supergraph does not say which subgraph a mark came from, so a field several
 * subgraphs resolve (a @shareable value type such as PageInfo) must be marked
 * in every one of them: test/viewer-independent.test.ts checks it.
 */
export function viewerIndependentFields(supergraphSdl: string): Map<string, Set<string>> {
  const doc = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const graph = name && argument(name, 'name');
      if (graph) graphNames.set(value.name.value, graph);
    }
  }
  const fields = new Map<string, Set<string>>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const typeGraphs = new Set<string>();
    const keyFields = new Set<string>();
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'join__type') continue;
      const graph = graphNames.get(argument(d, 'graph') ?? '');
      if (graph) typeGraphs.add(graph);
      const key = argument(d, 'key');
      if (key && !key.includes('{')) for (const k of key.trim().split(/\s+/)) keyFields.add(k);
    }
    for (const field of def.fields ?? []) {
      if (!field.directives?.some((d) => d.name.value === VIEWER_INDEPENDENT_DIRECTIVE)) continue;
      const fieldGraphs = new Set(
        (field.directives ?? []).filter((d) => d.name.value === 'join__field').map((d) => graphNames.get(argument(d, 'graph') ?? '')).filter((g): g is string => g !== undefined),
      );
      const owners = fieldGraphs.size > 0 && !keyFields.has(field.name.value) ? fieldGraphs : typeGraphs;
      fields.set(`${def.name.value}.${field.name.value}`, owners);
    }
  }
  return fields;
}

/** Distinct fetch queries remembered; a plan has few, so past this the memory starts over. */
const MAX_REMEMBERED = 2_000;

export class ViewerIndependence {
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    private readonly fields: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly schema: GraphQLSchema,
  ) {}

  /**
   * True when `query`, sent to `subgraph`, is an entity fetch selecting only
   * `__typename` and fields that subgraph marks @viewerIndependent, or a query
   * whose root fields and every field under them are so marked.
   */
  shareable(query: string, subgraph: string): boolean {
    const key = `${subgraph}\u0000${query}`;
    let verdict = this.verdicts.get(key);
    if (verdict === undefined) {
      verdict = this.fields.size > 0 && this.analyse(query, subgraph);
      if (this.verdicts.size >= MAX_REMEMBERED) this.verdicts.clear();
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  private analyse(query: string, subgraph: string): boolean {
    let doc;
    try {
      doc = parse(query);
    } catch {
      return false;
    }
    if (doc.definitions.length !== 1) return false;
    const op = doc.definitions[0]!;
    if (op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'query') return false;
    const [root, ...others] = op.selectionSet.selections;
    if (root?.kind === Kind.FIELD && root.name.value === '_entities') {
      if (others.length > 0 || !root.selectionSet) return false;
      return root.selectionSet.selections.every((s) => {
        if (s.kind === Kind.FIELD) return s.name.value === '__typename' && !s.selectionSet;
        if (s.kind === Kind.INLINE_FRAGMENT) return s.typeCondition !== undefined && this.selectsOnlyShareable(s.typeCondition.name.value, s.selectionSet, subgraph);
        return false;
      });
    }
    // A root fetch: every root field (and all it selects) marked for this subgraph.
    const queryType = this.schema.getQueryType();
    return queryType !== null && queryType !== undefined && op.selectionSet.selections.length > 0 && this.selectsOnlyShareable(queryType.name, op.selectionSet, subgraph);
  }

  private selectsOnlyShareable(typeName: string, selectionSet: SelectionSetNode, subgraph: string): boolean {
    const type = this.schema.getType(typeName);
    // A union has no fields of its own: only `__typename` and fragments on its members.
    if (!isObjectType(type) && !isInterfaceType(type) && !isUnionType(type)) return false;
    const typeFields = isUnionType(type) ? {} : type.getFields();
    return selectionSet.selections.every((s) => {
      if (s.kind === Kind.INLINE_FRAGMENT) return this.selectsOnlyShareable(s.typeCondition?.name.value ?? typeName, s.selectionSet, subgraph);
      if (s.kind !== Kind.FIELD) return false;
      if (s.name.value === '__typename') return true;
      if (!this.fields.get(`${typeName}.${s.name.value}`)?.has(subgraph)) return false;
      if (!s.selectionSet) return true;
      const field = typeFields[s.name.value];
      return field !== undefined && this.selectsOnlyShareable(getNamedType(field.type).name, s.selectionSet, subgraph);
    });
  }
}
