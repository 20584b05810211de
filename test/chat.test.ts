/**
 * Chat end to end: through the gateway over HTTP and graphql-ws (the
 * subscription bridge), with the user subgraph's fields on every event.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { STREAMS } from '../lib/redis/domainEvents.js';
import { signInternalIdentity } from '../lib/auth/identity.js';
import { createLogger } from '../lib/observability/logger.js';
import { signAccessToken } from '../lib/auth/tokens.js';
import { startChatSubgraph } from '../subgraphs/chat/server.js';
import { subscriberCount } from '../lib/redis/client.js';
import { parseMetrics, valueOf } from '../testing/prometheus.js';
import { signUp, TEST_PASSWORD } from '../testing/accounts.js';
import { createSignedInUser, type SignedInUser as Auth } from '../testing/fixtures.js';
import { gql, listening, startStack, subscribe, waitForMatching, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';
import {
  AddGroupMembersDocument,
  BlockChatUserDocument,
  BlockedChatUsersDocument,
  MessagesPageDocument,
  ChatMessageEventsDocument,
  ChatMessageFollowedSendersDocument,
  ChatMessageSenderIdsDocument,
  ChatMessageSenderNamesDocument,
  ChatOverviewDocument,
  CreateChatGroupDocument,
  FollowUserDocument,
  GroupDetailsDocument,
  InboxSummaryDocument,
  LeaveChatGroupDocument,
  LoginAccountDocument,
  LogoutDocument,
  MarkConversationReadDocument,
  NotificationFeedDocument,
  StartConversationDocument,
  ReadAllNotificationsDocument,
  RecallChatMessageDocument,
  RemoveGroupMemberDocument,
  RenameChatGroupDocument,
  SendMessageDocument,
  UnblockChatUserDocument,
  UserPresenceDocument,
  UserUnreadMessagesDocument,
  type ChatMessageEventsSubscription as EventData,
  type ChatMessageFollowedSendersSubscription,
  type ChatMessageSenderIdsSubscription,
  type ChatMessageSenderNamesSubscription,
  type NotificationFeedSubscription,
} from '../testing/__generated__/operations.js';

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

const EVENTS = print(ChatMessageEventsDocument);
const isMessage = (r: { data?: EventData | null }) => r.data?.messageEvents.kind === 'MESSAGE';
/** Sends `text` as `a`; the same `clientMessageId` makes a retry of it. */
const sendAs = (url: string, a: Auth, conversationId: string, text: string, clientMessageId?: string) =>
  gql(url, SendMessageDocument, { conversationId, text, ...(clientMessageId === undefined ? {} : { clientMessageId }) }, { token: a.accessToken });

