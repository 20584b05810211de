/**
 * ObjectStore against the embedded S3 server, and against a real one (MinIO) when
 * S3_ENDPOINT is set: one contract, run against both, with real bytes over HTTP.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startEmbeddedS3, type EmbeddedS3 } from './embeddedS3.js';
import { ObjectStore } from './objectStore.js';

const MiB = 1024 * 1024;
const REGION = 'us-east-1';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream that hides its length from the client, as an HTTP request body does. */
function streamOf(data: Buffer, chunkSize = 256 * 1024): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) return void this.push(null);
      this.push(data.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** The contract every ObjectStore backend must satisfy. */
function objectStoreContract(name: string, open: () => Promise<ObjectStore>): void {
  describe(name, () => {
    let store: ObjectStore;
    // Unique per run, so a shared real bucket is never polluted by earlier runs.
    const prefix = `test-${randomUUID()}/`;
    const k = (key: string) => prefix + key;

    before(async () => {
      store = await open();
    });
    after(async () => {
      if (store) await store.remove(await store.list(prefix));
    });

    test('ping succeeds', async () => {
      await store.ping();
    });

    test('put then getBuffer returns identical bytes, stat reports size and type', async () => {
      const data = randomBytes(300_000);
      const put = await store.put(k('plain.bin'), data, undefined, 'video/mp4');
      assert.equal(put.size, data.length);
      assert.ok(put.etag);
      assert.ok((await store.getBuffer(k('plain.bin'))).equals(data));
      const stat = await store.stat(k('plain.bin'));
      assert.deepEqual(stat, { key: k('plain.bin'), size: data.length, etag: put.etag, contentType: 'video/mp4' });
    });

    test('a stream of unknown length goes through a multipart upload intact', async () => {
      const data = randomBytes(20 * MiB + 12_345); // two 16 MiB parts
      const put = await store.put(k('multipart.bin'), streamOf(data));
      assert.equal(put.size, data.length);
      assert.ok((await store.getBuffer(k('multipart.bin'))).equals(data));
    });

    test('a stream of known length is stored with that length', async () => {
      const data = randomBytes(1 * MiB);
      const put = await store.put(k('sized.bin'), streamOf(data), data.length, 'application/octet-stream');
      assert.equal(put.size, data.length);
      assert.ok((await store.getBuffer(k('sized.bin'))).equals(data));
    });

    test('put rejects (does not hang) when the source stream fails', async () => {
      for (const size of [undefined, 8 * MiB]) {
        let sent = 0;
        const failing = new Readable({
          read() {
            if (sent >= 3 * MiB) return void this.destroy(new Error('client went away'));
            sent += 1 * MiB;
            this.push(randomBytes(1 * MiB));
          },
        });
        await assert.rejects(store.put(k('broken.bin'), failing, size), /client went away/);
      }
      assert.equal(await store.stat(k('broken.bin')), null);
    });

    test('ranged get returns exactly the requested bytes', async () => {
      const data = randomBytes(100_000);
      await store.put(k('ranged.bin'), data);
      const cases: Array<{ start: number; end?: number }> = [
        { start: 0, end: 0 },
        { start: 0, end: 1 },
        { start: 10, end: 19 },
        { start: 99_999, end: 99_999 },
        { start: 50_000 },
        { start: 0 },
        { start: 99_990, end: 200_000 }, // past the end: clamped, as S3 does
      ];
      for (const range of cases) {
        const got = await readAll(await store.get(k('ranged.bin'), range));
        const expected = data.subarray(range.start, range.end === undefined ? undefined : range.end + 1);
        assert.ok(got.equals(expected), `range ${range.start}-${range.end ?? ''}: got ${got.length} bytes`);
      }
      await assert.rejects(store.get(k('ranged.bin'), { start: 10, end: 9 }), RangeError);
    });

    test('compose of three parts equals their concatenation', async () => {
      const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB + 7), randomBytes(123_456)];
      const keys = parts.map((_, i) => k(`chunks/${i}`));
      await Promise.all(parts.map((part, i) => store.put(keys[i]!, part)));
      const composed = await store.compose(k('composed.bin'), keys);
      const expected = Buffer.concat(parts);
      assert.equal(composed.size, expected.length);
      assert.ok((await store.getBuffer(k('composed.bin'))).equals(expected));
    });

    test('compose refuses a non-final part under 5 MiB', async () => {
      await store.put(k('small/0'), randomBytes(1000));
      await store.put(k('small/1'), randomBytes(1000));
      await assert.rejects(store.compose(k('small/out'), [k('small/0'), k('small/1')]), /too small/);
    });

    test('presigned PUT accepts bytes without credentials', async () => {
      const data = randomBytes(777_777);
      const url = await store.presignedPut(k('presigned-put.bin'), 60);
      const res = await fetch(url, { method: 'PUT', body: data });
      assert.equal(res.status, 200, await res.text());
      const stat = await store.stat(k('presigned-put.bin'));
      assert.equal(stat?.size, data.length);
      assert.ok((await store.getBuffer(k('presigned-put.bin'))).equals(data));
    });

    test('presigned GET serves the bytes and honours Range', async () => {
      const data = randomBytes(50_000);
      await store.put(k('presigned-get.bin'), data, undefined, 'video/mp4');

      const url = await store.presignedGet(k('presigned-get.bin'), 60);
      const full = await fetch(url);
      assert.equal(full.status, 200);
      assert.ok(Buffer.from(await full.arrayBuffer()).equals(data));

      const ranged = await fetch(url, { headers: { Range: 'bytes=1000-1999' } });
      assert.equal(ranged.status, 206);
      assert.equal(ranged.headers.get('content-range'), `bytes 1000-1999/${data.length}`);
      assert.ok(Buffer.from(await ranged.arrayBuffer()).equals(data.subarray(1000, 2000)));

      // s3rver misread both of these; S3 answers 206, and ignoring Range (200) is legal HTTP.
      const firstByte = await fetch(url, { headers: { Range: 'bytes=0-0' } });
      assert.equal(firstByte.status, 206);
      assert.ok(Buffer.from(await firstByte.arrayBuffer()).equals(data.subarray(0, 1)));
      const suffix = await fetch(url, { headers: { Range: 'bytes=-100' } });
      const suffixBytes = Buffer.from(await suffix.arrayBuffer());
      if (suffix.status === 206) assert.ok(suffixBytes.equals(data.subarray(-100)));
      else assert.ok(suffix.status === 200 && suffixBytes.equals(data));
    });

    test('presigned GET names the download', async () => {
      await store.put(k('named.bin'), Buffer.from('frames'));
      const cases = [
        ['clip.mp4', 'attachment; filename="clip.mp4"'],
        ['弹幕 (1)*.mp4', `attachment; filename="__ (1)*.mp4"; filename*=UTF-8''%E5%BC%B9%E5%B9%95%20%281%29%2A.mp4`],
        ['say "hi".mp4', `attachment; filename="say _hi_.mp4"; filename*=UTF-8''say%20%22hi%22.mp4`],
      ];
      for (const [downloadName, disposition] of cases) {
        const res = await fetch(await store.presignedGet(k('named.bin'), 60, { downloadName }));
        assert.equal(res.status, 200, `${downloadName}: ${await res.clone().text()}`);
        assert.equal(await res.text(), 'frames');
        assert.equal(res.headers.get('content-disposition'), disposition);
      }
    });

    test('remove deletes in bulk, missing keys included; stat then returns null', async () => {
      // Nested directories: the embedded server once raced deleting them (HTTP 500).
      const keys = Array.from({ length: 30 }, (_, i) => k(`bulk/${i % 3}/${i % 2}/${i}`));
      await Promise.all(keys.map((key) => store.put(key, randomBytes(100))));
      await store.remove([...keys, k('bulk/never-existed')]);
      assert.deepEqual(await store.list(k('bulk/')), []);
      assert.equal(await store.stat(keys[0]!), null);
      await store.remove([]);
    });

    test('list returns the keys under a prefix, recursively and sorted', async () => {
      for (const key of ['list/b', 'list/a/2', 'list/a/1', 'listing', 'lis', 'list (1)/x']) {
        await store.put(k(key), Buffer.from(key));
      }
      assert.deepEqual(await store.list(k('list/')), [k('list/a/1'), k('list/a/2'), k('list/b')]);
      assert.deepEqual(await store.list(k('list/a/')), [k('list/a/1'), k('list/a/2')]);
      assert.deepEqual(await store.list(k('list (1)/')), [k('list (1)/x')]);
      assert.deepEqual(await store.list(k('nothing-here/')), []);
    });

    test('a missing key: stat is null, get rejects', async () => {
      assert.equal(await store.stat(k('missing')), null);
      await assert.rejects(store.getBuffer(k('missing')), (err: { code?: string }) => err.code === 'NoSuchKey');
    });
  });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vidhub-s3-'));
}

