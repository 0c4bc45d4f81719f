import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { InvalidError, type MediaKind } from '@app/contracts';
import { AUDIO_DEMUXERS } from './audio-formats.js';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime']);
/** Background music for videos: stored as uploaded, no variants. */
const AUDIO_TYPES = new Set(AUDIO_DEMUXERS.keys());
const ACCEPTED = 'JPEG, PNG, WebP, AVIF, GIF, MP4, MOV, MP3, AAC, M4A, WAV or OGG';

export interface InspectedMedia {
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
}

/**
 * Decides what a file is from its bytes, never its name: the magic bytes pick the type, an image's pixel
 * count is checked against the limit before it is decoded (decompression bombs), and a cheap reduced-size
 * decode reads the whole compressed stream, so a truncated or corrupt image is refused here.
 */
export async function inspectMedia(bytes: Buffer, maxPixels: number): Promise<InspectedMedia> {
  const type = await fileTypeFromBuffer(bytes);
  if (type && VIDEO_TYPES.has(type.mime))
    return { kind: 'video', mimeType: type.mime, width: null, height: null };
  if (type && AUDIO_TYPES.has(type.mime))
    return { kind: 'audio', mimeType: type.mime, width: null, height: null };
  if (!type || !IMAGE_TYPES.has(type.mime)) {
    throw new InvalidError(`The file is not a ${ACCEPTED} file (its content was checked, not its name)`, {
      detected: type?.mime ?? null,
    });
  }
  const { width, height } = await readDimensions(bytes);
  if (width * height > maxPixels) {
    throw new InvalidError(
      `The image is ${width}x${height} (${megapixels(width * height)} MP); the limit is ${megapixels(maxPixels)} MP`,
      { width, height, maxPixels },
    );
  }
  await decodeFully(bytes, maxPixels);
  return { kind: 'image', mimeType: type.mime, width, height };
}

async function readDimensions(bytes: Buffer): Promise<{ width: number; height: number }> {
  try {
    // Only the header is read here; limitInputPixels is off so the limit check above gives the message.
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    const height = metadata.pageHeight ?? metadata.height;
    if (!metadata.width || !height) throw new Error('no dimensions');
    const swapsSides = (metadata.orientation ?? 1) >= 5;
    return swapsSides ? { width: height, height: metadata.width } : { width: metadata.width, height };
  } catch {
    throw new InvalidError('The image is corrupt and cannot be read');
  }
}

async function decodeFully(bytes: Buffer, maxPixels: number): Promise<void> {
  try {
    // A 64 px target lets JPEG decode at 1/8 scale, yet every scan is read: truncation fails here.
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels })
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch {
    throw new InvalidError('The image is truncated or corrupt; upload the complete file');
  }
}

function megapixels(pixels: number): string {
  return (Math.round(pixels / 100_000) / 10).toString();
}
