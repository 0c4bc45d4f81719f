import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CreateVideoRequest, InvalidError, NotFoundError, type VideoView } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { TransactionHost } from '@app/database';
import { MediaRepository } from '../media/media.repository.js';
import type { RequestContext } from '@app/messaging';
import { ProductsRepository } from '../products/products.repository.js';
import { VideoBrandSettings } from './video-brand-settings.js';
import { VideoJobs } from './video-jobs.js';
import type { VideoEntity } from './video.entity.js';
import { toVideoView } from './video.mapper.js';
import { VideosRepository } from './videos.repository.js';

/** The video rules: which images a video may use, its defaults, and who may create or delete one. */
@Injectable()
export class VideosService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: VideosRepository,
    private readonly products: ProductsRepository,
    private readonly media: MediaRepository,
    private readonly jobs: VideoJobs,
    private readonly brand: VideoBrandSettings,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues a render of the product's ready images (or the chosen ones); answers the queued video. */
  async create(context: RequestContext, request: CreateVideoRequest): Promise<VideoView> {
    const { workspaceId } = context.principal;
    const product = await this.products.findOne(workspaceId, request.productId);
    if (!product) throw new NotFoundError('Product');
    const imageIds = await this.imagesFor(workspaceId, request.productId, request.imageIds);
    if (request.music) await this.assertReadyMedia(workspaceId, request.music.mediaId, 'audio', 'music');
    if (request.watermark)
      await this.assertReadyMedia(workspaceId, request.watermark.mediaId, 'image', 'watermark');
    const brand = await this.brand.resolve(workspaceId, request.brand);
    const id = randomUUID();
    const video = await this.tx.run(async () => {
      const inserted = await this.repository.insert({
        id,
        workspaceId,
        productId: request.productId,
        template: request.template ?? 'showcase',
        durationSec: request.durationSec ?? 15,
        formats: request.formats ?? ['story_1080x1920'],
        imageIds,
        texts: { ...request.texts, headline: request.texts?.headline ?? product.title },
        status: 'queued',
        progress: 0,
        failureReason: null,
        outputs: [],
        music: request.music ? { mediaId: request.music.mediaId, volume: request.music.volume ?? 0.3 } : null,
        watermark: request.watermark
          ? { mediaId: request.watermark.mediaId, position: request.watermark.position ?? 'top_right' }
          : null,
        brand,
        attempts: 0,
      });
      await this.jobs.enqueue({ videoId: id, workspaceId, correlationId: context.correlationId });
      return inserted;
    });
    return this.view(video);
  }

  async listForProduct(context: RequestContext, productId: string): Promise<VideoView[]> {
    const { workspaceId } = context.principal;
    if (!(await this.products.findOne(workspaceId, productId))) throw new NotFoundError('Product');
    const videos = await this.repository.listForProduct(workspaceId, productId);
    return Promise.all(videos.map((video) => this.view(video)));
  }

  async get(context: RequestContext, id: string): Promise<VideoView> {
    const video = await this.repository.findOne(context.principal.workspaceId, id);
    if (!video) throw new NotFoundError('Video');
    return this.view(video);
  }

  /** Deletes the video with its output media assets and files; a render in progress finds it gone and stops. */
  async delete(context: RequestContext, id: string): Promise<void> {
    const { workspaceId } = context.principal;
    const video = await this.repository.findOne(workspaceId, id);
    if (!video) throw new NotFoundError('Video');
    const keys = await this.tx.run(async () => {
      if (!(await this.repository.delete(video))) throw new NotFoundError('Video');
      const removed: string[] = [];
      for (const output of video.outputs) {
        const asset = await this.media.findOne(workspaceId, output.mediaId);
        if (asset && (await this.media.delete(asset))) removed.push(asset.originalKey);
      }
      return removed;
    });
    await Promise.all(keys.map((key) => this.blobs.delete(key)));
  }

  /** The chosen images must be ready images of the product; by default all of them, in the product's order. */
  private async imagesFor(workspaceId: string, productId: string, chosen?: string[]): Promise<string[]> {
    const ready = (await this.media.listForProduct(workspaceId, productId)).filter(
      (asset) => asset.kind === 'image' && asset.status === 'ready',
    );
    if (!chosen) {
      if (ready.length === 0) throw new InvalidError('The product has no ready image to make a video from');
      return ready.slice(0, 10).map((asset) => asset.id);
    }
    const readyIds = new Set(ready.map((asset) => asset.id));
    const unknown = chosen.find((imageId) => !readyIds.has(imageId));
    if (unknown) throw new NotFoundError(`Image ${unknown}`);
    return chosen;
  }

  /** Music must be a ready audio asset, a watermark a ready image, of this workspace. */
  private async assertReadyMedia(
    workspaceId: string,
    mediaId: string,
    kind: 'audio' | 'image',
    field: 'music' | 'watermark',
  ): Promise<void> {
    const asset = await this.media.findOne(workspaceId, mediaId);
    if (!asset) throw new NotFoundError(`Media ${mediaId}`);
    if (asset.kind !== kind || asset.status !== 'ready') {
      const message = `${field}.mediaId must be a ready ${kind} asset; ${mediaId} is a ${asset.status} ${asset.kind}`;
      throw new InvalidError(message, { fields: [{ field: `${field}.mediaId`, messages: [message] }] });
    }
  }

  private view(video: VideoEntity): Promise<VideoView> {
    return toVideoView(video, (key) => this.blobs.readUrl(key, this.config.media.urlTtlSec));
  }
}
