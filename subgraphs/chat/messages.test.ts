/**
 * sendMessage, recallMessage and markRead without servers: the stores are the
 * SQLite adapters on a database in memory, the Redis-backed ports (the send
 * throttle) and the bus are in-memory fakes of their narrow interfaces.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { GraphQLError } from 'graphql';
import type { BusEvent } from './bus.js';
import { storeLookup } from './conversations.js';
import { MAX_MESSAGE_LENGTH, markRead, recallMessage, sendMessage, type MessageDeps } from './messages.js';
import type { SendClaim, SendThrottle } from './sendThrottle.js';
import { sqliteChatStores, type ChatStores } from './store/index.js';

/** The fixed window and the claims, as Redis keeps them, in memory. */
class MemoryThrottle implements SendThrottle {
  readonly hits = new Map<string, number>();
  readonly claims = new Set<string>();

  async hit(userId: string) {
    const count = (this.hits.get(userId) ?? 0) + 1;
    this.hits.set(userId, count);
    return { count, retryAfterSeconds: 42 };
  }

  async claim(conversationId: string, senderId: string, clientMessageId: string): Promise<SendClaim | null> {
    const key = `${conversationId}:${senderId}:${clientMessageId}`;
    if (this.claims.has(key)) return null;
    this.claims.add(key);
    return { release: async () => this.claims.delete(key) };
  }
}

const codeOf = (err: unknown) => (err as GraphQLError).extensions?.code;
const rejectsWith = (p: Promise<unknown>, code: string) => assert.rejects(p, (err) => codeOf(err) === code);

