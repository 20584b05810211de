import type mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import type { NewVideo, VideoPage, VideoRecord, VideoStore } from './store.js';

type VideoDoc = Omit<VideoRecord, 'id'> & { _id: string };

const videoSchema = new Schema<VideoDoc>(
  {
    _id: { type: String, required: true },
    uploaderId: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    tags: { type: [String], default: [] },
    objectKey: { type: String, required: true },
    coverKey: { type: String, default: null },
    sha256: { type: String, required: true, index: true },
    size: { type: Number, required: true },
    durationMs: { type: Number, default: null },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    viewCount: { type: Number, default: 0 },
    likeCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
videoSchema.index({ uploaderId: 1, _id: -1 });

function toRecord({ _id, ...rest }: VideoDoc): VideoRecord {
  return { id: _id, ...rest, tags: [...rest.tags] };
}

export class MongoVideoStore implements VideoStore {
  private constructor(
    private readonly conn: mongoose.Connection,
    private readonly videos: mongoose.Model<VideoDoc>,
  ) {}

  static async create(conn: mongoose.Connection): Promise<MongoVideoStore> {
    const videos = conn.model<VideoDoc>('Video', videoSchema, 'videos');
    await videos.createIndexes();
    return new MongoVideoStore(conn, videos);
  }

  async createVideo(v: NewVideo): Promise<VideoRecord> {
    const doc = await this.videos.create({ _id: uuidv7(), ...v, viewCount: 0, likeCount: 0 });
    return toRecord(doc.toObject());
  }

  async findVideosByIds(ids: readonly string[]): Promise<VideoRecord[]> {
    if (ids.length === 0) return [];
    return (await this.videos.find({ _id: { $in: [...ids] } }).lean<VideoDoc[]>()).map(toRecord);
  }

  async listVideos(q: { uploaderId?: string; limit: number; afterId?: string }): Promise<VideoPage> {
    const filter: mongoose.QueryFilter<VideoDoc> = {};
    if (q.uploaderId) filter.uploaderId = q.uploaderId;
    if (q.afterId) filter._id = { $lt: q.afterId };
    const docs = await this.videos.find(filter).sort({ _id: -1 }).limit(q.limit + 1).lean<VideoDoc[]>();
    return { items: docs.slice(0, q.limit).map(toRecord), hasNextPage: docs.length > q.limit };
  }

  async ping(): Promise<void> {
    await this.conn.db?.admin().ping();
  }

  async dispose(): Promise<void> {
    await this.conn.close();
  }
}
