/**
 * Favourite folders. A folder is visible to its owner always, and to others
 * when it is public and the owner's privacy settings let the viewer see their
 * favourites (the user subgraph computes that per viewer: favouritesVisibleToViewer).
 */
import type DataLoader from 'dataloader';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { FavouriteStore, FolderRecord } from './store/favourites.js';
import type { VideoRecord } from './store/videos.js';

/** What the favourites functions use; the loaders are the request's. */
export interface FavouriteDeps {
  favourites: FavouriteStore;
  folderLoader: Pick<DataLoader<string, FolderRecord | null>, 'load' | 'clear'>;
  foldersOfLoader: Pick<DataLoader<string, FolderRecord[]>, 'load'>;
  videoLoader: Pick<DataLoader<string, VideoRecord | null>, 'load' | 'loadMany'>;
}

/** @default 50 */
export const MAX_FOLDERS = 50;

function checkName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 40) throw badInput('Folder names are 1-40 characters.', { field: 'name' });
  return n;
}

async function ownFolder(deps: FavouriteDeps, viewerId: string, id: string): Promise<FolderRecord> {
  const folder = await deps.folderLoader.load(id);
  if (!folder) throw notFound('No such folder.');
  if (folder.ownerId !== viewerId) throw forbidden('Only the owner can change this folder.');
  return folder;
}

export async function createFolder(deps: FavouriteDeps, viewerId: string, name: string, isPublic: boolean) {
  const me = viewerId;
  if (((await deps.favourites.listFolders([me])).get(me) ?? []).length >= MAX_FOLDERS) throw badInput(`You can have ${MAX_FOLDERS} folders.`);
  return deps.favourites.createFolder({ ownerId: me, name: checkName(name), isPublic });
}

export async function updateFolder(deps: FavouriteDeps, viewerId: string, id: string, changes: { name?: string | null; isPublic?: boolean | null }) {
  await ownFolder(deps, viewerId, id);
  const updated = await deps.favourites.updateFolder(id, { ...(changes.name != null ? { name: checkName(changes.name) } : {}), ...(changes.isPublic != null ? { isPublic: changes.isPublic } : {}) });
  if (!updated) throw notFound('No such folder.');
  return updated;
}

export async function deleteFolder(deps: FavouriteDeps, viewerId: string, id: string) {
  await ownFolder(deps, viewerId, id);
  return deps.favourites.deleteFolder(id);
}

export async function setFavourite(deps: FavouriteDeps, viewerId: string, folderId: string, videoId: string, on: boolean) {
  await ownFolder(deps, viewerId, folderId);
  if (on) {
    if (!(await deps.videoLoader.load(videoId))) throw notFound('No such video.');
    await deps.favourites.addToFolder(folderId, videoId);
  } else {
    await deps.favourites.removeFromFolder(folderId, videoId);
  }
  deps.folderLoader.clear(folderId);
  return (await deps.folderLoader.load(folderId))!;
}

/** The folders of `ownerId` the viewer may see; null when hidden by the owner's privacy settings. */
export async function visibleFolders(deps: FavouriteDeps, viewerId: string | null, ownerId: string, favouritesVisibleToViewer: boolean | undefined): Promise<FolderRecord[] | null> {
  const folders = await deps.foldersOfLoader.load(ownerId);
  if (ownerId === viewerId) return folders;
  if (!favouritesVisibleToViewer) return null;
  return folders.filter((f) => f.isPublic);
}

export async function folderVideos(deps: FavouriteDeps, folder: FolderRecord, args: { first?: number | null; after?: string | null }) {
  const page = await deps.favourites.listFolderVideos(folder.id, { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const videos = await deps.videoLoader.loadMany(page.items.map((i) => i.videoId));
  const edges = page.items.flatMap((item, i) => {
    const node = videos[i];
    return node && !(node instanceof Error) ? [{ cursor: encodeCursor(item.cursor), node }] : [];
  });
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.length ? encodeCursor(page.items.at(-1)!.cursor) : null } };
}
