import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { BlobCleanupJobs } from './blob-cleanup-jobs.js';
import { MediaRepository } from './media.repository.js';

/** Removing a blob twice is fine, so a job retried after a partial run just finishes the rest. */
const KEYS_PER_JOB = 500;

/**
 * Removes the stored files (original and variants) of media assets about to be deleted: call it in the
 * deleting transaction, before the delete; the files go after commit, through a job.
 */
@Injectable()
export class MediaBlobCleanup implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: BlobCleanupJobs,
    private readonly media: MediaRepository,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(async ({ keys }) => {
      await Promise.all(keys.map((key) => this.blobs.delete(key)));
    });
  }

  /** Queues the removal of one asset's files; its row is locked so processing cannot add variants meanwhile. */
  async forAsset(workspaceId: string, mediaId: string): Promise<void> {
    await this.queue(await this.media.lockStorageKeys(workspaceId, { mediaId }));
  }

  /** Queues the removal of the files of every asset of a product (deleted with it by cascade). */
  async forProduct(workspaceId: string, productId: string): Promise<void> {
    await this.queue(await this.media.lockStorageKeys(workspaceId, { productId }));
  }

  private async queue(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += KEYS_PER_JOB) {
      await this.jobs.enqueue({ keys: keys.slice(start, start + KEYS_PER_JOB) });
    }
  }
}
