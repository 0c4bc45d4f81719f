import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
  onPostScheduled(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.postPublished)
  onPostPublished(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.postFailed)
  onPostFailed(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.postUnconfirmed)
  onPostUnconfirmed(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.connectionCreated)
  onConnectionCreated(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.connectionExpired)
  onConnectionExpired(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.metricsCollected)
  onMetricsCollected(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.videoRendered)
  onVideoRendered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  @OnEvent(EventSubjects.mediaProcessed)
  onMediaProcessed(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.fanOut(event, manager);
  }

  private async fanOut(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!event.workspaceId) return;
    const webhooks = await this.repository.subscribedTo(manager, event.workspaceId, event.subject);
    for (const webhook of webhooks) {
      await this.jobs.enqueue(
        {
          webhookId: webhook.id,
          workspaceId: webhook.workspaceId,
          attempt: 1,
          event: { id: event.id, subject: event.subject, occurredAt: event.occurredAt, data: event.data },
        },
        manager,
      );
    }
  }
}
