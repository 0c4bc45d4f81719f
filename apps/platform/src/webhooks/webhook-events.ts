import { Injectable } from '@nestjs/common';
import { type EventEnvelope, EventSubjects } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs.js';
import { WebhooksRepository } from './webhooks.repository.js';

/**
 * Turns each public event into one delivery job per subscribed webhook of the event's own workspace. Jobs are
 * queued in the inbox transaction, so a redelivered event queues nothing twice.
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly jobs: WebhookDeliveryJobs,
  ) {}

  @OnEvent(EventSubjects.postScheduled)
  onPostScheduled(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.postPublished)
  onPostPublished(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.postFailed)
  onPostFailed(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.postUnconfirmed)
  onPostUnconfirmed(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.connectionCreated)
  onConnectionCreated(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.connectionExpired)
  onConnectionExpired(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.metricsCollected)
  onMetricsCollected(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.videoRendered)
  onVideoRendered(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  @OnEvent(EventSubjects.mediaProcessed)
  onMediaProcessed(event: EventEnvelope): Promise<void> {
    return this.fanOut(event);
  }

  private async fanOut(event: EventEnvelope): Promise<void> {
    if (!event.workspaceId) return;
    const webhooks = await this.repository.subscribedTo(event.workspaceId, event.subject);
    for (const webhook of webhooks) {
      await this.jobs.enqueue({
        webhookId: webhook.id,
        workspaceId: webhook.workspaceId,
        attempt: 1,
        event: { id: event.id, subject: event.subject, occurredAt: event.occurredAt, data: event.data },
      });
    }
  }
}
