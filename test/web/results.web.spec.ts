import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { plainJpeg } from '../fixtures/images.js';
import { registerUser, type Session } from '../e2e/api-client.js';
import { pollUntil } from '../support/polling.js';
import { DESKTOP, PHONE, WebSession } from './browser.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

const HUMAN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

// Flows 9 and 10: product videos; tracked links and analytics.
describe('web app: videos, links and analytics', () => {
  let system: WebSystem;
  // Signed media URLs name PUBLIC_BASE_URL (http://localhost:<port>); the page must share their origin,
  // as it does for a seller at http://localhost:3000, or the Content-Security-Policy refuses the video.
  let appUrl: string;

  beforeAll(async () => {
    system = await startWebSystem();
    appUrl = system.baseUrl.replace('127.0.0.1', 'localhost');
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  async function signedIn(label: string) {
    const user = await registerUser(system.api, label);
    const web = await WebSession.open(system.browser, appUrl, DESKTOP);
    await signIn(web, user.email);
    return { web, user };
  }

  async function productWithPhoto(user: Session, title: string): Promise<string> {
    const product = await system.api.post<{ id: string }>('/api/v1/products', { title }, user.token);
    const form = new FormData();
    form.append('file', new Blob([await plainJpeg(1200, 900, 3)]), 'lamp.jpg');
    const upload = await fetch(`${system.baseUrl}/api/v1/products/${product.body.id}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      body: form,
    });
    const media = (await upload.json()) as { id: string };
    await pollUntil(
      async () => (await system.api.get<{ status: string }>(`/api/v1/media/${media.id}`, user.token)).body,
      (asset) => asset.status === 'ready',
      'the uploaded photo is processed',
      60_000,
    );
    return product.body.id;
  }

  it('says what to do next on each page of a new workspace, at 1440 and 375 px', async () => {
    const { web } = await signedIn('results-empty');
    const { page } = web;
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto('/analytics');
      await page.getByRole('heading', { name: 'No clicks or sales in this period yet' }).waitFor();
      await page.getByRole('link', { name: 'Create a tracked link' }).waitFor();
      await page.getByText(/No experiments yet/).waitFor();
      await web.checkPage('analytics-empty');

      await page.goto('/links');
      await page.getByRole('heading', { name: 'No tracked links yet' }).waitFor();
      await web.checkPage('links-empty');

      await page.goto('/videos');
      await page.getByRole('heading', { name: 'Add a product first' }).waitFor();
      await page.getByRole('link', { name: 'Add a product' }).waitFor();
      await web.checkPage('videos-empty');
    }
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('renders a product video with a progress bar that moves by itself, plays it, offers it to a post, deletes it', async () => {
    const { web, user } = await signedIn('results-video');
    const { page } = web;
    const productId = await productWithPhoto(user, 'Aurora Desk Lamp, brushed brass with a very long name');

    await page.goto('/videos');
    await page.getByRole('combobox', { name: 'Product' }).fill('Aurora');
    await page.getByRole('option', { name: /Aurora Desk Lamp/ }).click();
    await page.getByText('No video yet.').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Photo 1' }).getAttribute('aria-checked')).toBe('true');
    await web.checkPage('videos-product');

    await page.locator('label', { hasText: 'Price drop' }).click();
    expect(await page.getByRole('radio', { name: 'Price drop' }).isChecked()).toBe(true);
    await page.getByLabel('Old price (struck through)').fill('$29');
    await page.getByLabel('Price shown').fill('$19');
    await page.getByLabel('Length (seconds)').fill('6');
    await page.getByRole('combobox', { name: 'Size' }).click();
    await page.getByRole('option', { name: /720 × 1280/ }).click();
    await page.getByRole('button', { name: 'Render video' }).click();

    // The progress shows without a reload, then the player replaces it.
    await page.getByRole('progressbar', { name: /Rendering progress/ }).waitFor();
    await web.checkPage('videos-rendering');
    const player = page.locator('video');
    await player.waitFor({ timeout: 120_000 });
    await page.getByText('Ready', { exact: true }).waitFor();
    // Play-ready: the browser has read the video's metadata from its signed URL.
    await page.waitForFunction("(document.querySelector('video')?.readyState ?? 0) >= 1", undefined, {
      timeout: 15_000,
    });
    const size = await page.evaluate<number[]>(
      "(video => [video.videoWidth, video.videoHeight])(document.querySelector('video'))",
    );
    expect(size).toEqual([720, 1280]);
    const download = page.getByRole('link', { name: 'Download' });
    expect(await download.getAttribute('download')).toMatch(/\.mp4$/);
    const useInPost = page.getByRole('link', { name: 'Use in a post' });
    const href = new URL((await useInPost.getAttribute('href')) ?? '', appUrl);
    expect(href.pathname).toBe('/compose');
    expect(href.searchParams.get('productId')).toBe(productId);
    expect(href.searchParams.get('videoId')).toMatch(/^[0-9a-f-]{36}$/);
    await web.checkPage('videos-ready');

    // The chosen product is in the address: the same page on a phone, straight from a link.
    await page.setViewportSize(PHONE);
    await page.goto(`/videos?productId=${productId}`);
    await page.locator('video').waitFor();
    // The player keeps its media request open, so the page never goes network-idle: checked as it stands.
    await web.assertAccessible();
    await web.assertNoHorizontalScroll();
    await web.screenshot('videos-ready');

    await page.getByRole('button', { name: /^Delete the Price drop video/ }).click();
    await page.getByRole('button', { name: 'Delete video' }).click();
    await page.getByText('No video yet.').waitFor();
    web.assertNoProblems();
    await web.close();
  }, 180_000);

  it('creates a tracked link, counts a visit on the links and analytics pages, changes the range, exports CSV', async () => {
    const { web } = await signedIn('results-links');
    const { page } = web;
    await page.goto('/links');

    // The server's field error shows at its field.
    await page.getByLabel(/^Destination URL/).fill('https://shop.example/lamp');
    await page.getByLabel(/^Alias/).fill('x');
    web.expectFailure(400, /\/api\/v1\/links$/);
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByText('alias must be 3-64 letters, digits, _ or -').waitFor();

    const alias = `lamp-${Date.now().toString(36)}`;
    await page.getByLabel(/^Alias/).fill(alias);
    await page.getByRole('button', { name: 'Set UTM tags' }).click();
    await page.getByLabel('UTM campaign').fill('spring');
    await page.getByRole('button', { name: 'Create link' }).click();
    const row = page.getByRole('row').filter({ hasText: `/l/${alias}` });
    await row.waitFor();
    await expect(row.getByRole('button', { name: `Copy short link /l/${alias}` }).isVisible()).resolves.toBe(
      true,
    );
    await expect(row.textContent()).resolves.toContain('utm_campaign=spring');
    await web.checkPage('links');

    const visit = await fetch(`${system.baseUrl}/l/${alias}`, {
      redirect: 'manual',
      headers: { 'user-agent': HUMAN },
    });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toContain('https://shop.example/lamp');

    // Clicks are counted in batches: the page refreshes its figures by itself until the visit shows.
    await page.goto('/analytics');
    const clicks = page.getByRole('group', { name: 'Clicks', exact: true });
    await expect(
      clicks.getByText('1', { exact: true }).waitFor({ timeout: 60_000 }),
    ).resolves.toBeUndefined();
    await expect(
      page
        .getByRole('group', { name: 'CTR' })
        .getByText(/Needs impressions/)
        .isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('tab', { name: 'UTM campaign' }).click();
    await page
      .getByRole('table', { name: /By utm campaign/ })
      .getByRole('cell', { name: 'spring' })
      .waitFor();
    await web.checkPage('analytics');
    await page.setViewportSize(PHONE);
    await web.checkPage('analytics');
    await page.setViewportSize(DESKTOP);

    const chart = page.getByRole('table', { name: /^Clicks per day/ });
    expect(await chart.getByRole('row').count()).toBe(31);
    await page.getByRole('button', { name: '7 days' }).click();
    await expect(page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    await pollUntil(
      () => chart.getByRole('row').count(),
      (rows) => rows === 8,
      'the chart shows 7 days',
      10_000,
    );
    expect(await chart.getByRole('row').last().textContent()).toMatch(/1$/);

    await page.getByRole('button', { name: 'Export CSV' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Key figures' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^shopcast-summary-\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toContain('clicks');

    // The links page counts it too; turned off, the short link answers 404.
    await page.goto('/links');
    await row.getByRole('cell', { name: '1', exact: true }).waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: `Turn off /l/${alias}` }).click();
    await row.getByText('Off', { exact: true }).waitFor();
    await page.setViewportSize(PHONE);
    await page.getByRole('list', { name: 'Tracked links' }).getByText(`/l/${alias}`).waitFor();
    await web.checkPage('links');
    await page.setViewportSize(DESKTOP);
    expect((await fetch(`${system.baseUrl}/l/${alias}`, { redirect: 'manual' })).status).toBe(404);
    await row.getByRole('button', { name: `Delete /l/${alias}` }).click();
    await page.getByRole('button', { name: 'Delete link' }).click();
    await page.getByRole('heading', { name: 'No tracked links yet' }).waitFor();
    web.assertNoProblems();
    await web.close();
  }, 150_000);

  it('narrows the reports to a campaign, post and variant kept in the address, with the commission earned', async () => {
    const { web, user } = await signedIn('results-filters');
    const { page } = web;
    const post = async <T>(path: string, body: unknown) => {
      const response = await system.api.post<T>(path, body, user.token);
      expect(response.status).toBe(201);
      return response.body;
    };
    const stall = await post<{ id: string }>('/api/v1/connections', {
      platform: 'manual',
      name: 'Market stall',
    });
    const campaign = await post<{ id: string }>('/api/v1/campaigns', {
      name: 'Spring lamps',
      connectionIds: [stall.id],
      schedule: { timezone: 'Europe/Paris', days: ['mon', 'thu'], times: ['10:00'] },
    });
    const lampPost = await post<{ id: string }>('/api/v1/posts', {
      campaignId: campaign.id,
      targets: [{ connectionId: stall.id, text: 'Brass lamp, now in green' }],
    });
    const lamp = await post<{ id: string }>('/api/v1/products', {
      title: 'Brass lamp',
      priceMinor: 5000,
      currency: 'USD',
      commissionRate: 10,
    });
    const link = (extra: Record<string, unknown>) =>
      post<{ id: string; code: string }>('/api/v1/links', {
        url: 'https://shop.example/lamp',
        productId: lamp.id,
        connectionId: stall.id,
        ...extra,
      });
    const inCampaign = { campaignId: campaign.id, postId: lampPost.id };
    const variantA = await link({ ...inCampaign, variant: 'A' });
    const variantB = await link({ ...inCampaign, variant: 'B' });
    const elsewhere = await link({});
    for (const [visited, agent] of [
      [variantA, HUMAN],
      [variantA, `${HUMAN} second`],
      [variantB, HUMAN],
      [elsewhere, HUMAN],
    ] as const) {
      const visit = await fetch(`${system.baseUrl}/l/${visited.code}`, {
        redirect: 'manual',
        headers: { 'user-agent': agent },
      });
      expect(visit.status).toBe(302);
    }
    await post('/api/v1/conversions', {
      linkId: variantA.id,
      orderId: 'lamp-1',
      amountMinor: 5000,
      currency: 'USD',
    });

    await page.goto('/analytics');
    const kpi = (name: string) => page.getByRole('group', { name, exact: true });
    await kpi('Clicks').getByText('4', { exact: true }).waitFor({ timeout: 60_000 });
    // The product's commission rate reaches the reports with its event.
    await kpi('Est. commission').getByText('$5.00').waitFor({ timeout: 30_000 });

    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByRole('combobox', { name: 'Campaign' }).click();
    await page.getByRole('option', { name: 'Spring lamps' }).click();
    await kpi('Clicks').getByText('3', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('campaignId')).toBe(campaign.id);
    await page.getByRole('tab', { name: 'Campaign', exact: true }).click();
    const row = page.getByRole('table', { name: 'By campaign' }).getByRole('row', { name: /Spring lamps/ });
    await row.waitFor();
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      'Spring lamps',
      '3',
      '3',
      '1',
      '$50.00',
      '$5.00',
    ]);

    await filters.getByRole('combobox', { name: 'Post' }).click();
    await page.getByRole('option', { name: 'Brass lamp, now in green (manual)' }).click();
    await filters.getByRole('combobox', { name: 'Variant' }).click();
    await page.getByRole('option', { name: 'Variant B' }).click();
    await kpi('Clicks').getByText('1', { exact: true }).waitFor();
    await kpi('Orders').getByText('0', { exact: true }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      campaignId: campaign.id,
      postId: lampPost.id,
      variant: 'B',
    });
    await web.checkPage('analytics-filtered');

    // The address alone brings the same view back, on a phone too.
    await page.setViewportSize(PHONE);
    await page.reload();
    await kpi('Clicks').getByText('1', { exact: true }).waitFor();
    await expect(filters.getByRole('combobox', { name: 'Variant' }).inputValue()).resolves.toBe('Variant B');
    await web.checkPage('analytics-filtered');
    await page.setViewportSize(DESKTOP);

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await kpi('Clicks').getByText('4', { exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe('');

    await page.goto(`/analytics?campaignId=${lampPost.id}`);
    await page.getByRole('heading', { name: 'Nothing matches these filters in this period' }).waitFor();
    await web.checkPage('analytics-filtered-empty');
    await page.getByRole('main').getByRole('button', { name: 'Clear filters' }).first().click();
    await kpi('Clicks').getByText('4', { exact: true }).waitFor();
    web.assertNoProblems();
    await web.close();
  }, 150_000);
});
