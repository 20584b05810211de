/**
 * The favourites port: folders of videos.
 *
 * Guarantees every adapter gives (store/favourites.contract.test.ts): a video is
 * in a folder at most once, and only the call that added (removed) an entry
 * moves the folder's itemCount, so it is exact under repeated and concurrent
 * calls (on MongoDB a crash between the entry and the count can leave the
 * count off by one).
 */
import type { Page } from './page.js';

export interface FolderRecord {
  id: string;
  ownerId: string;
  name: string;
  isPublic: boolean;
  itemCount: number;
  createdAt: Date;
}

export interface FavouriteStore {
  createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord>;
  findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]>;
  listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>>;
  updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null>;
  deleteFolder(id: string): Promise<boolean>;
  /** True when added now. */
  addToFolder(folderId: string, videoId: string): Promise<boolean>;
  removeFromFolder(folderId: string, videoId: string): Promise<boolean>;
  /** Most recently added first; `after` is the cursor of the previous page. */
  listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>>;
}
