import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { type ImportReportView, type MediaAssetView, StartImportRequest } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import { MediaService } from '../media/media.service.js';
import type { RequestContext } from '@app/messaging';
import { ProductColumns } from './import-columns.js';
import { MAX_IMAGE_URLS, mapRow } from './import-row.js';
import { ImportsService } from './imports.service.js';
import { pollUntil } from '../../../../test/support/polling.js';

/** One content service on its own database, with SHOPCAST_ALLOW_PRIVATE_URLS as given. */
class Service {
  private db!: TestDatabase;
  private dataDir!: string;
  private moduleRef!: TestingModule;
  imports!: ImportsService;
  media!: MediaService;
  blobs!: BlobStore;
  dataSource!: DataSource;

  async start(allowPrivate: boolean): Promise<this> {
    this.db = await createTestDatabase('shopcast_import_images');
    this.dataDir = await mkdtemp(join(tmpdir(), 'shopcast-import-images-'));
    const config = testConfig({
      DATABASE_URL: this.db.url,
      SHOPCAST_DATA_DIR: this.dataDir,
      SHOPCAST_ALLOW_PRIVATE_URLS: String(allowPrivate),
    });
    this.moduleRef = await Test.createTestingModule({
      imports: [ContentModule.forRoot({ config })],
    }).compile();
    await this.moduleRef.init();
    this.imports = this.moduleRef.get(ImportsService);
    this.media = this.moduleRef.get(MediaService);
    this.blobs = this.moduleRef.get(BLOB_STORE);
    this.dataSource = this.moduleRef.get(DataSource);
    return this;
  }

  async stop(): Promise<void> {
    await this.moduleRef?.close();
    await this.db?.drop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  async importCsv(caller: RequestContext, csv: string): Promise<ImportReportView> {
    const sourceKey = importSourceKeyOf(caller.principal.workspaceId, randomUUID());
    await this.blobs.put(sourceKey, Buffer.from(csv));
    return this.imports.start(caller, await validateDto(StartImportRequest, { sourceKey, format: 'csv' }));
  }

  async productId(caller: RequestContext, externalId: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM products WHERE workspace_id = $1 AND external_id = $2',
      [caller.principal.workspaceId, externalId],
    );
    if (!row) throw new Error(`no product ${externalId}`);
    return row.id;
  }

  /** Counts of what an import can create: assets and image jobs (queued, done or archived). */
  async created(): Promise<{ assets: number; jobs: number }> {
    const [row] = await this.dataSource.query<Array<{ assets: number; jobs: number }>>(
      `SELECT (SELECT count(*)::int FROM media_assets) AS assets,
              (SELECT count(*)::int FROM job WHERE name = 'content-import-image')
            + (SELECT count(*)::int FROM archive WHERE name = 'content-import-image') AS jobs`,
    );
    return row;
  }

  /** Waits until every image URL of the workspace is settled and every asset has finished processing. */
  async settled(caller: RequestContext): Promise<void> {
    await pollUntil(
      async () => {
        const [row] = await this.dataSource.query<Array<{ busy: number }>>(
          `SELECT (SELECT count(*)::int FROM product_image_sources WHERE workspace_id = $1 AND status = 'pending')
                + (SELECT count(*)::int FROM media_assets WHERE workspace_id = $1 AND status = 'processing') AS busy`,
          [caller.principal.workspaceId],
        );
        return row.busy;
      },
      (busy) => busy === 0,
      'imported images settled',
      60_000,
    );
  }

  async mediaOf(caller: RequestContext, externalId: string): Promise<MediaAssetView[]> {
    return this.media.listForProduct(caller, await this.productId(caller, externalId));
  }
}

let imageServer: Server;
let imageBase: string;

beforeAll(async () => {
  const photos = new Map<string, Buffer>();
  for (const [index, name] of ['a', 'b', 'c'].entries())
    photos.set(`/${name}.jpg`, await plainJpeg(400, 300, 40 + index));
  imageServer = createServer((request, response) => {
    const photo = photos.get(request.url ?? '');
    if (photo) return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  const address = imageServer.address();
  imageBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => imageServer?.close(resolve));
});

function callerIn(workspaceId: string = randomUUID()): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role: 'owner' }, correlationId: randomUUID() };
}

