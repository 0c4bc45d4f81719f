import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { MessagingModule, type Runtime } from '@app/messaging';
import { ANALYTICS_MIGRATIONS } from './migrations/index.js';
import { WorkspaceCounters } from './workspace-summary/workspace-summary.entity.js';
import { WorkspaceSummaryModule } from './workspace-summary/workspace-summary.module.js';

export const ANALYTICS_SCHEMA = 'analytics';

export function analyticsDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: ANALYTICS_SCHEMA,
    entities: [WorkspaceCounters],
    migrations: ANALYTICS_MIGRATIONS,
  };
}

/** Analytics: for now a read model of per-workspace counters, fed by other services' events. */
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
      ],
    };
  }
}
