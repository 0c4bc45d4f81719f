import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { VideoFormatName, VideoTemplateName, VideoTexts } from '@app/contracts';
import { probeVideo, type ProbedVideo, runFfmpeg } from './ffmpeg-runner.js';
import { buildFfmpegArgs, type RenderInputs, videoKbpsOf } from './video-command.js';
import { layoutOf, segmentsOf, type VideoLayout, ZOOM_GROWTH } from './video-layout.js';
import { renderOverlayPng } from './video-overlay.js';

/** An input the render cannot use (a corrupt or unsupported image): retrying would not help. */
export class VideoInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VideoInputError';
  }
}

export interface VideoRenderSpec {
  template: VideoTemplateName;
  durationSec: number;
  formats: VideoFormatName[];
  texts: VideoTexts;
  /** The product images' bytes, in order; showcase and price_drop use the first. */
  images: Buffer[];
}

export interface VideoRenderOptions {
  ffmpegPath: string;
  ffprobePath: string;
  maxPixels: number;
  /** Where the per-render temp dir is made; the OS temp dir by default. */
  tempRoot?: string;
  /** Overall progress 0..1 across all formats. */
  onProgress?: (fraction: number) => void;
}

export interface RenderedOutput {
  format: VideoFormatName;
  path: string;
  probe: ProbedVideo;
}

/**
 * Renders every format of a video, one ffmpeg process per format, and hands each file to `store` while it
 * still exists; the render's temp dir is removed afterwards whatever happened.
 */
export async function renderVideo<T>(
  spec: VideoRenderSpec,
  options: VideoRenderOptions,
  store: (output: RenderedOutput) => Promise<T>,
): Promise<T[]> {
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'shopcast-video-'));
  try {
    const images = await decodeImages(spec.images, options.maxPixels);
    const results: T[] = [];
    for (const [index, format] of spec.formats.entries()) {
      const report = (fraction: number) => options.onProgress?.((index + fraction) / spec.formats.length);
      const output = await renderFormat(spec, format, images, dir, options, report);
      results.push(await store(output));
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function renderFormat(
  spec: VideoRenderSpec,
  format: VideoFormatName,
  images: Buffer[],
  dir: string,
  options: VideoRenderOptions,
  onProgress: (fraction: number) => void,
): Promise<RenderedOutput> {
  const layout = layoutOf(format);
  const segments = segmentsOf(spec.template, images.length, spec.durationSec);
  const inputs = await prepareInputs(spec, layout, images.slice(0, segments.length), join(dir, format));
  const output = join(dir, `${format}.mp4`);
  const args = buildFfmpegArgs({
    template: spec.template,
    layout,
    durationSec: spec.durationSec,
    segments,
    videoKbps: videoKbpsOf(layout),
    inputs,
    output,
  });
  await runFfmpeg(options.ffmpegPath, args, spec.durationSec, onProgress);
  onProgress(1);
  return { format, path: output, probe: await probeVideo(options.ffprobePath, output) };
}

/** Decodes every image once (normalised to RGB) so a corrupt one fails before ffmpeg starts. */
async function decodeImages(images: Buffer[], maxPixels: number): Promise<Buffer[]> {
  if (images.length === 0) throw new VideoInputError('The product has no ready image to make a video from');
  return Promise.all(
    images.map(async (bytes, index) => {
      try {
        return await sharp(bytes, { limitInputPixels: maxPixels })
          .rotate()
          .flatten({ background: '#ffffff' })
          .toColourspace('srgb')
          .png({ compressionLevel: 1 })
          .toBuffer();
      } catch {
        throw new VideoInputError(`Image ${index + 1} could not be decoded: it is corrupt or unsupported`);
      }
    }),
  );
}

/** Writes the stills of one format at their final sizes: blurred background, zoom-ready images, text overlay. */
async function prepareInputs(
  spec: VideoRenderSpec,
  layout: VideoLayout,
  images: Buffer[],
  prefix: string,
): Promise<RenderInputs> {
  const background = `${prefix}-background.jpg`;
  await sharp(images[0])
    .resize(Math.round(layout.width / 4), Math.round(layout.height / 4), { fit: 'cover' })
    .blur(12)
    .modulate({ brightness: 0.7 })
    .resize(layout.width, layout.height)
    .jpeg({ quality: 90 })
    .toFile(background);
  const box = layout.image;
  const zoomed = {
    width: 2 * Math.ceil((box.width * (1 + ZOOM_GROWTH)) / 2),
    height: 2 * Math.ceil((box.height * (1 + ZOOM_GROWTH)) / 2),
  };
  const paths = await Promise.all(
    images.map(async (image, index) => {
      const path = `${prefix}-image-${index}.jpg`;
      await sharp(image)
        .resize(zoomed.width, zoomed.height, { fit: 'cover', position: sharp.strategy.attention })
        .jpeg({ quality: 92 })
        .toFile(path);
      return path;
    }),
  );
  const overlay = `${prefix}-text.png`;
  await writeFile(overlay, await renderOverlayPng(layout, spec.template, spec.texts));
  return { background, images: paths, overlay };
}
