import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ConversionStatus, ConversionView } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { ConversionRow } from './conversion.row.js';
import { ATTRIBUTION_COLUMNS, attachClicksSql } from './click-attribution.js';

/** Where a sale came from, as far as it is known: its click's (or link's) attributes. */
export interface Attribution {
  link_id: string | null;
  post_id: string | null;
  target_id: string | null;
  campaign_id: string | null;
  connection_id: string | null;
  variant: string | null;
  product_id: string | null;
  platform: string | null;
  utm_source: string | null;
  utm_campaign: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer_domain: string | null;
}

export interface ConversionInput {
  workspaceId: string;
  orderId: string;
  source: ConversionView['source'];
  status: ConversionStatus;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
  clickId: string | null;
}

const RETURNED_COLUMNS = [
  'id',
  'order_id',
  'source',
  'status',
  'amount_minor',
  'currency',
  'occurred_at',
  'click_id',
  'link_id',
  'post_id',
  'product_id',
  'campaign_id',
  'connection_id',
  'platform',
  'variant',
];
const RETURNED = RETURNED_COLUMNS.join(', ');
/** The conversion's attribution from its click, once that click is stored; returns the row if it changed. */
const ATTACH_CLICK_SQL = attachClicksSql('v.id = $1', RETURNED_COLUMNS.map((c) => `v.${c}`).join(', '));

/** How long a Shopify delivery id is remembered: Shopify retries a delivery for 48 hours. */
export const SHOPIFY_DELIVERY_RETENTION_DAYS = 7;

/** Every query on conversions and the per-workspace secrets that admit postbacks and Shopify webhooks. */
@Injectable()
export class ConversionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Fills the conversion's attribution from the click it names, if that click is stored and the conversion is
   * still unattributed; returns the updated row, or null when nothing changed. Called once the conversion
   * has committed (see attachClicksSql).
   */
  async attachClick(conversionId: string): Promise<ConversionRow | null> {
    const [rows]: [ConversionRow[], number] = await this.tx.manager.query(ATTACH_CLICK_SQL, [conversionId]);
    return rows[0] ?? null;
  }

  async attributionOfLink(workspaceId: string, linkId: string): Promise<Attribution | null> {
    const rows: Attribution[] = await this.tx.manager.query(
      `SELECT id AS link_id, post_id, target_id, campaign_id, connection_id, variant, product_id, platform,
              utm->>'source' AS utm_source,
              utm->>'campaign' AS utm_campaign, NULL AS country, NULL AS device, NULL AS browser, NULL AS os,
              NULL AS referrer_domain
       FROM links WHERE id = $1 AND workspace_id = $2`,
      [linkId, workspaceId],
    );
    return rows[0] ?? null;
  }

  /**
   * Records the order once per workspace and order id. A repeat with the same status and amount changes
   * nothing; a new status or amount (a refund, a cancellation) replaces the old one. Attribution found now
   * fills what the first delivery did not know.
   */
  async upsert(input: ConversionInput, attribution: Attribution | null): Promise<ConversionRow> {
    const values = ATTRIBUTION_COLUMNS.map((column) => attribution?.[column] ?? null);
    const placeholders = ATTRIBUTION_COLUMNS.map((_, i) => `$${i + 10}`).join(', ');
    const fill = ATTRIBUTION_COLUMNS.map((c) => `${c} = coalesce(conversions.${c}, excluded.${c})`).join(
      ', ',
    );
    const rows: ConversionRow[] = await this.tx.manager.query(
      `INSERT INTO conversions (id, workspace_id, order_id, source, status, amount_minor, currency, occurred_at,
                                click_id, ${ATTRIBUTION_COLUMNS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${placeholders})
       ON CONFLICT (workspace_id, order_id) DO UPDATE SET
         status = excluded.status, amount_minor = excluded.amount_minor, currency = excluded.currency,
         click_id = coalesce(conversions.click_id, excluded.click_id), ${fill}, updated_at = now()
       WHERE (conversions.status, conversions.amount_minor, conversions.currency)
             IS DISTINCT FROM (excluded.status, excluded.amount_minor, excluded.currency)
          OR (conversions.link_id IS NULL AND excluded.link_id IS NOT NULL)
       RETURNING ${RETURNED}`,
      [
        randomUUID(),
        input.workspaceId,
        input.orderId,
        input.source,
        input.status,
        input.amountMinor,
        input.currency,
        input.occurredAt,
        input.clickId,
        ...values,
      ],
    );
    return rows[0] ?? (await this.findByOrder(input.workspaceId, input.orderId));
  }

  private async findByOrder(workspaceId: string, orderId: string): Promise<ConversionRow> {
    const rows: ConversionRow[] = await this.tx.manager.query(
      `SELECT ${RETURNED} FROM conversions WHERE workspace_id = $1 AND order_id = $2`,
      [workspaceId, orderId],
    );
    return rows[0];
  }

  async workspaceOfPostbackKey(keyHash: string): Promise<string | null> {
    const rows: Array<{ workspace_id: string }> = await this.tx.manager.query(
      'SELECT workspace_id FROM workspace_secrets WHERE postback_key_hash = $1',
      [keyHash],
    );
    return rows[0]?.workspace_id ?? null;
  }

  async setPostbackKeyHash(workspaceId: string, keyHash: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO workspace_secrets (workspace_id, postback_key_hash) VALUES ($1, $2)
       ON CONFLICT (workspace_id) DO UPDATE SET postback_key_hash = excluded.postback_key_hash, updated_at = now()`,
      [workspaceId, keyHash],
    );
  }

  /**
   * Records a Shopify delivery id for the workspace; false when it was recorded before (a retry or a replay).
   * Ids older than the retention are pruned on the way, so the table holds about a week per workspace.
   */
  async claimShopifyDelivery(workspaceId: string, webhookId: string): Promise<boolean> {
    await this.tx.manager.query(
      `DELETE FROM shopify_webhook_deliveries
       WHERE workspace_id = $1 AND received_at < now() - make_interval(days => $2)`,
      [workspaceId, SHOPIFY_DELIVERY_RETENTION_DAYS],
    );
    const inserted: unknown[] = await this.tx.manager.query(
      `INSERT INTO shopify_webhook_deliveries (workspace_id, webhook_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING webhook_id`,
      [workspaceId, webhookId],
    );
    return inserted.length === 1;
  }

  async shopifySecret(workspaceId: string): Promise<string | null> {
    const rows: Array<{ shopify_secret: string | null }> = await this.tx.manager.query(
      'SELECT shopify_secret FROM workspace_secrets WHERE workspace_id = $1',
      [workspaceId],
    );
    return rows[0]?.shopify_secret ?? null;
  }

  async setShopifySecret(workspaceId: string, secret: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO workspace_secrets (workspace_id, shopify_secret) VALUES ($1, $2)
       ON CONFLICT (workspace_id) DO UPDATE SET shopify_secret = excluded.shopify_secret, updated_at = now()`,
      [workspaceId, secret],
    );
  }
}
