import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { LatestMetrics } from './latest-metrics.js';
import { MetricsCollector } from './metrics-collector.js';
import { MetricsHandlers } from './metrics.handlers.js';
import { MetricsJobs } from './metrics-jobs.js';
import { MetricsRefreshService } from './metrics-refresh.service.js';
import { MetricsScheduleEvents } from './metrics-schedule.events.js';
import { MetricsWorker } from './metrics-worker.js';
import { PostMetricsRepository } from './post-metrics.repository.js';

/** Metrics of published targets: readings planned after publishing or asked for, collected by a worker. */
@Module({
  imports: [ConnectionsModule, ProvidersModule],
  controllers: [MetricsHandlers],
  providers: [
    PostMetricsRepository,
    LatestMetrics,
    MetricsJobs,
    MetricsCollector,
    MetricsScheduleEvents,
    MetricsRefreshService,
    MetricsWorker,
  ],
  exports: [LatestMetrics],
})
export class MetricsModule {}
