/**
 * The favourites port's contract (store/favourites.ts), on every adapter: a
 * video is in a folder at most once and itemCount moves only with the call that
 * added or removed an entry, also under concurrency.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VideoRecord } from './videos.js';
import { describeContract, onlyOne, video } from './contract.js';

describeContract('favourites', (cx) => {
  test('folders: create, list for many owners in one call, update, delete', async () => {
    const [a, b, c] = cx.users('a', 'b', 'c') as [string, string, string];
    const later = await cx.favourites.createFolder({ ownerId: a, name: 'Watch later', isPublic: false });
    const music = await cx.favourites.createFolder({ ownerId: a, name: 'Music', isPublic: true });
    const mine = await cx.favourites.createFolder({ ownerId: b, name: 'Mine', isPublic: true });
    assert.equal(later.ownerId, a);
    assert.equal(later.name, 'Watch later');
    assert.equal(later.isPublic, false);
    assert.equal(later.itemCount, 0);
    assert.ok(later.createdAt instanceof Date);
    assert.deepEqual(await cx.folderOf(later.id), later);

    const byOwner = await cx.favourites.listFolders([a, b, c]);
    assert.deepEqual([...byOwner.keys()].sort(), [a, b, c].sort());
    assert.deepEqual(byOwner.get(a)!.map((f) => f.name), ['Watch later', 'Music'], 'in creation order');
    assert.deepEqual(byOwner.get(b)!.map((f) => f.id), [mine.id]);
    assert.deepEqual(byOwner.get(c), []);
    assert.equal((await cx.favourites.listFolders([])).size, 0);

    const renamed = await cx.favourites.updateFolder(later.id, { name: 'Later' });
    assert.equal(renamed?.name, 'Later');
    assert.equal(renamed?.isPublic, false);
    const opened = await cx.favourites.updateFolder(later.id, { isPublic: true });
    assert.equal(opened?.name, 'Later');
    assert.equal(opened?.isPublic, true);
    const closed = await cx.favourites.updateFolder(later.id, { isPublic: false });
    assert.equal(closed?.isPublic, false);
    assert.deepEqual(await cx.favourites.updateFolder(later.id, {}), closed);
    assert.equal(await cx.favourites.updateFolder(`missing-${a}`, { name: 'x' }), null);

    const found = await cx.favourites.findFoldersByIds([later.id, mine.id, 'missing']);
    assert.deepEqual(found.map((f) => f.id).sort(), [later.id, mine.id].sort());
    assert.deepEqual(await cx.favourites.findFoldersByIds([]), []);

    assert.equal(await cx.favourites.deleteFolder(music.id), true);
    assert.equal(await cx.favourites.deleteFolder(music.id), false);
    assert.deepEqual(await cx.favourites.findFoldersByIds([music.id]), []);
    assert.deepEqual((await cx.favourites.listFolders([a])).get(a)!.map((f) => f.id), [later.id]);
  });

  test('folder entries: idempotent add and remove with itemCount, newest first paging', async () => {
    const [owner] = cx.users('collector') as [string];
    const f = await cx.favourites.createFolder({ ownerId: owner, name: 'Favourites', isPublic: true });
    const other = await cx.favourites.createFolder({ ownerId: owner, name: 'Other', isPublic: true });
    const vs: VideoRecord[] = [];
    for (let i = 0; i < 5; i++) vs.push(await cx.videos.createVideo(video(owner, `fav${i}`)));
    const [v0, v1, v2, v3, v4] = vs.map((v) => v.id) as [string, string, string, string, string];

    assert.equal(await cx.favourites.addToFolder(f.id, v0), true);
    assert.equal(await cx.favourites.addToFolder(f.id, v0), false);
    assert.equal((await cx.folderOf(f.id)).itemCount, 1);

    const raced = await Promise.all(Array.from({ length: 10 }, () => cx.favourites.addToFolder(f.id, v1)));
    onlyOne(raced, 'concurrent add of one video');
    assert.equal((await cx.folderOf(f.id)).itemCount, 2);

    assert.equal(await cx.favourites.removeFromFolder(f.id, v1), true);
    assert.equal(await cx.favourites.removeFromFolder(f.id, v1), false);
    assert.equal((await cx.folderOf(f.id)).itemCount, 1);
    const removed = await Promise.all(Array.from({ length: 10 }, () => cx.favourites.removeFromFolder(f.id, v0)));
    onlyOne(removed, 'concurrent removal of one video');
    assert.equal((await cx.folderOf(f.id)).itemCount, 0);

    for (const id of [v0, v1, v2, v3, v4]) assert.equal(await cx.favourites.addToFolder(f.id, id), true);
    assert.equal(await cx.favourites.addToFolder(other.id, v0), true);
    assert.equal((await cx.folderOf(f.id)).itemCount, 5);
    assert.equal((await cx.folderOf(other.id)).itemCount, 1);

    const p1 = await cx.favourites.listFolderVideos(f.id, { limit: 2 });
    assert.deepEqual(p1.items.map((i) => i.videoId), [v4, v3]);
    assert.equal(p1.hasNextPage, true);
    const p2 = await cx.favourites.listFolderVideos(f.id, { limit: 2, after: p1.items[1]!.cursor });
    assert.deepEqual(p2.items.map((i) => i.videoId), [v2, v1]);
    assert.equal(p2.hasNextPage, true);
    const p3 = await cx.favourites.listFolderVideos(f.id, { limit: 2, after: p2.items[1]!.cursor });
    assert.deepEqual(p3.items.map((i) => i.videoId), [v0]);
    assert.equal(p3.hasNextPage, false);

    // Adding again after a removal puts the video at the top.
    await cx.favourites.removeFromFolder(f.id, v0);
    await cx.favourites.addToFolder(f.id, v0);
    assert.deepEqual((await cx.favourites.listFolderVideos(f.id, { limit: 2 })).items.map((i) => i.videoId), [v0, v4]);
    assert.equal((await cx.folderOf(f.id)).itemCount, 5);

    await assert.rejects(cx.favourites.addToFolder(`missing-${owner}`, v0), 'an entry in a missing folder is refused');
    assert.deepEqual((await cx.favourites.listFolderVideos(`missing-${owner}`, { limit: 10 })).items, []);
    assert.equal(await cx.favourites.removeFromFolder(`missing-${owner}`, v0), false);

    assert.equal(await cx.favourites.deleteFolder(f.id), true);
    assert.deepEqual(await cx.favourites.listFolderVideos(f.id, { limit: 10 }), { items: [], hasNextPage: false });
    assert.deepEqual((await cx.favourites.listFolderVideos(other.id, { limit: 10 })).items.map((i) => i.videoId), [v0]);
  });
});
