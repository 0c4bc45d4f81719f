import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

/** Storage keys whose rows are gone: their blobs are removed by the job. */
export interface BlobCleanupJob {
  keys: string[];
}

/**
 * The queue of blob removals, each queued in the transaction that deletes the rows pointing at the blobs, so
 * blobs go exactly when their rows do and no row ever points at a missing blob. Retried on storage errors.
 */
@Injectable()
export class BlobCleanupJobs extends JobQueue<BlobCleanupJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'content-blob-cleanup', { retryLimit: 10, retryDelay: 30, retryBackoff: true });
  }
}
