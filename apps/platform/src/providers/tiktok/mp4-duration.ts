import type { FileHandle } from 'node:fs/promises';

/** Random access to a file's bytes: a Buffer in memory or a file on disk, read a few bytes at a time. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

/** Reads only the bytes asked for, so a large video is never held whole. */
export function fileSource(file: FileHandle, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

/** The `mvhd` body fields read: version/flags, times, timescale and a 64-bit duration at most. */
const MVHD_BYTES = 32;

/**
 * The duration in seconds recorded in an MP4/QuickTime file's `moov/mvhd` box; null when the bytes hold
 * no readable movie header (WebM, truncated or unknown files). Reads box headers, not the media data.
 */
export async function mp4DurationSec(source: ByteSource): Promise<number | null> {
  const moov = await findBox(source, 0, source.size, 'moov');
  if (!moov) return null;
  const mvhd = await findBox(source, moov.bodyStart, moov.end, 'mvhd');
  if (!mvhd || mvhd.end - mvhd.bodyStart < MVHD_BYTES) return null;
  const fields = await source.read(mvhd.bodyStart, MVHD_BYTES);
  if (fields.length < MVHD_BYTES) return null;
  const version = fields[0];
  const timescale = version === 1 ? fields.readUInt32BE(20) : fields.readUInt32BE(12);
  const duration = version === 1 ? Number(fields.readBigUInt64BE(24)) : fields.readUInt32BE(16);
  return timescale > 0 ? duration / timescale : null;
}

interface Box {
  bodyStart: number;
  end: number;
}

async function findBox(source: ByteSource, from: number, to: number, type: string): Promise<Box | null> {
  let offset = from;
  while (offset + 8 <= to) {
    const header = await source.read(offset, 16);
    if (header.length < 8) return null;
    let size = header.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > to || header.length < 16) return null;
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) size = to - offset;
    if (size < headerSize || offset + size > to) return null;
    if (header.toString('latin1', 4, 8) === type)
      return { bodyStart: offset + headerSize, end: offset + size };
    offset += size;
  }
  return null;
}
