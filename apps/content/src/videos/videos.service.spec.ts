import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  CreateVideoRequest,
  type MediaAssetView,
  type VideoRenderedEvent,
  type VideoView,
} from '@app/contracts';
import { validateDto } from '@app/messaging';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from '../products/products.service.js';
import { MediaService } from '../media/media.service.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { domainErrorOf } from '../../../../test/support/domain-errors.js';
import { callerIn, type ContentHarness, startContent, uploadMedia } from '../../test/content-harness.js';
import { VideosService } from './videos.service.js';

let content: ContentHarness;
let videos: VideosService;
let media: MediaService;
let products: ProductsService;
let blobs: BlobStore;
let dataSource: DataSource;

beforeAll(async () => {
  content = await startContent({ database: 'shopcast_videos' });
  videos = content.moduleRef.get(VideosService);
  media = content.moduleRef.get(MediaService);
  products = content.moduleRef.get(ProductsService);
  blobs = content.moduleRef.get(BLOB_STORE);
  dataSource = content.moduleRef.get(DataSource);
}, 60_000);

afterAll(async () => {
  await content?.close();
});

/** A product with one processed (ready) image. */
async function productWithImage(
  caller: RequestContext,
  seed: number,
): Promise<{ productId: string; image: MediaAssetView }> {
  const productId = (await products.create(caller, { title: 'Aurora "Desk" Lamp: 🔥 مصباح' })).id;
  const image = await uploadMedia(content, caller, productId, await plainJpeg(800, 600, seed));
  expect(image.status).toBe('ready');
  return { productId, image };
}

async function request(body: object): Promise<CreateVideoRequest> {
  return validateDto(CreateVideoRequest, body);
}

function settled(caller: RequestContext, id: string): Promise<VideoView> {
  return pollUntil(
    () => videos.get(caller, id),
    (view) => view.status === 'ready' || view.status === 'failed',
    `video ${id}`,
  );
}

describe('videos', () => {
  it('queues a render, then a job makes it ready with a video media asset and an event', async () => {
    const caller = callerIn();
    const { productId } = await productWithImage(caller, 1);
    const queued = await videos.create(
      caller,
      await request({
        productId,
        template: 'price_drop',
        durationSec: 6,
        texts: { price: '$19', oldPrice: '$29', cta: 'Shop "now": →' },
        formats: ['x_720x1280'],
      }),
    );
    expect(queued).toMatchObject({ status: 'queued', progress: 0, template: 'price_drop', durationSec: 6 });

    const video = await settled(caller, queued.id);
    expect(video).toMatchObject({ status: 'ready', progress: 100, failureReason: null });
    expect(video.outputs).toHaveLength(1);
    const [output] = video.outputs;
    expect(output).toMatchObject({ format: 'x_720x1280', width: 720, height: 1280 });
    expect(Math.abs(output.durationSec - 6)).toBeLessThanOrEqual(0.1);
    expect(output.bitrate).toBeGreaterThanOrEqual(516_000);
    expect(output.url).toMatch(/^http/);

    const asset = await media.get(caller, output.mediaId);
    expect(asset).toMatchObject({
      kind: 'video',
      status: 'ready',
      mimeType: 'video/mp4',
      bytes: output.bytes,
    });
    expect((await videos.listForProduct(caller, productId)).map((view) => view.id)).toEqual([video.id]);

    const rows = await dataSource.query<Array<{ correlation_id: string; payload: VideoRenderedEvent }>>(
      "SELECT correlation_id, payload FROM outbox WHERE subject = 'content.video.rendered' AND workspace_id = $1",
      [caller.principal.workspaceId],
    );
    // The render's event continues the request chain that asked for the video.
    expect(rows).toEqual([
      {
        correlation_id: caller.correlationId,
        payload: expect.objectContaining({
          videoId: video.id,
          status: 'ready',
          outputs: [expect.objectContaining({ mediaId: output.mediaId })],
        }),
      },
    ]);

    await videos.delete(caller, video.id);
    expect((await domainErrorOf(videos.get(caller, video.id))).code).toBe('not_found');
    expect((await domainErrorOf(media.get(caller, output.mediaId))).code).toBe('not_found');
  }, 60_000);

  it('fails a video whose image is corrupt in storage, with a reason', async () => {
    const caller = callerIn();
    const { productId, image } = await productWithImage(caller, 2);
    for (const variant of ['master']) {
      const key = `media/${caller.principal.workspaceId}/${image.id}/${variant}.jpg`;
      await blobs.put(key, Buffer.from('not an image at all'));
    }
    const queued = await videos.create(caller, await request({ productId, formats: ['x_720x1280'] }));
    const video = await settled(caller, queued.id);
    expect(video.status).toBe('failed');
    expect(video.failureReason).toMatch(/could not be decoded/);
    expect(video.outputs).toEqual([]);
  }, 60_000);

  it('keeps workspaces apart and lets viewers read', async () => {
    const owner = callerIn();
    const { productId } = await productWithImage(owner, 3);
    const queued = await videos.create(owner, await request({ productId, formats: ['x_720x1280'] }));
    const stranger = callerIn();
    expect((await domainErrorOf(videos.get(stranger, queued.id))).code).toBe('not_found');
    expect((await domainErrorOf(videos.listForProduct(stranger, productId))).code).toBe('not_found');
    expect((await domainErrorOf(videos.create(stranger, await request({ productId })))).code).toBe(
      'not_found',
    );
    expect((await domainErrorOf(videos.delete(stranger, queued.id))).code).toBe('not_found');

    const viewer = callerIn(owner.principal.workspaceId, 'viewer');
    expect((await videos.get(viewer, queued.id)).id).toBe(queued.id);
    // A viewer's writes are refused on the bus, before the service: products.handlers.spec.

    const otherImage = randomUUID();
    const unknown = await domainErrorOf(
      videos.create(owner, await request({ productId, imageIds: [otherImage] })),
    );
    expect(unknown.code).toBe('not_found');
    await settled(owner, queued.id);
  }, 60_000);
});
