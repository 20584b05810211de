import { v7 as uuidv7 } from 'uuid';
import type { FavouriteStore, FolderRecord } from '../favourites.js';
import type { Page } from '../page.js';
import { folder, json, now, type VideoDb } from './schema.js';

export class SqliteFavouriteStore implements FavouriteStore {
  constructor(private readonly d: VideoDb) {}

  async createFolder(f: { ownerId: string; name: string; isPublic: boolean }): Promise<FolderRecord> {
    const id = uuidv7();
    this.d.sql(`INSERT INTO folders (id, owner_id, name, is_public, created_at) VALUES (?, ?, ?, ?, ?)`).run(id, f.ownerId, f.name, f.isPublic ? 1 : 0, now());
    return folder(this.d.one(`SELECT * FROM folders WHERE id = ?`, id)!);
  }

  async findFoldersByIds(ids: readonly string[]): Promise<FolderRecord[]> {
    if (ids.length === 0) return [];
    return this.d.all(`SELECT * FROM folders WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(folder);
  }

  async listFolders(ownerIds: readonly string[]): Promise<Map<string, FolderRecord[]>> {
    const result = new Map<string, FolderRecord[]>(ownerIds.map((id) => [id, []]));
    for (const r of this.d.all(`SELECT * FROM folders WHERE owner_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`, json(ownerIds))) {
      result.get(r.owner_id as string)?.push(folder(r));
    }
    return result;
  }

  async updateFolder(id: string, changes: { name?: string; isPublic?: boolean }): Promise<FolderRecord | null> {
    const r = this.d.one(
      `UPDATE folders SET name = COALESCE(?, name), is_public = COALESCE(?, is_public) WHERE id = ? RETURNING *`,
      changes.name ?? null,
      changes.isPublic === undefined ? null : changes.isPublic ? 1 : 0,
      id,
    );
    return r ? folder(r) : null;
  }

  async deleteFolder(id: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      this.d.sql(`DELETE FROM folder_items WHERE folder_id = ?`).run(id);
      return this.d.sql(`DELETE FROM folders WHERE id = ?`).run(id).changes === 1;
    })();
  }

  async addToFolder(folderId: string, videoId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const added = this.d.sql(`INSERT OR IGNORE INTO folder_items VALUES (?, ?, ?)`).run(uuidv7(), folderId, videoId).changes === 1;
      if (added) this.d.sql(`UPDATE folders SET item_count = item_count + 1 WHERE id = ?`).run(folderId);
      return added;
    }).immediate();
  }

  async removeFromFolder(folderId: string, videoId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const removed = this.d.sql(`DELETE FROM folder_items WHERE folder_id = ? AND video_id = ?`).run(folderId, videoId).changes === 1;
      if (removed) this.d.sql(`UPDATE folders SET item_count = item_count - 1 WHERE id = ?`).run(folderId);
      return removed;
    }).immediate();
  }

  async listFolderVideos(folderId: string, q: { limit: number; after?: string }): Promise<Page<{ videoId: string; cursor: string }>> {
    const rows = this.d.all(`SELECT id, video_id FROM folder_items WHERE folder_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, folderId, q.after ?? null, q.after ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map((r) => ({ videoId: r.video_id as string, cursor: r.id as string })), hasNextPage: rows.length > q.limit };
  }
}
