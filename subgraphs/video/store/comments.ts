/**
 * The comments port. Comments reply one level deep.
 *
 * Guarantees every adapter gives (store/comments.contract.test.ts): a video's
 * commentCount and a parent's replyCount follow the comments added and deleted
 * (on MongoDB a crash between a comment and its counters can leave a count off
 * by one, never a count of a comment that does not exist).
 */
import type { Page } from './page.js';

export interface CommentRecord {
  id: string;
  videoId: string;
  authorId: string;
  /** The top-level comment this one replies to; replies are one level deep. */
  parentId: string | null;
  text: string;
  replyCount: number;
  createdAt: Date;
}

export interface CommentStore {
  addComment(c: { videoId: string; authorId: string; parentId: string | null; text: string }): Promise<CommentRecord>;
  findCommentsByIds(ids: readonly string[]): Promise<CommentRecord[]>;
  /** Top-level comments newest first, or a comment's replies oldest first. */
  listComments(q: { videoId: string; parentId: string | null; limit: number; after?: string }): Promise<Page<CommentRecord>>;
  /** Deletes a comment and its replies; returns how many were removed. */
  deleteComment(id: string): Promise<number>;
}
