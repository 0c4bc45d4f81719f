import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JOBS, type PgBoss } from '@app/jobs';
import { Publisher } from './publisher.js';
import { PUBLISH_QUEUE, type PublishJob } from './publish-queue.js';

/** Runs due publish jobs, a batch at a time, in parallel. */
@Injectable()
export class PublishWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly publisher: Publisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Two loops, so one slow call does not hold back a whole batch; a full batch fetches again at once
    // instead of waiting out pg-boss's polling interval.
    const batchSize = Math.ceil(this.config.publishing.concurrency / 2);
    for (let loop = 0; loop < 2; loop += 1) {
      let workerId = '';
      workerId = await this.boss.work<PublishJob>(
        PUBLISH_QUEUE,
        { batchSize, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          // One claim transaction per batch of jobs; the calls of the batch then run in parallel.
          await this.publisher.dispatchMany(jobs.map((job) => job.data));
          if (jobs.length === batchSize && workerId) this.boss.notifyWorker(workerId);
        },
      );
    }
  }
}
