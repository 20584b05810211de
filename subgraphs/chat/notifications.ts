/**
 * The notifications inbox: domain events of the user and video subgraphs
 * (Redis Streams, consumer group `chat-notifications`) become notifications,
 * each of a NotificationKind, carrying the ids a client links to (the video in
 * subjectId, the comment and the comment replied to in the payload).
 * Handling is idempotent per (event id, recipient), so a redelivered event adds
 * nothing. The inbox keeps its own follower projection (from user.followed /
 * user.unfollowed) to fan out video.published to an uploader's followers
 * without asking the user subgraph.
 */
import type { DomainEvent } from '../../lib/redis/domainEvents.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/data/pagination.js';
import type { StreamEntry } from '../../lib/redis/streams.js';
import type { ChatBus } from './bus.js';
import type { NotificationKind } from './__generated__/resolvers.js';
import type { NewNotification, NotificationRecord, NotificationStore } from './store/notifications.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

async function notificationsFor(store: Pick<NotificationStore, 'setFollow' | 'followersOf'>, event: DomainEvent): Promise<NewNotification[]> {
  const p = event.payload;
  switch (event.type) {
    case 'user.followed': {
      const follower = str(p.followerId);
      const followee = str(p.followeeId);
      if (!follower || !followee) return [];
      await store.setFollow(follower, followee, true);
      return [{ recipientId: followee, kind: 'FOLLOW', actorId: follower, subjectId: followee, payload: {} }];
    }
    case 'user.unfollowed': {
      const follower = str(p.followerId);
      const followee = str(p.followeeId);
      if (follower && followee) await store.setFollow(follower, followee, false);
      return [];
    }
    case 'video.liked': {
      const liker = str(p.userId);
      const uploader = str(p.uploaderId);
      if (!liker || !uploader || liker === uploader) return [];
      return [{ recipientId: uploader, kind: 'VIDEO_LIKED', actorId: liker, subjectId: event.subjectId, payload: { title: str(p.title) } }];
    }
    case 'comment.added': {
      const author = str(p.authorId);
      if (!author) return [];
      const uploader = str(p.uploaderId);
      const repliedTo = str(p.parentAuthorId);
      const recipients = new Set([uploader, repliedTo].filter((r): r is string => !!r && r !== author));
      // An uploader replied to on their own video hears of it once, as the reply it is.
      return [...recipients].map((recipientId) => ({
        recipientId,
        kind: recipientId === repliedTo ? 'COMMENT_REPLY' : 'COMMENT_ON_VIDEO',
        actorId: author,
        subjectId: event.subjectId,
        payload: { text: str(p.text), commentId: str(p.commentId), ...(recipientId === repliedTo ? { inReplyToCommentId: str(p.parentCommentId) } : {}) },
      }));
    }
    case 'video.published': {
      const uploader = str(p.uploaderId);
      if (!uploader) return [];
      const followers = await store.followersOf(uploader);
      return followers.map((recipientId) => ({ recipientId, kind: 'NEW_VIDEO', actorId: uploader, subjectId: event.subjectId, payload: { title: str(p.title) } }));
    }
    default:
      return [];
  }
}

/** The stream handler: every entry is handled (or skipped as irrelevant) before it is acknowledged. */
export function notificationHandler(store: Pick<NotificationStore, 'addNotifications' | 'setFollow' | 'followersOf'>, bus: Pick<ChatBus, 'publish'>) {
  return async (entries: StreamEntry[]): Promise<StreamEntry[]> => {
    const done: StreamEntry[] = [];
    for (const entry of entries) {
      const created = await store.addNotifications(entry.event.id, await notificationsFor(store, entry.event));
      for (const notification of created) await bus.publish([notification.recipientId], { kind: 'NOTIFICATION', notification }).catch(() => undefined);
      done.push(entry);
    }
    return done;
  };
}

export async function listNotifications(store: Pick<NotificationStore, 'listNotifications'>, viewerId: string, args: { first?: number | null; after?: string | null }) {
  const page = await store.listNotifications(viewerId, { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function notificationText(n: NotificationRecord): string | null {
  return str(n.payload.title) ?? str(n.payload.text);
}

/**
 * Notifications stored before kinds were an enum hold the event type they came
 * from. A comment notification then did not record whether its recipient was
 * the uploader or the author of the comment replied to, so those read as
 * COMMENT_ON_VIDEO (their comment still links).
 */
const LEGACY_KINDS: Record<string, NotificationKind> = {
  'user.followed': 'FOLLOW',
  'video.liked': 'VIDEO_LIKED',
  'comment.added': 'COMMENT_ON_VIDEO',
  'video.published': 'NEW_VIDEO',
};
const KINDS: ReadonlySet<string> = new Set<NotificationKind>(['FOLLOW', 'VIDEO_LIKED', 'COMMENT_ON_VIDEO', 'COMMENT_REPLY', 'NEW_VIDEO']);

export function notificationKind(n: NotificationRecord): NotificationKind {
  if (KINDS.has(n.kind)) return n.kind as NotificationKind;
  const legacy = LEGACY_KINDS[n.kind];
  if (!legacy) throw new Error(`notification ${n.id} has an unknown kind ${JSON.stringify(n.kind)}`);
  return legacy;
}

/** The ids a client links to, per kind: every kind but FOLLOW is about a video (its subjectId). */
export function notificationLinks(n: NotificationRecord): { videoId: string | null; commentId: string | null; inReplyToCommentId: string | null } {
  const kind = notificationKind(n);
  const onComment = kind === 'COMMENT_ON_VIDEO' || kind === 'COMMENT_REPLY';
  return {
    videoId: kind === 'FOLLOW' ? null : n.subjectId,
    commentId: onComment ? str(n.payload.commentId) : null,
    inReplyToCommentId: kind === 'COMMENT_REPLY' ? str(n.payload.inReplyToCommentId) : null,
  };
}
