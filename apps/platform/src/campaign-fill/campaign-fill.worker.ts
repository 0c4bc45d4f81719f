import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JOBS, type PgBoss } from '@app/jobs';
import { CAMPAIGN_FILL_QUEUE } from '../campaigns/campaign-fill.queue.js';
import { CampaignFiller } from './campaign-filler.js';
import { WinnerPicker } from './winner-picker.js';

/**
 * Runs the winner picker and the banks' fill every minute (pg-boss's schedule, one run at a time across processes), and soon after a
 * change asks for one (CampaignFillQueue.request).
 */
@Injectable()
export class CampaignFillWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JOBS) private readonly boss: PgBoss,
    private readonly filler: CampaignFiller,
    private readonly picker: WinnerPicker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.schedule(CAMPAIGN_FILL_QUEUE, '* * * * *');
    await this.boss.work(CAMPAIGN_FILL_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
      // A winner named now frees the bank's later slots, which the fill after it takes.
      await this.picker.pickDue();
      await this.filler.fillDue();
    });
  }
}
