import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { WorkspaceSummaryEvents } from './workspace-summary.events.js';
import { WorkspaceSummaryHandlers } from './workspace-summary.handlers.js';
import { WorkspaceSummaryRepository } from './workspace-summary.repository.js';
import { WorkspaceSummaryService } from './workspace-summary.service.js';

/** Per-workspace counters: the summary request and the events that keep it current. */
@Module({
  imports: [DashboardModule],
  controllers: [WorkspaceSummaryHandlers],
  providers: [WorkspaceSummaryRepository, WorkspaceSummaryService, WorkspaceSummaryEvents],
})
export class WorkspaceSummaryModule {}
