import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, parse, type ExecutionResult, type GraphQLObjectType } from 'graphql';
import { cancellable } from '../iterators.js';
import { sharedEventSubscribe, type EventSharingStats } from './eventSharing.js';

interface Event {
  id: string;
  text: string;
  author?: string;
}

/** A tiny subgraph: `events` yields what `publish` sends to every open subscription, the same object to each. */
function fixture() {
  const schema = buildSchema(`
    type Event { id: ID! text: String! mine: String! forAuthor: String }
    type Query { ok: Boolean }
    type Subscription { events(room: String): Event! }
  `);
  const queues = new Set<{ push: (e: Event) => void }>();
  let stopped = 0;
  const calls = { text: 0, mine: 0, forAuthor: 0 };
  let failText = false;
  const subscription = schema.getSubscriptionType()!.getFields()['events']!;
  subscription.subscribe = () => {
    const pending: Event[] = [];
    let wake: (() => void) | undefined;
    const queue = { push: (e: Event) => (pending.push(e), wake?.()) };
    queues.add(queue);
    // As the chat subgraph's streams are: stopped at once, even while waiting.
    return cancellable(async function* (signal) {
      try {
        for (;;) {
          while (!pending.length) await new Promise<void>((resolve, reject) => ((wake = resolve), signal.addEventListener('abort', reject, { once: true })));
          yield { events: pending.shift()! };
        }
      } finally {
        queues.delete(queue);
        stopped++;
      }
    });
  };
  const event = schema.getType('Event') as GraphQLObjectType;
  event.getFields()['text']!.resolve = (e: Event) => {
    calls.text++;
    if (failText) {
      failText = false;
      throw new Error('text failed once');
    }
    return e.text;
  };
  event.getFields()['mine']!.resolve = (e: Event, _a, ctx: { viewer: string }) => {
    calls.mine++;
    return `${ctx.viewer} sees ${e.id}`;
  };
  event.getFields()['forAuthor']!.resolve = (e: Event, _a, ctx: { viewer: string }) => {
    calls.forAuthor++;
    return e.author === ctx.viewer ? 'yours' : null;
  };
  const stats: EventSharingStats = { executed: 0, shared: 0 };
  // forAuthor depends on the viewer only through whether it is the author.
  const variants = new Map([['Event.forAuthor', (e: object, ctx: unknown) => ((e as Event).author === (ctx as { viewer: string }).viewer ? 'author' : 'other')]]);
  const subscribe = sharedEventSubscribe(schema, new Set(['Subscription.events', 'Event.id', 'Event.text']), variants, stats);
  const open = async (viewer: string, query: string, variables?: Record<string, unknown>) => {
    const stream = await subscribe({ schema, document: parse(query), contextValue: { viewer }, ...(variables ? { variableValues: variables } : {}) });
    assert.ok(Symbol.asyncIterator in stream, 'a stream, not an error');
    return stream as AsyncGenerator<ExecutionResult>;
  };
  return {
    open,
    stats,
    calls,
    failTextOnce: () => (failText = true),
    publish: (e: Event) => queues.forEach((q) => q.push(e)),
    get listening() {
      return queues.size;
    },
    get stopped() {
      return stopped;
    },
  };
}

/** The next result of `stream`, as the client receives it (JSON). */
const next = async (stream: AsyncGenerator<ExecutionResult>) => JSON.parse(JSON.stringify((await stream.next()).value)) as ExecutionResult;

test('subscribers selecting only viewer-independent fields share one execution of an event', async () => {
  const f = fixture();
  // Each subscriber's document is parsed on its own, as graphql-ws does per subscribe message.
  const a = await f.open('alice', 'subscription { events { id text __typename } }');
  const b = await f.open('bob', 'subscription { events { id text __typename } }');
  const event = { id: 'e1', text: 'hello' };
  f.publish(event);
  const [ra, rb] = await Promise.all([next(a), next(b)]);
  assert.deepEqual(ra, { data: { events: { id: 'e1', text: 'hello', __typename: 'Event' } } });
  assert.deepEqual(rb, ra);
  assert.equal(f.calls.text, 1, 'the event was executed once for both');
  assert.deepEqual(f.stats, { executed: 1, shared: 1 });

  // Another event object with the same content is executed again: the event object is the key.
  f.publish({ id: 'e1', text: 'hello' });
  await Promise.all([next(a), next(b)]);
  assert.equal(f.calls.text, 2);
  await a.return(undefined);
  await b.return(undefined);
});

test('a field with a variant is shared within each case: one execution for the author, one for everyone else', async () => {
  const f = fixture();
  const query = 'subscription { events { id forAuthor } }';
  const [alice, bob, carol] = [await f.open('alice', query), await f.open('bob', query), await f.open('carol', query)];
  f.publish({ id: 'e1', text: 'hi', author: 'alice' });
  const got = await Promise.all([next(alice), next(bob), next(carol)]);
  assert.deepEqual(
    got.map((r) => r.data),
    [{ events: { id: 'e1', forAuthor: 'yours' } }, { events: { id: 'e1', forAuthor: null } }, { events: { id: 'e1', forAuthor: null } }],
  );
  assert.equal(f.calls.forAuthor, 2, 'two cases, two executions');
  assert.deepEqual(f.stats, { executed: 2, shared: 1 });
  for (const s of [alice, bob, carol]) await s.return(undefined);
});

