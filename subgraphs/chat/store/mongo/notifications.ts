import type mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { isMongoDuplicateKey } from '../../../../lib/data/documents.js';
import type { Page } from '../conversations.js';
import { insertIgnoringDuplicates, type ChatModels, type FollowDoc, type NotificationDoc } from './models.js';
import type { NewNotification, NotificationRecord, NotificationStore } from '../notifications.js';

// Read and write concerns: the connection's defaults everywhere (read concern
// `local` from the primary, write concern `majority`; see models.ts). Every
// write is one document, or an unordered batch whose documents each stand alone.

const notification = (d: NotificationDoc): NotificationRecord => ({
  id: d._id,
  recipientId: d.recipientId,
  kind: d.kind,
  actorId: d.actorId ?? null,
  subjectId: d.subjectId,
  payload: d.payload ?? {},
  readAt: d.readAt ?? null,
  createdAt: d.createdAt,
});

export class MongoNotificationStore implements NotificationStore {
  constructor(private readonly m: ChatModels) {}

  async addNotifications(eventId: string, items: NewNotification[]): Promise<NotificationRecord[]> {
    const now = new Date();
    const docs: NotificationDoc[] = items.map((item) => ({
      _id: uuidv7(),
      eventId,
      recipientId: item.recipientId,
      kind: item.kind,
      actorId: item.actorId,
      subjectId: item.subjectId,
      payload: item.payload,
      readAt: null,
      createdAt: now,
    }));
    // Unordered, so one recipient already notified for this event (a
    // redelivery) does not stop the others from being stored.
    const stored = await insertIgnoringDuplicates(this.m.notifications, docs);
    return stored.map((i) => ({ ...items[i]!, id: docs[i]!._id, readAt: null, createdAt: now }));
  }

  async listNotifications(recipientId: string, q: { limit: number; after?: string }): Promise<Page<NotificationRecord>> {
    // uuid v7 ids sort by creation time, so the id is both order and cursor.
    const docs = await this.m.notifications
      .find({ recipientId, ...(q.after ? { _id: { $lt: q.after } } : {}) })
      .sort({ _id: -1 })
      .limit(q.limit + 1)
      .lean<NotificationDoc[]>();
    return { items: docs.slice(0, q.limit).map(notification), hasNextPage: docs.length > q.limit };
  }

  async listNotificationsAfter(recipientId: string, q: { afterId: string; limit: number }): Promise<NotificationRecord[]> {
    const docs = await this.m.notifications
      .find({ recipientId, _id: { $gt: q.afterId } })
      .sort({ _id: 1 })
      .limit(q.limit)
      .lean<NotificationDoc[]>();
    return docs.map(notification);
  }

  async markNotificationsRead(recipientId: string, ids?: string[]): Promise<number> {
    const filter: mongoose.QueryFilter<NotificationDoc> = { recipientId, readAt: null };
    if (ids) filter._id = { $in: ids };
    const res = await this.m.notifications.updateMany(filter, { $set: { readAt: new Date() } });
    return res.modifiedCount;
  }

  async unreadNotifications(recipientIds: readonly string[]): Promise<Map<string, number>> {
    if (recipientIds.length === 0) return new Map();
    const rows = await this.m.notifications.aggregate<{ _id: string; n: number }>([
      { $match: { recipientId: { $in: [...recipientIds] }, readAt: null } },
      { $group: { _id: '$recipientId', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async setFollow(followerId: string, followeeId: string, following: boolean): Promise<void> {
    if (!following) {
      await this.m.follows.deleteOne({ followerId, followeeId });
      return;
    }
    try {
      await this.m.follows.updateOne({ followeeId, followerId }, { $setOnInsert: { _id: uuidv7() } }, { upsert: true });
    } catch (err) {
      // The same follow event applied twice at once: the other one stored it.
      if (!isMongoDuplicateKey(err)) throw err;
    }
  }

  async followersOf(userId: string): Promise<string[]> {
    const docs = await this.m.follows.find({ followeeId: userId }, { followerId: 1 }).lean<Pick<FollowDoc, 'followerId'>[]>();
    return docs.map((d) => d.followerId);
  }
}
