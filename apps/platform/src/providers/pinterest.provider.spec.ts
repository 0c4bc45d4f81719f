import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakePinterestServer } from '../../../../test/fakes/pinterest/fake-pinterest-server.js';
import { MediaHost } from '../../../../test/fakes/pinterest/media-host.js';
import { spooledVideoFiles } from '../../../../test/support/spooled-videos.js';
import { PinterestProvider } from './pinterest.provider.js';
import { type PublishCredentials, PublishError, type PublishRequest } from './provider.js';
import { VideoSpool } from './video-spool.js';

let pinterest: FakePinterestServer;
let media: MediaHost;
let provider: PinterestProvider;
let credentials: PublishCredentials;
let spoolRoot: string;
const BOARD = '549755885175';
const redirectUri = 'http://localhost:1/api/v1/connections/pinterest/callback';

function providerFor(url: string, callTimeoutMs = 5_000): PinterestProvider {
  return new PinterestProvider({
    app: {
      clientId: 'shopcast-pinterest',
      clientSecret: 'pinterest-secret',
      apiBaseUrl: url,
      authUrl: `${url}/oauth/`,
      tokenUrl: `${url}/v5/oauth/token`,
    },
    callTimeoutMs,
    allowPrivateUrls: true,
    mediaPollIntervalMs: 20,
    videos: new VideoSpool({ root: spoolRoot, concurrency: 2 }),
  });
}

function request(overrides: Partial<PublishRequest>): PublishRequest {
  return {
    postId: 'post-1',
    targetId: 'target-1',
    text: 'Linen apron, hand-dyed. https://shop.example/p/apron.',
    title: 'Linen apron',
    mediaUrls: [`${media.url}/a.png`],
    options: { boardId: BOARD },
    ...overrides,
  };
}

