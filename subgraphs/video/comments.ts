/** Comments with replies one level deep: a reply to a reply joins the root's thread. */
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { STREAMS, publishEvent } from '../../lib/redis/domainEvents.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { Context } from './context.js';
import type { CommentRecord } from './store.js';

export const MAX_COMMENT_LENGTH = 1000;

export async function addComment(ctx: Context, args: { videoId: string; text: string; parentId?: string | null }): Promise<CommentRecord> {
  const text = args.text.trim();
  if (text.length < 1 || text.length > MAX_COMMENT_LENGTH) throw badInput(`Comments are 1-${MAX_COMMENT_LENGTH} characters.`, { field: 'text' });
  const video = await ctx.loaders.video.load(args.videoId);
  if (!video) throw notFound('No such video.');
  let parent: CommentRecord | null = null;
  if (args.parentId) {
    parent = (await ctx.store.findCommentsByIds([args.parentId]))[0] ?? null;
    if (!parent || parent.videoId !== video.id) throw notFound('No such comment on this video.');
  }
  const rootId = parent ? (parent.parentId ?? parent.id) : null;
  const comment = await ctx.store.addComment({ videoId: video.id, authorId: ctx.viewer.userId!, parentId: rootId, text });
  await publishEvent(ctx.redis, STREAMS.video, {
    type: 'comment.added',
    subjectId: video.id,
    // parentCommentId: the comment replied to (its author is parentAuthorId), which may itself be a reply in the thread.
    payload: { commentId: comment.id, authorId: comment.authorId, uploaderId: video.uploaderId, text, parentCommentId: parent?.id ?? null, parentAuthorId: parent?.authorId ?? null },
  });
  return comment;
}

export async function deleteComment(ctx: Context, id: string): Promise<boolean> {
  const [comment] = await ctx.store.findCommentsByIds([id]);
  if (!comment) throw notFound('No such comment.');
  const video = await ctx.loaders.video.load(comment.videoId);
  if (comment.authorId !== ctx.viewer.userId && video?.uploaderId !== ctx.viewer.userId) {
    throw forbidden("Only the comment's author or the video's uploader can delete it.");
  }
  await ctx.store.deleteComment(id);
  return true;
}

export async function listComments(ctx: Context, videoId: string, parentId: string | null, args: { first?: number | null; after?: string | null }) {
  const page = await ctx.store.listComments({ videoId, parentId, limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
