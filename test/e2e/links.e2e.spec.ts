import { createHmac, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, STRONG_PASSWORD, uniqueEmail } from './api-client.js';
import { pollUntil } from '../support/polling.js';
import {
  type DistributedSystem,
  type RunningSystem,
  startDistributed,
  startStandalone,
  SYSTEM_STOP_TIMEOUT,
  tempDataDir,
} from './system.js';

interface Session {
  token: string;
  workspaceId: string;
}

interface Link {
  id: string;
  code: string;
  shortUrl: string;
}

const HUMAN_A =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const HUMAN_B =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const PREVIEW = 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)';
const SHOPIFY_SECRET = 'shpss_e2e_secret';

async function register(api: ApiClient, label: string): Promise<Session> {
  const response = await api.post('/api/v1/auth/register', {
    email: uniqueEmail(label),
    password: STRONG_PASSWORD,
    name: label,
  });
  expect(response.status).toBe(201);
  const body = response.body as { accessToken: string; workspace: { id: string } };
  return { token: body.accessToken, workspaceId: body.workspace.id };
}

async function visit(baseUrl: string, path: string, options: { method?: string; userAgent?: string } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    redirect: 'manual',
    headers: {
      'user-agent': options.userAgent ?? HUMAN_A,
      'cf-ipcountry': 'FR',
      referer: 'https://www.instagram.com/',
    },
  });
  await response.text();
  return response;
}

async function createLink(api: ApiClient, session: Session, body: Record<string, unknown>): Promise<Link> {
  const response = await api.post<Link>('/api/v1/links', body, session.token);
  expect(response.status).toBe(201);
  return response.body;
}

async function summary(api: ApiClient, session: Session) {
  const response = await api.get<{
    clicks: number;
    uniqueClicks: number;
    botClicks: number;
    orders: number;
    revenue: Array<{ currency: string; revenueMinor: number }>;
  }>('/api/v1/analytics/summary', session.token);
  expect(response.status).toBe(200);
  return response.body;
}

