import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fakeMp4Bytes, renderTestVideo } from '../../../../../test/fakes/tiktok/video-host.js';
import { bufferSource, fileSource, mp4DurationSec } from './mp4-duration.js';

describe('mp4DurationSec', () => {
  it('reads the duration of a video ffmpeg rendered, in memory and from a file', async () => {
    const video = await renderTestVideo(2);
    expect(await mp4DurationSec(bufferSource(video))).toBeCloseTo(2, 1);
    const dir = await mkdtemp(join(tmpdir(), 'mp4-duration-'));
    try {
      await writeFile(join(dir, 'video.mp4'), video);
      const file = await open(join(dir, 'video.mp4'));
      expect(await mp4DurationSec(fileSource(file, video.length))).toBeCloseTo(2, 1);
      await file.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('answers null for bytes without a movie header', async () => {
    expect(await mp4DurationSec(bufferSource(fakeMp4Bytes(4096)))).toBeNull();
    expect(await mp4DurationSec(bufferSource(Buffer.alloc(3)))).toBeNull();
    expect(await mp4DurationSec(bufferSource(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0])))).toBeNull();
  });
});
