import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type EventEnvelope, type EventPayload, type EventSubject, EventSubjects } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

type EventOf<S extends EventSubject> = EventEnvelope<EventPayload<S>>;

/** Keeps the workspace counters in step with auth and content events; each write commits with the inbox row. */
@Injectable()
export class WorkspaceSummaryEvents {
  constructor(private readonly summaries: WorkspaceSummaryService) {}

  @OnEvent(EventSubjects.userRegistered)
  onUserRegistered(
    event: EventOf<typeof EventSubjects.userRegistered>,
    manager: EntityManager,
  ): Promise<void> {
    return this.summaries.countUserRegistered(manager, event.data.workspaceId);
  }

  @OnEvent(EventSubjects.productCreated)
  onProductCreated(
    event: EventOf<typeof EventSubjects.productCreated>,
    manager: EntityManager,
  ): Promise<void> {
    return this.summaries.countProductCreated(manager, event.workspaceId);
  }

  @OnEvent(EventSubjects.catalogImported)
  onCatalogImported(
    event: EventOf<typeof EventSubjects.catalogImported>,
    manager: EntityManager,
  ): Promise<void> {
    return this.summaries.countProductsCreated(manager, event.workspaceId, event.data.created.length);
  }

  @OnEvent(EventSubjects.productDeleted)
  onProductDeleted(
    event: EventOf<typeof EventSubjects.productDeleted>,
    manager: EntityManager,
  ): Promise<void> {
    return this.summaries.countProductDeleted(manager, event.workspaceId);
  }
}
