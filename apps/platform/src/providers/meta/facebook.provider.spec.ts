import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMeta } from '../../../../../test/fakes/meta/connect-meta.js';
import { FakeGraphServer } from '../../../../../test/fakes/meta/fake-graph-server.js';
import { MediaServer } from '../../../../../test/fakes/meta/media-server.js';
import type { PublishCredentials, PublishRequest } from '../provider.js';
import { FacebookProvider } from './facebook.provider.js';

let graph: FakeGraphServer;
let media: MediaServer;
let provider: FacebookProvider;
let credentials: PublishCredentials;

const request = (fields: Partial<PublishRequest>): PublishRequest => ({
  postId: 'p1',
  targetId: 't1',
  text: '',
  title: null,
  mediaUrls: [],
  options: {},
  ...fields,
});

beforeAll(async () => {
  media = new MediaServer();
  await media.start();
  graph = new FakeGraphServer({ clientId: 'fb-app', clientSecret: 'fb-secret' });
  const url = await graph.start();
  provider = new FacebookProvider({
    app: {
      clientId: 'fb-app',
      clientSecret: 'fb-secret',
      apiBaseUrl: url,
      authUrl: `${url}/v21.0/dialog/oauth`,
      tokenUrl: `${url}/v21.0/oauth/access_token`,
    },
    callTimeoutMs: 2000,
    allowPrivateUrls: true,
  });
  ({ credentials } = await connectMeta(provider));
});

afterAll(async () => {
  await graph.stop();
  await media.stop();
});

describe('FacebookProvider against the fake Graph API', () => {
  it('connects the first Page with the requested permissions and a long-lived token', async () => {
    expect(credentials.accountId).toBe(graph.pages[0].id);
    expect(credentials.accountName).toBe('Shopcast Test Shop');
    const dialog = graph.calls.find((call) => call.path === '/dialog/oauth');
    expect(dialog?.params.scope.split(',')).toEqual(
      expect.arrayContaining(['pages_manage_posts', 'pages_read_engagement', 'pages_show_list']),
    );
    expect(graph.calls.some((call) => call.params.grant_type === 'fb_exchange_token')).toBe(true);
  });

  it('posts text with a link to the feed with a Page token', async () => {
    const result = await provider.publish(
      credentials,
      request({ text: 'New mugs are in', options: { link: 'https://shop.example/mugs' } }),
    );
    expect(result.url).toBe(`https://www.facebook.com/${result.externalId}`);
    expect(graph.posts.at(-1)).toMatchObject({
      id: result.externalId,
      kind: 'status',
      message: 'New mugs are in',
      link: 'https://shop.example/mugs',
    });
  });

  it('posts one photo, and several photos as one post', async () => {
    const one = await provider.publish(
      credentials,
      request({ text: 'One', mediaUrls: [`${media.url}/photo.jpg`] }),
    );
    expect(graph.posts.find((post) => post.id === one.externalId)).toMatchObject({
      kind: 'photo',
      message: 'One',
    });
    const many = await provider.publish(
      credentials,
      request({
        text: 'Three',
        mediaUrls: [`${media.url}/photo.jpg`, `${media.url}/photo.png`, `${media.url}/photo.jpg`],
      }),
    );
    expect(graph.posts.find((post) => post.id === many.externalId)).toMatchObject({
      kind: 'status',
      message: 'Three',
      photoIds: [expect.any(String), expect.any(String), expect.any(String)],
    });
  });

  it('posts a video by URL to the video host', async () => {
    const result = await provider.publish(
      credentials,
      request({ text: 'Watch', mediaUrls: [`${media.url}/clip.mp4`] }),
    );
    expect(graph.posts.at(-1)).toMatchObject({
      id: result.externalId,
      kind: 'video',
      fileUrl: `${media.url}/clip.mp4`,
    });
  });

  it('reads reactions, comments and shares of a post', async () => {
    const result = await provider.publish(credentials, request({ text: 'Count me' }));
    graph.setMetrics(result.externalId as string, { likes: 12, comments: 3, shares: 2 });
    expect(await provider.fetchMetrics(credentials, result.externalId as string)).toEqual({
      impressions: 0,
      views: 0,
      likes: 12,
      comments: 3,
      shares: 2,
      saves: 0,
      clicks: 0,
    });
  });

  it('classifies a duplicate, a rate limit with its reset, and a lost answer', async () => {
    await provider.publish(credentials, request({ text: 'Same again' }));
    await expect(provider.publish(credentials, request({ text: 'Same again' }))).rejects.toMatchObject({
      errorClass: 'rejected_content',
      message: 'Facebook rejected the post as a duplicate',
    });
    graph.failNext('POST /feed', {
      kind: 'error',
      status: 400,
      code: 32,
      message: '(#32) Page request limit reached',
      regainMinutes: 10,
    });
    const limited = await provider
      .publish(credentials, request({ text: 'Later' }))
      .catch((error: unknown) => error);
    expect(limited).toMatchObject({ errorClass: 'rate_limited' });
    const retryAt = (limited as { retryAt: Date }).retryAt.getTime();
    expect(retryAt).toBeGreaterThan(Date.now() + 9 * 60_000);
    graph.failNext('POST /feed', { kind: 'succeed_then_hang' });
    const postsBefore = graph.posts.length;
    await expect(provider.publish(credentials, request({ text: 'Into the void' }))).rejects.toMatchObject({
      errorClass: 'unknown_outcome',
    });
    expect(graph.posts.length).toBe(postsBefore + 1);
  });

  it('checks text, media count and the link option without calling Facebook', () => {
    expect(provider.check({ text: '', mediaUrls: [], options: {} })).toEqual([
      expect.stringMatching(/^facebook.text.required/),
    ]);
    expect(provider.check({ text: 'ok', mediaUrls: [], options: { link: 'ftp://x' } })).toEqual([
      expect.stringMatching(/^facebook.link.invalid/),
    ]);
  });

  it('revokes its permissions, after which the Page asks for a reconnect', async () => {
    const other = new FakeGraphServer({ clientId: 'fb-app', clientSecret: 'fb-secret' });
    const url = await other.start();
    try {
      const app = { clientId: 'fb-app', clientSecret: 'fb-secret', apiBaseUrl: url };
      const scoped = new FacebookProvider({
        app: { ...app, authUrl: `${url}/v21.0/dialog/oauth`, tokenUrl: `${url}/v21.0/oauth/access_token` },
        callTimeoutMs: 2000,
        allowPrivateUrls: true,
      });
      const connected = await connectMeta(scoped);
      await scoped.revoke(connected.refreshToken as string);
      expect(other.calls.some((call) => call.method === 'DELETE' && call.path === '/me/permissions')).toBe(
        true,
      );
      await expect(scoped.publish(connected.credentials, request({ text: 'Gone' }))).rejects.toMatchObject({
        errorClass: 'needs_reconnect',
      });
    } finally {
      await other.stop();
    }
  });

  it('renews the long-lived token, and asks for a reconnect once tokens expire', async () => {
    const renewed = await provider.refresh(credentials.accessToken as string);
    expect(renewed.accessToken).not.toBe(credentials.accessToken);
    graph.expireTokens();
    await expect(provider.publish(credentials, request({ text: 'Too late' }))).rejects.toMatchObject({
      errorClass: 'needs_reconnect',
    });
    await expect(provider.refresh(credentials.accessToken as string)).rejects.toMatchObject({
      errorClass: 'needs_reconnect',
    });
  });
});
