import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { VideoFormatName, VideoTemplateName, VideoTexts, WatermarkPosition } from '@app/contracts';
import { AUDIO_DEMUXERS } from '../media/audio-formats.js';
import { probeVideo, type ProbedVideo, runFfmpeg } from './ffmpeg-runner.js';
import { renderPulseFrames } from './video-animation.js';
import { assertFontInstalled, renderGradientBackground } from './video-brand.js';
import { buildFfmpegArgs, type RenderInputs, videoKbpsOf } from './video-command.js';
import { VideoInputError } from './video-errors.js';
import { layoutOf, segmentsOf, type VideoLayout } from './video-layout.js';
import { DEFAULT_VIDEO_FONT, renderOverlayPng } from './video-overlay.js';
import { createVideoTempDir, FFMPEG_PID_FILE } from './video-temp.js';
import { prepareWatermark, watermarkBox } from './video-watermark.js';

export { VideoInputError } from './video-errors.js';

export interface VideoRenderSpec {
  template: VideoTemplateName;
  durationSec: number;
  formats: VideoFormatName[];
  texts: VideoTexts;
  /** The product images' bytes, in order; showcase and price_drop use the first. */
  images: Buffer[];
  /** An audio file of a type in AUDIO_DEMUXERS (its detected MIME type) mixed at `volume` (0..1) instead of silence. */
  music?: { bytes: Buffer; mimeType: string; volume: number } | null;
  /** A logo drawn at 70% opacity in a corner of the safe zone. */
  watermark?: { bytes: Buffer; position: WatermarkPosition } | null;
  /** Gradient background colours (else the blurred product image) and the font of the text layers. */
  brand?: { colors?: string[]; font?: string } | null;
}

export interface VideoRenderOptions {
  ffmpegPath: string;
  ffprobePath: string;
  maxPixels: number;
  /** Where the per-render temp dir is made; the OS temp dir by default. */
  tempRoot?: string;
  /**
   * The exact temp dir of this render (e.g. `<dataDir>/tmp/videos/<videoId>`), recorded with its owner and
   * ffmpeg pids so a restart after a crash can remove it (see video-temp.ts); overrides `tempRoot`.
   */
  tempDir?: string;
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
  const dir = options.tempDir ?? (await mkdtemp(join(options.tempRoot ?? tmpdir(), 'shopcast-video-')));
  if (options.tempDir) await createVideoTempDir(options.tempDir);
  try {
    await assertFontInstalled(spec.brand?.font ?? DEFAULT_VIDEO_FONT);
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
  const inputs = await prepareInputs(
    spec,
    layout,
    images.slice(0, segments.length),
    join(dir, format),
    options,
  );
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
  const recordPid = (pid: number) => writeFileSync(join(dir, FFMPEG_PID_FILE), String(pid));
  await runFfmpeg(options.ffmpegPath, args, spec.durationSec, onProgress, recordPid);
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

/**
 * Writes the inputs of one format at their final sizes: background (brand gradient or blurred image), zoom-ready
 * images, the static overlay (headline and watermark), the pulse cycles of price and CTA, and the music.
 */
async function prepareInputs(
  spec: VideoRenderSpec,
  layout: VideoLayout,
  images: Buffer[],
  prefix: string,
  options: VideoRenderOptions,
): Promise<RenderInputs> {
  const background = `${prefix}-background.jpg`;
  if (spec.brand?.colors?.length) await renderGradientBackground(spec.brand.colors, layout, background);
  else
    await sharp(images[0])
      .resize(Math.round(layout.width / 4), Math.round(layout.height / 4), { fit: 'cover' })
      .blur(12)
      .modulate({ brightness: 0.7 })
      .resize(layout.width, layout.height)
      .jpeg({ quality: 90 })
      .toFile(background);
  const box = layout.image;
  const paths = await Promise.all(
    images.map(async (image, index) => {
      const path = `${prefix}-image-${index}.jpg`;
      await sharp(image)
        .resize(box.width, box.height, { fit: 'cover', position: sharp.strategy.attention })
        .jpeg({ quality: 92 })
        .toFile(path);
      return path;
    }),
  );
  const font = spec.brand?.font ?? DEFAULT_VIDEO_FONT;
  const overlay = `${prefix}-text.png`;
  await writeFile(overlay, await staticOverlay(spec, layout, font, options.maxPixels));
  const [price, cta] = await Promise.all([
    renderPulseFrames('price', layout, spec.template, spec.texts, font, `${prefix}-price`),
    renderPulseFrames('cta', layout, spec.template, spec.texts, font, `${prefix}-cta`),
  ]);
  let music: RenderInputs['music'] = null;
  if (spec.music) {
    const format = AUDIO_DEMUXERS.get(spec.music.mimeType);
    if (!format) throw new VideoInputError(`The music is ${spec.music.mimeType}, not a supported audio type`);
    music = { path: `${prefix}-music`, volume: spec.music.volume, format };
    await writeFile(music.path, spec.music.bytes);
  }
  return { background, images: paths, overlay, price, cta, music };
}

/** The headline and, when configured, the watermark, as one full-frame transparent PNG. */
async function staticOverlay(
  spec: VideoRenderSpec,
  layout: VideoLayout,
  font: string,
  maxPixels: number,
): Promise<Buffer> {
  const text = await renderOverlayPng(layout, spec.template, spec.texts, font, ['headline']);
  if (!spec.watermark) return text;
  const logo = await prepareWatermark(spec.watermark.bytes, layout, maxPixels);
  const place = watermarkBox(layout, spec.watermark.position, logo);
  return sharp(text)
    .composite([{ input: logo.png, left: place.x, top: place.y }])
    .png()
    .toBuffer();
}
