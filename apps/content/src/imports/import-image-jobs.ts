import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

/** One image URL of an imported row, to fetch and add to the product's media. */
export interface ImportImageJob {
  workspaceId: string;
  productId: string;
  url: string;
  importId: string;
  line: number;
  externalId: string;
  /** The request chain of the import (or of the retry), which the image's processing continues. */
  correlationId?: string;
}

/**
 * The queue of imported image URLs, one job per new (product, URL). A refusal by the URL (blocked, not an
 * image, too large) is final and reported on the import; only storage or database errors are retried.
 */
@Injectable()
export class ImportImageJobs extends JobQueue<ImportImageJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'content-import-image', { retryLimit: 3, retryDelay: 10, retryBackoff: true });
  }
}
