import { v7 as uuidv7 } from 'uuid';
import type { ChunkRecord, NewUpload, UploadRecord, UploadStatus, UploadStore } from '../uploads.js';
import { chunk, now, upload, type VideoDb } from './schema.js';

export class SqliteUploadStore implements UploadStore {
  constructor(private readonly d: VideoDb) {}

  async createUpload(u: NewUpload): Promise<UploadRecord> {
    const t = now();
    const id = u.id ?? uuidv7();
    this.d.db
      .prepare(
        `INSERT INTO uploads (id, owner_id, filename, size, sha256, chunk_size, chunk_count, status, object_key, failure, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(id, u.ownerId, u.filename, u.size, u.sha256, u.chunkSize, u.chunkCount, u.status, u.objectKey, t, t);
    return upload(this.d.one(`SELECT * FROM uploads WHERE id = ?`, id)!);
  }

  async findUpload(id: string): Promise<UploadRecord | null> {
    const r = this.d.one(`SELECT * FROM uploads WHERE id = ?`, id);
    return r ? upload(r) : null;
  }

  async countActiveUploads(ownerId: string): Promise<number> {
    return (this.d.one(`SELECT COUNT(*) AS n FROM uploads WHERE owner_id = ? AND status = 'UPLOADING'`, ownerId)!.n as number) ?? 0;
  }

  async recordChunk(c: ChunkRecord): Promise<boolean> {
    return this.d.db.transaction(() => {
      const added = this.d
        .sql(`INSERT OR IGNORE INTO chunks (upload_id, idx, size, sha256, object_key, verified) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(c.uploadId, c.index, c.size, c.sha256, c.objectKey, c.verified ? 1 : 0).changes === 1;
      // Touching the upload keeps an active upload from being cleaned up as stale.
      if (added) this.d.sql(`UPDATE uploads SET updated_at = ? WHERE id = ?`).run(now(), c.uploadId);
      return added;
    })();
  }

  async listChunks(uploadId: string): Promise<ChunkRecord[]> {
    return this.d.all(`SELECT * FROM chunks WHERE upload_id = ? ORDER BY idx`, uploadId).map(chunk);
  }

  async transitionUpload(id: string, from: UploadStatus[], to: UploadStatus, changes: { objectKey?: string | null; failure?: string | null } = {}): Promise<UploadRecord | null> {
    const r = this.d.one(
      `UPDATE uploads SET status = ?, object_key = CASE WHEN ? THEN ? ELSE object_key END, failure = CASE WHEN ? THEN ? ELSE failure END, updated_at = ?
       WHERE id = ? AND status IN (SELECT value FROM json_each(?)) RETURNING *`,
      to,
      changes.objectKey !== undefined ? 1 : 0,
      changes.objectKey ?? null,
      changes.failure !== undefined ? 1 : 0,
      changes.failure ?? null,
      now(),
      id,
      JSON.stringify(from),
    );
    return r ? upload(r) : null;
  }

  async listStaleUploads(before: Date, limit: number, statuses: UploadStatus[] = ['UPLOADING']): Promise<UploadRecord[]> {
    return this.d.all(
      `SELECT * FROM uploads WHERE status IN (SELECT value FROM json_each(?)) AND updated_at < ? ORDER BY updated_at, id LIMIT ?`,
      JSON.stringify(statuses),
      before.toISOString(),
      limit,
    ).map(upload);
  }

  async deleteChunks(uploadId: string): Promise<void> {
    this.d.sql(`DELETE FROM chunks WHERE upload_id = ?`).run(uploadId);
  }

  async dropChunks(uploadId: string, indexes: readonly number[]): Promise<void> {
    this.d.db.transaction(() => {
      this.d.sql(`DELETE FROM chunks WHERE upload_id = ? AND idx IN (SELECT value FROM json_each(?))`).run(uploadId, JSON.stringify(indexes));
      this.d.sql(`UPDATE uploads SET dropped_rounds = dropped_rounds + 1 WHERE id = ?`).run(uploadId);
    })();
  }
}
