import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AnalyticsFilterQuery, WorkspaceSummaryView } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { toWorkspaceSummaryView } from './workspace-summary.mapper.js';
import { type CounterDeltas, WorkspaceSummaryRepository } from './workspace-summary.repository.js';

@Injectable()
export class WorkspaceSummaryService {
  constructor(
    private readonly counters: WorkspaceSummaryRepository,
    private readonly dashboard: DashboardService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The counters and the traffic and sales of the caller's own workspace; never another workspace's. */
  async summary(context: RequestContext, query: AnalyticsFilterQuery = {}): Promise<WorkspaceSummaryView> {
    const { workspaceId } = context.principal;
    const [counters, traffic] = await Promise.all([
      this.counters.findByWorkspace(workspaceId),
      this.dashboard.summary(context, query),
    ]);
    return toWorkspaceSummaryView(workspaceId, counters, traffic);
  }

  countUserRegistered(workspaceId: string): Promise<void> {
    return this.count(workspaceId, { registeredUsers: 1 });
  }

  countProductCreated(workspaceId: string | null): Promise<void> {
    return this.count(workspaceId, { products: 1 });
  }

  countProductsCreated(workspaceId: string | null, count: number): Promise<void> {
    if (count === 0) return Promise.resolve();
    return this.count(workspaceId, { products: count });
  }

  countProductDeleted(workspaceId: string | null): Promise<void> {
    return this.count(workspaceId, { products: -1 });
  }

  private async count(workspaceId: string | null, deltas: CounterDeltas): Promise<void> {
    // Throwing would redeliver the event forever; an event without a workspace cannot count anywhere.
    if (!workspaceId) {
      this.logger.warn({ deltas }, 'Event without a workspace ignored by the workspace counters');
      return;
    }
    await this.counters.addToCounters(workspaceId, deltas);
  }
}
