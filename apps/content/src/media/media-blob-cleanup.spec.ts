import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CreateMediaFromUploadRequest, type MediaAssetView } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { type S3Server, startS3Server } from '../../../../test/fakes/s3-server.js';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import { type Caller, ProductsService } from '../products/products.service.js';
import { MediaService } from './media.service.js';

// Deleting media removes its files (original and every variant) once the delete commits, on both drivers.
describe.each(['fs', 's3'] as const)('media file removal with the %s driver', (driver) => {
  let db: TestDatabase;
  let dataDir: string;
  let s3: S3Server | undefined;
  let moduleRef: TestingModule;
  let blobs: BlobStore;

  beforeAll(async () => {
    db = await createTestDatabase(`shopcast_media_cleanup_${driver}`);
    dataDir = await mkdtemp(join(tmpdir(), 'shopcast-media-cleanup-'));
    s3 = driver === 's3' ? await startS3Server() : undefined;
    const config = testConfig({
      DATABASE_URL: db.url,
      SHOPCAST_DATA_DIR: dataDir,
      ...(s3
        ? {
            STORAGE_DRIVER: 's3',
            S3_ENDPOINT: s3.endpoint,
            S3_ACCESS_KEY: s3.accessKey,
            S3_SECRET_KEY: s3.secretKey,
            S3_BUCKET: `cleanup-${randomUUID().slice(0, 8)}`,
          }
        : {}),
    });
    moduleRef = await Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] }).compile();
    await moduleRef.init();
    blobs = moduleRef.get(BLOB_STORE);
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
    await s3?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function callerIn(workspaceId = randomUUID()): Caller {
    return { principal: { userId: randomUUID(), workspaceId, role: 'owner' }, correlationId: randomUUID() };
  }

  async function readyMedia(caller: Caller, productId: string, seed: number): Promise<MediaAssetView> {
    const uploadKey = uploadKeyOf(caller.principal.workspaceId, randomUUID());
    await blobs.put(uploadKey, await plainJpeg(800, 600, seed));
    const media = moduleRef.get(MediaService);
    const created = await media.createFromUpload(
      caller,
      await validateDto(CreateMediaFromUploadRequest, { productId, uploadKey }),
    );
    return eventually(
      () => media.get(caller, created.id),
      (view) => view.status === 'ready',
    );
  }

  /** Every storage key of the asset: its original and its variants, as the database records them. */
  async function keysOf(mediaId: string): Promise<string[]> {
    const rows = await moduleRef.get(DataSource).query<Array<{ key: string }>>(
      `SELECT original_key AS key FROM media_assets WHERE id = $1
       UNION ALL SELECT storage_key FROM media_variants WHERE media_id = $1`,
      [mediaId],
    );
    return rows.map((row) => row.key);
  }

  async function stored(keys: string[]): Promise<string[]> {
    const sizes = await Promise.all(keys.map((key) => blobs.stat(key)));
    return keys.filter((_, index) => sizes[index] !== null);
  }

  it('removes the original and the variants of a deleted asset, and only those', async () => {
    const caller = callerIn();
    const product = await moduleRef.get(ProductsService).create(caller, { title: 'Lamp' });
    const doomed = await readyMedia(caller, product.id, 1);
    const kept = await readyMedia(caller, product.id, 2);
    const doomedKeys = await keysOf(doomed.id);
    const keptKeys = await keysOf(kept.id);
    expect(doomedKeys.length).toBeGreaterThan(5);
    expect(await stored(doomedKeys)).toEqual(doomedKeys);

    await moduleRef.get(MediaService).delete(caller, doomed.id);
    expect(await keysOf(doomed.id)).toEqual([]);
    expect(
      await eventually(
        () => stored(doomedKeys),
        (left) => left.length === 0,
      ),
    ).toEqual([]);
    expect(await stored(keptKeys)).toEqual(keptKeys);
  }, 90_000);

  it("removes the files of all of a deleted product's media", async () => {
    const caller = callerIn();
    const products = moduleRef.get(ProductsService);
    const product = await products.create(caller, { title: 'Vase' });
    const other = await products.create(caller, { title: 'Cup' });
    const first = await readyMedia(caller, product.id, 3);
    const second = await readyMedia(caller, product.id, 4);
    const others = await readyMedia(caller, other.id, 5);
    const keys = [...(await keysOf(first.id)), ...(await keysOf(second.id))];
    const otherKeys = await keysOf(others.id);

    await products.delete(caller, product.id);
    expect(await keysOf(first.id)).toEqual([]);
    expect(
      await eventually(
        () => stored(keys),
        (left) => left.length === 0,
      ),
    ).toEqual([]);
    expect(await stored(otherKeys)).toEqual(otherKeys);
  }, 90_000);

  it('leaves files in place when the delete is refused (another workspace)', async () => {
    const caller = callerIn();
    const product = await moduleRef.get(ProductsService).create(caller, { title: 'Bowl' });
    const asset = await readyMedia(caller, product.id, 6);
    const keys = await keysOf(asset.id);
    await expect(moduleRef.get(MediaService).delete(callerIn(), asset.id)).rejects.toThrow();
    await expect(moduleRef.get(ProductsService).delete(callerIn(), product.id)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stored(keys)).toEqual(keys);
  }, 90_000);
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
