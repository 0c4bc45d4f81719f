import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';
import { fakeXEnv } from '../support/x-connection.js';
import { ApiClient, cookiesOf, registerUser, type Session, STRONG_PASSWORD } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { joinWorkspace } from './team.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface Target {
  id: string;
  status: string;
  dueAt: string | null;
  holdReason: string | null;
  externalId: string | null;
  externalUrl: string | null;
  error: { class: string; message: string } | null;
}
interface Post {
  id: string;
  status: string;
  targets: Target[];
  attempts: Array<{
    outcome: string;
    responseStatus: number | null;
    errorClass: string | null;
    startedAt: string;
  }>;
}

// Publishing end to end: standalone Shopcast, X through a local fake that enforces X's contract.
let system: RunningSystem;
let api: ApiClient;
let dataDir: string;
let x: FakeXServer;
let receiver: WebhookReceiver;
let images: Server;
let imageUrl: string;
let alice: Session;
let xConnectionId: string;
let env: Record<string, string>;

async function getPost(id: string, token = alice.token): Promise<Post> {
  const response = await api.get<Post>(`/api/v1/posts/${id}`, token);
  expect(response.status).toBe(200);
  return response.body;
}

async function waitForTarget(
  id: string,
  isDone: (target: Target) => boolean,
  timeoutMs = 30_000,
): Promise<Post> {
  return pollUntil(
    () => getPost(id),
    (post) => isDone(post.targets[0]),
    `post ${id}'s target settled`,
    timeoutMs,
  );
}

async function createPost(body: Record<string, unknown>, token = alice.token) {
  return api.post<Post>('/api/v1/posts', body, token);
}

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

