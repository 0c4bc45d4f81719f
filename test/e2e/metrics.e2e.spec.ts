import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { fakeXEnv } from '../support/x-connection.js';
import { ApiClient, cookiesOf, registerUser } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from './system.js';

interface TargetMetrics {
  impressions: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  collectedAt: string;
}
interface Post {
  id: string;
  targets: Array<{ id: string; status: string; externalId: string | null; metrics: TargetMetrics | null }>;
}
interface PostAnalytics {
  postId: string;
  metrics: { impressions: number; likes: number; shares: number; saves: number; platformClicks: number };
}

// Metrics end to end: standalone Shopcast publishes to a fake X, reads the post's counters back and the
// analytics dashboard shows them.
let system: RunningSystem;
let api: ApiClient;
let dataDir: string;
let x: FakeXServer;
let token: string;

async function connectX(): Promise<string> {
  const authorize = await api.post<{ url: string }>('/api/v1/connections/x/authorize', {}, token);
  const consent = await fetch(authorize.body.url, { redirect: 'manual' });
  const callbackPath = (consent.headers.get('location') as string).replace(/^http:\/\/localhost:\d+/, '');
  const callback = await api.request<{ id: string }>('GET', callbackPath, {
    headers: { cookie: cookiesOf(authorize) },
  });
  expect(callback.status).toBe(200);
  const limits = await api.patch(
    `/api/v1/connections/${callback.body.id}`,
    { limits: { minGapSec: 0 } },
    token,
  );
  expect(limits.status).toBe(200);
  return callback.body.id;
}

const register = async (label: string): Promise<string> => (await registerUser(api, label)).token;

beforeAll(async () => {
  x = new FakeXServer({ clientId: 'shopcast-e2e', clientSecret: 'e2e-secret' });
  const xUrl = await x.start();
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir, {
    ...fakeXEnv(xUrl, 'shopcast-e2e', 'e2e-secret'),
    METRICS_POLL_OFFSETS: '2s,1h',
  });
  api = new ApiClient(system.baseUrl);
  token = await register('Metrics');
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await x?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

describe('post metrics', () => {
  it('reads the published post back from X; the post and the dashboard show its impressions', async () => {
    const connectionId = await connectX();
    const created = await api.post<Post>(
      '/api/v1/posts',
      {
        targets: [{ connectionId, text: 'Counting the reach of our walnut boards' }],
        scheduledAt: new Date().toISOString(),
      },
      token,
    );
    expect(created.status).toBe(201);
    const postId = created.body.id;
    const post = await pollUntil(
      async () => (await api.get<Post>(`/api/v1/posts/${postId}`, token)).body,
      (view) => view.targets[0].status === 'published',
      'the post published',
    );
    const tweetId = post.targets[0].externalId as string;
    x.setMetrics(tweetId, {
      impressions: 4321,
      likes: 21,
      reposts: 4,
      quotes: 1,
      bookmarks: 6,
      urlLinkClicks: 17,
    });

    // The 2 s reading may have run before the counters were set; a refresh reads them now.
    const refresh = await api.post<{ queuedTargetIds: string[] }>(
      `/api/v1/posts/${postId}/metrics/refresh`,
      {},
      token,
    );
    expect(refresh.status).toBe(202);
    expect(refresh.body.queuedTargetIds).toEqual([post.targets[0].id]);

    const analytics = await pollUntil(
      async () => (await api.get<PostAnalytics>(`/api/v1/analytics/posts/${postId}`, token)).body,
      (view) => view.metrics?.impressions === 4321,
      'the refreshed metrics in analytics',
    );
    expect(analytics.metrics).toMatchObject({
      impressions: 4321,
      likes: 21,
      shares: 5,
      saves: 6,
      platformClicks: 17,
    });
    const shown = (await api.get<Post>(`/api/v1/posts/${postId}`, token)).body;
    expect(shown.targets[0].metrics).toMatchObject({ impressions: 4321, views: 4321, clicks: 17 });
    expect(x.rejected).toEqual([]);

    const stranger = await register('Stranger');
    const foreign = await api.post(`/api/v1/posts/${postId}/metrics/refresh`, {}, stranger);
    expect(foreign.status).toBe(404);
    const invalid = await api.post('/api/v1/posts/not-a-uuid/metrics/refresh', {}, token);
    expect(invalid.status).toBe(400);
  }, 120_000);
});
