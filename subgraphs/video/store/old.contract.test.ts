import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { adapterFixtures } from '../../testing/adapters.js';
import type { NewVideo, UploadRecord, UploadStatus, VideoRecord, VideoStore } from './store.js';
import { MongoVideoStore } from './store.mongo.js';
import { SqliteVideoStore } from './store.sqlite.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const video = (uploaderId: string, title: string, over: Partial<NewVideo> = {}): NewVideo => ({
  uploaderId,
  title,
  description: `about ${title}`,
  tags: ['t1', 't2'],
  objectKey: `videos/${uploaderId}/${title}.mp4`,
  coverKey: null,
  sha256: sha(`${uploaderId}/${title}`),
  size: 10,
  durationMs: 1500,
  width: 640,
  height: 360,
  ...over,
});

const chunk = (uploadId: string, index: number, tag = 'a') => ({ uploadId, index, size: 1024, sha256: sha(`${uploadId}/${index}/${tag}`), objectKey: `chunks/${uploadId}/${index}-${tag}` });

/** Exactly one element is truthy; returns its index. */
function onlyOne(results: readonly unknown[], what: string): number {
  const winners = results.flatMap((r, i) => (r ? [i] : []));
  assert.equal(winners.length, 1, `exactly one ${what} succeeds, got ${winners.length}`);
  return winners[0]!;
}

