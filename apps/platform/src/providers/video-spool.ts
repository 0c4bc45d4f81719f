import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import { createOwnedTempDir, removeStaleTempDirs } from '@app/storage';
import { type MediaDownloadOptions, openMedia } from './media-download.js';
import { PublishError } from './provider.js';

/** A downloaded video on disk, for an upload to read in chunks. */
export interface SpooledVideo {
  path: string;
  size: number;
  mimeType: string;
}

export interface VideoSpoolOptions {
  /** `<dataDir>/tmp/media`: each process keeps its files in a dir of its own below it. */
  root: string;
  /** Videos one process downloads and uploads at once (PUBLISH_VIDEO_CONCURRENCY). */
  concurrency: number;
}

/** Where the platform service spools videos under its data dir. */
export function videoSpoolRootOf(dataDir: string): string {
  return join(dataDir, 'tmp', 'media');
}

/**
 * Videos on their way from a media URL to a platform: streamed to a temp file (never held in memory), at
 * most `concurrency` at a time per process, each file removed when its upload ends, whether it worked or not.
 * Files a killed process left behind are removed by the next start (prepare).
 */
export class VideoSpool {
  private readonly dir: string;
  private readonly limit: LimitFunction;
  private preparing?: Promise<string[]>;

  constructor(private readonly options: VideoSpoolOptions) {
    this.dir = join(options.root, `process-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.limit = pLimit(options.concurrency);
  }

  /** Once per process, at start: removes what dead processes left and creates this process's dir. */
  prepare(): Promise<string[]> {
    this.preparing ??= (async () => {
      const removed = await removeStaleTempDirs(this.options.root);
      await createOwnedTempDir(this.dir);
      return removed;
    })();
    return this.preparing;
  }

  /** Videos being downloaded or uploaded now, and those waiting for a slot. */
  get load(): { active: number; waiting: number } {
    return { active: this.limit.activeCount, waiting: this.limit.pendingCount };
  }

  /**
   * Waits for a video slot, downloads the video at `url` to a temp file (type sniffed from its first bytes,
   * size bounded by `download.maxBytes`), and hands it to `upload`; the file is deleted afterwards.
   */
  withVideo<T>(
    url: string,
    download: Omit<MediaDownloadOptions, 'accept'>,
    upload: (video: SpooledVideo) => Promise<T>,
  ): Promise<T> {
    return this.limit(async () => {
      await this.prepare();
      const media = await openMedia(url, { ...download, accept: ['video'] });
      const path = join(this.dir, `${randomUUID()}.video`);
      try {
        const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
        await pipeline(media.chunks, file).catch((error: unknown) => {
          if (error instanceof PublishError) throw error;
          throw new PublishError(
            'retryable',
            'The video could not be saved for the upload; Shopcast will retry',
          );
        });
        return await upload({ path, size: file.bytesWritten, mimeType: media.mimeType });
      } finally {
        media.close();
        await rm(path, { force: true });
      }
    });
  }
}
