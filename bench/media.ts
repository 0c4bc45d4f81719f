// Media and import benchmark (issue #3): a 12 MP JPEG through the variant pipeline against a bare sharp script
// making the same outputs in the same run, and catalog import throughput for a 100k-row CSV with peak RSS.
// Prints numbers and the targets; never fails on them. Run: node --import @swc-node/register/esm-register bench/media.ts
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Test } from '@nestjs/testing';
import sharp from 'sharp';
import { MEDIA_PRESETS, StartImportRequest } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { ContentModule } from '../apps/content/src/content.module.js';
import { ImportsService } from '../apps/content/src/imports/imports.service.js';
import { renderVariants, THUMBNAIL_WIDTH } from '../apps/content/src/media/media-variants.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { testConfig } from '../test/support/test-config.js';

const ROUNDS = 5;
const IMPORT_ROWS = 100_000;
const SHARP_CONCURRENCY = 2;

/** A 4000x3000 photo-like JPEG: gradients plus noise, so it compresses like a real picture. */
async function twelveMegapixelJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let index = 0; index < pixels.length; index += 3) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const x = (index / 3) % width;
    const y = Math.floor(index / 3 / width);
    pixels[index] = (x / 16 + (seed & 31)) & 255;
    pixels[index + 1] = (y / 12 + ((seed >> 5) & 31)) & 255;
    pixels[index + 2] = ((x + y) / 28 + ((seed >> 10) & 31)) & 255;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The same 8 outputs written by hand with sharp, as a script with no pipeline around it would. */
async function bareSharp(input: Buffer): Promise<number> {
  const base = sharp(input).rotate();
  const outputs = [
    base
      .clone()
      .resize({ width: 4096, height: 4096, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85, progressive: true }),
    base.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80 }),
    ...Object.entries(MEDIA_PRESETS).map(([name, { width, height }]) =>
      name === 'marketplace'
        ? base
            .clone()
            .resize({ width, height, fit: 'contain', background: '#ffffff' })
            .jpeg({ quality: 85, progressive: true })
        : base
            .clone()
            .resize({ width, height, fit: 'cover', position: sharp.strategy.attention })
            .jpeg({ quality: 85, progressive: true }),
    ),
  ];
  const buffers = await Promise.all(outputs.map((output) => output.toBuffer()));
  return buffers.length;
}

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchVariants(): Promise<void> {
  sharp.concurrency(SHARP_CONCURRENCY);
  const input = await twelveMegapixelJpeg();
  await renderVariants(input, 50_000_000); // warm-up
  await bareSharp(input);
  const pipeline: number[] = [];
  const bare: number[] = [];
  // Interleaved, so a busy moment on the machine hits both alike.
  for (let round = 0; round < ROUNDS; round += 1) {
    pipeline.push(await timeIt(() => renderVariants(input, 50_000_000)));
    bare.push(await timeIt(() => bareSharp(input)));
  }
  const ratio = median(pipeline) / median(bare);
  console.log(
    `12 MP JPEG (${(input.length / 1e6).toFixed(1)} MB) -> 8 outputs, sharp concurrency ${SHARP_CONCURRENCY}, median of ${ROUNDS}:`,
  );
  console.log(
    `  pipeline ${median(pipeline).toFixed(0)} ms   bare sharp ${median(bare).toFixed(0)} ms   ratio ${ratio.toFixed(2)} (target <= 1.2)`,
  );
}

function* csvLines(rows: number): Generator<string> {
  yield 'sku,title,price,currency,cost,commission,rating,category,tags,url\n';
  for (let index = 0; index < rows; index += 1) {
    yield `S${index},Product ${index},${(index % 500) + 1}.99,USD,1.00,${index % 20},4.${index % 10},Kitchen,"a;b",https://shop.example/p/${index}\n`;
  }
}

async function benchImport(): Promise<void> {
  const db = await createTestDatabase('shopcast_bench_import');
  const dataDir = await mkdtemp(join(tmpdir(), 'shopcast-bench-'));
  const config = testConfig({
    DATABASE_URL: db.url,
    SHOPCAST_DATA_DIR: dataDir,
    IMPORT_INLINE_MAX_BYTES: String(16 * 1024 * 1024),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ContentModule.forRoot({ config })],
  }).compile();
  await moduleRef.init();
  try {
    const imports = moduleRef.get(ImportsService);
    const blobs = moduleRef.get<BlobStore>(BLOB_STORE);
    const workspaceId = randomUUID();
    const caller = {
      principal: { userId: randomUUID(), workspaceId, role: 'owner' as const },
      correlationId: randomUUID(),
    };
    const sourceKey = importSourceKeyOf(workspaceId, randomUUID());
    const { bytes } = await blobs.put(sourceKey, Readable.from(csvLines(IMPORT_ROWS)));
    const request = await validateDto(StartImportRequest, { sourceKey, format: 'csv' });
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const report = await imports.start(caller, request); // inline: the file is under the inline limit set above
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      `Import of a ${IMPORT_ROWS}-row CSV (${(bytes / 1e6).toFixed(1)} MB): ${report.created} created, ${report.rejected} rejected`,
    );
    console.log(
      `  ${(IMPORT_ROWS / seconds).toFixed(0)} rows/s (target >= 20000), ${seconds.toFixed(1)} s, peak RSS growth ${((peakRss - rssBefore) / 1e6).toFixed(0)} MB (target < 200)`,
    );
  } finally {
    await moduleRef.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} (2 shared cores: other work skews these numbers)`,
);
if (process.argv.includes('--import-only')) await benchImport();
else if (process.argv.includes('--variants-only')) await benchVariants();
else {
  await benchVariants();
  await benchImport();
}