describe('messages (domain, SQLite in memory)', () => {
  let stores: ChatStores;
  let throttle: MemoryThrottle;
  let published: { to: string[]; event: BusEvent }[];
  let warnings: string[];
  let publishFails: boolean;
  let clock: number;

  beforeEach(() => {
    stores = sqliteChatStores(new Database(':memory:'));
    throttle = new MemoryThrottle();
    published = [];
    warnings = [];
    publishFails = false;
    clock = Date.now();
  });

  /** The dependencies of `viewerId`'s requests. */
  const as = (viewerId: string, limits: Partial<MessageDeps['limits']> = {}): MessageDeps => ({
    viewerId,
    lookup: storeLookup(stores.conversations),
    conversations: stores.conversations,
    messages: stores.messages,
    bus: {
      publish: async (to, event) => {
        if (publishFails) throw new Error('bus down');
        published.push({ to: [...to], event });
      },
    },
    throttle,
    limits: { sendsPerMinute: 100, recallWindowSeconds: 120, ...limits },
    log: { warn: (_obj: unknown, msg?: string) => void warnings.push(msg ?? '') } as MessageDeps['log'],
    now: () => clock,
  });

  test('a message is stored with the next sequence number and published once to every member', async () => {
    const group = await stores.conversations.createConversation({ kind: 'GROUP', title: 'g', ownerId: 'ann', memberIds: ['bob', 'cy'] });
    const first = await sendMessage(as('ann'), { conversationId: group.id, text: 'hello' });
    const second = await sendMessage(as('bob'), { conversationId: group.id, text: 'hi', clientMessageId: 'b-1' });
    assert.deepEqual([first.seq, second.seq], [1, 2]);
    assert.equal(second.clientMessageId, 'b-1');
    assert.deepEqual((await stores.messages.listMessages({ conversationId: group.id, limit: 10 })).map((m) => m.text), ['hello', 'hi']);
    assert.equal(published.length, 2);
    assert.deepEqual(published[0], { to: ['ann', 'bob', 'cy'], event: { kind: 'MESSAGE', conversationId: group.id, message: first } });
    assert.deepEqual(throttle.hits, new Map([['ann', 1], ['bob', 1]]));
  });

  test('bad input is refused with BAD_USER_INPUT before anything is stored or counted', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    await rejectsWith(sendMessage(as('ann'), { conversationId: c.id, text: '   ' }), 'BAD_USER_INPUT');
    await rejectsWith(sendMessage(as('ann'), { conversationId: c.id, text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }), 'BAD_USER_INPUT');
    await rejectsWith(sendMessage(as('ann'), { conversationId: c.id, text: 'ok', clientMessageId: 'no spaces allowed' }), 'BAD_USER_INPUT');
    assert.equal((await sendMessage(as('ann'), { conversationId: c.id, text: 'x'.repeat(MAX_MESSAGE_LENGTH) })).seq, 1);
    assert.deepEqual(throttle.hits, new Map([['ann', 1]]));
  });

  test('someone outside the conversation gets NOT_FOUND, as for one that does not exist', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    await rejectsWith(sendMessage(as('eve'), { conversationId: c.id, text: 'let me in' }), 'NOT_FOUND');
    await rejectsWith(sendMessage(as('eve'), { conversationId: 'missing', text: 'hello?' }), 'NOT_FOUND');
    assert.deepEqual(await stores.messages.listMessages({ conversationId: c.id, limit: 10 }), []);
    assert.equal(published.length, 0);
  });

  test('a retried send returns the stored message without using quota or publishing again', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    const deps = as('ann', { sendsPerMinute: 1 });
    const first = await sendMessage(deps, { conversationId: c.id, text: 'once', clientMessageId: 'a-1' });
    // At the limit now, yet the retry is answered: it sends nothing new.
    const retry = await sendMessage(deps, { conversationId: c.id, text: 'once', clientMessageId: 'a-1' });
    assert.deepEqual(retry, first);
    assert.equal(throttle.hits.get('ann'), 1);
    assert.equal(published.length, 1);
    assert.equal((await stores.conversations.findConversationsByIds([c.id]))[0]?.lastSeq, 1);
  });

  test('over the per-minute limit a send is RATE_LIMITED and stores nothing', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    const deps = as('ann', { sendsPerMinute: 2 });
    await sendMessage(deps, { conversationId: c.id, text: '1' });
    await sendMessage(deps, { conversationId: c.id, text: '2' });
    await assert.rejects(sendMessage(deps, { conversationId: c.id, text: '3' }), (err) => codeOf(err) === 'RATE_LIMITED' && /42 s/.test((err as Error).message));
    assert.deepEqual((await stores.messages.listMessages({ conversationId: c.id, limit: 10 })).map((m) => m.text), ['1', '2']);
    // The refused send's claim was given back: the client can retry it once the window passes.
    assert.equal(throttle.claims.size, 0);
  });

  test('a direct message to someone who blocked the sender is FORBIDDEN; groups are not affected', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    const group = await stores.conversations.createConversation({ kind: 'GROUP', title: 'g', ownerId: 'ann', memberIds: ['bob'] });
    await stores.conversations.block('bob', 'ann');
    await rejectsWith(sendMessage(as('ann'), { conversationId: c.id, text: 'hi' }), 'FORBIDDEN');
    assert.deepEqual(await stores.messages.listMessages({ conversationId: c.id, limit: 10 }), []);
    assert.equal((await sendMessage(as('ann'), { conversationId: group.id, text: 'hi all' })).seq, 1);
    // The blocker may still write.
    assert.equal((await sendMessage(as('bob'), { conversationId: c.id, text: 'go away' })).seq, 1);
  });

  test('a copy of a send waiting on another copy’s claim answers that copy’s message', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    // Another instance holds the claim on this client id and is storing the message.
    const other = (await throttle.claim(c.id, 'ann', 'a-7'))!;
    const copy = sendMessage(as('ann'), { conversationId: c.id, text: 'twice', clientMessageId: 'a-7' });
    const { message } = await stores.messages.appendMessage({ conversationId: c.id, senderId: 'ann', text: 'twice', clientMessageId: 'a-7' });
    await other.release();
    assert.deepEqual(await copy, message);
    assert.equal(throttle.hits.get('ann') ?? 0, 0, 'the copy used no quota');
    assert.equal(published.length, 0, 'the copy published nothing: the holder does');
  });

  test('a lost publish does not fail the send: the message is stored, and a warning logged', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    publishFails = true;
    const m = await sendMessage(as('ann'), { conversationId: c.id, text: 'still here' });
    assert.deepEqual(await stores.messages.findMessagesByIds([m.id]), [m]);
    assert.deepEqual(warnings, ['chat publish failed']);
  });

  test('recall: the sender only, within the window, once; members hear of it', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    const m = await sendMessage(as('ann'), { conversationId: c.id, text: 'oops' });
    await rejectsWith(recallMessage(as('bob'), m.id), 'FORBIDDEN');
    await rejectsWith(recallMessage(as('eve'), m.id), 'NOT_FOUND');
    await rejectsWith(recallMessage(as('ann'), 'missing'), 'NOT_FOUND');
    clock = m.createdAt.getTime() + 121_000;
    await rejectsWith(recallMessage(as('ann'), m.id), 'BAD_USER_INPUT');
    clock = m.createdAt.getTime() + 119_000;
    published = [];
    const recalled = await recallMessage(as('ann'), m.id);
    assert.equal(recalled.text, null);
    assert.ok(recalled.recalledAt);
    assert.deepEqual(published, [{ to: ['ann', 'bob'], event: { kind: 'RECALL', conversationId: c.id, message: recalled } }]);
    // Again: the message as it is, and no second event.
    assert.deepEqual(await recallMessage(as('ann'), m.id), recalled);
    assert.equal(published.length, 1);
  });

  test('markRead moves the read position forward and tells the members only when it moved', async () => {
    const c = await stores.conversations.directConversation('ann', 'bob');
    for (const text of ['1', '2', '3']) await sendMessage(as('ann'), { conversationId: c.id, text });
    published = [];
    await rejectsWith(markRead(as('bob'), c.id, -1), 'BAD_USER_INPUT');
    await rejectsWith(markRead(as('eve'), c.id, 1), 'NOT_FOUND');
    assert.equal((await markRead(as('bob'), c.id, 2)).id, c.id);
    await markRead(as('bob'), c.id, 1);
    await markRead(as('bob'), c.id, 99);
    assert.deepEqual(
      published.map((p) => p.event),
      [
        { kind: 'READ', conversationId: c.id, readerId: 'bob', readSeq: 2 },
        { kind: 'READ', conversationId: c.id, readerId: 'bob', readSeq: 3 },
      ],
    );
    assert.deepEqual(await stores.conversations.readPositions('bob', [c.id]), new Map([[c.id, 3]]));
  });
});
