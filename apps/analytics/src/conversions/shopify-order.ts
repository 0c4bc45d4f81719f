import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConversionStatus } from '@app/contracts';
import { toMinorUnits } from './money.js';

/** Whether `hmacHeader` is the base64 HMAC-SHA256 of exactly these bytes under the secret (constant time). */
export function isValidShopifyHmac(rawBody: Buffer, hmacHeader: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(hmacHeader, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ShopifyOrder {
  orderId: string;
  amountMinor: number;
  currency: string;
  status: ConversionStatus;
  occurredAt: Date;
  clickId: string | null;
}

interface ShopifyOrderPayload {
  id?: unknown;
  currency?: unknown;
  current_total_price?: unknown;
  total_price?: unknown;
  financial_status?: unknown;
  cancelled_at?: unknown;
  created_at?: unknown;
  note_attributes?: unknown;
  landing_site?: unknown;
  discount_codes?: unknown;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Reads the order fields a conversion needs from an order webhook body, or null when it is not an order.
 * The amount is the current total (Shopify lowers it on refunds); cancelled or fully refunded orders earn 0.
 */
export function parseShopifyOrder(payload: unknown, clickIdParam: string): ShopifyOrder | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const order = payload as ShopifyOrderPayload;
  if ((typeof order.id !== 'number' && typeof order.id !== 'string') || typeof order.currency !== 'string') {
    return null;
  }
  const currency = order.currency.toUpperCase();
  const total = Number(order.current_total_price ?? order.total_price);
  if (!Number.isFinite(total) || total < 0 || !/^[A-Z]{3}$/.test(currency)) return null;
  const createdAt = typeof order.created_at === 'string' ? new Date(order.created_at) : new Date();
  return {
    orderId: `shopify:${String(order.id)}`,
    amountMinor: toMinorUnits(total, currency),
    currency,
    status: statusOf(order),
    occurredAt: Number.isNaN(createdAt.getTime()) ? new Date() : createdAt,
    clickId: clickIdOf(order, clickIdParam),
  };
}

function statusOf(order: ShopifyOrderPayload): ConversionStatus {
  if (order.cancelled_at) return 'cancelled';
  if (order.financial_status === 'refunded' || order.financial_status === 'voided') return 'refunded';
  if (order.financial_status === 'pending' || order.financial_status === 'authorized') return 'pending';
  return 'approved';
}

/** The click id from the order's note attributes, its landing site's query, or a discount code. */
function clickIdOf(order: ShopifyOrderPayload, clickIdParam: string): string | null {
  if (Array.isArray(order.note_attributes)) {
    for (const attribute of order.note_attributes as Array<{ name?: unknown; value?: unknown }>) {
      if (
        attribute?.name === clickIdParam &&
        typeof attribute.value === 'string' &&
        UUID.test(attribute.value)
      ) {
        return attribute.value.match(UUID)![0].toLowerCase();
      }
    }
  }
  if (typeof order.landing_site === 'string') {
    const value = new URL(order.landing_site, 'https://shop.invalid').searchParams.get(clickIdParam);
    if (value && UUID.test(value)) return value.match(UUID)![0].toLowerCase();
  }
  if (Array.isArray(order.discount_codes)) {
    for (const discount of order.discount_codes as Array<{ code?: unknown }>) {
      if (typeof discount?.code === 'string' && UUID.test(discount.code)) {
        return discount.code.match(UUID)![0].toLowerCase();
      }
    }
  }
  return null;
}
