/**
 * The uploads port's contract (store/uploads.ts), on every adapter.
 *
 * Guarantees both adapters give, tested here:
 * - a chunk index is recorded at most once, the first object wins, and a
 *   recorded chunk touches its upload (SQLite: one transaction; MongoDB: a
 *   unique index, then a $max on updatedAt);
 * - a status change is a compare-and-set: of concurrent transitions exactly one applies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UploadStatus } from './uploads.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { chunk, describeContract, onlyOne } from './contract.js';

describeContract('uploads', (cx) => {
  test('creates uploads with a given or a generated id and counts the active ones per owner', async () => {
    const [owner, other] = cx.users('owner', 'other') as [string, string];
    const given = `upload-${owner}`;
    const a = await cx.newUpload(owner, { id: given });
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
    assert.deepEqual(await cx.uploads.findUpload(given), a);

    const b = await cx.newUpload(owner);
    const c = await cx.newUpload(owner);
    assert.ok(b.id && c.id && b.id !== c.id && b.id !== given);
    // An instant upload is created already COMPLETED with the stored object.
    const instant = await cx.newUpload(owner, { status: 'COMPLETED', objectKey: 'videos/existing.mp4' });
    assert.equal((await cx.findUpload(instant.id)).objectKey, 'videos/existing.mp4');
    await cx.newUpload(other);

    assert.equal(await cx.uploads.countActiveUploads(owner), 3);
    assert.equal(await cx.uploads.countActiveUploads(other), 1);
    assert.equal(await cx.uploads.countActiveUploads(`nobody-${owner}`), 0);
    await cx.uploads.transitionUpload(b.id, ['UPLOADING'], 'ABORTED');
    assert.equal(await cx.uploads.countActiveUploads(owner), 2);

    await assert.rejects(cx.newUpload(other, { id: given }), 'an id is used once');
    assert.equal((await cx.findUpload(given)).ownerId, owner);
    assert.equal(await cx.uploads.findUpload(`missing-${owner}`), null);
  });

  test('records each chunk index once, touches the upload, lists chunks in order', async () => {
    const [owner] = cx.users('chunker') as [string];
    const u = await cx.newUpload(owner);
    const other = await cx.newUpload(owner);
    await sleep(10);

    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 2)), true);
    const touched = await cx.findUpload(u.id);
    assert.ok(touched.updatedAt.getTime() > u.updatedAt.getTime(), 'recording a chunk touches the upload');
    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 0)), true);
    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 1, 'a', false)), true);
    assert.equal(await cx.uploads.recordChunk(chunk(other.id, 0, 'other')), true);

    // A retried chunk is told it is a duplicate and changes nothing, not even updatedAt.
    const beforeRetry = (await cx.findUpload(u.id)).updatedAt;
    await sleep(10);
    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 1, 'retry')), false);
    assert.equal((await cx.findUpload(u.id)).updatedAt.getTime(), beforeRetry.getTime());

    const listed = await cx.uploads.listChunks(u.id);
    assert.deepEqual(listed, [chunk(u.id, 0), chunk(u.id, 1, 'a', false), chunk(u.id, 2)], 'an unverified chunk stays unverified');

    // 20 concurrent records of one index: exactly one is recorded, and it is the stored one.
    const raced = await Promise.all(Array.from({ length: 20 }, (_, i) => cx.uploads.recordChunk(chunk(other.id, 1, `racer${i}`))));
    const winner = onlyOne(raced, 'record of one chunk index');
    const stored = (await cx.uploads.listChunks(other.id)).map((c) => c.objectKey);
    assert.deepEqual(stored, [chunk(other.id, 0, 'other').objectKey, chunk(other.id, 1, `racer${winner}`).objectKey]);

    await assert.rejects(cx.uploads.recordChunk(chunk(`missing-${owner}`, 0)), 'a chunk of a missing upload is refused');
    assert.deepEqual(await cx.uploads.listChunks(`missing-${owner}`), []);

    assert.equal(u.droppedRounds, 0);
    await cx.uploads.dropChunks(u.id, [0, 2]);
    assert.deepEqual(await cx.uploads.listChunks(u.id), [chunk(u.id, 1, 'a', false)], 'only the named indexes go');
    assert.equal((await cx.findUpload(u.id)).droppedRounds, 1, 'the round is counted');
    assert.equal((await cx.uploads.listChunks(other.id)).length, 2, 'the same indexes of other uploads stay');
    assert.equal((await cx.findUpload(other.id)).droppedRounds, 0);
    await cx.uploads.dropChunks(u.id, [1]);
    assert.equal((await cx.findUpload(u.id)).droppedRounds, 2, 'every round is counted');
    await cx.uploads.deleteChunks(u.id);
    assert.deepEqual(await cx.uploads.listChunks(u.id), []);
    assert.equal((await cx.uploads.listChunks(other.id)).length, 2, 'other uploads keep their chunks');
    assert.equal(await cx.uploads.recordChunk(chunk(u.id, 0, 'again')), true, 'an index can be recorded again after deleteChunks');
    await cx.uploads.deleteChunks(`missing-${owner}`);
  });

  test('transitions an upload only from the expected statuses (compare-and-set)', async () => {
    const [owner] = cx.users('cas') as [string];
    const u = await cx.newUpload(owner);
    await sleep(10);

    assert.equal(await cx.uploads.transitionUpload(u.id, ['COMPLETED'], 'PUBLISHED'), null);
    assert.equal((await cx.findUpload(u.id)).status, 'UPLOADING');

    const completed = await cx.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: 'merged/x.mp4' });
    assert.ok(completed);
    assert.equal(completed.status, 'COMPLETED');
    assert.equal(completed.objectKey, 'merged/x.mp4');
    assert.equal(completed.failure, null);
    assert.ok(completed.updatedAt.getTime() > u.updatedAt.getTime());
    assert.equal(completed.createdAt.getTime(), u.createdAt.getTime());
    assert.deepEqual(await cx.uploads.findUpload(u.id), completed);

    // Fields not named in `changes` keep their values; null clears one.
    const failed = await cx.uploads.transitionUpload(u.id, ['UPLOADING', 'COMPLETED'], 'FAILED', { failure: 'checksum mismatch' });
    assert.equal(failed?.status, 'FAILED');
    assert.equal(failed?.objectKey, 'merged/x.mp4');
    assert.equal(failed?.failure, 'checksum mismatch');
    const aborted = await cx.uploads.transitionUpload(u.id, ['FAILED'], 'ABORTED', { objectKey: null });
    assert.equal(aborted?.objectKey, null);
    assert.equal(aborted?.failure, 'checksum mismatch');

    assert.equal(await cx.uploads.transitionUpload(`missing-${owner}`, ['UPLOADING'], 'ABORTED'), null);
    assert.equal(await cx.uploads.transitionUpload(u.id, [], 'UPLOADING'), null);

    // Concurrent transitions out of the same status: exactly one wins and its outcome is what is stored.
    const raced = await cx.newUpload(owner);
    const targets: UploadStatus[] = ['COMPLETED', 'ABORTED'];
    const two = await Promise.all(targets.map((to) => cx.uploads.transitionUpload(raced.id, ['UPLOADING'], to, to === 'COMPLETED' ? { objectKey: 'merged/raced.mp4' } : {})));
    const winner = two[onlyOne(two, 'of two concurrent transitions')]!;
    const stored = await cx.findUpload(raced.id);
    assert.equal(stored.status, winner.status);
    assert.equal(stored.objectKey, winner.objectKey);

    const many = await cx.newUpload(owner);
    const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => cx.uploads.transitionUpload(many.id, ['UPLOADING'], i % 2 ? 'COMPLETED' : 'FAILED', { failure: `attempt ${i}` })));
    const tenWinner = ten[onlyOne(ten, 'of ten concurrent transitions')]!;
    assert.equal((await cx.findUpload(many.id)).failure, tenWinner.failure);
  });

  test('lists stale uploads: UPLOADING and untouched since the cutoff, oldest first', async () => {
    const [owner] = cx.users('stale') as [string];
    const oldest = await cx.newUpload(owner);
    await sleep(10);
    const older = await cx.newUpload(owner);
    const completed = await cx.completedUpload(owner);
    const active = await cx.newUpload(owner);
    await sleep(10);
    const cutoff = new Date();
    await sleep(10);
    const fresh = await cx.newUpload(owner);
    assert.equal(await cx.uploads.recordChunk(chunk(active.id, 0)), true, 'a chunk after the cutoff keeps the upload alive');

    const stale = await cx.uploads.listStaleUploads(cutoff, 1000);
    const mine = stale.filter((u) => u.ownerId === owner).map((u) => u.id);
    assert.deepEqual(mine, [oldest.id, older.id]);
    assert.ok(!mine.includes(completed.id) && !mine.includes(active.id) && !mine.includes(fresh.id));
    assert.ok(stale.every((u) => u.status === 'UPLOADING' && u.updatedAt.getTime() < cutoff.getTime()));
    const times = stale.map((u) => u.updatedAt.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    assert.equal((await cx.uploads.listStaleUploads(cutoff, 1)).length, 1);
    assert.deepEqual((await cx.uploads.listStaleUploads(new Date(0), 10)).length, 0);

    // Other statuses when asked for: completed uploads never published expire too.
    const both = (await cx.uploads.listStaleUploads(cutoff, 1000, ['UPLOADING', 'COMPLETED'])).filter((u) => u.ownerId === owner);
    assert.deepEqual(both.map((u) => u.id), [oldest.id, older.id, completed.id], 'oldest first across statuses');
    const onlyCompleted = (await cx.uploads.listStaleUploads(cutoff, 1000, ['COMPLETED'])).filter((u) => u.ownerId === owner);
    assert.deepEqual(onlyCompleted.map((u) => [u.id, u.status, u.objectKey]), [[completed.id, 'COMPLETED', completed.objectKey]]);
    assert.deepEqual(await cx.uploads.listStaleUploads(cutoff, 1000, []), []);
  });
});
