/**
 * The uploads port: upload sessions and their chunks.
 *
 * Guarantees every adapter gives (store/uploads.contract.test.ts):
 * - a chunk of an upload is recorded at most once (unique upload + index): the
 *   first recorded object wins, a duplicate is told so and can drop its object;
 * - a chunk is recorded and its upload touched (updatedAt, read by the
 *   stale-upload sweep) together;
 * - dropped chunks are never left recorded with their round uncounted;
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
  /** How many times completeUpload dropped chunks that did not match their checksums (capped: see uploads.ts). */
  droppedRounds: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChunkRecord {
  uploadId: string;
  index: number;
  size: number;
  sha256: string;
  objectKey: string;
  /** True when the bytes were hashed against sha256 on their way in (uploadChunk); false for a presigned PUT, checked only for its size. */
  verified: boolean;
}

export type NewUpload = Omit<UploadRecord, 'id' | 'createdAt' | 'updatedAt' | 'failure' | 'droppedRounds'> & { id?: string };

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
  /** Deletes all the upload's chunk records. */
  deleteChunks(uploadId: string): Promise<void>;
  /** Deletes the chunk records at `indexes` and counts one more of the upload's droppedRounds. */
  dropChunks(uploadId: string, indexes: readonly number[]): Promise<void>;
}