describe('chat', () => {
  let stack: Stack;
  let url: string;
  let n = 0;
  const clients: { dispose(): void | Promise<void> }[] = [];

  const register = (displayName?: string) => createSignedInUser(stack, `chatter${++n}`, displayName);
  const as = (a: Auth) => ({ token: a.accessToken });
  const ws = (a: Auth) => {
    const c = wsClient(url, { token: a.accessToken });
    clients.push(c);
    return c;
  };
  async function direct(a: Auth, b: Auth): Promise<string> {
    const res = await gql(url, StartConversationDocument, { userId: b.user.id }, as(a));
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.startConversation.id;
  }
  const send = (a: Auth, c: string, t: string, k?: string) => sendAs(url, a, c, t, k);

  before(async () => {
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000' });
    url = stack.gateway.url;
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
  });

  test('two users chat; every event carries the sender from the user subgraph', async () => {
    const alice = await register('Alice A.');
    const bob = await register('Bob B.');
    const c = await direct(alice, bob);
    assert.equal(await direct(bob, alice), c, 'the same pair always gets the same conversation');
    const bobSub = subscribe<EventData>(ws(bob), EVENTS, { conversationId: c });
    const aliceSub = subscribe<EventData>(ws(alice), EVENTS, {});
    await listening(stack.redis, `chat:u:${bob.user.id}`);
    await listening(stack.redis, `chat:u:${alice.user.id}`);
    assert.equal((await send(alice, c, 'hello bob')).errors, undefined);
    assert.equal((await send(bob, c, 'hi alice')).errors, undefined);
    const got = await bobSub.waitFor(2);
    assert.deepEqual(
      got.map((r) => [r.data?.messageEvents.kind, r.data?.messageEvents.message?.seq, r.data?.messageEvents.message?.text, r.data?.messageEvents.message?.sender.displayName]),
      [
        ['MESSAGE', 1, 'hello bob', 'Alice A.'],
        ['MESSAGE', 2, 'hi alice', 'Bob B.'],
      ],
    );
    await aliceSub.waitFor(2);
    assert.equal(aliceSub.results[1]!.data?.messageEvents.message?.sender.username, bob.user.username);

    const online = await gql(url, UserPresenceDocument, { id: bob.user.id }, as(alice));
    assert.equal(online.data?.user?.online, true, 'a user with an open subscription is online');
    bobSub.stop();
    aliceSub.stop();
    // Stopping on the client closes the upstream subscription too: its listener and presence lease go.
    const deadline = Date.now() + 60_000;
    let offline = false;
    while (!offline && Date.now() < deadline) {
      const r = await gql(url, UserPresenceDocument, { id: bob.user.id }, as(alice));
      offline = r.data?.user?.online === false;
      if (!offline) await new Promise((res) => setTimeout(res, 50));
    }
    assert.ok(offline, 'the upstream subscription ended with the client one');
    assert.equal(await subscriberCount(stack.redis, `chat:u:${bob.user.id}`), 0);
  });

  test('500 messages sent concurrently arrive in strictly increasing sequence with no gaps', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const sub = subscribe<EventData>(ws(b), EVENTS, { conversationId: c });
    await listening(stack.redis, `chat:u:${b.user.id}`);
    const sent = await Promise.all(Array.from({ length: 500 }, (_, i) => send(i % 2 ? a : b, c, `m${i}`)));
    for (const s of sent) assert.equal(s.errors, undefined, JSON.stringify(s.errors));
    assert.deepEqual(sent.map((s) => s.data!.sendMessage.seq).sort((x, y) => x - y), Array.from({ length: 500 }, (_, i) => i + 1));
    const got = await sub.waitFor(500, 120_000);
    assert.deepEqual(got.map((r) => r.data?.messageEvents.message?.seq), Array.from({ length: 500 }, (_, i) => i + 1));
    sub.stop();
  });

  test('a subscriber that drops and resubscribes with afterSeq gets every message exactly once', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const first = subscribe<EventData>(ws(b), EVENTS, { conversationId: c });
    await listening(stack.redis, `chat:u:${b.user.id}`);
    const sending = (async () => {
      for (let i = 0; i < 120; i++) await send(a, c, `n${i}`);
    })();
    await first.waitFor(30);
    first.stop();
    const lastSeen = Math.max(...first.results.map((r) => r.data!.messageEvents.message!.seq));
    const second = subscribe<EventData>(ws(b), EVENTS, { conversationId: c, afterSeq: lastSeen });
    await sending;
    // The resumed subscription also sends read positions after the replay; messages are what is counted here.
    const rest = await waitForMatching(second, isMessage, 120 - lastSeen, 60_000);
    const seqs = [...first.results, ...rest].map((r) => r.data!.messageEvents.message!.seq);
    assert.deepEqual(seqs, Array.from({ length: 120 }, (_, i) => i + 1), 'each message once, in order, across the seam');
    second.stop();
  });

  test('a retried send with the same clientMessageId stores one message', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const tries = await Promise.all([send(a, c, 'once', 'key-1'), send(a, c, 'once', 'key-1'), send(a, c, 'once', 'key-1')]);
    assert.equal(new Set(tries.map((t) => t.data!.sendMessage.id)).size, 1);
    const list = await gql(url, MessagesPageDocument, { conversationId: c }, as(b));
    assert.deepEqual(list.data?.messages.map((m) => m.seq), [1]);
  });

  test('bad messages are refused and store nothing', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    assert.equal(code(await send(a, c, '   \n ')), 'BAD_USER_INPUT');
    assert.equal(code(await send(a, c, 'x'.repeat(2001))), 'BAD_USER_INPUT');
    assert.equal(code(await send(a, c, 'ok', 'has spaces in it')), 'BAD_USER_INPUT');
    const list = await gql(url, MessagesPageDocument, { conversationId: c }, as(a));
    assert.deepEqual(list.data?.messages, []);
  });

  test('recall: the sender only; the text leaves storage; members see the recall', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const sub = subscribe<EventData>(ws(b), EVENTS, { conversationId: c });
    await listening(stack.redis, `chat:u:${b.user.id}`);
    const m = (await send(a, c, 'oops, secret')).data!.sendMessage;
    const byOther = await gql(url, RecallChatMessageDocument, { messageId: m.id }, as(b));
    assert.equal(code(byOther), 'FORBIDDEN');
    const recalled = await gql(url, RecallChatMessageDocument, { messageId: m.id }, as(a));
    assert.deepEqual(recalled.data?.recallMessage, { id: m.id, recalled: true, text: null });
    const [stored] = await stack.chat.stores.messages.findMessagesByIds([m.id]);
    assert.equal(stored?.text, null, 'the text is gone from storage');
    const got = await sub.waitFor(2);
    assert.equal(got[1]!.data?.messageEvents.kind, 'RECALL');
    assert.equal(got[1]!.data?.messageEvents.message?.id, m.id);
    assert.equal(got[1]!.data?.messageEvents.message?.text, null);
    sub.stop();
  });

  test('a blocked user cannot message the blocker, and nothing is stored', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    assert.deepEqual((await gql(url, BlockChatUserDocument, { userId: a.user.id }, as(b))).data, { blockUser: true });
    const refused = await send(a, c, 'let me in');
    assert.equal(code(refused), 'FORBIDDEN');
    assert.deepEqual(await stack.chat.stores.messages.listMessages({ conversationId: c, limit: 10 }), []);
    const blocked = await gql(url, BlockedChatUsersDocument, {}, as(b));
    assert.deepEqual(blocked.data?.blockedUsers, [{ username: a.user.username }]);
    assert.equal((await send(b, c, 'I can still write')).errors, undefined, 'the blocker is not blocked');
    await gql(url, UnblockChatUserDocument, { userId: a.user.id }, as(b));
    assert.equal((await send(a, c, 'thanks')).errors, undefined);
  });

  test('unread counts per conversation and in total; markRead; read receipts', async () => {
    const a = await register();
    const b = await register();
    const c1 = await direct(a, b);
    const third = await register();
    const c2 = await direct(third, b);
    for (let i = 0; i < 3; i++) await send(a, c1, `a${i}`);
    await send(third, c2, 'yo');
    const view = () => gql(url, ChatOverviewDocument, {}, as(b));
    const v1 = await view();
    assert.equal(v1.errors, undefined, JSON.stringify(v1.errors));
    assert.equal(v1.data!.me?.unreadMessageCount, 4);
    assert.deepEqual(v1.data!.conversations.edges.map((e) => [e.node.id, e.node.unreadCount, e.node.lastMessage?.text]), [
      [c2, 1, 'yo'],
      [c1, 3, 'a2'],
    ]);
    const receipts = subscribe<EventData>(ws(a), EVENTS, { conversationId: c1 });
    await listening(stack.redis, `chat:u:${a.user.id}`);
    await gql(url, MarkConversationReadDocument, { conversationId: c1, seq: 2 }, as(b));
    const [receipt] = await receipts.waitFor(1);
    assert.deepEqual([receipt!.data?.messageEvents.kind, receipt!.data?.messageEvents.readSeq, receipt!.data?.messageEvents.reader?.username], ['READ', 2, b.user.username]);
    const back = await gql(url, MarkConversationReadDocument, { conversationId: c1, seq: 1 }, as(b));
    assert.equal(back.data?.markRead.unreadCount, 1, 'the read position never moves back');
    assert.equal((await view()).data!.me?.unreadMessageCount, 2);
    const other = await gql(url, UserUnreadMessagesDocument, { id: b.user.id }, as(a));
    assert.equal(code(other), 'FORBIDDEN', 'nobody else reads my unread count');
    receipts.stop();
  });

  test('group membership rules: owner adds, renames, removes; members leave; ownership passes on', async () => {
    const owner = await register();
    const m1 = await register();
    const m2 = await register();
    const outsider = await register();
    const created = await gql(url, CreateChatGroupDocument, { title: ' Team ', memberIds: [m1.user.id] }, as(owner));
    const g = created.data!.createGroup;
    assert.equal(g.title, 'Team');
    assert.deepEqual(g.members.map((m) => m.id), [owner.user.id, m1.user.id]);
    assert.equal(code(await gql(url, AddGroupMembersDocument, { conversationId: g.id, userIds: [m2.user.id] }, as(m1))), 'FORBIDDEN');
    assert.equal(code(await gql(url, RenameChatGroupDocument, { conversationId: g.id, title: 'Mine' }, as(m1))), 'FORBIDDEN');
    await send(owner, g.id, 'before m2 joined');
    const added = await gql(url, AddGroupMembersDocument, { conversationId: g.id, userIds: [m2.user.id] }, as(owner));
    assert.equal(added.data?.addMembers.members.length, 3);
    const m2view = await gql(url, GroupDetailsDocument, { id: g.id }, as(m2));
    assert.equal(m2view.data?.conversation?.unreadCount, 0, 'history before joining does not count as unread');

    // Non-members can neither read nor subscribe.
    assert.equal(code(await gql(url, MessagesPageDocument, { conversationId: g.id }, as(outsider))), 'NOT_FOUND');
    assert.equal(code(await send(outsider, g.id, 'hi')), 'NOT_FOUND');
    const spy = subscribe<EventData>(ws(outsider), EVENTS, { conversationId: g.id });
    const [denied] = await spy.waitFor(1);
    assert.equal((denied!.errors?.[0] as { extensions?: { code?: string } })?.extensions?.code, 'NOT_FOUND');

    assert.equal(code(await gql(url, RemoveGroupMemberDocument, { conversationId: g.id, userId: owner.user.id }, as(owner))), 'BAD_USER_INPUT');
    await gql(url, RemoveGroupMemberDocument, { conversationId: g.id, userId: m2.user.id }, as(owner));
    assert.equal(code(await send(m2, g.id, 'still here?')), 'NOT_FOUND');
    assert.deepEqual((await gql(url, LeaveChatGroupDocument, { conversationId: g.id }, as(owner))).data, { leaveGroup: true });
    const after = (await gql(url, GroupDetailsDocument, { id: g.id }, as(m1))).data?.conversation;
    assert.deepEqual({ owner: after?.owner, members: after?.members }, { owner: { id: m1.user.id }, members: [{ id: m1.user.id }] });
    const renamed = await gql(url, RenameChatGroupDocument, { conversationId: g.id, title: 'Solo' }, as(m1));
    assert.equal(renamed.data?.renameGroup.title, 'Solo');
  });

  test('a message sent through one chat instance reaches a subscriber on another', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const second = await startChatSubgraph(stack.config, createLogger('chat-2', 'silent'), { port: 0 });
    try {
      const identity = await signInternalIdentity(stack.config.INTERNAL_IDENTITY_SECRET!, { userId: b.user.id, roles: [] }, 'cross-instance');
      const direct2 = createClient({ url: second.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { internalIdentity: identity } });
      clients.push(direct2);
      const sub = subscribe<ChatMessageSenderIdsSubscription>(direct2, print(ChatMessageSenderIdsDocument), { conversationId: c });
      await listening(stack.redis, `chat:u:${b.user.id}`);
      await send(a, c, 'across instances');
      const [got] = await sub.waitFor(1);
      assert.deepEqual(got!.data?.messageEvents.message, { seq: 1, text: 'across instances', sender: { id: a.user.id } });
      sub.stop();
    } finally {
      await second.dispose();
    }
  });

  test("one subgraph socket carries many viewers' subscriptions, each run as the viewer it names; a forged name is refused alone", async () => {
    const a = await register();
    const b = await register();
    const outsider = await register();
    const c = await direct(a, b);
    const secret = stack.config.INTERNAL_IDENTITY_SECRET!;
    const sign = (userId: string | null, key = secret) => signInternalIdentity(key, { userId, roles: [] }, 'shared-socket');
    // What the gateway opens: a socket whose own identity is nobody (gateway/transport/ws.ts).
    const shared = createClient({ url: stack.chat.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { internalIdentity: await sign(null) } });
    clients.push(shared);
    /** A subscription on the shared socket naming `identity` (none: it runs as the socket's nobody): the texts it received, and the error code it ended with. */
    const as = (identity: string | undefined) => {
      const events: string[] = [];
      let stop = () => {};
      const ended = new Promise<string | undefined>((resolve) => {
        stop = shared.subscribe<ChatMessageSenderIdsSubscription>(
          { query: print(ChatMessageSenderIdsDocument), variables: { conversationId: c }, ...(identity ? { extensions: { internalIdentity: identity } } : {}) },
          {
            // An operation refused before it starts ends with `error`; one refused by its resolver, with a result holding errors.
            next: (r) => (r.errors ? resolve(r.errors[0]?.extensions?.code as string) : events.push(r.data?.messageEvents.message?.text ?? '')),
            error: (errors) => resolve((errors as { extensions?: { code?: string } }[])[0]?.extensions?.code),
            complete: () => resolve(undefined),
          },
        );
      });
      return { events, ended, stop };
    };
    const member = as(await sign(b.user.id));
    const stranger = as(await sign(outsider.user.id));
    const forged = as(await sign(b.user.id, 'not-the-secret-not-the-secret-not-the-secret'));
    const nobody = as(undefined);
    assert.equal(await forged.ended, 'UNAUTHENTICATED');
    assert.equal(await nobody.ended, 'UNAUTHENTICATED');
    // The outsider's subscription runs as the outsider, on the same socket as b's: refused, not a member.
    assert.equal(await stranger.ended, 'NOT_FOUND');
    await listening(stack.redis, `chat:u:${b.user.id}`);
    await send(a, c, 'for b only');
    for (const deadline = Date.now() + 30_000; member.events.length === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(member.events, ['for b only']);
    assert.deepEqual([forged, nobody, stranger].map((s) => s.events), [[], [], []]);
    member.stop();
  });

  test('graphql-ws authenticates at connection_init: bad and expired tokens close the socket with 4401', async () => {
    const user = await register();
    const bad = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: 'Bearer nope' } });
    clients.push(bad);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      bad.on('closed', (e) => resolve(e as { code: number; reason: string }));
      bad.subscribe({ query: EVENTS }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    assert.equal(closed.code, 4401);
    assert.match(closed.reason, /Invalid access token/);

    const short = await signAccessToken(stack.config.JWT_ACCESS_SECRET!, { userId: user.user.id, roles: [] }, 1);
    const expiring = wsClient(url, { token: short.token });
    clients.push(expiring);
    const sub = subscribe<EventData>(expiring, EVENTS, {});
    const ended = await Promise.race([sub.ended, new Promise((r) => setTimeout(() => r('still open'), 60_000).unref())]);
    assert.equal((ended as { code?: number }).code, 4401, `expected a 4401 close, got ${JSON.stringify(ended)}`);
  });

  test('signing out closes that session\'s live subscriptions with 4401, and no other session\'s', async () => {
    const a = await register();
    // Each of b's sessions comes from signing in through the API (registering is the first): signing out ends one.
    const b = await signUp(url, `chatter${++n}`);
    const c = await direct(a, b);
    const other = await gql(url, LoginAccountDocument, { username: b.user.username, password: TEST_PASSWORD });
    assert.equal(other.errors, undefined, JSON.stringify(other.errors));
    await send(a, c, 'before sign-out');
    // afterSeq 0: each receives message 1 from the store, however late it starts listening.
    const leaving = subscribe<EventData>(ws(b), EVENTS, { conversationId: c, afterSeq: 0 });
    const staying = subscribe<EventData>(ws({ ...other.data!.login, accessToken: other.data!.login.accessToken! }), EVENTS, { conversationId: c, afterSeq: 0 });
    await leaving.waitFor(1);
    await staying.waitFor(1);

    assert.deepEqual((await gql(url, LogoutDocument, {}, as(b))).data, { logout: true });
    const ended = await Promise.race([leaving.ended, new Promise((r) => setTimeout(() => r('still open'), 60_000).unref())]);
    assert.equal((ended as { code?: number }).code, 4401, `expected a 4401 close, got ${JSON.stringify(ended)}`);
    await send(a, c, 'after sign-out');
    const [, after] = await waitForMatching(staying, isMessage, 2);
    assert.equal(after!.data?.messageEvents.message?.text, 'after sign-out');
    assert.equal(leaving.results.filter(isMessage).length, 1, 'the signed-out socket received no message more');
    staying.stop();
  });

  test('an event is resolved per subscriber: viewer-independent fields are fetched once for all, the rest per viewer', async () => {
    const owner = await register('Group Owner');
    const fan = await register();
    const others = await Promise.all(Array.from({ length: 8 }, () => register()));
    assert.deepEqual((await gql(url, FollowUserDocument, { userId: owner.user.id }, as(fan))).errors, undefined);
    const created = await gql(url, CreateChatGroupDocument, { title: 'Shared', memberIds: [fan, ...others].map((u) => u.user.id) }, as(owner));
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const c = created.data!.createGroup.id;
    // followedByMe depends on the viewer: the fan follows the owner, the others do not.
    const personal = print(ChatMessageFollowedSendersDocument);
    const fanSub = subscribe<ChatMessageFollowedSendersSubscription>(ws(fan), personal, { conversationId: c });
    const otherSub = subscribe<ChatMessageFollowedSendersSubscription>(ws(others[0]!), personal, { conversationId: c });
    // displayName alone is the same for everyone.
    const plain = print(ChatMessageSenderNamesDocument);
    const plainSubs = others.slice(1).map((o) => subscribe<ChatMessageSenderNamesSubscription>(ws(o), plain, { conversationId: c }));
    for (const u of [fan, ...others]) await listening(stack.redis, `chat:u:${u.user.id}`);

    const stats = stack.gateway.fetcherStats;
    const events = stack.gateway.sharedEvents;
    let shared = false;
    for (let i = 1; i <= 5 && !shared; i++) {
      const before = stats.merged + events.reused;
      assert.equal((await send(owner, c, `hello ${i}`)).errors, undefined);
      const [fanGot] = (await fanSub.waitFor(i)).slice(-1);
      const [otherGot] = (await otherSub.waitFor(i)).slice(-1);
      assert.deepEqual(fanGot!.data?.messageEvents.message, { text: `hello ${i}`, sender: { displayName: 'Group Owner', followedByMe: true } });
      assert.deepEqual(otherGot!.data?.messageEvents.message, { text: `hello ${i}`, sender: { displayName: 'Group Owner', followedByMe: false } });
      for (const sub of plainSubs) {
        const [got] = (await sub.waitFor(i)).slice(-1);
        assert.deepEqual(got!.data?.messageEvents.message, { text: `hello ${i}`, sender: { displayName: 'Group Owner' } });
      }
      // The seven displayName-only subscribers can share one resolution of the event (gateway/sharedEvents.ts), or one user-subgraph request.
      shared = stats.merged + events.reused > before;
    }
    assert.ok(shared, 'identical viewer-independent entity fetches of one event were shared across subscribers');
    for (const sub of [fanSub, otherSub, ...plainSubs]) sub.stop();
  });

  test("the chat subgraph executes a group event once for its members, and the sender's own clientMessageId stays the sender's", async () => {
    const members = [await register('Ann Group'), await register(), await register()];
    const [ann, ...rest] = members as [Auth, Auth, Auth];
    const created = await gql(url, CreateChatGroupDocument, { title: 'One execution', memberIds: rest.map((u) => u.user.id) }, as(ann));
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const c = created.data!.createGroup.id;
    // Every field of EVENTS is the same for each member (executed once for all); clientMessageId is the sender's alone (executed once for the sender, once for the others).
    // With afterSeq 0 a subscription misses nothing sent before it is live (replayed from the store): the warm-up reaches all six.
    const plain = members.map((u) => subscribe<EventData>(ws(u), EVENTS, { conversationId: c, afterSeq: 0 }));
    type Own = { messageEvents: { message: { seq: number; clientMessageId: string | null } | null } };
    const OWN = 'subscription Own($conversationId: ID, $afterSeq: Int) { messageEvents(conversationId: $conversationId, afterSeq: $afterSeq) { message { seq clientMessageId } } }';
    const own = members.map((u) => subscribe<Own>(ws(u), OWN, { conversationId: c, afterSeq: 0 }));
    for (const u of members) await listening(stack.redis, `chat:u:${u.user.id}`);
    assert.equal((await send(ann, c, 'warm-up')).errors, undefined);
    for (const s of [...plain, ...own]) await s.waitFor(1);
    // From here every subscription is live: each event reaches them as the one object the bus parsed.
    const sharedSoFar = async () => valueOf(parseMetrics(await (await fetch(stack.chat.metricsUrl!)).text()), 'vidhub_subscription_events_total', { execution: 'shared' });
    const sharedBefore = await sharedSoFar();

    for (const [i, sender] of [ann, rest[0], ann].entries()) {
      const seq = i + 2;
      assert.equal((await send(sender, c, `round ${i + 1}`, `key-${i + 1}`)).errors, undefined);
      const got = await Promise.all(plain.map(async (s) => (await s.waitFor(seq)).at(-1)!.data?.messageEvents));
      assert.equal(got[0]?.message?.text, `round ${i + 1}`);
      assert.equal(got[0]?.message?.sender.id, sender.user.id);
      for (const g of got) assert.deepEqual(g, got[0], 'every member got the same event');
      const ids = await Promise.all(own.map(async (s) => (await s.waitFor(seq)).at(-1)!.data?.messageEvents.message));
      assert.deepEqual(
        ids,
        members.map((m) => ({ seq, clientMessageId: m === sender ? `key-${i + 1}` : null })),
        'only the sender sees its clientMessageId',
      );
    }
    // Per message: 2 of the 3 plain subscriptions, and 1 of the 2 non-senders' clientMessageId ones, are answered with another's
    // execution (9 in all); at least 7 (the plain ones alone make 6), in case another event splits one message's copies on the bus (lib/redis/fanout.ts).
    const shared = (await sharedSoFar()) - sharedBefore;
    assert.ok(shared >= 7 && shared <= 9, `the chat subgraph shared its executions of each event (${shared} shared)`);
    for (const s of [...plain, ...own]) s.stop();
  });

  test('a subgraph restart ends the subscription with UPSTREAM_UNAVAILABLE; resubscribing resumes', async () => {
    const a = await register();
    const b = await register();
    const c = await direct(a, b);
    const sub = subscribe<EventData>(ws(b), EVENTS, { conversationId: c });
    await listening(stack.redis, `chat:u:${b.user.id}`);
    await send(a, c, 'before restart');
    await sub.waitFor(1);
    await stack.restart('chat');
    await sub.ended;
    const last = sub.results.at(-1)!;
    assert.equal((last.errors?.[0] as { extensions?: { code?: string } })?.extensions?.code, 'UPSTREAM_UNAVAILABLE');
    await send(a, c, 'after restart');
    const again = subscribe<EventData>(ws(b), EVENTS, { conversationId: c, afterSeq: 1 });
    const [resumed] = await again.waitFor(1);
    assert.equal(resumed!.data?.messageEvents.message?.text, 'after restart');
    again.stop();
  });

  test('notifications: follows become notifications, live and in the inbox, idempotently', async () => {
    const star = await register();
    const fan = await register('Fan F.');
    const live = subscribe<NotificationFeedSubscription>(ws(star), print(NotificationFeedDocument));
    await listening(stack.redis, `chat:u:${star.user.id}`);
    await gql(url, FollowUserDocument, { userId: star.user.id }, as(fan));
    const [got] = await live.waitFor(1);
    const { id: notificationId, ...notification } = got!.data!.notificationAdded;
    assert.deepEqual(notification, { kind: 'FOLLOW', actor: { id: fan.user.id, displayName: 'Fan F.' }, video: null, comment: null });
    const inbox = await gql(url, InboxSummaryDocument, {}, as(star));
    assert.equal(inbox.data?.me?.unreadNotificationCount, 1);
    assert.deepEqual(inbox.data?.notifications.edges.map((e) => [e.node.id, e.node.kind]), [[notificationId, 'FOLLOW']], 'the live notification is the stored one');
    // Redelivery of the same event (a consumer crash before its ack) adds nothing.
    const [entry] = (await stack.redis.xrange(STREAMS.user, '-', '+')).filter(([, f]) => f.includes('user.followed') && f.join().includes(star.user.id));
    const event = JSON.parse(entry![1][entry![1].indexOf('event') + 1]!) as { id: string; type: string; subjectId: string; payload: Record<string, unknown> };
    assert.deepEqual(await stack.chat.stores.notifications.addNotifications(event.id, [{ recipientId: star.user.id, kind: event.type, actorId: fan.user.id, subjectId: star.user.id, payload: {} }]), []);
    assert.deepEqual((await gql(url, ReadAllNotificationsDocument, {}, as(star))).data, { markNotificationsRead: 1 });
    const after = await gql(url, InboxSummaryDocument, {}, as(star));
    assert.equal(after.data?.me?.unreadNotificationCount, 0);
    live.stop();
  });
});

