/**
 * One upstream event, resolved for several subscribers: the subgraph's socket
 * hands all of an event's subscribers the same parsed object
 * (transport/ws.ts), so resolving it for one subscriber must leave it as it
 * came, and no subscriber's answer may share objects with another's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { GraphQLDataSource } from '@apollo/gateway';
import { print, type FormattedExecutionResult } from 'graphql';
import { ChatMessageFollowedSendersDocument } from '../testing/__generated__/operations.js';
import type { GatewayContext } from './context.js';
import { eventResolution, planningState, resolveEvent, subscriptionPlan } from './subscriptionPlans.js';

const supergraph = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');

/** A user subgraph that answers every entity fetch with this viewer's view of the sender. */
function userSubgraph(followedByMe: boolean): Record<string, GraphQLDataSource<GatewayContext>> {
  return {
    user: {
      process: async ({ request }) => ({
        data: { _entities: (request.variables?.representations as unknown[]).map(() => ({ displayName: 'Owner', followedByMe })) },
      }),
    },
  };
}

const contextFor = (userId: string) => (): GatewayContext => ({ requestId: `rid-${userId}`, viewer: { userId, roles: [] }, identityToken: async () => 'unused' });

test("resolving a shared event for one viewer leaves it unchanged, and no viewer's answer shares objects with another's", async () => {
  const state = planningState(supergraph);
  const document = ChatMessageFollowedSendersDocument;
  const query = print(document);
  const node = subscriptionPlan(state, document, undefined, query);
  const resolution = eventResolution(state, node, document, undefined, { conversationId: 'c1' }, query, 'rid');
  // What the chat subgraph sends for the plan's primary fetch: the sender as a reference.
  const event: FormattedExecutionResult<Record<string, unknown>> = {
    data: { messageEvents: { message: { text: 'hello', sender: { __typename: 'User', id: 'owner' } } } },
  };
  const asSent = structuredClone(event);

  const fan = await resolveEvent(userSubgraph(true), contextFor('fan'), event, resolution);
  assert.deepEqual(event, asSent, 'the event was changed by resolving it');
  const other = await resolveEvent(userSubgraph(false), contextFor('other'), event, resolution);
  assert.deepEqual(event, asSent, 'the event was changed by resolving it');

  // Checked after both resolved: the fan's answer kept its own followedByMe. (Answers are null-prototype objects: compared as JSON.)
  const plain = (data: unknown) => JSON.parse(JSON.stringify(data)) as unknown;
  assert.deepEqual(plain(fan.data), { messageEvents: { message: { text: 'hello', sender: { displayName: 'Owner', followedByMe: true } } } });
  assert.deepEqual(plain(other.data), { messageEvents: { message: { text: 'hello', sender: { displayName: 'Owner', followedByMe: false } } } });
});
