import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMeta } from '../../../../../test/fakes/meta/connect-meta.js';
import { FakeGraphServer } from '../../../../../test/fakes/meta/fake-graph-server.js';
import { MediaServer } from '../../../../../test/fakes/meta/media-server.js';
import type { PublishCredentials, PublishRequest } from '../provider.js';
import { InstagramProvider } from './instagram.provider.js';

let graph: FakeGraphServer;
let media: MediaServer;
let provider: InstagramProvider;
let credentials: PublishCredentials;
const QUOTA = 6;

const request = (fields: Partial<PublishRequest>): PublishRequest => ({
  postId: 'p1',
  targetId: 't1',
  text: 'Caption #mugs',
  title: null,
  mediaUrls: [],
  options: {},
  ...fields,
});

beforeAll(async () => {
  media = new MediaServer();
  await media.start();
  graph = new FakeGraphServer({
    clientId: 'ig-app',
    clientSecret: 'ig-secret',
    quotaTotal: QUOTA,
    videoProcessingPolls: 2,
    pages: [
      { id: '104000000000009', name: 'Page without Instagram' },
      { id: '104000000000010', name: 'Mug Shop', igUserId: '17841400000000010', igUsername: 'mug.shop' },
    ],
  });
  const url = await graph.start();
  provider = new InstagramProvider({
    app: {
      clientId: 'ig-app',
      clientSecret: 'ig-secret',
      apiBaseUrl: url,
      authUrl: `${url}/v21.0/dialog/oauth`,
      tokenUrl: `${url}/v21.0/oauth/access_token`,
    },
    callTimeoutMs: 3000,
    allowPrivateUrls: true,
    pollIntervalMs: 20,
  });
  ({ credentials } = await connectMeta(provider));
});

afterAll(async () => {
  await graph.stop();
  await media.stop();
});

const statusReads = (containerId: string) => graph.containers.get(containerId)?.statusReads;

describe('InstagramProvider against the fake Graph API', () => {
  it('connects the Instagram account linked to a shared Page', () => {
    expect(credentials).toMatchObject({ accountId: '17841400000000010', accountName: 'mug.shop' });
  });

  it('publishes a JPEG after checking the quota, and returns the permalink', async () => {
    const result = await provider.publish(credentials, request({ mediaUrls: [`${media.url}/photo.jpg`] }));
    const published = graph.igMedia.at(-1);
    expect(result).toEqual({ externalId: published?.id, url: published?.permalink, responseStatus: 200 });
    expect(published).toMatchObject({ mediaType: 'IMAGE', caption: 'Caption #mugs' });
    const paths = graph.calls.map((call) => `${call.method} ${call.path}`);
    const quotaAt = paths.lastIndexOf('GET /17841400000000010/content_publishing_limit');
    expect(quotaAt).toBeGreaterThanOrEqual(0);
    expect(quotaAt).toBeLessThan(paths.lastIndexOf('POST /17841400000000010/media'));
  });

  it('publishes a reel once the container has finished processing', async () => {
    const result = await provider.publish(credentials, request({ mediaUrls: [`${media.url}/clip.mp4`] }));
    const published = graph.igMedia.find((item) => item.id === result.externalId);
    expect(published).toMatchObject({ productType: 'REELS' });
    expect(result.url).toMatch(/^https:\/\/www\.instagram\.com\/reel\//);
    expect(statusReads(published?.containerId as string)).toBe(3);
  });

  it('publishes a carousel of an image and a video', async () => {
    const result = await provider.publish(
      credentials,
      request({ mediaUrls: [`${media.url}/photo.jpg`, `${media.url}/clip.mp4`] }),
    );
    const published = graph.igMedia.find((item) => item.id === result.externalId);
    expect(published).toMatchObject({
      mediaType: 'CAROUSEL_ALBUM',
      children: [expect.any(String), expect.any(String)],
    });
    expect(published?.children.map((id) => graph.containers.get(id)?.mediaType)).toEqual(['IMAGE', 'VIDEO']);
  });

  it('fails with the reason when Instagram cannot process the media, and refuses a file that is no media', async () => {
    graph.scriptContainers({ outcome: 'ERROR', status: 'ERROR: 2207026', pollsFirst: 1 });
    const before = graph.igMedia.length;
    await expect(
      provider.publish(credentials, request({ mediaUrls: [`${media.url}/clip.mp4`] })),
    ).rejects.toMatchObject({
      errorClass: 'rejected_content',
      message: 'Instagram could not process the media: ERROR: 2207026',
    });
    await expect(
      provider.publish(credentials, request({ mediaUrls: [`${media.url}/broken.mp4`] })),
    ).rejects.toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/is not a supported image .* or video/),
    });
    expect(graph.igMedia.length).toBe(before);
  });

  it('refuses a non-JPEG image before creating a container', async () => {
    const containers = graph.containers.size;
    await expect(
      provider.publish(credentials, request({ mediaUrls: [`${media.url}/photo.png`] })),
    ).rejects.toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/only JPEG images.*image\/png/),
    });
    expect(graph.containers.size).toBe(containers);
  });

  it('reads insights: impressions for feed posts, views for reels', async () => {
    const image = await provider.publish(credentials, request({ mediaUrls: [`${media.url}/photo.jpg`] }));
    graph.setMetrics(image.externalId as string, {
      impressions: 300,
      likes: 20,
      comments: 4,
      shares: 1,
      saved: 6,
    });
    expect(await provider.fetchMetrics(credentials, image.externalId as string)).toEqual({
      impressions: 300,
      views: 0,
      likes: 20,
      comments: 4,
      shares: 1,
      saves: 6,
      clicks: 0,
    });
    const reel = graph.igMedia.find((item) => item.productType === 'REELS') as { id: string };
    graph.setMetrics(reel.id, { views: 900, likes: 50 });
    expect(await provider.fetchMetrics(credentials, reel.id)).toMatchObject({
      views: 900,
      impressions: 0,
      likes: 50,
    });
  });

  it('waits for the quota window when the account has used its posts', async () => {
    graph.fillQuota('17841400000000010', QUOTA);
    const containers = graph.containers.size;
    const error = await provider
      .publish(credentials, request({ mediaUrls: [`${media.url}/photo.jpg`] }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errorClass: 'rate_limited' });
    const hours = ((error as { retryAt: Date }).retryAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(graph.containers.size).toBe(containers);
  });

  it('checks caption rules and that media is required', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    const mentions = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
    expect(provider.check({ text: `${tags} ${mentions}`, mediaUrls: [] })).toEqual([
      expect.stringMatching(/^instagram.hashtags.max/),
      expect.stringMatching(/^instagram.mentions.max/),
      expect.stringMatching(/^instagram.media.required/),
    ]);
    expect(provider.check({ text: 'x'.repeat(2201), mediaUrls: ['https://cdn.example/a.jpg'] })).toEqual([
      expect.stringMatching(/^instagram.text.max/),
    ]);
  });

  it('asks for a reconnect when the token has expired (code 190)', async () => {
    graph.expireTokens();
    await expect(
      provider.publish(credentials, request({ mediaUrls: [`${media.url}/photo.jpg`] })),
    ).rejects.toMatchObject({
      errorClass: 'needs_reconnect',
      message: expect.stringMatching(/reconnect it/),
    });
  });
});
