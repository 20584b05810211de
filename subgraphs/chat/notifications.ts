/**
 * The notifications inbox: domain events of the user and video subgraphs
 * (Redis Streams, consumer group `chat-notifications`) become notifications.
 * Handling is idempotent per (event id, recipient), so a redelivered event adds
 * nothing. The inbox keeps its own follower projection (from user.followed /
 * user.unfollowed) to fan out video.published to an uploader's followers
 * without asking the user subgraph.
 */
import type { DomainEvent } from '../../lib/events.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/pagination.js';
import type { StreamEntry } from '../../lib/streams.js';
import type { ChatBus } from './bus.js';
import type { Context } from './context.js';
import type { ChatStore, NotificationRecord } from './store.js';

type NewNotification = Omit<NotificationRecord, 'id' | 'readAt' | 'createdAt'>;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

async function notificationsFor(store: ChatStore, event: DomainEvent): Promise<NewNotification[]> {
  const p = event.payload;
  switch (event.type) {
    case 'user.followed': {
      const follower = str(p.followerId);
      const followee = str(p.followeeId);
      if (!follower || !followee) return [];
      await store.setFollow(follower, followee, true);
      return [{ recipientId: followee, kind: event.type, actorId: follower, subjectId: followee, payload: {} }];
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
      return [{ recipientId: uploader, kind: event.type, actorId: liker, subjectId: event.subjectId, payload: { title: str(p.title) } }];
    }
    case 'comment.added': {
      const author = str(p.authorId);
      if (!author) return [];
      const recipients = new Set([str(p.uploaderId), str(p.parentAuthorId)].filter((r): r is string => !!r && r !== author));
      return [...recipients].map((recipientId) => ({ recipientId, kind: event.type, actorId: author, subjectId: event.subjectId, payload: { text: str(p.text), commentId: str(p.commentId) } }));
    }
    case 'video.published': {
      const uploader = str(p.uploaderId);
      if (!uploader) return [];
      const followers = await store.followersOf(uploader);
      return followers.map((recipientId) => ({ recipientId, kind: event.type, actorId: uploader, subjectId: event.subjectId, payload: { title: str(p.title) } }));
    }
    default:
      return [];
  }
}

/** The stream handler: every entry is handled (or skipped as irrelevant) before it is acknowledged. */
export function notificationHandler(store: ChatStore, bus: ChatBus) {
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

export async function listNotifications(ctx: Context, args: { first?: number | null; after?: string | null }) {
  const page = await ctx.store.listNotifications(ctx.viewer.userId!, { limit: checkPageSize(args.first), ...(args.after ? { after: decodeCursor(args.after) } : {}) });
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function notificationText(n: NotificationRecord): string | null {
  return str(n.payload.title) ?? str(n.payload.text);
}
