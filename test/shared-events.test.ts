/**
 * One resolution of a chat event for all its subscribers (gateway/sharedEvents.ts),
 * end to end: subscribers of a viewer-independent selection are answered with
 * one result, and sharing never widens what a subscriber receives: only events
 * of conversations it is a member of, nothing after it left, nothing a blocked
 * sender could not send, no per-viewer field of another viewer, and a changed
 * display name as soon as the entity cache would show it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gql, listening, startStack, subscribe, wsClient, type Stack } from '../testing/harness.js';

interface Auth {
  id: string;
  token: string;
}
interface Event {
  messageEvents: { kind: string; conversationId: string; message: { text: string | null; sender: { displayName: string; followedByMe?: boolean } } | null };
}
const PLAIN = `subscription { messageEvents { kind conversationId message { text sender { displayName } } } }`;
const PERSONAL = `subscription { messageEvents { kind conversationId message { text sender { displayName followedByMe } } } }`;

describe('chat events resolved once for all subscribers', () => {
  let stack: Stack;
  let url: string;
  let n = 0;
  const clients: { dispose(): void | Promise<void> }[] = [];

  async function call<T>(query: string, variables: Record<string, unknown>, as?: Auth): Promise<T> {
    const res = await gql<T, Record<string, unknown>>(url, query, variables, as ? { token: as.token } : {});
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!;
  }
  async function register(displayName: string): Promise<Auth> {
    const data = await call<{ register: { user: { id: string }; accessToken: string } }>(
      `mutation($u: String!, $d: String) { register(username: $u, password: "pass-word-99", displayName: $d) { user { id } accessToken } }`,
      { u: `sharer${++n}`, d: displayName },
    );
    return { id: data.register.user.id, token: data.register.accessToken };
  }
  const send = (as: Auth, c: string, t: string) => gql(url, `mutation($c: ID!, $t: String!) { sendMessage(conversationId: $c, text: $t) { seq } }`, { c, t }, { token: as.token });
  async function direct(a: Auth, b: Auth): Promise<string> {
    return (await call<{ startConversation: { id: string } }>(`mutation($u: ID!) { startConversation(userId: $u) { id } }`, { u: b.id }, a)).startConversation.id;
  }
  function live(as: Auth, query: string) {
    const client = wsClient(url, { token: as.token });
    clients.push(client);
    return subscribe<Event>(client, query);
  }
  /** Every message event the subscription received, in order, as text. */
  const texts = (sub: { results: { data?: Event | null }[] }) => sub.results.map((r) => r.data?.messageEvents).filter((e) => e?.kind === 'MESSAGE').map((e) => e!.message!.text);
  /** Waits until the subscription has received a message with this text, and answers everything received so far. */
  async function until(sub: ReturnType<typeof live>, text: string) {
    while (!texts(sub).includes(text)) await sub.waitFor(sub.results.length + 1);
    return sub.results.map((r) => r.data!.messageEvents);
  }

  // Each test's owner sends a few dozen messages: above the default send limit.
  before(async () => {
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000' });
    url = stack.gateway.url;
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack?.dispose();
  });

  test('members share one resolution; outsiders, leavers and per-viewer fields stay apart', async () => {
    const owner = await register('Owner One');
    const fan = await register('Fan');
    const members = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((m) => register(`Member ${m}`)));
    const outsider = await register('Outsider');
    await call(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: owner.id }, fan);
    const group = (await call<{ createGroup: { id: string } }>(`mutation($m: [ID!]!) { createGroup(title: "Shared", memberIds: $m) { id } }`, { m: [fan, ...members].map((u) => u.id) }, owner)).createGroup.id;

    const fanSub = live(fan, PERSONAL);
    const otherSub = live(members[0]!, PERSONAL);
    const plainSubs = members.slice(1).map((m) => live(m, PLAIN));
    const outsiderSub = live(outsider, PLAIN);
    for (const u of [fan, ...members, outsider]) await listening(stack.redis, `chat:u:${u.id}`);

    // Sharing is a matter of timing (a result is reused once resolved): a few messages make it certain to show.
    const reusedBefore = stack.gateway.sharedEvents.reused;
    for (let i = 1; i <= 5 && stack.gateway.sharedEvents.reused === reusedBefore; i++) {
      assert.equal((await send(owner, group, `hello ${i}`)).errors, undefined);
      const fanSeen = (await until(fanSub, `hello ${i}`)).at(-1)!;
      const otherSeen = (await until(otherSub, `hello ${i}`)).at(-1)!;
      // followedByMe depends on the viewer: the fan follows the owner, the others do not.
      assert.deepEqual(fanSeen.message, { text: `hello ${i}`, sender: { displayName: 'Owner One', followedByMe: true } });
      assert.deepEqual(otherSeen.message, { text: `hello ${i}`, sender: { displayName: 'Owner One', followedByMe: false } });
      for (const sub of plainSubs) assert.deepEqual((await until(sub, `hello ${i}`)).at(-1)!.message, { text: `hello ${i}`, sender: { displayName: 'Owner One' } });
    }
    assert.ok(stack.gateway.sharedEvents.reused > reusedBefore, 'an event was answered with the result resolved for another subscriber');

    // The outsider saw nothing of the group: its first event is the one meant for it.
    const toOutsider = await direct(owner, outsider);
    assert.equal((await send(owner, toOutsider, 'just for you')).errors, undefined);
    const outsiderSeen = await until(outsiderSub, 'just for you');
    assert.deepEqual(outsiderSeen.map((e) => e.conversationId), outsiderSeen.map(() => toOutsider));

    // A member who leaves gets nothing more of the group; the others go on.
    const leaver = members[4]!;
    const leaverSub = plainSubs[3]!;
    assert.equal((await call<{ leaveGroup: boolean }>(`mutation($c: ID!) { leaveGroup(conversationId: $c) }`, { c: group }, leaver)).leaveGroup, true);
    assert.equal((await send(owner, group, 'after leaving')).errors, undefined);
    for (const sub of plainSubs.slice(0, 3)) await until(sub, 'after leaving');
    const toLeaver = await direct(owner, leaver);
    assert.equal((await send(owner, toLeaver, 'direct to the leaver')).errors, undefined);
    await until(leaverSub, 'direct to the leaver');
    assert.ok(!texts(leaverSub).includes('after leaving'), 'a member who left received a later group message');

    // A blocked sender's message is refused, so it reaches no one.
    await call(`mutation($u: ID!) { blockUser(userId: $u) }`, { u: owner.id }, leaver);
    assert.equal((await send(owner, toLeaver, 'while blocked')).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await send(owner, group, 'to the group again')).errors, undefined);
    for (const sub of plainSubs.slice(0, 3)) await until(sub, 'to the group again');
    const toOutsiderAgain = 'the outsider, once more';
    assert.equal((await send(owner, toOutsider, toOutsiderAgain)).errors, undefined);
    await until(outsiderSub, toOutsiderAgain);
    assert.ok(!texts(leaverSub).includes('while blocked') && !texts(leaverSub).includes('to the group again'));
    assert.ok(!texts(outsiderSub).some((t) => t?.startsWith('hello') || t === 'after leaving' || t === 'to the group again'));
  });

  test('a changed display name reaches every subscriber once the gateway hears of the change, and never goes back', async () => {
    const owner = await register('Before Rename');
    const members = await Promise.all(['F', 'G', 'H', 'I'].map((m) => register(`Member ${m}`)));
    const group = (await call<{ createGroup: { id: string } }>(`mutation($m: [ID!]!) { createGroup(title: "Rename", memberIds: $m) { id } }`, { m: members.map((u) => u.id) }, owner)).createGroup.id;
    const subs = members.map((m) => live(m, PLAIN));
    for (const u of members) await listening(stack.redis, `chat:u:${u.id}`);
    assert.equal((await send(owner, group, 'first')).errors, undefined);
    for (const sub of subs) assert.equal((await until(sub, 'first')).at(-1)!.message!.sender.displayName, 'Before Rename');

    await call(`mutation { updateProfile(input: { displayName: "After Rename" }) { id } }`, {}, owner);
    let renamedAt = 0;
    for (let i = 1; i <= 50 && !renamedAt; i++) {
      assert.equal((await send(owner, group, `next ${i}`)).errors, undefined);
      const names = await Promise.all(subs.map(async (sub) => (await until(sub, `next ${i}`)).at(-1)!.message!.sender.displayName));
      if (names.includes('After Rename')) renamedAt = i;
    }
    assert.ok(renamedAt > 0, 'the new display name never arrived');
    // From the next message on, every subscriber sees the new name, whoever resolved the event.
    for (let i = renamedAt + 1; i <= renamedAt + 3; i++) {
      assert.equal((await send(owner, group, `next ${i}`)).errors, undefined);
      for (const sub of subs) assert.equal((await until(sub, `next ${i}`)).at(-1)!.message!.sender.displayName, 'After Rename');
    }
  });
});
