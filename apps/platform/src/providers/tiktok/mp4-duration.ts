/**
 * The duration in seconds recorded in an MP4/QuickTime file's `moov/mvhd` box; null when the bytes hold
 * no readable movie header (WebM, truncated or unknown files).
 */
export function mp4DurationSec(bytes: Buffer): number | null {
  const moov = findBox(bytes, 0, bytes.length, 'moov');
  if (!moov) return null;
  const mvhd = findBox(bytes, moov.bodyStart, moov.end, 'mvhd');
  if (!mvhd || mvhd.end - mvhd.bodyStart < 32) return null;
  const version = bytes[mvhd.bodyStart];
  const fields = mvhd.bodyStart + 4;
  const timescale = version === 1 ? bytes.readUInt32BE(fields + 16) : bytes.readUInt32BE(fields + 8);
  const duration =
    version === 1 ? Number(bytes.readBigUInt64BE(fields + 20)) : bytes.readUInt32BE(fields + 12);
  return timescale > 0 ? duration / timescale : null;
}

interface Box {
  bodyStart: number;
  end: number;
}

function findBox(bytes: Buffer, from: number, to: number, type: string): Box | null {
  let offset = from;
  while (offset + 8 <= to) {
    let size = bytes.readUInt32BE(offset);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > to) return null;
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) size = to - offset;
    if (size < header || offset + size > to) return null;
    if (bytes.toString('latin1', offset + 4, offset + 8) === type)
      return { bodyStart: offset + header, end: offset + size };
    offset += size;
  }
  return null;
}
