import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { TargetOptions } from '@app/contracts';
import { FakeTikTokServer } from '../../../../../test/fakes/tiktok/fake-tiktok-server.js';
import { fakeMp4Bytes, renderTestVideo, VideoHost } from '../../../../../test/fakes/tiktok/video-host.js';
import type { PublishCredentials } from '../provider.js';
import { MIB } from './chunk-plan.js';
import { publishErrorOf } from '../../../../../test/support/domain-errors.js';
import { spooledVideoFiles } from '../../../../../test/support/spooled-videos.js';
import { connectTikTokProvider } from '../../../../../test/support/tiktok-connection.js';
import { VideoSpool } from '../video-spool.js';
import { TikTokProvider } from './tiktok.provider.js';

const redirectUri = 'http://localhost:1/callback';
let tiktok: FakeTikTokServer;
let host: VideoHost;
let provider: TikTokProvider;
let credentials: PublishCredentials;
let refreshToken: string;
let smallVideoUrl: string;
let spoolRoot: string;
let videos: VideoSpool;

function providerFor(overrides: { callTimeoutMs?: number; maxVideoBytes?: number } = {}): TikTokProvider {
  return new TikTokProvider({
    app: {
      clientId: 'test-key',
      clientSecret: 'test-secret',
      apiBaseUrl: tiktok.url,
      authUrl: `${tiktok.url}/v2/auth/authorize`,
      tokenUrl: `${tiktok.url}/v2/oauth/token`,
    },
    callTimeoutMs: overrides.callTimeoutMs ?? 10_000,
    allowPrivateUrls: true,
    statusPollIntervalMs: 20,
    chunkBytes: 5 * MIB,
    videos,
    maxVideoBytes: overrides.maxVideoBytes,
  });
}

/** Connects through the provider's own OAuth side: authorize URL, the fake's consent redirect, code exchange. */
const connect = () => connectTikTokProvider(provider);

function request(mediaUrl: string, options: TargetOptions = {}, text = 'Our new mug #coffee') {
  return { postId: 'p1', targetId: 't1', text, title: null, mediaUrls: [mediaUrl], options };
}

const failure = publishErrorOf;

const callsTo = (path: string) => tiktok.calls.filter((call) => call.path === path);

const spooledFiles = () => spooledVideoFiles(spoolRoot);

beforeAll(async () => {
  spoolRoot = await mkdtemp(join(tmpdir(), 'tiktok-spool-'));
  videos = new VideoSpool({ root: spoolRoot, concurrency: 2 });
  tiktok = new FakeTikTokServer({ clientKey: 'test-key', clientSecret: 'test-secret' });
  await tiktok.start();
  host = new VideoHost();
  await host.start();
  provider = providerFor();
  const tokens = await connect();
  refreshToken = tokens.refreshToken as string;
  const account = await provider.oauth.fetchAccount(tokens.accessToken);
  credentials = {
    accessToken: tokens.accessToken,
    accountId: account.id,
    accountName: account.name,
    webhookUrl: null,
    signingSecret: null,
  };
  smallVideoUrl = host.serve('/small.mp4', await renderTestVideo(2));
}, 60_000);

beforeEach(() => {
  tiktok.configure({
    processingSteps: 2,
    finalState: 'PUBLISH_COMPLETE',
    privacyLevelOptions: undefined,
    maxVideoPostDurationSec: 600,
    rateLimits: { init: 1000, creatorInfo: 1000, status: 1000 },
    isPostIdPublic: true,
    verifiedUrlPrefixes: [],
  });
});

afterAll(async () => {
  await tiktok?.stop();
  await host?.stop();
  await rm(spoolRoot, { recursive: true, force: true });
});

