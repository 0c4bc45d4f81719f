import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { CampaignEntity } from './campaign.entity.js';

/** A slot stays taken while a target on it may still be posted. */
const HOLDING_STATUSES = [
  'draft',
  'needs_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'unconfirmed',
];

/** Every query on campaigns and on the slots their posts take; each bound to a workspace. */
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

  /** Locks the campaign so two posts never take the same slot. */
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

  /** The slots (post times) at or after `from` that the campaign's posts hold on any of `connectionIds`. */
  async takenSlots(campaignId: string, connectionIds: string[], from: Date): Promise<Set<number>> {
    const rows = await this.tx.manager.query<Array<{ at: Date }>>(
      `SELECT DISTINCT p.scheduled_at AS at FROM posts p
       JOIN post_targets t ON t.post_id = p.id
       WHERE p.campaign_id = $1 AND p.scheduled_at >= $2
         AND t.connection_id = ANY($3::uuid[]) AND t.status = ANY($4::text[])`,
      [campaignId, from, connectionIds, HOLDING_STATUSES],
    );
    return new Set(rows.map((row) => new Date(row.at).getTime()));
  }
}
