/**
 * The danmaku port's contract (store/danmaku.ts), on every adapter: time-range
 * reads, and ids that grow in sending order (a resumable cursor).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeContract, video } from './contract.js';

describeContract('danmaku', (cx) => {
  test('danmaku: a time range [fromMs, toMs), by time then creation', async () => {
    const [owner, viewer] = cx.users('host', 'viewer') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'danmaku'));
    const w = await cx.videos.createVideo(video(owner, 'elsewhere'));
    const add = (videoId: string, timeMs: number, text: string) => cx.danmaku.addDanmaku({ videoId, userId: viewer, text, timeMs, color: '#ffffff', mode: 'SCROLL' });
    const d1 = await add(v.id, 1000, 'd1');
    await add(v.id, 100, 'd2');
    await add(v.id, 100, 'd3');
    await add(v.id, 999, 'd4');
    await add(v.id, 0, 'd5');
    await add(v.id, 2000, 'd6');
    await add(w.id, 500, 'other video');
    const top = await cx.danmaku.addDanmaku({ videoId: v.id, userId: viewer, text: 'top', timeMs: 1500, color: '#ff0000', mode: 'TOP' });

    assert.equal(d1.videoId, v.id);
    assert.equal(d1.userId, viewer);
    assert.equal(d1.timeMs, 1000);
    assert.equal(d1.color, '#ffffff');
    assert.equal(d1.mode, 'SCROLL');
    assert.ok(d1.createdAt instanceof Date);

    const texts = async (fromMs: number, toMs: number, limit = 100) => (await cx.danmaku.listDanmaku({ videoId: v.id, fromMs, toMs, limit })).map((d) => d.text);
    assert.deepEqual(await texts(100, 1000), ['d2', 'd3', 'd4']);
    assert.deepEqual(await texts(0, 10_000), ['d5', 'd2', 'd3', 'd4', 'd1', 'top', 'd6']);
    assert.deepEqual(await texts(0, 10_000, 3), ['d5', 'd2', 'd3']);
    assert.deepEqual(await texts(1000, 1000), []);
    assert.deepEqual(await texts(2001, 5000), []);
    const [listedTop] = await cx.danmaku.listDanmaku({ videoId: v.id, fromMs: 1500, toMs: 1501, limit: 10 });
    assert.deepEqual(listedTop, top);
  });

  test('danmaku in sending order after an id, and the last id of each video', async () => {
    const [owner, viewer] = cx.users('host', 'viewer') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'resume'));
    const w = await cx.videos.createVideo(video(owner, 'resume elsewhere'));
    const empty = await cx.videos.createVideo(video(owner, 'no danmaku'));
    const add = (videoId: string, timeMs: number, text: string) => cx.danmaku.addDanmaku({ videoId, userId: viewer, text, timeMs, color: '#FFFFFF', mode: 'SCROLL' });
    // Sent at times out of video order: sending order is not time order.
    const sent = [];
    for (const [i, timeMs] of [5000, 100, 3000, 100, 0].entries()) {
      sent.push(await add(v.id, timeMs, `s${i}`));
      await add(w.id, timeMs, `w${i}`);
    }
    const NIL = '00000000-0000-0000-0000-000000000000';
    const after = async (afterId: string, limit = 100) => (await cx.danmaku.listDanmakuAfter({ videoId: v.id, afterId, limit })).map((d) => d.text);
    assert.deepEqual(await after(NIL), ['s0', 's1', 's2', 's3', 's4']);
    assert.deepEqual(await after(sent[1]!.id, 2), ['s2', 's3']);
    assert.deepEqual(await after(sent[4]!.id), []);
    const last = await cx.danmaku.lastDanmakuIds([v.id, empty.id, 'missing']);
    assert.deepEqual(last, new Map([[v.id, sent[4]!.id]]));
    assert.deepEqual(await cx.danmaku.lastDanmakuIds([]), new Map());
  });
});
