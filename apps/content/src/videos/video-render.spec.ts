import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import type { VideoFormatName, VideoTemplateName } from '@app/contracts';
import { FfmpegMissingError, type ProbedVideo } from './ffmpeg-runner.js';
import { buildFfmpegArgs, buildFilterGraph, parseProgressLine, videoKbpsOf } from './video-command.js';
import { layoutOf, segmentsOf } from './video-layout.js';
import { buildOverlaySvg, escapeXml, fitText, renderOverlayPng } from './video-overlay.js';
import { renderVideo, type VideoRenderSpec, VideoInputError } from './video-renderer.js';

const TRICKY =
  'Lamp "Aurora": 50% off! 🔥 <b>&amp; مصباح جميل جدا — the longest product name we sell in any store today';

/** A product photo stand-in with edges and colour, so the encoder has detail to spend bits on. */
function productImage(hue: string, width = 900, height = 700): Promise<Buffer> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="${hue}"/>` +
    `<circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#f5f5f5"/>` +
    `<rect x="40" y="40" width="${width / 3}" height="60" fill="#222"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

let tempRoot: string;
let images: Buffer[];

beforeAll(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'shopcast-video-spec-'));
  images = await Promise.all(['#2b59c3', '#c32b59', '#2bc359'].map((hue) => productImage(hue)));
});

afterAll(async () => {
  await rm(tempRoot, { recursive: true, force: true });
});

async function render(spec: VideoRenderSpec, ffmpegPath = 'ffmpeg'): Promise<ProbedVideo[]> {
  const progress: number[] = [];
  const probes = await renderVideo(
    spec,
    {
      ffmpegPath,
      ffprobePath: 'ffprobe',
      maxPixels: 50_000_000,
      tempRoot,
      onProgress: (f) => progress.push(f),
    },
    async (output) => output.probe,
  );
  expect(progress.at(-1)).toBe(1);
  return probes;
}

function expectPlayable(probe: ProbedVideo, format: VideoFormatName, durationSec: number): void {
  const layout = layoutOf(format);
  expect(probe.videoCodec).toBe('h264');
  expect(probe.audioCodec).toBe('aac');
  expect([probe.width, probe.height]).toEqual([layout.width, layout.height]);
  expect(probe.fps).toBe(30);
  expect(Math.abs(probe.durationSec - durationSec)).toBeLessThanOrEqual(0.1);
  // TikTok refuses ads under 516 kbps of video.
  expect(probe.videoBitrate).toBeGreaterThanOrEqual(516_000);
}

describe('video rendering with ffmpeg', () => {
  const cases: Array<[VideoTemplateName, VideoFormatName, number]> = [
    ['showcase', 'x_720x1280', 1],
    ['carousel', 'x_720x1280', 3],
    ['price_drop', 'story_1080x1920', 1],
  ];
  it.each(cases)(
    'renders %s as %s: h264/aac, 30 fps, exact duration, bitrate floor',
    async (template, format, count) => {
      const [probe] = await render({
        template,
        durationSec: 6,
        formats: [format],
        texts: { headline: TRICKY, price: '$19.99', oldPrice: '$29.99', cta: 'Shop now →' },
        images: images.slice(0, count),
      });
      expectPlayable(probe, format, 6);
      expect(await readdir(tempRoot)).toEqual([]);
    },
    40_000,
  );

  it('renders the square format alongside another in one job', async () => {
    const probes = await render({
      template: 'showcase',
      durationSec: 6,
      formats: ['square_1080x1080', 'x_720x1280'],
      texts: { headline: 'Desk lamp', price: '€ 12,50' },
      images: images.slice(0, 1),
    });
    expect(probes.map((probe) => [probe.width, probe.height])).toEqual([
      [1080, 1080],
      [720, 1280],
    ]);
    // Two formats, one of them 1080 px: on a shared 2-core machine this alone can take over 40 s.
  }, 120_000);

  it('fails a corrupt image with a reason before ffmpeg starts, and removes the temp dir', async () => {
    const corrupt = Buffer.concat([(await productImage('#000')).subarray(0, 200), Buffer.alloc(500, 7)]);
    await expect(
      render({ template: 'showcase', durationSec: 6, formats: ['x_720x1280'], texts: {}, images: [corrupt] }),
    ).rejects.toThrow(VideoInputError);
    await expect(
      render({ template: 'showcase', durationSec: 6, formats: ['x_720x1280'], texts: {}, images: [corrupt] }),
    ).rejects.toThrow(/Image 1 could not be decoded/);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('says clearly when ffmpeg is missing, and removes the temp dir', async () => {
    const spec: VideoRenderSpec = {
      template: 'showcase',
      durationSec: 6,
      formats: ['x_720x1280'],
      texts: {},
      images: images.slice(0, 1),
    };
    await expect(render(spec, '/nonexistent/ffmpeg')).rejects.toThrow(FfmpegMissingError);
    await expect(render(spec, '/nonexistent/ffmpeg')).rejects.toThrow(/VIDEO_FFMPEG_PATH/);
    expect(await readdir(tempRoot)).toEqual([]);
  });
});

describe('ffmpeg command building', () => {
  const layout = layoutOf('story_1080x1920');
  const command = {
    template: 'carousel' as const,
    layout,
    durationSec: 15,
    segments: segmentsOf('carousel', 3, 15),
    videoKbps: videoKbpsOf(layout),
    inputs: { background: '/t/bg.jpg', images: ['/t/a.jpg', '/t/b.jpg', '/t/c.jpg'], overlay: '/t/text.png' },
    output: '/t/out.mp4',
  };

  it('builds an argument array with the encoder settings platforms require', () => {
    const args = buildFfmpegArgs(command);
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-c:v')).toBe('libx264');
    expect(after('-preset')).toBe('veryfast');
    expect(after('-pix_fmt')).toBe('yuv420p');
    expect(after('-c:a')).toBe('aac');
    expect(after('-movflags')).toBe('+faststart');
    expect(after('-progress')).toBe('pipe:1');
    expect(Number(after('-minrate').replace('k', ''))).toBeGreaterThanOrEqual(516);
    expect(args.at(-1)).toBe('/t/out.mp4');
  });

  it("opens the user's music with its pinned demuxer and the file protocol only", () => {
    const music = { path: '/t/music', volume: 0.3, format: 'mp3' };
    const args = buildFfmpegArgs({ ...command, inputs: { ...command.inputs, music } });
    const input = args.indexOf('/t/music');
    expect(args[input - 1]).toBe('-i');
    const options = args.slice(args.lastIndexOf('-i', input - 2) + 2, input - 1);
    expect(options).toEqual(['-protocol_whitelist', 'file', '-f', 'mp3', '-stream_loop', '-1']);
  });

  it('zooms without zoompan and cross-fades carousel images so they fill the duration exactly', () => {
    const graph = buildFilterGraph(command);
    expect(graph).not.toContain('zoompan');
    expect(graph).toContain('eval=frame');
    expect(graph.match(/xfade=/g)).toHaveLength(2);
    // Three 5.4 s segments overlapping by 0.6 s twice make 15 s.
    expect(command.segments.reduce((sum, s) => sum + s, 0) - 2 * 0.6).toBeCloseTo(15, 3);
  });

  it('reads progress from -progress lines only', () => {
    expect(parseProgressLine('out_time_us=7500000', 15)).toBeCloseTo(0.5);
    expect(parseProgressLine('out_time_ms=15000000', 15)).toBe(1);
    expect(parseProgressLine('frame=12', 15)).toBeNull();
    expect(parseProgressLine('out_time=00:00:07.500000', 15)).toBeNull();
  });
});

describe('text overlay', () => {
  it('escapes user text so it never becomes SVG markup', () => {
    expect(escapeXml(`<b a="1">'&'</b>\u0007`)).toBe('&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;');
    const svg = buildOverlaySvg(layoutOf('story_1080x1920'), 'showcase', { headline: TRICKY });
    expect(svg).not.toContain('<b>');
  });

  it('wraps and shrinks a long name to fit its box', () => {
    const box = layoutOf('story_1080x1920').headline;
    const short = fitText('Lamp', box, 72, 34);
    const long = fitText(TRICKY, box, 72, 34);
    expect(short.lines).toEqual(['Lamp']);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.lines.length * long.fontSize * 1.18).toBeLessThanOrEqual(box.height);
  });

  it.each(['story_1080x1920', 'x_720x1280'] as const)(
    'draws text pixels only inside the safe zone on %s',
    async (format) => {
      const layout = layoutOf(format);
      const png = await renderOverlayPng(layout, 'price_drop', {
        headline: TRICKY,
        price: '$1,299.00',
        oldPrice: '$1,999.00',
        cta: 'Shop the collection now',
      });
      const { data, info } = await sharp(png)
        .extractChannel('alpha')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { safe } = layout;
      let inside = 0;
      let outside = 0;
      for (let y = 0; y < info.height; y += 1) {
        for (let x = 0; x < info.width; x += 1) {
          if (data[y * info.width + x] === 0) continue;
          const isSafe = x >= safe.x && x < safe.x + safe.width && y >= safe.y && y < safe.y + safe.height;
          if (isSafe) inside += 1;
          else outside += 1;
        }
      }
      expect(outside).toBe(0);
      expect(inside).toBeGreaterThan(1000);
    },
  );
});
