import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerUser, type Session } from '../e2e/api-client.js';
import { joinWorkspace } from '../e2e/team.js';
import { pollUntil } from '../support/polling.js';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { fakeXEnv } from '../support/x-connection.js';
import { DESKTOP, PHONE, type Viewport, WebSession } from './browser.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// Flows 7, 8 and 11: connections (OAuth, webhook, manual, limits), campaigns and their slots, settings.
describe('web app: connections, campaigns and settings', () => {
  let system: WebSystem;
  let x: FakeXServer;
  let owner: Session;
  let webhookConnectionId: string;
  // The fake X sends the browser back to PUBLIC_BASE_URL, which is localhost:<port> by default.
  const localhost = () => system.baseUrl.replace('127.0.0.1', 'localhost');
  const ownerTab = async (viewport: Viewport = DESKTOP) => {
    const web = await WebSession.open(system.browser, localhost(), viewport);
    await signIn(web, owner.email);
    return web;
  };

  beforeAll(async () => {
    x = new FakeXServer({ clientId: 'shopcast-web', clientSecret: 'web-secret' });
    const xUrl = await x.start();
    // Outbound webhooks go to a loopback address that nobody answers: no event is sent to it in this suite.
    system = await startWebSystem({
      ...fakeXEnv(xUrl, 'shopcast-web', 'web-secret'),
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
    });
    owner = await registerUser(system.api, 'Owner');
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await x?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  it('answers the OAuth callback with JSON to API clients and with a redirect to the app to browsers', async () => {
    const callback = `${system.baseUrl}/api/v1/connections/x/callback?state=forged&code=abc`;
    // As from a browser that started connecting X (it holds a binding), so the state itself is what is refused.
    const cookie = 'shopcast_oauth_x=binding-of-a-flow';
    const json = await fetch(callback, { headers: { accept: 'application/json', cookie } });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/invalid, expired/),
    });
    const page = await fetch(callback, { headers: { accept: 'text/html,*/*', cookie }, redirect: 'manual' });
    expect(page.status).toBe(303);
    const location = new URL(page.headers.get('location') as string, system.baseUrl);
    expect(location.pathname).toBe('/connections');
    expect(location.searchParams.get('error')).toMatch(/start connecting again/);
  });

  it('connects X through OAuth and comes back to the app, adds a webhook with its secret shown once, edits limits, deletes', async () => {
    const web = await ownerTab();
    const { page } = web;
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    await page.mouse.move(600, 10);
    await page.getByText('Nothing connected yet').waitFor();
    await expect(page.getByRole('button', { name: 'Connect Pinterest' }).isDisabled()).resolves.toBe(true);
    await web.checkPage('connections-empty');

    // The workspace the account will join is named before the user leaves for the platform.
    await page.getByText("Accounts you connect here join the workspace Owner's workspace").waitFor();
    // OAuth: the button leaves for the platform, which sends the browser back to the app.
    await page.getByRole('button', { name: 'Connect X' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "shopcast_test on X is ready to post in the workspace Owner's workspace." })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/connections');
    const xConnectionId = new URL(page.url()).searchParams.get('connected') as string;
    expect(xConnectionId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('article').filter({ hasText: 'Active' }).first().waitFor();

    // Webhook: the secret is shown once, with a copy button.
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a webhook connection' });
    await dialog.getByLabel(/^Name/).fill('Zapier shop feed');
    await dialog.getByLabel(/^URL/).fill('not a url');
    web.expectFailure(400, /\/api\/v1\/connections$/);
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog.getByText('config.url must be an http or https URL').waitFor();
    await dialog.getByLabel(/^URL/).fill('https://hooks.example.com/shopcast');
    const created = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/v1/connections') &&
        response.request().method() === 'POST' &&
        response.ok(),
    );
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    webhookConnectionId = ((await (await created).json()) as { id: string }).id;
    await dialog.getByText('You will not see it again.', { exact: false }).waitFor();
    await expect(dialog.getByText(/^whsec_/).count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Copy secret' }).waitFor();
    await web.checkPage('connections-secret');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    const webhookCard = page.getByRole('article', { name: 'Zapier shop feed' });
    await webhookCard.getByText('Sends to https://hooks.example.com/shopcast').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByText(/^whsec_/).count()).resolves.toBe(0);

    // Limits: the server's field error shows at the field; then a good value is saved.
    await webhookCard.getByRole('button', { name: 'Time zone and limits of Zapier shop feed' }).click();
    const limits = page.getByRole('dialog', { name: /Time zone and limits/ });
    await limits.getByLabel(/^Daily cap/).fill('0');
    web.expectFailure(400, /\/api\/v1\/connections\/[0-9a-f-]+$/);
    await limits.getByRole('button', { name: 'Save' }).click();
    await limits.getByText(/dailyCap must not be less than 1/).waitFor();
    await web.checkPage('connections-limits-error');
    await limits.getByLabel(/^Daily cap/).fill('5');
    await limits.getByRole('combobox', { name: /^Time zone/ }).fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    await limits.getByLabel(/^Minimum gap/).fill('1800');
    await limits.getByRole('button', { name: 'Save' }).click();
    await webhookCard.getByText('Asia/Tokyo · 5 a day · 30 min apart', { exact: false }).waitFor();

    // A manual channel, then deleted after a confirmation.
    await page.getByRole('button', { name: 'Add manual channel' }).click();
    const manual = page.getByRole('dialog', { name: 'Add a manual channel' });
    await manual.getByLabel(/^Name/).fill('Instagram by hand');
    await manual.getByRole('button', { name: 'Add channel' }).click();
    const manualCard = page.getByRole('article', { name: 'Instagram by hand' });
    await manualCard.waitFor();
    await web.checkPage('connections');
    await manualCard.getByRole('button', { name: 'Delete Instagram by hand' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Instagram by hand?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await manualCard.waitFor({ state: 'detached' });

    // The user revokes Shopcast on x.com: the next post finds out, and the page says to reconnect.
    x.revokeRefreshTokens();
    x.expireAccessTokens();
    const post = await system.api.post(
      '/api/v1/posts',
      {
        targets: [{ connectionId: xConnectionId, text: 'Spring mugs are here' }],
        scheduledAt: new Date().toISOString(),
      },
      owner.token,
    );
    expect(post.status).toBe(201);
    await pollUntil(
      async () =>
        (await system.api.get<Array<{ id: string; status: string }>>('/api/v1/connections', owner.token))
          .body,
      (list) =>
        list.some((connection) => connection.id === xConnectionId && connection.status === 'needs_reconnect'),
      'the revoked X connection needs reconnecting',
    );
    await page.goto('/connections');
    const xCard = page.getByRole('article', { name: 'shopcast_test' });
    await xCard.getByText('Needs reconnect').waitFor();
    await web.checkPage('connections-needs-reconnect');
    await xCard.getByRole('button', { name: 'Reconnect' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "shopcast_test on X is ready to post in the workspace Owner's workspace." })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('connected')).toBe(xConnectionId);
    await xCard.getByText('Active').waitFor();
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('creates a campaign and lists the posts that fill its slots', async () => {
    const web = await ownerTab();
    const { page } = web;
    await page.goto('/campaigns');
    await page.getByText('No campaigns yet').waitFor();
    await web.checkPage('campaigns-empty');
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await dialog.getByLabel(/^Name/).fill('Spring mugs');
    await dialog.getByRole('combobox', { name: /^Connections/ }).click();
    await page.getByRole('option', { name: /Zapier shop feed/ }).click();
    await dialog.getByLabel(/^Name/).click();
    await dialog.getByRole('checkbox', { name: 'Sat' }).check();
    await dialog.getByRole('combobox', { name: /^Times of day/ }).fill('18:30');
    await dialog.getByRole('combobox', { name: /^Times of day/ }).press('Enter');
    await dialog.getByRole('combobox', { name: /^Time zone/ }).fill('Europe/Paris');
    await page.getByRole('option', { name: 'Europe/Paris' }).click();
    await dialog.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spring mugs' }).waitFor();
    await page.getByText('Mon, Wed, Fri, Sat at 09:00 and 18:30 (Europe/Paris)').waitFor();
    await page.getByText('No posts in this campaign yet').waitFor();
    const campaignId = new URL(page.url()).pathname.split('/').at(-1) as string;

    // Two posts added to the campaign take its next two free slots.
    for (const text of ['First mug of spring', 'Second mug of spring']) {
      const response = await system.api.post(
        '/api/v1/posts',
        { campaignId, targets: [{ connectionId: webhookConnectionId, text }] },
        owner.token,
      );
      expect(response.status).toBe(201);
    }
    await page.reload();
    const slots = page.getByRole('list', { name: 'Posts of the campaign' }).getByRole('listitem');
    await slots.getByRole('link', { name: 'First mug of spring' }).waitFor();
    await expect(slots.count()).resolves.toBe(2);
    await expect(slots.first().textContent()).resolves.toMatch(
      /(Mon|Wed|Fri|Sat).*(09:00|18:30).*Europe\/Paris/,
    );
    await expect(slots.nth(1).textContent()).resolves.toContain('Second mug of spring');
    await page.getByRole('link', { name: 'Open the calendar' }).waitFor();
    await web.checkPage('campaign');
    await page.getByRole('link', { name: 'All campaigns' }).click();
    await page.getByRole('link', { name: 'Spring mugs' }).waitFor();
    await web.checkPage('campaigns');
    web.assertNoProblems();
    await web.close();
  }, 60_000);

  it('saves the brand and publishing settings and adds an outbound webhook with its secret shown once', async () => {
    const web = await ownerTab();
    const { page } = web;
    await page.goto('/settings');
    await page.getByRole('tab', { name: 'Brand' }).waitFor();
    await page.getByRole('button', { name: 'Add a colour' }).click();
    await page.getByRole('textbox', { name: 'Colour 1' }).fill('#ff6600');
    await page.getByRole('combobox', { name: 'Font' }).click();
    await page.getByRole('option', { name: 'DejaVu Serif' }).click();
    await web.checkPage('settings-brand');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await page.getByText('Brand saved').waitFor();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Colour 1' }).inputValue()).resolves.toBe('#ff6600');
    await expect(page.getByRole('combobox', { name: 'Font' }).inputValue()).resolves.toBe('DejaVu Serif');

    await page.getByRole('tab', { name: 'Publishing' }).click();
    await page.getByRole('switch', { name: /Require review/ }).check();
    await page.getByRole('button', { name: 'Save publishing settings' }).click();
    await page.getByText('Now: posts need approval', { exact: true }).waitFor();
    await page.getByRole('switch', { name: /Approver must not be the post's author/ }).check();
    await page.getByRole('button', { name: 'Save publishing settings' }).click();
    await page.getByText('Now: posts need approval, never by their author').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Publishing' }).click();
    await expect(
      page.getByRole('switch', { name: /Approver must not be the post's author/ }).isChecked(),
    ).resolves.toBe(true);
    const settings = await system.api.get<{ requireReview: boolean; requireDistinctApprover: boolean }>(
      '/api/v1/publishing-settings',
      owner.token,
    );
    expect(settings.body).toEqual({ requireReview: true, requireDistinctApprover: true });

    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByText('No webhooks yet').waitFor();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an outbound webhook' });
    await dialog.getByLabel(/^URL/).fill('http://127.0.0.1:9/shopcast-events');
    await dialog.getByRole('checkbox', { name: 'Connection expired' }).check();
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog.getByText('You will not see it again.', { exact: false }).waitFor();
    await expect(dialog.getByText(/^whsec_/).count()).resolves.toBe(1);
    await web.checkPage('settings-webhook-secret');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('button', { name: /^http:\/\/127\.0\.0\.1:9\/shopcast-events/ }).click();
    await page.getByText('No deliveries yet', { exact: false }).waitFor();
    await page.getByText('Post published, Post failed, Connection expired').waitFor();
    await web.checkPage('settings-webhooks');
    web.assertNoProblems();
    await web.close();
  }, 60_000);

  it('shows a viewer every page read-only, with the reason, on a phone', async () => {
    const viewer = await registerUser(system.api, 'Viewer');
    await joinWorkspace(system.api, system.outboxDir, owner, viewer, 'viewer');
    const web = await system.open(PHONE);
    await signIn(web, viewer.email);
    const { page } = web;
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('button', { name: /switch workspace/ }).click();
    await page.getByRole('menuitem', { name: /Owner/ }).click();
    await page.goto('/connections');
    await page.getByRole('article', { name: 'Zapier shop feed' }).waitFor();
    const add = page.getByRole('button', { name: 'Add webhook' });
    await expect(add.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(
      add.getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).textContent()),
    ).resolves.toBe('Viewers can look but not change anything in this workspace.');
    await web.checkPage('connections-viewer');

    await page.goto('/campaigns');
    await page.getByRole('link', { name: 'Spring mugs' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'New campaign' }).getAttribute('aria-disabled'),
    ).resolves.toBe('true');
    await web.checkPage('campaigns-viewer');
    await page.getByRole('link', { name: 'Spring mugs' }).click();
    await page.getByRole('link', { name: 'First mug of spring' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'Edit', exact: true }).getAttribute('aria-disabled'),
    ).resolves.toBe('true');
    await web.checkPage('campaign-viewer');

    await page.goto('/settings');
    await page.getByRole('tab', { name: 'Publishing' }).click();
    await page.getByText('Only owners and admins of this workspace can do this.').first().waitFor();
    await expect(page.getByRole('switch', { name: /Require review/ }).isDisabled()).resolves.toBe(true);
    await expect(
      page.getByRole('switch', { name: /Approver must not be the post's author/ }).isDisabled(),
    ).resolves.toBe(true);
    await web.checkPage('settings-publishing-viewer');
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: /^http:\/\/127\.0\.0\.1:9\/shopcast-events/ }).click();
    await page.getByText('No deliveries yet', { exact: false }).waitFor();
    await web.checkPage('settings-webhooks-viewer');
    web.assertNoProblems();
    await web.close();
  }, 60_000);
});
