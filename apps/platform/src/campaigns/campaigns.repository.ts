import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
  constructor(private readonly dataSource: DataSource) {}

  async insert(campaign: CampaignEntity): Promise<void> {
    await this.dataSource.manager.insert(CampaignEntity, campaign);
  }

  async save(manager: EntityManager, campaign: CampaignEntity): Promise<void> {
    await manager.save(CampaignEntity, campaign);
  }

  findOne(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(CampaignEntity, { workspaceId, id });
  }

  /** Locks the campaign so two posts never take the same slot. */
  findForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<CampaignEntity | null> {
    return manager
      .createQueryBuilder(CampaignEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.workspace_id = :workspaceId AND c.id = :id', { workspaceId, id })
      .getOne();
  }

  /** Detaches the campaign's posts, then deletes it. */
  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    await manager.query('UPDATE posts SET campaign_id = NULL WHERE workspace_id = $1 AND campaign_id = $2', [
      workspaceId,
      id,
    ]);
    await manager.delete(CampaignEntity, { workspaceId, id });
  }

  list(workspaceId: string): Promise<CampaignEntity[]> {
    return this.dataSource.manager.find(CampaignEntity, {
      where: { workspaceId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
  }

  /** The slots (post times) at or after `from` that the campaign's posts hold on any of `connectionIds`. */
  async takenSlots(
    campaignId: string,
    connectionIds: string[],
    from: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<number>> {
    const rows = await manager.query<Array<{ at: Date }>>(
      `SELECT DISTINCT p.scheduled_at AS at FROM posts p
       JOIN post_targets t ON t.post_id = p.id
       WHERE p.campaign_id = $1 AND p.scheduled_at >= $2
         AND t.connection_id = ANY($3::uuid[]) AND t.status = ANY($4::text[])`,
      [campaignId, from, connectionIds, HOLDING_STATUSES],
    );
    return new Set(rows.map((row) => new Date(row.at).getTime()));
  }
}
