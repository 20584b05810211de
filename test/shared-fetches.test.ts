/**
 * Fetches shared between viewers over HTTP (gateway/viewerIndependent.ts): a
 * page of fields that are the same whoever asks (`videos { title likeCount
 * uploader }`) loaded by several viewers at once costs one request to the video
 * subgraph; a field that depends on the viewer (`likedByMe`) is fetched for
 * each; and videos are shared only while in flight, never kept, so a like shows
 * on the very next page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUp } from '../testing/accounts.js';
import { gql, startStack, type Stack } from '../testing/harness.js';
import { parseMetrics, valueOf } from '../testing/prometheus.js';
import { LikeVideoDocument, SharedVideoPageDocument, ViewerLikedPageDocument } from '../testing/__generated__/operations.js';

/** Holds the video subgraph's page reads while a test watches what the gateway does with the requests waiting on them. */
class PageGate {
  calls = 0;
  private closed = false;
  private waiting: (() => void)[] = [];
  close(): void {
    this.calls = 0;
    this.closed = true;
  }
  open(): void {
    this.closed = false;
    for (const go of this.waiting.splice(0)) go();
  }
  async pass(): Promise<void> {
    this.calls++;
    if (this.closed) await new Promise<void>((go) => this.waiting.push(go));
  }
}

describe('fetches shared between viewers', () => {
  const gate = new PageGate();
  let stack: Stack;
  let url: string;
  const viewers: { id: string; token: string }[] = [];
  let likedId: string;

  const merged = async () => valueOf(parseMetrics(await (await fetch(stack.gateway.metricsUrl)).text()), 'vidhub_gateway_inflight_merged_total');
  /** Waits until `done()` holds, checking every 20 ms (bounded generously for a busy machine). */
  const until = async (what: string, done: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 30_000;
    while (!(await done())) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  before(async () => {
    stack = await startStack({ GATEWAY_MERGE_INFLIGHT: 'true' }, {
      wrapVideoStores: (stores) => ({
        ...stores,
        videos: Object.assign(Object.create(stores.videos) as typeof stores.videos, {
          listVideos: async (q: Parameters<typeof stores.videos.listVideos>[0]) => {
            await gate.pass();
            return stores.videos.listVideos(q);
          },
        }),
      }),
    });
    url = stack.gateway.url;
    for (let i = 0; i < 5; i++) {
      const { user, accessToken } = await signUp(url, `sharing_viewer_${i}`);
      viewers.push({ id: user.id, token: accessToken });
    }
    for (const title of ['first shared', 'second shared']) {
      const v = await stack.video.stores.videos.createVideo({
        uploaderId: viewers[0]!.id, title, description: '', tags: [], objectKey: `videos/${title}/source`, coverKey: null,
        sha256: 'd'.repeat(64), size: 1, durationMs: 1000, width: 1, height: 1,
      });
      likedId = v.id;
    }
  });
  after(() => stack?.dispose());

  test('viewers loading the same page at once share one video-subgraph request, and each gets the whole page', async () => {
    const mergedBefore = await merged();
    gate.close();
    const pages = viewers.map((v) => gql(url, SharedVideoPageDocument, { first: 10 }, { token: v.token }));
    // Every viewer's fetch is either waiting on the first one (merged) or has reached the store (not merged).
    await until('every fetch to be sent or merged', async () => gate.calls + (await merged()) - mergedBefore >= viewers.length);
    const calls = gate.calls;
    gate.open();
    const answers = await Promise.all(pages);
    assert.equal(calls, 1, 'one store read for every viewer');
    for (const res of answers) {
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data, answers[0]!.data);
    }
    const titles = answers[0]!.data!.videos.edges.map((e) => e.node.title).sort();
    assert.deepEqual(titles, ['first shared', 'second shared']);
    for (const e of answers[0]!.data!.videos.edges) assert.equal(e.node.uploader.displayName, 'sharing_viewer_0');
  });

  test('a field that depends on the viewer is fetched for each viewer', async () => {
    const like = await gql(url, LikeVideoDocument, { id: likedId }, { token: viewers[1]!.token });
    assert.equal(like.errors, undefined, JSON.stringify(like.errors));
    const mergedBefore = await merged();
    gate.close();
    const pages = [viewers[1]!, viewers[2]!].map((v) => gql(url, ViewerLikedPageDocument, { first: 10 }, { token: v.token }));
    await until('both fetches to be sent or merged', async () => gate.calls + (await merged()) - mergedBefore >= 2);
    const calls = gate.calls;
    gate.open();
    const [liker, other] = (await Promise.all(pages)).map((res) => res.data!.videos.edges.find((e) => e.node.id === likedId)!.node.likedByMe);
    assert.equal(calls, 2, 'one store read per viewer');
    assert.equal(liker, true, 'the viewer who liked it');
    assert.equal(other, false, 'another viewer');
  });

  test('a like shows on the next page at once: videos are shared in flight, never kept', async () => {
    const count = async (token: string) => {
      const res = await gql(url, SharedVideoPageDocument, { first: 10 }, { token });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.videos.edges.find((e) => e.node.id === likedId)!.node.likeCount;
    };
    const before = await count(viewers[3]!.token);
    const like = await gql(url, LikeVideoDocument, { id: likedId }, { token: viewers[2]!.token });
    assert.equal(like.errors, undefined, JSON.stringify(like.errors));
    assert.equal(await count(viewers[4]!.token), before + 1);
    assert.equal(await count(viewers[3]!.token), before + 1);
  });
});