describe('chat send limit', () => {
  let stack: Stack;
  let url: string;
  const LIMIT = 5;

  const send = (a: Auth, c: string, t: string, k?: string) => sendAs(url, a, c, t, k);

  before(async () => {
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: String(LIMIT) });
    url = stack.gateway.url;
  });
  after(() => stack?.dispose());

  test('retries of stored messages are answered at the send limit and never count against it, even racing the first send', async () => {
    const a = await createSignedInUser(stack, 'limited_sender');
    const b = await createSignedInUser(stack, 'limited_reader');
    const started = await gql(url, StartConversationDocument, { userId: b.user.id }, { token: a.accessToken });
    const c = started.data!.startConversation.id;

    const first = await send(a, c, 'one', 'k1');
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.equal((await send(a, c, 'two', 'k2')).errors, undefined);
    // A retry racing the first send (the client timed out and sent again): one message, one unit of quota.
    const copies = await Promise.all(Array.from({ length: 3 }, () => send(a, c, 'three', 'k3')));
    for (const r of copies) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(new Set(copies.map((r) => r.data!.sendMessage.id)).size, 1);
    assert.equal((await send(a, c, 'four', 'k4')).errors, undefined, 'the copies of k3 counted once');
    assert.equal((await send(a, c, 'five', 'k5')).errors, undefined);

    const over = await send(a, c, 'six', 'k6');
    assert.equal(code(over), 'RATE_LIMITED', 'a new message past the limit is refused');
    const retried = await Promise.all([send(a, c, 'one', 'k1'), send(a, c, 'three', 'k3')]);
    for (const r of retried) assert.equal(r.errors, undefined, `a retry of a stored message is never refused: ${JSON.stringify(r.errors)}`);
    assert.equal(retried[0].data!.sendMessage.id, first.data!.sendMessage.id);
    assert.equal(retried[1].data!.sendMessage.id, copies[0]!.data!.sendMessage.id);

    const stored = await gql(url, MessagesPageDocument, { conversationId: c }, { token: b.accessToken });
    assert.deepEqual(stored.data?.messages.map((m) => m.text), ['one', 'two', 'three', 'four', 'five']);
  });
});