describe('embedded S3', () => {
  const dataDir = tempDir();
  let server: EmbeddedS3;
  // minio retries HTTP 500s, which would hide server faults from the assertions.
  const internalErrors: Error[] = [];

  const connect = (bucket = 'vidhub', publicEndpoint?: string) =>
    ObjectStore.connect({ ...server, region: REGION, bucket, publicEndpoint });

  before(async () => {
    server = await startEmbeddedS3({ dataDir, onError: (err) => internalErrors.push(err) });
  });
  after(async () => {
    await server?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  objectStoreContract('ObjectStore contract', () => connect());

  test('connect creates a missing bucket, and is idempotent', async () => {
    const first = await connect('fresh-bucket');
    await first.ping();
    const second = await connect('fresh-bucket');
    await second.put('x', Buffer.from('x'));
    assert.deepEqual(await first.list(''), ['x']);
  });

  test('presigned URLs name the public endpoint', async () => {
    // Same server under another name, as a browser would reach it through a proxy.
    const publicEndpoint = server.endpoint.replace('127.0.0.1', 'localhost');
    const store = await connect('vidhub', publicEndpoint);
    await store.put('public.txt', Buffer.from('hello'));
    const url = await store.presignedGet('public.txt', 60);
    assert.ok(url.startsWith(`${publicEndpoint}/vidhub/public.txt?`), url);
    assert.ok((await store.presignedPut('public.txt', 60)).startsWith(publicEndpoint));
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello');
  });

  test('ping fails once the server is gone', async () => {
    const dir = tempDir();
    try {
      const other = await startEmbeddedS3({ dataDir: dir });
      const store = await ObjectStore.connect({ ...other, region: REGION, bucket: 'vidhub' });
      await other.dispose();
      await assert.rejects(store.ping());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('objects survive dispose and restart on the same dataDir', async () => {
    const dir = tempDir();
    try {
      const data = randomBytes(1 * MiB + 3);
      const first = await startEmbeddedS3({ dataDir: dir });
      try {
        const store = await ObjectStore.connect({ ...first, region: REGION, bucket: 'vidhub' });
        await store.put('videos/kept.bin', data, undefined, 'video/mp4');
      } finally {
        await first.dispose();
      }
      const second = await startEmbeddedS3({ dataDir: dir });
      try {
        const store = await ObjectStore.connect({ ...second, region: REGION, bucket: 'vidhub' });
        assert.ok((await store.getBuffer('videos/kept.bin')).equals(data));
        assert.equal((await store.stat('videos/kept.bin'))?.contentType, 'video/mp4');
        assert.deepEqual(await store.list('videos/'), ['videos/kept.bin']);
      } finally {
        await second.dispose();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the server reported no internal errors', () => {
    assert.deepEqual(internalErrors, []);
  });
});

const realEndpoint = process.env.S3_ENDPOINT;
if (realEndpoint) {
  objectStoreContract(`ObjectStore contract against ${realEndpoint}`, () =>
    ObjectStore.connect({
      endpoint: realEndpoint,
      accessKey: process.env.S3_ACCESS_KEY ?? '',
      secretKey: process.env.S3_SECRET_KEY ?? '',
      region: process.env.S3_REGION ?? REGION,
      bucket: process.env.S3_BUCKET ?? 'vidhub-test',
    }),
  );
}
