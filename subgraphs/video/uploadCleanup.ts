/** The stale-upload sweep (see uploads.ts for the upload state machine). */
import type { Config } from '../../lib/config.js';
import type { Logger } from '../../lib/observability/logger.js';
import { discardChunks, releaseObject, type UploadDeps } from './uploads.js';

export type CleanupDeps = Pick<UploadDeps, 'uploads' | 'videos' | 'objects' | 'state' | 'metrics'> & { limits: Pick<Config, 'VIDEO_UPLOAD_TTL_SECONDS' | 'VIDEO_CLEANUP_INTERVAL_SECONDS'> };

/**
 * Deletes uploads untouched for VIDEO_UPLOAD_TTL_SECONDS: unfinished ones with
 * their chunks, and completed ones never published, which give back their
 * reference to the object they point at (deleted when it was the last one).
 * Runs on every instance's timer, once per period across all of them: a timer
 * pass takes the sweep lock for (almost) one period and does not release it,
 * so whichever instance's timer fires next in that period finds it taken
 * (releasing it after the pass would let every instance run its own pass each
 * period). A crashed instance holds it at most one period.
 */
export interface CleanupJob {
  /** Runs a pass now (tests, admin); resolves with the number removed, or undefined when another instance holds the lock. */
  runNow(): Promise<number | undefined>;
  dispose(): Promise<void>;
}

export function startCleanup(deps: CleanupDeps, log: Logger): CleanupJob {
  const intervalMs = deps.limits.VIDEO_CLEANUP_INTERVAL_SECONDS * 1000;
  let running: Promise<number | undefined> = Promise.resolve(undefined);
  const pass = async (): Promise<number> => {
      deps.metrics?.cleanupPass();
      const before = new Date(Date.now() - deps.limits.VIDEO_UPLOAD_TTL_SECONDS * 1000);
      let removed = 0;
      for (const u of await deps.uploads.listStaleUploads(before, 100, ['UPLOADING', 'COMPLETED'])) {
        if (u.status === 'UPLOADING') {
          if (await deps.uploads.transitionUpload(u.id, ['UPLOADING'], 'ABORTED', { failure: 'expired' })) {
            await discardChunks(deps, u.id);
            removed++;
          }
        } else if (await deps.uploads.transitionUpload(u.id, ['COMPLETED'], 'ABORTED', { failure: 'expired', objectKey: null })) {
          // The compare-and-set decides against a concurrent publish: either the
          // upload became a video (and this does nothing) or it no longer refers
          // to the object, and the object goes if nothing else does.
          if (u.objectKey) await releaseObject(deps, u.objectKey);
          removed++;
        }
      }
      if (removed) log.info({ removed }, 'stale uploads cleaned up');
      return removed;
  };
  const failed = (err: unknown) => {
    log.error({ err }, 'upload cleanup failed');
    return undefined;
  };
  // The period's pass: the lock is left to expire (see above), a little before
  // the holder's next tick, so that tick does not find its own lock and skip a period.
  const holdMs = intervalMs - Math.min(5_000, Math.floor(intervalMs / 10));
  const timer = setInterval(() => {
    running = deps.state.locks
      .claimSweepPeriod(holdMs)
      .then((claimed) => (claimed ? pass() : undefined))
      .catch(failed);
  }, intervalMs);
  timer.unref();
  return {
    // An extra pass now, released when done; undefined while a period's pass holds the lock.
    runNow: () => (running = deps.state.locks.sweep(intervalMs, pass).catch(failed)),
    async dispose() {
      clearInterval(timer);
      await running;
    },
  };
}
