import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksHandlers } from './webhooks.handlers.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/** What PlatformModule needs to host outbound webhooks: entities, bus handlers and providers. */
export const WEBHOOK_ENTITIES = [WebhookEntity, WebhookDeliveryEntity];
export const WEBHOOK_PROVIDERS = [
  WebhooksRepository,
  WebhooksService,
  WebhookDeliveryJobs,
  WebhookEvents,
  WebhookSender,
];
export { WebhooksHandlers };
