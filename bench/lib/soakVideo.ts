/**
 * The soak benchmark's upload: a real ~6 MB Matroska video of two 5 MiB chunks,
 * made once per machine with ffmpeg, and a distinct copy of it per upload.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MiB } from './client.js';

/** 320x240 yuv420p raw frames: 115,200 bytes each; 55 of them make a file of two 5 MiB chunks. */
const FRAMES = 55;
export const CHUNK_SIZE = 5 * MiB;
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A real Matroska video (completeUpload sniffs the container, publishVideo runs ffprobe and ffmpeg on it), made once per machine. */
export function baseVideo(): Buffer {
  const file = path.join(os.tmpdir(), `vidhub-bench-soak-320x240-${FRAMES}f.mkv`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp.mkv`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-frames:v', String(FRAMES), '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', tmp]);
    renameSync(tmp, file);
  }
  const bytes = readFileSync(file);
  if (bytes.length <= CHUNK_SIZE) throw new Error(`${file} has ${bytes.length} bytes: not more than one chunk`);
  return bytes;
}

/**
 * The same video with a few pixels changed in its second chunk: distinct
 * bytes per upload, or initUpload would offer the instant-upload proof
 * challenge for content already published instead of taking the chunks.
 */
export function uniqueVideo(base: Buffer, n: number): Buffer {
  const copy = Buffer.from(base);
  // Well inside the frame data (a block header is a few bytes per 115 KB frame), far from the container's head and tail.
  copy.write(`soak-${process.pid}-${n}-${Date.now()}`.padEnd(48, '.'), CHUNK_SIZE + 200_000, 'latin1');
  return copy;
}
