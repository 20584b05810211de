/**
 * The search port's contract, run against the embedded index always and against
 * Elasticsearch when ELASTICSEARCH_URL is set (e.g. after `docker compose up -d elasticsearch`).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Client } from '@elastic/elasticsearch';
import { createElasticsearchIndex, indexNames } from './elasticsearch.js';
import { createEmbeddedIndex } from './embedded.js';
import { createSearchIndex } from './index.js';
import type { SearchDocument, SearchIndex } from './port.js';

interface Subject {
  index: SearchIndex;
  cleanup?: () => Promise<void>;
}

const VIDEOS: SearchDocument[] = [
  {
    kind: 'video',
    id: 'v1',
    version: 1,
    title: 'Learning TypeScript generics',
    description: 'A deep dive into generic types, constraints and inference.',
    tags: ['typescript', 'programming'],
    uploaderName: 'alice',
    popularity: 50,
    createdAt: '2025-01-02T03:04:05.000Z',
  },
  { kind: 'video', id: 'v2', version: 1, title: 'Cooking pasta at home', tags: ['food', 'kitchen'], popularity: 80 },
  { kind: 'video', id: 'v3', version: 1, title: 'TypeScript vs JavaScript', tags: ['javascript'], popularity: 10 },
  { kind: 'video', id: 'v4', version: 1, title: '猫咪弹钢琴', tags: ['萌宠'], popularity: 30 },
  { kind: 'video', id: 'v5', version: 1, title: 'Tom & Jerry <3 cartoons', popularity: 1 },
  { kind: 'video', id: 'v6', version: 1, title: 'Rust for beginners', tags: ['programming'], popularity: 5 },
];
const USERS: SearchDocument[] = [
  { kind: 'user', id: 'u1', version: 1, username: 'tsfan', displayName: 'TypeScript Fan', bio: 'I love generics', popularity: 3 },
  { kind: 'user', id: 'u2', version: 1, username: 'alice', displayName: 'Alice Liddell', bio: 'Cooking and travel', popularity: 7 },
];

function ids(hits: { id: string }[]): string[] {
  return hits.map((h) => h.id).sort();
}

function searchContract(name: string, factory: () => Promise<Subject>): void {
  describe(`search port contract: ${name}`, () => {
    let subject: Subject;
    let index: SearchIndex;

    before(async () => {
      subject = await factory();
      index = subject.index;
      await index.ensureReady();
      await index.ensureReady(); // idempotent
      await index.ping();
    });
    after(async () => {
      await subject?.cleanup?.();
      await index?.dispose();
    });
    beforeEach(async () => {
      await index.clear();
      const results = await index.upsert([...VIDEOS, ...USERS]);
      assert.ok(results.every((r) => r.ok && !r.skipped), JSON.stringify(results));
    });

    it('finds a title despite a typo, boosted fields first, with <em> highlights', async () => {
      const { hits } = await index.search({ text: 'typescrpt', kinds: ['video'] });
      assert.deepEqual(ids(hits), ['v1', 'v3']);
      // v1 matches in title and tags, v3 in its title only.
      assert.equal(hits[0]?.id, 'v1');
      const title = hits[0]?.highlights.find((h) => h.field === 'title');
      assert.deepEqual(title?.fragments, ['Learning <em>TypeScript</em> generics']);
      assert.ok(hits.every((h) => h.kind === 'video' && h.score > 0));

      const generics = await index.search({ text: 'generics' });
      // A title match (boost 3) outranks the same word in a bio (boost 1).
      assert.deepEqual(generics.hits.map((h) => h.id), ['v1', 'u1']);
      const bio = generics.hits[1]?.highlights.find((h) => h.field === 'bio');
      assert.deepEqual(bio?.fragments, ['I love <em>generics</em>']);
    });

    it('escapes highlighted text so that only <em> is markup', async () => {
      const { hits } = await index.search({ text: 'jerry' });
      assert.equal(hits[0]?.id, 'v5');
      assert.deepEqual(hits[0]?.highlights, [{ field: 'title', fragments: ['Tom &amp; <em>Jerry</em> &lt;3 cartoons'] }]);
    });

    it('finds Chinese titles by their characters', async () => {
      const { hits } = await index.search({ text: '钢琴' });
      assert.deepEqual(ids(hits), ['v4']);
      assert.match(hits[0]?.highlights[0]?.fragments[0] ?? '', /<em>钢<\/em>|<em>钢琴<\/em>/);
    });

    it('filters by kind', async () => {
      const users = await index.search({ text: 'typescript', kinds: ['user'] });
      assert.deepEqual(users.hits.map((h) => [h.kind, h.id]), [['user', 'u1']]);
      const videos = await index.search({ text: 'typescript', kinds: ['video'] });
      assert.deepEqual(ids(videos.hits), ['v1', 'v3']);
      const all = await index.search({ text: 'typescript', kinds: [] });
      assert.deepEqual(ids(all.hits), ['u1', 'v1', 'v3']);
      const alice = await index.search({ text: 'alice' });
      // username^3 for the user, uploaderName^1 for the video she uploaded.
      assert.deepEqual(alice.hits.map((h) => h.id), ['u2', 'v1']);
    });

    it('pages with a stable total', async () => {
      const first = await index.search({ text: 'typescript', size: 2 });
      const second = await index.search({ text: 'typescript', from: 2, size: 2 });
      const beyond = await index.search({ text: 'typescript', from: 10, size: 2 });
      assert.equal(first.total, 3);
      assert.equal(second.total, 3);
      assert.equal(beyond.total, 3);
      assert.equal(first.hits.length, 2);
      assert.equal(second.hits.length, 1);
      assert.equal(beyond.hits.length, 0);
      assert.deepEqual(ids([...first.hits, ...second.hits]), ['u1', 'v1', 'v3']);
      assert.deepEqual(await index.search({ text: '   ' }), { total: 0, hits: [] });
      await assert.rejects(index.search({ text: 'x', size: 1000 }), RangeError);
      await assert.rejects(index.search({ text: 'x', from: -1 }), RangeError);
    });

    it('skips stale versions', async () => {
      assert.deepEqual(await index.upsert([{ ...VIDEOS[1]!, version: 3, title: 'Baking bread at home' }]), [
        { id: 'v2', kind: 'video', ok: true },
      ]);
      const replay = await index.upsert([
        { ...VIDEOS[1]!, version: 3, title: 'Duplicate event' },
        { ...VIDEOS[1]!, version: 2, title: 'Late event' },
      ]);
      assert.deepEqual(replay, [
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
      ]);
      assert.deepEqual(ids((await index.search({ text: 'bread' })).hits), ['v2']);
      assert.equal((await index.search({ text: 'pasta' })).total, 0);
      assert.equal((await index.search({ text: 'duplicate late' })).total, 0);
    });

    it('keeps a deleted document deleted against older or equal upserts', async () => {
      assert.deepEqual(await index.remove([{ kind: 'video', id: 'v2', version: 5 }]), [
        { id: 'v2', kind: 'video', ok: true },
      ]);
      assert.deepEqual(await index.upsert([{ ...VIDEOS[1]!, version: 4 }, { ...VIDEOS[1]!, version: 5 }]), [
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
      ]);
      assert.deepEqual(await index.remove([{ kind: 'video', id: 'v2', version: 5 }]), [
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
      ]);
      assert.equal((await index.search({ text: 'pasta' })).total, 0);
      assert.deepEqual(await index.suggest('cook'), []);
      assert.equal(await index.count('video'), VIDEOS.length - 1);
      // Deleting a document the index never saw still records the tombstone.
      await index.remove([{ kind: 'user', id: 'ghost', version: 2 }]);
      assert.deepEqual(await index.upsert([{ kind: 'user', id: 'ghost', version: 1, username: 'ghost' }]), [
        { id: 'ghost', kind: 'user', ok: true, skipped: 'stale' },
      ]);
      assert.equal(await index.count('user'), USERS.length);
    });

    it('restores a deleted document on an upsert with a higher version', async () => {
      await index.remove([{ kind: 'video', id: 'v2', version: 5 }]);
      assert.deepEqual(await index.upsert([{ ...VIDEOS[1]!, version: 6 }]), [{ id: 'v2', kind: 'video', ok: true }]);
      assert.deepEqual(ids((await index.search({ text: 'pasta' })).hits), ['v2']);
      assert.deepEqual(await index.suggest('cook'), [{ text: 'Cooking pasta at home', kind: 'video', id: 'v2' }]);
    });

    it('suggests titles, tags and usernames by prefix, most popular first, without duplicates', async () => {
      assert.deepEqual(await index.suggest('type'), [
        { text: 'typescript', kind: 'video', id: 'v1' },
        { text: 'TypeScript vs JavaScript', kind: 'video', id: 'v3' },
      ]);
      assert.deepEqual(await index.suggest('type', 1), [{ text: 'typescript', kind: 'video', id: 'v1' }]);
      assert.deepEqual(await index.suggest('ALI'), [{ text: 'alice', kind: 'user', id: 'u2' }]);
      // v1 and v6 share the tag: one suggestion, from the more popular video.
      assert.deepEqual(await index.suggest('prog'), [{ text: 'programming', kind: 'video', id: 'v1' }]);
      assert.deepEqual(await index.suggest('猫咪'), [{ text: '猫咪弹钢琴', kind: 'video', id: 'v4' }]);
      assert.deepEqual(await index.suggest('zzz'), []);
      assert.deepEqual(await index.suggest(''), []);
    });

    it('counts live documents by kind', async () => {
      assert.equal(await index.count(), VIDEOS.length + USERS.length);
      assert.equal(await index.count('video'), VIDEOS.length);
      assert.equal(await index.count('user'), USERS.length);
    });

    it('reports invalid items one by one and writes the rest', async () => {
      const results = await index.upsert([
        { kind: 'video', id: 'bad-version', version: -1, title: 'Nope' },
        { kind: 'video', id: 'bad-date', version: 1, title: 'Nope', createdAt: 'yesterday' },
        { kind: 'video', id: '', version: 1 },
        { kind: 'video', id: 'v7', version: 1, title: 'Valid neighbour' },
      ]);
      assert.deepEqual(
        results.map((r) => [r.id, r.ok]),
        [['bad-version', false], ['bad-date', false], ['', false], ['v7', true]],
      );
      assert.match(results[0]?.error ?? '', /version/);
      assert.match(results[1]?.error ?? '', /createdAt/);
      assert.deepEqual(ids((await index.search({ text: 'neighbour' })).hits), ['v7']);
      assert.deepEqual(await index.remove([{ kind: 'video', id: 'v7', version: 1.5 }]), [
        { id: 'v7', kind: 'video', ok: false, error: 'version must be a non-negative integer, got 1.5' },
      ]);
    });

    it('clear drops documents and tombstones', async () => {
      await index.remove([{ kind: 'video', id: 'v2', version: 9 }]);
      await index.clear();
      assert.equal(await index.count(), 0);
      assert.equal((await index.search({ text: 'typescript' })).total, 0);
      assert.deepEqual(await index.suggest('type'), []);
      // A reindex after clear starts from the sources' versions again.
      assert.deepEqual(await index.upsert([VIDEOS[1]!]), [{ id: 'v2', kind: 'video', ok: true }]);
      assert.equal(await index.count(), 1);
    });
  });
}

searchContract('embedded', async () => ({ index: await createEmbeddedIndex({}) }));

if (process.env.ELASTICSEARCH_URL) {
  searchContract('elasticsearch', async () => {
    const client = new Client({
      node: process.env.ELASTICSEARCH_URL,
      auth: process.env.ELASTICSEARCH_API_KEY
        ? { apiKey: process.env.ELASTICSEARCH_API_KEY }
        : process.env.ELASTICSEARCH_USERNAME
          ? { username: process.env.ELASTICSEARCH_USERNAME, password: process.env.ELASTICSEARCH_PASSWORD ?? '' }
          : undefined,
    });
    const prefix = `vidhub-test-${randomBytes(4).toString('hex')}`;
    return {
      index: createElasticsearchIndex({ client, prefix, refresh: 'wait_for', ownsClient: true }),
      cleanup: async () => {
        const names = indexNames(prefix);
        await client.indices.delete({ index: [names.video, names.user], ignore_unavailable: true });
      },
    };
  });
}

describe('embedded index snapshot', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vidhub-search-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('survives a restart with documents and tombstones', async () => {
    const snapshotFile = path.join(dir, 'nested', 'index.json');
    const first = await createEmbeddedIndex({ snapshotFile });
    await first.upsert([...VIDEOS, ...USERS]);
    await first.remove([{ kind: 'video', id: 'v2', version: 5 }]);
    await first.dispose();
    await assert.rejects(first.search({ text: 'x' }), /disposed/);

    const second = await createEmbeddedIndex({ snapshotFile });
    try {
      assert.equal(await second.count(), VIDEOS.length + USERS.length - 1);
      assert.deepEqual(ids((await second.search({ text: 'typescrpt', kinds: ['video'] })).hits), ['v1', 'v3']);
      assert.deepEqual(await second.upsert([{ ...VIDEOS[1]!, version: 4 }]), [
        { id: 'v2', kind: 'video', ok: true, skipped: 'stale' },
      ]);
      assert.deepEqual(await second.upsert([{ ...VIDEOS[0]!, version: 1 }]), [
        { id: 'v1', kind: 'video', ok: true, skipped: 'stale' },
      ]);
    } finally {
      await second.dispose();
    }
  });

  it('autosaves after a write', async () => {
    const snapshotFile = path.join(dir, 'autosave.json');
    const index = await createEmbeddedIndex({ snapshotFile, autosaveMs: 20 });
    try {
      await index.upsert([VIDEOS[0]!]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const saved = JSON.parse(await readFile(snapshotFile, 'utf8')) as { documents: { id: string }[] };
      assert.deepEqual(saved.documents.map((d) => d.id), ['v1']);
    } finally {
      await index.dispose();
    }
  });

  it('createSearchIndex picks the embedded index with its snapshot under DATA_DIR without ELASTICSEARCH_URL', async () => {
    const dataDir = path.join(dir, 'data');
    const index = await createSearchIndex({ DATA_DIR: dataDir, ELASTICSEARCH_INDEX_PREFIX: 'vidhub' });
    await index.ensureReady();
    await index.upsert([VIDEOS[0]!]);
    await index.dispose();
    const saved = JSON.parse(await readFile(path.join(dataDir, 'search', 'index.json'), 'utf8')) as { documents: unknown[] };
    assert.equal(saved.documents.length, 1);
    await assert.rejects(
      createSearchIndex({
        ELASTICSEARCH_URL: 'http://127.0.0.1:9',
        ELASTICSEARCH_USERNAME: 'elastic',
        DATA_DIR: dataDir,
        ELASTICSEARCH_INDEX_PREFIX: 'vidhub',
      }),
      /ELASTICSEARCH_PASSWORD/,
    );
  });

  it('refuses a corrupt snapshot with a message naming the file', async () => {
    const snapshotFile = path.join(dir, 'corrupt.json');
    await writeFile(snapshotFile, '{"format":"vidhub-search-snapshot",');
    await assert.rejects(createEmbeddedIndex({ snapshotFile }), (err: Error) => {
      assert.ok(err.message.includes(snapshotFile));
      assert.match(err.message, /reindex/);
      return true;
    });
  });
});
