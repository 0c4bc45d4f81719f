import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type EventEnvelope, type EventPayload, type EventSubject, EventSubjects } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { ReadModelRepository } from './read-model.repository.js';

type EventOf<S extends EventSubject> = EventEnvelope<EventPayload<S>>;

/** Copies what the dashboard needs from content and platform events; each write commits with its inbox row. */
@Injectable()
export class ReadModelEvents {
  constructor(
    private readonly readModels: ReadModelRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent(EventSubjects.productCreated)
  onProductCreated(event: EventOf<typeof EventSubjects.productCreated>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) => this.readModels.upsertProduct(workspaceId, event.data));
  }

  @OnEvent(EventSubjects.productUpdated)
  onProductUpdated(event: EventOf<typeof EventSubjects.productUpdated>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) => this.readModels.upsertProduct(workspaceId, event.data));
  }

  @OnEvent(EventSubjects.catalogImported)
  onCatalogImported(event: EventOf<typeof EventSubjects.catalogImported>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) =>
      this.readModels.upsertProducts(workspaceId, [...event.data.created, ...event.data.updated]),
    );
  }

  @OnEvent(EventSubjects.productDeleted)
  onProductDeleted(event: EventOf<typeof EventSubjects.productDeleted>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) =>
      this.readModels.markProductDeleted(workspaceId, event.data.productId),
    );
  }

  @OnEvent(EventSubjects.postPublished)
  onPostPublished(event: EventOf<typeof EventSubjects.postPublished>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) =>
      this.readModels.recordPublished(workspaceId, event.data),
    );
  }

  @OnEvent(EventSubjects.metricsCollected)
  onMetricsCollected(event: EventOf<typeof EventSubjects.metricsCollected>): Promise<void> {
    return this.withWorkspace(event, (workspaceId) => this.readModels.recordMetrics(workspaceId, event.data));
  }

  // Throwing would redeliver forever; an event without a workspace belongs to no dashboard.
  private async withWorkspace(
    event: EventEnvelope,
    write: (workspaceId: string) => Promise<void>,
  ): Promise<void> {
    if (!event.workspaceId) {
      this.logger.warn({ subject: event.subject, eventId: event.id }, 'Event without a workspace ignored');
      return;
    }
    await write(event.workspaceId);
  }
}
