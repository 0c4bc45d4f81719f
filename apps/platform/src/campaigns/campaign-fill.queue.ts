import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createQueueSerially, JOBS, type PgBoss } from '@app/jobs';

export const CAMPAIGN_FILL_QUEUE = 'campaign-fill';

/**
 * The queue of the banks' fill: a job fills every campaign that has fill work (the job names none). The
 * `stately` policy keeps at most one job waiting and one running across processes, so a minute's run and
 * any number of requests after changes collapse into one, and a change made during a run gets a run after it.
 */
@Injectable()
export class CampaignFillQueue implements OnModuleInit {
  constructor(@Inject(JOBS) private readonly boss: PgBoss) {}

  async onModuleInit(): Promise<void> {
    await createQueueSerially(this.boss, CAMPAIGN_FILL_QUEUE, { policy: 'stately', retryLimit: 0 });
  }

  /** Asks for a fill soon, after a change that gives a bank work (a new bank, a resume, a new schedule). */
  async request(): Promise<void> {
    await this.boss.send(CAMPAIGN_FILL_QUEUE, {});
  }
}
