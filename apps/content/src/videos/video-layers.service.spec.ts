import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CreateVideoRequest, VideoBrand, type VideoView } from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from '../products/products.service.js';
import { domainErrorOf } from '../../../../test/support/domain-errors.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { callerIn, type ContentHarness, startContent, uploadMedia } from '../../test/content-harness.js';
import { VideoBrandSettings } from './video-brand-settings.js';
import { VideoProcessor } from './video-processor.js';
import { logoPng, meanVolumeDb, toneFile } from '../../test/video-test-support.js';
import type { VideoOutput } from './video.entity.js';
import { VideosRepository } from './videos.repository.js';
import { VideosService } from './videos.service.js';

let content: ContentHarness;
let videos: VideosService;
let products: ProductsService;
let brand: VideoBrandSettings;
let blobs: BlobStore;
let dataSource: DataSource;

beforeAll(async () => {
  content = await startContent({ database: 'shopcast_video_layers' });
  videos = content.moduleRef.get(VideosService);
  products = content.moduleRef.get(ProductsService);
  brand = content.moduleRef.get(VideoBrandSettings);
  blobs = content.moduleRef.get(BLOB_STORE);
  dataSource = content.moduleRef.get(DataSource);
}, 60_000);

afterAll(async () => {
  await content?.close();
});

function upload(caller: RequestContext, productId: string, bytes: Buffer) {
  return uploadMedia(content, caller, productId, bytes);
}

async function newProduct(caller: RequestContext): Promise<string> {
  return (await products.create(caller, { title: 'Aurora Lamp' })).id;
}

describe('audio media assets', () => {
  it.each([
    ['mp3', 'audio/mpeg'],
    ['adts', 'audio/aac'],
    ['ipod', 'audio/x-m4a'],
    ['wav', 'audio/wav'],
    ['ogg', 'audio/ogg'],
  ] as const)('accepts %s by its content as %s, stored as is without variants', async (format, mimeType) => {
    const caller = callerIn();
    const productId = await newProduct(caller);
    const bytes = await toneFile(format, 1);
    const asset = await upload(caller, productId, bytes);
    expect(asset).toMatchObject({ kind: 'audio', status: 'ready', mimeType, bytes: bytes.length });
    expect(asset.variants).toEqual([]);
  });
});

describe('workspace video brand', () => {
  it('defaults, is replaced, and stays in its workspace', async () => {
    const owner = callerIn();
    expect(await brand.get(owner.principal.workspaceId)).toEqual({ colors: [], font: 'DejaVu Sans' });
    const input = await validateDto(VideoBrand, { colors: ['#AA0000', '#0000aa'], font: 'DejaVu Serif' });
    expect(await brand.put(owner, input)).toEqual({ colors: ['#aa0000', '#0000aa'], font: 'DejaVu Serif' });
    expect(await brand.get(callerIn().principal.workspaceId)).toEqual({ colors: [], font: 'DejaVu Sans' });
    // A viewer's put is refused on the bus, before the service: products.handlers.spec.
  });

  it('refuses an unknown font and a colour that is not #rrggbb, naming what is allowed', async () => {
    const font = await domainErrorOf(validateDto(VideoBrand, { font: 'Comic Sans MS' }));
    expect(font.message + JSON.stringify(font.details)).toMatch(
      /DejaVu Sans, DejaVu Serif, DejaVu Sans Mono/,
    );
    const color = await domainErrorOf(validateDto(VideoBrand, { colors: ['red'] }));
    expect(JSON.stringify(color.details)).toMatch(/#rrggbb/);
  });
});

describe('videos with music, watermark and brand', () => {
  it('renders with the workspace brand, mixing the music and drawing the watermark', async () => {
    const caller = callerIn();
    const productId = await newProduct(caller);
    await upload(caller, productId, await plainJpeg(800, 600, 7));
    const music = await upload(caller, productId, await toneFile('mp3', 3));
    const logo = await upload(caller, productId, await logoPng());
    await brand.put(caller, await validateDto(VideoBrand, { colors: ['#123456'], font: 'DejaVu Sans Mono' }));
    const queued = await videos.create(
      caller,
      await validateDto(CreateVideoRequest, {
        productId,
        durationSec: 6,
        formats: ['x_720x1280'],
        texts: { price: '$5', cta: 'Buy' },
        music: { mediaId: music.id, volume: 0.5 },
        watermark: { mediaId: logo.id, position: 'bottom_left' },
      }),
    );
    const video = await pollUntil(
      () => videos.get(caller, queued.id),
      (view: VideoView) => view.status === 'ready' || view.status === 'failed',
      'video',
      90_000,
    );
    expect(video).toMatchObject({ status: 'ready', failureReason: null });
    const [row] = await dataSource.query<Array<{ outputs: VideoOutput[]; brand: object; music: object }>>(
      'SELECT outputs, brand, music FROM videos WHERE id = $1',
      [video.id],
    );
    expect(row.brand).toEqual({ colors: ['#123456'], font: 'DejaVu Sans Mono' });
    expect(row.music).toEqual({ mediaId: music.id, volume: 0.5 });
    const file = join(content.dataDir, 'rendered.mp4');
    await writeFile(file, await buffer(await blobs.get(row.outputs[0].key)));
    expect(await meanVolumeDb(file)).toBeGreaterThan(-45);
  }, 120_000);

  it('refuses music that is not audio and a watermark that is not an image, queuing nothing', async () => {
    const caller = callerIn();
    const productId = await newProduct(caller);
    const image = await upload(caller, productId, await plainJpeg(400, 300, 9));
    const sound = await upload(caller, productId, await toneFile('wav', 1));
    const create = (body: object) =>
      domainErrorOf(
        validateDto(CreateVideoRequest, { productId, ...body }).then((dto) => videos.create(caller, dto)),
      );
    expect((await create({ music: { mediaId: image.id } })).code).toBe('invalid');
    expect((await create({ watermark: { mediaId: sound.id } })).code).toBe('invalid');
    expect((await create({ music: { mediaId: randomUUID() } })).code).toBe('not_found');
    expect((await create({ music: { mediaId: sound.id, volume: 2 } })).code).toBe('invalid');
    expect(await videos.listForProduct(caller, productId)).toEqual([]);
  }, 60_000);
});

describe('renders interrupted by a crash', () => {
  it('fails a video whose render was interrupted three times instead of leaving it rendering', async () => {
    const caller = callerIn();
    const productId = await newProduct(caller);
    const image = await upload(caller, productId, await plainJpeg(400, 300, 11));
    const { workspaceId } = caller.principal;
    const id = randomUUID();
    await content.moduleRef.get(VideosRepository).insert({
      id,
      workspaceId,
      productId,
      template: 'showcase',
      durationSec: 6,
      formats: ['x_720x1280'],
      imageIds: [image.id],
      texts: {},
      status: 'rendering',
      progress: 40,
      failureReason: null,
      outputs: [],
      music: null,
      watermark: null,
      brand: null,
      attempts: 3,
    });
    // A job queued without a request chain (as before jobs carried one).
    await content.moduleRef.get(VideoProcessor).process({ videoId: id, workspaceId });
    expect(await videos.get(caller, id)).toMatchObject({
      status: 'failed',
      failureReason: 'The render was interrupted 3 times; it is not retried',
    });
    // Its event starts a chain of its own rather than having none.
    const [event] = await dataSource.query<Array<{ correlation_id: string | null }>>(
      `SELECT correlation_id FROM outbox WHERE subject = 'content.video.rendered' AND payload->>'videoId' = $1`,
      [id],
    );
    expect(event.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.correlation_id).not.toBe(caller.correlationId);
  });
});
