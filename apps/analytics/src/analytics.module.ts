import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { MessagingModule, type Runtime } from '@app/messaging';
import { ClicksModule } from './clicks/clicks.module.js';
import { ConversionsModule } from './conversions/conversions.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExperimentsModule } from './experiments/experiments.module.js';
import { LinkEntity } from './links/link.entity.js';
import { LinksModule } from './links/links.module.js';
import { ANALYTICS_MIGRATIONS } from './migrations/index.js';
import { WorkspaceCounters } from './workspace-summary/workspace-summary.entity.js';
import { WorkspaceSummaryModule } from './workspace-summary/workspace-summary.module.js';

export const ANALYTICS_SCHEMA = 'analytics';

export function analyticsDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: ANALYTICS_SCHEMA,
    entities: [WorkspaceCounters, LinkEntity],
    migrations: ANALYTICS_MIGRATIONS,
  };
}

/** Analytics: tracked links, clicks, conversions, rollups, dashboards and experiments, plus workspace counters. */
@Module({})
export class AnalyticsModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forService(analyticsDatabase(runtime.config)),
        MessagingModule.forService(runtime, 'analytics', ANALYTICS_SCHEMA),
        WorkspaceSummaryModule,
        LinksModule,
        ClicksModule.forRoot(runtime),
        ConversionsModule,
        DashboardModule,
        ExperimentsModule,
      ],
    };
  }
}
