/**
 * ObjectStore's streamed put (a stream whose size and sha256 are known): one
 * PUT sent as the bytes arrive, against the embedded S3 server, and against a
 * real one (MinIO) when S3_ENDPOINT is set.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startEmbeddedS3, type EmbeddedS3 } from './embeddedS3.js';
import { ObjectStore } from './objectStore.js';

const REGION = 'us-east-1';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** `data` in 64 KiB pieces, as a request body arrives; with `failAt`, an error instead of the piece at that offset. */
function pieces(data: Buffer, failAt?: number): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < data.length; offset += 64 * 1024) {
        if (failAt !== undefined && offset >= failAt) throw new Error('the client went away');
        yield data.subarray(offset, offset + 64 * 1024);
      }
    })(),
  );
}

function streamedPutContract(name: string, open: () => Promise<ObjectStore>): void {
  describe(name, () => {
    let store: ObjectStore;
    const prefix = `test-${randomUUID()}/`;

    before(async () => {
      store = await open();
    });
    after(async () => {
      if (store) await store.remove(await store.list(prefix));
    });

    test('a stream of known size and sha256 is stored byte for byte', async () => {
      const data = randomBytes(5 * 1024 * 1024 + 17);
      const put = await store.put(`${prefix}chunk`, pieces(data), data.length, undefined, sha256(data));
      assert.equal(put.size, data.length);
      assert.ok((await store.getBuffer(`${prefix}chunk`)).equals(data));
      assert.equal((await store.stat(`${prefix}chunk`))?.size, data.length);
    });

    test('a stream that fails in the middle fails the put and stores nothing', async () => {
      const data = randomBytes(2 * 1024 * 1024);
      await assert.rejects(store.put(`${prefix}cut`, pieces(data, 1024 * 1024), data.length, undefined, sha256(data)), /the client went away/);
      // The store still takes the next put.
      const next = await store.put(`${prefix}next`, pieces(data), data.length, undefined, sha256(data));
      assert.equal(next.size, data.length);
      // The server learns of the cut when its connection closes, which may come after the put has failed here.
      for (let i = 0; i < 50 && (await store.stat(`${prefix}cut`)) !== null; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await store.stat(`${prefix}cut`), null);
      assert.deepEqual(await store.list(`${prefix}cut`), []);
    });
  });
}

describe('ObjectStore streamed put against the embedded S3 server', () => {
  let s3: EmbeddedS3;
  let dir: string;
  const internalErrors: Error[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vidhub-s3-stream-'));
    s3 = await startEmbeddedS3({ dataDir: dir, onError: (err) => internalErrors.push(err) });
  });
  after(async () => {
    await s3?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  streamedPutContract('embedded', () => ObjectStore.connect({ ...s3, region: REGION, bucket: 'vidhub' }));

  test('a request cut short of its length is not an internal error of the server', () => {
    assert.deepEqual(internalErrors, []);
  });
});

// And against a real server (MinIO, S3) when S3_ENDPOINT names one, as the ObjectStore contract runs.
const real = process.env.S3_ENDPOINT;
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
if (real) {
  const bucket = env('S3_BUCKET', 'vidhub-test');
  streamedPutContract(`against ${real}`, () => ObjectStore.connect({ endpoint: real, accessKey: env('S3_ACCESS_KEY', ''), secretKey: env('S3_SECRET_KEY', ''), region: env('S3_REGION', REGION), bucket }));
}
