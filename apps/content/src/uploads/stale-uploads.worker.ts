import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';
import { DirectUploadsRepository } from './direct-uploads.repository.js';
import { DirectUploadsService } from './direct-uploads.service.js';

/** The queue of the periodic cleanup; a job sent to it runs the cleanup at once. */
export const STALE_UPLOADS_QUEUE = 'content-stale-uploads';

/** A direct upload not completed within a day is abandoned. */
export const STALE_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

const BATCH = 200;

/**
 * Every 15 minutes, one process at a time: direct uploads handed out more than a day ago and never completed
 * lose their file and their row, so an abandoned upload cannot hold storage.
 */
@Injectable()
export class StaleUploadsWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly repository: DirectUploadsRepository,
    private readonly uploads: DirectUploadsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await createQueueSerially(this.boss, STALE_UPLOADS_QUEUE, { policy: 'singleton', retryLimit: 0 });
    await this.boss.schedule(STALE_UPLOADS_QUEUE, '*/15 * * * *');
    await this.boss.work(STALE_UPLOADS_QUEUE, () => this.removeStale());
  }

  async removeStale(now = Date.now()): Promise<void> {
    const cutoff = new Date(now - STALE_UPLOAD_AGE_MS);
    for (;;) {
      const stale = await this.repository.createdBefore(cutoff, BATCH);
      for (const upload of stale) await this.uploads.remove(upload);
      if (stale.length < BATCH) return;
    }
  }
}
