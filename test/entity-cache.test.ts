/**
 * The gateway's entity cache (gateway/entityCache.ts), end to end: an entity
 * fetch of viewer-independent fields made for one viewer answers the next
 * viewers without a subgraph request; a change to the entity reaches every
 * viewer as soon as its change event arrives, and never goes back; fields that
 * depend on the viewer are never shared.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gql, startStack, type Stack } from '../testing/harness.js';

interface Page {
  videos: { edges: { node: { id: string; uploader: { id: string; displayName: string } } }[] };
}
const PAGE = '{ videos(first: 5) { edges { node { id uploader { id displayName } } } } }';

async function register(url: string, username: string): Promise<{ id: string; token: string }> {
  const res = await gql<{ register: { user: { id: string }; accessToken: string } }, Record<string, never>>(url, `mutation { register(username: "${username}", password: "pass-word-99") { user { id } accessToken } }`, {});
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return { id: res.data!.register.user.id, token: res.data!.register.accessToken };
}

describe('entity cache', () => {
  let stack: Stack;
  let url: string;
  let uploader: { id: string; token: string };
  const viewers: { id: string; token: string }[] = [];

  before(async () => {
    stack = await startStack();
    url = stack.gateway.url;
    uploader = await register(url, 'cached_uploader');
    for (let i = 0; i < 3; i++) viewers.push(await register(url, `cache_viewer_${i}`));
    await stack.video.stores.videos.createVideo({
      uploaderId: uploader.id,
      title: 'cached',
      description: '',
      tags: [],
      objectKey: 'videos/cached/source',
      coverKey: null,
      sha256: 'c'.repeat(64),
      size: 1,
      durationMs: 1000,
      width: 1,
      height: 1,
    });
  });
  after(() => stack?.dispose());

  const page = async (token: string) => {
    const res = await gql<Page, Record<string, never>>(url, PAGE, {}, { token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const node = res.data!.videos.edges.find((e) => e.node.uploader.id === uploader.id);
    assert.ok(node, 'the page lists the video');
    return node.node.uploader.displayName;
  };

  test('the uploader fetched for one viewer answers the other viewers without asking the user subgraph', async () => {
    assert.equal(await page(viewers[0]!.token), 'cached_uploader');
    stack.resetCounts();
    assert.equal(await page(viewers[1]!.token), 'cached_uploader');
    assert.equal(await page(viewers[2]!.token), 'cached_uploader');
    assert.equal(stack.counts.user.findUsersByIds ?? 0, 0, 'no user lookup: both answered from the cache');
  });

  test('a profile change reaches every viewer once its event arrives, and the old name never comes back', async () => {
    const res = await gql<{ updateProfile: { displayName: string } }, Record<string, never>>(url, 'mutation { updateProfile(input: { displayName: "Renamed Uploader" }) { displayName } }', {}, { token: uploader.token });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    // The change event travels through Redis Streams: poll until the new name shows (bounded generously).
    const deadline = Date.now() + 30_000;
    let seen = await page(viewers[0]!.token);
    while (seen !== 'Renamed Uploader' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await page(viewers[0]!.token);
    }
    assert.equal(seen, 'Renamed Uploader');
    for (let round = 0; round < 5; round++) for (const v of viewers) assert.equal(await page(v.token), 'Renamed Uploader', 'a stale name after the new one was seen');
  });

  test('an entity fetch that also selects a field depending on the viewer is made for each viewer', async () => {
    const follow = await gql<{ follow: { id: string } }, Record<string, never>>(url, `mutation { follow(userId: "${uploader.id}") { id } }`, {}, { token: viewers[0]!.token });
    assert.equal(follow.errors, undefined, JSON.stringify(follow.errors));
    const q = '{ videos(first: 5) { edges { node { uploader { id displayName followedByMe } } } } }';
    const mine = async (token: string) => {
      const res = await gql<{ videos: { edges: { node: { uploader: { id: string; followedByMe: boolean } } }[] } }, Record<string, never>>(url, q, {}, { token });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.videos.edges.find((e) => e.node.uploader.id === uploader.id)!.node.uploader.followedByMe;
    };
    stack.resetCounts();
    assert.equal(await mine(viewers[0]!.token), true);
    assert.equal(await mine(viewers[1]!.token), false);
    assert.equal(await mine(viewers[0]!.token), true);
    assert.ok((stack.counts.user.findUsersByIds ?? 0) >= 3, 'each viewer\'s fetch went to the user subgraph');
  });
});
