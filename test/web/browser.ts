import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { processEnv } from '@app/config';
import { ROOT } from '../e2e/system.js';

export { launchBrowser } from './chromium.js';

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1440, height: 900 };
export type Viewport = typeof PHONE;

/** An expected failed response: a test that provokes a 400 on purpose says so. */
interface ExpectedFailure {
  status: number;
  path: RegExp;
}

/**
 * One person's browser tab on Shopcast. It records every page error, console error and failed or unexpected
 * non-2xx response, so `assertNoProblems()` fails a test on any of them, as the user would notice them.
 */
export class WebSession {
  readonly problems: string[] = [];
  private readonly expected: ExpectedFailure[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A failed resource is judged by its response below, where an expected status is known.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // A navigation away cancels in-flight requests; that is not a failure the person sees.
      if (reason !== 'net::ERR_ABORTED')
        this.problems.push(`request failed: ${request.method()} ${request.url()} ${reason}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      if (status < 400) return;
      const path = new URL(response.url()).pathname;
      const index = this.expected.findIndex(
        (failure) => failure.status === status && failure.path.test(path),
      );
      if (index >= 0) this.expected.splice(index, 1);
      else this.problems.push(`unexpected ${status}: ${response.request().method()} ${path}`);
    });
  }

  static async open(browser: Browser, baseUrl: string, viewport: Viewport = DESKTOP): Promise<WebSession> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, reducedMotion: 'reduce' });
    context.setDefaultTimeout(15_000);
    return new WebSession(context, await context.newPage(), baseUrl);
  }

  /** The next response with this status on a matching path is part of the test, not a problem. */
  expectFailure(status: number, path: RegExp): void {
    this.expected.push({ status, path });
  }

  assertNoProblems(): void {
    expect(this.problems).toEqual([]);
  }

  /** Fails on serious or critical axe-core violations of the page as it is now. */
  async assertAccessible(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
      );
    expect(serious).toEqual([]);
  }

  /** Fails when the page scrolls sideways (the phone layout must fit 375 px). */
  async assertNoHorizontalScroll(): Promise<void> {
    const overflow = await this.page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    if (overflow <= 0) return;
    // Name the innermost elements that stick out, so the failure says what to fix.
    const wide = await this.page.evaluate<string[]>(`[...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 1))
      .slice(0, 5)
      .map((element) => element.tagName.toLowerCase() + ' "' + (element.textContent ?? '').trim().slice(0, 40) + '"')`);
    expect({ overflow, wide }).toEqual({ overflow: 0, wide: [] });
  }

  /** Saves a full-page screenshot under WEB_SCREENSHOTS_DIR (when set), to look at as a user would. */
  async screenshot(name: string): Promise<void> {
    const dir = processEnv().WEB_SCREENSHOTS_DIR;
    if (!dir) return;
    const folder = join(ROOT, dir);
    await mkdir(folder, { recursive: true });
    const width = this.page.viewportSize()?.width ?? 0;
    await this.page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
  }

  /** Checks a page the way the suite checks every page: accessible, no sideways scroll, and a screenshot. */
  async checkPage(name: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    await this.assertAccessible();
    await this.assertNoHorizontalScroll();
    await this.screenshot(name);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
