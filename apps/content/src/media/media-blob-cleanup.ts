import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { BlobCleanupJobs } from './blob-cleanup-jobs.js';

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
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(async ({ keys }) => {
      await Promise.all(keys.map((key) => this.blobs.delete(key)));
    });
  }

  /** Queues the removal of one asset's files; its row is locked so processing cannot add variants meanwhile. */
  forAsset(manager: EntityManager, workspaceId: string, mediaId: string): Promise<void> {
    return this.queue(manager, workspaceId, 'a.id = $2', mediaId);
  }

  /** Queues the removal of the files of every asset of a product (deleted with it by cascade). */
  forProduct(manager: EntityManager, workspaceId: string, productId: string): Promise<void> {
    return this.queue(manager, workspaceId, 'a.product_id = $2', productId);
  }

  /** Lets this process's worker start at once (call after the commit). */
  wake(): void {
    this.jobs.wake();
  }

  private async queue(
    manager: EntityManager,
    workspaceId: string,
    condition: string,
    id: string,
  ): Promise<void> {
    const assets = await manager.query<Array<{ id: string; original_key: string }>>(
      `SELECT a.id, a.original_key FROM media_assets a WHERE a.workspace_id = $1 AND ${condition} FOR UPDATE`,
      [workspaceId, id],
    );
    if (assets.length === 0) return;
    const variants = await manager.query<Array<{ storage_key: string }>>(
      'SELECT storage_key FROM media_variants WHERE media_id = ANY($1::uuid[])',
      [assets.map((asset) => asset.id)],
    );
    const keys = [
      ...assets.map((asset) => asset.original_key),
      ...variants.map((variant) => variant.storage_key),
    ];
    for (let start = 0; start < keys.length; start += KEYS_PER_JOB) {
      await this.jobs.enqueue({ keys: keys.slice(start, start + KEYS_PER_JOB) }, manager);
    }
  }
}
