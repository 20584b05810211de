import { v7 as uuidv7 } from 'uuid';
import type { Page } from '../conversations.js';
import type { NewNotification, NotificationRecord, NotificationStore } from '../notifications.js';
import { json, type ChatDb } from './schema.js';

interface NotificationRow {
  id: string;
  recipient_id: string;
  kind: string;
  actor_id: string | null;
  subject_id: string;
  payload: string;
  read_at: string | null;
  created_at: string;
}

const notification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  recipientId: r.recipient_id,
  kind: r.kind,
  actorId: r.actor_id,
  subjectId: r.subject_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  readAt: r.read_at ? new Date(r.read_at) : null,
  createdAt: new Date(r.created_at),
});

export class SqliteNotificationStore implements NotificationStore {
  constructor(private readonly d: ChatDb) {}

  async addNotifications(eventId: string, items: NewNotification[]): Promise<NotificationRecord[]> {
    return this.d.db.transaction(() => {
      const now = new Date().toISOString();
      const insert = this.d.sql(`INSERT OR IGNORE INTO notifications (id, event_id, recipient_id, kind, actor_id, subject_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      const created: NotificationRecord[] = [];
      for (const item of items) {
        const id = uuidv7();
        if (insert.run(id, eventId, item.recipientId, item.kind, item.actorId, item.subjectId, JSON.stringify(item.payload), now).changes === 1) {
          created.push({ ...item, id, readAt: null, createdAt: new Date(now) });
        }
      }
      return created;
    })();
  }

  async listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>> {
    const rows = this.d.sql(`SELECT * FROM notifications WHERE recipient_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`).all(
      recipientId,
      q.after ?? null,
      q.after ?? null,
      q.limit + 1,
    ) as NotificationRow[];
    return { items: rows.slice(0, q.limit).map(notification), hasNextPage: rows.length > q.limit };
  }

  async listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]> {
    const rows = this.d.sql(`SELECT * FROM notifications WHERE recipient_id = ? AND id > ? ORDER BY id LIMIT ?`).all(recipientId, q.afterId, q.limit) as NotificationRow[];
    return rows.map(notification);
  }

  async markNotificationsRead(recipientId: string, ids?: string[]): Promise<number> {
    const now = new Date().toISOString();
    if (!ids) return this.d.sql(`UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL`).run(now, recipientId).changes;
    return this.d.sql(`UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`).run(now, recipientId, json(ids)).changes;
  }

  async unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.d.sql(`SELECT recipient_id, COUNT(*) AS n FROM notifications WHERE read_at IS NULL AND recipient_id IN (SELECT value FROM json_each(?)) GROUP BY recipient_id`).all(
      json(recipientIds),
    ) as { recipient_id: string; n: number }[];
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  async setFollow(followerId: string, followeeId: string, following: boolean): Promise<void> {
    if (following) this.d.sql(`INSERT OR IGNORE INTO follows VALUES (?, ?)`).run(followerId, followeeId);
    else this.d.sql(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`).run(followerId, followeeId);
  }

  async followersOf(userId: string): Promise<string[]> {
    return (this.d.sql(`SELECT follower_id FROM follows WHERE followee_id = ?`).all(userId) as { follower_id: string }[]).map((r) => r.follower_id);
  }
}
