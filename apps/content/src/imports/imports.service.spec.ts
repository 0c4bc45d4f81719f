import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  type CatalogImportedEvent,
  type ImportFormat,
  type ImportOptionsDto,
  type ImportReportView,
  type Role,
  StartImportRequest,
} from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from '../products/products.service.js';
import { ImportsService } from './imports.service.js';
import { ProductPrefillService } from './product-prefill.service.js';
import { domainErrorOf } from '../../../../test/support/domain-errors.js';
import { pollUntil } from '../../../../test/support/polling.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let db: TestDatabase;
let dataDir: string;
let moduleRef: TestingModule;
let imports: ImportsService;
let products: ProductsService;
let blobs: BlobStore;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('shopcast_imports');
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-imports-'));
  const config = testConfig({
    DATABASE_URL: db.url,
    SHOPCAST_DATA_DIR: dataDir,
    IMPORT_INLINE_MAX_BYTES: '65536',
  });
  moduleRef = await Test.createTestingModule({ imports: [ContentModule.forRoot({ config })] }).compile();
  await moduleRef.init();
  imports = moduleRef.get(ImportsService);
  products = moduleRef.get(ProductsService);
  blobs = moduleRef.get(BLOB_STORE);
  dataSource = moduleRef.get(DataSource);
}, 60_000);

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

/** Stores the file where the gateway would and starts the import, as the bus handler does. */
async function startImport(
  caller: RequestContext,
  body: string | Readable,
  format: ImportFormat = 'csv',
  options: ImportOptionsDto = {},
): Promise<ImportReportView> {
  const sourceKey = importSourceKeyOf(caller.principal.workspaceId, randomUUID());
  await blobs.put(sourceKey, typeof body === 'string' ? Buffer.from(body) : body);
  return imports.start(caller, await validateDto(StartImportRequest, { sourceKey, format, ...options }));
}

function finished(caller: RequestContext, id: string): Promise<ImportReportView> {
  return pollUntil(
    () => imports.get(caller, id),
    (report) => report.status !== 'running',
    `import ${id} finished`,
    300_000,
  );
}

const CATALOG = [
  'SKU,Product Name,Price,Currency,Cost,Commission,Rating,Category,Tags,Link',
  'A1,Ceramic mug,"$1,299.50",USD,700,7.5%,4.6,Kitchen,"mug; gift",https://shop.example/a1',
  'A2,Cheap spoon,2.00,USD,,1,3.0,Kitchen,,',
  'A3,,10,USD,,,,Kitchen,,',
  'A4,Teapot,12.345,USD,,,,Kitchen,,',
  'A1,Ceramic mug again,10,USD,,,,Kitchen,,',
  ',No sku,10,USD,,,,Kitchen,,',
  'A5,Lamp,45,EUR,20,12,4.9,Lighting,,javascript:alert(1)',
  'A6,Rug,30,USD,10,15,4.8,Home,,',
].join('\n');

