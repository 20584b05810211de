/**
 * Videos as the end-to-end tests make them: a small file uploaded in one
 * chunk and published through the gateway with the typed operations.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gql, gqlUpload, type GraphQLResponse } from './client.js';
import { sha256, smallMp4 } from './media.js';
import { CompleteUploadDocument, InitUploadDocument, PublishVideoDocument, UploadChunkDocument, type PublishVideoInput, type PublishVideoMutation } from './__generated__/operations.js';

/** Uploads a unique small MP4 as `token`'s user and publishes it with `input`; returns the publishing response. */
export async function publishSmallVideo(url: string, token: string, input: Omit<PublishVideoInput, 'uploadId'>, filename = 'v.mp4'): Promise<GraphQLResponse<PublishVideoMutation>> {
  const file = Buffer.concat([smallMp4(), Buffer.from(randomUUID())]);
  const as = { token };
  const init = await gql(url, InitUploadDocument, { filename, size: file.length, sha256: sha256(file) }, as);
  assert.equal(init.errors, undefined, JSON.stringify(init.errors));
  const uploadId = init.data!.initUpload.upload.id;
  await gqlUpload(url, UploadChunkDocument, { uploadId, index: 0, chunk: null, checksum: sha256(file) }, { 'variables.chunk': { bytes: file, filename: 'c0' } }, as);
  await gql(url, CompleteUploadDocument, { uploadId }, as);
  const published = await gql(url, PublishVideoDocument, { input: { uploadId, ...input } }, as);
  assert.equal(published.errors, undefined, JSON.stringify(published.errors));
  return published;
}
