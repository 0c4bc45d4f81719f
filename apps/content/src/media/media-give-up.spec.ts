import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CreateMediaFromUploadRequest } from '@app/contracts';
import { validateDto } from '@app/messaging';
import {
  BLOB_STORE,
  FsBlobStore,
  MediaUrlSigner,
  type PutOptions,
  mediaRoot,
  uploadKeyOf,
} from '@app/storage';
import type { Readable } from 'node:stream';
import { plainJpeg } from '../../../../test/fixtures/images.js';
import { ProductsService } from '../products/products.service.js';
import { callerIn, type ContentHarness, startContent } from '../../test/content-harness.js';
import { MediaJobs } from './media-jobs.js';
import { PROCESSING_GAVE_UP } from './media-processor.js';
import { MediaService } from './media.service.js';
import { pollUntil } from '../../../../test/support/polling.js';

/** The disk store with its variant writes failing, as during a storage outage: every processing attempt fails. */
class VariantWritesFail extends FsBlobStore {
  attempts = 0;

  override async put(key: string, body: Buffer | Readable, options?: PutOptions) {
    if (/\/master\.\w+$/.test(key)) {
      this.attempts += 1;
      throw new Error('storage unavailable');
    }
    return super.put(key, body, options);
  }
}

let content: ContentHarness;
let moduleRef: ContentHarness['moduleRef'];
let store: VariantWritesFail;

beforeAll(async () => {
  content = await startContent({
    database: 'shopcast_media_give_up',
    override: (builder, config) => {
      store = new VariantWritesFail(
        mediaRoot(config),
        new MediaUrlSigner('x'.repeat(32)),
        config.publicBaseUrl,
      );
      return builder.overrideProvider(BLOB_STORE).useValue(store);
    },
  });
  moduleRef = content.moduleRef;
}, 60_000);

afterAll(async () => {
  await content?.close();
});

describe('media processing that fails on every attempt', () => {
  it('ends failed with a reason once the job has no retry left, with a failed event', async () => {
    const caller = callerIn();
    const { workspaceId } = caller.principal;
    const product = await moduleRef.get(ProductsService).create(caller, { title: 'Lamp' });
    const uploadKey = uploadKeyOf(workspaceId, randomUUID());
    await store.put(uploadKey, await plainJpeg(400, 300, 5));
    const media = moduleRef.get(MediaService);
    const created = await media.createFromUpload(
      caller,
      await validateDto(CreateMediaFromUploadRequest, { productId: product.id, uploadKey }),
    );
    expect(created.status).toBe('processing');
    // The queue's own retries are minutes apart; a job of the same queue with a short retry schedule shows
    // what happens when the last one fails.
    await moduleRef.get(MediaJobs).enqueue(
      { mediaId: created.id, workspaceId, correlationId: caller.correlationId },
      {
        retryLimit: 1,
        retryDelay: 1,
        retryBackoff: false,
      },
    );
    moduleRef.get(MediaJobs).wake();

    const view = await pollUntil(
      () => media.get(caller, created.id),
      (current) => current.status !== 'processing',
      `media ${created.id} given up`,
      40_000,
    );
    expect(view.status).toBe('failed');
    expect(view.failureReason).toBe(PROCESSING_GAVE_UP);
    expect(store.attempts).toBeGreaterThanOrEqual(2);
    const [event] = await moduleRef.get(DataSource).query(
      `SELECT correlation_id, payload FROM outbox
          WHERE subject = 'content.media.processed' AND payload->>'mediaId' = $1`,
      [created.id],
    );
    expect(event.payload).toMatchObject({
      status: 'failed',
      failureReason: PROCESSING_GAVE_UP,
      variants: [],
    });
    expect(event.correlation_id).toBe(caller.correlationId);
  }, 60_000);
});
