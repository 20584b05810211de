/**
 * Search end to end: videos and users published through the gateway become
 * searchable through the sync pipeline; ordering, deletes, retries, dead
 * letters, full reindex, leadership; highlights, suggestions, recommendations.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { STREAMS, publishEvent } from '../lib/redis/domainEvents.js';
import type { SearchDocument, SearchIndex, WriteResult } from '../subgraphs/search/engine/port.js';
import { DEAD_LETTERS } from '../subgraphs/search/indexSync.js';
import { signUp, type Session as Auth } from '../testing/accounts.js';
import { gql, startStack, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { publishSmallVideo } from '../testing/videos.js';
import {
  DeleteVideoDocument,
  LikeVideoDocument,
  RecommendedVideosDocument,
  RecordViewDocument,
  ReindexDocument,
  RetryDeadLettersDocument,
  SearchContentDocument,
  SearchSyncStatusDocument,
  SuggestTitlesDocument,
  UpdateVideoDocument,
  VideoCursorsDocument,
  type SearchType,
  type SuggestTitlesQuery,
} from '../testing/__generated__/operations.js';
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

/** Polls until `check` passes (the pipeline is asynchronous by design). */
async function eventually<T>(probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An index whose writes fail for chosen ids: a fixed number of times, or always. */
function faulty(index: SearchIndex, failures: Map<string, number>): SearchIndex {
  const wrap = async (items: { id: string; kind: 'video' | 'user' }[], write: () => Promise<WriteResult[]>) => {
    const results = await write();
    return results.map((r, i) => {
      const left = failures.get(items[i]!.id) ?? 0;
      if (left <= 0) return r;
      failures.set(items[i]!.id, left - 1);
      return { id: r.id, kind: r.kind, ok: false, error: 'injected failure' };
    });
  };
  return new Proxy(index, {
    get(target, prop, receiver) {
      if (prop === 'upsert') {
        return (docs: SearchDocument[]) => {
          const failing = docs.filter((d) => (failures.get(d.id) ?? 0) > 0).map((d) => d.id);
          // A refused write does not reach the index.
          return wrap(docs, async () => {
            const passing = docs.filter((d) => !failing.includes(d.id));
            const written = await target.upsert(passing);
            return docs.map((d) => (failing.includes(d.id) ? { id: d.id, kind: d.kind, ok: false } : written[passing.indexOf(d)]!));
          });
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('search', () => {
  let stack: Stack;
  let url: string;
  let n = 0;
  const failures = new Map<string, number>();
  let admin: Auth;

  const register = (name = `searcher${++n}`, displayName?: string): Promise<Auth> => signUp(url, name, displayName === undefined ? {} : { displayName });
  const as = (a: Auth) => ({ token: a.accessToken });
  const find = (query: string, type: SearchType = 'ALL') => gql(url, SearchContentDocument, { query, type });
  const videoEvent = (type: string, id: string, version: number, payload: Record<string, unknown>) =>
    publishEvent(stack.redis, STREAMS.video, { type, subjectId: id, version, payload: { description: '', tags: [], likeCount: 0, viewCount: 0, createdAt: new Date().toISOString(), ...payload } });

  /** A real video, uploaded and published through the gateway. */
  async function publishVideo(uploader: Auth, title: string): Promise<string> {
    return (await publishSmallVideo(url, uploader.accessToken, { title })).data!.publishVideo.id;
  }

  before(async () => {
    // The leader lock lives 15 s (renewed every 5 s): with 1 s, a busy machine could stall a
    // renewal long enough for the standby of the scale-out test to take over while the leader
    // still wrote. A leader that stops releases the lock, and the standby takes it at its next
    // try (within 5 s).
    stack = await startStack({ SEARCH_SYNC_RETRY_BASE_MS: '1', SEARCH_LEADER_TTL_SECONDS: '15', ADMIN_USERNAMES: 'search_admin' }, { wrapIndex: (index) => faulty(index, failures) });
    url = stack.gateway.url;
    admin = await register('search_admin');
  });
  after(() => stack?.dispose());

  test('a video published through the gateway becomes searchable with highlights; an update changes what is found', async () => {
    const uploader = await register('kitten_fan', 'Kitten Fan');
    const published = await publishSmallVideo(url, uploader.accessToken, { title: 'Fluffy kittens playing', description: 'Two kittens and a ball of yarn', tags: ['kittens', 'cute'] }, 'k.mp4');
    const id = published.data!.publishVideo.id;

    const found = await eventually(() => find('kittens', 'VIDEO'), (r) => r.data?.search.total === 1);
    const hit = found.data!.search.hits[0]!;
    assert.equal(hit.node?.id, id);
    assert.deepEqual(hit.node?.__typename === 'Video' ? hit.node.uploader : hit.node, { username: 'kitten_fan' }, 'the hit is a Video entity resolved by the video and user subgraphs');
    assert.ok(hit.highlights.some((h) => h.field === 'title' && h.fragments.some((f) => f.includes('<em>'))));
    const typo = await find('kitens', 'VIDEO');
    assert.equal(typo.data?.search.hits[0]?.node?.id, id, 'a typo still finds it');
    const byUploader = await eventually(() => find('kitten_fan', 'USER'), (r) => r.data?.search.total === 1);
    const userHit = byUploader.data?.search.hits[0]?.node;
    assert.equal(userHit?.__typename === 'User' ? userHit.username : userHit, 'kitten_fan');

    await gql(url, UpdateVideoDocument, { id, input: { title: 'Sleepy puppies' } }, as(uploader));
    await eventually(() => find('puppies', 'VIDEO'), (r) => r.data?.search.total === 1);
    assert.equal((await find('fluffy', 'VIDEO')).data?.search.total, 0, 'the old title is no longer found');

    await gql(url, DeleteVideoDocument, { id }, as(uploader));
    await eventually(() => find('puppies', 'VIDEO'), (r) => r.data?.search.total === 0);
    // A late update (an older version, redelivered) must not bring it back.
    await videoEvent('video.updated', id, 2, { uploaderId: uploader.user.id, title: 'Sleepy puppies again' });
    const marker = randomUUID();
    await videoEvent('video.published', marker, 1, { uploaderId: uploader.user.id, title: `marker ${marker}` });
    await eventually(() => find(marker, 'VIDEO'), (r) => r.data?.search.total === 1);
    assert.equal((await find('puppies', 'VIDEO')).data?.search.total, 0, 'a deleted video stays deleted');
  });

  test('events applied out of order end in the newest state', async () => {
    const id = randomUUID();
    await videoEvent('video.published', id, 1, { uploaderId: admin.user.id, title: 'ordering alpha' });
    await videoEvent('video.updated', id, 3, { uploaderId: admin.user.id, title: 'ordering gamma' });
    await videoEvent('video.updated', id, 2, { uploaderId: admin.user.id, title: 'ordering beta' });
    // These videos exist only as events (no video service record), so the index itself is checked.
    const [doc] = await eventually(() => stack.search.index.get('video', [id]), (docs) => docs[0]?.version === 3);
    assert.equal(doc?.title, 'ordering gamma');
    assert.equal(doc?.version, 3);
  });

  test('failing index writes are retried, then dead-lettered, and reindexDeadLetters retries them', async () => {
    const flaky = randomUUID();
    const broken = randomUUID();
    failures.set(flaky, 3);
    failures.set(broken, 1000);
    await videoEvent('video.published', flaky, 1, { uploaderId: admin.user.id, title: `flaky ${flaky}` });
    await videoEvent('video.published', broken, 1, { uploaderId: admin.user.id, title: `broken ${broken}` });
    await eventually(() => stack.search.index.get('video', [flaky]), (docs) => docs.length === 1);
    const dead = await eventually(() => stack.redis.xrange(DEAD_LETTERS, '-', '+'), (rows) => rows.some(([, f]) => f.join().includes(broken)));
    const row = dead.find(([, f]) => f.join().includes(broken))!;
    assert.equal(row[1][row[1].indexOf('error') + 1], 'injected failure');
    assert.ok(!dead.some(([, f]) => f.join().includes(flaky)), 'a write that succeeds within 10 rounds is not dead-lettered');
    assert.equal(failures.get(broken), 1000 - 10, 'exactly 10 rounds were tried');

    const status = await gql(url, SearchSyncStatusDocument, {}, as(admin));
    assert.equal(status.errors, undefined, JSON.stringify(status.errors));
    assert.ok(status.data!.searchSyncStatus.deadLettered >= 1);
    assert.ok((status.data!.searchSyncStatus.lagP50Ms ?? 0) >= 0);
    const stranger = await register();
    assert.equal(code(await gql(url, RetryDeadLettersDocument, {}, as(stranger))), 'FORBIDDEN');
    failures.delete(broken);
    const retried = await gql(url, RetryDeadLettersDocument, {}, as(admin));
    assert.deepEqual(retried.data?.reindexDeadLetters, { retried: 1, remaining: 0 });
    assert.equal((await stack.search.index.get('video', [broken])).length, 1);
  });

  test('suggestions and recommendations', async () => {
    const base = randomUUID().slice(0, 6);
    const a = randomUUID();
    const b = randomUUID();
    const c = randomUUID();
    await videoEvent('video.published', a, 1, { uploaderId: admin.user.id, title: `Zebra${base} documentary`, tags: ['wildlife', 'africa'], likeCount: 10 });
    await videoEvent('video.published', b, 1, { uploaderId: admin.user.id, title: 'Lions of the savanna', tags: ['wildlife', 'africa'], likeCount: 1 });
    await videoEvent('video.published', c, 1, { uploaderId: admin.user.id, title: 'Cooking pasta', tags: ['food'], likeCount: 50 });
    await eventually(() => stack.search.index.get('video', [a, b, c]), (d) => d.length === 3);
    const suggestions = await gql(url, SuggestTitlesDocument, { prefix: `zebra${base}`.slice(0, 8) });
    assert.equal(suggestions.errors, undefined, JSON.stringify(suggestions.errors));
    assert.ok(suggestions.data!.suggest.some((s) => s.text.startsWith(`Zebra${base}`)));
    // Event-only videos have no video record: compare ids through the search service's own answer.
    const related = await gql(url, RecommendedVideosDocument, { videoId: a, first: 5 });
    assert.equal(related.errors, undefined, JSON.stringify(related.errors));
    const relatedIds = (await stack.search.index.related(a, 5)).map((h) => h.id);
    assert.equal(relatedIds[0], b, 'shared tags rank first');
    assert.ok(!relatedIds.includes(a), 'never the video itself');
    const ids = (await stack.search.index.popular({ size: 50 })).map((h) => h.id);
    assert.ok(ids.indexOf(c) < ids.indexOf(a) && ids.indexOf(a) < ids.indexOf(b), 'popular first');
  });

  test('likes and views reach the index and reorder suggestions and recommendations; counts and updates never roll each other back', async () => {
    const uploader = await register();
    const fans = await Promise.all(Array.from({ length: 3 }, () => register()));
    const prefix = `pop${randomUUID().slice(0, 8)}`;
    const liked = await publishVideo(uploader, `${prefix} beta`);
    // Newer and first in text order: at equal popularity it comes first everywhere.
    const fresh = await publishVideo(uploader, `${prefix} alpha`);

    const suggested = () => gql(url, SuggestTitlesDocument, { prefix });
    const order = (r: GraphQLResponse<SuggestTitlesQuery>) => r.data?.suggest.map((s) => (s.node?.__typename === 'Video' ? s.node.id : undefined)) ?? [];
    const recommended = async () => {
      const res = await gql(url, RecommendedVideosDocument, { first: 50 });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.recommendedVideos.map((v) => v?.id);
    };
    const before = await eventually(suggested, (r) => order(r).length === 2, 60_000);
    assert.deepEqual(order(before), [fresh, liked]);
    const quiet = await recommended();
    assert.ok(quiet.includes(liked) && quiet.indexOf(fresh) < quiet.indexOf(liked), 'equal popularity: newest first');

    for (const fan of fans) {
      assert.equal((await gql(url, LikeVideoDocument, { id: liked }, as(fan))).errors, undefined);
      assert.equal((await gql(url, RecordViewDocument, { videoId: liked }, as(fan))).errors, undefined);
    }
    const after = await eventually(suggested, (r) => order(r)[0] === liked, 60_000);
    assert.deepEqual(after.data!.suggest.map((s) => s.text), [`${prefix} beta`, `${prefix} alpha`], 'most popular first');
    const ranked = await recommended();
    assert.ok(ranked.includes(fresh) && ranked.indexOf(liked) < ranked.indexOf(fresh), 'the liked video is recommended first');

    // A like and a title change at the same moment: whichever event the index
    // sees last, it ends with the new title and every like and view.
    const [likedAgain, renamed] = await Promise.all([
      gql(url, LikeVideoDocument, { id: liked }, as(uploader)),
      gql(url, UpdateVideoDocument, { id: liked, input: { title: `${prefix} gamma` } }, as(uploader)),
    ]);
    assert.equal(likedAgain.errors, undefined, JSON.stringify(likedAgain.errors));
    assert.equal(renamed.errors, undefined, JSON.stringify(renamed.errors));
    const popularity = 4 * 5 + 3;
    const [synced] = await eventually(() => stack.search.index.get('video', [liked]), (d) => d[0]?.title === `${prefix} gamma` && d[0]?.popularity === popularity, 60_000);
    assert.deepEqual(order(await suggested()), [liked, fresh]);

    // A late snapshot (an older version, redelivered) rolls back neither the title nor the counts.
    await videoEvent('video.counts', liked, synced!.version - 1, { uploaderId: uploader.user.id, title: `${prefix} beta`, likeCount: 1000 });
    const marker = randomUUID();
    await videoEvent('video.published', marker, 1, { uploaderId: uploader.user.id, title: `marker ${marker}` });
    await eventually(() => stack.search.index.get('video', [marker]), (d) => d.length === 1, 60_000);
    const [kept] = await stack.search.index.get('video', [liked]);
    assert.deepEqual([kept?.title, kept?.popularity, kept?.version], [`${prefix} gamma`, popularity, synced!.version]);
  });

  test('a full reindex after wiping the index restores every document', async () => {
    const before = { videos: await stack.search.index.count('video'), users: await stack.search.index.count('user') };
    assert.ok(before.users >= 2);
    const res = await gql(url, ReindexDocument, { wipe: true }, as(admin));
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.reindex.started, true);
    assert.equal(await stack.search.index.count('user'), before.users);
    // Videos that exist only as injected events are not in the video service: only real ones come back.
    const real = await gql(url, VideoCursorsDocument, { first: 100 });
    assert.equal(await stack.search.index.count('video'), real.data!.videos.edges.length);
    assert.equal((await find('kitten_fan', 'USER')).data?.search.total, 1);
  });

  test('two search instances never both process an event; a standby takes over when the leader stops', async () => {
    const writes = new Map<string, number>();
    const counting = (index: SearchIndex): SearchIndex =>
      new Proxy(index, {
        get(target, prop, receiver) {
          if (prop === 'upsert') {
            return (docs: SearchDocument[]) => {
              for (const d of docs) writes.set(d.id, (writes.get(d.id) ?? 0) + 1);
              return target.upsert(docs);
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    const second = await stack.startSearchInstance({ wrapIndex: counting });
    try {
      assert.equal(stack.search.sync.leading, true);
      assert.equal(second.sync.leading, false);
      const ids = Array.from({ length: 20 }, () => randomUUID());
      for (const id of ids) await videoEvent('video.published', id, 1, { uploaderId: admin.user.id, title: `instance ${id}` });
      await eventually(() => stack.search.index.get('video', ids), (d) => d.length === 20);
      assert.equal(ids.filter((id) => writes.has(id)).length, 0, 'the standby wrote nothing');

      await stack.search.sync.dispose();
      await eventually(async () => second.sync.leading, (l) => l, 60_000);
      const later = randomUUID();
      await videoEvent('video.published', later, 1, { uploaderId: admin.user.id, title: `later ${later}` });
      await eventually(async () => writes.get(later) ?? 0, (w) => w === 1);
    } finally {
      await second.dispose();
    }
  });
});
