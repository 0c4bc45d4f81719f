import sharp from 'sharp';
import type { WatermarkPosition } from '@app/contracts';
import type { Box, VideoLayout } from './video-layout.js';
import { VideoInputError } from './video-errors.js';

export const WATERMARK_OPACITY = 0.7;

/**
 * Where a watermark of `size` goes: a corner of the part of the safe zone between the headline and the price,
 * so it never covers text and stays clear of every platform's UI.
 */
export function watermarkBox(
  layout: VideoLayout,
  position: WatermarkPosition,
  size: { width: number; height: number },
): Box {
  const margin = Math.round(20 * (layout.width / 1080));
  const top = layout.headline.y + layout.headline.height + margin;
  const bottom = layout.price.y - margin;
  const left = layout.safe.x + margin;
  const right = layout.safe.x + layout.safe.width - margin;
  const x = position.endsWith('left') ? left : right - size.width;
  const y = position.startsWith('top') ? top : bottom - size.height;
  return { x, y, ...size };
}

/** The logo fitted into a 160 px (at 1080 wide) square with its alpha scaled to WATERMARK_OPACITY. */
export async function prepareWatermark(
  bytes: Buffer,
  layout: VideoLayout,
  maxPixels: number,
): Promise<{ png: Buffer; width: number; height: number }> {
  const side = Math.round(160 * (layout.width / 1080));
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      .rotate()
      .resize(side, side, { fit: 'inside' })
      .ensureAlpha()
      .linear([1, 1, 1, WATERMARK_OPACITY], [0, 0, 0, 0])
      .png()
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch {
    throw new VideoInputError('The watermark image could not be decoded: it is corrupt or unsupported');
  }
}
