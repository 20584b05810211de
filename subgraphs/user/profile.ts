/**
 * Profiles, privacy settings and follows. Each function takes the narrow
 * dependencies it uses (ProfileDeps, built per request by context.ts), never
 * the request context.
 */
import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { FileUpload } from 'graphql-upload-minimal';
import { badInput, notFound } from '../../lib/errors.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import { IMAGE_MIME, readBounded, sniffImage } from '../../lib/storage/uploadedFiles.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { UserEvents } from './events.js';
import type { FollowStore } from './store/follows.js';
import type { ProfileChanges, UserRecord, UserStore, Visibility } from './store/users.js';

export interface ProfileDeps {
  /** The viewer; null for an anonymous visitor (the mutations require one: rules.ts). */
  viewerId: string | null;
  users: Pick<UserStore, 'updateProfile'>;
  follows: Pick<FollowStore, 'follow' | 'unfollow' | 'listFollowers' | 'listFollowing'>;
  /** The request's loaders: users by id, and whether the viewer follows each user. */
  userLoader: DataLoader<string, UserRecord | null>;
  followedLoader: DataLoader<string, boolean>;
  objects: Pick<ObjectStore, 'put' | 'remove'>;
  events: UserEvents;
  log: Logger;
}

/** @default 2 MB */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Lifetime of avatar URLs. @default 24 hours */
export const AVATAR_URL_TTL_SECONDS = 24 * 3600;

/** May the viewer see a part of `owner`'s home page with this visibility? */
export async function canSee(d: Pick<ProfileDeps, 'viewerId' | 'followedLoader'>, ownerId: string, visibility: Visibility): Promise<boolean> {
  const viewer = d.viewerId;
  if (viewer === ownerId) return true;
  if (visibility === 'EVERYONE') return true;
  if (visibility === 'ONLY_ME' || !viewer) return false;
  return d.followedLoader.load(ownerId);
}

export async function updateProfile(
  d: ProfileDeps,
  input: { displayName?: string | null; bio?: string | null; avatar?: Promise<FileUpload> | null; removeAvatar?: boolean | null },
): Promise<UserRecord> {
  const userId = d.viewerId!;
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
  const before = await d.userLoader.load(userId);
  if (!before) throw notFound('Your account no longer exists.');

  let newAvatarKey: string | undefined;
  if (input.avatar) {
    const upload = await input.avatar;
    const bytes = await readBounded(upload.createReadStream(), AVATAR_MAX_BYTES, 'The avatar');
    const type = sniffImage(bytes.subarray(0, 16));
    if (!type) throw badInput('Avatars must be PNG, JPEG, GIF or WebP images.', { field: 'avatar' });
    newAvatarKey = `avatars/${userId}/${randomUUID()}.${type}`;
    await d.objects.put(newAvatarKey, bytes, bytes.length, IMAGE_MIME[type]);
    changes.avatarKey = newAvatarKey;
  } else if (input.removeAvatar) {
    changes.avatarKey = null;
  }

  let updated: UserRecord | null;
  try {
    updated = await d.users.updateProfile(userId, changes);
  } catch (err) {
    // The record was not changed: the new object must not be left behind.
    if (newAvatarKey) await d.objects.remove([newAvatarKey]).catch(() => undefined);
    throw err;
  }
  if (!updated) throw notFound('Your account no longer exists.');
  if (changes.avatarKey !== undefined && before.avatarKey) await d.objects.remove([before.avatarKey]).catch((err: unknown) => d.log.warn({ err }, 'old avatar not removed'));
  await d.events.changed('user.updated', updated);
  d.userLoader.clear(userId).prime(userId, updated);
  return updated;
}

export async function updatePrivacy(d: ProfileDeps, input: { favourites?: Visibility | null; follows?: Visibility | null }) {
  const changes: ProfileChanges = {};
  if (input.favourites) changes.privacyFavourites = input.favourites;
  if (input.follows) changes.privacyFollows = input.follows;
  const updated = await d.users.updateProfile(d.viewerId!, changes);
  if (!updated) throw notFound('Your account no longer exists.');
  await d.events.changed('user.updated', updated);
  return { favourites: updated.privacyFavourites, follows: updated.privacyFollows };
}

async function target(d: ProfileDeps, userId: string): Promise<UserRecord> {
  const user = await d.userLoader.load(userId);
  if (!user) throw notFound('No such user.');
  return user;
}

export async function follow(d: ProfileDeps, userId: string): Promise<UserRecord> {
  const me = d.viewerId!;
  if (userId === me) throw badInput('You cannot follow yourself.');
  await target(d, userId);
  if (await d.follows.follow(me, userId)) await d.events.follows('user.followed', me, userId);
  return fresh(d, userId);
}

export async function unfollow(d: ProfileDeps, userId: string): Promise<UserRecord> {
  const me = d.viewerId!;
  await target(d, userId);
  if (await d.follows.unfollow(me, userId)) await d.events.follows('user.unfollowed', me, userId);
  return fresh(d, userId);
}

/** Counts changed: reload instead of serving the request's cached copy. */
async function fresh(d: ProfileDeps, userId: string): Promise<UserRecord> {
  d.userLoader.clear(userId);
  d.followedLoader.clear(userId);
  return target(d, userId);
}

export async function followList(d: ProfileDeps, owner: UserRecord, which: 'followers' | 'following', args: { first?: number | null; after?: string | null }) {
  if (!(await canSee(d, owner.id, owner.privacyFollows))) return null;
  const q = { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) };
  const page = which === 'followers' ? await d.follows.listFollowers(owner.id, q) : await d.follows.listFollowing(owner.id, q);
  const users = await d.userLoader.loadMany(page.items.map((i) => i.userId));
  const edges = page.items.flatMap((item, i) => {
    const node = users[i];
    return node && !(node instanceof Error) ? [{ cursor: encodeCursor(item.cursor), node }] : [];
  });
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? encodeCursor(page.items.at(-1)!.cursor) : null } };
}
