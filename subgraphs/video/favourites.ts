/**
 * Favourite folders. A folder is visible to its owner always, and to others
 * when it is public and the owner's privacy settings let the viewer see their
 * favourites (the user subgraph computes that per viewer: favouritesVisibleToViewer).
 */
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { Context } from './context.js';
import type { FolderRecord } from './store.js';

/** @default 50 */
export const MAX_FOLDERS = 50;

function checkName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 40) throw badInput('Folder names are 1-40 characters.', { field: 'name' });
  return n;
}

async function ownFolder(ctx: Context, id: string): Promise<FolderRecord> {
  const folder = await ctx.loaders.folder.load(id);
  if (!folder) throw notFound('No such folder.');
  if (folder.ownerId !== ctx.viewer.userId) throw forbidden('Only the owner can change this folder.');
  return folder;
}

export async function createFolder(ctx: Context, name: string, isPublic: boolean) {
  const me = ctx.viewer.userId!;
  if (((await ctx.store.listFolders([me])).get(me) ?? []).length >= MAX_FOLDERS) throw badInput(`You can have ${MAX_FOLDERS} folders.`);
  return ctx.store.createFolder({ ownerId: me, name: checkName(name), isPublic });
}

export async function updateFolder(ctx: Context, id: string, changes: { name?: string | null; isPublic?: boolean | null }) {
  await ownFolder(ctx, id);
  const updated = await ctx.store.updateFolder(id, { ...(changes.name != null ? { name: checkName(changes.name) } : {}), ...(changes.isPublic != null ? { isPublic: changes.isPublic } : {}) });
  if (!updated) throw notFound('No such folder.');
  return updated;
}

export async function deleteFolder(ctx: Context, id: string) {
  await ownFolder(ctx, id);
  return ctx.store.deleteFolder(id);
}

export async function setFavourite(ctx: Context, folderId: string, videoId: string, on: boolean) {
  await ownFolder(ctx, folderId);
  if (on) {
    if (!(await ctx.loaders.video.load(videoId))) throw notFound('No such video.');
    await ctx.store.addToFolder(folderId, videoId);
  } else {
    await ctx.store.removeFromFolder(folderId, videoId);
  }
  ctx.loaders.folder.clear(folderId);
  return (await ctx.loaders.folder.load(folderId))!;
}

/** The folders of `ownerId` the viewer may see; null when hidden by the owner's privacy settings. */
export async function visibleFolders(ctx: Context, ownerId: string, favouritesVisibleToViewer: boolean | undefined): Promise<FolderRecord[] | null> {
  const folders = await ctx.loaders.foldersOf.load(ownerId);
  if (ownerId === ctx.viewer.userId) return folders;
  if (!favouritesVisibleToViewer) return null;
  return folders.filter((f) => f.isPublic);
}

export async function folderVideos(ctx: Context, folder: FolderRecord, args: { first?: number | null; after?: string | null }) {
  const page = await ctx.store.listFolderVideos(folder.id, { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const videos = await ctx.loaders.video.loadMany(page.items.map((i) => i.videoId));
  const edges = page.items.flatMap((item, i) => {
    const node = videos[i];
    return node && !(node instanceof Error) ? [{ cursor: encodeCursor(item.cursor), node }] : [];
  });
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? encodeCursor(page.items.at(-1)!.cursor) : null } };
}
