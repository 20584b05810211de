/**
 * The notifications aggregate's port: the inbox, and the follower projection
 * it needs to fan out new videos. Adapters: sqlite/notifications.ts,
 * mongo/notifications.ts, held to notifications.contract.test.ts; ./index.ts
 * picks one.
 *
 * Invariants both adapters keep:
 * - one notification per (event id, recipient): a redelivered event adds nothing;
 * - notification ids grow with creation time (uuid v7), so an id is both the
 *   order and the cursor.
 */
import type { Page } from './conversations.js';

export interface NotificationRecord {
  id: string;
  recipientId: string;
  /**
   * A NotificationKind (FOLLOW, VIDEO_LIKED...); rows stored before kinds were
   * an enum hold the domain event type instead (user.followed...), read through
   * notificationKind().
   */
  kind: string;
  actorId: string | null;
  subjectId: string;
  payload: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}

export type NewNotification = Omit<NotificationRecord, 'id' | 'readAt' | 'createdAt'>;

export interface NotificationStore {
  /** Idempotent per (eventId, recipient): a redelivered event adds nothing. Returns the ones created. */
  addNotifications(eventId: string, items: NewNotification[]): Promise<NotificationRecord[]>;
  listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>>;
  /** Oldest first: the recipient's notifications with an id greater than `afterId` (ids grow with creation time). */
  listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]>;
  /** Marks the given notifications (or all, when ids is omitted) read; returns how many changed. */
  markNotificationsRead(recipientId: string, ids?: string[]): Promise<number>;
  unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>>;
  setFollow(followerId: string, followeeId: string, following: boolean): Promise<void>;
  followersOf(userId: string): Promise<string[]>;
}