describe('Tracked links, standalone', () => {
  let system: RunningSystem | undefined;
  let dataDir: string | undefined;
  let api: ApiClient;
  let seller: Session;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    // The test plays the CDN in front of Shopcast: its country header is believed from loopback only.
    system = await startStandalone(dataDir, { CLICK_FLUSH_MS: '20', TRUST_PROXY: 'loopback' });
    api = new ApiClient(system.baseUrl);
    seller = await register(api, 'Seller');
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, SYSTEM_STOP_TIMEOUT);

  it('redirects with the destination query kept, UTM parameters and a click id added', async () => {
    const link = await createLink(api, seller, {
      url: 'https://shop.example/tote?color=red',
      platform: 'instagram',
    });
    expect(link.shortUrl).toMatch(new RegExp(`/l/${link.code}$`));
    const response = await visit(system!.baseUrl, `/l/${link.code}?ref=story`);
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://shop.example/tote');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      color: 'red',
      ref: 'story',
      utm_source: 'instagram',
      utm_medium: 'social',
    });
    expect(location.searchParams.get('sc_cid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 for unknown and disabled links and 410 for expired ones', async () => {
    const unknown = await visit(system!.baseUrl, '/l/NoSuchCode');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');

    const link = await createLink(api, seller, { url: 'https://shop.example/' });
    expect((await visit(system!.baseUrl, `/l/${link.code}`)).status).toBe(302);
    expect((await api.patch(`/api/v1/links/${link.id}`, { isDisabled: true }, seller.token)).status).toBe(
      200,
    );
    expect((await visit(system!.baseUrl, `/l/${link.code}`)).status).toBe(404);

    const expiring = await createLink(api, seller, {
      url: 'https://shop.example/',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    await pollUntil(
      async () => (await visit(system!.baseUrl, `/l/${expiring.code}`)).status,
      (status) => status === 410,
      'the expired link answering 410',
      15_000,
    );
  });

  it('counts human clicks and unique visitors, and excludes link previews and HEAD requests', async () => {
    const shopper = await register(api, 'Counter');
    const link = await createLink(api, shopper, { url: 'https://shop.example/' });
    for (const userAgent of [HUMAN_A, HUMAN_A, HUMAN_B]) {
      expect((await visit(system!.baseUrl, `/l/${link.code}`, { userAgent })).status).toBe(302);
    }
    expect((await visit(system!.baseUrl, `/l/${link.code}`, { userAgent: PREVIEW })).status).toBe(302);
    expect((await visit(system!.baseUrl, `/l/${link.code}`, { method: 'HEAD' })).status).toBe(302);
    await pollUntil(
      () => summary(api, shopper),
      (counts) => counts.botClicks === 2,
      'two bot clicks counted',
      20_000,
    );
    expect(await summary(api, shopper)).toMatchObject({ clicks: 3, uniqueClicks: 2, botClicks: 2 });

    const csv = await api.request('GET', '/api/v1/analytics/breakdown?by=country', {
      token: shopper.token,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).split('\r\n')[1]).toMatch(/^FR,,3,2,0/);
  });

  it('records postbacks and Shopify orders once per order id, attributed to the click', async () => {
    const link = await createLink(api, seller, { url: 'https://shop.example/' });
    const clickId = new URL(
      (await visit(system!.baseUrl, `/l/${link.code}`)).headers.get('location')!,
    ).searchParams.get('sc_cid')!;
    const before = await summary(api, seller);

    const keyResponse = await api.post<{ key: string }>('/api/v1/conversions/postback-key', {}, seller.token);
    expect(keyResponse.status).toBe(201);
    const postback = `/api/v1/postback?key=${keyResponse.body.key}&click_id=${clickId}&order_id=net-1&amount=10.50&currency=USD`;
    expect((await api.get(postback)).status).toBe(200);
    expect((await api.get(postback)).status).toBe(200);
    expect((await api.get(postback.replace(keyResponse.body.key, 'x'.repeat(32)))).status).toBe(401);
    expect((await api.get('/api/v1/postback?key=short&order_id=1&amount=abc&currency=USD')).status).toBe(400);

    expect(
      (
        await api.request('PUT', '/api/v1/conversions/shopify-secret', {
          token: seller.token,
          body: { secret: SHOPIFY_SECRET },
        })
      ).status,
    ).toBe(200);
    const order = JSON.stringify({
      id: 4242,
      currency: 'USD',
      current_total_price: '20.00',
      landing_site: `/?sc_cid=${clickId}`,
    });
    const deliver = (body: string, secret = SHOPIFY_SECRET) =>
      fetch(`${system!.baseUrl}/api/v1/webhooks/shopify/${seller.workspaceId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
        },
        body,
      });
    expect((await deliver(order)).status).toBe(200);
    expect((await deliver(order)).status).toBe(200);
    expect((await deliver(order, 'wrong-secret')).status).toBe(401);
    const tampered = await fetch(`${system!.baseUrl}/api/v1/webhooks/shopify/${seller.workspaceId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SECRET).update(order).digest('base64'),
      },
      body: order.replace('20.00', '0.01'),
    });
    expect(tampered.status).toBe(401);

    const after = await summary(api, seller);
    expect(after.orders - before.orders).toBe(2);
    expect(after.revenue).toEqual([expect.objectContaining({ currency: 'USD', revenueMinor: 1050 + 2000 })]);
    const byLink = await api.get<{ rows: Array<{ key: string; orders: number }> }>(
      '/api/v1/analytics/breakdown?by=link',
      seller.token,
    );
    expect(byLink.body.rows.find((row) => row.key === link.id)).toMatchObject({ orders: 2 });
  });

  it('narrows the reports to a campaign, connection, post or variant, and breaks them down by campaign', async () => {
    const shop = await register(api, 'Campaigns');
    const product = await api.post<{ id: string }>(
      '/api/v1/products',
      { title: 'Tote', priceMinor: 5000, currency: 'USD', commissionRate: 10 },
      shop.token,
    );
    expect(product.status).toBe(201);
    const [spring, summer, instagram, pinterest, postId] = Array.from({ length: 5 }, () => randomUUID());
    const springLink = (connectionId: string, variant: string, platform: string) =>
      createLink(api, shop, {
        url: 'https://shop.example/tote',
        productId: product.body.id,
        postId,
        campaignId: spring,
        connectionId,
        variant,
        platform,
        utm: { campaign: 'spring' },
      });
    const a = await springLink(instagram, 'A', 'instagram');
    const b = await springLink(pinterest, 'B', 'pinterest');
    const c = await createLink(api, shop, {
      url: 'https://shop.example/mug',
      campaignId: summer,
      connectionId: instagram,
      platform: 'instagram',
      utm: { campaign: 'summer' },
    });
    expect(a).toMatchObject({ campaignId: spring, connectionId: instagram });
    for (const [link, userAgent] of [
      [a, HUMAN_A],
      [a, HUMAN_B],
      [b, HUMAN_A],
      [c, HUMAN_A],
    ] as const) {
      expect((await visit(system!.baseUrl, `/l/${link.code}`, { userAgent })).status).toBe(302);
    }
    const sale = { linkId: a.id, orderId: 'spring-1', amountMinor: 5000, currency: 'USD' };
    expect((await api.post('/api/v1/conversions', sale, shop.token)).status).toBe(201);

    type Figures = {
      clicks: number;
      orders: number;
      revenue: Array<{ currency: string; revenueMinor: number; estimatedCommissionMinor: number | null }>;
    };
    const figures = async (query: string, session = shop) => {
      const response = await api.get<Figures>(`/api/v1/analytics/summary?${query}`, session.token);
      expect(response.status).toBe(200);
      return response.body;
    };
    // Clicks arrive in batches, and the product's rate with its event: both are waited for.
    expect(
      await pollUntil(
        () => figures(`campaignId=${spring}`),
        (body) => body.clicks === 3 && body.revenue[0]?.estimatedCommissionMinor === 500,
        "the spring campaign's clicks and commission",
      ),
    ).toMatchObject({
      clicks: 3,
      orders: 1,
      revenue: [{ currency: 'USD', revenueMinor: 5000, estimatedCommissionMinor: 500 }],
    });
    await pollUntil(
      () => figures(''),
      (body) => body.clicks === 4,
      'all four clicks',
    );
    expect(await figures(`connectionId=${instagram}`)).toMatchObject({ clicks: 3, orders: 1 });
    expect(await figures(`postId=${postId}&variant=B`)).toMatchObject({ clicks: 1, orders: 0, revenue: [] });
    expect(await figures(`campaignId=${randomUUID()}`)).toMatchObject({ clicks: 0, orders: 0 });

    const byCampaign = await api.get<{ rows: Array<{ key: string; label: string; clicks: number }> }>(
      '/api/v1/analytics/breakdown?by=campaign',
      shop.token,
    );
    expect(byCampaign.body.rows.map((row) => [row.key, row.label, row.clicks])).toEqual([
      [spring, 'spring', 3],
      [summer, 'summer', 1],
    ]);
    const byCountry = await api.get<{ rows: Array<{ key: string; clicks: number }> }>(
      `/api/v1/analytics/breakdown?by=country&campaignId=${spring}&connectionId=${pinterest}`,
      shop.token,
    );
    expect(byCountry.body.rows).toEqual([expect.objectContaining({ key: 'FR', clicks: 1 })]);
    const series = await api.get<{ points: Array<{ value: number }> }>(
      `/api/v1/analytics/timeseries?metric=clicks&interval=hour&campaignId=${summer}`,
      shop.token,
    );
    expect(series.body.points.reduce((sum, point) => sum + point.value, 0)).toBe(1);
    const csv = await api.request('GET', `/api/v1/analytics/breakdown?by=campaign&campaignId=${spring}`, {
      token: shop.token,
      headers: { accept: 'text/csv' },
    });
    const [header, row] = String(csv.body).split('\r\n');
    expect(header).toContain('revenue.USD.estimatedCommissionMinor');
    expect(row).toMatch(new RegExp(`^${spring},spring,3,`));

    for (const query of ['campaignId=spring', `postId=${postId}&color=red`, 'variant=']) {
      expect((await api.get(`/api/v1/analytics/summary?${query}`, shop.token)).status).toBe(400);
    }
    const stranger = await register(api, 'Outsider');
    expect(await figures(`campaignId=${spring}`, stranger)).toMatchObject({ clicks: 0, orders: 0 });
  });

  it("keeps every workspace's links and figures to itself", async () => {
    const link = await createLink(api, seller, { url: 'https://shop.example/' });
    const stranger = await register(api, 'Stranger');
    expect((await api.get(`/api/v1/links/${link.id}`, stranger.token)).status).toBe(404);
    expect((await api.delete(`/api/v1/links/${link.id}`, stranger.token)).status).toBe(404);
    expect((await api.get('/api/v1/links', stranger.token)).body).toEqual([]);
    expect(await summary(api, stranger)).toMatchObject({ clicks: 0, orders: 0 });
    const conversion = await api.post(
      '/api/v1/conversions',
      { linkId: link.id, orderId: 'x', amountMinor: 1, currency: 'USD' },
      stranger.token,
    );
    expect(conversion.status).toBe(404);
    expect((await api.get(`/api/v1/links/${randomUUID()}`)).status).toBe(401);
  });
});

describe('Tracked links, distributed', () => {
  let system: DistributedSystem | undefined;

  beforeAll(async () => {
    system = await startDistributed({ TRUST_PROXY: 'loopback' });
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  it('keeps redirecting while analytics is down, and the clicks made meanwhile arrive after it restarts', async () => {
    const api = new ApiClient(system!.baseUrl);
    const seller = await register(api, 'Outage');
    const link = await createLink(api, seller, { url: 'https://shop.example/' });
    expect((await visit(system!.baseUrl, `/l/${link.code}`)).status).toBe(302);

    await system!.stopService('analytics');
    for (let i = 0; i < 5; i++) {
      expect(
        (await visit(system!.baseUrl, `/l/${link.code}`, { userAgent: `${HUMAN_B} visitor/${i}` })).status,
      ).toBe(302);
    }
    system!.startService('analytics');
    await pollUntil(
      () => api.get<{ clicks?: number }>('/api/v1/analytics/summary', seller.token),
      (response) => response.status === 200 && response.body.clicks === 6,
      'six clicks counted after analytics is back',
      90_000,
    );
  }, 180_000);
});
