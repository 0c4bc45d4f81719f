import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerUser, STRONG_PASSWORD, uniqueEmail } from '../e2e/api-client.js';
import { outboxToken } from '../support/outbox-mail.js';
import { pollUntil } from '../support/polling.js';
import { INVITATION_SUBJECT, VERIFICATION_SUBJECT } from '../e2e/team.js';
import { DESKTOP, PHONE } from './browser.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// Flow 1: sign up, sign in, sign out; switch workspace; manage members, roles and API keys; viewers read only.
describe('web app: accounts, workspaces and members', () => {
  let system: WebSystem;

  beforeAll(async () => {
    system = await startWebSystem();
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  it('serves the app at / with a strict Content-Security-Policy, hashed assets cached, and the API untouched', async () => {
    const page = await fetch(`${system.baseUrl}/products/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${system.baseUrl}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Sent compressed, from the copies the build wrote.
    expect(asset.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(asset.headers.get('vary')).toContain('accept-encoding');
    expect((await fetch(`${system.baseUrl}/assets/missing.js`)).status).toBe(404);
    const unknownApi = await fetch(`${system.baseUrl}/api/v1/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`signs up, stays signed in across a reload, signs out and back in (${viewport.width} px)`, async () => {
      const web = await system.open(viewport);
      const { page } = web;
      await page.goto('/');
      await page.getByRole('link', { name: 'Create an account' }).waitFor();
      await web.checkPage('sign-in');
      await page.getByRole('link', { name: 'Create an account' }).click();

      // The server's own field errors show at the field.
      await page.getByLabel('Your name').fill('Ada');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel(/^Password/).fill('short');
      web.expectFailure(400, /\/api\/v1\/auth\/register$/);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('email must be a valid email address').waitFor();
      await page.getByText('password must be at least 10 characters long').waitFor();
      await web.checkPage('sign-up-errors');

      const email = uniqueEmail('ada');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/^Password/).fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Ada' }).waitFor();
      await page.getByRole('link', { name: 'Add a product' }).waitFor();
      await web.checkPage('overview');

      // The refresh token is an HttpOnly cookie on the auth path; the page itself cannot read it.
      const cookies = await web.context.cookies();
      const refresh = cookies.find((cookie) => cookie.name === 'shopcast_refresh');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('shopcast_refresh');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Ada' }).waitFor();

      if (viewport === PHONE) await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(
        (await web.context.cookies()).find((cookie) => cookie.name === 'shopcast_refresh'),
      ).toBeUndefined();
      // Signed out means signed out: a reload of a signed-in page goes to sign in.
      await page.goto('/settings/members');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');

      await signIn(web, email);
      web.assertNoProblems();
      await web.close();
    });
  }

  it('works with the keyboard alone: sign in, skip to the content, reach a section', async () => {
    const user = await registerUser(system.api, 'keyboard');
    const web = await system.open(DESKTOP);
    const { page } = web;
    await page.goto('/sign-in');
    await page.getByLabel('Email').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();

    await page.keyboard.press('Tab');
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe(
      'Skip to main content',
    );
    let focused = '';
    for (let step = 0; step < 40 && focused !== 'Members'; step += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>('document.activeElement.textContent.trim()');
    }
    expect(focused).toBe('Members');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    web.assertNoProblems();
    await web.close();
  });

  it('refuses a cookie refresh from another origin and a refresh without a session', async () => {
    const response = await fetch(`${system.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopcast-session': 'cookie',
        origin: 'https://evil.example',
        cookie: 'shopcast_refresh=abcdefghijklmnop',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
    const noCookie = await fetch(`${system.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopcast-session': 'cookie', origin: system.baseUrl },
      body: '{}',
    });
    expect(noCookie.status).toBe(401);
    const bodyMode = await system.api.post('/api/v1/auth/refresh', {});
    expect(bodyMode.status).toBe(400);
  });

  it('creates and switches workspaces, manages members, and shows viewers read-only screens', async () => {
    const { web, user: owner } = await system.signedIn('owner');
    const viewer = await registerUser(system.api, 'viewer');
    const { page } = web;

    await page.getByRole('button', { name: /switch workspace/ }).click();
    await page.getByRole('menuitem', { name: 'New workspace…' }).click();
    await page.getByRole('dialog', { name: 'New workspace' }).getByLabel('Name').fill('Etsy shop');
    await page.getByRole('button', { name: 'Create and switch to it' }).click();
    await page.getByRole('button', { name: 'Etsy shop, switch workspace' }).waitFor();

    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    // Inviting adds nobody: the invitation waits, listed, until the invitee accepts it.
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    for (const email of [viewer.email, 'changed-my-mind@example.com']) {
      await page.getByLabel('Email').fill(email);
      await page.getByRole('combobox', { name: 'Role', exact: true }).click();
      await page.getByRole('option', { name: 'Viewer' }).click();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await pending.getByRole('row', { name: new RegExp(email) }).waitFor();
    }
    expect(await page.getByRole('table', { name: 'Members' }).getByText(viewer.email).count()).toBe(0);
    await web.checkPage('members');
    await page.getByRole('button', { name: 'Revoke the invitation of changed-my-mind@example.com' }).click();
    await pending.getByRole('row', { name: /changed-my-mind/ }).waitFor({ state: 'detached' });
    web.assertNoProblems();
    await web.close();

    // The viewer opens the mailed links: the verification, then the invitation, signing in on the way.
    const viewerWeb = await system.open(PHONE);
    const viewerPage = viewerWeb.page;
    const verification = await outboxToken(system.outboxDir, viewer.email, VERIFICATION_SUBJECT);
    await viewerPage.goto(`/verify-email#token=${verification}`);
    await viewerPage.getByText(`${viewer.email} is confirmed`, { exact: false }).waitFor();
    await viewerWeb.checkPage('verify-email');
    const invitation = await outboxToken(system.outboxDir, viewer.email, INVITATION_SUBJECT);
    await viewerPage.goto(`/invitation#token=${invitation}`);
    await viewerPage.getByText(/invited .* to Etsy shop as/).waitFor();
    await viewerWeb.checkPage('invitation-signed-out');
    await viewerPage.getByRole('link', { name: 'Sign in to accept' }).click();
    await viewerPage.getByLabel('Email').fill(viewer.email);
    await viewerPage.getByLabel(/^Password/).fill(STRONG_PASSWORD);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await viewerPage.getByRole('button', { name: 'Accept and join Etsy shop' }).waitFor();
    await viewerWeb.checkPage('invitation');
    await viewerPage.getByRole('button', { name: 'Accept and join Etsy shop' }).click();
    // Accepting moves the session to the workspace joined.
    await viewerPage.getByRole('button', { name: 'Etsy shop, switch workspace' }).waitFor();

    // The viewer sees members read-only, with the reason.
    await viewerPage.goto('/settings/members');
    await viewerPage.getByRole('row', { name: new RegExp(owner.email) }).waitFor();
    const addButton = viewerPage.getByRole('button', { name: 'Send invitation' });
    await viewerPage
      .getByText('Only owners and admins of this workspace can do this.')
      .first()
      .waitFor({ state: 'attached' });
    await expect(addButton.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(
      addButton.getAttribute('aria-describedby').then((id) => viewerPage.locator(`#${id}`).textContent()),
    ).resolves.toBe('Only owners and admins of this workspace can do this.');
    await viewerPage.getByRole('row', { name: new RegExp(owner.email) }).waitFor();
    await viewerWeb.checkPage('members-viewer');

    // API keys are read-only to a viewer too, with the same reason.
    await viewerPage.getByRole('button', { name: 'Open navigation' }).click();
    await viewerPage.getByRole('link', { name: 'API keys' }).click();
    await viewerPage.getByText('No API keys yet').waitFor();
    const createKey = viewerPage.getByRole('button', { name: 'Create API key' });
    await expect(createKey.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(
      createKey.getAttribute('aria-describedby').then((id) => viewerPage.locator(`#${id}`).textContent()),
    ).resolves.toBe('Only owners and admins of this workspace can do this.');
    await viewerWeb.checkPage('api-keys-viewer');
    viewerWeb.assertNoProblems();
    await viewerWeb.close();
  });

  it('resets a forgotten password from the mailed link, signing out the old session', async () => {
    const { web: oldDevice, user } = await system.signedIn('forgetful');
    const web = await system.open(PHONE);
    const { page } = web;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await page.getByText(`If ${user.email} has a Shopcast account`, { exact: false }).waitFor();
    await web.checkPage('forgot-password-sent');

    const token = await outboxToken(system.outboxDir, user.email, /Reset your Shopcast password/);
    await page.goto(`/reset-password#token=${token}`);
    web.expectFailure(400, /\/api\/v1\/auth\/password-reset\/confirm$/);
    await page.getByLabel(/^New password/).fill('password123');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('too common', { exact: true }).waitFor();
    await web.checkPage('reset-password');
    await page.getByLabel(/^New password/).fill('plum tea at nine, twice');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Every device that was signed in to your account is signed out').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(web, user.email, 'plum tea at nine, twice');
    web.assertNoProblems();
    await web.close();

    // The session signed in before the reset ends at its next refresh.
    const refused = await oldDevice.page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopcast-session': 'cookie' },
        body: '{}',
      });
      return response.status;
    });
    expect(refused).toBe(401);
    await oldDevice.close();
  }, 90_000);

  it('creates an API key, shows it once, and revokes it', async () => {
    const { web } = await system.signedIn('scripts');
    const { page } = web;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByText('No API keys yet').waitFor();

    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('Inventory sync');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Editor' }).click();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Copy the API key now').waitFor();
    await dialog.getByText(/You will not see it again/).waitFor();
    await dialog.getByRole('button', { name: 'Copy key' }).waitFor();
    const key = (await dialog.getByLabel('API key', { exact: true }).textContent()) ?? '';
    expect(key).toMatch(/^sk_[0-9A-Za-z]{43}$/);
    await web.checkPage('api-key-created');
    expect((await system.api.get('/api/v1/products', key)).status).toBe(200);

    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    const row = page.getByRole('row', { name: /Inventory sync/ });
    await row.getByText(`${key.slice(0, 11)}…`).waitFor();
    await row.getByText('Editor').waitFor();
    // Shown once: the list has the prefix alone.
    expect(await page.content()).not.toContain(key.slice(11));
    await web.checkPage('api-keys');

    await row.getByRole('button', { name: 'Revoke Inventory sync' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke Inventory sync?' })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await page.getByText('No API keys yet').waitFor();
    const refused = await pollUntil(
      () => system.api.get('/api/v1/products', key),
      (response) => response.status !== 200,
      'the revoked key refused',
    );
    expect(refused.status).toBe(401);
    web.assertNoProblems();
    await web.close();
  });
});
