import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adapterFixtures } from '../../test/adapters.js';
import type { NewVideo, VideoStore } from './store.js';
import { MongoVideoStore } from './store.mongo.js';
import { SqliteVideoStore } from './store.sqlite.js';

const video = (uploaderId: string, title: string): NewVideo => ({
  uploaderId,
  title,
  description: `about ${title}`,
  tags: ['t1', 't2'],
  objectKey: `videos/${title}.mp4`,
  coverKey: null,
  sha256: 'f'.repeat(64),
  size: 10,
  durationMs: 1500,
  width: 640,
  height: 360,
});

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

    test('lists newest first with cursor pagination, per uploader', async () => {
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await store.createVideo(video(i % 2 ? 'u1' : 'u2', `v${i}`)));
      const first = await store.listVideos({ limit: 2 });
      assert.deepEqual(first.items.map((v) => v.title), ['v4', 'v3']);
      assert.equal(first.hasNextPage, true);
      const second = await store.listVideos({ limit: 10, afterId: first.items[1]!.id });
      assert.deepEqual(second.items.map((v) => v.title), ['v2', 'v1', 'v0']);
      assert.equal(second.hasNextPage, false);
      const byU1 = await store.listVideos({ limit: 10, uploaderId: 'u1' });
      assert.deepEqual(byU1.items.map((v) => v.title), ['v3', 'v1']);
      const found = await store.findVideosByIds([created[0]!.id, 'missing']);
      assert.equal(found.length, 1);
      assert.deepEqual(found[0]!.tags, ['t1', 't2']);
      assert.equal(found[0]!.durationMs, 1500);
    });
  });
}
