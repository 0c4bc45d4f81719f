import { Type } from 'class-transformer';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim, TrimUpper } from './validation.js';

/** Request subjects of conversions (sales), postbacks and the Shopify order webhook. */
export const ConversionSubjects = {
  record: 'analytics.conversion.record',
  postback: 'analytics.conversion.postback',
  rotatePostbackKey: 'analytics.postback-key.rotate',
  setShopifySecret: 'analytics.shopify-secret.set',
  shopifyOrder: 'analytics.shopify-order.receive',
} as const;

export const CONVERSION_STATUSES = ['pending', 'approved', 'refunded', 'cancelled'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

export class RecordConversionDto {
  /** The `sc_cid` the destination received; attributes the sale to the click, link, post and product. */
  @IsOptional() @IsUUID() clickId?: string;
  @IsOptional() @IsUUID() linkId?: string;
  /** Your order id; a repeated order id updates the same conversion (idempotent). */
  @Trim() @IsString() @Length(1, 200) orderId!: string;
  @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000_000) amountMinor!: number;
  @TrimUpper()
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD or EUR' })
  currency!: string;
  /** `refunded` and `cancelled` remove the order's revenue. Default `approved`. */
  @IsOptional() @IsIn(CONVERSION_STATUSES) status?: ConversionStatus;
  @IsOptional() @IsISO8601({ strict: true }) occurredAt?: string;
}

/** An affiliate network's server-to-server postback (query string). */
export class PostbackQuery {
  @IsString() @Length(16, 200) key!: string;
  @IsOptional() @IsUUID() click_id?: string;
  @Trim() @IsString() @Length(1, 200) order_id!: string;
  /** Amount in major units, e.g. `12.50`. */
  @Type(() => Number) @Min(0) @Max(10_000_000_000) amount!: number;
  @TrimUpper()
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD or EUR' })
  currency!: string;
  @IsOptional() @IsIn(CONVERSION_STATUSES) status?: ConversionStatus;
}

export class ShopifySecretDto {
  /** The app's client secret (or webhook signing secret) Shopify signs order webhooks with. */
  @IsString() @Length(8, 500) secret!: string;
}

export class ShopifyWebhookParams {
  @IsUUID() workspaceId!: string;
}

/**
 * The largest Shopify webhook body accepted. Shopify documents no cap for HTTPS deliveries and its order
 * payloads can pass a megabyte (orders with many line items); 5 MiB leaves room for those.
 */
export const SHOPIFY_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

export class ShopifyOrderRequestDto {
  @IsUUID() workspaceId!: string;
  /** The raw request body, base64, exactly as received: the HMAC is over these bytes. */
  @IsBase64() @MaxLength(2_000_000) rawBodyBase64!: string;
  /** `gzip` when the gateway compressed the body to fit on the bus (the HMAC is over the uncompressed bytes). */
  @IsOptional() @IsIn(['gzip']) rawBodyEncoding?: 'gzip';
  @IsString() @MaxLength(200) hmacHeader!: string;
  /** `X-Shopify-Webhook-Id`: one delivery (retries keep it); a delivery seen before is not applied again. */
  @IsOptional() @IsString() @Length(1, 200) webhookId?: string;
}
export type ShopifyOrderRequest = ShopifyOrderRequestDto;

export class ConversionView {
  id!: string;
  orderId!: string;
  source!: 'api' | 'postback' | 'shopify';
  status!: ConversionStatus;
  amountMinor!: number;
  /** Revenue this order counts for now: 0 once refunded or cancelled. */
  revenueMinor!: number;
  currency!: string;
  clickId!: string | null;
  linkId!: string | null;
  postId!: string | null;
  productId!: string | null;
  campaignId!: string | null;
  connectionId!: string | null;
  platform!: string | null;
  variant!: string | null;
  occurredAt!: string;
}

export class PostbackKeyView {
  /** Shown once: put it in your affiliate network's postback URL as `key`. */
  key!: string;
  postbackUrl!: string;
}
