// Product video benchmark (issue #7): render time of a 15 s 1080x1920 30 fps showcase and carousel video on this
// machine (median of 3), the full path the render job runs (sharp stills + one ffmpeg process + ffprobe), the
// same without the animated price/CTA and with music, watermark and brand gradient (what those layers cost), and
// the zoom smoothness of the showcase (bench/video-zoom-smoothness.ts).
// Prints numbers and the target; never fails on them. Run: node --import @swc-node/register/esm-register bench/videos.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { VideoTemplateName } from '@app/contracts';
import { renderVideo, type VideoRenderSpec } from '../apps/content/src/videos/video-renderer.js';
import { logoPng, toneFile } from '../apps/content/test/video-test-support.js';
import { measureZoomSmoothness, SHAKE_TARGET } from './video-zoom-smoothness.js';

const RUNS = 3;
const TARGET_SEC = 8;

function photo(hue: string): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><rect width="100%" height="100%" fill="${hue}"/>` +
    '<circle cx="1000" cy="1000" r="650" fill="#eee"/><rect x="200" y="200" width="600" height="120" fill="#222"/></svg>';
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

type Layers = Partial<Pick<VideoRenderSpec, 'music' | 'watermark' | 'brand' | 'texts'>>;

async function timeRender(
  template: VideoTemplateName,
  images: Buffer[],
  tempRoot: string,
  layers: Layers = {},
): Promise<number> {
  const started = performance.now();
  await renderVideo(
    {
      template,
      durationSec: 15,
      formats: ['story_1080x1920'],
      texts: { headline: 'Aurora Desk Lamp, brushed brass', price: '$79', cta: 'Shop now' },
      images,
      ...layers,
    },
    { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxPixels: 50_000_000, tempRoot },
    async (output) => output.probe,
  );
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const tempRoot = await mkdtemp(join(tmpdir(), 'shopcast-bench-video-'));
try {
  const images = await Promise.all(['#2b59c3', '#c32b59', '#2bc359'].map(photo));
  process.stdout.write(
    `${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}; 15 s 1080x1920 30 fps, median of ${RUNS} (target <= ${TARGET_SEC} s)\n`,
  );
  const allLayers: Layers = {
    music: { bytes: await toneFile('mp3', 20), mimeType: 'audio/mpeg', volume: 0.3 },
    watermark: { bytes: await logoPng(), position: 'top_right' },
    brand: { colors: ['#1b2a4a', '#a33a6b'], font: 'DejaVu Serif' },
  };
  const cases: Array<[string, VideoTemplateName, number, Layers]> = [
    ['showcase', 'showcase', 1, {}],
    ['carousel', 'carousel', 3, {}],
    // Without price and CTA, so without their animation: what the pulse and slide-in cost.
    ['showcase, headline only', 'showcase', 1, { texts: { headline: 'Aurora Desk Lamp, brushed brass' } }],
    ['showcase + music, watermark, brand gradient', 'showcase', 1, allLayers],
  ];
  for (const [name, template, count, layers] of cases) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1)
      times.push(await timeRender(template, images.slice(0, count), tempRoot, layers));
    const list = times.map((time) => time.toFixed(2)).join(', ');
    process.stdout.write(`${name.padEnd(9)} median ${median(times).toFixed(2)} s  (runs: ${list})\n`);
  }
  const zoom = await measureZoomSmoothness(tempRoot);
  process.stdout.write(
    `showcase zoom: mean shake ${zoom.meanShake.toFixed(4)} px/frame² (target < ${SHAKE_TARGET}), ` +
      `${zoom.backwardJumps} backward jumps, edge tracked in ${zoom.frames} frames over ${zoom.travelPx.toFixed(1)} px\n`,
  );
  process.stdout.write(
    `load average when finished: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}\n`,
  );
} finally {
  await rm(tempRoot, { recursive: true, force: true });
}