const register = (label: string): Promise<Session> => registerUser(api, label);

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'shopcast-e2e', clientSecret: 'e2e-secret' });
  const xUrl = await x.start();
  receiver = new WebhookReceiver();
  await receiver.start();
  const png = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .png()
    .toBuffer();
  images = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'image/png' }).end(png),
  );
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/mug.png`;
  dataDir = await tempDataDir();
  env = { ...fakeXEnv(xUrl, 'shopcast-e2e', 'e2e-secret'), SHOPCAST_ALLOW_PRIVATE_URLS: 'true' };
  system = await startStandalone(dataDir, env);
  api = new ApiClient(system.baseUrl);
  alice = await register('Alice');
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await x?.stop();
  await receiver?.stop();
  await new Promise((resolve) => images?.close(resolve));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

describe('publishing', () => {
  it('lists the platforms, configured or not', async () => {
    const response = await api.get<Array<{ platform: string; isConfigured: boolean; connectWith: string }>>(
      '/api/v1/platforms',
      alice.token,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ platform: 'x', isConfigured: true, connectWith: 'oauth' }),
        expect.objectContaining({ platform: 'webhook', isConfigured: true, connectWith: 'direct' }),
      ]),
    );
  });

  it('connects X through OAuth with PKCE; the state works once and no token is ever returned', async () => {
    const authorize = await api.post<{ url: string }>('/api/v1/connections/x/authorize', {}, alice.token);
    expect(authorize.status).toBe(200);
    const consent = await fetch(authorize.body.url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callbackUrl = consent.headers.get('location') as string;
    expect(callbackUrl.startsWith(`http://localhost:`)).toBe(true);
    const callbackPath = callbackUrl.replace(/^http:\/\/localhost:\d+/, '');
    const browser = { headers: { cookie: cookiesOf(authorize) } };
    const callback = await api.request<{ id: string; accountName: string; status: string }>(
      'GET',
      callbackPath,
      browser,
    );
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ platform: 'x', accountName: 'shopcast_test', status: 'active' });
    expect(JSON.stringify(callback.body)).not.toMatch(/access_?token|refresh_?token/i);
    xConnectionId = callback.body.id;

    expect((await api.request('GET', callbackPath, browser)).status).toBe(400);
    const forged = callbackPath.replace(/state=[^&]+/, 'state=forged.signature');
    expect((await api.request('GET', forged, browser)).status).toBe(400);

    const limits = await api.patch(
      `/api/v1/connections/${xConnectionId}`,
      { limits: { minGapSec: 0 } },
      alice.token,
    );
    expect(limits.status).toBe(200);
    const list = await api.get<Array<{ id: string }>>('/api/v1/connections', alice.token);
    expect(list.body.map((connection) => connection.id)).toContain(xConnectionId);
  });

  it('publishes a scheduled post with an image: a valid upload, a valid tweet, then published with id and URL', async () => {
    const created = await createPost({
      targets: [
        { connectionId: xConnectionId, text: 'New hand-thrown mugs are in #pottery', mediaUrls: [imageUrl] },
      ],
      scheduledAt: soon(3000),
    });
    expect(created.status).toBe(201);
    expect(created.body.targets[0].status).toBe('scheduled');
    const post = await waitForTarget(created.body.id, (target) => target.status === 'published');
    const tweet = x.tweets.find((candidate) => candidate.text.startsWith('New hand-thrown mugs'));
    expect(tweet).toBeDefined();
    expect(x.uploads).toEqual([
      expect.objectContaining({ id: tweet?.mediaIds[0], mimeType: 'image/png', category: 'tweet_image' }),
    ]);
    expect(post.targets[0]).toMatchObject({
      externalId: tweet?.id,
      externalUrl: `https://x.com/shopcast_test/status/${tweet?.id}`,
    });
    expect(post.attempts).toEqual([expect.objectContaining({ outcome: 'published', responseStatus: 201 })]);
    expect(x.rejected).toEqual([]);
  }, 60_000);

  it('waits for the rate-limit reset after a 429, then publishes', async () => {
    x.failNextTweets({ kind: 'rate_limit', resetInSec: 2 });
    const before = x.tweetAttempts.length;
    const created = await createPost({
      targets: [{ connectionId: xConnectionId, text: 'Restocked: linen aprons' }],
      scheduledAt: soon(0),
    });
    const post = await waitForTarget(created.body.id, (target) => target.status === 'published');
    expect(
      post.attempts.map((attempt) => [attempt.outcome, attempt.errorClass, attempt.responseStatus]),
    ).toEqual([
      ['failed', 'rate_limited', 429],
      ['published', null, 201],
    ]);
    const [limited, retried] = x.tweetAttempts.slice(before);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1900);
  }, 60_000);

  it('fails a duplicate with a reason a user understands, and rejects text over 280 before scheduling', async () => {
    const created = await createPost({
      targets: [{ connectionId: xConnectionId, text: 'Restocked: linen aprons' }],
      scheduledAt: soon(0),
    });
    const post = await waitForTarget(created.body.id, (target) => target.status === 'failed');
    expect(post.targets[0].error).toEqual({
      class: 'rejected_content',
      message: 'X rejected the post as a duplicate of a recent post',
    });

    const tooLong = await createPost({
      targets: [{ connectionId: xConnectionId, text: 'a'.repeat(281) }],
      scheduledAt: soon(0),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ message: expect.stringMatching(/^x\.text\.max/) });
  }, 60_000);

  it('holds a post for review: schedule is refused, viewers cannot approve, an approval schedules it', async () => {
    const created = await createPost({
      targets: [{ connectionId: xConnectionId, text: 'Reviewed before it goes out' }],
      scheduledAt: soon(0),
      requireReview: true,
    });
    expect(created.body.targets[0].status).toBe('needs_review');
    expect((await api.post(`/api/v1/posts/${created.body.id}/schedule`, {}, alice.token)).status).toBe(409);

    const viewer = await joinWorkspace(api, system.outboxDir, alice, await register('Viewer'), 'viewer');
    expect((await api.post(`/api/v1/posts/${created.body.id}/approve`, {}, viewer.token)).status).toBe(403);

    const approved = await api.post<Post>(
      `/api/v1/posts/${created.body.id}/approve`,
      { note: 'Looks good' },
      alice.token,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.targets[0].status).toBe('scheduled');
    await waitForTarget(created.body.id, (target) => target.status === 'published');
  }, 60_000);

  it('reschedules a post that would break the minimum gap, with the reason recorded', async () => {
    await api.patch(`/api/v1/connections/${xConnectionId}`, { limits: { minGapSec: 3600 } }, alice.token);
    const created = await createPost({
      targets: [{ connectionId: xConnectionId, text: 'Too soon after the last one' }],
      scheduledAt: soon(0),
    });
    const post = await waitForTarget(created.body.id, (target) => target.holdReason !== null);
    expect(post.targets[0]).toMatchObject({
      status: 'scheduled',
      holdReason: expect.stringMatching(/at least 3600 s between posts/),
    });
    expect(new Date(post.targets[0].dueAt as string).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(x.tweets.some((tweet) => tweet.text === 'Too soon after the last one')).toBe(false);
    expect((await api.post(`/api/v1/posts/${created.body.id}/cancel`, {}, alice.token)).status).toBe(200);
  }, 60_000);

  it('posts to a webhook signed per Standard Webhooks, and records a manual post by its URL', async () => {
    const hook = await api.post<{ id: string; signingSecret: string }>(
      '/api/v1/connections',
      { platform: 'webhook', name: 'Zapier', config: { url: receiver.url } },
      alice.token,
    );
    expect(hook.status).toBe(201);
    expect(hook.body.signingSecret).toMatch(/^whsec_/);
    receiver.useSecret(hook.body.signingSecret);
    const listed = await api.get<Array<Record<string, unknown>>>('/api/v1/connections', alice.token);
    expect(JSON.stringify(listed.body)).not.toContain(hook.body.signingSecret);
    const created = await createPost({
      targets: [{ connectionId: hook.body.id, text: 'To every channel', mediaUrls: [imageUrl] }],
      scheduledAt: soon(0),
    });
    const post = await waitForTarget(created.body.id, (target) => target.status === 'published');
    expect(receiver.accepted).toEqual([
      expect.objectContaining({
        id: post.targets[0].id,
        payload: expect.objectContaining({ type: 'post.publish' }),
      }),
    ]);
    expect(post.targets[0].externalUrl).toBe(`https://hooks.example.com/runs/${post.targets[0].id}`);

    const manual = await api.post<{ id: string }>(
      '/api/v1/connections',
      { platform: 'manual', name: 'Meesho by hand' },
      alice.token,
    );
    const bundle = await createPost({
      targets: [{ connectionId: manual.body.id, text: 'Post me by hand', mediaUrls: [imageUrl] }],
      scheduledAt: soon(0),
    });
    const marked = await api.post<Post>(
      `/api/v1/posts/${bundle.body.id}/mark-published`,
      { url: 'https://www.meesho.com/p/123' },
      alice.token,
    );
    expect(marked.status).toBe(200);
    expect(marked.body.targets[0]).toMatchObject({
      status: 'published',
      externalUrl: 'https://www.meesho.com/p/123',
    });
  }, 60_000);

  it("answers 404 for another workspace's connection or post, and 400 for bad input", async () => {
    const mallory = await register('Mallory');
    const posts = await api.get<Post[]>('/api/v1/posts', alice.token);
    const alicePost = posts.body[0].id;
    expect((await api.get(`/api/v1/posts/${alicePost}`, mallory.token)).status).toBe(404);
    expect((await api.post(`/api/v1/posts/${alicePost}/cancel`, {}, mallory.token)).status).toBe(404);
    expect(
      (await api.patch(`/api/v1/connections/${xConnectionId}`, { name: 'mine' }, mallory.token)).status,
    ).toBe(404);
    expect((await api.delete(`/api/v1/connections/${xConnectionId}`, mallory.token)).status).toBe(404);
    expect(
      (await createPost({ targets: [{ connectionId: xConnectionId, text: 'hijack' }] }, mallory.token))
        .status,
    ).toBe(404);
    expect((await api.get<Post[]>('/api/v1/posts', mallory.token)).body).toEqual([]);

    expect((await createPost({ targets: [] })).status).toBe(400);
    expect((await createPost({ targets: [{ connectionId: 'nope', text: 'x' }] })).status).toBe(400);
    expect(
      (
        await api.post(
          '/api/v1/connections',
          { platform: 'webhook', name: 'bad', config: { url: 'ftp://x' } },
          alice.token,
        )
      ).status,
    ).toBe(400);
    expect(
      (await api.patch(`/api/v1/connections/${xConnectionId}`, { timezone: 'Mars/Olympus' }, alice.token))
        .status,
    ).toBe(400);
    expect((await api.post('/api/v1/connections/tiktok/authorize', {}, alice.token)).status).toBe(400);
  }, 60_000);

  // Last: it kills the system. X posts the tweet but Shopcast dies before it hears back.
  it('kill -9 mid-call leaves the target unconfirmed after restart, and X saw exactly one post', async () => {
    await api.patch(`/api/v1/connections/${xConnectionId}`, { limits: { minGapSec: 0 } }, alice.token);
    x.failNextTweets({ kind: 'post_then_hang' });
    const text = 'Posted just before the power cut';
    const created = await createPost({
      targets: [{ connectionId: xConnectionId, text }],
      scheduledAt: soon(0),
    });
    await pollUntil(
      async () => x.tweets,
      (tweets) => tweets.some((tweet) => tweet.text === text),
      'the tweet at the fake X',
      20_000,
    );
    await system.kill();

    system = await startStandalone(dataDir, env);
    api = new ApiClient(system.baseUrl);
    const login = await api.post<{ accessToken: string }>('/api/v1/auth/login', {
      email: alice.email,
      password: STRONG_PASSWORD,
    });
    alice = { ...alice, token: login.body.accessToken };
    const post = await waitForTarget(created.body.id, (target) => target.status === 'unconfirmed');
    expect(post.targets[0].error).toEqual({
      class: 'unknown_outcome',
      message: expect.stringMatching(/Check the account before retrying/),
    });
    expect(post.attempts.map((attempt) => attempt.outcome)).toEqual(['unconfirmed']);
    expect(x.tweets.filter((tweet) => tweet.text === text)).toHaveLength(1);
  }, 180_000);
});
