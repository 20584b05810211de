/**
 * Seed data for read benchmarks, written through the subgraphs' own store
 * ports (the same adapters the services use), not through the API: a
 * published video normally needs an upload, a merge and ffprobe, which is not
 * what a read benchmark measures. Users get a placeholder password hash (no
 * benchmark signs in: access tokens are minted with the stack's secret).
 */
import { createHash } from 'node:crypto';
import type { UserStore } from '../../subgraphs/user/store/users.js';
import type { VideoStore } from '../../subgraphs/video/store/videos.js';

export interface SeedOptions {
  /** Accounts to create (viewers and uploaders alike). */
  users: number;
  /** Videos to create, spread round-robin over the first `uploaders` users. */
  videos: number;
  /** How many of the users upload. @default min(users, 20) */
  uploaders?: number;
  /** Makes usernames unique across several seeds of the same stores. @default 'bench' */
  prefix?: string;
}

export interface SeededCatalog {
  users: { id: string; username: string }[];
  /** Oldest first; `videos(first: N)` lists the newest first. */
  videos: { id: string; uploaderId: string; title: string; objectKey: string }[];
}

export async function seedCatalog(userStore: UserStore, videoStore: VideoStore, opts: SeedOptions): Promise<SeededCatalog> {
  const prefix = opts.prefix ?? 'bench';
  const uploaders = Math.max(1, Math.min(opts.uploaders ?? 20, opts.users));
  const users: SeededCatalog['users'] = [];
  for (let i = 0; i < opts.users; i++) {
    const username = `${prefix}_user_${i}`;
    const u = await userStore.createUser({ username, displayName: `Bench User ${i}`, passwordHash: 'not-a-real-hash' });
    users.push({ id: u.id, username });
  }
  const videos: SeededCatalog['videos'] = [];
  for (let i = 0; i < opts.videos; i++) {
    const uploaderId = users[i % uploaders]!.id;
    const title = `Bench video ${i}`;
    const sha256 = createHash('sha256').update(`${prefix}-${i}`).digest('hex');
    const v = await videoStore.createVideo({
      uploaderId,
      title,
      description: `Seeded by a benchmark (${i}).`,
      tags: ['bench', `t${i % 7}`],
      objectKey: `videos/bench/${sha256}.mp4`,
      coverKey: null,
      sha256,
      size: 1_000_000 + i,
      durationMs: 60_000,
      width: 1280,
      height: 720,
    });
    videos.push({ id: v.id, uploaderId, title, objectKey: v.objectKey });
  }
  return { users, videos };
}