async function publishError(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeAll(async () => {
  spoolRoot = await mkdtemp(join(tmpdir(), 'pinterest-spool-'));
  pinterest = new FakePinterestServer({
    clientId: 'shopcast-pinterest',
    clientSecret: 'pinterest-secret',
    mediaProcessingPolls: 2,
  });
  media = new MediaHost();
  await Promise.all([pinterest.start(), media.start()]);
  provider = providerFor(pinterest.url);
  const consent = await fetch(provider.authorizeUrl({ state: 's1', codeChallenge: 'unused', redirectUri }), {
    redirect: 'manual',
  });
  const back = new URL(consent.headers.get('location') as string);
  expect(back.searchParams.get('state')).toBe('s1');
  const tokens = await provider.exchangeCode({
    code: back.searchParams.get('code') as string,
    codeVerifier: 'unused',
    redirectUri,
  });
  const account = await provider.fetchAccount(tokens.accessToken);
  credentials = {
    accessToken: tokens.accessToken,
    accountId: account.id,
    accountName: account.name,
    webhookUrl: null,
    signingSecret: null,
  };
});

beforeEach(() => {
  pinterest.rejected.length = 0;
});

afterAll(async () => {
  await pinterest.stop();
  await media.stop();
  await rm(spoolRoot, { recursive: true, force: true });
});

describe('PinterestProvider', () => {
  it('connects with Basic client auth, continuous refresh tokens and the account from /v5/user_account', async () => {
    expect(credentials).toMatchObject({ accountId: '2783136121146311751', accountName: 'shopcast_test' });
    const tokenCall = pinterest.received.find((r) => r.path === '/v5/oauth/token');
    expect(tokenCall?.body).toEqual({
      grant_type: 'authorization_code',
      code: '<set>',
      redirect_uri: '<set>',
      continuous_refresh: '<set>',
    });
    expect(pinterest.oauth.tokenCalls.every((call) => call.clientAuthenticated)).toBe(true);
    const refreshToken = [...pinterest.oauth.refreshTokens.keys()][0];
    const renewed = await provider.refresh(refreshToken);
    expect(renewed.refreshToken).toMatch(/^pinr_/);
    expect(renewed.refreshToken).not.toBe(refreshToken);
    expect(renewed.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await publishError(provider.refresh(refreshToken))).errorClass).toBe('needs_reconnect');
  });

  it('publishes an image pin with title, description and the first link of the text', async () => {
    const result = await provider.publish(credentials, request({}));
    const pin = pinterest.pins.at(-1);
    expect(result).toEqual({
      externalId: pin?.id,
      url: `https://www.pinterest.com/pin/${pin?.id}/`,
      responseStatus: 201,
    });
    expect(pin).toMatchObject({
      boardId: BOARD,
      title: 'Linen apron',
      description: 'Linen apron, hand-dyed. https://shop.example/p/apron.',
      link: 'https://shop.example/p/apron',
      mediaSource: { source_type: 'image_url', url: `${media.url}/a.png` },
    });
    expect(pinterest.rejected).toEqual([]);
  });

  it('publishes 2–5 images as one multi-image pin', async () => {
    const urls = [`${media.url}/a.png`, `${media.url}/b.jpg`, `${media.url}/c.png`];
    await provider.publish(
      credentials,
      request({ mediaUrls: urls, options: { boardId: BOARD, link: 'https://shop.example/set' } }),
    );
    expect(pinterest.pins.at(-1)).toMatchObject({
      link: 'https://shop.example/set',
      mediaSource: { source_type: 'multiple_image_urls', items: urls.map((url) => ({ url })) },
    });
    expect(pinterest.rejected).toEqual([]);
  });

  it('publishes a video through media registration, the S3 upload and processing', async () => {
    const result = await provider.publish(credentials, request({ mediaUrls: [`${media.url}/clip.mp4`] }));
    const uploaded = pinterest.media.at(-1);
    expect(uploaded).toMatchObject({ status: 'succeeded', uploadedBytes: 268 });
    expect(pinterest.pins.at(-1)).toMatchObject({
      id: result.externalId,
      mediaSource: { source_type: 'video_id', media_id: uploaded?.id, cover_image_key_frame_time: 1 },
    });
    const polls = pinterest.received.filter((r) => r.path === `/v5/media/${uploaded?.id}`);
    expect(polls.length).toBe(3);
    expect(pinterest.rejected).toEqual([]);
    expect(await spooledVideoFiles(spoolRoot)).toEqual([]);
  });

  it('reports a video Pinterest could not process as rejected content', async () => {
    const failing = new FakePinterestServer({
      clientId: 'shopcast-pinterest',
      clientSecret: 'pinterest-secret',
      mediaOutcome: 'failed',
    });
    await failing.start();
    try {
      const other = providerFor(failing.url);
      const consent = await fetch(other.authorizeUrl({ state: 's', codeChallenge: 'c', redirectUri }), {
        redirect: 'manual',
      });
      const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
      const tokens = await other.exchangeCode({ code, codeVerifier: 'v', redirectUri });
      const error = await publishError(
        other.publish(
          { ...credentials, accessToken: tokens.accessToken },
          request({ mediaUrls: [`${media.url}/clip.mp4`] }),
        ),
      );
      expect(error.errorClass).toBe('rejected_content');
      expect(error.message).toMatch(/could not process the video/);
      expect(failing.pins).toHaveLength(0);
      expect(await spooledVideoFiles(spoolRoot)).toEqual([]);
    } finally {
      await failing.stop();
    }
  });

  it('maps 401 to needs_reconnect', async () => {
    const error = await publishError(
      provider.publish({ ...credentials, accessToken: 'revoked' }, request({})),
    );
    expect(error).toMatchObject({ errorClass: 'needs_reconnect', responseStatus: 401 });
  });

  it('maps 429 to rate_limited with the retry time Pinterest gave, or a backoff', async () => {
    pinterest.failNext('POST /v5/pins', { kind: 'rate_limit', retryAfterSec: 120 }, { kind: 'rate_limit' });
    const before = Date.now();
    const told = await publishError(provider.publish(credentials, request({})));
    expect(told.errorClass).toBe('rate_limited');
    expect(told.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    expect(told.retryAt?.getTime()).toBeLessThan(Date.now() + 121_000);
    const untold = await publishError(provider.publish(credentials, request({})));
    expect(untold.errorClass).toBe('rate_limited');
    expect(untold.retryAt?.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it('maps 5xx to retryable', async () => {
    pinterest.failNext('POST /v5/pins', { kind: 'server_error', status: 503 });
    expect((await publishError(provider.publish(credentials, request({})))).errorClass).toBe('retryable');
  });

  it('rejects a board of another account with Pinterest’s message and what to do', async () => {
    const error = await publishError(
      provider.publish(credentials, request({ options: { boardId: '549755885999' } })),
    );
    expect(error.errorClass).toBe('rejected_content');
    expect(error.responseStatus).toBe(404);
    expect(error.message).toMatch(/Board not found\./);
    expect(error.message).toMatch(/Pick the board again/);
  });

  it('treats a lost answer to the create-pin call as unknown_outcome', async () => {
    const impatient = providerFor(pinterest.url, 400);
    pinterest.failNext('POST /v5/pins', { kind: 'act_then_hang' });
    const pinsBefore = pinterest.pins.length;
    const error = await publishError(impatient.publish(credentials, request({})));
    expect(error.errorClass).toBe('unknown_outcome');
    expect(pinterest.pins).toHaveLength(pinsBefore + 1);
  });

  it('reads impressions, saves, outbound clicks, reactions and comments', async () => {
    const pin = pinterest.pins[0];
    pinterest.pinMetrics.set(pin.id, {
      IMPRESSION: 1200,
      SAVE: 31,
      PIN_CLICK: 80,
      OUTBOUND_CLICK: 17,
      TOTAL_REACTIONS: 9,
      TOTAL_COMMENTS: 4,
    });
    expect(await provider.fetchMetrics(credentials, pin.id)).toEqual({
      impressions: 1200,
      views: 0,
      likes: 9,
      comments: 4,
      shares: 0,
      saves: 31,
      clicks: 17,
    });
    expect(pinterest.rejected).toEqual([]);
  });

  it('lists the account’s boards', async () => {
    expect(await provider.listBoards(credentials)).toEqual([
      { id: '549755885175', name: 'Summer shop', privacy: 'PUBLIC' },
      { id: '549755885176', name: 'Drafts', privacy: 'SECRET' },
    ]);
  });

  it('checks board, media and Pinterest’s limits before anything is sent', async () => {
    const base: Parameters<PinterestProvider['check']>[0] = {
      text: 'Hello',
      title: null,
      mediaUrls: ['https://cdn.example/a.png'],
      options: { boardId: BOARD },
    };
    expect(provider.check(base)).toEqual([]);
    const rules = (target: Partial<typeof base>) =>
      provider.check({ ...base, ...target }).map((problem) => problem.split(':')[0]);
    expect(rules({ options: {} })).toEqual(['pinterest.board.required']);
    expect(provider.check({ ...base, options: {} })[0]).toMatch(/^pinterest\.board\.required: /);
    expect(rules({ options: { boardId: 'summer' } })).toEqual(['pinterest.board.invalid']);
    expect(rules({ mediaUrls: [] })).toEqual(['pinterest.media.required']);
    expect(rules({ mediaUrls: Array(6).fill('https://cdn.example/a.png') })).toEqual(['pinterest.media.max']);
    expect(rules({ title: 't'.repeat(101) })).toEqual(['pinterest.title.max']);
    expect(rules({ text: 'd'.repeat(801) })).toEqual(['pinterest.text.max']);
    expect(rules({ options: { boardId: BOARD, link: `https://shop.example/${'l'.repeat(2048)}` } })).toEqual([
      'pinterest.link.max',
    ]);
    expect(rules({ options: { boardId: BOARD, link: 'javascript:alert(1)' } })).toEqual([
      'pinterest.link.invalid',
    ]);
  });
});
