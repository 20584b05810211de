/**
 * Generated GraphQL requests for one field of the API: its arguments given
 * as variables or written into the document, some missing, some extra, some
 * declared with the wrong type, and the result selected in full or not at all.
 */
import fc from 'fast-check';
import { isRequiredArgument, type GraphQLArgument } from 'graphql';
import type { FuzzOperation } from './schema.js';
import { valueArb, type ArgValue, type KnownValues } from './values.js';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface OperationInput {
  body: GraphQLBody;
  /** `mutation sendMessage(conversationId=id:conversation, text=str:10k) vars`: what a report shows of the input. */
  label: string;
}

type ArgPlan =
  | { arg: GraphQLArgument; how: 'omit' }
  /** Declared as a variable but given no value (the variable is missing from `variables`). */
  | { arg: GraphQLArgument; how: 'unset-variable' }
  /** `wrongType`: in variables mode, the variable is declared with this type instead of the argument's. */
  | { arg: GraphQLArgument; how: 'value'; value: ArgValue; wrongType: string | null };

/** Variable types that are wrong for most arguments, for "declared with the wrong type". */
const WRONG_VARIABLE_TYPES = ['String', 'Int!', '[ID!]!', 'Boolean', 'Float'];

function argPlanArb(arg: GraphQLArgument, known: KnownValues): fc.Arbitrary<ArgPlan> {
  // Required arguments are mostly given (else every input stops at validation); optional ones often left out.
  const omitWeight = isRequiredArgument(arg) ? 1 : 4;
  return fc.oneof(
    {
      weight: 14,
      arbitrary: fc
        .tuple(valueArb(arg.type, known), fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_VARIABLE_TYPES) }))
        .map(([value, wrongType]) => ({ arg, how: 'value' as const, value, wrongType })),
    },
    { weight: omitWeight, arbitrary: fc.constant({ arg, how: 'omit' as const }) },
    { weight: 1, arbitrary: fc.constant({ arg, how: 'unset-variable' as const }) },
  );
}

/**
 * Requests for `op`: `variables` mode declares a variable per argument (with
 * the argument's type, or now and then a wrong one) and sends the values as
 * JSON; `inline` mode writes the values into the document as literals.
 */
export function operationArb(op: FuzzOperation, known: KnownValues): fc.Arbitrary<OperationInput> {
  return fc
    .record({
      plans: fc.tuple(...op.field.args.map((a) => argPlanArb(a, known))),
      mode: fc.constantFrom('variables', 'variables', 'inline'),
      full: fc.boolean(),
      extraArgument: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      extraVariable: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map(({ plans, mode, full, extraArgument, extraVariable }) => render(op, plans as ArgPlan[], mode as 'variables' | 'inline', full, extraArgument, extraVariable));
}

function render(op: FuzzOperation, plans: ArgPlan[], mode: 'variables' | 'inline', full: boolean, extraArgument: boolean, extraVariable: boolean): OperationInput {
  const declarations: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  const labels: string[] = [];
  for (const plan of plans) {
    const name = plan.arg.name;
    if (plan.how === 'omit') {
      labels.push(`${name}=omitted`);
      continue;
    }
    if (plan.how === 'unset-variable') {
      declarations.push(`$${name}: ${String(plan.arg.type)}`);
      args.push(`${name}: $${name}`);
      labels.push(`${name}=unset-variable`);
      continue;
    }
    const { value } = plan;
    // A literal JSON cannot carry (1e400, a variable reference) goes into the document whatever the mode.
    if (mode === 'variables' && 'json' in value) {
      const type = plan.wrongType ?? String(plan.arg.type);
      declarations.push(`$${name}: ${type}`);
      args.push(`${name}: $${name}`);
      variables[name] = value.json;
      labels.push(`${name}=${value.label}${plan.wrongType ? `(declared ${type})` : ''}`);
    } else {
      args.push(`${name}: ${value.literal}`);
      labels.push(`${name}=${value.label}`);
    }
  }
  if (extraArgument) {
    args.push('notAnArgument: 1');
    labels.push('+unknown argument');
  }
  if (extraVariable) {
    variables.notDeclared = { nested: ['x'] };
    labels.push('+undeclared variable');
  }
  const selection = full ? op.selection : op.minimal;
  const header = `${op.kind} Fuzz${declarations.length ? `(${declarations.join(', ')})` : ''}`;
  const call = `${op.field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  return {
    body: { query: `${header} { ${call} ${selection} }`, ...(Object.keys(variables).length || mode === 'variables' ? { variables } : {}) },
    label: `${op.kind} ${op.field.name}(${labels.join(', ')}) ${mode}${full ? '' : ' minimal'}`,
  };
}
