import { Injectable } from '@nestjs/common';
import type {
  ImportedProductSummary,
  PlatformMetricsCollectedEvent,
  PostPublishedEvent,
  ProductView,
} from '@app/contracts';
import { TransactionHost } from '@app/database';

/** Writes of the read models other services' events keep: product names, costs and commission rates, published targets. */
@Injectable()
export class ReadModelRepository {
  constructor(private readonly tx: TransactionHost) {}

  async upsertProduct(workspaceId: string, product: ProductView): Promise<void> {
    await this.upsertProducts(workspaceId, [product]);
  }

  /** Inserts or updates many catalog products in one statement; a product of another workspace is left alone. */
  async upsertProducts(workspaceId: string, products: ImportedProductSummary[]): Promise<void> {
    if (products.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO catalog_products (id, workspace_id, title, price_minor, cost_minor, currency, commission_rate,
                                     updated_at)
       SELECT p.id, $1, p.title, p.price_minor, p.cost_minor, p.currency, p.commission_rate, now()
       FROM jsonb_to_recordset($2::jsonb)
         AS p(id uuid, title text, price_minor bigint, cost_minor bigint, currency text, commission_rate numeric)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, price_minor = excluded.price_minor,
         cost_minor = excluded.cost_minor, currency = excluded.currency,
         commission_rate = excluded.commission_rate, updated_at = now()
       WHERE catalog_products.workspace_id = excluded.workspace_id`,
      [
        workspaceId,
        JSON.stringify(
          products.map((product) => ({
            id: product.id,
            title: product.title,
            price_minor: product.priceMinor,
            cost_minor: product.costMinor,
            currency: product.currency,
            // Events written before products carried their rate in imports have none: null, no commission.
            commission_rate: product.commissionRate ?? null,
          })),
        ),
      ],
    );
  }

  async markProductDeleted(workspaceId: string, productId: string): Promise<void> {
    await this.tx.manager.query(
      'UPDATE catalog_products SET is_deleted = true, updated_at = now() WHERE id = $1 AND workspace_id = $2',
      [productId, workspaceId],
    );
  }

  async recordPublished(workspaceId: string, event: PostPublishedEvent): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO published_targets (target_id, workspace_id, post_id, product_id, platform, connection_id,
                                      published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (target_id) DO UPDATE SET published_at = excluded.published_at,
         product_id = coalesce(excluded.product_id, published_targets.product_id),
         connection_id = excluded.connection_id
       WHERE published_targets.workspace_id = excluded.workspace_id`,
      [
        event.targetId,
        workspaceId,
        event.postId,
        event.productId,
        event.platform,
        event.connectionId,
        event.publishedAt,
      ],
    );
  }

  /** Keeps the newest snapshot of a target's counters; an older snapshot delivered late changes nothing. */
  async recordMetrics(workspaceId: string, event: PlatformMetricsCollectedEvent): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO published_targets (target_id, workspace_id, post_id, product_id, platform, variant, collected_at,
                                      impressions, views, likes, comments, shares, saves, platform_clicks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (target_id) DO UPDATE SET collected_at = excluded.collected_at,
         variant = coalesce(excluded.variant, published_targets.variant),
         impressions = excluded.impressions, views = excluded.views, likes = excluded.likes,
         comments = excluded.comments, shares = excluded.shares, saves = excluded.saves,
         platform_clicks = excluded.platform_clicks
       WHERE published_targets.workspace_id = excluded.workspace_id
         AND (published_targets.collected_at IS NULL OR published_targets.collected_at < excluded.collected_at)`,
      [
        event.targetId,
        workspaceId,
        event.postId,
        event.productId,
        event.platform,
        event.variant,
        event.collectedAt,
        event.impressions,
        event.views,
        event.likes,
        event.comments,
        event.shares,
        event.saves,
        event.clicks,
      ],
    );
  }
}
