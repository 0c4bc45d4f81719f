import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JOBS, type PgBoss } from '@app/jobs';
import { CAMPAIGN_FILL_QUEUE } from '../campaigns/campaign-fill.queue.js';
import { CampaignFiller } from './campaign-filler.js';

/**
 * Runs the banks' fill every minute (pg-boss's schedule, one run at a time across processes), and soon after a
 * change asks for one (CampaignFillQueue.request).
 */
@Injectable()
export class CampaignFillWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly filler: CampaignFiller,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(CAMPAIGN_FILL_QUEUE, '* * * * *');
    await this.boss.work(CAMPAIGN_FILL_QUEUE, { pollingIntervalSeconds: 1 }, () => this.filler.fillDue());
  }
}
