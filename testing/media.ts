/**
 * Real video files for tests, made once per machine with ffmpeg (cached in the
 * temp folder): a small MP4 and a Matroska file of raw frames large enough to
 * span three 5 MiB chunks.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function make(name: string, args: string[]): Buffer {
  const file = path.join(os.tmpdir(), `vidhub-test-${name}`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp${path.extname(name)}`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, tmp]);
    renameSync(tmp, file);
  }
  return readFileSync(file);
}

/** About 35 KB, 2 s, 320x240 H.264 in MP4. */
export function smallMp4(): Buffer {
  return make('small-v1.mp4', ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']);
}

/** About 11.5 MB, 4 s, 320x240 raw frames in Matroska: three chunks of 5 MiB. */
export function largeMkv(): Buffer {
  return make('large-v1.mkv', ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '4', '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p']);
}

export const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
