/**
 * The subgraph's fan-out guard: once a request's signal aborts (its deadline,
 * or the gateway hanging up), paged and entity fields stop starting new work.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, execute, parse } from 'graphql';
import { guardFanOut } from './subgraph.js';

test('after the signal aborts, no nested page starts: the work stops where it was', async () => {
  const schema = buildSchema(`
    type Query { items(first: Int): [Item!]! }
    type Item { id: ID! children(first: Int): [Item!] }
  `);
  let pages = 0;
  const controller = new AbortController();
  const page = (first: number) => {
    pages++;
    // The deadline passes while the first nested page is being read.
    if (pages === 2) controller.abort();
    return Array.from({ length: first }, (_, i) => ({ id: String(i) }));
  };
  schema.getQueryType()!.getFields().items!.resolve = (_s, args: { first: number }) => page(args.first);
  (schema.getType('Item') as import('graphql').GraphQLObjectType).getFields().children!.resolve = (_s, args: { first: number }) => page(args.first);
  guardFanOut(schema);

  const result = await execute({
    schema,
    document: parse(`{ items(first: 10) { id children(first: 10) { id children(first: 10) { id } } } }`),
    contextValue: { signal: controller.signal },
  });
  // 1 top page + 1 nested page before the abort; unguarded it would be 1 + 10 + 100.
  assert.equal(pages, 2);
  assert.ok(result.errors?.length);
  assert.ok(result.errors.every((e) => e.extensions.code === 'REQUEST_TIMEOUT'));
});

test('without a signal (subscriptions) or before it aborts, fields resolve as usual', async () => {
  const schema = buildSchema(`type Query { items(first: Int): [String!]! }`);
  schema.getQueryType()!.getFields().items!.resolve = (_s, args: { first: number }) => Array.from({ length: args.first }, (_, i) => `i${i}`);
  guardFanOut(schema);
  const document = parse(`{ items(first: 3) }`);
  const plain = async (contextValue: object) => JSON.parse(JSON.stringify((await execute({ schema, document, contextValue })).data)) as unknown;
  assert.deepEqual(await plain({}), { items: ['i0', 'i1', 'i2'] });
  assert.deepEqual(await plain({ signal: new AbortController().signal }), { items: ['i0', 'i1', 'i2'] });
});

test('a field shared between subscribers must be allowed to everyone: the real lists pass, a viewer-guarded field or root resolver is refused', async () => {
  const { buildSchema: subgraphSchema, checkSharedEventRules } = await import('./subgraph.js');
  const chat = await import('../../subgraphs/chat/rules.js');
  const video = await import('../../subgraphs/video/rules.js');
  const { resolvers: chatResolvers } = await import('../../subgraphs/chat/resolvers.js');
  const { resolvers: videoResolvers } = await import('../../subgraphs/video/resolvers.js');
  const chatSchema = subgraphSchema('chat', chatResolvers, chat.permissions);
  const videoSchema = subgraphSchema('video', videoResolvers, video.permissions);
  const chatListed = [...chat.SHARED_EVENT_FIELDS, ...Object.keys(chat.SHARED_EVENT_VARIANTS)];
  checkSharedEventRules(chatSchema, chat.permissions.rules, chatListed);
  checkSharedEventRules(videoSchema, video.permissions.rules, video.SHARED_EVENT_FIELDS);

  // The user's own unread count is guarded by isSelf: sharing it would show one member's count to all.
  assert.throws(() => checkSharedEventRules(chatSchema, chat.permissions.rules, [...chatListed, 'User.unreadMessageCount']), /User\.unreadMessageCount/);
  // Any rule but allow is refused, whatever it checks.
  assert.throws(() => checkSharedEventRules(chatSchema, chat.permissions.rules, ['Message.id', 'Query.conversations']), /rule of Query\.conversations is not allow/);
  // Subscription.messageEvents (isAuthenticated) passes above: with no resolver, shield checks it when each subscriber subscribes.
  // With a resolver, shield would check it per event, in the context of whichever subscriber executed it.
  const withResolver = subgraphSchema('chat', { ...chatResolvers, Subscription: { ...chatResolvers.Subscription, messageEvents: { ...chatResolvers.Subscription!.messageEvents, resolve: (event: unknown) => event } } } as typeof chatResolvers, chat.permissions);
  assert.throws(() => checkSharedEventRules(withResolver, chat.permissions.rules, chatListed), /Subscription\.messageEvents/);
});
