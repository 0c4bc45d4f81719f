import type { ConversionStatus, ConversionView } from '@app/contracts';

/** A row of analytics.conversions as the repository reads it. */
export interface ConversionRow {
  id: string;
  order_id: string;
  source: ConversionView['source'];
  status: ConversionStatus;
  amount_minor: string;
  currency: string;
  occurred_at: Date;
  click_id: string | null;
  link_id: string | null;
  post_id: string | null;
  product_id: string | null;
  campaign_id: string | null;
  connection_id: string | null;
  platform: string | null;
  variant: string | null;
}

/** Statuses whose orders count as sales; refunded and cancelled ones earn nothing. */
export const EARNING_STATUSES: readonly ConversionStatus[] = ['approved', 'pending'];

export function toConversionView(row: ConversionRow): ConversionView {
  const amountMinor = Number(row.amount_minor);
  return {
    id: row.id,
    orderId: row.order_id,
    source: row.source,
    status: row.status,
    amountMinor,
    revenueMinor: EARNING_STATUSES.includes(row.status) ? amountMinor : 0,
    currency: row.currency,
    clickId: row.click_id,
    linkId: row.link_id,
    postId: row.post_id,
    productId: row.product_id,
    campaignId: row.campaign_id,
    connectionId: row.connection_id,
    platform: row.platform,
    variant: row.variant,
    occurredAt: row.occurred_at.toISOString(),
  };
}
