import sharp, { type Sharp } from 'sharp';
import { MEDIA_PRESETS, type MediaPresetName, type MediaVariantName } from '@app/contracts';

export interface RenderedVariant {
  name: MediaVariantName;
  format: 'jpeg' | 'webp';
  width: number;
  height: number;
  data: Buffer;
}

const MASTER_MAX_SIDE = 4096;
export const THUMBNAIL_WIDTH = 320;
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

/**
 * Every derived file of an image: a compressed master (WebP when it has transparency, else JPEG), a 320 px
 * wide WebP thumbnail, and each platform preset cropped around what draws the eye (`attention`), except the
 * marketplace preset, which pads to a square so the product stays whole. EXIF orientation is applied first;
 * outputs carry no metadata (sharp writes none unless asked), so GPS and camera data never leave.
 */
export async function renderVariants(input: Buffer, maxPixels: number): Promise<RenderedVariant[]> {
  const source = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels }).rotate();
  const { hasAlpha } = await source.metadata();
  const jobs: Array<Promise<RenderedVariant>> = [
    render('master', masterOf(source.clone(), Boolean(hasAlpha)), hasAlpha ? 'webp' : 'jpeg'),
    render('thumbnail', source.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80 }), 'webp'),
    ...(Object.keys(MEDIA_PRESETS) as MediaPresetName[]).map((name) =>
      render(name, jpeg(presetOf(source.clone(), name)), 'jpeg'),
    ),
  ];
  return Promise.all(jobs);
}

function masterOf(image: Sharp, hasAlpha: boolean): Sharp {
  const bounded = image.resize({
    width: MASTER_MAX_SIDE,
    height: MASTER_MAX_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  return hasAlpha ? bounded.webp({ quality: 85 }) : jpeg(bounded);
}

function presetOf(image: Sharp, name: MediaPresetName): Sharp {
  const { width, height } = MEDIA_PRESETS[name];
  if (name === 'marketplace') return image.resize({ width, height, fit: 'contain', background: WHITE });
  return image.resize({ width, height, fit: 'cover', position: sharp.strategy.attention });
}

function jpeg(image: Sharp): Sharp {
  return image.flatten({ background: WHITE }).jpeg({ quality: 85, progressive: true });
}

async function render(
  name: MediaVariantName,
  image: Sharp,
  format: 'jpeg' | 'webp',
): Promise<RenderedVariant> {
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { name, format, width: info.width, height: info.height, data };
}
