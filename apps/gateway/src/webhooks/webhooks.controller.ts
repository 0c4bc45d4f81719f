import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  ConversionSubjects,
  type CreatedWebhookView,
  CreateWebhookDto,
  InvalidError,
  SHOPIFY_WEBHOOK_MAX_BYTES,
  ShopifyWebhookParams,
  UnauthorizedError,
  type WebhookDeliveryView,
  WebhookParams,
  WebhookSubjects,
  type WebhookView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { keepRawBodyUpTo, rawBodyOf } from './raw-body.js';

const gzipAsync = promisify(gzip);

/**
 * `api/v1/webhooks`: the workspace's outbound webhook subscriptions (signed in), and the inbound Shopify order
 * webhook (public, authenticated by its HMAC).
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  /** Subscribes a URL to events; the answer holds the signing secret (whsec_...), shown this once. */
  @Post()
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403)
  create(@Body() body: CreateWebhookDto, @Call() call: CallContext): Promise<CreatedWebhookView> {
    return this.rpc.send(WebhookSubjects.create, body, call);
  }

  @Get()
  @ApiBearerAuth()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<WebhookView[]> {
    return this.rpc.send(WebhookSubjects.list, {}, call);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403, 404)
  async delete(@Param() params: WebhookParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(WebhookSubjects.delete, params, call);
  }

  /** Every attempt, newest first: status code, duration, error and when the next retry runs. */
  @Get(':id/deliveries')
  @ApiBearerAuth()
  @ApiErrors(400, 401, 404)
  deliveries(@Param() params: WebhookParams, @Call() call: CallContext): Promise<WebhookDeliveryView[]> {
    return this.rpc.send(WebhookSubjects.deliveries, params, call);
  }

  /**
   * Shopify order webhooks (orders/create, orders/updated, orders/cancelled, refunds). The
   * `X-Shopify-Hmac-Sha256` header must be the base64 HMAC-SHA256 of the raw body under the workspace's
   * Shopify secret; the click id is read from the note attributes, landing site or discount code.
   * Idempotent on the order id; cancellations and refunds adjust revenue. A delivery whose
   * `X-Shopify-Webhook-Id` was received before is acknowledged and not applied again.
   */
  @Post('shopify/:workspaceId')
  @Public()
  @HttpCode(200)
  @RouteConfig(keepRawBodyUpTo(SHOPIFY_WEBHOOK_MAX_BYTES))
  @ApiErrors(400, 401, 404, 413)
  async shopify(
    @Param() params: ShopifyWebhookParams,
    @Headers('x-shopify-hmac-sha256') hmac: string | undefined,
    @Headers('x-shopify-webhook-id') webhookId: string | undefined,
    @Req() request: FastifyRequest,
    @Call() call: CallContext,
  ): Promise<{ received: boolean }> {
    if (!hmac) throw new UnauthorizedError('Missing X-Shopify-Hmac-Sha256 header');
    const raw = rawBodyOf(request);
    if (!raw || raw.length === 0) throw new InvalidError('Empty webhook body');
    // Order JSON compresses several times over: compressed, a body of several megabytes fits on the bus.
    const order = {
      workspaceId: params.workspaceId,
      rawBodyBase64: (await gzipAsync(raw)).toString('base64'),
      rawBodyEncoding: 'gzip' as const,
      hmacHeader: hmac,
      webhookId: webhookId || undefined,
    };
    await this.rpc.send(ConversionSubjects.shopifyOrder, order, call);
    return { received: true };
  }
}
