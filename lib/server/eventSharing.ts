/**
 * One execution of a subscription event for all the subscribers it reaches.
 *
 * A chat message to a group of 200 reaches 200 subscriptions at once, each
 * the subscription of one member (on the gateway's shared socket, or on the
 * member's own). graphql-js runs the operation's selection over the event once
 * per subscription: 200 identical executions when nothing in the selection
 * depends on who the subscriber is.
 *
 * A subgraph names the fields whose value never depends on the viewer once an
 * event has reached a subscriber (`fields`, as `Type.field`): the resolver does
 * not read the viewer, and the shield rule lets every subscriber that may hold
 * the subscription read it. Who receives an event is still decided per
 * subscription, by its own stream (membership, blocking, replay); only the
 * execution of an event that reached several of them is shared. A
 * subscription whose every selected field (fragments included; `__typename`
 * always) is named is *shareable*: for each event object its stream yields,
 * the first such subscription with the same document text, operation name and
 * variables executes it, and the others get that result. Any other
 * subscription executes each event itself, as graphql-js does.
 *
 * The event object is the key: a subgraph's event fan-out hands the one
 * object it parsed to every listener (lib/redis/fanout.ts), and the stream
 * yields `{ <root field>: event }`. Events a stream makes for its own
 * subscriber (a replay read from the store) are new objects, so they are never
 * shared. Results are kept by event object in a WeakMap: gone with the event.
 *
 * A field whose value depends on the viewer only through a few cases (a
 * message's `clientMessageId`: its sender sees it, everyone else null) may be
 * listed with a *variant*: a function of the event and the subscriber's
 * context naming the subscriber's case. Subscriptions that select it share
 * an execution only with those of the same case: one execution for the
 * sender and one for everyone else, not one per member.
 *
 * A result with errors is not handed on: a subscriber whose shared execution
 * failed executes the event itself.
 */
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  subscribe,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';

type Subscribe = (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult>;

/**
 * Names the case of a subscriber (its context) for an event (the root field's
 * value): subscribers of one case see the same value. It sees the event, not
 * the field's parent object, so a field may have a variant only where the
 * event determines that object (chat: the one Message of a message event).
 */
export type EventVariant = (event: object, context: unknown) => string;

export interface EventSharingStats {
  /** Events executed for a subscriber of a shareable subscription (only grows). */
  executed: number;
  /** Events answered with a result executed for another subscriber (only grows). */
  shared: number;
}

/**
 * A `subscribe` for graphql-ws (`useServer`'s option) that shares event
 * executions between shareable subscriptions (above): `fields` are the same
 * for every viewer, `variants` the same for every viewer of one case. `run`
 * executes one event (graphql's `execute`, or a traced one).
 */
export function sharedEventSubscribe(
  schema: GraphQLSchema,
  fields: ReadonlySet<string>,
  variants: ReadonlyMap<string, EventVariant> = new Map(),
  stats: EventSharingStats = { executed: 0, shared: 0 },
  run: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult> = execute,
): Subscribe {
  for (const name of [...fields, ...variants.keys()]) {
    const [type, field] = name.split('.');
    const found = type && field ? schema.getType(type) : undefined;
    if (!found || !('getFields' in found) || !found.getFields()[field!]) throw new Error(`sharedEventFields: ${name} is not a field of the schema`);
  }
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

  return async (args) => {
    const operationName = args.operationName ?? undefined;
    // Once per subscription: graphql-ws parses each subscribe message's document anew, so there is nothing to keep per document.
    const share = shareable(schema, fields, variants, args.document, operationName);
    if (!share) return subscribe(args) as ReturnType<Subscribe>;
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream as ExecutionResult;
    const key = `${operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${share.text}`;
    const own = (payload: unknown) => {
      stats.executed++;
      return run({ ...args, rootValue: payload });
    };
    return mapEvents(stream, async (payload) => {
      const event = (payload as Record<string, unknown> | null)?.[share.root];
      if (event === null || typeof event !== 'object') return own(payload);
      let byKey = results.get(event);
      if (!byKey) results.set(event, (byKey = new Map()));
      const caseKey = share.variants.length ? `${key}\n${JSON.stringify(share.variants.map((v) => v(event, args.contextValue)))}` : key;
      const first = byKey.get(caseKey);
      if (!first) {
        const mine = Promise.resolve(own(payload));
        byKey.set(caseKey, mine);
        return mine;
      }
      // A failed execution (errors, or a rejection) is not handed on: this subscriber executes the event itself.
      const result = await first.catch(() => null);
      if (!result || result.errors?.length) return own(payload);
      stats.shared++;
      return result;
    });
  };
}

interface Shareable {
  /** The root field's name: the key of the event in what the stream yields. */
  root: string;
  text: string;
  /** The variants of the fields it selects. */
  variants: EventVariant[];
}

/** The root field, the document's text and its variants when every field the operation selects is listed (or `__typename`); null otherwise. */
function shareable(schema: GraphQLSchema, fields: ReadonlySet<string>, variants: ReadonlyMap<string, EventVariant>, document: DocumentNode, operationName: string | undefined): Shareable | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription' || operation.selectionSet.selections.length !== 1) return null;
  const [first] = operation.selectionSet.selections;
  if (first?.kind !== Kind.FIELD) return null;
  const text = document.loc?.source.body;
  if (text === undefined) return null;
  const typeInfo = new TypeInfo(schema);
  let every = true;
  const used = new Set<EventVariant>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__typename') return;
        const name = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        const variant = variants.get(name);
        if (variant) used.add(variant);
        else if (!fields.has(name)) every = false;
      },
    }),
  );
  return every ? { root: first.name.value, text, variants: [...used] } : null;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * The events of `source`, each through `map`. `return()` reaches the source at
 * once, even while `next()` waits for an event (an async generator would wait
 * for that event first), so a stopped subscription stops listening at once.
 */
function mapEvents<T, U>(source: AsyncIterable<T>, map: (value: T) => Promise<U>): AsyncGenerator<U> {
  const it = source[Symbol.asyncIterator]();
  const done = { done: true, value: undefined } as IteratorReturnResult<undefined>;
  const mapped: AsyncGenerator<U> = {
    async next() {
      const step = await it.next();
      if (step.done) return done;
      try {
        return { done: false, value: await map(step.value) };
      } catch (err) {
        // graphql-ws drops a subscription whose next() fails without calling return(): the source stops here (as graphql-js's mapping does).
        await it.return?.().catch(() => undefined);
        throw err;
      }
    },
    async return() {
      await it.return?.();
      return done;
    },
    async throw(err: unknown) {
      if (it.throw) await it.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
