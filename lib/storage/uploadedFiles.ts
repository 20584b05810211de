/**
 * Content checks by magic bytes, never by filename or client-declared type, and
 * a bounded reader for uploaded files.
 */
import type { Readable } from 'node:stream';
import { ErrorCode, appError } from '../errors.js';

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp';

export const IMAGE_MIME: Record<ImageType, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export function sniffImage(head: Buffer): ImageType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 6 && (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'gif';
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

/**
 * Reads a stream into memory, failing with PAYLOAD_TOO_LARGE as soon as it
 * passes `maxBytes` (the rest is not read).
 */
export async function readBounded(stream: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      throw appError(ErrorCode.PAYLOAD_TOO_LARGE, `${what} is larger than ${Math.round(maxBytes / 1024)} KB.`, { maxBytes });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
