import { Module } from '@nestjs/common';
import { DashboardHandlers } from './dashboard.handlers.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { ReadModelEvents } from './read-model.events.js';
import { ReadModelRepository } from './read-model.repository.js';

/** Dashboard queries over rollups and conversions, and the read models fed by content and platform events. */
@Module({
  controllers: [DashboardHandlers],
  providers: [DashboardRepository, DashboardService, ReadModelRepository, ReadModelEvents],
  exports: [DashboardService],
})
export class DashboardModule {}
