import { describe, expect, it } from '@jest/globals';
import { PHONE } from './browser.js';
import { webSystemForSuite } from './web-system.js';

interface Post {
  id: string;
  scheduledAt: string | null;
}

// Bulk scheduling in the browser: a CSV checked first (the rejected row named by its line), then imported.
describe('web app: import posts', () => {
  const suite = webSystemForSuite();

  it('checks a file, shows the rejected row by line, then imports the good rows with progress', async () => {
    const system = suite.get();
    const { web, user } = await system.signedIn('bulk-web');
    const { page } = web;
    await system.api.post('/api/v1/connections', { platform: 'manual', name: 'Shop notes' }, user.token);
    await system.api.post('/api/v1/products', { title: 'Blue mug', externalId: 'MUG-1' }, user.token);
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'product,connections,text,scheduledAt',
      `MUG-1,Shop notes,Mug of the day,${day}T09:00:00Z`,
      `MUG-1,Shop notes,"Two lines,\nof mug",${day}T18:00:00Z`,
      `MUG-1,Nobody,Lost,${day}T10:00:00Z`,
    ].join('\n');

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('link', { name: 'Import posts' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Import posts' }).waitFor();
    await web.checkPage('post-imports-empty');

    await page
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await rejected.getByRole('cell', { name: 'connection "Nobody" was not found by id or name' }).waitFor();
    await expect(rejected.getByRole('row').nth(1).getByRole('cell').first().textContent()).resolves.toBe('5');
    await web.checkPage('post-imports-checked');
    expect((await system.api.get<Post[]>('/api/v1/posts', user.token)).body).toEqual([]);

    await page.getByRole('button', { name: 'Import 2 posts' }).click();
    await page.getByText('Created 2 posts; 1 row left out.').waitFor();
    await web.checkPage('post-imports-done');
    const posts = (await system.api.get<Post[]>('/api/v1/posts', user.token)).body;
    expect(posts.map((post) => post.scheduledAt).sort()).toEqual([
      `${day}T09:00:00.000Z`,
      `${day}T18:00:00.000Z`,
    ]);
    await page.getByRole('link', { name: 'See them in the calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    web.assertNoProblems();
    await web.close();

    const phone = (await system.signedIn('bulk-phone', PHONE)).web;
    await phone.page.goto('/posts/import');
    await phone.page.getByRole('heading', { level: 1, name: 'Import posts' }).waitFor();
    await phone.checkPage('post-imports-phone');
    phone.assertNoProblems();
    await phone.close();
  }, 120_000);
});
