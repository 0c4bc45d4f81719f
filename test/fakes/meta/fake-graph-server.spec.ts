import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeGraphServer } from './fake-graph-server.js';
import { MediaServer } from './media-server.js';

// The fake must refuse what the Graph API refuses, or tests against it prove nothing.
let graph: FakeGraphServer;
let media: MediaServer;
let userToken: string;
const redirectUri = 'http://localhost:1/callback';
const SCOPES =
  'pages_manage_posts,pages_read_engagement,pages_show_list,instagram_basic,instagram_content_publish';

async function code(): Promise<string> {
  const query = new URLSearchParams({
    client_id: 'app',
    redirect_uri: redirectUri,
    state: 's1',
    scope: SCOPES,
  });
  const consent = await fetch(`${graph.url}/v21.0/dialog/oauth?${query}`, { redirect: 'manual' });
  return new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
}

function token(params: Record<string, string>) {
  return fetch(
    `${graph.url}/v21.0/oauth/access_token?${new URLSearchParams({ client_id: 'app', ...params })}`,
  );
}

function call(method: string, path: string, bearer: string | undefined, params: Record<string, string> = {}) {
  const body = new URLSearchParams(params);
  const url = method === 'GET' ? `${graph.url}/v21.0${path}?${body}` : `${graph.url}/v21.0${path}`;
  return fetch(url, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: method === 'GET' ? undefined : body,
  });
}

const page = () => graph.pages[0];

beforeAll(async () => {
  media = new MediaServer();
  await media.start();
  graph = new FakeGraphServer({
    clientId: 'app',
    clientSecret: 'secret',
    quotaTotal: 2,
    videoProcessingPolls: 1,
  });
  await graph.start();
  const response = await token({ client_secret: 'secret', redirect_uri: redirectUri, code: await code() });
  userToken = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await graph.stop();
  await media.stop();
});

describe('fake Graph API', () => {
  it('checks the client secret, spends codes once and binds them to the redirect URI', async () => {
    const wrongSecret = await token({ client_secret: 'nope', redirect_uri: redirectUri, code: await code() });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toEqual({
      error: expect.objectContaining({
        message: 'Error validating client secret.',
        type: 'OAuthException',
        fbtrace_id: expect.any(String),
      }),
    });
    const once = await code();
    expect(
      (await token({ client_secret: 'secret', redirect_uri: 'http://elsewhere/cb', code: once })).status,
    ).toBe(400);
    const spent = await token({ client_secret: 'secret', redirect_uri: redirectUri, code: once });
    expect(await spent.json()).toMatchObject({ error: { code: 100, error_subcode: 36009 } });
    const longLived = await token({
      grant_type: 'fb_exchange_token',
      client_secret: 'secret',
      fb_exchange_token: userToken,
    });
    expect(await longLived.json()).toMatchObject({ token_type: 'bearer', expires_in: 5_183_944 });
  });

  it('publishes to a Page only with that Page token, validating parameters and sending usage headers', async () => {
    const asUser = await call('POST', `/${page().id}/feed`, userToken, { message: 'hi' });
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toMatchObject({ error: { code: 200 } });
    const pageRead = await call('GET', `/${page().id}`, userToken, { fields: 'access_token' });
    const pageToken = ((await pageRead.json()) as { access_token: string }).access_token;
    const empty = await call('POST', `/${page().id}/feed`, pageToken, {});
    expect(await empty.json()).toMatchObject({ error: { code: 100, fbtrace_id: expect.any(String) } });
    expect((await call('POST', `/${page().id}/feed`, undefined, { message: 'x' })).status).toBe(400);
    const posted = await call('POST', `/${page().id}/feed`, pageToken, { message: 'Hello Page' });
    expect(await posted.json()).toEqual({ id: expect.stringMatching(new RegExp(`^${page().id}_\\d+$`)) });
    expect(JSON.parse(posted.headers.get('x-app-usage') as string)).toMatchObject({
      call_count: expect.any(Number),
    });
    const duplicate = await call('POST', `/${page().id}/feed`, pageToken, { message: 'Hello Page' });
    expect(await duplicate.json()).toMatchObject({ error: { code: 506 } });
    expect(graph.calls.every((recorded) => !('access_token' in recorded.params))).toBe(true);
    expect(JSON.stringify(graph.calls)).not.toContain(userToken);
    const exchanges = graph.calls.filter((recorded) => recorded.path === '/oauth/access_token');
    expect(exchanges.every((recorded) => recorded.params.client_secret === '[redacted]')).toBe(true);
  });

  it('refuses non-JPEG images and publishing an unfinished container, and enforces the quota', async () => {
    const png = await call('POST', `/${page().igUserId}/media`, userToken, {
      image_url: `${media.url}/photo.png`,
    });
    expect(await png.json()).toMatchObject({ error: { code: 36001 } });
    const reel = await call('POST', `/${page().igUserId}/media`, userToken, {
      media_type: 'REELS',
      video_url: `${media.url}/clip.mp4`,
    });
    const { id: reelId } = (await reel.json()) as { id: string };
    const early = await call('POST', `/${page().igUserId}/media_publish`, userToken, { creation_id: reelId });
    expect(await early.json()).toMatchObject({ error: { code: 9007, error_subcode: 2207027 } });
    const statuses: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const read = await call('GET', `/${reelId}`, userToken, { fields: 'status_code,status' });
      statuses.push(((await read.json()) as { status_code: string }).status_code);
    }
    expect(statuses).toEqual(['IN_PROGRESS', 'FINISHED']);
    expect(
      (await call('POST', `/${page().igUserId}/media_publish`, userToken, { creation_id: reelId })).status,
    ).toBe(200);

    graph.fillQuota(page().igUserId as string, 1);
    const limit = await call('GET', `/${page().igUserId}/content_publishing_limit`, userToken, {
      fields: 'quota_usage,config',
    });
    expect(await limit.json()).toEqual({
      data: [{ quota_usage: 2, config: { quota_total: 2, quota_duration: 86400 } }],
    });
    const image = await call('POST', `/${page().igUserId}/media`, userToken, {
      image_url: `${media.url}/photo.jpg`,
    });
    const { id: imageId } = (await image.json()) as { id: string };
    await call('GET', `/${imageId}`, userToken, { fields: 'status_code' });
    const over = await call('POST', `/${page().igUserId}/media_publish`, userToken, { creation_id: imageId });
    expect(await over.json()).toMatchObject({ error: { error_subcode: 2207042 } });
  });

  it('injects a rate limit with the business use case header', async () => {
    graph.failNext('POST /feed', {
      kind: 'error',
      status: 400,
      code: 32,
      message: '(#32) Page request limit reached',
      regainMinutes: 7,
    });
    const limited = await call('POST', `/${page().id}/feed`, 'irrelevant', { message: 'x' });
    expect(await limited.json()).toMatchObject({ error: { code: 32 } });
    const usage = JSON.parse(limited.headers.get('x-business-use-case-usage') as string) as Record<
      string,
      Array<{ estimated_time_to_regain_access: number }>
    >;
    expect(usage[page().id][0].estimated_time_to_regain_access).toBe(7);
  });
});