test('a field that depends on the viewer keeps the execution per subscriber', async () => {
  const f = fixture();
  const a = await f.open('alice', 'subscription { events { id mine } }');
  const b = await f.open('bob', 'subscription { events { ... on Event { id mine } } }');
  f.publish({ id: 'e1', text: 'hello' });
  const [ra, rb] = await Promise.all([next(a), next(b)]);
  assert.deepEqual(ra.data, { events: { id: 'e1', mine: 'alice sees e1' } });
  assert.deepEqual(rb.data, { events: { id: 'e1', mine: 'bob sees e1' } });
  assert.equal(f.calls.mine, 2);
  assert.deepEqual(f.stats, { executed: 0, shared: 0 }, 'neither subscription was shareable');
  await a.return(undefined);
  await b.return(undefined);
});

test('different variables or documents are executed apart; a failed execution is not handed on', async () => {
  const f = fixture();
  const a = await f.open('alice', 'subscription ($room: String) { events(room: $room) { id text } }', { room: 'x' });
  const b = await f.open('bob', 'subscription ($room: String) { events(room: $room) { id text } }', { room: 'y' });
  const c = await f.open('carol', 'subscription { events { text } }');
  f.publish({ id: 'e1', text: 'hello' });
  await Promise.all([next(a), next(b), next(c)]);
  assert.deepEqual(f.stats, { executed: 3, shared: 0 });

  // dave's subscription is alice's: whichever of them executes the event first gets the failure, and the other executes it again.
  await b.return(undefined);
  await c.return(undefined);
  const d = await f.open('dave', 'subscription ($room: String) { events(room: $room) { id text } }', { room: 'x' });
  f.failTextOnce();
  f.publish({ id: 'e2', text: 'again' });
  const results = await Promise.all([next(a), next(d)]);
  assert.deepEqual(
    results.map((r) => r.errors?.[0]?.message ?? r.data).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    ['text failed once', { events: { id: 'e2', text: 'again' } }],
    'one failed, the other executed the event itself',
  );
  assert.deepEqual(f.stats, { executed: 5, shared: 0 });
  for (const s of [a, d]) await s.return(undefined);
});

test('a variant that fails ends that subscription and stops its source; the case names of two variants never run together', async () => {
  const schema = buildSchema('type Query { ok: Boolean } type Subscription { events: Event! } type Event { id: ID! a: String b: String }');
  let open = 0;
  schema.getSubscriptionType()!.getFields()['events']!.subscribe = () =>
    cancellable(async function* () {
      open++;
      try {
        for (let i = 0; i < 3; i++) yield { events: shared };
        await new Promise(() => {});
      } finally {
        open--;
      }
    });
  const shared = { id: 'e' };
  const event = schema.getType('Event') as GraphQLObjectType;
  event.getFields()['a']!.resolve = (_e, _a, ctx: { a: string }) => ctx.a;
  event.getFields()['b']!.resolve = (_e, _a, ctx: { b: string }) => ctx.b;
  const variants = new Map([
    ['Event.a', (_e: object, ctx: unknown) => (ctx as { a: string }).a],
    ['Event.b', (_e: object, ctx: unknown) => {
      const { b } = ctx as { b: string };
      if (b === 'throw') throw new Error('no case');
      return b;
    }],
  ]);
  const subscribe = sharedEventSubscribe(schema, new Set(['Subscription.events', 'Event.id']), variants);
  const document = 'subscription { events { id a b } }';
  const run = async (ctx: { a: string; b: string }) => (await subscribe({ schema, document: parse(document), contextValue: ctx })) as AsyncGenerator<ExecutionResult>;
  // 'x\ny' + 'z' and 'x' + 'y\nz' would be one case if the names were only joined by newlines.
  const [one, two] = [await run({ a: 'x\ny', b: 'z' }), await run({ a: 'x', b: 'y\nz' })];
  const [r1, r2] = await Promise.all([next(one), next(two)]);
  assert.deepEqual([r1.data, r2.data], [{ events: { id: 'e', a: 'x\ny', b: 'z' } }, { events: { id: 'e', a: 'x', b: 'y\nz' } }]);
  await one.return(undefined);
  await two.return(undefined);
  assert.equal(open, 0);
  const failing = await run({ a: 'x', b: 'throw' });
  await assert.rejects(failing.next(), /no case/);
  assert.equal(open, 0, 'the source was stopped');
});

test('a shareable subscription stopped while it waits stops listening at once', async () => {
  const f = fixture();
  const a = await f.open('alice', 'subscription { events { id } }');
  const waiting = a.next();
  await new Promise((r) => setImmediate(r));
  assert.equal(f.listening, 1);
  await a.return(undefined);
  assert.equal(f.stopped, 1, 'the source stream ended');
  assert.equal(f.listening, 0);
  f.publish({ id: 'late', text: '' });
  assert.deepEqual(await waiting, { done: true, value: undefined });
});

test('a listed field the schema does not have is refused at start', () => {
  const schema = buildSchema('type Query { ok: Boolean } type Subscription { events: String }');
  assert.throws(() => sharedEventSubscribe(schema, new Set(['Subscription.events', 'Subscription.evnts'])), /Subscription\.evnts is not a field/);
  assert.throws(() => sharedEventSubscribe(schema, new Set(['Subscription.events']), new Map([['Event.nope', () => '']])), /Event\.nope is not a field/);
});
