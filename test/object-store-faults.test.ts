/**
 * The object store dies in the middle of an upload (the embedded S3 server is
 * killed: connections cut, nothing listening) and comes back on the same port
 * and data. While it is away, a chunk upload fails at once with
 * UPSTREAM_UNAVAILABLE (retryable) instead of hanging or answering
 * INTERNAL_SERVER_ERROR; once it is back the client asks uploadStatus what is
 * missing, re-sends only that, completes and publishes, and the published file
 * is byte for byte the one it sent. The figures (chunks lost, re-sent) are
 * printed; the goal for each is 0 beyond the unacknowledged chunks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { largeMkv, sha256 } from '../testing/media.js';
import { startChunkedUpload } from '../testing/uploads.js';
import { gql, startStack, type ObjectStoreServerControl, type Stack } from '../testing/harness.js';

const MiB = 1024 * 1024;
/** A chunk upload that waited for the store to come back would only finish after the test restarts it, i.e. never before this. */
const REQUEST_ABORT_MS = 60_000;

interface Auth {
  user: { id: string };
  accessToken: string;
}
const code = (res: { errors?: readonly { extensions?: { code?: unknown } }[] | null }) => res.errors?.[0]?.extensions?.code;

describe('object store faults', { skip: process.env.S3_ENDPOINT ? 'needs the embedded object store (S3_ENDPOINT names another)' : false }, () => {
  let stack: Stack;
  let objectStore: ObjectStoreServerControl;
  let url: string;

  before(async () => {
    stack = await startStack({ VIDEO_MAX_BYTES: String(64 * MiB) });
    objectStore = stack.objectStoreServer!;
    url = stack.gateway.url;
  });
  after(async () => {
    await stack?.dispose();
  });

  test('the object store killed mid-upload: chunks fail fast with UPSTREAM_UNAVAILABLE, no acknowledged chunk lost, only unacknowledged ones re-sent, the published file byte-identical', async (t) => {
    const registered = await gql<{ register: Auth }, Record<string, unknown>>(url, `mutation { register(username: "store_fault", password: "pass-word-99") { user { id } accessToken } }`);
    assert.equal(registered.errors, undefined, JSON.stringify(registered.errors));
    const token = registered.data!.register.accessToken;
    const file = largeMkv();
    const upload = await startChunkedUpload(url, token, file, 'store-fault.mkv', 5 * MiB);
    assert.ok(upload.chunkCount >= 3, `${upload.chunkCount} chunks`);
    const last = upload.chunkCount - 1;
    let sends = 0;
    const send = (i: number) => {
      sends++;
      return upload.send(i, { signal: AbortSignal.timeout(REQUEST_ABORT_MS) });
    };
    const status = async () => {
      const res = await gql<{ uploadStatus: { receivedChunks: number[]; status: string } }, Record<string, unknown>>(url, `query($u: ID!) { uploadStatus(uploadId: $u) { receivedChunks status } }`, { u: upload.id }, { token });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.uploadStatus;
    };

    const first = await send(0);
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const acknowledged = new Set([0]);
    // The middle chunks race the kill: each is either acknowledged or refused as retryable.
    const codes: string[] = [];
    const inFlight = Array.from({ length: last - 1 }, (_, k) => k + 1).map(async (i) => {
      const r = await send(i);
      if (!r.errors?.length) acknowledged.add(i);
      else codes.push(String(code(r)));
    });
    await objectStore.kill();
    await Promise.all(inFlight);

    // Sent while the store is down: refused at once, retryable.
    const refused = await send(last);
    assert.equal(code(refused), 'UPSTREAM_UNAVAILABLE', JSON.stringify(refused.errors));
    assert.match(refused.errors![0]!.message, /temporarily unavailable/);
    codes.push(String(code(refused)));
    assert.deepEqual(
      codes.filter((c) => c !== 'UPSTREAM_UNAVAILABLE'),
      [],
      'every refused chunk is refused as retryable',
    );
    // The upload's state needs no object store: the client can see what is missing meanwhile.
    const during = await status();
    assert.ok(!during.receivedChunks.includes(last));

    await objectStore.restart();
    const received = new Set((await status()).receivedChunks);
    const lost = [...acknowledged].filter((i) => !received.has(i)).length;
    const before = sends;
    for (let i = 0; i < upload.chunkCount; i++) {
      if (received.has(i)) continue;
      const r = await send(i);
      assert.equal(r.errors, undefined, `chunk ${i} after the restart: ${JSON.stringify(r.errors)}`);
    }
    const resent = sends - before;
    const done = await gql<{ completeUpload: { status: string } }, Record<string, unknown>>(url, `mutation($u: ID!) { completeUpload(uploadId: $u) { status } }`, { u: upload.id }, { token });
    assert.equal(done.errors, undefined, JSON.stringify(done.errors));
    assert.equal(done.data!.completeUpload.status, 'COMPLETED');
    const published = await gql<{ publishVideo: { id: string; sha256: string; playbackUrl: string } }, Record<string, unknown>>(
      url,
      `mutation($u: ID!) { publishVideo(input: { uploadId: $u, title: "Survived a store outage" }) { id sha256 playbackUrl } }`,
      { u: upload.id },
      { token },
    );
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const video = published.data!.publishVideo;
    const stored = Buffer.from(await (await fetch(video.playbackUrl)).arrayBuffer());
    const unacknowledged = upload.chunkCount - acknowledged.size;
    t.diagnostic(
      `${upload.chunkCount} chunks, ${acknowledged.size} acknowledged before the restart, ${codes.length} refused (${[...new Set(codes)].join(', ')}): lost ${lost}, re-sent ${resent} (unacknowledged ${unacknowledged}), stored file sha256 ${sha256(stored) === sha256(file) ? 'identical' : 'DIFFERENT'}`,
    );
    assert.equal(lost, 0, 'no acknowledged chunk lost');
    assert.equal(resent, unacknowledged, 'only unacknowledged chunks re-sent');
    assert.equal(video.sha256, sha256(file));
    assert.equal(stored.length, file.length);
    assert.equal(sha256(stored), sha256(file), 'the published file is byte-identical');
  });
});
