import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CreateMediaFromUploadRequest, type MediaAssetView, type Role } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, uploadKeyOf } from '@app/storage';
import { plainJpeg, pngBomb } from '../../../../test/fixtures/images.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from '../products/products.service.js';
import { MediaService } from './media.service.js';
import { domainErrorOf } from '../../../../test/support/domain-errors.js';
import { pollUntil } from '../../../../test/support/polling.js';

let db: TestDatabase;
let dataDir: string;
let moduleRef: TestingModule;
let media: MediaService;
let products: ProductsService;
let blobs: BlobStore;
let dataSource: DataSource;
let imageServer: Server;
let imageServerUrl: string;

beforeAll(async () => {
  db = await createTestDatabase('shopcast_media');
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-media-'));
  const config = testConfig({
    DATABASE_URL: db.url,
    SHOPCAST_DATA_DIR: dataDir,
    SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
  });
  moduleRef = await Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] }).compile();
  await moduleRef.init();
  media = moduleRef.get(MediaService);
  products = moduleRef.get(ProductsService);
  blobs = moduleRef.get(BLOB_STORE);
  dataSource = moduleRef.get(DataSource);
  const photo = await plainJpeg(640, 480, 99);
  imageServer = createServer((request, response) => {
    if (request.url === '/photo.jpg')
      return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  const address = imageServer.address();
  imageServerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => imageServer?.close(resolve));
  await moduleRef?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

async function newProduct(caller: RequestContext): Promise<string> {
  return (await products.create(caller, { title: 'Lamp' })).id;
}

/** Stores bytes where the gateway would, then hands them to the service. */
async function upload(caller: RequestContext, productId: string, bytes: Buffer): Promise<MediaAssetView> {
  const uploadKey = uploadKeyOf(caller.principal.workspaceId, randomUUID());
  await blobs.put(uploadKey, bytes);
  return media.createFromUpload(
    caller,
    await validateDto(CreateMediaFromUploadRequest, { productId, uploadKey }),
  );
}

function settled(caller: RequestContext, id: string): Promise<MediaAssetView> {
  return pollUntil(
    () => media.get(caller, id),
    (view) => view.status !== 'processing',
    `media ${id} processed`,
  );
}

describe('media', () => {
  it('accepts an upload as processing, then a job makes it ready with every variant and an event', async () => {
    const owner = callerIn();
    const productId = await newProduct(owner);
    const created = await upload(owner, productId, await plainJpeg(1600, 1200, 1));
    expect(created).toMatchObject({
      status: 'processing',
      kind: 'image',
      width: 1600,
      height: 1200,
      isPrimary: true,
    });
    const ready = await settled(owner, created.id);
    expect(ready.status).toBe('ready');
    expect(ready.variants.map((variant) => variant.name).sort()).toEqual([
      'landscape',
      'marketplace',
      'master',
      'pin',
      'portrait',
      'square',
      'story',
      'thumbnail',
    ]);
    expect(ready.variants.find((variant) => variant.name === 'story')).toMatchObject({
      width: 1080,
      height: 1920,
    });
    const [event] = await dataSource.query(
      "SELECT correlation_id, payload FROM outbox WHERE subject = 'content.media.processed' AND workspace_id = $1",
      [owner.principal.workspaceId],
    );
    expect(event.payload).toMatchObject({ mediaId: created.id, productId, status: 'ready' });
    // The processing job's event continues the request chain of the upload.
    expect(event.correlation_id).toBe(owner.correlationId);
    expect(event.payload.variants).toHaveLength(8);
  }, 60_000);

  it('deduplicates identical bytes within a workspace, not across workspaces', async () => {
    const owner = callerIn();
    const productId = await newProduct(owner);
    const bytes = await plainJpeg(300, 300, 2);
    const first = await upload(owner, productId, bytes);
    const second = await upload(owner, productId, bytes);
    expect(second.id).toBe(first.id);
    expect(await media.listForProduct(owner, productId)).toHaveLength(1);
    const stranger = callerIn();
    const theirs = await upload(stranger, await newProduct(stranger), bytes);
    expect(theirs.id).not.toBe(first.id);
  });

  it('refuses a bomb and a text file with 400 and keeps nothing', async () => {
    const owner = callerIn();
    const productId = await newProduct(owner);
    expect(await domainErrorOf(upload(owner, productId, pngBomb()))).toMatchObject({ status: 400 });
    expect(await domainErrorOf(upload(owner, productId, Buffer.from('not an image')))).toMatchObject({
      status: 400,
    });
    expect(await media.listForProduct(owner, productId)).toEqual([]);
  });

  it('imports an image from a URL, refusing private addresses unless allowed', async () => {
    const owner = callerIn();
    const productId = await newProduct(owner);
    const fetched = await media.createFromUrl(owner, { productId, url: `${imageServerUrl}/photo.jpg` });
    expect(fetched).toMatchObject({ kind: 'image', width: 640, height: 480 });
    expect(
      await domainErrorOf(media.createFromUrl(owner, { productId, url: `${imageServerUrl}/missing.jpg` })),
    ).toMatchObject({
      status: 400,
    });
  });

  it('reorders (first is primary), deletes, and hides everything from another workspace', async () => {
    const owner = callerIn();
    const productId = await newProduct(owner);
    const a = await upload(owner, productId, await plainJpeg(200, 200, 3));
    const b = await upload(owner, productId, await plainJpeg(200, 200, 4));
    const reordered = await media.reorder(owner, { productId, mediaIds: [b.id, a.id] });
    expect(reordered.map((item) => [item.id, item.isPrimary])).toEqual([
      [b.id, true],
      [a.id, false],
    ]);

    const stranger = callerIn();
    expect(await domainErrorOf(media.get(stranger, a.id))).toMatchObject({ status: 404 });
    expect(await domainErrorOf(media.delete(stranger, a.id))).toMatchObject({ status: 404 });
    expect(await domainErrorOf(media.listForProduct(stranger, productId))).toMatchObject({ status: 404 });
    expect(await domainErrorOf(media.reorder(stranger, { productId, mediaIds: [a.id, b.id] }))).toMatchObject(
      {
        status: 404,
      },
    );
    const strangerProduct = await newProduct(stranger);
    expect(
      await domainErrorOf(media.reorder(stranger, { productId: strangerProduct, mediaIds: [a.id] })),
    ).toMatchObject({
      status: 404,
    });
    expect(await domainErrorOf(upload(stranger, productId, await plainJpeg(50, 50, 5)))).toMatchObject({
      status: 404,
    });
    expect(
      await domainErrorOf(media.createFromUrl(stranger, { productId, url: `${imageServerUrl}/photo.jpg` })),
    ).toMatchObject({ status: 404 });
    const foreignUpload = uploadKeyOf(owner.principal.workspaceId, randomUUID());
    expect(
      await domainErrorOf(
        media.createFromUpload(stranger, { productId: strangerProduct, uploadKey: foreignUpload }),
      ),
    ).toMatchObject({ status: 404 });

    await settled(owner, b.id);
    await media.delete(owner, b.id);
    const remaining = await media.listForProduct(owner, productId);
    expect(remaining.map((item) => [item.id, item.isPrimary])).toEqual([[a.id, true]]);
  }, 60_000);
});
