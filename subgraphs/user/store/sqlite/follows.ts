import { v7 as uuidv7 } from 'uuid';
import type { SqliteDb } from '../../../../lib/data/documents.js';
import type { FollowPage, FollowStore } from '../follows.js';
import type { AdapterOptions } from '../probe.js';
import { userSqlite } from './schema.js';

export class SqliteFollowStore implements FollowStore {
  private readonly sql: ReturnType<typeof userSqlite>;

  constructor(
    private readonly db: SqliteDb,
    private readonly options: AdapterOptions = {},
  ) {
    this.sql = userSqlite(db);
  }

  // A follow (or unfollow) and both counters: one IMMEDIATE transaction.
  async follow(followerId: string, followeeId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const created = this.db
        .prepare(`INSERT OR IGNORE INTO follows (id, follower_id, followee_id, created_at) VALUES (?, ?, ?, ?)`)
        .run(uuidv7(), followerId, followeeId, new Date().toISOString()).changes === 1;
      if (!created) return false;
      this.options.afterWrite?.('follow: follow stored');
      this.bumpCounts(followerId, followeeId, 1);
      return true;
    }).immediate();
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed = this.sql(`DELETE FROM follows WHERE follower_id = ? AND followee_id = ?`).run(followerId, followeeId).changes === 1;
      if (!removed) return false;
      this.options.afterWrite?.('unfollow: follow removed');
      this.bumpCounts(followerId, followeeId, -1);
      return true;
    }).immediate();
  }

  private bumpCounts(followerId: string, followeeId: string, delta: number) {
    this.sql(`UPDATE users SET following_count = following_count + ? WHERE id = ?`).run(delta, followerId);
    this.sql(`UPDATE users SET follower_count = follower_count + ? WHERE id = ?`).run(delta, followeeId);
  }

  async followedAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows = this.db
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
    const rows = this.sql(sql).all({ userId, after: q.after ?? null, limit: q.limit + 1 }) as { id: string; other: string }[];
    return { items: rows.slice(0, q.limit).map((r) => ({ userId: r.other, cursor: r.id })), hasNextPage: rows.length > q.limit };
  }
}
