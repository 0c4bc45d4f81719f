import { createHash, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CreateMediaFromUploadRequest,
  type CreateMediaFromUrlRequest,
  InvalidError,
  type MediaAssetView,
  NotFoundError,
  type ReorderMediaRequest,
} from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { safeFetch } from '@app/security';
import { BLOB_STORE, BlobTooLargeError, type BlobStore, isWorkspaceKey } from '@app/storage';
import type { RequestContext } from '@app/messaging';
import { TransactionHost } from '@app/database';
import { inspectMedia } from './media-inspector.js';
import { MediaJobs } from './media-jobs.js';
import { originalKeyOf } from './media-storage-keys.js';
import type { MediaAssetEntity } from './media.entity.js';
import { MediaBlobCleanup } from './media-blob-cleanup.js';
import { toMediaView } from './media.mapper.js';
import { MediaRepository } from './media.repository.js';

/** The media rules: what may be uploaded, deduplication by content, order, and who may change what. */
@Injectable()
export class MediaService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: MediaRepository,
    private readonly jobs: MediaJobs,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly blobCleanup: MediaBlobCleanup,
  ) {}

  /** Takes an upload the gateway stored, validates it by content and queues its processing. */
  async createFromUpload(
    context: RequestContext,
    request: CreateMediaFromUploadRequest,
  ): Promise<MediaAssetView> {
    const { workspaceId } = context.principal;
    if (!isWorkspaceKey(request.uploadKey, 'uploads', workspaceId)) throw new NotFoundError('Upload');
    try {
      await this.assertProduct(workspaceId, request.productId);
      const size = await this.blobs.stat(request.uploadKey);
      if (!size) throw new NotFoundError('Upload');
      if (size.bytes > this.config.media.maxImageBytes)
        throw new BlobTooLargeError(this.config.media.maxImageBytes);
      const bytes = await buffer(await this.blobs.get(request.uploadKey));
      return await this.createFromBytes(context, request.productId, bytes);
    } finally {
      await this.blobs.delete(request.uploadKey);
    }
  }

  /** Downloads an image from a public URL (SSRF-safe) and adds it like an upload. */
  createFromUrl(context: RequestContext, request: CreateMediaFromUrlRequest): Promise<MediaAssetView> {
    return this.addFromUrl(context, request.productId, request.url);
  }

  /**
   * The from-url path, also for work the system does on a writer's behalf (imported image URLs, with a
   * systemContext in the import's request chain): the same SSRF-safe fetch, validation by content and
   * deduplication.
   */
  async addFromUrl(context: RequestContext, productId: string, url: string): Promise<MediaAssetView> {
    await this.assertProduct(context.principal.workspaceId, productId);
    const response = await safeFetch(url, {
      allowPrivate: this.config.allowPrivateUrls,
      maxBytes: this.config.media.maxImageBytes,
      timeoutMs: 20_000,
      headers: { accept: 'image/*,video/mp4,video/quicktime' },
    });
    if (response.status !== 200) {
      throw new InvalidError(`The URL answered ${response.status}; it must answer 200 with the file`);
    }
    return this.createFromBytes(context, productId, response.body);
  }

  async listForProduct(context: RequestContext, productId: string): Promise<MediaAssetView[]> {
    const { workspaceId } = context.principal;
    await this.assertProduct(workspaceId, productId);
    return this.views(await this.repository.listForProduct(workspaceId, productId));
  }

  get(context: RequestContext, id: string): Promise<MediaAssetView> {
    return this.view(context.principal.workspaceId, id);
  }

  private async view(workspaceId: string, id: string): Promise<MediaAssetView> {
    const asset = await this.repository.findOne(workspaceId, id);
    if (!asset) throw new NotFoundError('Media');
    const [view] = await this.views([asset]);
    return view;
  }

  async delete(context: RequestContext, id: string): Promise<void> {
    const { workspaceId } = context.principal;
    const asset = await this.repository.findOne(workspaceId, id);
    if (!asset) throw new NotFoundError('Media');
    const deleted = await this.tx.run(async () => {
      await this.blobCleanup.forAsset(workspaceId, asset.id);
      return this.repository.delete(asset);
    });
    if (!deleted) throw new NotFoundError('Media');
  }

  /** Sets the order of all of a product's media; the first becomes the primary image. */
  async reorder(context: RequestContext, request: ReorderMediaRequest): Promise<MediaAssetView[]> {
    const { workspaceId } = context.principal;
    await this.assertProduct(workspaceId, request.productId);
    const assets = await this.tx.run(async () => {
      const current = await this.repository.listForProduct(workspaceId, request.productId);
      const known = new Set(current.map((asset) => asset.id));
      const unknown = request.mediaIds.find((id) => !known.has(id));
      if (unknown) throw new NotFoundError(`Media ${unknown}`);
      if (request.mediaIds.length !== current.length) {
        throw new InvalidError(
          `mediaIds must list all ${current.length} media of the product, in the new order`,
          {
            fields: [
              { field: 'mediaIds', messages: ['must list every media id of the product exactly once'] },
            ],
          },
        );
      }
      await this.repository.setOrder(workspaceId, request.productId, request.mediaIds);
      return this.repository.listForProduct(workspaceId, request.productId);
    });
    return this.views(assets);
  }

  private async createFromBytes(
    context: RequestContext,
    productId: string,
    bytes: Buffer,
  ): Promise<MediaAssetView> {
    const { workspaceId } = context.principal;
    if (bytes.length > this.config.media.maxImageBytes)
      throw new BlobTooLargeError(this.config.media.maxImageBytes);
    const inspected = await inspectMedia(bytes, this.config.media.maxPixels);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.repository.findByHash(workspaceId, contentHash);
    if (existing) return this.view(workspaceId, existing.id);

    const id = randomUUID();
    const originalKey = originalKeyOf(workspaceId, id);
    await this.blobs.put(originalKey, bytes, { contentType: inspected.mimeType });
    const asset = await this.tx.run(async () => {
      const inserted = await this.repository.insert({
        id,
        workspaceId,
        productId,
        kind: inspected.kind,
        // Videos are stored as they are; images are processed by a job.
        status: inspected.kind === 'image' ? 'processing' : 'ready',
        failureReason: null,
        mimeType: inspected.mimeType,
        bytes: bytes.length,
        width: inspected.width,
        height: inspected.height,
        contentHash,
        originalKey,
      });
      if (inserted?.status === 'processing') {
        await this.jobs.enqueue({ mediaId: id, workspaceId, correlationId: context.correlationId });
      }
      return inserted;
    });
    if (asset) {
      return (await this.views([asset]))[0];
    }
    // The same bytes were added concurrently: that asset is the answer.
    await this.blobs.delete(originalKey);
    const winner = await this.repository.findByHash(workspaceId, contentHash);
    if (!winner) throw new NotFoundError('Media');
    return this.view(workspaceId, winner.id);
  }

  private async views(assets: MediaAssetEntity[]): Promise<MediaAssetView[]> {
    const variants = await this.repository.variantsOf(assets.map((asset) => asset.id));
    const urlOf = (key: string) => this.blobs.readUrl(key, this.config.media.urlTtlSec);
    return Promise.all(
      assets.map((asset) =>
        toMediaView(
          asset,
          variants.filter((variant) => variant.mediaId === asset.id),
          urlOf,
        ),
      ),
    );
  }

  private async assertProduct(workspaceId: string, productId: string): Promise<void> {
    if (!(await this.repository.hasProduct(workspaceId, productId))) throw new NotFoundError('Product');
  }
}
