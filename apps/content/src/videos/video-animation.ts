import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { VideoTemplateName, VideoTexts } from '@app/contracts';
import { type Box, VIDEO_FPS, type VideoLayout } from './video-layout.js';
import { type OverlayLayer, overlayParts } from './video-overlay.js';

/** A text layer rendered as one cycle of frames (`pattern` is an ffmpeg image2 pattern) drawn at `box`. */
export interface AnimatedLayer {
  pattern: string;
  frames: number;
  box: Box;
}

/** One pulse: the layer shrinks to PULSE_MIN of its size and grows back, so it never leaves its box. */
export const PULSE_MIN = 0.93;
const PULSE_SEC: Record<'price' | 'cta', number> = { price: 1.2, cta: 1 };

/** The scale of a pulsing layer at frame `index` of a cycle of `frames`: a cosine, smooth at the loop point. */
export function pulseScale(index: number, frames: number): number {
  return PULSE_MIN + ((1 - PULSE_MIN) * (1 + Math.cos((2 * Math.PI * index) / frames))) / 2;
}

/**
 * Renders one pulse cycle of the price or CTA layer as PNG frames the size of its box (`<prefix>-%03d.png`); null
 * when the layer has no text. ffmpeg loops the cycle, so a 15 s video costs one cycle of sharp renders.
 */
export async function renderPulseFrames(
  layer: Extract<OverlayLayer, 'price' | 'cta'>,
  layout: VideoLayout,
  template: VideoTemplateName,
  texts: VideoTexts,
  font: string,
  prefix: string,
): Promise<AnimatedLayer | null> {
  if (!texts[layer]) return null;
  const box = layout[layer];
  const content = overlayParts(layout, template, texts, font, [layer]);
  const frames = Math.round(PULSE_SEC[layer] * VIDEO_FPS);
  const cx = box.width / 2;
  const cy = box.height / 2;
  await Promise.all(
    Array.from({ length: frames }, async (_, index) => {
      const scale = pulseScale(index, frames).toFixed(5);
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}">` +
        `<g transform="translate(${cx} ${cy}) scale(${scale}) translate(${-cx - box.x} ${-cy - box.y})">` +
        `${content}</g></svg>`;
      const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
      await writeFile(`${prefix}-${String(index).padStart(3, '0')}.png`, png);
    }),
  );
  return { pattern: `${prefix}-%03d.png`, frames, box };
}
