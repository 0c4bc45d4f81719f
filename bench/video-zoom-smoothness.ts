// Zoom smoothness of the showcase template (issue #7): renders a 15 s 1080x1920 showcase of a test image with one
// sharp vertical edge, tracks the edge's sub-pixel x position in every frame, and reports the mean shake (second
// difference of the position, px/frame²) and the backward jumps (frames where the edge moves against the zoom).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { captureBytes } from '../apps/content/test/video-test-support.js';
import { layoutOf, VIDEO_FPS } from '../apps/content/src/videos/video-layout.js';
import { renderVideo } from '../apps/content/src/videos/video-renderer.js';

export const SHAKE_TARGET = 0.05;
const ROWS = 16;

export interface ZoomSmoothness {
  frames: number;
  meanShake: number;
  backwardJumps: number;
  travelPx: number;
}

/** Black left of 35% of the width, white right of it. */
function edgeImage(): Promise<Buffer> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><rect width="100%" height="100%" fill="#fff"/>' +
    '<rect width="700" height="2000" fill="#000"/></svg>';
  return sharp(Buffer.from(svg)).jpeg({ quality: 95 }).toBuffer();
}

/** Where a row crosses halfway between its darkest and brightest value, interpolated between pixels. */
export function edgePosition(row: Float64Array): number | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of row) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (max - min < 40) return null;
  const half = (min + max) / 2;
  for (let x = 1; x < row.length; x += 1) {
    if (row[x - 1] < half && row[x] >= half) return x - 1 + (half - row[x - 1]) / (row[x] - row[x - 1]);
  }
  return null;
}

export function smoothnessOf(positions: number[]): ZoomSmoothness {
  const travel = positions.at(-1)! - positions[0];
  let shake = 0;
  let backward = 0;
  for (let index = 1; index < positions.length; index += 1) {
    const step = positions[index] - positions[index - 1];
    if (Math.sign(step) === -Math.sign(travel) && Math.abs(step) > 0.01) backward += 1;
    if (index + 1 < positions.length)
      shake += Math.abs(positions[index + 1] - 2 * positions[index] + positions[index - 1]);
  }
  return {
    frames: positions.length,
    meanShake: shake / Math.max(1, positions.length - 2),
    backwardJumps: backward,
    travelPx: travel,
  };
}

export async function measureZoomSmoothness(tempRoot: string): Promise<ZoomSmoothness> {
  const video = join(tempRoot, 'zoom.mp4');
  await renderVideo(
    {
      template: 'showcase',
      durationSec: 15,
      formats: ['story_1080x1920'],
      texts: {},
      images: [await edgeImage()],
    },
    { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxPixels: 50_000_000, tempRoot },
    (output) => copyFile(output.path, video),
  );
  const box = layoutOf('story_1080x1920').image;
  const y = box.y + box.height / 2;
  const { stdout } = await captureBytes('ffmpeg', [
    ...['-v', 'error', '-i', video, '-vf', `crop=${box.width}:${ROWS}:${box.x}:${y},format=gray`],
    ...['-f', 'rawvideo', 'pipe:1'],
  ]);
  const frameBytes = box.width * ROWS;
  const positions: number[] = [];
  for (let offset = 0; offset + frameBytes <= stdout.length; offset += frameBytes) {
    const row = new Float64Array(box.width);
    for (let r = 0; r < ROWS; r += 1)
      for (let x = 0; x < box.width; x += 1) row[x] += stdout[offset + r * box.width + x] / ROWS;
    const position = edgePosition(row);
    if (position !== null) positions.push(position);
  }
  if (positions.length < 10 * VIDEO_FPS)
    throw new Error(`the edge was found in only ${positions.length} frames`);
  return smoothnessOf(positions);
}
