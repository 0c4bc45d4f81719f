import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registerUser, type Session } from '../e2e/api-client.js';
import { joinWorkspace } from '../e2e/team.js';
import { pollUntil } from '../support/polling.js';
import { plainJpeg } from '../fixtures/images.js';
import { PHONE } from './browser.js';
import { signIn, startWebSystem, type WebSystem } from './web-system.js';
import { SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

interface ProductBody {
  id: string;
  title: string;
  status: string;
}
interface MediaBody {
  id: string;
  status: string;
}

// Flows 2 and 3: the catalog (table, form, URL prefill, photos, archive) and the import of a CSV.
describe('web app: products and imports', () => {
  let system: WebSystem;
  let shop: Server;
  let shopUrl: string;

  beforeAll(async () => {
    // The product page and its photo are served from loopback, which only this setting lets Shopcast read;
    // every import runs as a background job, so the page shows its progress.
    system = await startWebSystem({ SHOPCAST_ALLOW_PRIVATE_URLS: 'true', IMPORT_INLINE_MAX_BYTES: '0' });
    const photo = await plainJpeg(900, 700, 3);
    shop = createServer((request, response) => {
      if (request.url === '/photo.jpg') {
        response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
        return;
      }
      const product = {
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Linen apron',
        description: 'Stonewashed linen, one size.',
        sku: 'APRON-1',
        image: `${shopUrl}/photo.jpg`,
        offers: { '@type': 'Offer', price: '34.50', priceCurrency: 'EUR' },
      };
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html><head><title>Apron</title><script type="application/ld+json">${JSON.stringify(product)}</script></head><body></body></html>`,
        );
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    shop?.close();
    await system?.stop();
  }, SYSTEM_STOP_TIMEOUT);

  const createProduct = async (user: Session, body: Record<string, unknown>) => {
    const created = await system.api.post<ProductBody>('/api/v1/products', body, user.token);
    expect(created.status).toBe(201);
    return created.body;
  };
  const mediaOf = async (user: Session, productId: string) =>
    (await system.api.get<MediaBody[]>(`/api/v1/products/${productId}/media`, user.token)).body;

  it('creates a product: prefilled from its page, a field error shown at the field, then saved with its photo', async () => {
    const { web } = await system.signedIn('seller');
    const { page } = web;
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'No products yet' }).waitFor();
    await restMouse(page);
    await web.checkPage('products-empty');
    await page.getByRole('button', { name: 'Add a product' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New product' }).waitFor();

    await page.getByLabel('Product page URL').fill(`${shopUrl}/apron`);
    await page.getByRole('button', { name: 'Prefill' }).click();
    await page.getByText('1 photo from it will be added when you save.').waitFor();
    await expect(page.getByLabel(/^Title/).inputValue()).resolves.toBe('Linen apron');
    await expect(page.getByLabel('Price', { exact: true }).inputValue()).resolves.toBe('34.5');
    await expect(page.getByLabel('Currency', { exact: true }).inputValue()).resolves.toBe('EUR');
    await expect(page.getByLabel('SKU').inputValue()).resolves.toBe('APRON-1');

    // The server's own message lands at the field it is about.
    await page.getByLabel('Destination URL').fill('shop.example/apron');
    web.expectFailure(400, /\/api\/v1\/products$/);
    await page.getByRole('button', { name: 'Add product' }).click();
    const destination = page.getByLabel('Destination URL');
    await page.getByText('destinationUrl must be an http or https URL').waitFor();
    await expect(destination.getAttribute('aria-invalid')).resolves.toBe('true');
    await web.checkPage('product-new-error');

    await destination.fill('https://shop.example/apron');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Linen apron' }).waitFor();
    // The photo named by the page is fetched and processed in the background; the page follows it.
    await page.getByRole('button', { name: /Show 6 variants of photo 1/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByLabel('Price', { exact: true }).inputValue()).resolves.toBe('34.5');
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('uploads photos by drag and drop, shows every variant, reorders them and archives the product', async () => {
    const { web, user } = await system.signedIn('photographer');
    const { page } = web;
    const product = await createProduct(user, { title: 'Walnut board', priceMinor: 4200, currency: 'USD' });
    await page.goto(`/products/${product.id}`);
    await page.getByRole('heading', { level: 1, name: 'Walnut board' }).waitFor();
    await page.getByText('No photos yet: drop some above.').waitFor();

    const files = await Promise.all(
      [1, 2].map(async (seed) => ({
        name: `board-${seed}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await plainJpeg(1200, 900, seed),
      })),
    );
    // A slow upload link, so each file's own progress bar is there to see.
    const network = await web.context.newCDPSession(page);
    const throttle = (uploadThroughput: number) =>
      network.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await throttle(4 * 1024);
    await dropFiles(page, files);
    await page.getByRole('progressbar', { name: 'Uploading board-1.jpg' }).waitFor();
    await page.getByRole('progressbar', { name: 'Uploading board-2.jpg' }).waitFor();
    await page.getByRole('listitem', { name: 'Photo 2' }).waitFor({ timeout: 30_000 });
    await throttle(-1);
    await page.getByRole('button', { name: /Show 6 variants of photo 1/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /Show 6 variants of photo 2/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /Show 6 variants of photo 1/ }).click();
    for (const variant of ['story', 'portrait', 'square', 'pin', 'landscape', 'marketplace']) {
      const image = page.getByRole('img', { name: `Photo 1, ${variant} variant` });
      await image.scrollIntoViewIfNeeded();
      // Loaded and decoded: the signed URL served a real image.
      await pollUntil(
        () => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
        (width) => width > 0,
        'the variant image loaded',
      );
    }
    await web.checkPage('product-photos');

    const before = (await mediaOf(user, product.id)).map((asset) => asset.id);
    await page.getByRole('button', { name: 'Move photo 1 later' }).focus();
    await page.keyboard.press('Enter');
    await pollUntil(
      () => mediaOf(user, product.id),
      (media) => media[0]?.id === before[1],
      'the photos are reordered',
    );
    expect((await mediaOf(user, product.id)).map((asset) => asset.id)).toEqual([before[1], before[0]]);

    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive this product?' });
    await dialog.getByRole('button', { name: 'Archive product' }).click();
    await page.getByText('Archived', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    const stored = await system.api.get<ProductBody>(`/api/v1/products/${product.id}`, user.token);
    expect(stored.body.status).toBe('archived');
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('searches, filters and sorts the catalog, loading more rows as the person scrolls', async () => {
    const { web, user } = await system.signedIn('catalog', PHONE);
    const { page } = web;
    const products = Array.from({ length: 230 }, (_, index) => ({
      sku: `SKU-${index}`,
      title: `${index % 2 === 0 ? 'Ceramic' : 'Wooden'} item ${String(index).padStart(3, '0')}`,
      price: String(10 + index),
      currency: 'USD',
    }));
    products.push({
      sku: 'LONG',
      title: `Very long name ${'that keeps going '.repeat(8)}`,
      price: '1',
      currency: 'USD',
    });
    const imported = await system.api.post<{ id: string; status: string }>(
      '/api/v1/products/import',
      { products },
      user.token,
    );
    expect(imported.status).toBe(202);
    await pollUntil(
      async () =>
        (await system.api.get<{ status: string }>(`/api/v1/imports/${imported.body.id}`, user.token)).body,
      (report) => report.status === 'completed',
      'the import completed',
    );

    await page.goto('/products');
    const table = page.getByRole('table', { name: 'Products' });
    await table.getByRole('link').first().waitFor();
    const sortBy = async (option: string) => {
      await page.getByRole('combobox', { name: 'Sort by' }).click();
      await page.getByRole('option', { name: option }).click();
    };
    await sortBy('Price, low to high');
    await waitForFirstRow(page, products.at(-1)!.title.trim());
    await web.checkPage('products-table');

    // Scrolling to the end loads the next pages until the most expensive product shows.
    const last = table.getByRole('link', { name: 'Wooden item 229' });
    for (let attempt = 0; attempt < 30 && !(await last.isVisible()); attempt += 1) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(150);
    }
    await last.waitFor();

    await sortBy('Price, high to low');
    await waitForFirstRow(page, 'Wooden item 229');
    await sortBy('Title A–Z');
    await waitForFirstRow(page, 'Ceramic item 000');

    await page.getByLabel('Search').fill('wooden 22');
    await table.getByRole('link', { name: 'Wooden item 229' }).waitFor();
    await expect(table.getByRole('link').count()).resolves.toBe(5); // 221, 223, 225, 227 and 229
    await page.getByLabel('Search').fill('teapot');
    await page.getByRole('heading', { name: 'No products match' }).waitFor();
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await table.waitFor();
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('imports a CSV: columns mapped, rows previewed, live progress, then the report with the rejected line', async () => {
    const { web } = await system.signedIn('importer');
    const { page } = web;
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import products' }).waitFor();
    await restMouse(page);
    await web.checkPage('imports-empty');

    const csv = [
      'Product label,Price,Code,Currency,Notes',
      '"Oak stool, small",45.00,ST-1,EUR,first',
      'Oak stool large,65.00,ST-2,EUR,"two',
      'lines"',
      'Broken price,abc,ST-3,EUR,',
      'Oak bench,120,ST-4,EUR,',
    ].join('\n');
    await dropFiles(page, [{ name: 'stools.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await page.getByText('stools.csv: 4 rows, 5 columns.').waitFor();
    // "Product label" is no name Shopcast knows for a title: the person maps it.
    await page.getByRole('combobox', { name: 'Title', exact: true }).click();
    await page.getByRole('option', { name: 'Product label' }).click();
    await page.getByRole('combobox', { name: 'SKU', exact: true }).click();
    await page.getByRole('option', { name: 'Code' }).click();
    const preview = page.getByRole('table', { name: 'Preview of the first rows' });
    await preview.getByRole('cell', { name: 'Oak stool, small' }).waitFor();
    await preview.getByRole('cell', { name: 'ST-2' }).waitFor();
    await web.checkPage('imports-mapping');

    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await page.getByText('Done: 4 rows read').waitFor();
    const outcome = page.getByLabel('Outcome');
    await outcome.getByText('Created').waitFor();
    await expect(page.getByRole('table', { name: 'Rejected rows' }).getByRole('row').count()).resolves.toBe(
      2,
    );
    const rejected = page.getByRole('table', { name: 'Rejected rows' }).getByRole('row').nth(1);
    await expect(rejected.getByRole('cell').first().textContent()).resolves.toBe('5');
    await expect(rejected.textContent()).resolves.toMatch(/ST-3.*price/i);
    await web.checkPage('import-report');

    await page.getByRole('link', { name: 'See your products' }).click();
    await page.getByRole('link', { name: 'Oak stool, small' }).waitFor();
    web.assertNoProblems();
    await web.close();
  }, 90_000);

  it('shows a viewer the catalog and imports read-only, with the reason on every action', async () => {
    const owner = await registerUser(system.api, 'owner');
    const viewer = await registerUser(system.api, 'viewer');
    const product = await createProduct(owner, { title: 'Copper kettle' });
    await joinWorkspace(system.api, system.outboxDir, owner, viewer, 'viewer');
    const me = await system.api.get<{ workspace: { name: string } }>('/api/v1/auth/me', owner.token);

    const web = await system.open(PHONE);
    const { page } = web;
    await signIn(web, viewer.email);
    await page.getByRole('button', { name: /switch workspace/ }).click();
    await page.getByRole('menuitem', { name: new RegExp(me.body.workspace.name) }).click();
    await page.getByRole('button', { name: `${me.body.workspace.name}, switch workspace` }).waitFor();

    await page.goto('/products');
    await page.getByRole('link', { name: 'Copper kettle' }).waitFor();
    const reason = 'Viewers can look but not change anything in this workspace.';
    await expect(
      page.getByRole('button', { name: 'Add a product' }).getAttribute('aria-disabled'),
    ).resolves.toBe('true');
    await web.checkPage('products-viewer');

    await page.getByRole('link', { name: 'Copper kettle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Copper kettle' }).waitFor();
    await expect(page.getByLabel(/^Title/).isDisabled()).resolves.toBe(true);
    const save = page.getByRole('button', { name: 'Save changes' });
    await expect(save.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(
      save.getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).textContent()),
    ).resolves.toBe(reason);
    await expect(page.getByRole('button', { name: 'Archive' }).getAttribute('aria-disabled')).resolves.toBe(
      'true',
    );
    await page.getByText('Uploading is not open to viewers').waitFor();
    await web.checkPage('product-viewer');

    await page.goto('/imports');
    await page.getByText('Importing is not open to viewers').waitFor();
    web.assertNoProblems();
    await web.close();
    expect(product.status).toBe('active');
  }, 90_000);
});

/** Moves the pointer off the navigation, so the page is checked as it looks, not as one link looks hovered. */
async function restMouse(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.mouse.move((size?.width ?? 800) - 10, (size?.height ?? 600) - 10);
}

/** Puts files on the page's file input, as choosing them in the drop zone does. */
async function dropFiles(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
  await page.locator('input[type="file"]').setInputFiles(files);
}

async function waitForFirstRow(page: Page, title: string): Promise<void> {
  const firstLink = page.getByRole('table', { name: 'Products' }).getByRole('link').first();
  await pollUntil(
    () => firstLink.textContent(),
    (text) => text === title,
    `the first row is ${title}`,
    15_000,
  );
}