describe('catalog import', () => {
  it('maps common column names, computes margin, and reports each rejected row with its line and reason', async () => {
    const owner = callerIn();
    const report = await startImport(owner, CATALOG);
    expect(report).toMatchObject({
      status: 'completed',
      processedRows: 8,
      created: 3,
      updated: 0,
      skipped: 0,
    });
    expect(report.rejectedRows).toEqual([
      { line: 4, reason: expect.stringMatching(/title/), externalId: 'A3' },
      { line: 5, reason: 'price "12.345" has more decimals than USD allows', externalId: 'A4' },
      { line: 6, reason: 'externalId "A1" already appears on line 2', externalId: 'A1' },
      { line: 7, reason: expect.stringMatching(/externalId \(SKU\) is missing/), externalId: null },
      { line: 8, reason: expect.stringMatching(/destinationUrl/), externalId: 'A5' },
    ]);
    const page = await products.list(owner, { limit: 10 });
    const mug = page.items.find((item) => item.externalId === 'A1');
    expect(mug).toMatchObject({
      title: 'Ceramic mug',
      priceMinor: 129950,
      currency: 'USD',
      costMinor: 70000,
      marginMinor: 59950,
      commissionRate: 7.5,
      category: 'Kitchen',
      tags: ['mug', 'gift'],
      destinationUrl: 'https://shop.example/a1',
    });
    // One catalog event for the batch, not an event per product.
    const events = await dataSource.query<Array<{ subject: string; payload: CatalogImportedEvent }>>(
      'SELECT subject, payload FROM outbox WHERE workspace_id = $1 ORDER BY seq',
      [owner.principal.workspaceId],
    );
    expect(events.map((event) => event.subject)).toEqual(['content.catalog.imported']);
    expect(events[0].payload.updated).toEqual([]);
    expect(events[0].payload.created).toHaveLength(3);
    expect(events[0].payload.created).toContainEqual({
      id: mug?.id,
      title: 'Ceramic mug',
      priceMinor: 129950,
      costMinor: 70000,
      currency: 'USD',
      commissionRate: 7.5,
    });
  });

  it('re-importing the same file changes nothing; a changed row is updated', async () => {
    const owner = callerIn();
    await startImport(owner, CATALOG);
    const before = await products.list(owner, { limit: 10 });
    const again = await startImport(owner, CATALOG);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 5 });
    expect(await products.list(owner, { limit: 10 })).toEqual(before);
    const changed = await startImport(owner, CATALOG.replace('A6,Rug,30', 'A6,Rug,31'));
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('applies the price band, minimum commission, minimum rating and category filters', async () => {
    const owner = callerIn();
    const report = await startImport(owner, CATALOG, 'csv', {
      filters: {
        minPriceMinor: 500,
        maxPriceMinor: 5000,
        minCommissionRate: 10,
        minRating: 4.5,
        categories: ['home'],
      },
    });
    expect(report).toMatchObject({ created: 1, skipped: 5, rejected: 2 });
    expect((await products.list(owner, { limit: 10 })).items.map((item) => item.externalId)).toEqual(['A6']);
  });

  it('reads JSON arrays with an explicit mapping and a default currency', async () => {
    const owner = callerIn();
    const json = JSON.stringify([
      { ref: 'J1', label: 'Scarf', amount: 19.9, labels: ['wool'] },
      { ref: 'J2', label: 'Hat', amount: 'twelve' },
    ]);
    const report = await startImport(owner, json, 'json', {
      mapping: { externalId: 'ref', title: 'label', price: 'amount', tags: 'labels' },
      defaultCurrency: 'EUR',
    });
    expect(report).toMatchObject({ created: 1, rejected: 1 });
    expect(report.rejectedRows).toEqual([
      { line: 1, reason: 'price "twelve" is not an amount', externalId: 'J2' },
    ]);
    const [scarf] = (await products.list(owner, { limit: 10 })).items;
    expect(scarf).toMatchObject({ title: 'Scarf', priceMinor: 1990, currency: 'EUR', tags: ['wool'] });
  });

  it('answers 400 with the parser position for a malformed file, and records the failure', async () => {
    const owner = callerIn();
    const error = await domainErrorOf(
      startImport(owner, '[{"sku": "a", "title": "A"},\n {"sku": "b" "title": "B"}]', 'json'),
    );
    expect(error).toMatchObject({ status: 400, details: { line: 2, column: 14 } });
    expect(error.message).toMatch(/line 2, column 14/);
    const csvError = await domainErrorOf(startImport(owner, 'sku,title\nA1,"open quote\n'));
    expect(csvError.status).toBe(400);
    expect(csvError.message).toMatch(/line \d+/);
  });

  it('keeps imports and their files to their workspace', async () => {
    const owner = callerIn();
    const report = await startImport(owner, CATALOG);
    const stranger = callerIn();
    expect(await domainErrorOf(imports.get(stranger, report.id))).toMatchObject({ status: 404 });
    const foreignKey = importSourceKeyOf(owner.principal.workspaceId, randomUUID());
    await blobs.put(foreignKey, Buffer.from(CATALOG));
    const request = await validateDto(StartImportRequest, { sourceKey: foreignKey, format: 'csv' });
    expect(await domainErrorOf(imports.start(stranger, request))).toMatchObject({ status: 404 });
  });

  it('imports a 100k-row CSV as a job with bounded memory and a correct report', async () => {
    const owner = callerIn();
    const rows = 100_000;
    const description = 'x'.repeat(400);
    function* lines() {
      yield 'sku,title,price,currency,cost,description\n';
      for (let index = 0; index < rows; index += 1) {
        // Every 1000th row has no title: rejected, with its line.
        const title = index % 1000 === 999 ? '' : `Product ${index}`;
        yield `S${index},${title},${(index % 500) + 1}.99,USD,1.00,${description}\n`;
      }
    }
    // Live heap (after a full collection) sampled during the import: garbage does not count, held data does.
    const liveHeap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const baseline = liveHeap();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, liveHeap())), 1000);
    try {
      const started = await startImport(owner, Readable.from(lines()));
      expect(started.status).toBe('running');
      const report = await finished(owner, started.id);
      expect(report).toMatchObject({
        status: 'completed',
        processedRows: rows,
        created: 99_900,
        rejected: 100,
      });
      expect(report.rejectedRows[0]).toEqual({
        line: 1001,
        reason: expect.stringMatching(/title/),
        externalId: 'S999',
      });
    } finally {
      clearInterval(sampler);
    }
    // The ~45 MB file is streamed: the live heap never holds it (or its 100k records) at once.
    expect(peak - baseline).toBeLessThan(40 * 1024 * 1024);
    const [{ count }] = await dataSource.query(
      'SELECT count(*)::int AS count FROM products WHERE workspace_id = $1',
      [owner.principal.workspaceId],
    );
    expect(count).toBe(99_900);
  }, 400_000);
});

