import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type EventPayload, type EventSubject, EventSubjects } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

type EventOf<S extends EventSubject> = EventEnvelope<EventPayload<S>>;

/** Keeps the workspace counters in step with auth and content events; each write commits with the inbox row. */
@Injectable()
export class WorkspaceSummaryEvents {
  constructor(private readonly summaries: WorkspaceSummaryService) {}

  @OnEvent(EventSubjects.userRegistered)
  onUserRegistered(event: EventOf<typeof EventSubjects.userRegistered>): Promise<void> {
    return this.summaries.countUserRegistered(event.data.workspaceId);
  }

  @OnEvent(EventSubjects.productCreated)
  onProductCreated(event: EventOf<typeof EventSubjects.productCreated>): Promise<void> {
    return this.summaries.countProductCreated(event.workspaceId);
  }

  @OnEvent(EventSubjects.catalogImported)
  onCatalogImported(event: EventOf<typeof EventSubjects.catalogImported>): Promise<void> {
    return this.summaries.countProductsCreated(event.workspaceId, event.data.created.length);
  }

  @OnEvent(EventSubjects.productDeleted)
  onProductDeleted(event: EventOf<typeof EventSubjects.productDeleted>): Promise<void> {
    return this.summaries.countProductDeleted(event.workspaceId);
  }
}
