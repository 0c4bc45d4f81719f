import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OAuthPlatform } from '@app/contracts';
import { ApiClient, registerUser } from '../e2e/api-client.js';
import { type RunningSystem, startStandalone, SYSTEM_STOP_TIMEOUT, tempDataDir } from '../e2e/system.js';
import { FakeGraphServer } from '../fakes/meta/fake-graph-server.js';
import { FakePinterestServer } from '../fakes/pinterest/fake-pinterest-server.js';
import { FakeTikTokServer } from '../fakes/tiktok/fake-tiktok-server.js';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { fakeMetaEnv } from '../support/meta-connection.js';
import { fakePinterestEnv } from '../support/pinterest-connection.js';
import { fakeTikTokEnv } from '../support/tiktok-connection.js';
import { fakeXEnv } from '../support/x-connection.js';

// Each platform's redirect back to Shopcast, through the gateway of standalone Shopcast, with the query string that platform sends
// (shared/platforms/REFERENCE.md): TikTok adds `scopes`, Meta adds `error_reason` and `error_code` to a denial.
const CLIENT = { id: 'shopcast-security', secret: 'security-secret' };
const x = new FakeXServer({ clientId: CLIENT.id, clientSecret: CLIENT.secret });
const pinterest = new FakePinterestServer({ clientId: CLIENT.id, clientSecret: CLIENT.secret });
const tiktok = new FakeTikTokServer({ clientKey: CLIENT.id, clientSecret: CLIENT.secret });
const meta = new FakeGraphServer({ clientId: CLIENT.id, clientSecret: CLIENT.secret });
let dataDir: string;
let system: RunningSystem;
let api: ApiClient;
let token: string;

beforeAll(async () => {
  const [xUrl, pinterestUrl, tiktokUrl, metaUrl] = await Promise.all(
    [x, pinterest, tiktok, meta].map((fake) => fake.start()),
  );
  dataDir = await tempDataDir();
  system = await startStandalone(dataDir, {
    ...fakeXEnv(xUrl, CLIENT.id, CLIENT.secret),
    ...fakePinterestEnv(pinterestUrl, CLIENT.id, CLIENT.secret),
    ...fakeTikTokEnv(tiktokUrl, CLIENT.id, CLIENT.secret),
    ...fakeMetaEnv(metaUrl, CLIENT.id, CLIENT.secret),
  });
  api = new ApiClient(system.baseUrl);
  token = (await registerUser(api, 'oauth')).token;
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await Promise.all([x, pinterest, tiktok, meta].map((fake) => fake.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, SYSTEM_STOP_TIMEOUT);

/** Starts connecting: the platform's consent URL, holding the state the callback must bring back. */
async function authorize(platform: OAuthPlatform): Promise<URL> {
  const response = await api.post<{ url: string }>(`/api/v1/connections/${platform}/authorize`, {}, token);
  expect(response.status).toBe(200);
  return new URL(response.body.url);
}

/** The gateway path of the platform's redirect back, from the fake's consent screen. */
async function approvedCallback(platform: OAuthPlatform): Promise<string> {
  const consent = await fetch(await authorize(platform), { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location') as string);
  expect(back.pathname).toBe(`/api/v1/connections/${platform}/callback`);
  return `${back.pathname}${back.search}`;
}

describe('OAuth callbacks through the gateway', () => {
  it.each<[OAuthPlatform, string[]]>([
    ['x', ['state', 'code']],
    ['pinterest', ['code', 'state']],
    ['facebook', ['code', 'state']],
    ['instagram', ['code', 'state']],
    ['tiktok', ['code', 'scopes', 'state']],
  ])('connects %s from the redirect it really sends (%j)', async (platform, parameters) => {
    const path = await approvedCallback(platform);
    expect([...new URLSearchParams(path.split('?')[1]).keys()]).toEqual(parameters);
    const callback = await api.get<{ platform: string; status: string }>(path);
    expect({ status: callback.status, body: callback.body }).toMatchObject({
      status: 200,
      body: { platform, status: 'active' },
    });
  });

  it.each<[OAuthPlatform, Record<string, string>, RegExp]>([
    [
      'facebook',
      {
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
      },
      /did not authorize Shopcast: Permissions error \(access_denied\)/,
    ],
    [
      'instagram',
      {
        error: 'access_denied',
        error_reason: 'user_denied',
        error_description: 'The user denied your request.',
      },
      /did not authorize Shopcast: The user denied your request\. \(access_denied\)/,
    ],
    [
      'tiktok',
      {
        error: 'access_denied',
        error_description: 'The user canceled the authorization',
        scopes: 'user.info.basic',
      },
      /did not authorize Shopcast: The user canceled the authorization \(access_denied\)/,
    ],
    ['x', { error: 'access_denied' }, /did not authorize Shopcast \(access_denied\)/],
    ['pinterest', { error: 'access_denied' }, /did not authorize Shopcast \(access_denied\)/],
  ])(
    'says why when the user declines on %s, for an API client and a browser',
    async (platform, denial, reason) => {
      const state = (await authorize(platform)).searchParams.get('state') as string;
      const path = `/api/v1/connections/${platform}/callback?${new URLSearchParams({ ...denial, state })}`;
      const answer = await api.get<{ message: string }>(path);
      expect({ status: answer.status, message: answer.body.message }).toEqual({
        status: 400,
        message: expect.stringMatching(reason),
      });

      const browserState = (await authorize(platform)).searchParams.get('state') as string;
      const browserPath = `/api/v1/connections/${platform}/callback?${new URLSearchParams({ ...denial, state: browserState })}`;
      const page = await fetch(`${system.baseUrl}${browserPath}`, {
        headers: { accept: 'text/html' },
        redirect: 'manual',
      });
      expect(page.status).toBe(303);
      const shown = new URL(page.headers.get('location') as string, system.baseUrl).searchParams.get('error');
      expect(shown).toMatch(reason);
    },
  );

  it('still refuses a callback without its state, and values that are too long', async () => {
    expect((await api.get('/api/v1/connections/tiktok/callback?code=abc&scopes=video.upload')).status).toBe(
      400,
    );
    const state = (await authorize('x')).searchParams.get('state') as string;
    const long = await api.get(`/api/v1/connections/x/callback?code=${'c'.repeat(2001)}&state=${state}`);
    expect(long.status).toBe(400);
  });

  it('keeps refusing unknown fields everywhere else', async () => {
    const products = await api.post<{ message: string }>(
      '/api/v1/products',
      { title: 'Lamp', extra: 1 },
      token,
    );
    expect({ status: products.status, message: products.body.message }).toEqual({
      status: 400,
      message: expect.stringMatching(/extra should not exist/),
    });
  });
});
