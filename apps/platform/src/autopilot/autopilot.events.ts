import { Injectable } from '@nestjs/common';
import { type EventEnvelope, EventSubjects, type EventPayload } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { AutopilotJobs } from './autopilot-jobs.js';
import { AutopilotRepository } from './autopilot.repository.js';

/**
 * Gives every enabled rule of the workspace a look at each created, imported or changed product. The jobs are
 * queued in the inbox transaction, so a redelivered event queues nothing twice, and a crash after the event
 * loses none: the jobs are in the database.
 */
@Injectable()
export class AutopilotEvents {
  constructor(
    private readonly repository: AutopilotRepository,
    private readonly jobs: AutopilotJobs,
  ) {}

  @OnEvent(EventSubjects.productCreated)
  onProductCreated(event: EventEnvelope<EventPayload<typeof EventSubjects.productCreated>>): Promise<void> {
    return this.queue(event, [event.data.id]);
  }

  /** A product changed so that it matches now is taken then (once per rule, as always). */
  @OnEvent(EventSubjects.productUpdated)
  onProductUpdated(event: EventEnvelope<EventPayload<typeof EventSubjects.productUpdated>>): Promise<void> {
    return this.queue(event, [event.data.id]);
  }

  @OnEvent(EventSubjects.catalogImported)
  onCatalogImported(event: EventEnvelope<EventPayload<typeof EventSubjects.catalogImported>>): Promise<void> {
    const { created, updated } = event.data;
    return this.queue(
      event,
      [...created, ...updated].map((product) => product.id),
    );
  }

  private async queue(event: EventEnvelope, productIds: string[]): Promise<void> {
    if (!event.workspaceId || productIds.length === 0) return;
    const rules = await this.repository.enabledRules(event.workspaceId);
    for (const rule of rules) {
      for (const productId of productIds) {
        await this.jobs.enqueue({
          ruleId: rule.id,
          workspaceId: rule.workspaceId,
          productId,
          correlationId: event.correlationId ?? event.id,
        });
      }
    }
  }
}
