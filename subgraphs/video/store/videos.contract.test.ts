/**
 * The videos port's contract (store/videos.ts), on every adapter.
 *
 * Guarantees both adapters give, tested here:
 * - publishing is all or nothing: the upload moves COMPLETED -> PUBLISHED and
 *   its video is stored together or neither happens (SQLite: one IMMEDIATE
 *   transaction; MongoDB: one multi-document transaction, snapshot read,
 *   majority write), and an upload becomes at most one video;
 * - a like and its count change together or not at all, the same for an
 *   unlike, and likeCount is exact under concurrent likes and unlikes;
 * - every change search ranks or matches by bumps `version` in the same step.
 * The all-or-nothing tests make the operation fail right after its first write
 * (the adapters' probe, store/probe.ts) and check that nothing of it stayed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VideoRecord } from './videos.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { InjectedFault } from '../../../testing/adapters.js';
import { chunk, describeContract, onlyOne, sha, video } from './contract.js';

describeContract('videos', (cx) => {
  test('publishes an upload at most once', async () => {
    const [owner] = cx.users('publisher') as [string];
    const u = await cx.newUpload(owner);
    assert.equal(await cx.videos.publish({ ...video(owner, 'early'), uploadId: u.id }), null, 'an UPLOADING upload cannot be published');
    assert.equal((await cx.findUpload(u.id)).status, 'UPLOADING');
    await cx.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/first.mp4' });

    const v = await cx.videos.publish({ ...video(owner, 'first', { objectKey: 'merged/first.mp4', coverKey: 'covers/first.jpg' }), uploadId: u.id });
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
    assert.deepEqual(await cx.findVideo(v.id), v);
    assert.equal((await cx.findUpload(u.id)).status, 'PUBLISHED');

    assert.equal(await cx.videos.publish({ ...video(owner, 'again'), uploadId: u.id }), null, 'a second publish of the same upload');
    assert.equal(await cx.videos.publish({ ...video(owner, 'ghost'), uploadId: `missing-${owner}` }), null);
    assert.deepEqual((await cx.videos.listVideos({ uploaderId: owner, limit: 10 })).items.map((x) => x.title), ['first']);

    // Under concurrency exactly one video comes out of one upload.
    const raced = await cx.completedUpload(owner);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => cx.videos.publish({ ...video(owner, `race${i}`), uploadId: raced.id })));
    const winner = results[onlyOne(results, 'concurrent publish')]!;
    const ofUpload = (await cx.videos.listVideos({ uploaderId: owner, limit: 100 })).items.filter((x) => x.uploadId === raced.id);
    assert.deepEqual(ofUpload.map((x) => x.id), [winner.id]);
    assert.equal((await cx.findUpload(raced.id)).status, 'PUBLISHED');

    // A publish whose video cannot be stored leaves the upload COMPLETED.
    const blocked = await cx.completedUpload(owner);
    const squatter = await cx.videos.createVideo(video(owner, 'squatter', { uploadId: blocked.id }));
    assert.equal(squatter.uploadId, blocked.id);
    await assert.rejects(cx.videos.publish({ ...video(owner, 'blocked'), uploadId: blocked.id }));
    assert.equal((await cx.findUpload(blocked.id)).status, 'COMPLETED');
    const ofBlocked = (await cx.videos.listVideos({ uploaderId: owner, limit: 100 })).items.filter((x) => x.uploadId === blocked.id);
    assert.deepEqual(ofBlocked.map((x) => x.title), ['squatter']);

    // Videos without an upload do not collide with each other.
    const loose1 = await cx.videos.createVideo(video(owner, 'loose1', { uploadId: null }));
    const loose2 = await cx.videos.createVideo(video(owner, 'loose2', { description: '', tags: [], durationMs: null, width: null, height: null }));
    assert.equal(loose1.uploadId, null);
    assert.equal(loose2.uploadId, null);
    assert.equal((await cx.findVideo(loose1.id)).uploadId, null);
    // Empty and null fields are stored as given.
    assert.deepEqual(await cx.findVideo(loose2.id), loose2);
    assert.equal(loose2.description, '');
    assert.deepEqual(loose2.tags, []);
    assert.equal(loose2.durationMs, null);
  });

  test('finds a video by content hash and counts the videos sharing an object', async () => {
    const [owner] = cx.users('dedupe') as [string];
    const hash = sha(`content-${owner}`);
    const key = `objects/shared-${owner}.mp4`;
    const first = await cx.videos.createVideo(video(owner, 'original', { sha256: hash, objectKey: key }));
    await cx.videos.createVideo(video(owner, 'instant', { sha256: hash, objectKey: key }));
    await cx.videos.createVideo(video(owner, 'unrelated'));
    assert.equal((await cx.videos.findVideoBySha256(hash))?.id, first.id, 'the oldest video with that content');
    assert.equal(await cx.videos.findVideoBySha256(sha(`nothing-${owner}`)), null);
    assert.equal(await cx.videos.countVideosWithObject(key), 2);
    assert.equal(await cx.videos.countVideosWithObject(`objects/none-${owner}.mp4`), 0);
  });

  test('counts the references to an object: the videos using it and the COMPLETED uploads pointing at it', async () => {
    const [owner, other] = cx.users('holder', 'other') as [string, string];
    const key = `objects/held-${owner}.mp4`;
    const none = `objects/nothing-${owner}.mp4`;
    assert.equal(await cx.videos.countObjectReferences(none), 0);

    const original = await cx.videos.createVideo(video(owner, 'original', { objectKey: key }));
    assert.equal(await cx.videos.countObjectReferences(key), 1);
    // Instant uploads are created COMPLETED, or reach it from UPLOADING, pointing at the shared object.
    const instant = await cx.newUpload(other, { status: 'COMPLETED', objectKey: key });
    const proved = await cx.newUpload(other);
    assert.equal(await cx.videos.countObjectReferences(key), 2);
    await cx.uploads.transitionUpload(proved.id, ['UPLOADING'], 'COMPLETED', { objectKey: key });
    assert.equal(await cx.videos.countObjectReferences(key), 3);

    // Other statuses hold nothing, even when they still name the object.
    const failed = await cx.newUpload(other, { status: 'COMPLETED', objectKey: key });
    assert.equal(await cx.videos.countObjectReferences(key), 4);
    await cx.uploads.transitionUpload(failed.id, ['COMPLETED'], 'FAILED', { failure: 'gave up' });
    assert.equal(await cx.videos.countObjectReferences(key), 3);
    await cx.newUpload(other, { status: 'UPLOADING', objectKey: key });
    assert.equal(await cx.videos.countObjectReferences(key), 3);

    // Publishing swaps the upload's reference for its video's: the count stays.
    const published = await cx.videos.publish({ ...video(other, 'copy', { objectKey: key }), uploadId: instant.id });
    assert.ok(published);
    assert.equal((await cx.findUpload(instant.id)).status, 'PUBLISHED');
    assert.equal(await cx.videos.countObjectReferences(key), 3);

    // The original goes: the copy and the proved upload remain.
    assert.ok(await cx.videos.deleteVideo(original.id));
    assert.equal(await cx.videos.countObjectReferences(key), 2);
    assert.equal(await cx.videos.countVideosWithObject(key), 1);
    // An expired upload points at nothing.
    await cx.uploads.transitionUpload(proved.id, ['COMPLETED'], 'ABORTED', { failure: 'expired', objectKey: null });
    assert.equal(await cx.videos.countObjectReferences(key), 1);
    assert.ok(await cx.videos.deleteVideo(published.id));
    assert.equal(await cx.videos.countObjectReferences(key), 0, 'the last reference is gone');
    assert.equal(await cx.videos.countObjectReferences(none), 0);
  });

  test('lists videos newest first with cursor pagination, per uploader', async () => {
    const [u1, u2] = cx.users('u1', 'u2') as [string, string];
    const created: VideoRecord[] = [];
    for (let i = 0; i < 5; i++) created.push(await cx.videos.createVideo(video(i % 2 ? u1 : u2, `v${i}`)));

    const first = await cx.videos.listVideos({ limit: 2 });
    assert.deepEqual(first.items.map((v) => v.title), ['v4', 'v3']);
    assert.equal(first.hasNextPage, true);

    const byU2 = await cx.videos.listVideos({ limit: 2, uploaderId: u2 });
    assert.deepEqual(byU2.items.map((v) => v.title), ['v4', 'v2']);
    assert.equal(byU2.hasNextPage, true);
    const byU2Next = await cx.videos.listVideos({ limit: 2, uploaderId: u2, afterId: byU2.items[1]!.id });
    assert.deepEqual(byU2Next.items.map((v) => v.title), ['v0']);
    assert.equal(byU2Next.hasNextPage, false);
    const byU1 = await cx.videos.listVideos({ limit: 2, uploaderId: u1 });
    assert.deepEqual(byU1.items.map((v) => v.title), ['v3', 'v1']);
    assert.equal(byU1.hasNextPage, false);
    assert.deepEqual((await cx.videos.listVideos({ limit: 5, uploaderId: `nobody-${u1}` })).items, []);

    const all = await cx.videos.listVideos({ limit: 3, afterId: created[4]!.id });
    assert.deepEqual(all.items.map((v) => v.title), ['v3', 'v2', 'v1']);

    const found = await cx.videos.findVideosByIds([created[0]!.id, created[3]!.id, 'missing']);
    assert.deepEqual(found.map((v) => v.title).sort(), ['v0', 'v3']);
    const v0 = found.find((v) => v.title === 'v0')!;
    assert.deepEqual(v0.tags, ['t1', 't2']);
    assert.equal(v0.durationMs, 1500);
    assert.deepEqual(await cx.videos.findVideosByIds([]), []);
  });

  test('updateVideo bumps the version and keeps the fields it was not given', async () => {
    const [owner, fan] = cx.users('editor', 'fan') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'draft'));
    await cx.videos.like(v.id, fan);
    assert.equal((await cx.findVideo(v.id)).version, 2, 'a like changes what search ranks by');
    await sleep(10);

    const titled = await cx.videos.updateVideo(v.id, { title: 'final' });
    assert.ok(titled);
    assert.equal(titled.title, 'final');
    assert.equal(titled.description, 'about draft');
    assert.deepEqual(titled.tags, ['t1', 't2']);
    assert.equal(titled.version, 3);
    assert.equal(titled.likeCount, 1);
    assert.equal(titled.objectKey, v.objectKey);
    assert.ok(titled.updatedAt.getTime() > v.updatedAt.getTime());
    assert.equal(titled.createdAt.getTime(), v.createdAt.getTime());

    const retagged = await cx.videos.updateVideo(v.id, { tags: [], description: '' });
    assert.equal(retagged?.title, 'final');
    assert.equal(retagged?.description, '');
    assert.deepEqual(retagged?.tags, []);
    assert.equal(retagged?.version, 4);
    assert.deepEqual(await cx.findVideo(v.id), retagged);

    const both = await cx.videos.updateVideo(v.id, { title: 'final cut', tags: ['a', 'b', 'c'] });
    assert.equal(both?.version, 5);
    assert.deepEqual(both?.tags, ['a', 'b', 'c']);
    assert.equal(await cx.videos.updateVideo(`missing-${owner}`, { title: 'x' }), null);
  });

  test('counts views', async () => {
    const [owner] = cx.users('viewed') as [string];
    const v = await cx.videos.createVideo(video(owner, 'popular'));
    await Promise.all(Array.from({ length: 5 }, () => cx.videos.addView(v.id)));
    const viewed = await cx.findVideo(v.id);
    assert.equal(viewed.viewCount, 5);
    assert.equal(viewed.version, 6, 'each view is a new version: search ranks by views');
    await cx.videos.addView(`missing-${owner}`);
  });

  test('likes are exact under concurrent likes and unlikes', async () => {
    const [owner, prefix] = cx.users('star', 'liker') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'liked'));
    const other = await cx.videos.createVideo(video(owner, 'other'));
    const likers = Array.from({ length: 25 }, (_, i) => `${prefix}-${i}`);

    const likes = await Promise.all([...likers, ...likers].map((u) => cx.videos.like(v.id, u)));
    assert.equal(likes.filter(Boolean).length, 25);
    assert.equal((await cx.findVideo(v.id)).likeCount, 25);
    assert.equal((await cx.findVideo(other.id)).likeCount, 0);
    assert.equal(await cx.videos.like(v.id, likers[0]!), false, 'liking twice');

    const unlikes = await Promise.all(likers.slice(0, 10).flatMap((u) => [cx.videos.unlike(v.id, u), cx.videos.unlike(v.id, u)]));
    assert.equal(unlikes.filter(Boolean).length, 10);
    assert.equal((await cx.findVideo(v.id)).likeCount, 15);
    assert.equal(await cx.videos.unlike(v.id, likers[0]!), false, 'unliking what is not liked');
    assert.equal((await cx.findVideo(v.id)).likeCount, 15);
    // One new version per like and unlike that changed the count, none for the refused ones.
    assert.equal((await cx.findVideo(v.id)).version, 1 + 25 + 10);
    assert.equal((await cx.findVideo(other.id)).version, 1);

    assert.deepEqual(await cx.videos.likedAmong(likers[24]!, [v.id, other.id, 'missing']), new Set([v.id]));
    assert.deepEqual(await cx.videos.likedAmong(likers[0]!, [v.id, other.id]), new Set());
    assert.deepEqual(await cx.videos.likedAmong(likers[24]!, []), new Set());

    assert.equal(await cx.videos.like(`missing-${owner}`, likers[0]!), false, 'liking a missing video');
    assert.deepEqual(await cx.videos.likedAmong(likers[0]!, [`missing-${owner}`]), new Set());
    assert.equal(await cx.videos.unlike(`missing-${owner}`, likers[0]!), false);

    // Liking again after an unlike counts again.
    assert.equal(await cx.videos.like(v.id, likers[0]!), true);
    assert.equal((await cx.findVideo(v.id)).likeCount, 16);
  });

  test('deleteVideo removes likes, comments, danmaku and folder entries, and fixes folder counts', async () => {
    const [owner, u1, u2] = cx.users('owner', 'u1', 'u2') as [string, string, string];
    const v = await cx.videos.createVideo(video(owner, 'doomed'));
    const w = await cx.videos.createVideo(video(owner, 'survivor'));
    await cx.videos.like(v.id, u1);
    await cx.videos.like(v.id, u2);
    await cx.videos.like(w.id, u1);
    const root = await cx.comments.addComment({ videoId: v.id, authorId: u1, parentId: null, text: 'root' });
    const reply = await cx.comments.addComment({ videoId: v.id, authorId: u2, parentId: root.id, text: 'reply' });
    const kept = await cx.comments.addComment({ videoId: w.id, authorId: u1, parentId: null, text: 'kept' });
    await cx.danmaku.addDanmaku({ videoId: v.id, userId: u1, text: 'gone', timeMs: 10, color: '#fff', mode: 'SCROLL' });
    await cx.danmaku.addDanmaku({ videoId: w.id, userId: u1, text: 'stays', timeMs: 10, color: '#fff', mode: 'BOTTOM' });
    const f1 = await cx.favourites.createFolder({ ownerId: u1, name: 'f1', isPublic: true });
    const f2 = await cx.favourites.createFolder({ ownerId: u2, name: 'f2', isPublic: false });
    await cx.favourites.addToFolder(f1.id, v.id);
    await cx.favourites.addToFolder(f1.id, w.id);
    await cx.favourites.addToFolder(f2.id, v.id);

    const deleted = await cx.videos.deleteVideo(v.id);
    assert.equal(deleted?.id, v.id);
    assert.equal(deleted?.title, 'doomed');
    assert.equal(deleted?.likeCount, 2);
    assert.equal(deleted?.commentCount, 2);

    assert.deepEqual(await cx.videos.findVideosByIds([v.id]), []);
    assert.deepEqual(await cx.videos.likedAmong(u1, [v.id, w.id]), new Set([w.id]));
    assert.deepEqual(await cx.videos.likedAmong(u2, [v.id, w.id]), new Set());
    assert.deepEqual(await cx.comments.findCommentsByIds([root.id, reply.id]), []);
    assert.deepEqual((await cx.comments.listComments({ videoId: v.id, parentId: null, limit: 10 })).items, []);
    assert.deepEqual(await cx.danmaku.listDanmaku({ videoId: v.id, fromMs: 0, toMs: 1000, limit: 10 }), []);
    assert.equal((await cx.folderOf(f1.id)).itemCount, 1);
    assert.equal((await cx.folderOf(f2.id)).itemCount, 0);
    assert.deepEqual((await cx.favourites.listFolderVideos(f1.id, { limit: 10 })).items.map((i) => i.videoId), [w.id]);
    assert.deepEqual((await cx.favourites.listFolderVideos(f2.id, { limit: 10 })).items, []);

    // The other video keeps everything.
    const survivor = await cx.findVideo(w.id);
    assert.equal(survivor.likeCount, 1);
    assert.equal(survivor.commentCount, 1);
    assert.deepEqual(await cx.comments.findCommentsByIds([kept.id]), [kept]);
    assert.deepEqual((await cx.danmaku.listDanmaku({ videoId: w.id, fromMs: 0, toMs: 1000, limit: 10 })).map((d) => d.text), ['stays']);

    assert.equal(await cx.videos.deleteVideo(v.id), null, 'already deleted');
    assert.equal(await cx.videos.like(v.id, u1), false, 'a deleted video cannot be liked');
    assert.equal((await cx.folderOf(f1.id)).itemCount, 1);
  });

  test('data survives reopening the store, with its unique constraints', async () => {
    const [owner, fan] = cx.users('owner', 'fan') as [string, string];
    const u = await cx.newUpload(owner);
    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 0)), true);
    await cx.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/kept.mp4' });
    const v = await cx.videos.publish({ ...video(owner, 'kept'), uploadId: u.id });
    assert.ok(v);
    await cx.videos.like(v.id, fan);
    const c = await cx.comments.addComment({ videoId: v.id, authorId: fan, parentId: null, text: 'still here' });
    await cx.danmaku.addDanmaku({ videoId: v.id, userId: fan, text: 'still flying', timeMs: 5, color: '#fff', mode: 'SCROLL' });
    const f = await cx.favourites.createFolder({ ownerId: fan, name: 'kept', isPublic: true });
    await cx.favourites.addToFolder(f.id, v.id);

    await cx.reopen();
    await cx.ping();

    const upload = await cx.findUpload(u.id);
    assert.equal(upload.status, 'PUBLISHED');
    assert.equal(upload.objectKey, 'merged/kept.mp4');
    assert.deepEqual(await cx.uploads.listChunks(u.id), [chunk(u.id, 0)]);
    const reopened = await cx.findVideo(v.id);
    assert.deepEqual({ ...reopened, updatedAt: null }, { ...v, likeCount: 1, commentCount: 1, version: 2, updatedAt: null });
    assert.deepEqual(await cx.videos.likedAmong(fan, [v.id]), new Set([v.id]));
    assert.deepEqual((await cx.comments.listComments({ videoId: v.id, parentId: null, limit: 10 })).items, [c]);
    assert.deepEqual((await cx.danmaku.listDanmaku({ videoId: v.id, fromMs: 0, toMs: 10, limit: 10 })).map((d) => d.text), ['still flying']);
    assert.deepEqual((await cx.favourites.listFolders([fan])).get(fan)!.map((x) => [x.id, x.itemCount]), [[f.id, 1]]);
    assert.deepEqual((await cx.favourites.listFolderVideos(f.id, { limit: 10 })).items.map((i) => i.videoId), [v.id]);

    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 0, 'late')), false);
    assert.equal(await cx.videos.publish({ ...video(owner, 'twice'), uploadId: u.id }), null);
    assert.equal(await cx.videos.like(v.id, fan), false);
    assert.equal(await cx.favourites.addToFolder(f.id, v.id), false);
    assert.equal((await cx.findVideo(v.id)).likeCount, 1);
  });
  test('publishing is all or nothing: a failure after the upload moved leaves it COMPLETED and no video', async () => {
    const [owner] = cx.users('atomic-publisher') as [string];
    const u = await cx.completedUpload(owner);
    cx.failAfter('publish: upload moved');
    await assert.rejects(cx.videos.publish({ ...video(owner, 'interrupted', { objectKey: u.objectKey! }), uploadId: u.id }), InjectedFault);
    const after = await cx.findUpload(u.id);
    assert.equal(after.status, 'COMPLETED', 'the status change was rolled back');
    assert.deepEqual((await cx.videos.listVideos({ uploaderId: owner, limit: 10 })).items, [], 'no video');
    assert.equal(await cx.videos.countObjectReferences(u.objectKey!), 1, 'the upload still holds its object');

    // The same publish then goes through once.
    const v = await cx.videos.publish({ ...video(owner, 'retried', { objectKey: u.objectKey! }), uploadId: u.id });
    assert.ok(v);
    assert.equal((await cx.findUpload(u.id)).status, 'PUBLISHED');
    assert.equal(await cx.videos.countObjectReferences(u.objectKey!), 1, 'now held by the video');
  });

  test('a like and its count change together or not at all; so do an unlike and its count', async () => {
    const [owner, fan] = cx.users('atomic-star', 'atomic-fan') as [string, string];
    const v = await cx.videos.createVideo(video(owner, 'atomic'));

    cx.failAfter('like: like stored');
    await assert.rejects(cx.videos.like(v.id, fan), InjectedFault);
    assert.deepEqual(await cx.videos.likedAmong(fan, [v.id]), new Set(), 'the like was rolled back');
    const untouched = await cx.findVideo(v.id);
    assert.equal(untouched.likeCount, 0);
    assert.equal(untouched.version, 1);

    assert.equal(await cx.videos.like(v.id, fan), true, 'the like goes through once the failure is gone');
    assert.equal((await cx.findVideo(v.id)).likeCount, 1);

    cx.failAfter('unlike: like removed');
    await assert.rejects(cx.videos.unlike(v.id, fan), InjectedFault);
    assert.deepEqual(await cx.videos.likedAmong(fan, [v.id]), new Set([v.id]), 'the removal was rolled back');
    const kept = await cx.findVideo(v.id);
    assert.equal(kept.likeCount, 1);
    assert.equal(kept.version, 2);

    assert.equal(await cx.videos.unlike(v.id, fan), true);
    const after = await cx.findVideo(v.id);
    assert.equal(after.likeCount, 0);
    assert.equal(after.version, 3);
  });

});
