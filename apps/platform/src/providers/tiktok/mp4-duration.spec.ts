import { describe, expect, it } from '@jest/globals';
import { fakeMp4Bytes, renderTestVideo } from '../../../../../test/fakes/tiktok/video-host.js';
import { mp4DurationSec } from './mp4-duration.js';

describe('mp4DurationSec', () => {
  it('reads the duration of a video ffmpeg rendered', async () => {
    const duration = mp4DurationSec(await renderTestVideo(2));
    expect(duration).toBeCloseTo(2, 1);
  }, 30_000);

  it('answers null for bytes without a movie header', () => {
    expect(mp4DurationSec(fakeMp4Bytes(4096))).toBeNull();
    expect(mp4DurationSec(Buffer.alloc(3))).toBeNull();
    expect(mp4DurationSec(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]))).toBeNull();
  });
});
