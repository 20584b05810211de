import { v7 as uuidv7 } from 'uuid';
import type { FollowPage, FollowStore } from '../follows.js';
import type { AdapterOptions } from '../probe.js';
import type { UserDb } from './schema.js';

export class SqliteFollowStore implements FollowStore {
  constructor(
    private readonly d: UserDb,
    private readonly options: AdapterOptions = {},
  ) {}

  // A follow (or unfollow) and both counters: one IMMEDIATE transaction.
  async follow(followerId: string, followeeId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const created = this.d.db
        .prepare(`INSERT OR IGNORE INTO follows (id, follower_id, followee_id, created_at) VALUES (?, ?, ?, ?)`)
        .run(uuidv7(), followerId, followeeId, new Date().toISOString()).changes === 1;
      if (!created) return false;
      this.options.afterWrite?.('follow: follow stored');
      this.bumpCounts(followerId, followeeId, 1);
      return true;
    }).immediate();
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.d.db.transaction(() => {
      const removed = this.d.sql(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`).run(followerId, followeeId).changes === 1;
      if (!removed) return false;
      this.options.afterWrite?.('unfollow: follow removed');
      this.bumpCounts(followerId, followeeId, -1);
      return true;
    }).immediate();
  }

  private bumpCounts(followerId: string, followeeId: string, delta: number) {
    this.d.sql(`UPDATE users SET following_count = following_count + ? WHERE id = ?`).run(delta, followerId);
    this.d.sql(`UPDATE users SET follower_count = follower_count + ? WHERE id = ?`).run(delta, followeeId);
  }

  async followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows = this.d.db
      .prepare(`SELECT followee_id FROM follows WHERE follower_id = ? AND followee_id IN (SELECT value FROM json_each(?))`)
      .all(followerId, JSON.stringify(candidateIds)) as { followee_id: string }[];
    return new Set(rows.map((r) => r.followee_id));
  }

  async listFollowers(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page(`SELECT id, follower_id AS other FROM follows WHERE followee_id = @userId AND (@after IS NULL OR id < @after) ORDER BY id DESC LIMIT @limit`, userId, q);
  }

  async listFollowing(userId: string, q: { limit: number; after?: string }): Promise<FollowPage> {
    return this.page(`SELECT id, followee_id AS other FROM follows WHERE follower_id = @userId AND (@after IS NULL OR id < @after) ORDER BY id DESC LIMIT @limit`, userId, q);
  }

  private page(sql: string, userId: string, q: { limit: number; after?: string }): FollowPage {
    const rows = this.d.sql(sql).all({ userId, after: q.after ?? null, limit: q.limit + 1 }) as { id: string; other: string }[];
    return { items: rows.slice(0, q.limit).map((r) => ({ userId: r.other, cursor: r.id })), hasNextPage: rows.length > q.limit };
  }
}
