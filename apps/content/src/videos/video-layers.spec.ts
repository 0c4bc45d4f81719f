import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import type { VideoTemplateName, WatermarkPosition } from '@app/contracts';
import { FfmpegFailedError, type ProbedVideo } from './ffmpeg-runner.js';
import { PULSE_MIN, pulseScale } from './video-animation.js';
import { type Box, layoutOf } from './video-layout.js';
import { renderVideo, type VideoRenderSpec, VideoInputError } from './video-renderer.js';
import { greyFrame, logoPng, meanVolumeDb, toneFile } from '../../test/video-test-support.js';
import { watermarkBox } from './video-watermark.js';

const TRICKY = 'Lamp "Aurora": 50% off! 🔥 <b>&amp; مصباح جميل — Size: L';
const FORMAT = 'x_720x1280' as const;
const LAYOUT = layoutOf(FORMAT);
/** Frames are compared in 4x4 blocks (area-averaged), which evens out encoder noise. */
const BLOCK = 4;
const DIFFERS = 20;
const BRAND = { colors: ['#1b2a4a', '#a33a6b'], font: 'DejaVu Serif' };

let tempRoot: string;
let outDir: string;
let images: Buffer[];
let logo: Buffer;
let music: Buffer;

function productImage(hue: string): Promise<Buffer> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900">' +
    `<rect width="100%" height="100%" fill="${hue}"/><circle cx="450" cy="450" r="300" fill="#f5f5f5"/>` +
    '<rect x="40" y="40" width="300" height="60" fill="#222"/></svg>';
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

beforeAll(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'shopcast-video-layers-'));
  outDir = await mkdtemp(join(tmpdir(), 'shopcast-video-layers-out-'));
  images = await Promise.all(['#2b59c3', '#c32b59', '#2bc359'].map(productImage));
  logo = await logoPng();
  music = await toneFile('mp3', 2.5);
});

