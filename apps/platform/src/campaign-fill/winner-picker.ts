import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DashboardSubjects } from '@app/contracts';
import { RpcClient, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { type CampaignWinner, holdingWinner } from '../campaigns/campaign.entity.js';
import { CampaignWinnerService } from '../campaigns/campaign-winner.service.js';
import { CampaignsRepository } from '../campaigns/campaigns.repository.js';
import { winnerOf } from './winner-decision.js';

const CAMPAIGNS_PER_RUN = 20;

/**
 * Campaigns with `autoWinner` ask analytics, every `CAMPAIGN_WINNER_CHECK_SEC`, for the experiment of their
 * bank's variants across their posts, and name its winner once there is one.
 */
@Injectable()
export class WinnerPicker {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly winners: CampaignWinnerService,
    private readonly rpc: RpcClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Looks at the campaigns due a look, one after another; one that fails does not hold up the rest. */
  async pickDue(): Promise<void> {
    const due = await this.campaigns.dueForWinner(CAMPAIGNS_PER_RUN, this.config.publishing.winnerCheckSec);
    for (const { id, workspaceId } of due) {
      try {
        const winner = await this.pick(workspaceId, id);
        if (winner)
          this.logger.info({ campaignId: id, variant: winner.variant }, 'Campaign named its winning variant');
      } catch (error) {
        this.logger.error(
          { err: error, campaignId: id },
          "Asking for a campaign's winner failed; it asks again later",
        );
      }
    }
  }

  /** Names the campaign's winner if its experiment has one; answers it, or null. */
  async pick(workspaceId: string, id: string): Promise<CampaignWinner | null> {
    const campaign = await this.campaigns.findOne(workspaceId, id);
    const gate = campaign?.autoWinnerMinTrials ?? null;
    if (!campaign || campaign.status !== 'active' || gate === null || holdingWinner(campaign)) return null;
    const experiments = await this.rpc.send(
      DashboardSubjects.experiments,
      { campaignId: id, minimumSample: gate },
      systemContext(workspaceId),
    );
    await this.campaigns.markWinnerChecked(id);
    const experiment = experiments.find((candidate) => candidate.scope === 'campaign' && candidate.id === id);
    const winner = experiment && winnerOf(experiment, campaign.templates, gate);
    if (!winner) return null;
    return (await this.winners.declare(workspaceId, id, winner)) ? winner : null;
  }
}
