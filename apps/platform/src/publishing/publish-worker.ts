import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';
import { ConnectionTokensService } from '../connections/connection-tokens.service.js';
import { Publisher } from './publisher.js';
import { PUBLISH_QUEUE, type PublishJob } from './publish-queue.js';

const REFRESH_QUEUE = 'refresh-connection-tokens';

/** Runs due publish jobs (a batch at a time, in parallel) and the every-minute token refresh job. */
@Injectable()
export class PublishWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly publisher: Publisher,
    private readonly tokens: ConnectionTokensService,
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
          await this.publisher.dispatchMany(jobs.map((job) => job.data.targetId));
          if (jobs.length === batchSize && workerId) this.boss.notifyWorker(workerId);
        },
      );
    }
    await createQueueSerially(this.boss, REFRESH_QUEUE, { policy: 'singleton', retryLimit: 0 });
    await this.boss.schedule(REFRESH_QUEUE, '* * * * *');
    await this.boss.work(REFRESH_QUEUE, async () => {
      await this.tokens.refreshExpiring();
    });
  }
}
