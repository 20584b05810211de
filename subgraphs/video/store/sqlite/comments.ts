import { v7 as uuidv7 } from 'uuid';
import type { CommentRecord, CommentStore } from '../comments.js';
import type { Page } from '../page.js';
import { comment, json, now, type VideoDb } from './schema.js';

export class SqliteCommentStore implements CommentStore {
  constructor(private readonly d: VideoDb) {}

  async addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord> {
    return this.d.db.transaction(() => {
      const id = uuidv7();
      this.d.sql(`INSERT INTO comments (id, video_id, author_id, parent_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, c.videoId, c.authorId, c.parentId, c.text, now());
      this.d.sql(`UPDATE videos SET comment_count = comment_count + 1 WHERE id = ?`).run(c.videoId);
      if (c.parentId) this.d.sql(`UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?`).run(c.parentId);
      return comment(this.d.one(`SELECT * FROM comments WHERE id = ?`, id)!);
    }).immediate();
  }

  async findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]> {
    if (ids.length === 0) return [];
    return this.d.all(`SELECT * FROM comments WHERE id IN (SELECT value FROM json_each(?))`, json(ids)).map(comment);
  }

  async listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>> {
    const rows = q.parentId
      ? this.d.all(`SELECT * FROM comments WHERE parent_id = ? AND (? IS NULL OR id > ?) ORDER BY id ASC LIMIT ?`, q.parentId, q.after ?? null, q.after ?? null, q.limit + 1)
      : this.d.all(`SELECT * FROM comments WHERE video_id = ? AND parent_id IS NULL AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`, q.videoId, q.after ?? null, q.after ?? null, q.limit + 1);
    return { items: rows.slice(0, q.limit).map(comment), hasNextPage: rows.length > q.limit };
  }

  async deleteComment(id: string): Promise<number> {
    return this.d.db.transaction(() => {
      const target = this.d.one(`SELECT * FROM comments WHERE id = ?`, id);
      if (!target) return 0;
      const removed = this.d.sql(`DELETE FROM comments WHERE id = ? OR parent_id = ?`).run(id, id).changes;
      this.d.sql(`UPDATE videos SET comment_count = comment_count - ? WHERE id = ?`).run(removed, target.video_id);
      if (target.parent_id) this.d.sql(`UPDATE comments SET reply_count = reply_count - 1 WHERE id = ?`).run(target.parent_id);
      return removed;
    }).immediate();
  }
}
