import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { CampaignEntity } from './campaign.entity.js';

/** Every query on campaign rows; each bound to a workspace, but those of the bank's fill, which acts for all. */
@Injectable()
export class CampaignsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(campaign: CampaignEntity): Promise<void> {
    await this.tx.manager.insert(CampaignEntity, campaign);
  }

  async save(campaign: CampaignEntity): Promise<void> {
    await this.tx.manager.save(CampaignEntity, campaign);
  }

  findOne(workspaceId: string, id: string) {
    return this.tx.manager.findOneBy(CampaignEntity, { workspaceId, id });
  }

  /** Locks the campaign so two posts never take the same slot, and a fill never races a pause. */
  findForUpdate(workspaceId: string, id: string): Promise<CampaignEntity | null> {
    return this.tx.manager
      .createQueryBuilder(CampaignEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.workspace_id = :workspaceId AND c.id = :id', { workspaceId, id })
      .getOne();
  }

  /** Detaches the campaign's posts, then deletes it. */
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.tx.manager.query(
      'UPDATE posts SET campaign_id = NULL WHERE workspace_id = $1 AND campaign_id = $2',
      [workspaceId, id],
    );
    await this.tx.manager.delete(CampaignEntity, { workspaceId, id });
  }

  list(workspaceId: string): Promise<CampaignEntity[]> {
    return this.tx.manager.find(CampaignEntity, {
      where: { workspaceId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
  }

  /**
   * Active campaigns the fill has work for, least recently filled first: past their end, with a used-up
   * bank (to see whether its last posts went out), or with a bank whose horizon (`fillAheadDays` ahead, or
   * the end if sooner) is an hour or more short.
   */
  async dueForFill(limit: number): Promise<Array<{ id: string; workspaceId: string }>> {
    const rows = await this.tx.manager.query<Array<{ id: string; workspace_id: string }>>(
      `SELECT id, workspace_id FROM campaigns
       WHERE status = 'active' AND (
         ends_at <= now()
         OR (cardinality(product_ids) > 0 AND jsonb_array_length(templates) > 0 AND (
           bank_used_up_at IS NOT NULL OR filled_until IS NULL
           OR filled_until < LEAST(now() + make_interval(days => fill_ahead_days), ends_at) - interval '1 hour')))
       ORDER BY filled_until NULLS FIRST, id
       LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id }));
  }

  /**
   * Active campaigns that pick their winner and have none holding, with two or more templates, not looked at
   * for `everySec` seconds; least recently looked at first.
   */
  async dueForWinner(limit: number, everySec: number): Promise<Array<{ id: string; workspaceId: string }>> {
    const rows = await this.tx.manager.query<Array<{ id: string; workspace_id: string }>>(
      `SELECT id, workspace_id FROM campaigns
       WHERE status = 'active' AND auto_winner_min_trials IS NOT NULL
         AND (winner IS NULL OR winner->>'undoneAt' IS NOT NULL) AND jsonb_array_length(templates) >= 2
         AND (winner_checked_at IS NULL OR winner_checked_at <= now() - make_interval(secs => $2))
       ORDER BY winner_checked_at NULLS FIRST, id
       LIMIT $1`,
      [limit, everySec],
    );
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id }));
  }

  async markWinnerChecked(id: string): Promise<void> {
    await this.tx.manager.update(CampaignEntity, { id }, { winnerCheckedAt: new Date() });
  }

  /** Records how far the bank filled, and since when it is used up (null while it is not). */
  async markFilled(id: string, filledUntil: Date, bankUsedUpAt: Date | null): Promise<void> {
    await this.tx.manager.update(CampaignEntity, { id }, { filledUntil, bankUsedUpAt });
  }
}