describe('product pre-fill from a URL', () => {
  let server: Server;
  let baseUrl: string;
  const page = `<!doctype html><html><head><title>Fallback</title>
    <meta property="og:title" content="OG Lamp">
    <meta property="og:image" content="/img/lamp.jpg">
    <meta name="description" content="Meta description &amp; more">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
      {"@type":"Product","name":"Brass Lamp","sku":"BL-1","brand":{"@type":"Brand","name":"Lumen"},
       "image":["https://cdn.example/lamp-1.jpg"],"offers":{"@type":"Offer","price":"89.50","priceCurrency":"eur"}}]}</script>
    </head><body></body></html>`;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/lamp') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
      if (request.url === '/to-metadata') {
        return response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  function prefillWith(allowPrivate: boolean): ProductPrefillService {
    const config = testConfig({ SHOPCAST_ALLOW_PRIVATE_URLS: String(allowPrivate) });
    return new ProductPrefillService(config);
  }

  it('reads JSON-LD first, then Open Graph and meta tags', async () => {
    expect(await prefillWith(true).prefill({ url: `${baseUrl}/lamp` })).toEqual({
      title: 'Brass Lamp',
      description: 'Meta description & more',
      priceMinor: 8950,
      currency: 'EUR',
      brand: 'Lumen',
      imageUrls: ['https://cdn.example/lamp-1.jpg', `${baseUrl}/img/lamp.jpg`],
      destinationUrl: `${baseUrl}/lamp`,
      externalId: 'BL-1',
    });
  });

  it('refuses loopback, private, link-local and metadata addresses, also after a redirect and DNS', async () => {
    const strict = prefillWith(false);
    for (const url of [
      `${baseUrl}/lamp`,
      'http://10.1.2.3/page',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost/page',
      'http://[::1]/page',
    ]) {
      expect({ url, ...(await domainErrorOf(strict.prefill({ url }))) }).toMatchObject({ url, status: 400 });
    }
    // Allowed to reach the loopback test server, the redirect to the metadata address is still refused.
    const lenient = prefillWith(true);
    const redirected = await domainErrorOf(lenient.prefill({ url: `${baseUrl}/to-metadata` }));
    expect(redirected.status).toBeGreaterThanOrEqual(400);
  });
});
