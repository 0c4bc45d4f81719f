import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type ConversionView,
  InvalidError,
  NotFoundError,
  type PostbackKeyView,
  type PostbackQuery,
  type RecordConversionDto,
  SHOPIFY_WEBHOOK_MAX_BYTES,
  type ShopifyOrderRequest,
  UnauthorizedError,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { type ConversionRow, toConversionView } from './conversion.row.js';
import { type Attribution, type ConversionInput, ConversionsRepository } from './conversions.repository.js';
import { toMinorUnits } from './money.js';
import { isValidShopifyHmac, parseShopifyOrder } from './shopify-order.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Sales: recorded by the API, by affiliate postbacks and by Shopify order webhooks; idempotent on order id. */
@Injectable()
export class ConversionsService {
  constructor(
    private readonly conversions: ConversionsRepository,
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(context: RequestContext, input: RecordConversionDto): Promise<ConversionView> {
    const workspaceId = context.principal.workspaceId;
    let attribution: Attribution | null = null;
    if (input.linkId) {
      attribution = await this.conversions.attributionOfLink(workspaceId, input.linkId);
      if (!attribution) throw new NotFoundError('Link');
    }
    return this.store(
      {
        workspaceId,
        orderId: input.orderId,
        source: 'api',
        status: input.status ?? 'approved',
        amountMinor: input.amountMinor,
        currency: input.currency,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
        clickId: input.clickId ?? null,
      },
      attribution,
    );
  }

  /** An affiliate network's postback; the key alone says which workspace it is for. */
  async postback(query: PostbackQuery): Promise<ConversionView> {
    const workspaceId = await this.conversions.workspaceOfPostbackKey(hashKey(query.key));
    if (!workspaceId) throw new UnauthorizedError('Unknown postback key');
    return this.store(
      {
        workspaceId,
        orderId: query.order_id,
        source: 'postback',
        status: query.status ?? 'approved',
        amountMinor: toMinorUnits(query.amount, query.currency),
        currency: query.currency,
        occurredAt: new Date(),
        clickId: query.click_id ?? null,
      },
      null,
    );
  }

  /** Issues a new postback key (the old one stops working); only its hash is kept, so it is shown once. */
  async rotatePostbackKey(context: RequestContext): Promise<PostbackKeyView> {
    const key = randomBytes(24).toString('base64url');
    await this.conversions.setPostbackKeyHash(context.principal.workspaceId, hashKey(key));
    const param = this.config.links.clickIdParam;
    return {
      key,
      postbackUrl:
        `${this.config.publicBaseUrl}/api/v1/postback?key=${key}&click_id={${param}}` +
        '&order_id={order_id}&amount={amount}&currency={currency}&status={status}',
    };
  }

  async setShopifySecret(context: RequestContext, secret: string): Promise<{ isSet: boolean }> {
    await this.conversions.setShopifySecret(context.principal.workspaceId, secret);
    return { isSet: true };
  }

  /** Verifies the webhook's HMAC over the raw bytes before reading them, then records the order. */
  async shopifyOrder(request: ShopifyOrderRequest): Promise<ConversionView | { ignored: string }> {
    const secret = await this.conversions.shopifySecret(request.workspaceId);
    if (!secret) throw new NotFoundError('Shopify connection');
    const rawBody = await rawBodyOf(request);
    if (!isValidShopifyHmac(rawBody, request.hmacHeader, secret)) {
      throw new UnauthorizedError('Invalid X-Shopify-Hmac-Sha256 signature');
    }
    const order = parseShopifyOrder(parseJson(rawBody), this.config.links.clickIdParam);
    if (!order) return { ignored: 'not an order' };
    const input: ConversionInput = { workspaceId: request.workspaceId, source: 'shopify', ...order };
    const { webhookId } = request;
    if (!webhookId) return this.store(input, null);
    // The delivery id and the order commit together: a delivery that failed half way is applied on its retry.
    const row = await this.tx.run(async () =>
      (await this.conversions.claimShopifyDelivery(request.workspaceId, webhookId))
        ? this.conversions.upsert(input, null)
        : null,
    );
    return row ? this.attribute(row) : { ignored: 'delivery already received' };
  }

  /**
   * Records the sale, then (once it has committed) takes its click's attribution if that click is stored. A
   * click still on its way (in a gateway's buffer, the click stream or a batch being written) attributes the
   * sale when its batch lands instead, so the order of the two commits does not matter.
   */
  private async store(input: ConversionInput, known: Attribution | null): Promise<ConversionView> {
    return this.attribute(await this.conversions.upsert(input, known));
  }

  private async attribute(row: ConversionRow): Promise<ConversionView> {
    const attributed =
      row.link_id === null && row.click_id ? await this.conversions.attachClick(row.id) : null;
    return toConversionView(attributed ?? row);
  }
}

const gunzipAsync = promisify(gunzip);

/** The webhook's bytes as Shopify sent them, uncompressed (never more than SHOPIFY_WEBHOOK_MAX_BYTES). */
async function rawBodyOf(request: ShopifyOrderRequest): Promise<Buffer> {
  const received = Buffer.from(request.rawBodyBase64, 'base64');
  if (request.rawBodyEncoding !== 'gzip') return received;
  try {
    return await gunzipAsync(received, { maxOutputLength: SHOPIFY_WEBHOOK_MAX_BYTES });
  } catch {
    throw new InvalidError('The webhook body is not valid gzip or is larger than Shopify sends');
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidError('The webhook body is not JSON');
  }
}
