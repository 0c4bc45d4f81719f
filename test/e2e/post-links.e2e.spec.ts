import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';
import { pollUntil } from '../support/polling.js';
import { ApiClient, registerUser, type Session } from './api-client.js';
import {
  type RunningSystem,
  startDistributed,
  startStandalone,
  SYSTEM_STOP_TIMEOUT,
  tempDataDir,
} from './system.js';

// A post's tracked links end to end, over HTTP only: publish to webhooks, follow the short link, record a sale,
// and read it back in the post's, the campaign's and the variant's figures, and as an experiment.

const PRODUCT_URL = 'https://shop.example/p/linen-tote';
const HUMAN =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const SYSTEM_ENV = { SHOPCAST_ALLOW_PRIVATE_URLS: 'true', CLICK_FLUSH_MS: '20' };

interface Target {
  id: string;
  status: string;
  variant: string | null;
  text: string;
  publishedText: string;
  destinationUrl: string | null;
  link: { id: string; shortUrl: string } | null;
}

interface Figures {
  clicks: number;
  orders: number;
  revenue: Array<{ currency: string; revenueMinor: number; estimatedCommissionMinor: number | null }>;
}

/** Publishes an A/B post of a product's campaign to two webhooks and follows it to a sale. */
async function tracksAPostToItsSale(baseUrl: string, receivers: WebhookReceiver[]): Promise<void> {
  const api = new ApiClient(baseUrl);
  const seller: Session = await registerUser(api, 'Links');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await api.request<T>(method, path, { token: seller.token, body });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const product = await call<{ id: string }>('POST', '/api/v1/products', {
    title: 'Linen tote',
    priceMinor: 5000,
    currency: 'USD',
    commissionRate: 10,
    destinationUrl: PRODUCT_URL,
  });
  const connectionIds: string[] = [];
  for (const [index, receiver] of receivers.entries()) {
    const hook = await call<{ id: string; signingSecret: string }>('POST', '/api/v1/connections', {
      platform: 'webhook',
      name: `Zap ${index + 1}`,
      config: { url: receiver.url },
    });
    receiver.useSecret(hook.signingSecret);
    connectionIds.push(hook.id);
  }
  const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', {
    name: 'Spring Linen',
    connectionIds,
    schedule: { timezone: 'UTC', days: ['mon'], times: ['09:00'] },
  });
  const created = await call<{ id: string; targets: Target[] }>('POST', '/api/v1/posts', {
    productId: product.id,
    campaignId: campaign.id,
    scheduledAt: new Date().toISOString(),
    targets: [
      { connectionId: connectionIds[0], text: `Hand-dyed linen tote: ${PRODUCT_URL}`, variant: 'A' },
      { connectionId: connectionIds[1], text: `Carry it all. ${PRODUCT_URL} #linen`, variant: 'B' },
    ],
  });

  const post = await pollUntil(
    () => call<{ targets: Target[] }>('GET', `/api/v1/posts/${created.id}`),
    (found) => found.targets.every((target) => target.status === 'published'),
    'both targets published',
  );
  const a = post.targets.find((target) => target.variant === 'A') as Target;
  const b = post.targets.find((target) => target.variant === 'B') as Target;
  for (const [target, receiver] of [
    [a, receivers[0]],
    [b, receivers[1]],
  ] as const) {
    const sent = (
      receiver.accepted.find((hook) => hook.id === target.id)?.payload as { data: { text: string } }
    ).data.text;
    expect(sent).toMatch(/\/l\/[A-Za-z0-9]{8}\b/);
    expect(sent).not.toContain(PRODUCT_URL);
    expect(sent).toBe(target.publishedText);
    expect(target).toMatchObject({ destinationUrl: PRODUCT_URL, text: expect.stringContaining(PRODUCT_URL) });
    expect(sent).toContain(target.link?.shortUrl);
  }

  // Someone follows variant A's short link from the published text and buys.
  const sentA = (
    receivers[0].accepted.find((hook) => hook.id === a.id)?.payload as { data: { text: string } }
  ).data.text;
  const path = /\/l\/[A-Za-z0-9]{8}/.exec(sentA)?.[0] as string;
  const visit = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { 'user-agent': HUMAN } });
  await visit.text();
  expect(visit.status).toBe(302);
  const destination = new URL(visit.headers.get('location') as string);
  expect(destination.origin + destination.pathname).toBe(PRODUCT_URL);
  expect(Object.fromEntries(destination.searchParams)).toMatchObject({
    utm_source: 'webhook',
    utm_medium: 'social',
    utm_campaign: 'spring-linen',
    utm_content: 'A',
  });
  const clickId = destination.searchParams.get('sc_cid') as string;
  // Clicks arrive in batches; the sale comes after the click has been counted, as a purchase follows a visit
  // (a sale whose click analytics does not know yet is kept, but not attributed).
  await pollUntil(
    () => call<Figures>('GET', `/api/v1/analytics/posts/${created.id}`),
    (figures) => figures.clicks === 1,
    "the post's click counted",
  );
  await call('POST', '/api/v1/conversions', {
    clickId,
    orderId: 'tote-1',
    amountMinor: 5000,
    currency: 'USD',
  });

  const sale = { clicks: 1, orders: 1, revenue: [{ currency: 'USD', revenueMinor: 5000 }] };
  // The product's commission rate arrives with its event: it is waited for.
  const ofPost = await pollUntil(
    () => call<Figures>('GET', `/api/v1/analytics/posts/${created.id}`),
    (figures) => figures.orders === 1 && figures.revenue[0]?.estimatedCommissionMinor === 500,
    "the post's sale and commission",
  );
  expect(ofPost).toMatchObject(sale);
  expect(await call<Figures>('GET', `/api/v1/analytics/summary?campaignId=${campaign.id}`)).toMatchObject(
    sale,
  );
  expect(
    await call<Figures>('GET', `/api/v1/analytics/summary?postId=${created.id}&variant=A`),
  ).toMatchObject(sale);
  expect(
    await call<Figures>('GET', `/api/v1/analytics/summary?postId=${created.id}&variant=B`),
  ).toMatchObject({ clicks: 0, orders: 0, revenue: [] });

  const experiments = await call<Array<{ id: string; variants: Array<{ variant: string; clicks: number }> }>>(
    'GET',
    `/api/v1/analytics/experiments?postId=${created.id}`,
  );
  expect(experiments).toHaveLength(1);
  expect(experiments[0].variants.map(({ variant, clicks }) => [variant, clicks]).sort()).toEqual([
    ['A', 1],
    ['B', 0],
  ]);
  // Both links are the post's own, made without anyone creating a link by hand.
  const links = await call<Array<{ id: string; targetId: string }>>(
    'GET',
    `/api/v1/links?postId=${created.id}`,
  );
  expect(links.map((link) => link.id).sort()).toEqual([a.link?.id, b.link?.id].sort());
}

describe('Post links, standalone', () => {
  let system: RunningSystem | undefined;
  let dataDir: string | undefined;
  const receivers = [new WebhookReceiver(), new WebhookReceiver()];

  beforeAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.start()));
    dataDir = await tempDataDir();
    system = await startStandalone(dataDir, SYSTEM_ENV);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, SYSTEM_STOP_TIMEOUT);

  it('publishes short links, and a click and sale through one show in the post, campaign, variant and experiment', async () => {
    await tracksAPostToItsSale(system!.baseUrl, receivers);
  }, 120_000);
});

describe('Post links, distributed', () => {
  let system: RunningSystem | undefined;
  const receivers = [new WebhookReceiver(), new WebhookReceiver()];

  beforeAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.start()));
    system = await startDistributed(SYSTEM_ENV);
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  }, SYSTEM_STOP_TIMEOUT);

  it('publishes short links, and a click and sale through one show in the post, campaign, variant and experiment', async () => {
    await tracksAPostToItsSale(system!.baseUrl, receivers);
  }, 120_000);
});
