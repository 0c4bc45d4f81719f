import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OAuthPlatform } from '@app/contracts';
import { ApiClient, cookiesOf, registerUser } from '../e2e/api-client.js';
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

/**
 * Starts connecting as `as`: the platform's consent URL, holding the state the callback must bring back, and the
 * cookie that binds it to the browser that asked.
 */
async function authorize(platform: OAuthPlatform, as = token): Promise<{ url: URL; cookie: string }> {
  const response = await api.post<{ url: string }>(`/api/v1/connections/${platform}/authorize`, {}, as);
  expect(response.status).toBe(200);
  return { url: new URL(response.body.url), cookie: cookiesOf(response) };
}

/** The gateway path of the platform's redirect back, from the fake's consent screen. */
async function approvedCallback(url: URL, platform: OAuthPlatform): Promise<string> {
  const consent = await fetch(url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location') as string);
  expect(back.pathname).toBe(`/api/v1/connections/${platform}/callback`);
  return `${back.pathname}${back.search}`;
}

/** The callback as the browser holding `cookie` makes it (none: another browser). */
function callbackFrom<T = Record<string, unknown>>(
  path: string,
  cookie: string,
  accept = 'application/json',
) {
  return api.request<T>('GET', path, { headers: { cookie, accept } });
}

describe('OAuth callbacks through the gateway', () => {
  it.each<[OAuthPlatform, string[]]>([
    ['x', ['state', 'code']],
    ['pinterest', ['code', 'state']],
    ['facebook', ['code', 'state']],
    ['instagram', ['code', 'state']],
    ['tiktok', ['code', 'scopes', 'state']],
  ])('connects %s from the redirect it really sends (%j)', async (platform, parameters) => {
    const { url, cookie } = await authorize(platform);
    const path = await approvedCallback(url, platform);
    expect([...new URLSearchParams(path.split('?')[1]).keys()]).toEqual(parameters);
    const callback = await callbackFrom<{ platform: string; status: string }>(path, cookie);
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
      const started = await authorize(platform);
      const state = started.url.searchParams.get('state') as string;
      const path = `/api/v1/connections/${platform}/callback?${new URLSearchParams({ ...denial, state })}`;
      const answer = await callbackFrom<{ message: string }>(path, started.cookie);
      expect({ status: answer.status, message: answer.body.message }).toEqual({
        status: 400,
        message: expect.stringMatching(reason),
      });

      const browser = await authorize(platform);
      const browserState = browser.url.searchParams.get('state') as string;
      const browserPath = `/api/v1/connections/${platform}/callback?${new URLSearchParams({ ...denial, state: browserState })}`;
      const page = await fetch(`${system.baseUrl}${browserPath}`, {
        headers: { accept: 'text/html', cookie: browser.cookie },
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
    const { url, cookie } = await authorize('x');
    const state = url.searchParams.get('state') as string;
    const long = await callbackFrom(
      `/api/v1/connections/x/callback?code=${'c'.repeat(2001)}&state=${state}`,
      cookie,
    );
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

describe('a consent link sent to someone else (login CSRF on connect)', () => {
  /** An attacker starts connecting X in their own workspace and sends the consent link to a victim, who approves. */
  async function victimApproves(platform: OAuthPlatform) {
    const attacker = await registerUser(api, 'attacker');
    const started = await authorize(platform, attacker.token);
    const path = await approvedCallback(started.url, platform);
    return { attacker, path, attackerCookie: started.cookie };
  }

  const connectionsOf = async (as: string) =>
    (await api.get<Array<{ id: string }>>('/api/v1/connections', as)).body;

  it("connects nothing when the callback comes back in the victim's browser, and says why", async () => {
    const { attacker, path } = await victimApproves('x');
    const json = await callbackFrom<{ message: string }>(path, '');
    expect({ status: json.status, message: json.body.message }).toEqual({
      status: 403,
      message: expect.stringMatching(/not started in this browser/),
    });
    const page = await fetch(`${system.baseUrl}${path}`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    const shown = new URL(page.headers.get('location') as string, system.baseUrl).searchParams.get('error');
    expect(shown).toMatch(/not started in this browser/);
    expect(await connectionsOf(attacker.token)).toEqual([]);
  });

  it("connects nothing when the victim's browser holds a binding of its own, from another flow", async () => {
    const { attacker, path } = await victimApproves('pinterest');
    const victim = await registerUser(api, 'victim');
    const own = await authorize('pinterest', victim.token);
    const answer = await callbackFrom<{ message: string }>(path, own.cookie);
    expect(answer.status).toBe(403);
    expect(await connectionsOf(attacker.token)).toEqual([]);
    expect(await connectionsOf(victim.token)).toEqual([]);
  });

  it('binds with an HttpOnly, SameSite=Lax cookie sent to the callback alone, and forgets it once used', async () => {
    const response = await api.post('/api/v1/connections/tiktok/authorize', {}, token);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^shopcast_oauth_tiktok=[\w-]{20,};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/api\/v1\/connections\/tiktok\/callback/);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(500);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(JSON.stringify(response.body)).not.toContain(cookie.split(';')[0].split('=')[1]);

    const path = await approvedCallback(new URL((response.body as { url: string }).url), 'tiktok');
    const done = await callbackFrom(path, cookiesOf(response));
    expect(done.status).toBe(200);
    expect(done.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^shopcast_oauth_tiktok=;.*Expires=Thu, 01 Jan 1970/),
    ]);
  });

  it('does not use up the state when it refuses: the browser that started still finishes with it', async () => {
    const { attacker, path, attackerCookie } = await victimApproves('facebook');
    expect((await callbackFrom(path, '')).status).toBe(403);
    const own = await callbackFrom<{ platform: string }>(path, attackerCookie);
    expect({ status: own.status, platform: own.body.platform }).toEqual({
      status: 200,
      platform: 'facebook',
    });
    expect(await connectionsOf(attacker.token)).toHaveLength(1);
  });
});
