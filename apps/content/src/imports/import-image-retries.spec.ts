import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { DataSource } from 'typeorm';
import { StartImportRequest } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { MediaService } from '../media/media.service.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { callerIn, type ContentHarness, startContent } from '../../test/content-harness.js';
import { ImportImageRetries } from './import-image-retries.js';
import { ImportsService } from './imports.service.js';

// An image host that is down at import time and back later: the failed URLs are warnings, then retried.
let content: ContentHarness;
let moduleRef: ContentHarness['moduleRef'];
let imageServer: Server;
let imageBase: string;
let isImageHostUp = false;

beforeAll(async () => {
  const photo = await plainJpeg(400, 300, 77);
  imageServer = createServer((request, response) => {
    if (request.url === '/photo.jpg' && isImageHostUp)
      return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  const address = imageServer.address();
  imageBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  content = await startContent({
    database: 'shopcast_import_image_retries',
    env: { SHOPCAST_ALLOW_PRIVATE_URLS: 'true' },
  });
  moduleRef = content.moduleRef;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => imageServer?.close(resolve));
  await content?.close();
});

async function sourceStatuses(workspaceId: string): Promise<string[]> {
  const rows = await moduleRef
    .get(DataSource)
    .query<Array<{ status: string }>>(
      'SELECT status FROM product_image_sources WHERE workspace_id = $1 ORDER BY url',
      [workspaceId],
    );
  return rows.map((row) => row.status);
}

describe('retrying the image URLs of an import', () => {
  it('re-queues the failed URLs of the import, which then become media', async () => {
    const owner = callerIn();
    const { workspaceId } = owner.principal;
    const blobs = moduleRef.get<BlobStore>(BLOB_STORE);
    const sourceKey = importSourceKeyOf(workspaceId, randomUUID());
    await blobs.put(sourceKey, Buffer.from(`sku,title,image\nL1,Lamp,${imageBase}/photo.jpg\n`));
    const report = await moduleRef
      .get(ImportsService)
      .start(owner, await validateDto(StartImportRequest, { sourceKey, format: 'csv' }));
    expect(report.created).toBe(1);

    expect(
      await pollUntil(
        () => sourceStatuses(workspaceId),
        (s) => s[0] !== 'pending',
        'image URL fetches',
      ),
    ).toEqual(['failed']);
    const failedReport = await moduleRef.get(ImportsService).get(owner, report.id);
    expect(failedReport.warnings).toEqual([
      expect.objectContaining({ line: 2, externalId: 'L1', message: expect.stringContaining('/photo.jpg') }),
    ]);

    const retries = moduleRef.get(ImportImageRetries);
    // Another workspace does not see the import (a viewer's retry is refused on the bus: products.handlers.spec).
    await expect(retries.retry(callerIn(), report.id)).rejects.toMatchObject({ status: 404 });
    expect(await sourceStatuses(workspaceId)).toEqual(['failed']);

    isImageHostUp = true;
    expect(await retries.retry(owner, report.id)).toEqual({ importId: report.id, requeued: 1 });
    expect(
      await pollUntil(
        () => sourceStatuses(workspaceId),
        (s) => s[0] !== 'pending',
        'image URL fetches',
      ),
    ).toEqual(['done']);
    const [productId] = (
      await moduleRef
        .get(DataSource)
        .query<Array<{ id: string }>>('SELECT id FROM products WHERE workspace_id = $1', [workspaceId])
    ).map((row) => row.id);
    expect(await moduleRef.get(MediaService).listForProduct(owner, productId)).toHaveLength(1);
    // Nothing failed is left: a second retry queues nothing.
    expect(await retries.retry(owner, report.id)).toEqual({ importId: report.id, requeued: 0 });
  }, 90_000);

  it('answers 404 for an unknown import', async () => {
    await expect(moduleRef.get(ImportImageRetries).retry(callerIn(), randomUUID())).rejects.toMatchObject({
      status: 404,
    });
  });
});
