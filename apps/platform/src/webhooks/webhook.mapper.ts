import type { WebhookDeliveryView, WebhookView } from '@app/contracts';
import type { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity.js';

/** The only shape of a webhook that leaves the service: never its secret. */
export function toWebhookView(webhook: WebhookEntity): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    createdAt: webhook.createdAt.toISOString(),
  };
}

export function toDeliveryView(delivery: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    event: delivery.event,
    attempt: delivery.attempt,
    status: delivery.status,
    responseStatus: delivery.responseStatus,
    durationMs: delivery.durationMs,
    error: delivery.error,
    nextRetryAt: delivery.nextRetryAt?.toISOString() ?? null,
    attemptedAt: delivery.attemptedAt.toISOString(),
  };
}