afterAll(async () => {
  await rm(tempRoot, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

/** Renders one format and keeps the MP4 (the renderer removes its own temp dir). */
async function renderKept(
  spec: VideoRenderSpec,
  name: string,
): Promise<{ path: string; probe: ProbedVideo }> {
  const path = join(outDir, `${name}.mp4`);
  const [probe] = await renderVideo(
    spec,
    { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxPixels: 50_000_000, tempRoot },
    async (output) => {
      await copyFile(output.path, path);
      return output.probe;
    },
  );
  return { path, probe };
}

function inside(box: Box, x: number, y: number): boolean {
  return x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
}

interface BlockDiff {
  outsideSafe: number;
  insideSafe: number;
  /** Share of blocks that differ within a box. */
  shareIn: (box: Box) => number;
}

/** Which 4x4 blocks differ between two renders' frames at `atSec`; a block counts where its centre lies. */
async function diffFrames(a: string, b: string, atSec: number): Promise<BlockDiff> {
  const [one, two] = await Promise.all(
    [a, b].map((path) => greyFrame(path, atSec, LAYOUT.width, LAYOUT.height, BLOCK)),
  );
  const differing: Array<[number, number]> = [];
  for (let y = 0; y < one.height; y += 1)
    for (let x = 0; x < one.width; x += 1) {
      const index = y * one.width + x;
      if (Math.abs(one.data[index] - two.data[index]) > DIFFERS)
        differing.push([x * BLOCK + BLOCK / 2, y * BLOCK + BLOCK / 2]);
    }
  const insideSafe = differing.filter(([x, y]) => inside(LAYOUT.safe, x, y)).length;
  return {
    insideSafe,
    outsideSafe: differing.length - insideSafe,
    shareIn: (box) =>
      differing.filter(([x, y]) => inside(box, x, y)).length / ((box.width * box.height) / BLOCK ** 2),
  };
}

const POSITIONS: WatermarkPosition[] = ['top_left', 'top_right', 'bottom_left', 'bottom_right'];

describe.each<[VideoTemplateName, number, WatermarkPosition]>([
  ['showcase', 1, 'top_right'],
  ['carousel', 3, 'bottom_left'],
  ['price_drop', 1, 'bottom_right'],
])('%s with every layer', (template, count, position) => {
  let full: { path: string; probe: ProbedVideo };
  let bare: { path: string; probe: ProbedVideo };

  beforeAll(async () => {
    const base = {
      template,
      durationSec: 6,
      formats: [FORMAT],
      images: images.slice(0, count),
      brand: BRAND,
    };
    full = await renderKept(
      {
        ...base,
        texts: { headline: TRICKY, price: '$1,299.00', oldPrice: '$1,999', cta: 'Shop: "now" →' },
        music: { bytes: music, mimeType: 'audio/mpeg', volume: 0.3 },
        watermark: { bytes: logo, position },
      },
      `${template}-full`,
    );
    // The same video without text, watermark or music: whatever differs from it is those layers.
    bare = await renderKept({ ...base, texts: {} }, `${template}-bare`);
  }, 180_000);

  it('is h264/aac 720x1280 at 30 fps, 6 s +-0.1, over the 516 kbps floor, with the music audible', async () => {
    expect(full.probe).toMatchObject({
      videoCodec: 'h264',
      audioCodec: 'aac',
      width: 720,
      height: 1280,
      fps: 30,
    });
    expect(Math.abs(full.probe.durationSec - 6)).toBeLessThanOrEqual(0.1);
    expect(full.probe.videoBitrate).toBeGreaterThanOrEqual(516_000);
    expect(bare.probe.audioCodec).toBe('aac');
    // A 440 Hz tone at 30% is clearly audible; the track without music is digital silence.
    expect(await meanVolumeDb(full.path)).toBeGreaterThan(-45);
    expect(await meanVolumeDb(bare.path)).toBeLessThan(-80);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it.each([1.1, 3.0, 5.0])(
    'at %s s draws text and watermark pixels only inside the safe zone',
    async (atSec) => {
      const diff = await diffFrames(full.path, bare.path, atSec);
      expect(diff.outsideSafe).toBe(0);
      expect(diff.insideSafe).toBeGreaterThan(500);
    },
  );

  it('draws the watermark in its corner only', async () => {
    const diff = await diffFrames(full.path, bare.path, 3.0);
    const side = Math.round(160 * (LAYOUT.width / 1080));
    for (const corner of POSITIONS) {
      const share = diff.shareIn(watermarkBox(LAYOUT, corner, { width: side, height: side }));
      if (corner === position) expect(share).toBeGreaterThan(0.5);
      else expect(share).toBeLessThan(0.02);
    }
  });
});

describe('animated price and call to action', () => {
  it('pulses between PULSE_MIN and full size, smoothly across the loop point', () => {
    const frames = 36;
    const scales = Array.from({ length: frames }, (_, index) => pulseScale(index, frames));
    expect(Math.min(...scales)).toBeGreaterThanOrEqual(PULSE_MIN);
    expect(Math.max(...scales)).toBe(1);
    const steps = scales.map((scale, index) => Math.abs(scales[(index + 1) % frames] - scale));
    expect(Math.max(...steps)).toBeLessThan(0.01);
  });

  it('changes the price between two phases of its pulse, and nothing outside the price and CTA', async () => {
    const { path } = await renderKept(
      {
        template: 'showcase',
        durationSec: 6,
        formats: [FORMAT],
        images: images.slice(0, 1),
        brand: BRAND,
        texts: { price: '$79', cta: 'Shop now' },
      },
      'pulse',
    );
    // 3.0 s and 3.6 s are half a 1.2 s price cycle apart: full size and PULSE_MIN. The image zooms meanwhile,
    // so only the text boxes are compared.
    const diff = await diffFrames(path, path, 3.0);
    expect(diff.insideSafe + diff.outsideSafe).toBe(0);
    const [a, b] = await Promise.all([3.0, 3.6].map((at) => greyFrame(path, at, 720, 1280, BLOCK)));
    const changedIn = (box: Box) => {
      let changed = 0;
      for (let y = box.y / BLOCK; y < (box.y + box.height) / BLOCK; y += 1)
        for (let x = box.x / BLOCK; x < (box.x + box.width) / BLOCK; x += 1) {
          const index = Math.floor(y) * a.width + Math.floor(x);
          if (Math.abs(a.data[index] - b.data[index]) > DIFFERS) changed += 1;
        }
      return changed;
    };
    expect(changedIn(LAYOUT.price)).toBeGreaterThan(20);
  }, 120_000);
});

describe('layer inputs that cannot be used', () => {
  const spec: VideoRenderSpec = {
    template: 'showcase',
    durationSec: 6,
    formats: [FORMAT],
    texts: { headline: 'Lamp' },
    images: [],
  };
  beforeAll(() => {
    spec.images = images.slice(0, 1);
  });

  it('fails a font that is not installed with a reason', async () => {
    await expect(renderKept({ ...spec, brand: { font: 'Comic Sans MS' } }, 'font')).rejects.toThrow(
      new VideoInputError('The font "Comic Sans MS" is not installed on the server'),
    );
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('fails a corrupt watermark with a reason', async () => {
    const watermark = { bytes: logo.subarray(0, 120), position: 'top_left' as const };
    await expect(renderKept({ ...spec, watermark }, 'watermark')).rejects.toThrow(
      /watermark image could not be decoded/,
    );
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it("fails music that is not audio with ffmpeg's reason", async () => {
    const bytes = Buffer.alloc(4096, 0x5a);
    const failure = await renderKept(
      { ...spec, music: { bytes, mimeType: 'audio/mpeg', volume: 0.3 } },
      'music',
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FfmpegFailedError);
    expect((failure as Error).message).toMatch(/ffmpeg exited with \d+: ./);
    expect(await readdir(tempRoot)).toEqual([]);
  }, 60_000);

  it('reads the music only as its detected type: a playlist naming a file on the server plays nothing', async () => {
    // Left to guess, ffmpeg reads this "MP3" as an HLS playlist and plays the file it names, which could be
    // any audio the content process can read (another workspace's upload under the data dir).
    const elsewhere = join(outDir, 'elsewhere.mp3');
    await writeFile(elsewhere, music);
    const playlist = Buffer.from(
      `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:2.5,\n${elsewhere}\n#EXT-X-ENDLIST\n`,
    );
    const failure = await renderKept(
      { ...spec, music: { bytes: playlist, mimeType: 'audio/mpeg', volume: 0.3 } },
      'playlist-music',
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FfmpegFailedError);
    expect(await readdir(tempRoot)).toEqual([]);
  }, 60_000);

  it('refuses music of a type it has no demuxer for, before ffmpeg runs', async () => {
    await expect(
      renderKept({ ...spec, music: { bytes: music, mimeType: 'audio/x-mpegurl', volume: 0.3 } }, 'm3u'),
    ).rejects.toThrow(VideoInputError);
    expect(await readdir(tempRoot)).toEqual([]);
  });
});
