import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { type Role, StartImportRequest } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import { MediaService } from '../media/media.service.js';
import type { Caller } from '../products/products.service.js';
import { ImportImageRetries } from './import-image-retries.js';
import { ImportsService } from './imports.service.js';

// An image host that is down at import time and back later: the failed URLs are warnings, then retried.
let db: TestDatabase;
let dataDir: string;
let moduleRef: TestingModule;
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
  db = await createTestDatabase('shopcast_import_image_retries');
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-import-image-retries-'));
  const config = testConfig({
    DATABASE_URL: db.url,
    SHOPCAST_DATA_DIR: dataDir,
    SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
  });
  moduleRef = await Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] }).compile();
  await moduleRef.init();
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => imageServer?.close(resolve));
  await moduleRef?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): Caller {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

async function sourceStatuses(workspaceId: string): Promise<string[]> {
  const rows = await moduleRef
    .get(DataSource)
    .query<Array<{ status: string }>>(
      'SELECT status FROM product_image_sources WHERE workspace_id = $1 ORDER BY url',
      [workspaceId],
    );
  return rows.map((row) => row.status);
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
      await eventually(
        () => sourceStatuses(workspaceId),
        (s) => s[0] !== 'pending',
      ),
    ).toEqual(['failed']);
    const failedReport = await moduleRef.get(ImportsService).get(owner, report.id);
    expect(failedReport.warnings).toEqual([
      expect.objectContaining({ line: 2, externalId: 'L1', message: expect.stringContaining('/photo.jpg') }),
    ]);

    const retries = moduleRef.get(ImportImageRetries);
    // Another workspace does not see the import; a viewer may not change it.
    await expect(retries.retry(callerIn(), report.id)).rejects.toMatchObject({ status: 404 });
    await expect(retries.retry(callerIn(workspaceId, 'viewer'), report.id)).rejects.toMatchObject({
      status: 403,
    });
    expect(await sourceStatuses(workspaceId)).toEqual(['failed']);

    isImageHostUp = true;
    expect(await retries.retry(owner, report.id)).toEqual({ importId: report.id, requeued: 1 });
    expect(
      await eventually(
        () => sourceStatuses(workspaceId),
        (s) => s[0] !== 'pending',
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
