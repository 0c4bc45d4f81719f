import { describe, expect, it } from '@jest/globals';
import type { Session } from '../e2e/api-client.js';
import { pollUntil } from '../support/polling.js';
import { DESKTOP, PHONE } from './browser.js';
import { signIn, webSystemForSuite } from './web-system.js';

interface Post {
  id: string;
  targets: Array<{ status: string; variant: string | null }>;
}

// A campaign that runs for weeks: its bank, and pausing, resuming and completing it from its page.
describe('web app: a running campaign', () => {
  const suite = webSystemForSuite();

  const call = async <T>(method: string, path: string, user: Session, body?: unknown): Promise<T> => {
    const response = await suite.get().api.request<T>(method, path, { token: user.token, body });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('edits the bank, then pauses, resumes and completes the campaign from its page', async () => {
    const { web, user } = await suite.get().signedIn('campaigner', DESKTOP);
    const { page } = web;
    const lamp = await call<{ id: string }>('POST', '/api/v1/products', user, {
      title: 'Brass desk lamp',
      priceMinor: 5900,
      currency: 'EUR',
      destinationUrl: 'https://shop.example/lamp',
    });
    const shop = await call<{ id: string }>('POST', '/api/v1/connections', user, {
      platform: 'manual',
      name: 'Market stall',
    });
    const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', user, {
      name: 'Lamps all month',
      connectionIds: [shop.id],
      schedule: {
        timezone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        times: ['09:00', '21:00'],
      },
      templates: [{ variant: 'A', text: '{title}, {price}' }],
      productIds: [lamp.id],
      fillAheadDays: 2,
      minGapHours: 0,
    });
    const filled = () => call<Post[]>('GET', `/api/v1/posts?campaignId=${campaign.id}&limit=100`, user);
    await pollUntil(filled, (posts) => posts.length > 0, 'the bank filling the first slots');

    await page.goto(`/campaigns/${campaign.id}`);
    await page.getByRole('heading', { level: 1, name: 'Lamps all month' }).waitFor();
    await page.getByText('Active', { exact: true }).waitFor();
    const templates = page.getByRole('list', { name: 'Templates' });
    await expect(templates.getByText('{title}, {price}').isVisible()).resolves.toBe(true);
    await page.getByRole('list', { name: 'Products' }).getByText('Brass desk lamp').waitFor();

    await page.getByRole('button', { name: 'Edit the bank' }).click();
    const bank = page.getByRole('dialog', { name: 'The bank of Lamps all month' });
    await bank.getByRole('button', { name: 'Add a template' }).click();
    await bank.getByRole('textbox', { name: 'Copy 2' }).fill('Light up with the {colour}');
    await bank.getByRole('button', { name: 'Save the bank' }).click();
    await bank.getByText('{colour} is not a placeholder: use {title}, {price}, {link}').waitFor();
    await bank.getByRole('textbox', { name: 'Copy 2' }).fill('Light up: {title} at {link}');
    await bank
      .getByText('With Brass desk lamp: Light up: Brass desk lamp at https://shop.example/lamp')
      .waitFor();
    await web.checkPage('campaign-bank');
    await bank.getByRole('button', { name: 'Save the bank' }).click();
    await bank.waitFor({ state: 'hidden' });
    await templates.getByText('Light up: {title} at {link}').waitFor();

    const slots = page.getByRole('list', { name: 'Posts of the campaign' });
    await slots.getByText('Scheduled').first().waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused: its open slots are held until you resume it').waitFor();
    await page.getByText(/Nothing goes out while it is paused/).waitFor();
    await slots.getByText('Paused').first().waitFor();
    await expect(slots.getByText('Scheduled').count()).resolves.toBe(0);
    await web.checkPage('campaign-paused');
    expect((await filled()).every((post) => post.targets[0].status === 'paused')).toBe(true);

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Resumed: the paused posts take the next free slots from now').waitFor();
    await slots.getByText('Scheduled').first().waitFor();
    await expect(slots.getByText('Paused').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Complete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Complete Lamps all month?' });
    await confirm.getByRole('button', { name: 'Complete campaign' }).click();
    await page.getByText(/It is over: its open slots were cancelled/).waitFor();
    await expect(page.getByRole('button', { name: 'Resume' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(0);
    await slots.getByText('Cancelled').first().waitFor();
    web.assertNoProblems();

    const phone = await suite.get().open(PHONE);
    await signIn(phone, user.email);
    await phone.page.goto(`/campaigns/${campaign.id}`);
    await phone.page.getByRole('heading', { level: 1, name: 'Lamps all month' }).waitFor();
    await phone.checkPage('campaign-completed');
    phone.assertNoProblems();
    await phone.close();
    await web.close();
  }, 180_000);
});
