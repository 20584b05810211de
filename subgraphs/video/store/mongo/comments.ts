import { v7 as uuidv7 } from 'uuid';
import type { CommentRecord, CommentStore } from '../comments.js';
import type { Page } from '../page.js';
import { comment, type CommentDoc, type VideoModels } from './models.js';

export class MongoCommentStore implements CommentStore {
  constructor(private readonly m: VideoModels) {}

  async addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord> {
    const doc: CommentDoc = { _id: uuidv7(), videoId: c.videoId, authorId: c.authorId, parentId: c.parentId, text: c.text, replyCount: 0, createdAt: new Date() };
    // The comment first, then the counters: a crash in between leaves a comment
    // that commentCount (and its parent's replyCount) misses by one, never a
    // count of a comment that does not exist. Like SQLite, neither the video
    // nor the parent is checked here: the caller validates them.
    await this.m.comments.create(doc);
    await Promise.all([
      this.m.videos.updateOne({ _id: c.videoId }, { $inc: { commentCount: 1 } }),
      c.parentId ? this.m.comments.updateOne({ _id: c.parentId }, { $inc: { replyCount: 1 } }) : null,
    ]);
    return comment(doc);
  }

  async findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]> {
    if (ids.length === 0) return [];
    return (await this.m.comments.find({ _id: { $in: [...ids] } }).lean<CommentDoc[]>()).map(comment);
  }

  async listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>> {
    // Replies oldest first (a thread reads downwards), top-level comments newest
    // first; the uuid v7 _id is both the order and the cursor.
    const docs = q.parentId
      ? await this.m.comments
          .find({ parentId: q.parentId, ...(q.after ? { _id: { $gt: q.after } } : {}) })
          .sort({ _id: 1 })
          .limit(q.limit + 1)
          .lean<CommentDoc[]>()
      : await this.m.comments
          .find({ videoId: q.videoId, parentId: null, ...(q.after ? { _id: { $lt: q.after } } : {}) })
          .sort({ _id: -1 })
          .limit(q.limit + 1)
          .lean<CommentDoc[]>();
    return { items: docs.slice(0, q.limit).map(comment), hasNextPage: docs.length > q.limit };
  }

  async deleteComment(id: string): Promise<number> {
    // findOneAndDelete gives the comment to exactly one of concurrent deletes;
    // the replies' deleteMany counts only what this call removed (a reply
    // deleted concurrently on its own is counted by that call), so the counters
    // move by exactly what disappeared. A crash after the deletes and before
    // the decrements leaves commentCount (and the parent's replyCount) high.
    const target = await this.m.comments.findOneAndDelete({ _id: id }).lean<CommentDoc>();
    if (!target) return 0;
    const replies = await this.m.comments.deleteMany({ parentId: id });
    const removed = 1 + replies.deletedCount;
    await Promise.all([
      this.m.videos.updateOne({ _id: target.videoId }, { $inc: { commentCount: -removed } }),
      target.parentId ? this.m.comments.updateOne({ _id: target.parentId }, { $inc: { replyCount: -1 } }) : null,
    ]);
    return removed;
  }

}
