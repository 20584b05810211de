import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { ChunkRecord, NewUpload, UploadRecord, UploadStatus, UploadStore } from '../uploads.js';
import { chunk, defined, upload, type ChunkDoc, type UploadDoc, type VideoModels } from './models.js';

export class MongoUploadStore implements UploadStore {
  constructor(private readonly m: VideoModels) {}

  async createUpload(u: NewUpload): Promise<UploadRecord> {
    const now = new Date();
    const doc: UploadDoc = {
      _id: u.id ?? uuidv7(),
      ownerId: u.ownerId,
      filename: u.filename,
      size: u.size,
      sha256: u.sha256,
      chunkSize: u.chunkSize,
      chunkCount: u.chunkCount,
      status: u.status,
      objectKey: u.objectKey ?? null,
      failure: null,
      droppedRounds: 0,
      createdAt: now,
      updatedAt: now,
    };
    // A given id that already exists fails with a duplicate key, as SQLite's primary key does.
    await this.m.uploads.create(doc);
    return upload(doc);
  }

  async findUpload(id: string): Promise<UploadRecord | null> {
    const doc = await this.m.uploads.findOne({ _id: id }).lean<UploadDoc>();
    return doc ? upload(doc) : null;
  }

  async countActiveUploads(ownerId: string): Promise<number> {
    return this.m.uploads.countDocuments({ ownerId, status: 'UPLOADING' });
  }

  async recordChunk(c: ChunkRecord): Promise<boolean> {
    const doc: ChunkDoc = { _id: uuidv7(), uploadId: c.uploadId, index: c.index, size: c.size, sha256: c.sha256, objectKey: c.objectKey, verified: c.verified };
    try {
      await this.m.chunks.create(doc);
    } catch (err) {
      if (isMongoDuplicateKey(err)) return false;
      throw err;
    }
    // Touching the upload keeps an active upload from being swept as stale; $max
    // so that replicas with skewed clocks never move it back. A crash before
    // this step leaves the chunk recorded with the upload looking idle since its
    // previous chunk: at worst the sweep aborts it a little early.
    const touched = await this.m.uploads.updateOne({ _id: c.uploadId }, { $max: { updatedAt: new Date() } });
    if (touched.matchedCount === 0) {
      // SQLite refuses a chunk of a missing upload (foreign key); take it back.
      await this.m.chunks.deleteOne({ _id: doc._id });
      throw new Error(`upload ${c.uploadId} does not exist`);
    }
    return true;
  }

  async listChunks(uploadId: string): Promise<ChunkRecord[]> {
    return (await this.m.chunks.find({ uploadId }).sort({ index: 1 }).lean<ChunkDoc[]>()).map(chunk);
  }

  async transitionUpload(
    id: string,
    from: UploadStatus[],
    to: UploadStatus,
    changes: { objectKey?: string | null; failure?: string | null } = {},
  ): Promise<UploadRecord | null> {
    // The status condition is the compare-and-set: of two concurrent
    // transitions out of the same status, the server applies one, and the other
    // no longer matches.
    const doc = await this.m.uploads
      .findOneAndUpdate(
        { _id: id, status: { $in: from } },
        { $set: { status: to, updatedAt: new Date(), ...defined({ objectKey: changes.objectKey, failure: changes.failure }) } },
        { returnDocument: 'after' },
      )
      .lean<UploadDoc>();
    return doc ? upload(doc) : null;
  }

  async listStaleUploads(before: Date, limit: number, statuses: UploadStatus[] = ['UPLOADING']): Promise<UploadRecord[]> {
    // limit(0) means "no limit" to MongoDB, "nothing" to SQLite.
    if (limit <= 0) return [];
    const docs = await this.m.uploads
      .find({ status: { $in: statuses }, updatedAt: { $lt: before } })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .lean<UploadDoc[]>();
    return docs.map(upload);
  }

  async deleteChunks(uploadId: string): Promise<void> {
    await this.m.chunks.deleteMany({ uploadId });
  }

  async dropChunks(uploadId: string, indexes: readonly number[]): Promise<void> {
    // Two collections, no transaction: the round is counted first, so a crash
    // in between counts a round that dropped nothing (it only brings the cap
    // nearer), never drops chunks uncounted.
    await this.m.uploads.updateOne({ _id: uploadId }, { $inc: { droppedRounds: 1 } });
    await this.m.chunks.deleteMany({ uploadId, index: { $in: [...indexes] } });
  }

}
