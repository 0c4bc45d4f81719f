import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { isUniqueViolation, TransactionHost } from '@app/database';
import { LinkEntity } from './link.entity.js';

export interface LinkListFilter {
  limit: number;
  productId?: string;
  postId?: string;
}

const CODE_UNIQUE = 'links_code_unique';

/** What a post target's link is made of: whoever asks again with the same key must name the same. */
const ATTRIBUTION = [
  'post_id',
  'target_id',
  'connection_id',
  'product_id',
  'campaign_id',
  'variant',
  'platform',
];

/** Inserts a post target's link, or finds the live one its key already names ($13: the key). */
const INSERT_FOR_TARGET_SQL = `
  INSERT INTO links (id, workspace_id, code, url, post_id, target_id, connection_id, product_id, campaign_id,
                     variant, platform, utm, idempotency_key, is_disabled, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, false, $14, $14)
  ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL
  DO UPDATE SET url = excluded.url,
    updated_at = CASE WHEN links.url = excluded.url THEN links.updated_at ELSE excluded.updated_at END
  WHERE (${ATTRIBUTION.map((column) => `links.${column}`).join(', ')})
        IS NOT DISTINCT FROM (${ATTRIBUTION.map((column) => `excluded.${column}`).join(', ')})
  RETURNING id`;

/** The outcome of asking for a post target's link. */
export type TargetLinkOutcome =
  { kind: 'link'; id: string } | { kind: 'code-taken' } | { kind: 'other-attribution' };

/** Every query on analytics.links; each one but the code lookup of the redirect is bound to a workspace. */
@Injectable()
export class LinksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts the link; false when its code is taken (by any workspace). */
  async insert(link: LinkEntity): Promise<boolean> {
    try {
      await this.tx.manager.getRepository(LinkEntity).insert(link);
      return true;
    } catch (error) {
      if (isUniqueViolation(error, CODE_UNIQUE)) return false;
      throw error;
    }
  }

  /**
   * Inserts a post target's link unless a live link of the workspace has its idempotency key, in one statement:
   * concurrent callers with one key wait on its index entry and all get the link one of them made. That link
   * takes this destination; it is left alone when its attribution differs.
   */
  async insertForTarget(link: LinkEntity): Promise<TargetLinkOutcome> {
    try {
      const rows: Array<{ id: string }> = await this.tx.manager.query(INSERT_FOR_TARGET_SQL, [
        link.id,
        link.workspaceId,
        link.code,
        link.url,
        link.postId,
        link.targetId,
        link.connectionId,
        link.productId,
        link.campaignId,
        link.variant,
        link.platform,
        JSON.stringify(link.utm),
        link.idempotencyKey,
        link.createdAt,
      ]);
      return rows[0] ? { kind: 'link', id: rows[0].id } : { kind: 'other-attribution' };
    } catch (error) {
      if (isUniqueViolation(error, CODE_UNIQUE)) return { kind: 'code-taken' };
      throw error;
    }
  }

  findOne(workspaceId: string, id: string): Promise<LinkEntity | null> {
    return this.tx.manager.getRepository(LinkEntity).findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  /** The live link behind a short code, in any workspace (the redirect is public). */
  findByCode(code: string): Promise<LinkEntity | null> {
    return this.tx.manager.getRepository(LinkEntity).findOneBy({ code, deletedAt: IsNull() });
  }

  list(workspaceId: string, filter: LinkListFilter): Promise<LinkEntity[]> {
    return this.tx.manager.getRepository(LinkEntity).find({
      where: {
        workspaceId,
        deletedAt: IsNull(),
        ...(filter.productId ? { productId: filter.productId } : {}),
        ...(filter.postId ? { postId: filter.postId } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: filter.limit,
    });
  }

  async save(link: LinkEntity): Promise<void> {
    await this.tx.manager.getRepository(LinkEntity).save(link);
  }
}
