import type { VideoFormatName, VideoTemplateName } from '@app/contracts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where each layer of a video goes in one output format; every text box lies inside `safe`. */
export interface VideoLayout {
  width: number;
  height: number;
  /**
   * Text may only be drawn here. On 9:16 1080x1920 it is the zone clear of the platforms' own UI: Reels and Stories
   * cover the top ~270 px, bottom ~670 px and ~65 px each side; TikTok the top ~150, bottom ~440 and right ~150 px;
   * Shorts the bottom quarter and the right-hand buttons; so y 270-1250, x 65-930 is clear on all three.
   */
  safe: Box;
  headline: Box;
  price: Box;
  cta: Box;
  /** The product image (not text, so it may extend beyond the safe zone). */
  image: Box;
}

export const VIDEO_FPS = 30;
/** Length of the fade in/out of the whole video and of a carousel cross-fade, in seconds. */
export const FADE_SEC = 0.5;
export const CROSSFADE_SEC = 0.6;
/** How much the product image grows over its time on screen (smooth slow zoom). */
export const ZOOM_GROWTH = 0.08;

const SIZES: Record<VideoFormatName, { width: number; height: number }> = {
  story_1080x1920: { width: 1080, height: 1920 },
  x_720x1280: { width: 720, height: 1280 },
  square_1080x1080: { width: 1080, height: 1080 },
};

/**
 * The layout of a format; 9:16 formats scale the 1080x1920 safe zone (x 65–930, y 270–1250). Text boxes keep
 * 10 px (at 1080 wide) from its edges: encoding smears a sharp edge by a pixel or two, which must stay inside.
 */
export function layoutOf(format: VideoFormatName): VideoLayout {
  const { width, height } = SIZES[format];
  const s = width / 1080;
  const even = (value: number) => 2 * Math.round((value * s) / 2);
  if (format === 'square_1080x1080') {
    const safe = { x: even(65), y: even(65), width: even(950), height: even(950) };
    return {
      width,
      height,
      safe,
      headline: { x: even(75), y: even(75), width: even(930), height: even(160) },
      image: { x: even(230), y: even(250), width: even(620), height: even(620) },
      price: { x: even(75), y: even(880), width: even(510), height: even(125) },
      cta: { x: even(595), y: even(895), width: even(410), height: even(110) },
    };
  }
  const safe = { x: even(65), y: even(270), width: even(865), height: even(980) };
  return {
    width,
    height,
    safe,
    headline: { x: even(75), y: even(280), width: even(845), height: even(210) },
    image: { x: even(90), y: even(510), width: even(900), height: even(900) },
    price: { x: even(75), y: even(1010), width: even(490), height: even(130) },
    cta: { x: even(75), y: even(1150), width: even(510), height: even(90) },
  };
}

/** Seconds each image of a template is on screen (carousel images overlap by CROSSFADE_SEC). */
export function segmentsOf(template: VideoTemplateName, imageCount: number, durationSec: number): number[] {
  const count = template === 'carousel' ? Math.max(1, imageCount) : 1;
  const each = (durationSec + (count - 1) * CROSSFADE_SEC) / count;
  return Array.from({ length: count }, () => round3(each));
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
