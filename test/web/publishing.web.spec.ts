import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import dayjs from 'dayjs';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { WebhookReceiver } from '../fakes/webhook-receiver/webhook-receiver.js';
import { pollUntil } from '../support/polling.js';
import { fakeXEnv } from '../support/x-connection.js';
import type { Session } from '../e2e/api-client.js';
import { DESKTOP, PHONE } from './browser.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

interface Post {
  id: string;
  status: string;
  scheduledAt: string | null;
  reviewNote: string | null;
  targets: Array<{ id: string; status: string; externalUrl: string | null }>;
}

// Flows 4, 5 and 6: compose with live previews, the calendar and its queue, and review.
describe('web app: compose, calendar and review', () => {
  let system: WebSystem;
  let x: FakeXServer;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    x = new FakeXServer({ clientId: 'shopcast-web', clientSecret: 'web-secret' });
    const xUrl = await x.start();
    await receiver.start();
    system = await startWebSystem({
      ...fakeXEnv(xUrl, 'shopcast-web', 'web-secret'),
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await x?.stop();
    await receiver.stop();
  }, SYSTEM_STOP_TIMEOUT);

  const call = async <T>(method: string, path: string, user: Session, body?: unknown): Promise<T> => {
    const response = await system.api.request<T>(method, path, { token: user.token, body });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** The fake X account, connected through the real OAuth flow. */
  async function connectX(user: Session): Promise<string> {
    const { url } = await call<{ url: string }>('POST', '/api/v1/connections/x/authorize', user, {});
    const consent = await fetch(url, { redirect: 'manual' });
    const callback = (consent.headers.get('location') as string).replace(/^https?:\/\/[^/]+/, '');
    const connection = await call<{ id: string }>('GET', callback, user);
    await call('PATCH', `/api/v1/connections/${connection.id}`, user, {
      name: 'Shop on X',
      timezone: 'Asia/Kolkata',
      limits: { minGapSec: 0 },
    });
    return connection.id;
  }

  /** A webhook connection to the receiver, which then verifies with its secret. */
  async function connectWebhook(user: Session, name: string): Promise<void> {
    const hook = await call<{ signingSecret: string }>('POST', '/api/v1/connections', user, {
      platform: 'webhook',
      name,
      config: { url: receiver.url },
    });
    receiver.useSecret(hook.signingSecret);
  }

  it('composes a post with live counters, shows a broken rule at its target until fixed, and schedules it', async () => {
    const { web, user } = await system.signedIn('composer', DESKTOP);
    const { page } = web;
    await call('POST', '/api/v1/products', user, {
      title: 'Walnut serving board',
      description: 'Hand-oiled walnut, made to last.',
      priceMinor: 4500,
      currency: 'USD',
    });
    await connectX(user);
    await connectWebhook(user, 'Zapier');

    await page.goto('/compose');
    await page.getByRole('heading', { level: 1, name: 'Compose' }).waitFor();
    await page.getByRole('combobox', { name: /^Product/ }).fill('Walnut');
    await page.getByRole('option', { name: 'Walnut serving board' }).click();
    await page.getByRole('checkbox', { name: 'Shop on X (X)' }).check();
    await page.getByRole('checkbox', { name: 'Zapier (Webhook)' }).check();
    await page.getByRole('radio', { name: 'Templates', exact: true }).check();
    await page.getByRole('button', { name: 'Generate copy' }).click();
    await page.getByText('Copy written: edit it below').waitFor();
    const xText = page.getByLabel('Text for Shop on X');
    await expect(xText.inputValue()).resolves.toContain('Walnut');
    await expect(page.getByLabel('Text for Zapier').inputValue()).resolves.toContain('Walnut');
    await page.getByRole('figure', { name: /^X preview for/ }).waitFor();

    // The counter follows every keystroke; 300 characters break X's rule, named at the X target.
    await xText.fill(`${'a'.repeat(289)} 😀😀 #gift`);
    const counters = page.getByRole('group', { name: 'Counters for Shop on X' });
    await counters.getByText('X weighted length: 300 / 280 (over the limit)').waitFor();
    await counters.getByText('Hashtags: 1').waitFor();
    await page.getByText('X allows 280 weighted characters; this text has 300').waitFor();
    await page
      .getByRole('figure', { name: /^X preview for/ })
      .getByText('Past the limit:')
      .waitFor({ state: 'attached' });
    await web.checkPage('compose-violation');

    // The server refuses it too, and its words show at the X target.
    web.expectFailure(400, /\/api\/v1\/posts$/);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('alert').filter({ hasText: 'The post was not saved' }).waitFor();
    await expect(xText.getAttribute('aria-invalid')).resolves.toBe('true');

    await xText.fill('Walnut serving board, oiled by hand 😀 #woodwork');
    await counters.getByText('X weighted length: 48 / 280').waitFor();
    await expect(page.getByText('X allows 280 weighted characters').count()).resolves.toBe(0);

    await page.getByRole('radio', { name: 'Schedule' }).check();
    // Times are picked in the account's zone (Asia/Kolkata, which the server spells Asia/Calcutta).
    await page.getByText(/^In Asia\/(Kolkata|Calcutta), the time zone of Shop on X\.$/).waitFor();
    await page.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Shop on X/ }).waitFor();
    const postId = new URL(page.url()).pathname.split('/').pop() as string;
    const post = await call<Post>('GET', `/api/v1/posts/${postId}`, user);
    expect(post.targets.map((target) => target.status)).toEqual(['scheduled', 'scheduled']);
    expect(dayjs(post.scheduledAt).isAfter(dayjs())).toBe(true);
    await web.checkPage('post-scheduled');
    web.assertNoProblems();
    await web.close();
  }, 120_000);

  it('shows posts on the calendar by platform and status, and a drag moves a post to another day', async () => {
    const { web, user } = await system.signedIn('planner', DESKTOP);
    const { page } = web;
    const manual = await call<{ id: string }>('POST', '/api/v1/connections', user, {
      platform: 'manual',
      name: 'Market stall',
    });
    // The 10th to the 13th of next month: always inside that month's grid.
    const first = dayjs().add(1, 'month').date(10).hour(10).minute(0).second(0).millisecond(0);
    const post = await call<Post>('POST', '/api/v1/posts', user, {
      targets: [{ connectionId: manual.id, text: 'Fresh walnut boards at the stall this weekend' }],
      scheduledAt: first.toISOString(),
    });

    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('button', { name: /Next/ }).click();
    await page.getByRole('heading', { name: first.format('MMMM YYYY') }).waitFor();
    const event = page.getByRole('link', { name: /Fresh walnut boards/ });
    await page.getByRole('link', { name: /Manual · Scheduled · Fresh walnut boards/ }).waitFor();
    await page.getByRole('region', { name: 'Legend' }).getByText('Pinterest').waitFor();
    await web.checkPage('calendar-month');

    /** Drags the post's event onto a day of the month view, as a person does with a mouse. */
    const dragTo = async (day: dayjs.Dayjs) => {
      const cell = page.locator(`td.fc-daygrid-day[data-date="${day.format('YYYY-MM-DD')}"]`);
      const from = await event.boundingBox();
      const to = await cell.boundingBox();
      if (!from || !to) throw new Error('the post or the day is not on screen');
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 5, from.y + from.height / 2 + 5, { steps: 3 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
      await page.mouse.up();
    };
    const dayOfEvent = () => event.evaluate((link) => link.closest('td')?.getAttribute('data-date'));

    // Drag the post two days on: it keeps its time of day.
    const target = first.add(2, 'day');
    await dragTo(target);
    await page.getByText('Post moved').waitFor();
    const moved = await call<Post>('GET', `/api/v1/posts/${post.id}`, user);
    expect(dayjs(moved.scheduledAt).format('YYYY-MM-DD HH:mm')).toBe(target.format('YYYY-MM-DD HH:mm'));
    await expect(dayOfEvent()).resolves.toBe(target.format('YYYY-MM-DD'));

    // Cancelled meanwhile (elsewhere): the server refuses the next move, and the post snaps back with the reason.
    await page.waitForLoadState('networkidle');
    await call('POST', `/api/v1/posts/${post.id}/cancel`, user);
    web.expectFailure(409, /\/api\/v1\/posts\/[^/]+\/schedule$/);
    await dragTo(target.add(1, 'day'));
    await page.getByText('The post was not moved').waitFor();
    await page.getByText(/Nothing to schedule/).waitFor();
    // Back on its day, and the calendar now says why it did not move.
    await page.getByRole('link', { name: /Manual · Cancelled · Fresh walnut boards/ }).waitFor();
    await expect(dayOfEvent()).resolves.toBe(target.format('YYYY-MM-DD'));

    await page.getByRole('button', { name: 'Week' }).click();
    await page.getByText('Queue', { exact: true }).click();
    await page
      .getByRole('list', { name: 'Queue' })
      .getByText('Fresh walnut boards at the stall this weekend')
      .waitFor();
    web.assertNoProblems();
    await web.close();

    // On a phone the queue is the first view.
    const phone = await system.open(PHONE);
    await signIn(phone, user.email);
    await phone.page.goto('/calendar');
    await phone.page
      .getByRole('list', { name: 'Queue' })
      .getByText(target.format('ddd D MMM, HH:mm'))
      .waitFor();
    await phone.checkPage('calendar-queue');
    phone.assertNoProblems();
    await phone.close();
  }, 120_000);

  it('keeps Approve inert on your own post, saying why, when the workspace needs another approver', async () => {
    const { web, user } = await system.signedIn('self-approver', DESKTOP);
    const { page } = web;
    await call('PUT', '/api/v1/publishing-settings', user, {
      requireReview: true,
      requireDistinctApprover: true,
    });
    const manual = await call<{ id: string }>('POST', '/api/v1/connections', user, {
      platform: 'manual',
      name: 'By hand',
    });
    const own = await call<Post>('POST', '/api/v1/posts', user, {
      targets: [{ connectionId: manual.id, text: 'Oak coasters, set of four' }],
    });

    await page.goto('/review');
    const approve = page.getByRole('button', { name: /^Approve post Oak coasters/ });
    await approve.waitFor();
    await expect(approve.getAttribute('aria-disabled')).resolves.toBe('true');
    await page
      .getByText('You made this post: this workspace needs someone else to approve it.')
      .first()
      .waitFor({ state: 'attached' });
    await approve.hover();
    await page.getByRole('tooltip').filter({ hasText: 'You made this post' }).waitFor();
    await web.checkPage('review-own-post');
    await approve.click({ force: true });
    await expect(call<Post>('GET', `/api/v1/posts/${own.id}`, user)).resolves.toMatchObject({
      status: 'needs_review',
    });
    web.assertNoProblems();
    await web.close();
  }, 60_000);

  it('approves and rejects posts in review, and marks a manual post published with its URL', async () => {
    const { web, user } = await system.signedIn('reviewer', PHONE);
    const { page } = web;
    const manual = await call<{ id: string }>('POST', '/api/v1/connections', user, {
      platform: 'manual',
      name: 'By hand',
    });
    const create = (text: string, extra: Record<string, unknown> = {}) =>
      call<Post>('POST', '/api/v1/posts', user, { targets: [{ connectionId: manual.id, text }], ...extra });
    const good = await create('Spring sale on cutting boards #handmade', { requireReview: true });
    const bad = await create('Buy now!!!', { requireReview: true });
    const bundle = await create('Cheese boards restocked', {
      scheduledAt: dayjs().add(1, 'hour').toISOString(),
    });

    await page.goto('/review');
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    await page
      .getByRole('article', { name: /Post for review: post Spring sale/ })
      .getByRole('figure')
      .waitFor();
    await web.checkPage('review');

    await page.getByRole('button', { name: /^Approve post Spring sale/ }).click();
    await page
      .getByRole('article', { name: /Post for review: post Spring sale/ })
      .waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /^Reject post Buy now/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject this post' });
    await dialog.getByRole('button', { name: 'Reject post' }).click();
    await dialog.getByText('Say why, so the author can fix it').waitFor();
    await dialog.getByLabel(/^Reason/).fill('Too pushy: say what is on sale');
    await dialog.getByRole('button', { name: 'Reject post' }).click();
    await page.getByRole('article', { name: /Post for review: post Buy now/ }).waitFor({ state: 'detached' });
    await page.getByText('Nothing to approve').waitFor();

    const manualItem = page.getByRole('article', { name: /Post to check: post Cheese boards/ });
    await manualItem.getByRole('button', { name: /It was published/ }).click();
    const markDialog = page.getByRole('dialog', { name: 'Where was it published?' });
    await markDialog
      .getByLabel(/^Address of the published post/)
      .fill('https://www.instagram.com/p/cheese-boards');
    await markDialog.getByRole('button', { name: 'Mark as published' }).click();
    await manualItem.waitFor({ state: 'detached' });

    await expect(call<Post>('GET', `/api/v1/posts/${good.id}`, user)).resolves.toMatchObject({
      status: 'approved',
    });
    await expect(call<Post>('GET', `/api/v1/posts/${bad.id}`, user)).resolves.toMatchObject({
      status: 'cancelled',
      reviewNote: 'Too pushy: say what is on sale',
    });
    const published = await call<Post>('GET', `/api/v1/posts/${bundle.id}`, user);
    expect(published.targets[0]).toMatchObject({
      status: 'published',
      externalUrl: 'https://www.instagram.com/p/cheese-boards',
    });

    await page.goto(`/posts/${bundle.id}`);
    await page.getByRole('link', { name: 'https://www.instagram.com/p/cheese-boards' }).waitFor();
    await web.checkPage('post-published');
    await page.goto(`/posts/${bad.id}`);
    await page.getByRole('alert').filter({ hasText: 'Too pushy: say what is on sale' }).waitFor();
    await page.goto('/compose');
    await page.getByRole('checkbox', { name: 'By hand (Manual)' }).check();
    await page.getByRole('figure', { name: 'Manual preview for By hand' }).waitFor();
    await web.checkPage('compose');
    web.assertNoProblems();
    await web.close();
  }, 120_000);

  it("publishes a tracked short link, shows it on the post page with the post's clicks and sales", async () => {
    const { web, user } = await system.signedIn('tracker', DESKTOP);
    const { page } = web;
    const productUrl = 'https://shop.example/p/walnut-board';
    await call('POST', '/api/v1/products', user, {
      title: 'Walnut board',
      priceMinor: 4500,
      currency: 'USD',
      commissionRate: 10,
      destinationUrl: productUrl,
    });
    await connectWebhook(user, 'Make');

    await page.goto('/compose');
    await page.getByRole('combobox', { name: /^Product/ }).fill('Walnut');
    await page.getByRole('option', { name: 'Walnut board' }).click();
    await page.getByRole('checkbox', { name: 'Make (Webhook)' }).check();
    await expect(page.getByRole('checkbox', { name: 'Track links' }).isChecked()).resolves.toBe(true);
    await page.getByLabel('Text for Make').fill(`Oiled walnut, made to last: ${productUrl}`);
    await page.getByLabel(/^Variant label for Make/).fill('A');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    const postId = new URL(page.url()).pathname.split('/').pop() as string;

    // The page shows the short link and previews the text as the platform gets it.
    const target = page.getByRole('region', { name: /Make/ });
    const shortLink = target.getByRole('link', { name: /\/l\/[A-Za-z0-9]{8}$/ });
    await shortLink.waitFor();
    const shortUrl = (await shortLink.textContent()) as string;
    await target.getByText(`Leads to ${productUrl}`).waitFor();
    await target.getByText('A', { exact: true }).waitFor();
    await target
      .getByRole('figure')
      .getByText(new RegExp(shortUrl.replace(/[/.]/g, '\\$&')))
      .waitFor();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByText('No sales yet').first().waitFor();

    // Someone follows the link and buys: the post's results show it.
    const visit = await fetch(`${system.baseUrl}${new URL(shortUrl).pathname}`, {
      redirect: 'manual',
      headers: {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',
      },
    });
    const clickId = new URL(visit.headers.get('location') as string).searchParams.get('sc_cid');
    await pollUntil(
      () => call<{ clicks: number }>('GET', `/api/v1/analytics/posts/${postId}`, user),
      (figures) => figures.clicks === 1,
      'the click counted',
    );
    await call('POST', '/api/v1/conversions', user, {
      clickId,
      orderId: 'board-1',
      amountMinor: 4500,
      currency: 'USD',
    });
    await pollUntil(
      () =>
        call<{ revenue: Array<{ estimatedCommissionMinor: number | null }> }>(
          'GET',
          `/api/v1/analytics/posts/${postId}`,
          user,
        ),
      (figures) => figures.revenue[0]?.estimatedCommissionMinor === 450,
      'the sale and its commission',
    );
    await page.reload();
    await results.getByText('$45.00').waitFor();
    await results.getByText('$4.50').waitFor();
    await web.checkPage('post-tracked');
    web.assertNoProblems();
    await web.close();
  }, 120_000);
});
