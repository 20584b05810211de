/**
 * Which subgraph fetches may serve more than one viewer.
 *
 * A subgraph marks a field `@viewerIndependent` (composed into the supergraph
 * with `@composeDirective`) when its value is the same whoever asks: the
 * resolver never reads the viewer and the shield rule is `allow`. An entity
 * fetch (`_entities`) that selects nothing but `__typename` and such fields
 * returns the same answer for every viewer, so where the gateway shares work
 * between viewers — the subscription bridge, where one chat message or danmaku
 * is resolved for every subscriber at once — identical fetches of different
 * viewers may share one in-flight subgraph request. Any other fetch (a root
 * field, a field without the mark, a named fragment) stays per viewer.
 */
import { Kind, getNamedType, isObjectType, isInterfaceType, parse, type GraphQLSchema, type SelectionSetNode } from 'graphql';

export const VIEWER_INDEPENDENT_DIRECTIVE = 'viewerIndependent';

/** `Type.field` of every field of the supergraph marked @viewerIndependent. */
export function viewerIndependentFields(supergraphSdl: string): Set<string> {
  const fields = new Set<string>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === VIEWER_INDEPENDENT_DIRECTIVE)) fields.add(`${def.name.value}.${field.name.value}`);
    }
  }
  return fields;
}

/** Distinct fetch queries remembered; a plan has few, so past this the memory starts over. */
const MAX_REMEMBERED = 2_000;

export class ViewerIndependence {
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    private readonly fields: ReadonlySet<string>,
    private readonly schema: GraphQLSchema,
  ) {}

  /** True when `query` is an entity fetch selecting only `__typename` and @viewerIndependent fields. */
  shareable(query: string): boolean {
    let verdict = this.verdicts.get(query);
    if (verdict === undefined) {
      verdict = this.fields.size > 0 && this.analyse(query);
      if (this.verdicts.size >= MAX_REMEMBERED) this.verdicts.clear();
      this.verdicts.set(query, verdict);
    }
    return verdict;
  }

  private analyse(query: string): boolean {
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
    if (!root || others.length > 0 || root.kind !== Kind.FIELD || root.name.value !== '_entities' || !root.selectionSet) return false;
    return root.selectionSet.selections.every((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__typename' && !s.selectionSet;
      if (s.kind === Kind.INLINE_FRAGMENT) return s.typeCondition !== undefined && this.selectsOnlyShareable(s.typeCondition.name.value, s.selectionSet);
      return false;
    });
  }

  private selectsOnlyShareable(typeName: string, selectionSet: SelectionSetNode): boolean {
    const type = this.schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) return false;
    const typeFields = type.getFields();
    return selectionSet.selections.every((s) => {
      if (s.kind === Kind.INLINE_FRAGMENT) return this.selectsOnlyShareable(s.typeCondition?.name.value ?? typeName, s.selectionSet);
      if (s.kind !== Kind.FIELD) return false;
      if (s.name.value === '__typename') return true;
      if (!this.fields.has(`${typeName}.${s.name.value}`)) return false;
      if (!s.selectionSet) return true;
      const field = typeFields[s.name.value];
      return field !== undefined && this.selectsOnlyShareable(getNamedType(field.type).name, s.selectionSet);
    });
  }
}
