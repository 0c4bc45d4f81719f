import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Shopify webhook deliveries (`X-Shopify-Webhook-Id`) already recorded, per workspace: a delivery seen
 * again is acknowledged but not applied. Kept for a week (Shopify stops retrying after 48 hours).
 */
export class ShopifyWebhookDeliveries1764100800000 implements MigrationInterface {
  name = 'ShopifyWebhookDeliveries1764100800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE shopify_webhook_deliveries (
         workspace_id uuid NOT NULL,
         webhook_id text NOT NULL,
         received_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (workspace_id, webhook_id)
       )`,
    );
    await runner.query(
      `CREATE INDEX shopify_webhook_deliveries_received ON shopify_webhook_deliveries (workspace_id, received_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE shopify_webhook_deliveries');
  }
}
