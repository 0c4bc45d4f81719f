// Video publishing memory (issue #14): one 400 MB video published to the fake TikTok through the real
// TikTokProvider (download to the video spool, FILE_UPLOAD in 10 MiB chunks read from the file). The fake
// TikTok and the media host run in a child process, so only Shopcast's side is measured. Reports per publish
// the RSS before, the peak while publishing (sampled every 10 ms) and the time, then the largest growth over
// the RSS before the first publish against the target (< 64 MB). Prints numbers; never fails on them.
// Run: node --import @swc-node/register/esm-register bench/video-upload.ts   BENCH_VIDEO_MB (400),
//   BENCH_ROUNDS (3: the same video published again in the same process; growth counts from the first)
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { once } from 'node:events';
import { processEnv } from '@app/config';
import { TikTokProvider } from '../apps/platform/src/providers/tiktok/tiktok.provider.js';
import { VideoSpool } from '../apps/platform/src/providers/video-spool.js';
import { connectTikTokProvider, tiktokCredentials } from '../test/support/tiktok-connection.js';
import { fakeMp4Bytes } from '../test/fakes/tiktok/video-host.js';
import { ROOT } from '../test/e2e/system.js';

const MB = 1_000_000;
const VIDEO_BYTES = Number(processEnv().BENCH_VIDEO_MB ?? 400) * MB;
const TARGET_GROWTH = 64 * MB;
const ROUNDS = Number(processEnv().BENCH_ROUNDS ?? 3);
const CLIENT = { key: 'bench-key', secret: 'bench-secret' };

/** An MP4 header then random megabytes, written a megabyte at a time. */
async function writeVideo(path: string): Promise<void> {
  const file = createWriteStream(path);
  const block = randomBytes(MB);
  fakeMp4Bytes(64).copy(block, 0);
  for (let written = 0; written < VIDEO_BYTES; written += MB) {
    const part = written + MB > VIDEO_BYTES ? block.subarray(0, VIDEO_BYTES - written) : block;
    if (!file.write(part)) await once(file, 'drain');
    if (written === 0) randomBytes(64).copy(block, 0);
  }
  file.end();
  await once(file, 'finish');
}

async function startFakes(videoPath: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      join(ROOT, 'bench', 'video-upload-fakes.ts'),
      videoPath,
      CLIENT.key,
      CLIENT.secret,
    ],
    { cwd: ROOT },
  );
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout });
  const urls = JSON.parse(await nextLine(lines)) as { tiktokUrl: string; videoUrl: string };
  return { child, lines, ...urls };
}

function nextLine(lines: Interface): Promise<string> {
  return new Promise((resolve) => lines.once('line', resolve));
}

async function connect(provider: TikTokProvider) {
  return tiktokCredentials(await connectTikTokProvider(provider));
}

/** One publish, with the RSS before it and its peak while it runs (sampled every 10 ms). */
async function publishMeasured(
  provider: TikTokProvider,
  credentials: Awaited<ReturnType<typeof connect>>,
  videoUrl: string,
) {
  const before = process.memoryUsage().rss;
  let peak = before;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss > peak) [peak, atPeak] = [usage.rss, usage];
  }, 10);
  const startedAt = performance.now();
  await provider.publish(credentials, {
    postId: 'bench',
    targetId: 'bench',
    text: 'Bench video',
    title: null,
    mediaUrls: [videoUrl],
    options: {},
  });
  clearInterval(sampler);
  return { before, peak, atPeak, seconds: (performance.now() - startedAt) / 1000 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-video-upload-'));
  let child: ChildProcessWithoutNullStreams | undefined;
  try {
    const videoPath = join(dir, 'video.mp4');
    await writeVideo(videoPath);
    const fakes = await startFakes(videoPath);
    child = fakes.child;
    const provider = new TikTokProvider({
      app: {
        clientId: CLIENT.key,
        clientSecret: CLIENT.secret,
        apiBaseUrl: fakes.tiktokUrl,
        authUrl: `${fakes.tiktokUrl}/v2/auth/authorize`,
        tokenUrl: `${fakes.tiktokUrl}/v2/oauth/token`,
      },
      callTimeoutMs: 300_000,
      allowPrivateUrls: true,
      statusPollIntervalMs: 100,
      videos: new VideoSpool({ root: join(dir, 'spool'), concurrency: 2 }),
    });
    const credentials = await connect(provider);
    const start = process.memoryUsage().rss;
    const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
    let worst = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const run = await publishMeasured(provider, credentials, fakes.videoUrl);
      fakes.child.stdin.write('report\n');
      const received = JSON.parse(await nextLine(fakes.lines)) as { chunks: number; bytes: number };
      worst = Math.max(worst, run.peak - start);
      console.log(
        `round ${round}: TikTok received ${mb(received.bytes)} in ${received.chunks} chunks, ` +
          `${run.seconds.toFixed(1)} s (${mb(VIDEO_BYTES / run.seconds)}/s); RSS ${mb(run.before)} -> peak ` +
          `${mb(run.peak)} (+${mb(run.peak - run.before)} in the round, +${mb(run.peak - start)} since the ` +
          `start); at the peak heap ${mb(run.atPeak.heapUsed)} of ${mb(run.atPeak.heapTotal)}, array buffers ${mb(run.atPeak.arrayBuffers)}`,
      );
    }
    console.log(
      `video ${mb(VIDEO_BYTES)}: RSS grew by at most ${mb(worst)} over ${ROUNDS} publishes ` +
        `(target < ${mb(TARGET_GROWTH)}: ${worst < TARGET_GROWTH ? 'met' : 'MISSED'})`,
    );
  } finally {
    child?.stdin.end();
    child?.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
