/**
 * State written straight to the stores, for end-to-end tests whose subject is
 * something else: users holding an access token without signing in, and
 * published videos without an upload.
 */
import { createHash } from 'node:crypto';
import type { Stack } from './harness.js';

/** A user as the API names them, with an access token of theirs. */
export interface SignedInUser {
  user: { id: string; username: string };
  accessToken: string;
}

/**
 * Creates a user in the user store and an access token as login would issue it.
 * No session stands behind the token (signing out ends nothing) and no password
 * signs them in: tests of sessions register through the API.
 */
export async function createSignedInUser(stack: Pick<Stack, 'user' | 'tokenFor'>, username: string, displayName = username): Promise<SignedInUser> {
  const u = await stack.user.store.createUser({ username, displayName, passwordHash: 'x' });
  return { user: { id: u.id, username: u.username }, accessToken: await stack.tokenFor(u.id) };
}

/**
 * A published one-minute 1280×720 video written straight to the video store
 * (no upload, no object behind it): its sha256 is the title's, its object key
 * `videos/<folder>/<sha256>.mp4`. Returns its id.
 */
export async function storedVideo(
  stack: Pick<Stack, 'video'>,
  v: { uploaderId: string; title: string; folder: string; description?: string; tags?: string[] },
): Promise<string> {
  const sha256 = createHash('sha256').update(v.title).digest('hex');
  const video = await stack.video.stores.videos.createVideo({
    uploaderId: v.uploaderId,
    title: v.title,
    description: v.description ?? '',
    tags: v.tags ?? [],
    objectKey: `videos/${v.folder}/${sha256}.mp4`,
    coverKey: null,
    sha256,
    size: 1_000_000,
    durationMs: 60_000,
    width: 1280,
    height: 720,
  });
  return video.id;
}
