import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventSubjects, type VideoRenderedEvent } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Outbox, type RequestContext, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { TransactionHost } from '@app/database';
import { originalKeyOf } from '../media/media-storage-keys.js';
import { MediaRepository } from '../media/media.repository.js';
import { FfmpegFailedError, FfmpegMissingError } from './ffmpeg-runner.js';
import { type VideoJob, VideoJobs } from './video-jobs.js';
import { type RenderedOutput, renderVideo, type VideoRenderSpec, VideoInputError } from './video-renderer.js';
import { removeStaleVideoTempDirs, videoTempDirOf } from './video-temp.js';
import type { VideoEntity, VideoOutput } from './video.entity.js';
import { VideosRepository } from './videos.repository.js';

/** Renders started before a video fails instead of being retried (each start after a crash counts). */
const MAX_RENDER_ATTEMPTS = 3;

/** Runs video jobs: renders every format, stores each as a media asset, and records `content.video.rendered`. */
@Injectable()
export class VideoProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: VideosRepository,
    private readonly media: MediaRepository,
    private readonly jobs: VideoJobs,
    private readonly outbox: Outbox,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Renders a killed process left behind: their ffmpeg is stopped and their files removed; pg-boss retries
    // their jobs once they expire, and MAX_RENDER_ATTEMPTS bounds how often.
    const stale = await removeStaleVideoTempDirs(this.config.dataDir);
    if (stale.length > 0)
      this.logger.warn({ videoIds: stale }, 'Removed the temp files of interrupted renders');
    // Each worker renders one video at a time, so the number of workers is the render concurrency.
    for (let worker = 0; worker < this.config.video.renderConcurrency; worker += 1) {
      await this.jobs.work((job) => this.process(job));
    }
  }

  /** Idempotent: a video that is ready, failed or deleted is left as it is. */
  async process(job: VideoJob): Promise<void> {
    const video = await this.repository.findOne(job.workspaceId, job.videoId);
    if (!video || !(await this.repository.startRendering(video))) return;
    // The render acts for its workspace in the request chain that asked for it (a new chain for older jobs).
    const context = systemContext(job.workspaceId, job.correlationId);
    if (video.attempts >= MAX_RENDER_ATTEMPTS) {
      const reason = `The render was interrupted ${video.attempts} times; it is not retried`;
      return this.finish(context, video, [], reason);
    }
    const images = await this.loadImages(video);
    if (images.length === 0) return this.finish(context, video, [], 'The images of the video were deleted');
    const layers = await this.loadLayers(video);
    if (typeof layers === 'string') return this.finish(context, video, [], layers);
    let reported = 0;
    const onProgress = (fraction: number) => {
      const percent = Math.floor(fraction * 100);
      if (percent - reported < 5 || percent >= 100) return;
      reported = percent;
      void this.repository.setProgress(video, percent).catch(() => undefined);
    };
    const stored: VideoOutput[] = [];
    try {
      await renderVideo(
        {
          template: video.template,
          durationSec: video.durationSec,
          formats: video.formats,
          texts: video.texts,
          images,
          ...layers,
        },
        {
          ...this.config.video,
          maxPixels: this.config.media.maxPixels,
          tempDir: videoTempDirOf(this.config.dataDir, video.id),
          onProgress,
        },
        async (output) => stored.push(await this.store(video, output)),
      );
    } catch (error) {
      if (!isRenderFailure(error)) throw error;
      this.logger.warn({ videoId: video.id, err: error }, 'Video render failed');
      await Promise.all(stored.map((output) => this.blobs.delete(output.key)));
      return this.finish(context, video, [], error.message);
    }
    await this.finish(context, video, stored, null);
  }

  /** The master variant of each image (small enough to render fast), or its original when it has none. */
  private async loadImages(video: VideoEntity): Promise<Buffer[]> {
    const images: Buffer[] = [];
    for (const imageId of video.imageIds) {
      const asset = await this.media.findOne(video.workspaceId, imageId);
      if (!asset) continue;
      const [master] = (await this.media.variantsOf([asset.id])).filter(
        (variant) => variant.name === 'master',
      );
      images.push(await buffer(await this.blobs.get(master?.storageKey ?? asset.originalKey)));
    }
    return images;
  }

  /** The music and watermark files and the brand of a render, or why the render cannot run. */
  private async loadLayers(
    video: VideoEntity,
  ): Promise<Pick<VideoRenderSpec, 'music' | 'watermark' | 'brand'> | string> {
    let music: VideoRenderSpec['music'] = null;
    let watermark: VideoRenderSpec['watermark'] = null;
    if (video.music) {
      const asset = await this.media.findOne(video.workspaceId, video.music.mediaId);
      if (!asset) return 'The music of the video was deleted';
      music = {
        bytes: await buffer(await this.blobs.get(asset.originalKey)),
        mimeType: asset.mimeType,
        volume: video.music.volume ?? 0.3,
      };
    }
    if (video.watermark) {
      const asset = await this.media.findOne(video.workspaceId, video.watermark.mediaId);
      if (!asset) return 'The watermark image of the video was deleted';
      const bytes = await buffer(await this.blobs.get(asset.originalKey));
      watermark = { bytes, position: video.watermark.position ?? 'top_right' };
    }
    return { music, watermark, brand: video.brand };
  }

  private async store(video: VideoEntity, output: RenderedOutput): Promise<VideoOutput> {
    const mediaId = randomUUID();
    const key = originalKeyOf(video.workspaceId, mediaId);
    await this.blobs.put(key, await readFile(output.path), { contentType: 'video/mp4' });
    const { width, height, durationSec, bytes, bitrate } = output.probe;
    return { format: output.format, mediaId, key, width, height, durationSec, bytes, bitrate };
  }

  /** Settles the video, adds its outputs as media assets of kind video, and records the event, in one transaction. */
  private async finish(
    context: RequestContext,
    video: VideoEntity,
    outputs: VideoOutput[],
    failureReason: string | null,
  ): Promise<void> {
    const settled = await this.tx.run(async () => {
      if (!(await this.repository.finish(video, outputs, failureReason))) return false;
      for (const output of outputs) {
        await this.media.insert({
          id: output.mediaId,
          workspaceId: video.workspaceId,
          productId: video.productId,
          kind: 'video',
          status: 'ready',
          failureReason: null,
          mimeType: 'video/mp4',
          bytes: output.bytes,
          width: output.width,
          height: output.height,
          // A render is a new file even when its bytes match an earlier one: the id keeps it unique.
          contentHash: createHash('sha256').update(`video:${video.id}:${output.mediaId}`).digest('hex'),
          originalKey: output.key,
        });
      }
      const event: VideoRenderedEvent = {
        videoId: video.id,
        productId: video.productId,
        status: failureReason === null ? 'ready' : 'failed',
        failureReason,
        outputs,
      };
      await this.outbox.add(EventSubjects.videoRendered, event, context);
      return true;
    });
    // Deleted while rendering: its files have no owner.
    if (!settled) await Promise.all(outputs.map((output) => this.blobs.delete(output.key)));
  }
}

function isRenderFailure(error: unknown): error is Error {
  return (
    error instanceof VideoInputError ||
    error instanceof FfmpegFailedError ||
    error instanceof FfmpegMissingError
  );
}
