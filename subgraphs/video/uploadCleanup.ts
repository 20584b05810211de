/** The stale-upload sweep (see uploads.ts for the upload state machine). */
import type { Config } from '../../lib/config.js';
import type { Logger } from '../../lib/observability/logger.js';
import { discardChunks, releaseObject, type UploadDeps } from './uploads.js';

export type CleanupDeps = Pick<UploadDeps, 'uploads' | 'videos' | 'objects' | 'state'> & { limits: Pick<Config, 'VIDEO_UPLOAD_TTL_SECONDS' | 'VIDEO_CLEANUP_INTERVAL_SECONDS'> };

/**
 * Deletes uploads untouched for VIDEO_UPLOAD_TTL_SECONDS: unfinished ones with
 * their chunks, and completed ones never published, which give back their
 * reference to the object they point at (deleted when it was the last one).
 * Runs on every instance's timer, but under a lock, so one instance at a time
 * does it.
 */
export interface CleanupJob {
  /** Runs a pass now (tests, admin); resolves with the number removed, or undefined when another instance holds the lock. */
  runNow(): Promise<number | undefined>;
  dispose(): Promise<void>;
}

export function startCleanup(deps: CleanupDeps, log: Logger): CleanupJob {
  const intervalMs = deps.limits.VIDEO_CLEANUP_INTERVAL_SECONDS * 1000;
  let running: Promise<number | undefined> = Promise.resolve(undefined);
  const run = (): Promise<number | undefined> =>
    deps.state.locks.sweep(intervalMs, async () => {
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
    }).catch((err: unknown) => {
      log.error({ err }, 'upload cleanup failed');
      return undefined;
    });
  const timer = setInterval(() => {
    running = run();
  }, intervalMs);
  timer.unref();
  return {
    runNow: () => (running = run()),
    async dispose() {
      clearInterval(timer);
      await running;
    },
  };
}
