import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import sharp from 'sharp';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { type S3Server, startS3Server } from '../../../../test/fakes/s3-server.js';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import { ProductsService } from '../products/products.service.js';
import { MediaService } from './media.service.js';
import { pollUntil } from '../../../../test/support/polling.js';

// The media pipeline with STORAGE_DRIVER=s3: a direct upload through a presigned PUT, processing, and variants
// served by the bucket's presigned GET URLs.
let db: TestDatabase;
let s3: S3Server;
let moduleRef: TestingModule;

beforeAll(async () => {
  db = await createTestDatabase('shopcast_media_s3');
  s3 = await startS3Server();
  const config = testConfig({
    DATABASE_URL: db.url,
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: `media-${randomUUID().slice(0, 8)}`,
  });
  moduleRef = await Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] }).compile();
  await moduleRef.init();
}, 60_000);

afterAll(async () => {
  await moduleRef?.close();
  await s3?.close();
  await db?.drop();
});

describe('media on S3-compatible storage', () => {
  it('takes a direct upload, processes it, and serves variants through presigned URLs', async () => {
    const media = moduleRef.get(MediaService);
    const blobs = moduleRef.get<BlobStore>(BLOB_STORE);
    const workspaceId = randomUUID();
    const caller = {
      principal: { userId: randomUUID(), workspaceId, role: 'owner' as const },
      correlationId: randomUUID(),
    };
    const product = await moduleRef.get(ProductsService).create(caller, { title: 'Vase' });

    const uploadKey = uploadKeyOf(workspaceId, randomUUID());
    const uploadUrl = await blobs.uploadUrl(uploadKey, 60);
    const put = await fetch(uploadUrl!, {
      method: 'PUT',
      body: new Uint8Array(await plainJpeg(900, 600, 21)),
    });
    expect(put.status).toBe(200);
    const created = await media.createFromUpload(caller, { productId: product.id, uploadKey });
    expect(created.status).toBe('processing');
    expect(await blobs.stat(uploadKey)).toBeNull();

    const ready = await pollUntil(
      () => media.get(caller, created.id),
      (view) => view.status !== 'processing',
      `media ${created.id} processed`,
    );
    expect(ready.status).toBe('ready');
    const square = ready.variants.find((variant) => variant.name === 'square')!;
    expect(square.url).toMatch(/X-Amz-Signature=/);
    const fetched = await fetch(square.url);
    expect(fetched.status).toBe(200);
    const size = await sharp(Buffer.from(await fetched.arrayBuffer())).metadata();
    expect([size.width, size.height]).toEqual([1080, 1080]);
  }, 60_000);
});
