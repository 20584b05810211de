/**
 * Resuming subscriptions through the gateway: graphql-ws has no "subscribed"
 * acknowledgement, so a client cannot know when its subscription starts
 * listening. Each subscription takes a cursor instead and replays what was
 * stored after it, then continues live: events sent before subscribing (after
 * the cursor) and while subscribing arrive exactly once, in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { print } from 'graphql';
import { createSignedInUser, storedVideo, type SignedInUser as Auth } from '../testing/fixtures.js';
import { gql, listening, startStack, subscribe, waitForMatching, wsClient, type Stack } from '../testing/harness.js';
import {
  ChatMessageEventsDocument,
  FollowUserDocument,
  InboxSummaryDocument,
  LiveDanmakuDocument,
  MarkConversationReadDocument,
  NotificationFeedDocument,
  StartConversationDocument,
  SendDanmakuDocument,
  RecallChatMessageDocument,
  SendMessageDocument,
  UnfollowUserDocument,
  VideoDanmakuCursorDocument,
  type ChatMessageEventsSubscription,
  type LiveDanmakuSubscription,
  type NotificationFeedSubscription,
} from '../testing/__generated__/operations.js';
type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const NIL = '00000000-0000-0000-0000-000000000000';
/** A subscription refused before it starts: its errors, whether the bridge sends them as a result or as an error. */
async function refusal(sub: { ended: Promise<unknown>; results: { errors?: readonly unknown[] }[] }): Promise<Errors> {
  const ended = await sub.ended;
  return (ended ?? sub.results[0]?.errors) as Errors;
}

