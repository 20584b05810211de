/**
 * Profiles, privacy settings and follows.
 */
import { randomUUID } from 'node:crypto';
import type { FileUpload } from 'graphql-upload-minimal';
import { badInput, notFound } from '../../lib/errors.js';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import { IMAGE_MIME, readBounded, sniffImage } from '../../lib/storage/uploadedFiles.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { Context } from './context.js';
import type { ProfileChanges, UserRecord, Visibility } from './store/users.js';

/** @default 2 MB */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Lifetime of avatar URLs. @default 24 hours */
export const AVATAR_URL_TTL_SECONDS = 24 * 3600;

/** What other services learn about a user (search index, notifications). */
export function userEventPayload(u: UserRecord) {
  return { username: u.username, displayName: u.displayName, bio: u.bio, createdAt: u.createdAt.toISOString() };
}

/** May the viewer see a part of `owner`'s home page with this visibility? */
export async function canSee(ctx: Context, ownerId: string, visibility: Visibility): Promise<boolean> {
  const viewer = ctx.viewer.userId;
  if (viewer === ownerId) return true;
  if (visibility === 'EVERYONE') return true;
  if (visibility === 'ONLY_ME' || !viewer) return false;
  return ctx.loaders.followedByViewer.load(ownerId);
}

export async function updateProfile(
  ctx: Context,
  input: { displayName?: string | null; bio?: string | null; avatar?: Promise<FileUpload> | null; removeAvatar?: boolean | null },
): Promise<UserRecord> {
  const userId = ctx.viewer.userId!;
  const changes: ProfileChanges = {};
  if (input.displayName != null) {
    const name = input.displayName.trim();
    if (name.length < 1 || name.length > 40) throw badInput('Display names are 1-40 characters.', { field: 'displayName' });
    changes.displayName = name;
  }
  if (input.bio != null) {
    if (input.bio.length > 500) throw badInput('Bios are at most 500 characters.', { field: 'bio' });
    changes.bio = input.bio;
  }
  if (input.avatar && input.removeAvatar) throw badInput('Pass either avatar or removeAvatar, not both.');
  const before = await ctx.loaders.user.load(userId);
  if (!before) throw notFound('Your account no longer exists.');

  let newAvatarKey: string | undefined;
  if (input.avatar) {
    const upload = await input.avatar;
    const bytes = await readBounded(upload.createReadStream(), AVATAR_MAX_BYTES, 'The avatar');
    const type = sniffImage(bytes.subarray(0, 16));
    if (!type) throw badInput('Avatars must be PNG, JPEG, GIF or WebP images.', { field: 'avatar' });
    newAvatarKey = `avatars/${userId}/${randomUUID()}.${type}`;
    await ctx.objects.put(newAvatarKey, bytes, bytes.length, IMAGE_MIME[type]);
    changes.avatarKey = newAvatarKey;
  } else if (input.removeAvatar) {
    changes.avatarKey = null;
  }

  let updated: UserRecord | null;
  try {
    updated = await ctx.stores.users.updateProfile(userId, changes);
  } catch (err) {
    // The record was not changed: the new object must not be left behind.
    if (newAvatarKey) await ctx.objects.remove([newAvatarKey]).catch(() => undefined);
    throw err;
  }
  if (!updated) throw notFound('Your account no longer exists.');
  if (changes.avatarKey !== undefined && before.avatarKey) await ctx.objects.remove([before.avatarKey]).catch((err: unknown) => ctx.log.warn({ err }, 'old avatar not removed'));
  await publishEvent(ctx.redis, STREAMS.user, { type: 'user.updated', subjectId: updated.id, version: updated.version, payload: userEventPayload(updated) });
  ctx.loaders.user.clear(userId).prime(userId, updated);
  return updated;
}

export async function updatePrivacy(ctx: Context, input: { favourites?: Visibility | null; follows?: Visibility | null }) {
  const changes: ProfileChanges = {};
  if (input.favourites) changes.privacyFavourites = input.favourites;
  if (input.follows) changes.privacyFollows = input.follows;
  const updated = await ctx.stores.users.updateProfile(ctx.viewer.userId!, changes);
  if (!updated) throw notFound('Your account no longer exists.');
  await publishEvent(ctx.redis, STREAMS.user, { type: 'user.updated', subjectId: updated.id, version: updated.version, payload: userEventPayload(updated) });
  return { favourites: updated.privacyFavourites, follows: updated.privacyFollows };
}

async function target(ctx: Context, userId: string): Promise<UserRecord> {
  const user = await ctx.loaders.user.load(userId);
  if (!user) throw notFound('No such user.');
  return user;
}

export async function follow(ctx: Context, userId: string): Promise<UserRecord> {
  const me = ctx.viewer.userId!;
  if (userId === me) throw badInput('You cannot follow yourself.');
  await target(ctx, userId);
  if (await ctx.stores.follows.follow(me, userId)) {
    await publishEvent(ctx.redis, STREAMS.user, { type: 'user.followed', subjectId: userId, payload: { followerId: me, followeeId: userId } });
  }
  return fresh(ctx, userId);
}

export async function unfollow(ctx: Context, userId: string): Promise<UserRecord> {
  const me = ctx.viewer.userId!;
  await target(ctx, userId);
  if (await ctx.stores.follows.unfollow(me, userId)) {
    await publishEvent(ctx.redis, STREAMS.user, { type: 'user.unfollowed', subjectId: userId, payload: { followerId: me, followeeId: userId } });
  }
  return fresh(ctx, userId);
}

/** Counts changed: reload instead of serving the request's cached copy. */
async function fresh(ctx: Context, userId: string): Promise<UserRecord> {
  ctx.loaders.user.clear(userId);
  ctx.loaders.followedByViewer.clear(userId);
  return target(ctx, userId);
}

export async function followList(ctx: Context, owner: UserRecord, which: 'followers' | 'following', args: { first?: number | null; after?: string | null }) {
  if (!(await canSee(ctx, owner.id, owner.privacyFollows))) return null;
  const q = { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) };
  const page = which === 'followers' ? await ctx.stores.follows.listFollowers(owner.id, q) : await ctx.stores.follows.listFollowing(owner.id, q);
  const users = await ctx.loaders.user.loadMany(page.items.map((i) => i.userId));
  const edges = page.items.flatMap((item, i) => {
    const node = users[i];
    return node && !(node instanceof Error) ? [{ cursor: encodeCursor(item.cursor), node }] : [];
  });
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? encodeCursor(page.items.at(-1)!.cursor) : null } };
}