describe('image URLs of imported rows', () => {
  it('keeps at most the cap and the valid http(s) URLs of a row, warning about the rest', () => {
    const urls = Array.from({ length: MAX_IMAGE_URLS + 2 }, (_, i) => `https://cdn.example/${i}.jpg`);
    const record = {
      sku: 'X1',
      title: 'Lamp',
      images: ['ftp://cdn.example/x.jpg', 'not a url', ...urls, urls[0]].join(' | '),
    };
    const outcome = mapRow(record, new ProductColumns().resolve(Object.keys(record)), {}, 'USD');
    expect(outcome.kind).toBe('product');
    if (outcome.kind !== 'product') return;
    expect(outcome.product.imageUrls).toEqual(urls.slice(0, MAX_IMAGE_URLS));
    expect(outcome.warnings).toEqual([
      'imageUrls: "ftp://cdn.example/x.jpg" is not an http or https URL; ignored',
      'imageUrls: "not" is not an http or https URL; ignored',
      'imageUrls: "a" is not an http or https URL; ignored',
      'imageUrls: "url" is not an http or https URL; ignored',
      `imageUrls: ${MAX_IMAGE_URLS + 2} image URLs; only the first ${MAX_IMAGE_URLS} are imported`,
    ]);
  });

  describe('with private URLs allowed', () => {
    let service: Service;

    beforeAll(async () => {
      service = await new Service().start(true);
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
    });

    it('fetches them in the background into ready media of the right product; a re-import adds nothing', async () => {
      const owner = callerIn();
      const csv = [
        'SKU,Title,Image URLs',
        `P1,Lamp,"${imageBase}/a.jpg | ${imageBase}/b.jpg | javascript:alert(1)"`,
        `P2,Mug,${imageBase}/c.jpg`,
        `P3,Rug,${imageBase}/missing.jpg`,
        'P4,Chair,',
      ].join('\n');
      const report = await service.importCsv(owner, csv);
      expect(report).toMatchObject({ status: 'completed', created: 4, rejected: 0 });
      expect(report.warnings).toEqual([
        {
          line: 2,
          externalId: 'P1',
          message: 'imageUrls: "javascript:alert(1)" is not an http or https URL; ignored',
        },
      ]);

      await service.settled(owner);
      const lamp = await service.mediaOf(owner, 'P1');
      expect(lamp.map((asset) => [asset.status, asset.width, asset.height, asset.isPrimary])).toEqual([
        ['ready', 400, 300, true],
        ['ready', 400, 300, false],
      ]);
      expect(lamp[0].variants.length).toBeGreaterThan(0);
      // Each imported image's processing continues the request chain of the import.
      const events = await service.dataSource.query<Array<{ correlation_id: string }>>(
        "SELECT correlation_id FROM outbox WHERE subject = 'content.media.processed' AND workspace_id = $1",
        [owner.principal.workspaceId],
      );
      expect(events.map((event) => event.correlation_id)).toEqual([
        owner.correlationId,
        owner.correlationId,
        owner.correlationId,
      ]);
      expect((await service.mediaOf(owner, 'P2')).map((asset) => asset.status)).toEqual(['ready']);
      expect(await service.mediaOf(owner, 'P3')).toEqual([]);
      expect(await service.mediaOf(owner, 'P4')).toEqual([]);
      // The URL that answered 404 is reported on the import once its job has run.
      const after = await service.imports.get(owner, report.id);
      expect(after.warnings).toContainEqual({
        line: 4,
        externalId: 'P3',
        message: expect.stringContaining(`"${imageBase}/missing.jpg" was not added: The URL answered 404`),
      });

      const before = await service.created();
      expect(before).toEqual({ assets: 3, jobs: 4 });
      const again = await service.importCsv(owner, csv);
      expect(again).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 4 });
      await service.settled(owner);
      expect(await service.created()).toEqual(before);
      expect(await service.mediaOf(owner, 'P1')).toHaveLength(2);
    }, 90_000);
  });

  describe('with private URLs refused (the default)', () => {
    let service: Service;

    beforeAll(async () => {
      service = await new Service().start(false);
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
    });

    it('imports the product, adds no media and reports the refused URL', async () => {
      const owner = callerIn();
      const report = await service.importCsv(owner, `SKU,Title,Image URLs\nP1,Lamp,${imageBase}/a.jpg\n`);
      expect(report).toMatchObject({ status: 'completed', created: 1, rejected: 0, warnings: [] });
      await service.settled(owner);
      expect(await service.mediaOf(owner, 'P1')).toEqual([]);
      const [source] = await service.dataSource.query<Array<{ status: string; failure_reason: string }>>(
        'SELECT status, failure_reason FROM product_image_sources WHERE workspace_id = $1',
        [owner.principal.workspaceId],
      );
      expect(source.status).toBe('failed');
      const after = await service.imports.get(owner, report.id);
      expect(after.warnings).toEqual([
        { line: 2, externalId: 'P1', message: expect.stringContaining(`"${imageBase}/a.jpg" was not added`) },
      ]);
      expect(after.warnings[0].message).toBe(
        `imageUrls: "${imageBase}/a.jpg" was not added: ${source.failure_reason}`,
      );
    }, 60_000);
  });
});
