/**
 * What the video subgraph learns from the bytes themselves: whether a file is a
 * video (container magic bytes, never the filename), its duration and size
 * (ffprobe), and a cover frame (ffmpeg). ffprobe and ffmpeg read the object
 * over a short-lived presigned URL, so nothing is copied to local disk.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { badInput } from '../../lib/errors.js';

const execFileAsync = promisify(execFile);

export type VideoContainer = 'mp4' | 'matroska' | 'avi' | 'flv' | 'mpeg-ts' | 'mpeg-ps' | 'asf';

/** Recognises video containers from the first bytes of a file (at least 376 bytes for MPEG-TS). */
export function sniffVideo(head: Buffer): VideoContainer | null {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  // ISO base media (MP4, MOV, M4V, 3GP): a box whose type is 'ftyp', or a QuickTime movie that starts with 'moov'/'mdat'/'free'/'wide'.
  if (head.length >= 12 && ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(ascii(4, 8))) return 'mp4';
  // EBML header: Matroska and WebM.
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'matroska';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'avi';
  if (head.length >= 3 && ascii(0, 3) === 'FLV') return 'flv';
  // MPEG transport stream: sync byte every 188 bytes.
  if (head.length >= 377 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) return 'mpeg-ts';
  // MPEG program stream pack header.
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0xba) return 'mpeg-ps';
  // ASF/WMV header GUID.
  if (head.length >= 16 && head.subarray(0, 16).equals(Buffer.from('3026b2758e66cf11a6d900aa0062ce6c', 'hex'))) return 'asf';
  return null;
}

export const VIDEO_SNIFF_BYTES = 512;

export interface ProbeResult {
  durationMs: number | null;
  width: number | null;
  height: number | null;
}

/** @default 30 s: a probe reads headers, not the whole file */
const PROBE_TIMEOUT_MS = 30_000;
/** @default 60 s */
const COVER_TIMEOUT_MS = 60_000;

export async function probe(url: string): Promise<ProbeResult> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', url], {
      timeout: PROBE_TIMEOUT_MS,
      maxBuffer: 4 * 1024 * 1024,
    }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('ffprobe is not installed: apt-get install -y ffmpeg');
    throw badInput('The file could not be read as a video.');
  }
  const info = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[] };
  const stream = info.streams?.find((s) => s.codec_type === 'video');
  if (!stream) throw badInput('The file has no video stream.');
  const seconds = Number(info.format?.duration ?? stream.duration);
  return {
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
    width: stream.width ?? null,
    height: stream.height ?? null,
  };
}

/** One JPEG frame at `atMs` (1 s in, or 10% of a shorter video). */
export function coverTime(durationMs: number | null): number {
  if (!durationMs) return 0;
  return Math.min(1000, Math.floor(durationMs * 0.1));
}

export async function extractFrame(url: string, atMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-v', 'error', '-ss', (atMs / 1000).toFixed(3), '-i', url, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', '-q:v', '3', 'pipe:1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), COVER_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new Error('ffmpeg is not installed: apt-get install -y ffmpeg') : err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const frame = Buffer.concat(chunks);
      if (code === 0 && frame.length > 0) resolve(frame);
      else reject(new Error(`ffmpeg could not extract a frame (exit ${code}): ${stderr.slice(0, 300)}`));
    });
  });
}
