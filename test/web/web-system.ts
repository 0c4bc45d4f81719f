import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ApiClient, registerUser, type Session, STRONG_PASSWORD } from '../e2e/api-client.js';
import { type StandaloneSystem, startStandalone, SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';
import { DESKTOP, launchBrowser, type Viewport, WebSession } from './browser.js';

/** Standalone Shopcast started as a user does (`npm start`, which builds the web app) and one Chromium. */
export interface WebSystem {
  baseUrl: string;
  api: ApiClient;
  browser: Browser;
  /** Where the system writes its mails (.eml files): it runs without an SMTP server. */
  outboxDir: string;
  /** A fresh browser context (no cookies) at this width. */
  open(viewport?: Viewport): Promise<WebSession>;
  /** A new user registered through the API, signed in to a fresh browser context through the sign-in page. */
  signedIn(label: string, viewport?: Viewport): Promise<{ web: WebSession; user: Session }>;
  stop(): Promise<void>;
}

export async function startWebSystem(env: Record<string, string> = {}): Promise<WebSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopcast-web-'));
  const system: StandaloneSystem = await startStandalone(dataDir, env);
  const browser = await launchBrowser();
  const api = new ApiClient(system.baseUrl);
  // The browser visits Shopcast at its public address (PUBLIC_BASE_URL: http://localhost:<port>), where platforms
  // send it back after OAuth consent, so the cookies it keeps are sent with those callbacks too.
  const appUrl = system.baseUrl.replace('//127.0.0.1:', '//localhost:');
  const open = (viewport: Viewport = DESKTOP) => WebSession.open(browser, appUrl, viewport);
  return {
    baseUrl: system.baseUrl,
    api,
    browser,
    outboxDir: system.outboxDir,
    open,
    signedIn: async (label, viewport) => {
      const user = await registerUser(api, label);
      const web = await open(viewport);
      await signIn(web, user.email);
      return { web, user };
    },
    stop: async () => {
      await browser.close();
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the system in the suite's beforeAll and stops it in its afterAll; `get()` answers it inside tests. */
export function webSystemForSuite(env: Record<string, string> = {}): { get(): WebSystem } {
  let system: WebSystem | undefined;
  beforeAll(async () => {
    system = await startWebSystem(env);
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);
  return {
    get() {
      if (!system) throw new Error("The web system starts in the suite's beforeAll");
      return system;
    },
  };
}

/** Signs in through the sign-in page, as a person does, and waits for the overview. */
export async function signIn(web: WebSession, email: string, password = STRONG_PASSWORD): Promise<void> {
  const { page } = web;
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor()).resolves.toBeUndefined();
}
