import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { type MediaAssetView, NotFoundError } from '@app/contracts';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { type S3Server, startS3Server } from '../../../../test/fakes/s3-server.js';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from '../products/products.service.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { callerIn, type ContentHarness, startContent, uploadMedia } from '../../test/content-harness.js';
import { MediaService } from './media.service.js';

// Deleting media removes its files (original and every variant) once the delete commits, on both drivers.
describe.each(['fs', 's3'] as const)('media file removal with the %s driver', (driver) => {
  let s3: S3Server | undefined;
  let content: ContentHarness;
  let moduleRef: ContentHarness['moduleRef'];
  let blobs: BlobStore;

  beforeAll(async () => {
    s3 = driver === 's3' ? await startS3Server() : undefined;
    const env: Record<string, string> = s3
      ? {
          STORAGE_DRIVER: 's3',
          S3_ENDPOINT: s3.endpoint,
          S3_ACCESS_KEY: s3.accessKey,
          S3_SECRET_KEY: s3.secretKey,
          S3_BUCKET: `cleanup-${randomUUID().slice(0, 8)}`,
        }
      : {};
    content = await startContent({ database: `shopcast_media_cleanup_${driver}`, env });
    moduleRef = content.moduleRef;
    blobs = moduleRef.get(BLOB_STORE);
  }, 60_000);

  afterAll(async () => {
    await content?.close();
    await s3?.close();
  });

  async function readyMedia(
    caller: RequestContext,
    productId: string,
    seed: number,
  ): Promise<MediaAssetView> {
    const asset = await uploadMedia(content, caller, productId, await plainJpeg(800, 600, seed));
    expect(asset.status).toBe('ready');
    return asset;
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
      await pollUntil(
        () => stored(doomedKeys),
        (left) => left.length === 0,
        'deleted files',
        30_000,
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
      await pollUntil(
        () => stored(keys),
        (left) => left.length === 0,
        'deleted files',
        30_000,
      ),
    ).toEqual([]);
    expect(await stored(otherKeys)).toEqual(otherKeys);
  }, 90_000);

  it('leaves files in place when the delete is refused (another workspace)', async () => {
    const caller = callerIn();
    const product = await moduleRef.get(ProductsService).create(caller, { title: 'Bowl' });
    const asset = await readyMedia(caller, product.id, 6);
    const keys = await keysOf(asset.id);
    await expect(moduleRef.get(MediaService).delete(callerIn(), asset.id)).rejects.toThrow(NotFoundError);
    await expect(moduleRef.get(ProductsService).delete(callerIn(), product.id)).rejects.toThrow(
      NotFoundError,
    );
    // Removals run one at a time in the order they were queued: once one queued after the refused deletes has
    // run, any they had queued has run too.
    const later = await readyMedia(caller, product.id, 7);
    const laterKeys = await keysOf(later.id);
    await moduleRef.get(MediaService).delete(caller, later.id);
    await pollUntil(
      () => stored(laterKeys),
      (left) => left.length === 0,
      'the later removal',
      30_000,
    );
    expect(await stored(keys)).toEqual(keys);
  }, 90_000);
});
