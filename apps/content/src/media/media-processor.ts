import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import sharp from 'sharp';
import type { Logger } from 'pino';
import { EventSubjects, type MediaProcessedEvent } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Outbox, type RequestContext, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { TransactionHost } from '@app/database';
import { type MediaJob, MediaJobs } from './media-jobs.js';
import { variantKeyOf } from './media-storage-keys.js';
import type { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';
import { MediaRepository } from './media.repository.js';
import { type RenderedVariant, renderVariants } from './media-variants.js';

export const PROCESSING_GAVE_UP =
  'The image could not be processed: storage or the database kept failing; upload it again';

/** Runs media jobs: renders the variants of an asset, stores them, and records `content.media.processed`. */
@Injectable()
export class MediaProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: MediaRepository,
    private readonly jobs: MediaJobs,
    private readonly outbox: Outbox,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // sharp's default is 1 thread on glibc without jemalloc; the setting makes the choice explicit.
    sharp.concurrency(this.config.media.sharpConcurrency);
    await this.jobs.work(
      (job) => this.process(job),
      undefined,
      (job, error) => this.giveUp(job, error),
    );
  }

  /** After the last allowed attempt failed: the asset ends `failed` with a reason instead of `processing`. */
  async giveUp(job: MediaJob, error: unknown): Promise<void> {
    this.logger.error({ mediaId: job.mediaId, err: error }, 'Media processing failed on every attempt');
    const asset = await this.repository.findOne(job.workspaceId, job.mediaId);
    if (!asset || asset.status !== 'processing') return;
    await this.finish(systemContext(job.workspaceId, job.correlationId), asset, [], PROCESSING_GAVE_UP);
  }

  /** Idempotent: an asset no longer `processing` is left as it is. */
  async process(job: MediaJob): Promise<void> {
    const asset = await this.repository.findOne(job.workspaceId, job.mediaId);
    if (!asset || asset.status !== 'processing') return;
    // The processing acts for its workspace in the request chain that added the asset (a new one for older jobs).
    const context = systemContext(job.workspaceId, job.correlationId);
    const original = await buffer(await this.blobs.get(asset.originalKey));
    let rendered: RenderedVariant[];
    try {
      rendered = await renderVariants(original, this.config.media.maxPixels);
    } catch (error) {
      // The bytes themselves cannot be rendered: retrying would not help.
      this.logger.warn({ mediaId: asset.id, err: error }, 'Media processing failed');
      const reason = 'The image could not be processed: it is corrupt or unsupported';
      return this.finish(context, asset, [], reason);
    }
    const variants = await Promise.all(rendered.map((variant) => this.store(asset, variant)));
    await this.finish(context, asset, variants, null);
  }

  private async store(asset: MediaAssetEntity, variant: RenderedVariant): Promise<MediaVariantEntity> {
    const storageKey = variantKeyOf(asset.workspaceId, asset.id, variant.name, variant.format);
    await this.blobs.put(storageKey, variant.data, { contentType: `image/${variant.format}` });
    return {
      mediaId: asset.id,
      name: variant.name,
      storageKey,
      format: variant.format,
      width: variant.width,
      height: variant.height,
      bytes: variant.data.length,
    };
  }

  /** Settles the asset and records its event, in the request chain that added the asset. */
  private async finish(
    context: RequestContext,
    asset: MediaAssetEntity,
    variants: MediaVariantEntity[],
    failureReason: string | null,
  ): Promise<void> {
    const isRecorded = await this.tx.run(async () => {
      const changed =
        failureReason === null
          ? await this.repository.markReady(asset, variants)
          : await this.repository.markFailed(asset, failureReason);
      if (!changed) return false;
      const event: MediaProcessedEvent = {
        mediaId: asset.id,
        productId: asset.productId,
        status: failureReason === null ? 'ready' : 'failed',
        failureReason,
        variants: variants.map(({ name, format, width, height, bytes, storageKey }) => ({
          name,
          format,
          width,
          height,
          bytes,
          key: storageKey,
        })),
      };
      await this.outbox.add(EventSubjects.mediaProcessed, event, context);
      return true;
    });
    // Deleted while it was being processed: no row will ever point at the variants just stored.
    if (!isRecorded && variants.length > 0 && !(await this.repository.findOne(asset.workspaceId, asset.id)))
      await Promise.all(variants.map((variant) => this.blobs.delete(variant.storageKey)));
  }
}
