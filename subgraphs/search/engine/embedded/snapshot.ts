/**
 * Persistence of the embedded index: a JSON snapshot of the documents and tombstones
 * (not of MiniSearch's internal structure, so a MiniSearch upgrade never strands a
 * snapshot; rebuilding is linear in the number of documents). Writes are in memory
 * first; the snapshot follows `autosaveMs` after the first unsaved write, and on close.
 * A crash can lose the last autosave interval, which a reindex from the source services
 * restores.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { invalidDocument, invalidItem, type SearchDocument, type SearchKind } from '../port.js';

const SNAPSHOT_FORMAT = 'vidhub-search-snapshot';
const SNAPSHOT_FORMAT_VERSION = 1;

/** What a snapshot holds: the live documents and the versions of deleted ones. */
export interface SnapshotContents {
  documents: SearchDocument[];
  tombstones: { kind: SearchKind; id: string; version: number }[];
}

interface Snapshot extends SnapshotContents {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  savedAt: string;
}

export interface SnapshotWriter {
  /** Marks the index changed and schedules an autosave. */
  changed(): void;
  /** Writes the snapshot now (no-op without a file or unsaved changes). */
  save(): Promise<void>;
  /** Cancels the pending autosave and writes what is unsaved. */
  close(): Promise<void>;
}

/** Saves `contents()` to `file` (none: memory only) after changes, one write at a time. */
export function snapshotWriter(file: string | undefined, autosaveMs: number, contents: () => SnapshotContents): SnapshotWriter {
  let dirty = false;
  let autosaveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  function save(): Promise<void> {
    saving = saving.then(async () => {
      if (!file || !dirty) return;
      dirty = false;
      const snapshot: Snapshot = {
        format: SNAPSHOT_FORMAT,
        formatVersion: SNAPSHOT_FORMAT_VERSION,
        savedAt: new Date().toISOString(),
        ...contents(),
      };
      try {
        await writeFileAtomic(file, JSON.stringify(snapshot));
      } catch (err) {
        dirty = true;
        throw err;
      }
    });
    return saving;
  }

  return {
    changed() {
      dirty = true;
      if (!file || autosaveMs <= 0 || autosaveTimer) return;
      autosaveTimer = setTimeout(() => {
        autosaveTimer = undefined;
        // A failed autosave leaves `dirty` set: the next one or close retries, and close reports it.
        save().catch(() => {});
      }, autosaveMs);
      // Pending persistence must not keep a finished process alive; close saves anyway.
      autosaveTimer.unref();
    },
    save,
    async close() {
      clearTimeout(autosaveTimer);
      autosaveTimer = undefined;
      await save();
    },
  };
}

/** The snapshot in `file`, checked document by document; undefined when there is none. */
export async function readSnapshot(file: string): Promise<SnapshotContents | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const fail = (why: string) =>
    new Error(
      `search snapshot ${file} is unreadable (${why}). Delete it and reindex; it only caches data the other services own.`,
    );
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(raw) as Snapshot;
  } catch (err) {
    throw fail((err as Error).message);
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT) throw fail('not a search snapshot');
  if (snapshot.formatVersion !== SNAPSHOT_FORMAT_VERSION) throw fail(`format version ${snapshot.formatVersion}`);
  if (!Array.isArray(snapshot.documents) || !Array.isArray(snapshot.tombstones)) throw fail('missing lists');
  for (const doc of snapshot.documents) {
    const problem = invalidDocument(doc);
    if (problem) throw fail(`document ${JSON.stringify(doc?.id)}: ${problem}`);
  }
  for (const t of snapshot.tombstones) {
    const problem = invalidItem(t);
    if (problem) throw fail(`tombstone ${JSON.stringify(t?.id)}: ${problem}`);
  }
  return snapshot;
}

/** tmp + fsync + rename: a crash mid-write leaves the previous snapshot, never half a file. */
async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
