/**
 * Shared set-up of the video store's contract suites (store/*.contract.test.ts):
 * each suite runs against every adapter available (SQLite always, MongoDB when
 * MONGODB_URI is set; testing/adapters.ts), on all ports of one database, with
 * a probe that can make an all-or-nothing operation fail right after its first
 * write.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe } from 'node:test';
import { adapterFixtures, faultProbe, storeHooks, type AdapterFixture } from '../../../testing/adapters.js';
import type { CommentRecord, CommentStore } from './comments.js';
import type { DanmakuStore } from './danmaku.js';
import type { FavouriteStore, FolderRecord } from './favourites.js';
import { mongoVideoStores, sqliteVideoStores, type VideoStores } from './index.js';
import type { AdapterOptions, AtomicStep } from './probe.js';
import type { UploadRecord, UploadStatus, UploadStore } from './uploads.js';
import type { NewVideo, VideoRecord, VideoStore } from './videos.js';

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export const video = (uploaderId: string, title: string, over: Partial<NewVideo> = {}): NewVideo => ({
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

export const chunk = (uploadId: string, index: number, tag = 'a', verified = true) => ({
  uploadId,
  index,
  size: 1024,
  sha256: sha(`${uploadId}/${index}/${tag}`),
  objectKey: `chunks/${uploadId}/${index}-${tag}`,
  verified,
});

/** Exactly one element is truthy; returns its index. */
export function onlyOne(results: readonly unknown[], what: string): number {
  const winners = results.flatMap((r, i) => (r ? [i] : []));
  assert.equal(winners.length, 1, `exactly one ${what} succeeds, got ${winners.length}`);
  return winners[0]!;
}

export interface Contract {
  readonly adapter: AdapterFixture<VideoStores>['name'];
  readonly uploads: UploadStore;
  readonly videos: VideoStore;
  readonly comments: CommentStore;
  readonly danmaku: DanmakuStore;
  readonly favourites: FavouriteStore;
  /** The next operation reaching `step` fails right after that write, inside its transaction. */
  failAfter(step: AtomicStep): void;
  /** Closes the stores and opens them again on the same data (a restart). */
  reopen(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Users of the calling test's own: the suite shares one database, and
   * per-user answers (active uploads, an uploader's videos, folders) must not
   * see other tests.
   */
  users(...names: string[]): string[];
  newUpload(ownerId: string, over?: { id?: string; status?: UploadStatus; objectKey?: string | null }): Promise<UploadRecord>;
  completedUpload(ownerId: string): Promise<UploadRecord>;
  findVideo(id: string): Promise<VideoRecord>;
  findUpload(id: string): Promise<UploadRecord>;
  folderOf(id: string): Promise<FolderRecord>;
  commentOf(id: string): Promise<CommentRecord>;
}

/** Declares the suite `body` once per adapter, as `video <port> store contract (<adapter>)`. */
export function describeContract(port: string, body: (c: Contract) => void): void {
  const probe = faultProbe<AtomicStep>();
  const options: AdapterOptions = { afterWrite: probe.afterWrite };
  const makers = adapterFixtures<VideoStores>('video', { sqlite: (db) => sqliteVideoStores(db, options), mongo: (conn) => mongoVideoStores(conn, options) });
  for (const makeFixture of makers) {
    const fixture = makeFixture();
    let stores: VideoStores;
    let counter = 0;
    const c: Contract = {
      adapter: fixture.name,
      get uploads() {
        return stores.uploads;
      },
      get videos() {
        return stores.videos;
      },
      get comments() {
        return stores.comments;
      },
      get danmaku() {
        return stores.danmaku;
      },
      get favourites() {
        return stores.favourites;
      },
      failAfter: probe.failAfter,
      async reopen() {
        await stores.dispose();
        stores = await fixture.open();
      },
      ping: () => stores.ping(),
      users: (...names) => {
        const n = ++counter;
        return names.map((name) => `${name}-${n}`);
      },
      newUpload: (ownerId, over = {}) =>
        stores.uploads.createUpload({ ownerId, filename: 'clip.mp4', size: 3000, sha256: sha(`${ownerId}/clip`), chunkSize: 1024, chunkCount: 3, status: 'UPLOADING', objectKey: null, ...over }),
      async completedUpload(ownerId) {
        const u = await c.newUpload(ownerId);
        const done = await stores.uploads.transitionUpload(u.id, ['UPLOADING'], 'COMPLETED', { objectKey: `merged/${u.id}` });
        assert.ok(done);
        return done;
      },
      async findVideo(id) {
        const [v] = await stores.videos.findVideosByIds([id]);
        assert.ok(v, `video ${id} exists`);
        return v;
      },
      async findUpload(id) {
        const u = await stores.uploads.findUpload(id);
        assert.ok(u, `upload ${id} exists`);
        return u;
      },
      async folderOf(id) {
        const [f] = await stores.favourites.findFoldersByIds([id]);
        assert.ok(f, `folder ${id} exists`);
        return f;
      },
      async commentOf(id) {
        const [x] = await stores.comments.findCommentsByIds([id]);
        assert.ok(x, `comment ${id} exists`);
        return x;
      },
    };
    describe(`video ${port} store contract (${fixture.name})`, () => {
      storeHooks(fixture, (opened) => (stores = opened), () => stores);
      body(c);
    });
  }
}