describe('TikTokProvider', () => {
  it('connects with client_key, scopes and PKCE, and reads the account', () => {
    expect(credentials).toMatchObject({
      accountId: expect.stringMatching(/^-000/),
      accountName: 'Shopcast Test Shop',
    });
    const url = new URL(provider.oauth.authorizeUrl({ state: 's', codeChallenge: 'c', redirectUri }));
    expect(url.pathname).toBe('/v2/auth/authorize/');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_key: 'test-key',
      scope: 'user.info.basic,video.publish,video.upload,video.list',
      code_challenge_method: 'S256',
    });
  });

  it('uploads an 11 MB video in sequential chunks and returns the public post', async () => {
    const video = fakeMp4Bytes(11 * MIB);
    const result = await provider.publish(credentials, request(host.serve('/big.mp4', video)));
    const post = tiktok.posts.at(-1);
    expect(post?.fileUpload).toEqual({
      source: 'FILE_UPLOAD',
      video_size: 11 * MIB,
      chunk_size: 5 * MIB,
      total_chunk_count: 2,
    });
    expect(post?.chunkRanges).toEqual([
      `bytes 0-${5 * MIB - 1}/${11 * MIB}`,
      `bytes ${5 * MIB}-${11 * MIB - 1}/${11 * MIB}`,
    ]);
    expect(post?.bytes.equals(video)).toBe(true);
    expect(await spooledFiles()).toEqual([]);
    // Public ids are 19 digits, past what a JavaScript number holds: the id must survive exactly.
    expect(result).toEqual({
      externalId: post?.postId,
      url: `https://www.tiktok.com/@shopcast.test/video/${post?.postId}`,
      responseStatus: 200,
    });
    expect(post?.postInfo).toEqual({
      title: 'Our new mug #coffee',
      privacy_level: 'PUBLIC_TO_EVERYONE',
      disable_comment: false,
      disable_duet: false,
      disable_stitch: false,
    });
  });

  it('hands TikTok the URL with PULL_FROM_URL when the user chose it', async () => {
    tiktok.configure({ verifiedUrlPrefixes: [host.url] });
    const result = await provider.publish(
      credentials,
      request(smallVideoUrl, { source: 'PULL_FROM_URL', privacyLevel: 'SELF_ONLY', disableDuet: true }),
    );
    const post = tiktok.posts.at(-1);
    expect(post).toMatchObject({ source: 'PULL_FROM_URL', chunkRanges: [] });
    expect(post?.postInfo).toMatchObject({ privacy_level: 'SELF_ONLY', disable_duet: true });
    expect(post?.bytes.length).toBeGreaterThan(1000);
    expect(result.externalId).toBe(post?.postId);
  });

  it('tells the user to upload the file when the URL domain is not verified', async () => {
    const error = await failure(
      provider.publish(credentials, request(smallVideoUrl, { source: 'PULL_FROM_URL' })),
    );
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/FILE_UPLOAD/),
    });
  });

  it('turns a FAILED status into a rejection the user understands', async () => {
    tiktok.configure({ finalState: 'FAILED', failReason: 'frame_rate_check_failed' });
    const error = await failure(provider.publish(credentials, request(smallVideoUrl)));
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/frame rate/),
    });
    expect(await spooledFiles()).toEqual([]);
  });

  it('refuses a video whose declared size is over the limit before TikTok hears of it', async () => {
    const initsBefore = callsTo('/v2/post/publish/video/init/').length;
    const small = providerFor({ maxVideoBytes: 6 * MIB });
    const error = await failure(
      small.publish(credentials, request(host.serve('/too-big.mp4', fakeMp4Bytes(7 * MIB)))),
    );
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/too large/),
    });
    expect(callsTo('/v2/post/publish/video/init/')).toHaveLength(initsBefore);
    expect(await spooledFiles()).toEqual([]);
  });

  it('refuses a privacy level the account does not offer before uploading anything', async () => {
    tiktok.configure({ privacyLevelOptions: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'] });
    const initsBefore = callsTo('/v2/post/publish/video/init/').length;
    const error = await failure(
      provider.publish(credentials, request(smallVideoUrl, { privacyLevel: 'PUBLIC_TO_EVERYONE' })),
    );
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/FOLLOWER_OF_CREATOR, SELF_ONLY/),
    });
    expect(callsTo('/v2/post/publish/video/init/')).toHaveLength(initsBefore);
    // Without a choice, a private account posts SELF_ONLY.
    await provider.publish(credentials, request(smallVideoUrl));
    expect(tiktok.posts.at(-1)?.postInfo.privacy_level).toBe('SELF_ONLY');
  });

  it('refuses a video longer than the account may post', async () => {
    tiktok.configure({ maxVideoPostDurationSec: 1 });
    const error = await failure(provider.publish(credentials, request(smallVideoUrl)));
    expect(error).toMatchObject({
      errorClass: 'rejected_content',
      message: expect.stringMatching(/lasts 2 s.*at most 1 s/),
    });
  });

  it('reports TikTok’s per-minute limit as rate_limited a minute ahead', async () => {
    tiktok.configure({ rateLimits: { init: 0 } });
    const error = await failure(provider.publish(credentials, request(smallVideoUrl)));
    expect(error).toMatchObject({ errorClass: 'rate_limited', responseStatus: 429 });
    const waitMs = (error.retryAt as Date).getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(50_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    tiktok.failNext('init', 'spam_risk_too_many_posts');
    tiktok.configure({ rateLimits: {} });
    const daily = await failure(provider.publish(credentials, request(smallVideoUrl)));
    expect(daily.errorClass).toBe('rate_limited');
    expect((daily.retryAt as Date).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it('retries TikTok’s internal errors and never re-posts a video still processing at the deadline', async () => {
    tiktok.failNext('creatorInfo', 'internal_error');
    expect(await failure(provider.publish(credentials, request(smallVideoUrl)))).toMatchObject({
      errorClass: 'retryable',
    });
    tiktok.configure({ processingSteps: 10_000 });
    const impatient = providerFor({ callTimeoutMs: 400 });
    const error = await failure(impatient.publish(credentials, request(smallVideoUrl)));
    expect(error).toMatchObject({
      errorClass: 'unknown_outcome',
      message: expect.stringMatching(/may still appear/),
    });
  });

  it('keeps polling through a refused check and reports a lost token after hand-over as unknown_outcome', async () => {
    tiktok.failNext('status', 'rate_limit_exceeded');
    expect((await provider.publish(credentials, request(smallVideoUrl))).externalId).toMatch(/^7\d{18}$/);
    tiktok.failNext('status', 'access_token_invalid');
    const error = await failure(provider.publish(credentials, request(smallVideoUrl)));
    expect(error).toMatchObject({
      errorClass: 'unknown_outcome',
      message: expect.stringMatching(/TikTok has the video/),
    });
  });

  it('checks the caption length in UTF-16 units and requires one video', () => {
    expect(provider.check({ text: '😀'.repeat(1100), mediaUrls: ['https://a/v.mp4'], options: {} })).toEqual(
      [],
    );
    expect(provider.check({ text: '😀'.repeat(1101), mediaUrls: ['https://a/v.mp4'], options: {} })).toEqual([
      expect.stringMatching(/^tiktok\.text\.max/),
    ]);
    expect(provider.check({ text: 'hi', mediaUrls: [], options: {} })).toEqual([
      expect.stringMatching(/tiktok\.video\.required/),
    ]);
    expect(
      provider.check({ text: 'hi', mediaUrls: ['https://a/v.mp4'], options: { privacyLevel: 'FRIENDS' } }),
    ).toEqual([expect.stringMatching(/privacyLevel must be one of/)]);
  });

  it('reads a post’s counters with the video query', async () => {
    const { externalId } = await provider.publish(credentials, request(smallVideoUrl));
    tiktok.metrics.set(externalId as string, {
      like_count: 12,
      comment_count: 3,
      share_count: 2,
      view_count: 480,
    });
    expect(await provider.fetchMetrics(credentials, externalId as string)).toEqual({
      impressions: 0,
      views: 480,
      likes: 12,
      comments: 3,
      shares: 2,
      saves: 0,
      clicks: 0,
    });
  });

  it('rotates the refresh token and asks for a reconnect once access is gone', async () => {
    const renewed = await provider.oauth.refresh(refreshToken);
    expect(renewed.refreshToken).not.toBe(refreshToken);
    expect(tiktok.isRefreshTokenValid(refreshToken)).toBe(false);
    expect(await failure(provider.oauth.refresh(refreshToken))).toMatchObject({
      errorClass: 'needs_reconnect',
    });
    tiktok.expireAccessTokens();
    expect(
      await failure(
        provider.publish({ ...credentials, accessToken: renewed.accessToken }, request(smallVideoUrl)),
      ),
    ).toMatchObject({
      errorClass: 'needs_reconnect',
    });
  });

  it('revokes a token so TikTok refuses it afterwards', async () => {
    const tokens = await connect();
    await provider.oauth.revoke(tokens.accessToken);
    expect(await failure(provider.oauth.fetchAccount(tokens.accessToken))).toMatchObject({
      errorClass: 'needs_reconnect',
    });
  });
});
