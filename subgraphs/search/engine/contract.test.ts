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
import { createElasticsearchIndex, indexNames } from './elasticsearch/index.js';
import { createEmbeddedIndex } from './embedded/index.js';
import { createSearchIndex } from './index.js';
import type { SearchDocument, SearchIndex, SearchKind } from './port.js';

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

/** Videos around r0 (tags Baking/bread, uploader carol, sourdough text), each named after what it shares with it. */
const RELATED: SearchDocument[] = [
  {
    kind: 'video',
    id: 'r0',
    version: 1,
    title: 'Sourdough bread basics',
    description: 'Feeding starter cultures, shaping loaves.',
    tags: ['Baking', 'bread'],
    uploaderName: 'carol',
    createdAt: '2025-03-01T00:00:00Z',
  },
  // Two shared tags, matched case-insensitively: 3 + 3.
  { kind: 'video', id: 'r-tags', version: 1, title: 'Weekend brunch ideas', tags: ['baking', 'BREAD', 'brunch'], uploaderName: 'dave', createdAt: '2025-01-01T00:00:00Z' },
  // One shared tag and the same uploader: 3 + 2.
  { kind: 'video', id: 'r-tag-uploader', version: 1, title: 'Knife skills', tags: ['baking'], uploaderName: 'carol', createdAt: '2024-01-01' },
  // One shared tag each (3): newest first, then by id.
  { kind: 'video', id: 'r-tag-b', version: 1, title: 'Markets of Lyon', tags: ['bread', 'travel'], uploaderName: 'erin', createdAt: '2025-02-01T00:00:00Z' },
  { kind: 'video', id: 'r-tag-c', version: 1, title: 'Ferry crossings', tags: ['bread'], uploaderName: 'erin', createdAt: '2024-06-01T00:00:00Z' },
  { kind: 'video', id: 'r-tag-a', version: 1, title: 'Mountain huts', tags: ['Bread'], uploaderName: 'erin', createdAt: '2024-06-01T00:00:00Z' },
  // The same uploader only: 2.
  { kind: 'video', id: 'r-uploader', version: 1, title: 'Guitar practice', tags: ['music'], uploaderName: 'carol' },
  // Similar text only (title:sourdough, description:starter and cultures): below 1.
  {
    kind: 'video',
    id: 'r-text',
    version: 1,
    title: 'Sourdough troubleshooting',
    description: 'Starter cultures that stop rising.',
    tags: ['science'],
    uploaderName: 'frank',
  },
  // Not related: the uploader name is compared exactly; nothing else is shared.
  { kind: 'video', id: 'r-uploader-case', version: 1, title: 'Pottery wheel', tags: ['clay'], uploaderName: 'CAROL' },
  { kind: 'video', id: 'r-unrelated', version: 1, title: 'Chess openings', description: 'Sicilian defence explained.', tags: ['chess'], uploaderName: 'gina' },
  // Would rank first, but is deleted in the test.
  { kind: 'video', id: 'r-deleted', version: 1, title: 'Sourdough bread basics again', tags: ['baking', 'bread'], uploaderName: 'carol' },
];

