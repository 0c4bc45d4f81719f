// Run by video-kill.spec.ts as a separate process that is killed mid-render: renders a long video into the
// temp dir given as the first argument, the way the content service does.
import sharp from 'sharp';
import { renderVideo } from './video-renderer.js';

const tempDir = process.argv[2];
const image = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#3366cc' } })
  .jpeg()
  .toBuffer();
await renderVideo(
  {
    template: 'showcase',
    durationSec: 60,
    formats: ['x_720x1280'],
    texts: { headline: 'Killed mid-render', price: '$1', cta: 'Shop' },
    images: [image],
  },
  { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', maxPixels: 50_000_000, tempDir },
  async () => undefined,
);
