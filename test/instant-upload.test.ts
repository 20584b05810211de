/**
 * Instant upload with proof of possession, end to end through the gateway with
 * real bytes: content already stored completes without sending it only for a
 * client that can hash the ranges the server picked; a video's public sha256
 * and size are not enough.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSignedInUser, type SignedInUser as Auth } from '../testing/fixtures.js';
import { gql, gqlUpload, startStack, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { sha256, smallMp4 } from '../testing/media.js';
import {
  CompleteUploadDocument,
  ProveVideoUploadDocument,
  PublishVideoDocument,
  DeleteVideoDocument,
  UploadChunkDocument,
  InitUploadDocument,
  UploaderVideoIdsDocument,
  VideoDetailsDocument,
  VideoUploadStatusDocument,
} from '../testing/__generated__/operations.js';

interface Range {
  offset: number;
  length: number;
}
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
/** What a client holding the file answers. */
const proofsFor = (file: Buffer, ranges: Range[]) => ranges.map((r) => sha256(file.subarray(r.offset, r.offset + r.length)));

describe('instant upload with proof of possession', () => {
  let stack: Stack;
  let url: string;
  let n = 0;

  const register = () => createSignedInUser(stack, `instant${++n}`);
  const as = (a: Auth) => ({ token: a.accessToken });
  const init = (a: Auth, size: number, hash: string) => gql(url, InitUploadDocument, { filename: 'clip.mp4', size, sha256: hash }, as(a));
  const prove = (a: Auth, uploadId: string, proofs: string[]) => gql(url, ProveVideoUploadDocument, { uploadId, proofs }, as(a));
  const status = async (a: Auth, uploadId: string) => {
    const res = await gql(url, VideoUploadStatusDocument, { uploadId }, as(a));
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.uploadStatus;
  };
  const complete = (a: Auth, uploadId: string) => gql(url, CompleteUploadDocument, { uploadId }, as(a));
  const sendChunk = (a: Auth, uploadId: string, bytes: Buffer) =>
    gqlUpload(url, UploadChunkDocument, { uploadId, index: 0, chunk: null, checksum: sha256(bytes) }, { 'variables.chunk': { bytes, filename: 'chunk-0' } }, as(a));
  const publish = (a: Auth, uploadId: string, title = 'Clip') => gql(url, PublishVideoDocument, { input: { uploadId, title } }, as(a));
  const videosOf = async (a: Auth) => (await gql(url, UploaderVideoIdsDocument, { uploaderId: a.user.id })).data!.videos.edges.map((e) => e.node.id);
  const played = async (playbackUrl: string) => sha256(Buffer.from(await (await fetch(playbackUrl)).arrayBuffer()));

  /** Uploads `file` in one chunk (all test files are under 5 MiB), ignoring any challenge, and publishes it. */
  async function publishByChunks(a: Auth, file: Buffer, title = 'Original') {
    const started = await init(a, file.length, sha256(file));
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const up = started.data!.initUpload.upload;
    assert.equal((await sendChunk(a, up.id, file)).errors, undefined);
    const done = await complete(a, up.id);
    assert.equal(done.errors, undefined, JSON.stringify(done.errors));
    const video = await publish(a, up.id, title);
    assert.equal(video.errors, undefined, JSON.stringify(video.errors));
    return { uploadId: up.id, video: video.data!.publishVideo, objectKey: `videos/${up.id}/source` };
  }
  /** A distinct real video per test: the same MP4 with different trailing bytes. */
  const clip = (tag: string) => Buffer.concat([smallMp4(), Buffer.from(`instant-${tag}`)]);

  before(async () => {
    stack = await startStack();
    url = stack.gateway.url;
  });
  after(async () => {
    await stack?.dispose();
  });

  test('a client holding the file answers the challenge and completes without sending it, also after a restart', async () => {
    const file = clip('proof');
    const alice = await register();
    const original = await publishByChunks(alice, file);

    const bob = await register();
    const started = await init(bob, file.length, sha256(file));
    assert.equal(started.errors, undefined, JSON.stringify(started.errors));
    const { instant, upload } = started.data!.initUpload;
    assert.equal(instant, false, 'nothing completes before a proof');
    assert.equal(upload.status, 'UPLOADING');
    const challenge = upload.proofChallenge;
    assert.ok(challenge, 'known content comes with a challenge');
    assert.equal(challenge.ranges.length, 3);
    for (const r of challenge.ranges) {
      assert.ok(Number.isInteger(r.offset) && r.offset >= 0 && r.offset + r.length <= file.length, `range ${JSON.stringify(r)} lies within the file`);
      assert.ok(r.length >= 4096 && r.length <= Math.min(65536, file.length / 2), `range ${JSON.stringify(r)}: 4 KiB to 64 KiB, at most half the file`);
    }
    assert.ok(!Number.isNaN(Date.parse(challenge.expiresAt)));

    // A resuming client learns the same challenge from uploadStatus, also after the video service restarts.
    await stack.restart('video');
    assert.deepEqual((await status(bob, upload.id)).proofChallenge, challenge);

    const chunkCalls = stack.counts.video.recordChunk ?? 0;
    const proved = await prove(bob, upload.id, proofsFor(file, challenge.ranges));
    assert.equal(proved.errors, undefined, JSON.stringify(proved.errors));
    assert.equal(proved.data!.proveUpload.status, 'COMPLETED');
    assert.equal(proved.data!.proveUpload.proofChallenge, null);
    assert.deepEqual(proved.data!.proveUpload.receivedChunks, [0]);
    assert.equal(stack.counts.video.recordChunk ?? 0, chunkCalls, 'no chunk was sent');
    assert.equal((await stack.video.stores.uploads.findUpload(upload.id))?.objectKey, original.objectKey, 'the upload shares the stored object');
    assert.deepEqual(await stack.objects.list(`videos/${upload.id}/`), [], 'and no copy was made');
    // A retry after a lost answer finds the upload completed.
    assert.equal((await prove(bob, upload.id, proofsFor(file, challenge.ranges))).data?.proveUpload.status, 'COMPLETED');

    const copy = await publish(bob, upload.id, 'Re-upload');
    assert.equal(copy.errors, undefined, JSON.stringify(copy.errors));
    assert.equal(await played(copy.data!.publishVideo.playbackUrl), sha256(file));
    assert.deepEqual(await videosOf(bob), [copy.data!.publishVideo.id]);
  });

  test('sha256 and size alone get nothing: wrong or malformed proofs are refused, the challenge takes one answer, and nothing changes', async () => {
    const file = clip('attack');
    const alice = await register();
    const original = await publishByChunks(alice, file);
    const mallory = await register();
    // Everything an attacker knows is public.
    const pub = await gql(url, VideoDetailsDocument, { id: original.video.id });
    const { sha256: hash, size } = pub.data!.video!;
    const references = await stack.video.stores.videos.countObjectReferences(original.objectKey);
    assert.equal(references, 1, 'the original video');
    const up = (await init(mallory, size, hash)).data!.initUpload.upload;
    const ranges = up.proofChallenge!.ranges;

    // Malformed answers are not a guess: refused, and the challenge stays.
    assert.equal(code(await prove(mallory, up.id, [hash, hash])), 'BAD_USER_INPUT', 'too few proofs');
    assert.equal(code(await prove(mallory, up.id, ['not-hex', hash, hash])), 'BAD_USER_INPUT', 'not a sha256');
    assert.deepEqual((await status(mallory, up.id)).proofChallenge?.ranges, ranges);

    // Another user cannot answer someone else's challenge.
    const eve = await register();
    assert.equal(code(await prove(eve, up.id, proofsFor(file, ranges))), 'FORBIDDEN');
    assert.deepEqual((await status(mallory, up.id)).proofChallenge?.ranges, ranges);

    // The best an attacker can do: the public whole-file hash for every range.
    const refused = await prove(mallory, up.id, ranges.map(() => hash));
    assert.equal(code(refused), 'BAD_USER_INPUT');
    assert.deepEqual(refused.errors![0]!.extensions?.field, 'proofs');
    assert.doesNotMatch(refused.errors![0]!.message, /range|offset|\d{4,}/i, 'the refusal tells nothing about the content');
    const after = await status(mallory, up.id);
    assert.equal(after.status, 'UPLOADING', 'the upload goes on as a chunked upload');
    assert.equal(after.proofChallenge, null, 'the challenge is withdrawn');
    assert.deepEqual(after.receivedChunks, []);
    assert.equal((await stack.video.stores.uploads.findUpload(up.id))?.objectKey, null, 'no reference to the stored object');
    assert.equal(await stack.video.stores.videos.countObjectReferences(original.objectKey), references);

    // One answer per challenge: not even the right digests complete it now.
    assert.equal(code(await prove(mallory, up.id, proofsFor(file, ranges))), 'BAD_USER_INPUT');
    assert.equal((await status(mallory, up.id)).status, 'UPLOADING');
    assert.equal(code(await complete(mallory, up.id)), 'BAD_USER_INPUT', 'completing needs the chunks');
    assert.equal(code(await publish(mallory, up.id)), 'BAD_USER_INPUT', 'publishing needs a completed upload');
    assert.deepEqual(await videosOf(mallory), [], 'no video came of it');
    assert.deepEqual(await stack.objects.list(`videos/${up.id}/`), []);
    assert.equal(await played(original.video.playbackUrl), sha256(file), 'the original is untouched');
  });

  test('a client that ignores the challenge uploads the chunks as usual', async () => {
    const file = clip('ignore');
    const alice = await register();
    await publishByChunks(alice, file);

    const carol = await register();
    const up = (await init(carol, file.length, sha256(file))).data!.initUpload.upload;
    assert.ok(up.proofChallenge);
    assert.equal((await sendChunk(carol, up.id, file)).errors, undefined);
    const done = await complete(carol, up.id);
    assert.equal(done.errors, undefined, JSON.stringify(done.errors));
    assert.equal(done.data!.completeUpload.status, 'COMPLETED');
    assert.equal(done.data!.completeUpload.proofChallenge, null, 'the challenge goes with the completion');
    assert.equal(sha256(await stack.objects.getBuffer(`videos/${up.id}/source`)), sha256(file), 'the upload has its own object');
    const video = await publish(carol, up.id, 'Sent in full');
    assert.equal(video.errors, undefined, JSON.stringify(video.errors));
    assert.equal(await played(video.data!.publishVideo.playbackUrl), sha256(file));
  });

  /** Starts an upload of known content and answers its challenge, as a client holding the file. */
  async function instantUpload(a: Auth, file: Buffer): Promise<string> {
    const up = (await init(a, file.length, sha256(file))).data!.initUpload.upload;
    assert.ok(up.proofChallenge, 'known content comes with a challenge');
    const proved = await prove(a, up.id, proofsFor(file, up.proofChallenge.ranges));
    assert.equal(proved.data?.proveUpload.status, 'COMPLETED', JSON.stringify(proved.errors));
    return up.id;
  }
  const deleteVideo = async (a: Auth, id: string) => assert.deepEqual((await gql(url, DeleteVideoDocument, { id }, as(a))).data, { deleteVideo: true });
  const stored = async (key: string) => (await stack.objects.stat(key)) !== null;
  /** Runs the stale-upload sweep with a cutoff in the future, so that every unfinished upload counts as expired. */
  async function expireEverything() {
    const ttl = stack.config.VIDEO_UPLOAD_TTL_SECONDS;
    stack.config.VIDEO_UPLOAD_TTL_SECONDS = -60;
    try {
      assert.notEqual(await stack.video.cleanup.runNow(), undefined, 'the sweep ran');
    } finally {
      stack.config.VIDEO_UPLOAD_TTL_SECONDS = ttl;
    }
  }

  test('a completed instant upload keeps the shared bytes: the original is deleted, the copy still publishes and plays; the bytes go with the last user', async () => {
    const file = clip('refcount');
    const alice = await register();
    const original = await publishByChunks(alice, file);
    const bob = await register();
    const bobUpload = await instantUpload(bob, file);

    await deleteVideo(alice, original.video.id);
    assert.ok(await stored(original.objectKey), 'a completed upload still holds the bytes');
    assert.equal((await status(bob, bobUpload)).status, 'COMPLETED');

    const copy = await publish(bob, bobUpload, 'Survivor');
    assert.equal(copy.errors, undefined, JSON.stringify(copy.errors));
    assert.equal(await played(copy.data!.publishVideo.playbackUrl), sha256(file));

    await deleteVideo(bob, copy.data!.publishVideo.id);
    assert.equal(await stored(original.objectKey), false, 'deleted with the last video that used them');
    assert.deepEqual(await stack.objects.list(`videos/${original.uploadId}/`), []);
  });

  test('an unpublished completed upload expires with the stale uploads and gives its reference back', async () => {
    const file = clip('expiry');
    const alice = await register();
    const original = await publishByChunks(alice, file);

    // Expiring a holder while the original video stands keeps the bytes.
    const bob = await register();
    const bobUpload = await instantUpload(bob, file);
    await expireEverything();
    assert.equal((await status(bob, bobUpload)).status, 'ABORTED');
    assert.equal((await stack.video.stores.uploads.findUpload(bobUpload))?.objectKey, null, 'an expired upload points at nothing');
    assert.equal(code(await publish(bob, bobUpload)), 'BAD_USER_INPUT', 'and cannot be published');
    assert.ok(await stored(original.objectKey));
    assert.equal(await played(original.video.playbackUrl), sha256(file));

    // The last holder expiring takes the bytes.
    const carol = await register();
    const carolUpload = await instantUpload(carol, file);
    await deleteVideo(alice, original.video.id);
    assert.ok(await stored(original.objectKey), 'held by the completed upload');
    await expireEverything();
    assert.equal((await status(carol, carolUpload)).status, 'ABORTED');
    assert.equal(await stored(original.objectKey), false, 'no video and no completed upload: the bytes are deleted');

    // A chunked upload completed and never published goes the same way, with its own object.
    const dave = await register();
    const own = clip('never-published');
    const up = (await init(dave, own.length, sha256(own))).data!.initUpload.upload;
    assert.equal((await sendChunk(dave, up.id, own)).errors, undefined);
    assert.equal((await complete(dave, up.id)).data?.completeUpload.status, 'COMPLETED');
    assert.ok(await stored(`videos/${up.id}/source`));
    await expireEverything();
    assert.equal((await status(dave, up.id)).status, 'ABORTED');
    assert.equal(await stored(`videos/${up.id}/source`), false);
  });
});