for (const makeFixture of adapterFixtures<VideoStore>('video', { sqlite: (db) => new SqliteVideoStore(db), mongo: (c) => MongoVideoStore.create(c) })) {
  const fixture = makeFixture();
  describe(`video store contract (${fixture.name})`, () => {
    let store: VideoStore;
    before(async () => {
      store = await fixture.open();
    });
    after(async () => {
      await store.dispose();
      await fixture.cleanup();
    });

    // Every test works on users of its own: the suite shares one store, and
    // per-user answers (active uploads, an uploader's videos, folders) must not
    // see other tests.
    let counter = 0;
    const users = (...names: string[]) => {
      const n = ++counter;
      return names.map((name) => `${name}-${n}`);
    };
    const newUpload = (ownerId: string, over: { id?: string; status?: UploadStatus; objectKey?: string | null } = {}) =>
      store.createUpload({ ownerId, filename: 'clip.mp4', size: 3000, sha256: sha(`${ownerId}/clip`), chunkSize: 1024, chunkCount: 3, status: 'UPLOADING', objectKey: null, ...over });
    const completedUpload = async (ownerId: string): Promise<UploadRecord> => {
      const u = await newUpload(ownerId);
      const done = await store.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: `merged/${u.id}` });
      assert.ok(done);
      return done;
    };
    const findVideo = async (id: string): Promise<VideoRecord> => {
      const [v] = await store.findVideosByIds([id]);
      assert.ok(v, `video ${id} exists`);
      return v;
    };
    const findUpload = async (id: string): Promise<UploadRecord> => {
      const u = await store.findUpload(id);
      assert.ok(u, `upload ${id} exists`);
      return u;
    };
    const folderOf = async (id: string) => {
      const [f] = await store.findFoldersByIds([id]);
      assert.ok(f, `folder ${id} exists`);
      return f;
    };
    const commentOf = async (id: string) => {
      const [c] = await store.findCommentsByIds([id]);
      assert.ok(c, `comment ${id} exists`);
      return c;
    };

    // ---- Uploads

    test('creates uploads with a given or a generated id and counts the active ones per owner', async () => {
      const [owner, other] = users('owner', 'other') as [string, string];
      const given = `upload-${owner}`;
      const a = await newUpload(owner, { id: given });
      assert.equal(a.id, given);
      assert.equal(a.ownerId, owner);
      assert.equal(a.filename, 'clip.mp4');
      assert.equal(a.size, 3000);
      assert.equal(a.chunkSize, 1024);
      assert.equal(a.chunkCount, 3);
      assert.equal(a.status, 'UPLOADING');
      assert.equal(a.objectKey, null);
      assert.equal(a.failure, null);
      assert.ok(a.createdAt instanceof Date && a.updatedAt instanceof Date);
      assert.equal(a.createdAt.getTime(), a.updatedAt.getTime());
      assert.deepEqual(await store.findUpload(given), a);

      const b = await newUpload(owner);
      const c = await newUpload(owner);
      assert.ok(b.id && c.id && b.id !== c.id && b.id !== given);
      // An instant upload is created already COMPLETED with the stored object.
      const instant = await newUpload(owner, { status: 'COMPLETED', objectKey: 'videos/existing.mp4' });
      assert.equal((await findUpload(instant.id)).objectKey, 'videos/existing.mp4');
      await newUpload(other);

      assert.equal(await store.countActiveUploads(owner), 3);
      assert.equal(await store.countActiveUploads(other), 1);
      assert.equal(await store.countActiveUploads(`nobody-${owner}`), 0);
      await store.transitionUpload(b.id, ['UPLOADING'], 'ABORTED');
      assert.equal(await store.countActiveUploads(owner), 2);

      await assert.rejects(newUpload(other, { id: given }), 'an id is used once');
      assert.equal((await findUpload(given)).ownerId, owner);
      assert.equal(await store.findUpload(`missing-${owner}`), null);
    });

    test('records each chunk index once, touches the upload, lists chunks in order', async () => {
      const [owner] = users('chunker') as [string];
      const u = await newUpload(owner);
      const other = await newUpload(owner);
      await sleep(10);

      assert.equal(await store.recordChunk(chunk(u.id, 2)), true);
      const touched = await findUpload(u.id);
      assert.ok(touched.updatedAt.getTime() > u.updatedAt.getTime(), 'recording a chunk touches the upload');
      assert.equal(await store.recordChunk(chunk(u.id, 0)), true);
      assert.equal(await store.recordChunk(chunk(u.id, 1)), true);
      assert.equal(await store.recordChunk(chunk(other.id, 0, 'other')), true);

      // A retried chunk is told it is a duplicate and changes nothing, not even updatedAt.
      const beforeRetry = (await findUpload(u.id)).updatedAt;
      await sleep(10);
      assert.equal(await store.recordChunk(chunk(u.id, 1, 'retry')), false);
      assert.equal((await findUpload(u.id)).updatedAt.getTime(), beforeRetry.getTime());

      const listed = await store.listChunks(u.id);
      assert.deepEqual(listed, [chunk(u.id, 0), chunk(u.id, 1), chunk(u.id, 2)]);

      // 20 concurrent records of one index: exactly one is recorded, and it is the stored one.
      const raced = await Promise.all(Array.from({ length: 20 }, (_, i) => store.recordChunk(chunk(other.id, 1, `racer${i}`))));
      const winner = onlyOne(raced, 'record of one chunk index');
      const stored = (await store.listChunks(other.id)).map((c) => c.objectKey);
      assert.deepEqual(stored, [chunk(other.id, 0, 'other').objectKey, chunk(other.id, 1, `racer${winner}`).objectKey]);

      await assert.rejects(store.recordChunk(chunk(`missing-${owner}`, 0)), 'a chunk of a missing upload is refused');
      assert.deepEqual(await store.listChunks(`missing-${owner}`), []);

      await store.deleteChunks(u.id);
      assert.deepEqual(await store.listChunks(u.id), []);
      assert.equal((await store.listChunks(other.id)).length, 2, 'other uploads keep their chunks');
      assert.equal(await store.recordChunk(chunk(u.id, 0, 'again')), true, 'an index can be recorded again after deleteChunks');
      await store.deleteChunks(`missing-${owner}`);
    });

    test('transitions an upload only from the expected statuses (compare-and-set)', async () => {
      const [owner] = users('cas') as [string];
      const u = await newUpload(owner);
      await sleep(10);

      assert.equal(await store.transitionUpload(u.id, ['COMPLETED'], 'PUBLISHED'), null);
      assert.equal((await findUpload(u.id)).status, 'UPLOADING');

      const completed = await store.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/x.mp4' });
      assert.ok(completed);
      assert.equal(completed.status, 'COMPLETED');
      assert.equal(completed.objectKey, 'merged/x.mp4');
      assert.equal(completed.failure, null);
      assert.ok(completed.updatedAt.getTime() > u.updatedAt.getTime());
      assert.equal(completed.createdAt.getTime(), u.createdAt.getTime());
      assert.deepEqual(await store.findUpload(u.id), completed);

      // Fields not named in `changes` keep their values; null clears one.
      const failed = await store.transitionUpload(u.id, ['UPLOADING', 'COMPLETED'], 'FAILED', { failure: 'checksum mismatch' });
      assert.equal(failed?.status, 'FAILED');
      assert.equal(failed?.objectKey, 'merged/x.mp4');
      assert.equal(failed?.failure, 'checksum mismatch');
      const aborted = await store.transitionUpload(u.id, ['FAILED'], 'ABORTED', { objectKey: null });
      assert.equal(aborted?.objectKey, null);
      assert.equal(aborted?.failure, 'checksum mismatch');

      assert.equal(await store.transitionUpload(`missing-${owner}`, ['UPLOADING'], 'ABORTED'), null);
      assert.equal(await store.transitionUpload(u.id, [], 'UPLOADING'), null);

      // Concurrent transitions out of the same status: exactly one wins and its outcome is what is stored.
      const raced = await newUpload(owner);
      const targets: UploadStatus[] = ['COMPLETED', 'ABORTED'];
      const two = await Promise.all(targets.map((to) => store.transitionUpload(raced.id, ['UPLOADING'], to, to === 'COMPLETED' ? { objectKey: 'merged/raced.mp4' } : {})));
      const winner = two[onlyOne(two, 'of two concurrent transitions')]!;
      const stored = await findUpload(raced.id);
      assert.equal(stored.status, winner.status);
      assert.equal(stored.objectKey, winner.objectKey);

      const many = await newUpload(owner);
      const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => store.transitionUpload(many.id, ['UPLOADING'], i % 2 ? 'COMPLETED' : 'FAILED', { failure: `attempt ${i}` })));
      const tenWinner = ten[onlyOne(ten, 'of ten concurrent transitions')]!;
      assert.equal((await findUpload(many.id)).failure, tenWinner.failure);
    });

    test('lists stale uploads: UPLOADING and untouched since the cutoff, oldest first', async () => {
      const [owner] = users('stale') as [string];
      const oldest = await newUpload(owner);
      await sleep(10);
      const older = await newUpload(owner);
      const completed = await completedUpload(owner);
      const active = await newUpload(owner);
      await sleep(10);
      const cutoff = new Date();
      await sleep(10);
      const fresh = await newUpload(owner);
      assert.equal(await store.recordChunk(chunk(active.id, 0)), true, 'a chunk after the cutoff keeps the upload alive');

      const stale = await store.listStaleUploads(cutoff, 1000);
      const mine = stale.filter((u) => u.ownerId === owner).map((u) => u.id);
      assert.deepEqual(mine, [oldest.id, older.id]);
      assert.ok(!mine.includes(completed.id) && !mine.includes(active.id) && !mine.includes(fresh.id));
      assert.ok(stale.every((u) => u.status === 'UPLOADING' && u.updatedAt.getTime() < cutoff.getTime()));
      const times = stale.map((u) => u.updatedAt.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
      assert.equal((await store.listStaleUploads(cutoff, 1)).length, 1);
      assert.deepEqual((await store.listStaleUploads(new Date(0), 10)).length, 0);

      // Other statuses when asked for: completed uploads never published expire too.
      const both = (await store.listStaleUploads(cutoff, 1000, ['UPLOADING', 'COMPLETED'])).filter((u) => u.ownerId === owner);
      assert.deepEqual(both.map((u) => u.id), [oldest.id, older.id, completed.id], 'oldest first across statuses');
      const onlyCompleted = (await store.listStaleUploads(cutoff, 1000, ['COMPLETED'])).filter((u) => u.ownerId === owner);
      assert.deepEqual(onlyCompleted.map((u) => [u.id, u.status, u.objectKey]), [[completed.id, 'COMPLETED', completed.objectKey]]);
      assert.deepEqual(await store.listStaleUploads(cutoff, 1000, []), []);
    });

    // ---- Videos

    test('publishes an upload at most once', async () => {
      const [owner] = users('publisher') as [string];
      const u = await newUpload(owner);
      assert.equal(await store.publish({ ...video(owner, 'early'), uploadId: u.id }), null, 'an UPLOADING upload cannot be published');
      assert.equal((await findUpload(u.id)).status, 'UPLOADING');
      await store.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/first.mp4' });

      const v = await store.publish({ ...video(owner, 'first', { objectKey: 'merged/first.mp4', coverKey: 'covers/first.jpg' }), uploadId: u.id });
      assert.ok(v);
      assert.equal(v.uploadId, u.id);
      assert.equal(v.uploaderId, owner);
      assert.equal(v.title, 'first');
      assert.equal(v.description, 'about first');
      assert.deepEqual(v.tags, ['t1', 't2']);
      assert.equal(v.objectKey, 'merged/first.mp4');
      assert.equal(v.coverKey, 'covers/first.jpg');
      assert.equal(v.durationMs, 1500);
      assert.equal(v.width, 640);
      assert.equal(v.height, 360);
      assert.equal(v.viewCount, 0);
      assert.equal(v.likeCount, 0);
      assert.equal(v.commentCount, 0);
      assert.equal(v.version, 1);
      assert.ok(v.createdAt instanceof Date);
      assert.deepEqual(await findVideo(v.id), v);
      assert.equal((await findUpload(u.id)).status, 'PUBLISHED');

      assert.equal(await store.publish({ ...video(owner, 'again'), uploadId: u.id }), null, 'a second publish of the same upload');
      assert.equal(await store.publish({ ...video(owner, 'ghost'), uploadId: `missing-${owner}` }), null);
      assert.deepEqual((await store.listVideos({ uploaderId: owner, limit: 10 })).items.map((x) => x.title), ['first']);

      // Under concurrency exactly one video comes out of one upload.
      const raced = await completedUpload(owner);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.publish({ ...video(owner, `race${i}`), uploadId: raced.id })));
      const winner = results[onlyOne(results, 'concurrent publish')]!;
      const ofUpload = (await store.listVideos({ uploaderId: owner, limit: 100 })).items.filter((x) => x.uploadId === raced.id);
      assert.deepEqual(ofUpload.map((x) => x.id), [winner.id]);
      assert.equal((await findUpload(raced.id)).status, 'PUBLISHED');

      // A publish whose video cannot be stored leaves the upload COMPLETED.
      const blocked = await completedUpload(owner);
      const squatter = await store.createVideo(video(owner, 'squatter', { uploadId: blocked.id }));
      assert.equal(squatter.uploadId, blocked.id);
      await assert.rejects(store.publish({ ...video(owner, 'blocked'), uploadId: blocked.id }));
      assert.equal((await findUpload(blocked.id)).status, 'COMPLETED');
      const ofBlocked = (await store.listVideos({ uploaderId: owner, limit: 100 })).items.filter((x) => x.uploadId === blocked.id);
      assert.deepEqual(ofBlocked.map((x) => x.title), ['squatter']);

      // Videos without an upload do not collide with each other.
      const loose1 = await store.createVideo(video(owner, 'loose1', { uploadId: null }));
      const loose2 = await store.createVideo(video(owner, 'loose2', { description: '', tags: [], durationMs: null, width: null, height: null }));
      assert.equal(loose1.uploadId, null);
      assert.equal(loose2.uploadId, null);
      assert.equal((await findVideo(loose1.id)).uploadId, null);
      // Empty and null fields are stored as given.
      assert.deepEqual(await findVideo(loose2.id), loose2);
      assert.equal(loose2.description, '');
      assert.deepEqual(loose2.tags, []);
      assert.equal(loose2.durationMs, null);
    });

    test('finds a video by content hash and counts the videos sharing an object', async () => {
      const [owner] = users('dedupe') as [string];
      const hash = sha(`content-${owner}`);
      const key = `objects/shared-${owner}.mp4`;
      const first = await store.createVideo(video(owner, 'original', { sha256: hash, objectKey: key }));
      await store.createVideo(video(owner, 'instant', { sha256: hash, objectKey: key }));
      await store.createVideo(video(owner, 'unrelated'));
      assert.equal((await store.findVideoBySha256(hash))?.id, first.id, 'the oldest video with that content');
      assert.equal(await store.findVideoBySha256(sha(`nothing-${owner}`)), null);
      assert.equal(await store.countVideosWithObject(key), 2);
      assert.equal(await store.countVideosWithObject(`objects/none-${owner}.mp4`), 0);
    });

    test('counts the references to an object: the videos using it and the COMPLETED uploads pointing at it', async () => {
      const [owner, other] = users('holder', 'other') as [string, string];
      const key = `objects/held-${owner}.mp4`;
      const none = `objects/nothing-${owner}.mp4`;
      assert.equal(await store.countObjectReferences(none), 0);

      const original = await store.createVideo(video(owner, 'original', { objectKey: key }));
      assert.equal(await store.countObjectReferences(key), 1);
      // Instant uploads are created COMPLETED, or reach it from UPLOADING, pointing at the shared object.
      const instant = await newUpload(other, { status: 'COMPLETED', objectKey: key });
      const proved = await newUpload(other);
      assert.equal(await store.countObjectReferences(key), 2);
      await store.transitionUpload(proved.id, ['UPLOADING'], 'COMPLETED', { objectKey: key });
      assert.equal(await store.countObjectReferences(key), 3);

      // Other statuses hold nothing, even when they still name the object.
      const failed = await newUpload(other, { status: 'COMPLETED', objectKey: key });
      assert.equal(await store.countObjectReferences(key), 4);
      await store.transitionUpload(failed.id, ['COMPLETED'], 'FAILED', { failure: 'gave up' });
      assert.equal(await store.countObjectReferences(key), 3);
      await newUpload(other, { status: 'UPLOADING', objectKey: key });
      assert.equal(await store.countObjectReferences(key), 3);

      // Publishing swaps the upload's reference for its video's: the count stays.
      const published = await store.publish({ ...video(other, 'copy', { objectKey: key }), uploadId: instant.id });
      assert.ok(published);
      assert.equal((await findUpload(instant.id)).status, 'PUBLISHED');
      assert.equal(await store.countObjectReferences(key), 3);

      // The original goes: the copy and the proved upload remain.
      assert.ok(await store.deleteVideo(original.id));
      assert.equal(await store.countObjectReferences(key), 2);
      assert.equal(await store.countVideosWithObject(key), 1);
      // An expired upload points at nothing.
      await store.transitionUpload(proved.id, ['COMPLETED'], 'ABORTED', { failure: 'expired', objectKey: null });
      assert.equal(await store.countObjectReferences(key), 1);
      assert.ok(await store.deleteVideo(published.id));
      assert.equal(await store.countObjectReferences(key), 0, 'the last reference is gone');
      assert.equal(await store.countObjectReferences(none), 0);
    });

    test('lists videos newest first with cursor pagination, per uploader', async () => {
      const [u1, u2] = users('u1', 'u2') as [string, string];
      const created: VideoRecord[] = [];
      for (let i = 0; i < 5; i++) created.push(await store.createVideo(video(i % 2 ? u1 : u2, `v${i}`)));

      const first = await store.listVideos({ limit: 2 });
      assert.deepEqual(first.items.map((v) => v.title), ['v4', 'v3']);
      assert.equal(first.hasNextPage, true);

      const byU2 = await store.listVideos({ limit: 2, uploaderId: u2 });
      assert.deepEqual(byU2.items.map((v) => v.title), ['v4', 'v2']);
      assert.equal(byU2.hasNextPage, true);
      const byU2Next = await store.listVideos({ limit: 2, uploaderId: u2, afterId: byU2.items[1]!.id });
      assert.deepEqual(byU2Next.items.map((v) => v.title), ['v0']);
      assert.equal(byU2Next.hasNextPage, false);
      const byU1 = await store.listVideos({ limit: 2, uploaderId: u1 });
      assert.deepEqual(byU1.items.map((v) => v.title), ['v3', 'v1']);
      assert.equal(byU1.hasNextPage, false);
      assert.deepEqual((await store.listVideos({ limit: 5, uploaderId: `nobody-${u1}` })).items, []);

      const all = await store.listVideos({ limit: 3, afterId: created[4]!.id });
      assert.deepEqual(all.items.map((v) => v.title), ['v3', 'v2', 'v1']);

      const found = await store.findVideosByIds([created[0]!.id, created[3]!.id, 'missing']);
      assert.deepEqual(found.map((v) => v.title).sort(), ['v0', 'v3']);
      const v0 = found.find((v) => v.title === 'v0')!;
      assert.deepEqual(v0.tags, ['t1', 't2']);
      assert.equal(v0.durationMs, 1500);
      assert.deepEqual(await store.findVideosByIds([]), []);
    });

    test('updateVideo bumps the version and keeps the fields it was not given', async () => {
      const [owner, fan] = users('editor', 'fan') as [string, string];
      const v = await store.createVideo(video(owner, 'draft'));
      await store.like(v.id, fan);
      assert.equal((await findVideo(v.id)).version, 2, 'a like changes what search ranks by');
      await sleep(10);

      const titled = await store.updateVideo(v.id, { title: 'final' });
      assert.ok(titled);
      assert.equal(titled.title, 'final');
      assert.equal(titled.description, 'about draft');
      assert.deepEqual(titled.tags, ['t1', 't2']);
      assert.equal(titled.version, 3);
      assert.equal(titled.likeCount, 1);
      assert.equal(titled.objectKey, v.objectKey);
      assert.ok(titled.updatedAt.getTime() > v.updatedAt.getTime());
      assert.equal(titled.createdAt.getTime(), v.createdAt.getTime());

      const retagged = await store.updateVideo(v.id, { tags: [], description: '' });
      assert.equal(retagged?.title, 'final');
      assert.equal(retagged?.description, '');
      assert.deepEqual(retagged?.tags, []);
      assert.equal(retagged?.version, 4);
      assert.deepEqual(await findVideo(v.id), retagged);

      const both = await store.updateVideo(v.id, { title: 'final cut', tags: ['a', 'b', 'c'] });
      assert.equal(both?.version, 5);
      assert.deepEqual(both?.tags, ['a', 'b', 'c']);
      assert.equal(await store.updateVideo(`missing-${owner}`, { title: 'x' }), null);
    });

    test('counts views', async () => {
      const [owner] = users('viewed') as [string];
      const v = await store.createVideo(video(owner, 'popular'));
      await Promise.all(Array.from({ length: 5 }, () => store.addView(v.id)));
      const viewed = await findVideo(v.id);
      assert.equal(viewed.viewCount, 5);
      assert.equal(viewed.version, 6, 'each view is a new version: search ranks by views');
      await store.addView(`missing-${owner}`);
    });

    // ---- Likes

    test('likes are exact under concurrent likes and unlikes', async () => {
      const [owner, prefix] = users('star', 'liker') as [string, string];
      const v = await store.createVideo(video(owner, 'liked'));
      const other = await store.createVideo(video(owner, 'other'));
      const likers = Array.from({ length: 25 }, (_, i) => `${prefix}-${i}`);

      const likes = await Promise.all([...likers, ...likers].map((u) => store.like(v.id, u)));
      assert.equal(likes.filter(Boolean).length, 25);
      assert.equal((await findVideo(v.id)).likeCount, 25);
      assert.equal((await findVideo(other.id)).likeCount, 0);
      assert.equal(await store.like(v.id, likers[0]!), false, 'liking twice');

      const unlikes = await Promise.all(likers.slice(0, 10).flatMap((u) => [store.unlike(v.id, u), store.unlike(v.id, u)]));
      assert.equal(unlikes.filter(Boolean).length, 10);
      assert.equal((await findVideo(v.id)).likeCount, 15);
      assert.equal(await store.unlike(v.id, likers[0]!), false, 'unliking what is not liked');
      assert.equal((await findVideo(v.id)).likeCount, 15);
      // One new version per like and unlike that changed the count, none for the refused ones.
      assert.equal((await findVideo(v.id)).version, 1 + 25 + 10);
      assert.equal((await findVideo(other.id)).version, 1);

      assert.deepEqual(await store.likedAmong(likers[24]!, [v.id, other.id, 'missing']), new Set([v.id]));
      assert.deepEqual(await store.likedAmong(likers[0]!, [v.id, other.id]), new Set());
      assert.deepEqual(await store.likedAmong(likers[24]!, []), new Set());

      assert.equal(await store.like(`missing-${owner}`, likers[0]!), false, 'liking a missing video');
      assert.deepEqual(await store.likedAmong(likers[0]!, [`missing-${owner}`]), new Set());
      assert.equal(await store.unlike(`missing-${owner}`, likers[0]!), false);

      // Liking again after an unlike counts again.
      assert.equal(await store.like(v.id, likers[0]!), true);
      assert.equal((await findVideo(v.id)).likeCount, 16);
    });

    // ---- Comments

    test('comments: top level newest first, replies oldest first, with counts', async () => {
      const [owner, a, b] = users('host', 'a', 'b') as [string, string, string];
      const v = await store.createVideo(video(owner, 'discussed'));
      const w = await store.createVideo(video(owner, 'quiet'));
      const r1 = await store.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'first' });
      const r2 = await store.addComment({ videoId: v.id, authorId: b, parentId: null, text: 'second' });
      const x1 = await store.addComment({ videoId: v.id, authorId: b, parentId: r1.id, text: 'reply 1' });
      const x2 = await store.addComment({ videoId: v.id, authorId: a, parentId: r1.id, text: 'reply 2' });
      const r3 = await store.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'third' });
      await store.addComment({ videoId: w.id, authorId: a, parentId: null, text: 'elsewhere' });

      assert.equal(r1.videoId, v.id);
      assert.equal(r1.authorId, a);
      assert.equal(r1.parentId, null);
      assert.equal(r1.replyCount, 0);
      assert.ok(r1.createdAt instanceof Date);
      assert.equal(x1.parentId, r1.id);
      assert.equal((await findVideo(v.id)).commentCount, 5);
      assert.equal((await findVideo(w.id)).commentCount, 1);
      assert.equal((await commentOf(r1.id)).replyCount, 2);
      assert.equal((await commentOf(r2.id)).replyCount, 0);
      assert.deepEqual(await commentOf(x2.id), x2);

      const top = await store.listComments({ videoId: v.id, parentId: null, limit: 2 });
      assert.deepEqual(top.items.map((c) => c.text), ['third', 'second']);
      assert.equal(top.hasNextPage, true);
      const topNext = await store.listComments({ videoId: v.id, parentId: null, limit: 2, after: top.items[1]!.id });
      assert.deepEqual(topNext.items.map((c) => c.text), ['first']);
      assert.equal(topNext.hasNextPage, false);
      assert.equal(topNext.items[0]!.replyCount, 2);

      const replies = await store.listComments({ videoId: v.id, parentId: r1.id, limit: 1 });
      assert.deepEqual(replies.items.map((c) => c.text), ['reply 1']);
      assert.equal(replies.hasNextPage, true);
      const repliesNext = await store.listComments({ videoId: v.id, parentId: r1.id, limit: 1, after: replies.items[0]!.id });
      assert.deepEqual(repliesNext.items.map((c) => c.text), ['reply 2']);
      assert.equal(repliesNext.hasNextPage, false);
      const allReplies = await store.listComments({ videoId: v.id, parentId: r1.id, limit: 10 });
      assert.deepEqual(allReplies.items.map((c) => c.id), [x1.id, x2.id]);
      assert.equal(allReplies.hasNextPage, false);
      assert.deepEqual((await store.listComments({ videoId: v.id, parentId: r3.id, limit: 10 })).items, []);

      const found = await store.findCommentsByIds([r1.id, x2.id, 'missing']);
      assert.deepEqual(found.map((c) => c.text).sort(), ['first', 'reply 2']);
      assert.deepEqual(await store.findCommentsByIds([]), []);
    });

    test('deleting a comment removes its replies and fixes the counts', async () => {
      const [owner, a] = users('host', 'a') as [string, string];
      const v = await store.createVideo(video(owner, 'moderated'));
      const root = await store.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'root' });
      const keep = await store.addComment({ videoId: v.id, authorId: a, parentId: null, text: 'keep' });
      const x1 = await store.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x1' });
      const x2 = await store.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x2' });
      const x3 = await store.addComment({ videoId: v.id, authorId: a, parentId: root.id, text: 'x3' });
      assert.equal((await findVideo(v.id)).commentCount, 5);

      assert.equal(await store.deleteComment(x1.id), 1, 'a reply alone');
      assert.equal((await commentOf(root.id)).replyCount, 2);
      assert.equal((await findVideo(v.id)).commentCount, 4);

      assert.equal(await store.deleteComment(root.id), 3, 'a root with its two remaining replies');
      assert.deepEqual(await store.findCommentsByIds([root.id, x2.id, x3.id]), []);
      assert.deepEqual((await store.listComments({ videoId: v.id, parentId: root.id, limit: 10 })).items, []);
      assert.deepEqual((await store.listComments({ videoId: v.id, parentId: null, limit: 10 })).items.map((c) => c.id), [keep.id]);
      assert.equal((await findVideo(v.id)).commentCount, 1);

      assert.equal(await store.deleteComment(root.id), 0, 'already deleted');
      assert.equal(await store.deleteComment(`missing-${owner}`), 0);
      assert.equal((await findVideo(v.id)).commentCount, 1);
    });

    // ---- Danmaku

    test('danmaku: a time range [fromMs, toMs), by time then creation', async () => {
      const [owner, viewer] = users('host', 'viewer') as [string, string];
      const v = await store.createVideo(video(owner, 'danmaku'));
      const w = await store.createVideo(video(owner, 'elsewhere'));
      const add = (videoId: string, timeMs: number, text: string) => store.addDanmaku({ videoId, userId: viewer, text, timeMs, color: '#ffffff', mode: 'SCROLL' });
      const d1 = await add(v.id, 1000, 'd1');
      await add(v.id, 100, 'd2');
      await add(v.id, 100, 'd3');
      await add(v.id, 999, 'd4');
      await add(v.id, 0, 'd5');
      await add(v.id, 2000, 'd6');
      await add(w.id, 500, 'other video');
      const top = await store.addDanmaku({ videoId: v.id, userId: viewer, text: 'top', timeMs: 1500, color: '#ff0000', mode: 'TOP' });

      assert.equal(d1.videoId, v.id);
      assert.equal(d1.userId, viewer);
      assert.equal(d1.timeMs, 1000);
      assert.equal(d1.color, '#ffffff');
      assert.equal(d1.mode, 'SCROLL');
      assert.ok(d1.createdAt instanceof Date);

      const texts = async (fromMs: number, toMs: number, limit = 100) => (await store.listDanmaku({ videoId: v.id, fromMs, toMs, limit })).map((d) => d.text);
      assert.deepEqual(await texts(100, 1000), ['d2', 'd3', 'd4']);
      assert.deepEqual(await texts(0, 10_000), ['d5', 'd2', 'd3', 'd4', 'd1', 'top', 'd6']);
      assert.deepEqual(await texts(0, 10_000, 3), ['d5', 'd2', 'd3']);
      assert.deepEqual(await texts(1000, 1000), []);
      assert.deepEqual(await texts(2001, 5000), []);
      const [listedTop] = await store.listDanmaku({ videoId: v.id, fromMs: 1500, toMs: 1501, limit: 10 });
      assert.deepEqual(listedTop, top);
    });

    test('danmaku in sending order after an id, and the last id of each video', async () => {
      const [owner, viewer] = users('host', 'viewer') as [string, string];
      const v = await store.createVideo(video(owner, 'resume'));
      const w = await store.createVideo(video(owner, 'resume elsewhere'));
      const empty = await store.createVideo(video(owner, 'no danmaku'));
      const add = (videoId: string, timeMs: number, text: string) => store.addDanmaku({ videoId, userId: viewer, text, timeMs, color: '#FFFFFF', mode: 'SCROLL' });
      // Sent at times out of video order: sending order is not time order.
      const sent = [];
      for (const [i, timeMs] of [5000, 100, 3000, 100, 0].entries()) {
        sent.push(await add(v.id, timeMs, `s${i}`));
        await add(w.id, timeMs, `w${i}`);
      }
      const NIL = '00000000-0000-0000-0000-000000000000';
      const after = async (afterId: string, limit = 100) => (await store.listDanmakuAfter({ videoId: v.id, afterId, limit })).map((d) => d.text);
      assert.deepEqual(await after(NIL), ['s0', 's1', 's2', 's3', 's4']);
      assert.deepEqual(await after(sent[1]!.id, 2), ['s2', 's3']);
      assert.deepEqual(await after(sent[4]!.id), []);
      const last = await store.lastDanmakuIds([v.id, empty.id, 'missing']);
      assert.deepEqual(last, new Map([[v.id, sent[4]!.id]]));
      assert.deepEqual(await store.lastDanmakuIds([]), new Map());
    });

    // ---- Favourites

    test('folders: create, list for many owners in one call, update, delete', async () => {
      const [a, b, c] = users('a', 'b', 'c') as [string, string, string];
      const later = await store.createFolder({ ownerId: a, name: 'Watch later', isPublic: false });
      const music = await store.createFolder({ ownerId: a, name: 'Music', isPublic: true });
      const mine = await store.createFolder({ ownerId: b, name: 'Mine', isPublic: true });
      assert.equal(later.ownerId, a);
      assert.equal(later.name, 'Watch later');
      assert.equal(later.isPublic, false);
      assert.equal(later.itemCount, 0);
      assert.ok(later.createdAt instanceof Date);
      assert.deepEqual(await folderOf(later.id), later);

      const byOwner = await store.listFolders([a, b, c]);
      assert.deepEqual([...byOwner.keys()].sort(), [a, b, c].sort());
      assert.deepEqual(byOwner.get(a)!.map((f) => f.name), ['Watch later', 'Music'], 'in creation order');
      assert.deepEqual(byOwner.get(b)!.map((f) => f.id), [mine.id]);
      assert.deepEqual(byOwner.get(c), []);
      assert.equal((await store.listFolders([])).size, 0);

      const renamed = await store.updateFolder(later.id, { name: 'Later' });
      assert.equal(renamed?.name, 'Later');
      assert.equal(renamed?.isPublic, false);
      const opened = await store.updateFolder(later.id, { isPublic: true });
      assert.equal(opened?.name, 'Later');
      assert.equal(opened?.isPublic, true);
      const closed = await store.updateFolder(later.id, { isPublic: false });
      assert.equal(closed?.isPublic, false);
      assert.deepEqual(await store.updateFolder(later.id, {}), closed);
      assert.equal(await store.updateFolder(`missing-${a}`, { name: 'x' }), null);

      const found = await store.findFoldersByIds([later.id, mine.id, 'missing']);
      assert.deepEqual(found.map((f) => f.id).sort(), [later.id, mine.id].sort());
      assert.deepEqual(await store.findFoldersByIds([]), []);

      assert.equal(await store.deleteFolder(music.id), true);
      assert.equal(await store.deleteFolder(music.id), false);
      assert.deepEqual(await store.findFoldersByIds([music.id]), []);
      assert.deepEqual((await store.listFolders([a])).get(a)!.map((f) => f.id), [later.id]);
    });

    test('folder entries: idempotent add and remove with itemCount, newest first paging', async () => {
      const [owner] = users('collector') as [string];
      const f = await store.createFolder({ ownerId: owner, name: 'Favourites', isPublic: true });
      const other = await store.createFolder({ ownerId: owner, name: 'Other', isPublic: true });
      const vs: VideoRecord[] = [];
      for (let i = 0; i < 5; i++) vs.push(await store.createVideo(video(owner, `fav${i}`)));
      const [v0, v1, v2, v3, v4] = vs.map((v) => v.id) as [string, string, string, string, string];

      assert.equal(await store.addToFolder(f.id, v0), true);
      assert.equal(await store.addToFolder(f.id, v0), false);
      assert.equal((await folderOf(f.id)).itemCount, 1);

      const raced = await Promise.all(Array.from({ length: 10 }, () => store.addToFolder(f.id, v1)));
      onlyOne(raced, 'concurrent add of one video');
      assert.equal((await folderOf(f.id)).itemCount, 2);

      assert.equal(await store.removeFromFolder(f.id, v1), true);
      assert.equal(await store.removeFromFolder(f.id, v1), false);
      assert.equal((await folderOf(f.id)).itemCount, 1);
      const removed = await Promise.all(Array.from({ length: 10 }, () => store.removeFromFolder(f.id, v0)));
      onlyOne(removed, 'concurrent removal of one video');
      assert.equal((await folderOf(f.id)).itemCount, 0);

      for (const id of [v0, v1, v2, v3, v4]) assert.equal(await store.addToFolder(f.id, id), true);
      assert.equal(await store.addToFolder(other.id, v0), true);
      assert.equal((await folderOf(f.id)).itemCount, 5);
      assert.equal((await folderOf(other.id)).itemCount, 1);

      const p1 = await store.listFolderVideos(f.id, { limit: 2 });
      assert.deepEqual(p1.items.map((i) => i.videoId), [v4, v3]);
      assert.equal(p1.hasNextPage, true);
      const p2 = await store.listFolderVideos(f.id, { limit: 2, after: p1.items[1]!.cursor });
      assert.deepEqual(p2.items.map((i) => i.videoId), [v2, v1]);
      assert.equal(p2.hasNextPage, true);
      const p3 = await store.listFolderVideos(f.id, { limit: 2, after: p2.items[1]!.cursor });
      assert.deepEqual(p3.items.map((i) => i.videoId), [v0]);
      assert.equal(p3.hasNextPage, false);

      // Adding again after a removal puts the video at the top.
      await store.removeFromFolder(f.id, v0);
      await store.addToFolder(f.id, v0);
      assert.deepEqual((await store.listFolderVideos(f.id, { limit: 2 })).items.map((i) => i.videoId), [v0, v4]);
      assert.equal((await folderOf(f.id)).itemCount, 5);

      await assert.rejects(store.addToFolder(`missing-${owner}`, v0), 'an entry in a missing folder is refused');
      assert.deepEqual((await store.listFolderVideos(`missing-${owner}`, { limit: 10 })).items, []);
      assert.equal(await store.removeFromFolder(`missing-${owner}`, v0), false);

      assert.equal(await store.deleteFolder(f.id), true);
      assert.deepEqual(await store.listFolderVideos(f.id, { limit: 10 }), { items: [], hasNextPage: false });
      assert.deepEqual((await store.listFolderVideos(other.id, { limit: 10 })).items.map((i) => i.videoId), [v0]);
    });

    // ---- Deleting a video

    test('deleteVideo removes likes, comments, danmaku and folder entries, and fixes folder counts', async () => {
      const [owner, u1, u2] = users('owner', 'u1', 'u2') as [string, string, string];
      const v = await store.createVideo(video(owner, 'doomed'));
      const w = await store.createVideo(video(owner, 'survivor'));
      await store.like(v.id, u1);
      await store.like(v.id, u2);
      await store.like(w.id, u1);
      const root = await store.addComment({ videoId: v.id, authorId: u1, parentId: null, text: 'root' });
      const reply = await store.addComment({ videoId: v.id, authorId: u2, parentId: root.id, text: 'reply' });
      const kept = await store.addComment({ videoId: w.id, authorId: u1, parentId: null, text: 'kept' });
      await store.addDanmaku({ videoId: v.id, userId: u1, text: 'gone', timeMs: 10, color: '#fff', mode: 'SCROLL' });
      await store.addDanmaku({ videoId: w.id, userId: u1, text: 'stays', timeMs: 10, color: '#fff', mode: 'BOTTOM' });
      const f1 = await store.createFolder({ ownerId: u1, name: 'f1', isPublic: true });
      const f2 = await store.createFolder({ ownerId: u2, name: 'f2', isPublic: false });
      await store.addToFolder(f1.id, v.id);
      await store.addToFolder(f1.id, w.id);
      await store.addToFolder(f2.id, v.id);

      const deleted = await store.deleteVideo(v.id);
      assert.equal(deleted?.id, v.id);
      assert.equal(deleted?.title, 'doomed');
      assert.equal(deleted?.likeCount, 2);
      assert.equal(deleted?.commentCount, 2);

      assert.deepEqual(await store.findVideosByIds([v.id]), []);
      assert.deepEqual(await store.likedAmong(u1, [v.id, w.id]), new Set([w.id]));
      assert.deepEqual(await store.likedAmong(u2, [v.id, w.id]), new Set());
      assert.deepEqual(await store.findCommentsByIds([root.id, reply.id]), []);
      assert.deepEqual((await store.listComments({ videoId: v.id, parentId: null, limit: 10 })).items, []);
      assert.deepEqual(await store.listDanmaku({ videoId: v.id, fromMs: 0, toMs: 1000, limit: 10 }), []);
      assert.equal((await folderOf(f1.id)).itemCount, 1);
      assert.equal((await folderOf(f2.id)).itemCount, 0);
      assert.deepEqual((await store.listFolderVideos(f1.id, { limit: 10 })).items.map((i) => i.videoId), [w.id]);
      assert.deepEqual((await store.listFolderVideos(f2.id, { limit: 10 })).items, []);

      // The other video keeps everything.
      const survivor = await findVideo(w.id);
      assert.equal(survivor.likeCount, 1);
      assert.equal(survivor.commentCount, 1);
      assert.deepEqual(await store.findCommentsByIds([kept.id]), [kept]);
      assert.deepEqual((await store.listDanmaku({ videoId: w.id, fromMs: 0, toMs: 1000, limit: 10 })).map((d) => d.text), ['stays']);

      assert.equal(await store.deleteVideo(v.id), null, 'already deleted');
      assert.equal(await store.like(v.id, u1), false, 'a deleted video cannot be liked');
      assert.equal((await folderOf(f1.id)).itemCount, 1);
    });

    // ---- Restart

    test('data survives reopening the store, with its unique constraints', async () => {
      const [owner, fan] = users('owner', 'fan') as [string, string];
      const u = await newUpload(owner);
      assert.equal(await store.recordChunk(chunk(u.id, 0)), true);
      await store.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/kept.mp4' });
      const v = await store.publish({ ...video(owner, 'kept'), uploadId: u.id });
      assert.ok(v);
      await store.like(v.id, fan);
      const c = await store.addComment({ videoId: v.id, authorId: fan, parentId: null, text: 'still here' });
      await store.addDanmaku({ videoId: v.id, userId: fan, text: 'still flying', timeMs: 5, color: '#fff', mode: 'SCROLL' });
      const f = await store.createFolder({ ownerId: fan, name: 'kept', isPublic: true });
      await store.addToFolder(f.id, v.id);

      await store.dispose();
      store = await fixture.open();
      await store.ping();

      const upload = await findUpload(u.id);
      assert.equal(upload.status, 'PUBLISHED');
      assert.equal(upload.objectKey, 'merged/kept.mp4');
      assert.deepEqual(await store.listChunks(u.id), [chunk(u.id, 0)]);
      const reopened = await findVideo(v.id);
      assert.deepEqual({ ...reopened, updatedAt: null }, { ...v, likeCount: 1, commentCount: 1, version: 2, updatedAt: null });
      assert.deepEqual(await store.likedAmong(fan, [v.id]), new Set([v.id]));
      assert.deepEqual((await store.listComments({ videoId: v.id, parentId: null, limit: 10 })).items, [c]);
      assert.deepEqual((await store.listDanmaku({ videoId: v.id, fromMs: 0, toMs: 10, limit: 10 })).map((d) => d.text), ['still flying']);
      assert.deepEqual((await store.listFolders([fan])).get(fan)!.map((x) => [x.id, x.itemCount]), [[f.id, 1]]);
      assert.deepEqual((await store.listFolderVideos(f.id, { limit: 10 })).items.map((i) => i.videoId), [v.id]);

      assert.equal(await store.recordChunk(chunk(u.id, 0, 'late')), false);
      assert.equal(await store.publish({ ...video(owner, 'twice'), uploadId: u.id }), null);
      assert.equal(await store.like(v.id, fan), false);
      assert.equal(await store.addToFolder(f.id, v.id), false);
      assert.equal((await findVideo(v.id)).likeCount, 1);
    });
  });
}
