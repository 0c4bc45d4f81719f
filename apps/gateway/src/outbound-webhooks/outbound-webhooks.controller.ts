import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type CreatedWebhookView,
  CreateWebhookDto,
  type WebhookDeliveryView,
  WebhookParams,
  WebhookSubjects,
  type WebhookView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/webhooks')
export class OutboundWebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  /** Subscribes a URL to events; the answer holds the signing secret (whsec_...), shown this once. */
  @Post()
  @ApiErrors(400, 401, 403)
  create(@Body() body: CreateWebhookDto, @Call() call: CallContext): Promise<CreatedWebhookView> {
    return this.rpc.send(WebhookSubjects.create, body, call);
  }

  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<WebhookView[]> {
    return this.rpc.send(WebhookSubjects.list, {}, call);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async delete(@Param() params: WebhookParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(WebhookSubjects.delete, params, call);
  }

  /** Every attempt, newest first: status code, duration, error and when the next retry runs. */
  @Get(':id/deliveries')
  @ApiErrors(400, 401, 404)
  deliveries(@Param() params: WebhookParams, @Call() call: CallContext): Promise<WebhookDeliveryView[]> {
    return this.rpc.send(WebhookSubjects.deliveries, params, call);
  }
}
