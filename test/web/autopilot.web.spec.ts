import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Session } from '../e2e/api-client.js';
import { PHONE } from './browser.js';
import { pollUntil } from '../support/polling.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// The Autopilot page: create a rule through its form, watch it post a new product, read its activity.
describe('web app: autopilot', () => {
  let system: WebSystem;

  beforeAll(async () => {
    system = await startWebSystem();
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  const call = async <T>(method: string, path: string, user: Session, body?: unknown): Promise<T> => {
    const response = await system.api.request<T>(method, path, { token: user.token, body });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('creates a rule, shows what it did with a new product, and pauses it', async () => {
    const { web, user } = await system.signedIn('autopilot');
    const { page } = web;
    const connection = await call<{ id: string }>('POST', '/api/v1/connections', user, {
      platform: 'manual',
      name: 'Market stall',
    });
    await call('POST', '/api/v1/campaigns', user, {
      name: 'New arrivals',
      connectionIds: [connection.id],
      schedule: {
        timezone: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        times: ['09:00'],
      },
    });

    await page.goto('/autopilot');
    await page.getByRole('heading', { level: 1, name: 'Autopilot' }).waitFor();
    await page.getByRole('heading', { name: 'No rules yet' }).waitFor();
    await web.checkPage('autopilot-empty');

    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New autopilot rule' });
    await dialog.getByLabel('Name').fill('Summer finds');
    await dialog.getByLabel(/^Tags/).fill('summer');
    await dialog.getByLabel(/^Tags/).press('Enter');
    await dialog.getByLabel(/^Campaign/).click();
    await page.getByRole('option', { name: 'New arrivals' }).click();
    // The choices appear once a campaign is chosen; opened from the keyboard.
    await dialog.getByRole('combobox', { name: /^Connections/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Market stall (manual)' }).click();
    await web.checkPage('autopilot-form');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.getByRole('article').filter({ hasText: 'Summer finds' });
    await card.getByText('Products tagged summer').waitFor();

    await call('POST', '/api/v1/products', user, { title: 'Straw hat', tags: ['summer'] });
    await pollUntil(
      () => call<Array<{ counts: { scheduled: number } }>>('GET', '/api/v1/autopilot/rules', user),
      ([rule]) => rule.counts.scheduled === 1,
      'the rule posting the new product',
    );
    // The list refreshes itself every 30 s; a reload shows the new count at once.
    await page.reload();
    await card.getByText(/^1 scheduled/).waitFor();
    await card.getByRole('button', { name: 'Show activity' }).click();
    const row = card.getByRole('row').filter({ hasText: 'Straw hat' });
    await row.getByText('Scheduled').waitFor();
    await web.checkPage('autopilot-activity');

    await card.getByRole('button', { name: 'Pause Summer finds' }).click();
    await card.getByText('Paused').waitFor();
    const [rule] = await call<Array<{ enabled: boolean }>>('GET', '/api/v1/autopilot/rules', user);
    expect(rule.enabled).toBe(false);

    const phone = await system.open(PHONE);
    await signIn(phone, user.email);
    await phone.page.goto('/autopilot');
    await phone.page.getByRole('heading', { level: 2, name: 'Summer finds' }).waitFor();
    await phone.checkPage('autopilot-phone');
    await phone.close();
  });
});
