// Web app bench (issue #12): initial JavaScript of the sign-in page and of the signed-in overview (gzipped,
// target <= 250 kB), time from navigation to the signed-in overview once the app has loaded before (median of
// BENCH_WEB_RUNS, target <= 1 s), and frames over 50 ms while scrolling and filtering a product table of
// BENCH_WEB_PRODUCTS (10,000) products, seen by a PerformanceObserver of long animation frames.
// Prints numbers and targets; never fails on them. Run: npm run bench web
import { chmod, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { processEnv } from '@app/config';
import { ApiClient, registerUser, type Session } from '../test/e2e/api-client.js';
import { startStandalone, tempDataDir } from '../test/e2e/system.js';
import { launchBrowser } from '../test/web/chromium.js';

const env = processEnv();
const RUNS = Number(env.BENCH_WEB_RUNS ?? 7);
const PRODUCTS = Number(env.BENCH_WEB_PRODUCTS ?? 10_000);
const JS_TARGET_KB = 250;
const OVERVIEW_TARGET_MS = 1000;
const LONG_FRAME_MS = 50;

interface ScriptBytes {
  raw: number;
  gzip: number;
  files: number;
}

/** Every script a navigation loads until `ready` resolves, measured as the bytes a gzipping server would send. */
async function scriptsOf(page: Page, navigate: () => Promise<unknown>): Promise<ScriptBytes> {
  const scripts: Response[] = [];
  const collect = (response: Response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  };
  page.on('response', collect);
  await navigate();
  await page.waitForLoadState('networkidle');
  page.off('response', collect);
  const bodies = await Promise.all(scripts.map((response) => response.body()));
  return {
    raw: bodies.reduce((sum, body) => sum + body.length, 0),
    gzip: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    files: bodies.length,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
}

/** Imports products in JSON batches and waits for each import to finish. */
async function seedProducts(api: ApiClient, user: Session, count: number): Promise<void> {
  const BATCH = 2000;
  for (let start = 0; start < count; start += BATCH) {
    const products = Array.from({ length: Math.min(BATCH, count - start) }, (_, index) => {
      const n = start + index;
      return {
        sku: `B${n}`,
        title: `Bench product ${n} ${n % 7 === 0 ? 'mug' : 'lamp'}`,
        price: '19.99',
        currency: 'USD',
      };
    });
    const started = await api.post<{ id: string; status: string }>(
      '/api/v1/products/import',
      { products },
      user.token,
    );
    if (started.status !== 201 && started.status !== 202)
      throw new Error(`import answered ${started.status}: ${JSON.stringify(started.body)}`);
    let status = started.body.status;
    while (status === 'running' || status === 'queued') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await api.get<{ status: string }>(`/api/v1/imports/${started.body.id}`, user.token)).body
        .status;
    }
  }
}

const OBSERVE_LONG_FRAMES = `(() => {
  window.__longFrames = [];
  const type = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longFrames.push(entry.duration); })
    .observe({ type, buffered: false });
  return type;
})()`;

/** Scrolls the product table to its end and back, then types a filter; answers the frames over 50 ms. */
async function productTableFrames(page: Page): Promise<string> {
  await page.goto('/products');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  const table = page.locator('table, [role="grid"]').first();
  if ((await table.count()) === 0)
    return 'pending: /products is not a product table yet in this build (no table or grid on the page)';
  const rows = await page.locator('tr, [role="row"]').count();
  const entryType = await page.evaluate<string>(OBSERVE_LONG_FRAMES);
  await table.hover();
  for (let step = 0; step < 60; step += 1) {
    await page.mouse.wheel(0, step < 40 ? 1200 : -1800);
    await page.waitForTimeout(16);
  }
  const search = page
    .getByRole('searchbox')
    .or(page.getByRole('textbox', { name: /search/i }))
    .first();
  if ((await search.count()) > 0) {
    await search.pressSequentially('mug 7', { delay: 60 });
    await page.waitForLoadState('networkidle');
    await search.fill('');
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(500);
  const frames = await page.evaluate<number[]>('window.__longFrames');
  const over = frames.filter((duration) => duration > LONG_FRAME_MS);
  const worst = frames.length > 0 ? Math.max(...frames) : 0;
  return (
    `${over.length} frames over ${LONG_FRAME_MS} ms (worst ${worst.toFixed(0)} ms, ${entryType} entries) while ` +
    `scrolling and filtering; ${rows} rows in the DOM (target: none over ${LONG_FRAME_MS} ms)`
  );
}

const dataDir = await tempDataDir();
// mkdtemp makes it 0700; run as root, the embedded Postgres runs as `postgres` and must traverse it.
await chmod(dataDir, 0o755);
const system = await startStandalone(dataDir);
const browser = await launchBrowser();
try {
  // The page's origin is PUBLIC_BASE_URL's, as for a seller at http://localhost:3000.
  const baseUrl = system.baseUrl.replace('127.0.0.1', 'localhost');
  const api = new ApiClient(system.baseUrl);
  const user = await registerUser(api, 'bench-web');
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();

  const signInJs = await scriptsOf(page, () => page.goto('/sign-in'));
  await signIn(page, user.email);
  // A fresh tab on the overview: the session comes back from its cookie, as after a reload.
  const overviewPage = await context.newPage();
  const overviewJs = await scriptsOf(overviewPage, async () => {
    await overviewPage.goto('/');
    await overviewPage.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  });
  process.stdout.write(
    `initial JavaScript, gzipped (target <= ${JS_TARGET_KB} kB):\n` +
      `  sign-in page        ${kb(signInJs.gzip)} (${kb(signInJs.raw)} raw, ${signInJs.files} files)\n` +
      `  signed-in overview  ${kb(overviewJs.gzip)} (${kb(overviewJs.raw)} raw, ${overviewJs.files} files)\n`,
  );

  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await overviewPage.goto('/');
    await overviewPage.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    times.push(performance.now() - started);
  }
  process.stdout.write(
    `navigation to the signed-in overview, warm cache (target <= ${OVERVIEW_TARGET_MS} ms): median ` +
      `${median(times).toFixed(0)} ms (runs: ${times.map((time) => time.toFixed(0)).join(', ')})\n`,
  );

  await seedProducts(api, user, PRODUCTS);
  process.stdout.write(
    `product table with ${PRODUCTS} products: ${await productTableFrames(overviewPage)}\n`,
  );
  await context.close();
} finally {
  await browser.close();
  await system.stop();
  await rm(dataDir, { recursive: true, force: true });
}