describe('resuming subscriptions', () => {
  let stack: Stack;
  let url: string;
  let n = 0;
  const clients: { dispose(): void | Promise<void> }[] = [];

  const register = () => createSignedInUser(stack, `resumer${++n}`);
  const as = (a: Auth) => ({ token: a.accessToken });
  const ws = (a?: Auth) => {
    const c = wsClient(url, a ? { token: a.accessToken } : {});
    clients.push(c);
    return c;
  };
  async function ok<T>(p: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
    const res = await p;
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!;
  }

  before(async () => {
    stack = await startStack({ DANMAKU_PER_10_SECONDS: '100000', CHAT_SEND_LIMIT_PER_MINUTE: '100000' });
    url = stack.gateway.url;
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    await stack?.dispose();
  });

  describe('danmakuAdded(afterId)', () => {
    const DANMAKU = print(LiveDanmakuDocument);
    type Got = LiveDanmakuSubscription;
    let viewer: Auth;
    let videoId: string;
    // Video time is not sending order: the cursor must not depend on it.
    const timeOf = (i: number) => (i * 7919) % 60_000;
    const sendDanmaku = async (text: string, i: number) =>
      (await ok(gql(url, SendDanmakuDocument, { videoId, text, timeMs: timeOf(i) }, as(viewer)))).sendDanmaku.id;
    const readVideo = async () => {
      const { video } = await ok(gql(url, VideoDanmakuCursorDocument, { id: videoId }));
      assert.ok(video, 'the video exists');
      return { video };
    };

    before(async () => {
      viewer = await register();
      videoId = await storedVideo(stack, { uploaderId: viewer.user.id, title: 'Resume danmaku', folder: 'resume' });
    });

    test('what was sent after the read, before and while subscribing, arrives once, in sending order, then live ones', async () => {
      const empty = await readVideo();
      assert.deepEqual(empty.video, { lastDanmakuId: NIL, danmakus: [] }, 'no danmaku yet: the nil id');
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await sendDanmaku(`seen ${i}`, i));
      const read = await readVideo();
      assert.equal(read.video.lastDanmakuId, seen.at(-1), 'the newest danmaku by sending order, whatever its video time');
      assert.deepEqual(new Set(read.video.danmakus.map((d) => d.id)), new Set(seen));

      // Sent after the read, before subscribing: a subscription without a cursor never sees these.
      const expected: string[] = [];
      for (let i = 0; i < 4; i++) {
        await sendDanmaku(`missed ${i}`, 10 + i);
        expected.push(`missed ${i}`);
      }
      // Sent while the subscription is being set up.
      const during = (async () => {
        for (let i = 0; i < 20; i++) {
          await sendDanmaku(`during ${i}`, 20 + i);
          expected.push(`during ${i}`);
        }
      })();
      const sub = subscribe<Got>(ws(), DANMAKU, { videoId, afterId: read.video.lastDanmakuId });
      await during;
      await listening(stack.redis, `danmaku:${videoId}`);
      await sendDanmaku('live', 50);
      expected.push('live');
      const got = await sub.waitFor(expected.length, 60_000);
      assert.deepEqual(
        got.map((r) => r.data?.danmakuAdded.text),
        expected,
        'each danmaku once, in sending order, across the seam',
      );
      assert.deepEqual(got.at(2)?.data?.danmakuAdded.timeMs, timeOf(12));

      // Dropped: resume from the last one received.
      sub.stop();
      const last = got.at(-1)!.data!.danmakuAdded.id;
      for (let i = 0; i < 2; i++) await sendDanmaku(`while away ${i}`, 60 + i);
      const again = subscribe<Got>(ws(), DANMAKU, { videoId, afterId: last });
      await listening(stack.redis, `danmaku:${videoId}`);
      await sendDanmaku('back', 70);
      const resumed = await again.waitFor(3);
      assert.deepEqual(
        resumed.map((r) => r.data?.danmakuAdded.text),
        ['while away 0', 'while away 1', 'back'],
      );
      again.stop();
      const everything = await readVideo();
      assert.equal(everything.video.danmakus.length, 3 + expected.length + 3, 'nothing else was stored');
    });

    test('a cursor that is not an id is refused with BAD_USER_INPUT', async () => {
      const bad = await refusal(subscribe(ws(), DANMAKU, { videoId, afterId: 'yesterday' }));
      assert.equal(bad?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(bad?.[0]?.extensions?.field, 'afterId');
      const missing = await refusal(subscribe(ws(), DANMAKU, { videoId: 'no-such-video', afterId: NIL }));
      assert.equal(missing?.[0]?.extensions?.code, 'NOT_FOUND');
    });

    test('a cursor more than 5000 danmaku behind is refused rather than replayed with a gap', async () => {
      const busy = { id: await storedVideo(stack, { uploaderId: viewer.user.id, title: 'Busy danmaku', folder: 'resume' }) };
      for (let i = 0; i < 5001; i++) await stack.video.stores.danmaku.addDanmaku({ videoId: busy.id, userId: viewer.user.id, text: `d${i}`, timeMs: i, color: '#FFFFFF', mode: 'SCROLL' });
      const tooFar = await refusal(subscribe(ws(), DANMAKU, { videoId: busy.id, afterId: NIL }));
      assert.equal(tooFar?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(tooFar?.[0]?.extensions?.field, 'afterId');
      // 5000 behind is replayed whole.
      const first = (await stack.video.stores.danmaku.listDanmakuAfter({ videoId: busy.id, afterId: NIL, limit: 1 }))[0]!;
      const { video } = await ok(gql(url, VideoDanmakuCursorDocument, { id: busy.id }));
      const whole = subscribe<Got>(ws(), DANMAKU, { videoId: busy.id, afterId: first.id });
      const got = await whole.waitFor(5000, 120_000);
      assert.equal(got[0]?.data?.danmakuAdded.text, 'd1');
      assert.equal(got.at(-1)?.data?.danmakuAdded.id, video?.lastDanmakuId);
      whole.stop();
    });
  });

  describe('notificationAdded(afterId)', () => {
    const NOTIFICATIONS = print(NotificationFeedDocument);
    type Got = NotificationFeedSubscription;
    const inbox = async (a: Auth) => (await ok(gql(url, InboxSummaryDocument, { first: 100 }, as(a)))).notifications.edges.map((e) => e.node.id);
    /** Notifications are made asynchronously from the user subgraph's events: waits until the inbox holds `count`. */
    async function inboxHolds(a: Auth, count: number): Promise<string[]> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const ids = await inbox(a);
        if (ids.length >= count) return ids;
        assert.ok(Date.now() < deadline, `the inbox holds ${ids.length} of ${count} notifications`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    /** Each follow after an unfollow is a new event, so a new FOLLOW notification. */
    async function followCycle(fan: Auth, star: Auth) {
      await ok(gql(url, FollowUserDocument, { userId: star.user.id }, as(fan)));
      await ok(gql(url, UnfollowUserDocument, { userId: star.user.id }, as(fan)));
    }

    test('what was created after the cursor, before and while subscribing, arrives once, oldest first, then live ones', async () => {
      const star = await register();
      const early = await register();
      const busy = await register();
      assert.deepEqual(await inbox(star), [], 'an empty inbox: the cursor is the nil id');

      for (let i = 0; i < 3; i++) await followCycle(early, star);
      await inboxHolds(star, 3);
      const during = (async () => {
        for (let i = 0; i < 10; i++) await followCycle(busy, star);
      })();
      const sub = subscribe<Got>(ws(star), NOTIFICATIONS, { afterId: NIL });
      await during;
      const stored = (await inboxHolds(star, 13)).reverse();
      await listening(stack.redis, `chat:u:${star.user.id}`);
      await followCycle(early, star);
      const all = (await inboxHolds(star, 14)).reverse();
      const got = await sub.waitFor(14, 60_000);
      assert.deepEqual(
        got.map((r) => r.data?.notificationAdded.id),
        all,
        'every notification once, oldest first, across the seam',
      );
      assert.deepEqual(all.slice(0, 13), stored);
      assert.deepEqual(
        got.map((r) => r.data?.notificationAdded.actor?.id),
        [...Array(3).fill(early.user.id), ...Array(10).fill(busy.user.id), early.user.id],
      );

      // Dropped: resume from the newest one received.
      sub.stop();
      for (let i = 0; i < 2; i++) await followCycle(busy, star);
      const missed = (await inboxHolds(star, 16)).slice(0, 2).reverse();
      const again = subscribe<Got>(ws(star), NOTIFICATIONS, { afterId: got.at(-1)!.data!.notificationAdded.id });
      assert.deepEqual(
        (await again.waitFor(2)).map((r) => r.data?.notificationAdded.id),
        missed,
      );
      await listening(stack.redis, `chat:u:${star.user.id}`);
      await followCycle(early, star);
      const [newest] = await inboxHolds(star, 17);
      assert.deepEqual((await again.waitFor(3)).map((r) => r.data?.notificationAdded.id), [...missed, newest]);
      again.stop();
    });

    test('a cursor that is not an id is refused with BAD_USER_INPUT', async () => {
      const star = await register();
      const bad = await refusal(subscribe(ws(star), NOTIFICATIONS, { afterId: 'latest' }));
      assert.equal(bad?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(bad?.[0]?.extensions?.field, 'afterId');
    });
  });

  describe('messageEvents(afterSeq): recalls and read receipts', () => {
    const EVENTS = print(ChatMessageEventsDocument);
    type Got = ChatMessageEventsSubscription;
    const short = (r: { data?: Got | null }) => {
      const e = r.data!.messageEvents;
      return e.kind === 'READ' ? `READ ${e.reader!.id} ${e.readSeq}` : `${e.kind} ${e.message!.seq}${e.message!.recalled ? ' recalled' : ''}`;
    };

    test('a resumed subscription replays the recalls and read positions it missed, then only what moves', async () => {
      const a = await register();
      const b = await register();
      const c = (await ok(gql(url, StartConversationDocument, { userId: b.user.id }, as(a)))).startConversation.id;
      const send = async (text: string) =>
        (await ok(gql(url, SendMessageDocument, { conversationId: c, text }, as(a)))).sendMessage;
      const markRead = (who: Auth, seq: number) => ok(gql(url, MarkConversationReadDocument, { conversationId: c, seq }, as(who)));

      const sent = [];
      for (let i = 1; i <= 3; i++) sent.push(await send(`m${i}`));
      await markRead(b, 1);
      // Bob's client holds messages 1-3 and goes away. Meanwhile m2 is recalled, and
      // he reads everything on another device: live-only events he would never see.
      await ok(gql(url, RecallChatMessageDocument, { messageId: sent[1]!.id }, as(a)));
      await markRead(b, 3);

      const sub = subscribe<Got>(ws(b), EVENTS, { conversationId: c, afterSeq: 3 });
      const replay = (await sub.waitFor(3)).map(short);
      assert.equal(replay[0], 'RECALL 2 recalled', 'the recall of a message the client holds');
      assert.deepEqual(replay.slice(1).sort(), [`READ ${a.user.id} 3`, `READ ${b.user.id} 3`].sort(), 'every member’s read position');

      await listening(stack.redis, `chat:u:${b.user.id}`);
      await send('m4');
      await markRead(b, 4);
      await markRead(b, 4); // does not move: no event
      await markRead(a, 2); // does not move: no event
      await send('m5');
      await waitForMatching(sub, (r) => r.data?.messageEvents.message?.seq === 5, 1);
      const live = sub.results.slice(3).map(short);
      assert.deepEqual(live, ['MESSAGE 4', `READ ${b.user.id} 4`, 'MESSAGE 5']);
      sub.stop();
    });

    test('the recall of a message sent before the cursor\'s and still in the recall window is replayed', async () => {
      const a = await register();
      const b = await register();
      const c = (await ok(gql(url, StartConversationDocument, { userId: b.user.id }, as(a)))).startConversation.id;
      const ids = [];
      for (let i = 1; i <= 4; i++) ids.push((await ok(gql(url, SendMessageDocument, { conversationId: c, text: `r${i}` }, as(a)))).sendMessage.id);
      for (const messageId of [ids[0]!, ids[3]!]) await ok(gql(url, RecallChatMessageDocument, { messageId }, as(a)));
      const resumed = subscribe<Got>(ws(b), EVENTS, { conversationId: c, afterSeq: 2 });
      const events = (await resumed.waitFor(4)).map(short);
      // Message 4 is after the cursor: replayed as recalled. Message 1 is before it: its recall is replayed.
      assert.deepEqual(events.slice(0, 3), ['MESSAGE 3', 'MESSAGE 4 recalled', 'RECALL 1 recalled']);
      assert.deepEqual(events.slice(3), [`READ ${a.user.id} 4`]);
      resumed.stop();
    });
  });
});
