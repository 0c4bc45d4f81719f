import { Module } from '@nestjs/common';
import { TokenCipherModule } from '../token-cipher/token-cipher.module.js';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksHandlers } from './webhooks.handlers.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** Outbound webhooks: subscriptions, one signed delivery job per event and webhook, and their log. */
@Module({
  imports: [TokenCipherModule],
  controllers: [WebhooksHandlers],
  providers: [WebhooksRepository, WebhooksService, WebhookDeliveryJobs, WebhookEvents, WebhookSender],
})
export class WebhooksModule {}
