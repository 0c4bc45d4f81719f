import { Injectable } from '@nestjs/common';
import { type CampaignView, ConflictError, NotFoundError } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { type CampaignEntity, type CampaignWinner, hasBank, holdingWinner } from './campaign.entity.js';
import { CampaignFillQueue } from './campaign-fill.queue.js';
import { CampaignPostsRepository } from './campaign-posts.repository.js';
import { CampaignSlotsRepository } from './campaign-slots.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';

/**
 * A campaign's winning variant: naming it switches the bank to that variant from now on, and undoing it
 * switches the bank back to rotating all of them. Either way the bank's posts not yet started that the new
 * rule would not have made are cancelled (with the reason on each) and their slots filled again, so the
 * change reaches the next slot rather than the one `fillAheadDays` away. Posts added by hand are left alone.
 */
@Injectable()
export class CampaignWinnerService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: CampaignsRepository,
    private readonly posts: CampaignPostsRepository,
    private readonly slots: CampaignSlotsRepository,
    private readonly fill: CampaignFillQueue,
    private readonly campaigns: CampaignsService,
  ) {}

  /**
   * Records the winner unless, meanwhile, the campaign stopped picking, stopped being active, got a winner or
   * lost that variant's template; answers whether it did.
   */
  async declare(workspaceId: string, id: string, winner: CampaignWinner): Promise<boolean> {
    const isDeclared = await this.tx.run(async () => {
      const campaign = await this.repository.findForUpdate(workspaceId, id);
      if (
        campaign?.status !== 'active' ||
        campaign.autoWinnerMinTrials === null ||
        holdingWinner(campaign) ||
        !campaign.templates.some((template) => template.variant === winner.variant)
      )
        return false;
      campaign.winner = winner;
      await this.refill(
        campaign,
        { except: winner.variant },
        `The campaign switched to its winning variant "${winner.variant}"`,
      );
      return true;
    });
    if (isDeclared) await this.fill.request();
    return isDeclared;
  }

  /**
   * Undoes the holding winner: the bank rotates every variant again, and stops picking by itself (turn
   * `autoWinner` on again to let it pick anew). A 409 when no winner holds.
   */
  async undo(context: RequestContext, id: string): Promise<CampaignView> {
    const { workspaceId, userId } = context.principal;
    const campaign = await this.tx.run(async () => {
      const found = await this.repository.findForUpdate(workspaceId, id);
      if (!found) throw new NotFoundError('Campaign');
      const winner = holdingWinner(found);
      if (!winner) throw new ConflictError(`The campaign "${found.name}" has no winning variant to undo`);
      found.winner = {
        ...winner,
        undoneAt: new Date().toISOString(),
        undoneBy: userId,
        undoReason: 'Undone',
      };
      found.autoWinnerMinTrials = null;
      await this.refill(
        found,
        { only: winner.variant, since: new Date(winner.decidedAt) },
        'The campaign went back to rotating all its variants',
      );
      return found;
    });
    if (campaign.status === 'active' && hasBank(campaign)) await this.fill.request();
    return this.campaigns.view(campaign);
  }

  /** Saves the campaign's new rule and frees the bank's not-yet-started slots it no longer wants. */
  private async refill(
    campaign: CampaignEntity,
    which: { except?: string; only?: string; since?: Date },
    reason: string,
  ): Promise<void> {
    Object.assign(campaign, { filledUntil: null, bankUsedUpAt: null, updatedAt: new Date() });
    await this.repository.save(campaign);
    const cancelled = await this.posts.cancelBankTargets(campaign.id, which, reason);
    await this.slots.releaseKeys(campaign.id, cancelled);
  }
}
