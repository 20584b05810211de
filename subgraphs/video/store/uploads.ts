/**
 * The uploads port: upload sessions and their chunks.
 *
 * Guarantees every adapter gives (store/uploads.contract.test.ts):
 * - a chunk of an upload is recorded at most once (unique upload + index): the
 *   first recorded object wins, a duplicate is told so and can drop its object;
 * - a chunk is recorded and its upload touched (updatedAt, read by the
 *   stale-upload sweep) together;
 * - a status change is a compare-and-set: of concurrent transitions out of one
 *   status exactly one applies.
 */
export type UploadStatus = 'UPLOADING' | 'COMPLETED' | 'PUBLISHED' | 'FAILED' | 'ABORTED';

export interface UploadRecord {
  id: string;
  ownerId: string;
  filename: string;
  size: number;
  sha256: string;
  chunkSize: number;
  chunkCount: number;
  status: UploadStatus;
  /** The merged (or, for an instant upload, the already stored) object once COMPLETED. */
  objectKey: string | null;
  /** Why it FAILED. */
  failure: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChunkRecord {
  uploadId: string;
  index: number;
  size: number;
  sha256: string;
  objectKey: string;
}

export type NewUpload = Omit<UploadRecord, 'id' | 'createdAt' | 'updatedAt' | 'failure'> & { id?: string };

export interface UploadStore {
  createUpload(u: NewUpload): Promise<UploadRecord>;
  findUpload(id: string): Promise<UploadRecord | null>;
  /** Uploads of a user in status UPLOADING. */
  countActiveUploads(ownerId: string): Promise<number>;
  /** True when recorded now, false when the index was already recorded. */
  recordChunk(chunk: ChunkRecord): Promise<boolean>;
  listChunks(uploadId: string): Promise<ChunkRecord[]>;
  /** Moves an upload between statuses only from `from` (compare-and-set); null when it was not in `from`. */
  transitionUpload(id: string, from: UploadStatus[], to: UploadStatus, changes?: { objectKey?: string | null; failure?: string | null }): Promise<UploadRecord | null>;
  /** Uploads in one of `statuses` (default UPLOADING) last touched before `before`, oldest first. */
  listStaleUploads(before: Date, limit: number, statuses?: UploadStatus[]): Promise<UploadRecord[]>;
  /** Deletes the upload's chunk records: all of them, or those at `indexes`. */
  deleteChunks(uploadId: string, indexes?: readonly number[]): Promise<void>;
}