/** Popularity ties (50) around VIDEOS' v1 (50, 2025-01-02), plus the extremes. */
const POPULAR: SearchDocument[] = [
  { kind: 'video', id: 'p-newer', version: 1, title: 'Tie, newer than v1', popularity: 50, createdAt: '2025-02-01T00:00:00Z' },
  { kind: 'video', id: 'p-a', version: 1, title: 'Tie, as new as p-newer', popularity: 50, createdAt: '2025-02-01T00:00:00.000Z' },
  { kind: 'video', id: 'p-undated', version: 1, title: 'Tie without a date', popularity: 50 },
  { kind: 'video', id: 'p-negative', version: 1, title: 'Disliked', popularity: -3, createdAt: '2024-01-01' },
  { kind: 'video', id: 'p-none', version: 1, title: 'No popularity yet', createdAt: '2025-06-01' },
  { kind: 'video', id: 'p-deleted', version: 1, title: 'Viral, then deleted', popularity: 1000, createdAt: '2025-06-01' },
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

    it('gets live documents by id in the order asked, of the asked kind only', async () => {
      await index.remove([{ kind: 'video', id: 'v2', version: 2 }]);
      assert.deepEqual(await index.get('video', ['v3', 'nope', 'v1', 'v2', 'u1', '', 'v3']), [VIDEOS[2], VIDEOS[0], VIDEOS[2]]);
      assert.deepEqual(await index.get('user', ['u2', 'v1', 'u1']), [USERS[1], USERS[0]]);
      assert.deepEqual(await index.get('video', []), []);
      assert.deepEqual(await index.get('user', ['ghost']), []);

      // The newest version, with only the kind's fields.
      await index.upsert([{ ...VIDEOS[2]!, version: 2, title: 'TypeScript 5 vs JavaScript', username: 'not a video field' }]);
      assert.deepEqual(await index.get('video', ['v3']), [{ ...VIDEOS[2], version: 2, title: 'TypeScript 5 vs JavaScript' }]);
      // A restored document comes back.
      await index.upsert([{ ...VIDEOS[1]!, version: 3 }]);
      assert.deepEqual(await index.get('video', ['v2']), [{ ...VIDEOS[1], version: 3 }]);

      // Results are copies.
      const [copy] = await index.get('video', ['v1']);
      copy!.tags!.push('edited');
      assert.deepEqual((await index.get('video', ['v1']))[0]?.tags, ['typescript', 'programming']);
      await assert.rejects(index.get('clip' as SearchKind, ['v1']), RangeError);
    });

    it('relates videos by shared tags, then uploader, then similar text', async () => {
      assert.ok((await index.upsert(RELATED)).every((r) => r.ok && !r.skipped));
      await index.remove([{ kind: 'video', id: 'r-deleted', version: 2 }]);

      const hits = await index.related('r0');
      assert.deepEqual(hits.map((h) => h.id), [
        'r-tags',
        'r-tag-uploader',
        'r-tag-b',
        'r-tag-a',
        'r-tag-c',
        'r-uploader',
        'r-text',
      ]);
      assert.deepEqual(hits.slice(0, 6).map((h) => h.score), [6, 5, 3, 3, 3, 2]);
      const text = hits[6]!.score;
      assert.ok(text > 0 && text < 1, `text similarity ${text} weighs less than the uploader`);
      assert.ok(hits.every((h) => h.kind === 'video' && h.highlights.length === 0));

      // Equal scores (the same uploader): newest first.
      assert.deepEqual((await index.related('r-uploader')).map((h) => h.id), ['r0', 'r-tag-uploader']);
    });

    it('relates nothing to an unknown or deleted video, and caps the size', async () => {
      assert.ok((await index.upsert(RELATED)).every((r) => r.ok && !r.skipped));
      await index.remove([{ kind: 'video', id: 'r-deleted', version: 2 }]);
      assert.deepEqual(await index.related('nope'), []);
      assert.deepEqual(await index.related(''), []);
      assert.deepEqual(await index.related('r-deleted'), []);
      assert.deepEqual(await index.related('u1'), [], 'a user is not a video');
      assert.deepEqual(await index.related('r-unrelated'), []);

      assert.deepEqual((await index.related('r0', 2)).map((h) => h.id), ['r-tags', 'r-tag-uploader']);
      assert.equal((await index.related('r0', 50)).length, 7);
      await assert.rejects(index.related('r0', 51), RangeError);
      await assert.rejects(index.related('r0', 0), RangeError);
      await assert.rejects(index.related('r0', 1.5), RangeError);
    });

    it('lists popular videos, ties newest first, then by id', async () => {
      assert.ok((await index.upsert(POPULAR)).every((r) => r.ok && !r.skipped));
      await index.remove([{ kind: 'video', id: 'p-deleted', version: 2 }]);

      const all = await index.popular({ size: 50 });
      assert.deepEqual(all.map((h) => h.id), [
        'v2', 'p-a', 'p-newer', 'v1', 'p-undated', 'v4', 'v3', 'v6', 'v5', 'p-negative', 'p-none',
      ]);
      assert.deepEqual(all.map((h) => h.score), [80, 50, 50, 50, 50, 30, 10, 5, 1, -3, 0]);
      assert.ok(all.every((h) => h.kind === 'video' && h.highlights.length === 0));
      assert.deepEqual(await index.popular({}), all.slice(0, 10));
      assert.deepEqual((await index.popular({ size: 2 })).map((h) => h.id), ['v2', 'p-a']);
    });

    it('lists popular videos created since a date, inclusive', async () => {
      assert.ok((await index.upsert(POPULAR)).every((r) => r.ok && !r.skipped));
      await index.remove([{ kind: 'video', id: 'p-deleted', version: 2 }]);

      assert.deepEqual((await index.popular({ since: '2025-01-15' })).map((h) => h.id), ['p-a', 'p-newer', 'p-none']);
      // The same instant written with an offset; videos without createdAt are left out.
      assert.deepEqual((await index.popular({ since: '2025-02-01T01:00:00+01:00' })).map((h) => h.id), ['p-a', 'p-newer', 'p-none']);
      assert.deepEqual((await index.popular({ since: '2025-02-01T00:00:00.001Z' })).map((h) => h.id), ['p-none']);
      assert.deepEqual((await index.popular({ since: '2025-01-02T03:04:05Z', size: 3 })).map((h) => h.id), ['p-a', 'p-newer', 'v1']);
      assert.deepEqual(await index.popular({ since: '2030-01-01' }), []);

      await assert.rejects(index.popular({ since: 'last week' }), RangeError);
      await assert.rejects(index.popular({ size: 51 }), RangeError);
      await assert.rejects(index.popular({ size: 0 }), RangeError);
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
      // The related and popular bookkeeping is rebuilt from the snapshot too.
      assert.deepEqual((await second.related('v1')).map((h) => h.id), ['v6']);
      assert.deepEqual((await second.popular({ size: 2 })).map((h) => h.id), ['v1', 'v4']);
      assert.deepEqual(await second.get('video', ['v2', 'v1']), [VIDEOS[0]]);
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
      // Nothing but the autosave timer writes the file; wait for it (however late a busy machine
      // runs it) rather than a fixed 200 ms. The deadline only bounds a test that would hang.
      const read = async () => {
        try {
          return (JSON.parse(await readFile(snapshotFile, 'utf8')) as { documents: { id: string }[] }).documents.map((d) => d.id);
        } catch {
          return null; // not written yet
        }
      };
      let ids = await read();
      for (const deadline = Date.now() + 60_000; !ids?.length && Date.now() < deadline; ids = await read()) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(ids, ['v1']);
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
