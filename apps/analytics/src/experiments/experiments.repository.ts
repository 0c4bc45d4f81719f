import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';

export interface VariantLinkRow {
  id: string;
  post_id: string;
  campaign_id: string | null;
  product_id: string | null;
  variant: string;
  target_id: string | null;
}

/** The queries behind experiments: variant links, and their clicks, sales and impressions (all time). */
@Injectable()
export class ExperimentsRepository {
  constructor(private readonly tx: TransactionHost) {}

  variantLinks(
    workspaceId: string,
    by: { postId?: string; productId?: string; campaignId?: string },
  ): Promise<VariantLinkRow[]> {
    return this.tx.manager.query(
      `SELECT id, post_id, campaign_id, product_id, variant, target_id FROM links
       WHERE workspace_id = $1 AND variant IS NOT NULL AND post_id IS NOT NULL
         AND ($2::uuid IS NULL OR post_id = $2) AND ($3::uuid IS NULL OR product_id = $3)
         AND ($4::uuid IS NULL OR campaign_id = $4)
       ORDER BY created_at, id`,
      [workspaceId, by.postId ?? null, by.productId ?? null, by.campaignId ?? null],
    );
  }

  async clicksByLink(workspaceId: string, linkIds: string[]): Promise<Map<string, number>> {
    return this.countsBy(
      `SELECT value AS key, sum(clicks) AS n FROM click_rollups_daily
       WHERE workspace_id = $1 AND dimension = 'link' AND value = ANY($2::text[]) GROUP BY value`,
      [workspaceId, linkIds],
    );
  }

  async ordersByLink(workspaceId: string, linkIds: string[]): Promise<Map<string, number>> {
    return this.countsBy(
      `SELECT link_id::text AS key, count(*) AS n FROM conversions
       WHERE workspace_id = $1 AND link_id = ANY($2::uuid[]) AND status IN ('approved', 'pending')
       GROUP BY link_id`,
      [workspaceId, linkIds],
    );
  }

  async impressionsByTarget(workspaceId: string, targetIds: string[]): Promise<Map<string, number>> {
    return this.countsBy(
      `SELECT target_id::text AS key, impressions AS n FROM published_targets
       WHERE workspace_id = $1 AND target_id = ANY($2::uuid[])`,
      [workspaceId, targetIds],
    );
  }

  private async countsBy(sql: string, parameters: unknown[]): Promise<Map<string, number>> {
    const rows: Array<{ key: string; n: string }> = await this.tx.manager.query(sql, parameters);
    return new Map(rows.map((row) => [row.key, Number(row.n)]));
  }
}
