// Issue #14, item 2: big media must not kill the platform process. Videos are spooled to disk (not held in
// memory), at most PUBLISH_VIDEO_CONCURRENCY at a time per process, and a file over the limit is refused
// from its declared length before its body is read.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PublishError } from '../../apps/platform/src/providers/provider.js';
import { MIB } from '../../apps/platform/src/providers/tiktok/chunk-plan.js';
import { TikTokProvider } from '../../apps/platform/src/providers/tiktok/tiktok.provider.js';
import { VideoSpool } from '../../apps/platform/src/providers/video-spool.js';
import { FakeTikTokServer } from '../fakes/tiktok/fake-tiktok-server.js';
import { connectTikTokProvider, tiktokCredentials } from '../support/tiktok-connection.js';
import { fakeMp4Bytes } from '../fakes/tiktok/video-host.js';
import { spooledVideoFiles } from '../support/spooled-videos.js';

const VIDEO = fakeMp4Bytes(6 * MIB);
let tiktok: FakeTikTokServer;
let host: Server;
let hostUrl: string;
let root: string;
let inFlight = 0;
let maxInFlight = 0;
/** Bytes the media host wrote for /huge.mp4 before the connection closed. */
let hugeBytesSent = 0;

function providerWith(videos: VideoSpool, maxVideoBytes?: number): TikTokProvider {
  return new TikTokProvider({
    app: {
      clientId: 'sec-key',
      clientSecret: 'sec-secret',
      apiBaseUrl: tiktok.url,
      authUrl: `${tiktok.url}/v2/auth/authorize`,
      tokenUrl: `${tiktok.url}/v2/oauth/token`,
    },
    callTimeoutMs: 20_000,
    allowPrivateUrls: true,
    statusPollIntervalMs: 10,
    chunkBytes: 5 * MIB,
    maxVideoBytes,
    videos,
  });
}

async function connect(provider: TikTokProvider) {
  return tiktokCredentials(await connectTikTokProvider(provider));
}

const request = (path: string) => ({
  postId: 'p',
  targetId: 't',
  text: 'A video',
  title: null,
  mediaUrls: [`${hostUrl}${path}`],
  options: {},
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sec-big-media-'));
  tiktok = new FakeTikTokServer({ clientKey: 'sec-key', clientSecret: 'sec-secret', processingSteps: 0 });
  tiktok.configure({ rateLimits: { init: 1000, creatorInfo: 1000, status: 1000 } });
  await tiktok.start();
  host = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    if (req.url === '/huge.mp4') {
      // Declares 1 GiB and starts sending it.
      res.writeHead(200, { 'content-length': 1024 * MIB });
      const block = fakeMp4Bytes(256 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(block)) hugeBytesSent += block.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      return pump();
    }
    res.writeHead(200, { 'content-length': VIDEO.length }).end(VIDEO);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await tiktok.stop();
  host.closeAllConnections();
  await new Promise<void>((resolve) => host.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

describe('big media', () => {
  it('publishes at most two videos at once per process, spooled to disk and removed afterwards', async () => {
    const videos = new VideoSpool({ root, concurrency: 2 });
    const provider = providerWith(videos);
    const credentials = await connect(provider);
    let maxActive = 0;
    let maxWaiting = 0;
    const sampler = setInterval(() => {
      maxActive = Math.max(maxActive, videos.load.active);
      maxWaiting = Math.max(maxWaiting, videos.load.waiting);
    }, 2);
    maxInFlight = 0;
    const postsBefore = tiktok.posts.length;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => provider.publish(credentials, request('/video.mp4'))),
    ).finally(() => clearInterval(sampler));
    expect(results.every((result) => result.externalId)).toBe(true);
    const posts = tiktok.posts.slice(postsBefore);
    expect(posts).toHaveLength(5);
    for (const post of posts) {
      expect(post.chunkRanges).toEqual([`bytes 0-${6 * MIB - 1}/${6 * MIB}`]);
      expect(post.bytes.equals(VIDEO)).toBe(true);
    }
    expect(maxActive).toBe(2);
    expect(maxWaiting).toBeGreaterThan(0);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(await spooledVideoFiles(root)).toEqual([]);
  });

  it('refuses a video whose declared length is over the limit without reading it', async () => {
    const provider = providerWith(new VideoSpool({ root, concurrency: 2 }), 64 * MIB);
    const credentials = await connect(provider);
    const error = await provider
      .publish(credentials, request('/huge.mp4'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ errorClass: 'rejected_content' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hugeBytesSent).toBeLessThan(16 * MIB);
  });
});
