import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { FavouriteStore, FolderRecord } from '../favourites.js';
import type { Page } from '../page.js';
import { defined, folder, type FolderDoc, type FolderItemDoc, type VideoModels } from './models.js';

export class MongoFavouriteStore implements FavouriteStore {
  constructor(private readonly m: VideoModels) {}

  async createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord> {
    const doc: FolderDoc = { _id: uuidv7(), ownerId: f.ownerId, name: f.name, isPublic: f.isPublic, itemCount: 0, createdAt: new Date() };
    await this.m.folders.create(doc);
    return folder(doc);
  }

  async findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.folders.find({ _id: { $in: [...ids] } }).lean<FolderDoc[]>()).map(folder);
  }

  async listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>> {
    const result = new Map<string, FolderRecord[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    const docs = await this.m.folders
      .find({ ownerId: { $in: [...ownerIds] } })
      .sort({ createdAt: 1, _id: 1 })
      .lean<FolderDoc[]>();
    for (const d of docs) result.get(d.ownerId)?.push(folder(d));
    return result;
  }

  async updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null> {
    const set = defined({ name: changes.name, isPublic: changes.isPublic });
    // Nothing to change is a read, as SQLite's COALESCE-only UPDATE is.
    const doc =
      Object.keys(set).length === 0
        ? await this.m.folders.findOne({ _id: id }).lean<FolderDoc>()
        : await this.m.folders.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<FolderDoc>();
    return doc ? folder(doc) : null;
  }

  async deleteFolder(id: string): Promise<boolean> {
    // The folder first, so that an addToFolder racing with the delete finds no
    // folder to count in and takes its entry back. The entries follow, and are
    // swept even when the folder is already gone: a crash between the two steps
    // leaves unreachable entries that a repeated deleteFolder removes.
    const removed = await this.m.folders.deleteOne({ _id: id });
    await this.m.folderItems.deleteMany({ folderId: id });
    return removed.deletedCount === 1;
  }

  async addToFolder(folderId: string, videoId: string): Promise<boolean> {
    const entryId = uuidv7();
    try {
      await this.m.folderItems.create({ _id: entryId, folderId, videoId });
    } catch (err) {
      // Already in the folder: the unique index admitted one entry, and only its writer counts it.
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
    // A crash between the insert and the $inc leaves itemCount one low.
    const counted = await this.m.folders.updateOne({ _id: folderId }, { $inc: { itemCount: 1 } });
    if (counted.matchedCount === 0) {
      // SQLite refuses an entry of a missing folder (foreign key); so does this,
      // after the fact, which also covers a folder deleted since the insert.
      await this.m.folderItems.deleteOne({ _id: entryId });
      throw new Error(`folder ${folderId} does not exist`);
    }
    return true;
  }

  async removeFromFolder(folderId: string, videoId: string): Promise<boolean> {
    // Only the call that deleted the entry decrements. A crash in between leaves itemCount one high.
    const removed = await this.m.folderItems.findOneAndDelete({ folderId, videoId }, { projection: { _id: 1 } }).lean<Pick<FolderItemDoc, '_id'>>();
    if (!removed) return false;
    await this.m.folders.updateOne({ _id: folderId }, { $inc: { itemCount: -1 } });
    return true;
  }

  async listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>> {
    const docs = await this.m.folderItems
      .find({ folderId, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<FolderItemDoc[]>();
    return { items: docs.slice(0, q.limit).map((d) => ({ videoId: d.videoId, cursor: d._id })), hasNextPage: docs.length > q.limit };
  }
}
