/** Comments with replies one level deep: a reply to a reply joins the root's thread. */
import type DataLoader from 'dataloader';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { VideoEvents } from './events.js';
import type { CommentRecord, CommentStore } from './store/comments.js';
import type { VideoRecord } from './store/videos.js';

/** What the comment functions use; `videoLoader` is the request's. */
export interface CommentDeps {
  comments: CommentStore;
  videoLoader: Pick<DataLoader<string, VideoRecord | null>, 'load'>;
  events: Pick<VideoEvents, 'commentAdded'>;
}

export const MAX_COMMENT_LENGTH = 1000;

export async function addComment(deps: CommentDeps, viewerId: string, args: { videoId: string; text: string; parentId?: string | null }): Promise<CommentRecord> {
  const text = args.text.trim();
  if (text.length < 1 || text.length > MAX_COMMENT_LENGTH) throw badInput(`Comments are 1-${MAX_COMMENT_LENGTH} characters.`, { field: 'text' });
  const video = await deps.videoLoader.load(args.videoId);
  if (!video) throw notFound('No such video.');
  let parent: CommentRecord | null = null;
  if (args.parentId) {
    parent = (await deps.comments.findCommentsByIds([args.parentId]))[0] ?? null;
    if (!parent || parent.videoId !== video.id) throw notFound('No such comment on this video.');
  }
  const rootId = parent ? (parent.parentId ?? parent.id) : null;
  const comment = await deps.comments.addComment({ videoId: video.id, authorId: viewerId, parentId: rootId, text });
  await deps.events.commentAdded(video.id, {
    commentId: comment.id,
    authorId: comment.authorId,
    uploaderId: video.uploaderId,
    text,
    parentCommentId: parent?.id ?? null,
    parentAuthorId: parent?.authorId ?? null,
  });
  return comment;
}

export async function deleteComment(deps: CommentDeps, viewerId: string, id: string): Promise<boolean> {
  const [comment] = await deps.comments.findCommentsByIds([id]);
  if (!comment) throw notFound('No such comment.');
  const video = await deps.videoLoader.load(comment.videoId);
  if (comment.authorId !== viewerId && video?.uploaderId !== viewerId) {
    throw forbidden("Only the comment's author or the video's uploader can delete it.");
  }
  await deps.comments.deleteComment(id);
  return true;
}

export async function listComments(deps: Pick<CommentDeps, 'comments'>, videoId: string, parentId: string | null, args: { first?: number | null; after?: string | null }) {
  const page = await deps.comments.listComments({ videoId, parentId, limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
