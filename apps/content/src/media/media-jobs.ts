import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface MediaJob {
  mediaId: string;
  workspaceId: string;
  /** The request chain that added the asset; its processed event continues it (absent on older jobs). */
  correlationId?: string;
}

/** The queue of media processing jobs, one per new image; retried with backoff on storage or database errors. */
@Injectable()
export class MediaJobs extends JobQueue<MediaJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'content-media-process', { retryLimit: 3, retryDelay: 5, retryBackoff: true });
  }
}
