import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MessagingModule, type Runtime } from '@app/messaging';
import { CampaignEntity } from './campaigns/campaign.entity.js';
import { WEBHOOK_ENTITIES, WEBHOOK_PROVIDERS, WebhooksHandlers } from './webhooks/webhooks.providers.js';
import { CampaignsHandlers } from './campaigns/campaigns.handlers.js';
import { CampaignsRepository } from './campaigns/campaigns.repository.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { ConnectionEntity } from './connections/connection.entity.js';
import { ConnectionBoardsHandlers } from './connections/connection-boards.handlers.js';
import { ConnectionBoardsService } from './connections/connection-boards.service.js';
import { ConnectionTokensService } from './connections/connection-tokens.service.js';
import { ConnectionsHandlers } from './connections/connections.handlers.js';
import { ConnectionsRepository } from './connections/connections.repository.js';
import { ConnectionsService } from './connections/connections.service.js';
import { tokenCipherProvider } from './connections/token-cipher.provider.js';
import { TargetMediaResolver } from './media/target-media.resolver.js';
import { PLATFORM_MIGRATIONS } from './migrations/index.js';
import { PostEntity, PostTargetEntity, PublishAttemptEntity } from './posts/post.entity.js';
import { PostsHandlers } from './posts/posts.handlers.js';
import { PostsRepository } from './posts/posts.repository.js';
import { PostsService } from './posts/posts.service.js';
import { ProviderRegistry } from './providers/provider-registry.js';
import { PublishQueue } from './publishing/publish-queue.js';
import { PublishWorker } from './publishing/publish-worker.js';
import { Publisher } from './publishing/publisher.js';
import { PublishingRepository } from './publishing/publishing.repository.js';
import { PublishingSweep } from './publishing/publishing-sweep.js';
import { TargetScheduler } from './publishing/target-scheduler.js';
import { PublishingSettingsHandlers } from './settings/publishing-settings.handlers.js';
import { PublishingSettingsRepository } from './settings/publishing-settings.repository.js';
import { PublishingSettingsService } from './settings/publishing-settings.service.js';
import { WorkerIdentity } from './publishing/worker-identity.js';
import { MetricsCollector } from './metrics/metrics-collector.js';
import { MetricsHandlers } from './metrics/metrics.handlers.js';
import { MetricsJobs } from './metrics/metrics-jobs.js';
import { MetricsRefreshService } from './metrics/metrics-refresh.service.js';
import { MetricsScheduleEvents } from './metrics/metrics-schedule.events.js';
import { MetricsWorker } from './metrics/metrics-worker.js';
import { PostMetricsRepository } from './metrics/post-metrics.repository.js';

export const PLATFORM_SCHEMA = 'platform';

export function platformDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: PLATFORM_SCHEMA,
    entities: [
      ...WEBHOOK_ENTITIES,
      CampaignEntity,
      ConnectionEntity,
      PostEntity,
      PostTargetEntity,
      PublishAttemptEntity,
    ],
    migrations: PLATFORM_MIGRATIONS,
  };
}

/** Connections, providers, posts and the publisher (pg-boss jobs in the platform schema). */
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forService(platformDatabase(runtime.config)),
        MessagingModule.forService(runtime, 'platform', PLATFORM_SCHEMA),
        JobsModule.forService({ databaseUrl: runtime.config.databaseUrl, schema: PLATFORM_SCHEMA }),
      ],
      controllers: [
        WebhooksHandlers,
        CampaignsHandlers,
        MetricsHandlers,
        ConnectionsHandlers,
        PostsHandlers,
        PublishingSettingsHandlers,
        ConnectionBoardsHandlers,
      ],
      providers: [
        tokenCipherProvider,
        ProviderRegistry,
        ConnectionsRepository,
        ConnectionTokensService,
        ConnectionsService,
        ConnectionBoardsService,
        PostsRepository,
        PostsService,
        PublishingSettingsService,
        PublishingSettingsRepository,
        PublishingRepository,
        PublishQueue,
        TargetScheduler,
        TargetMediaResolver,
        CampaignsRepository,
        CampaignsService,
        ...WEBHOOK_PROVIDERS,
        WorkerIdentity,
        Publisher,
        PublishWorker,
        PublishingSweep,
        PostMetricsRepository,
        MetricsJobs,
        MetricsCollector,
        MetricsScheduleEvents,
        MetricsRefreshService,
        MetricsWorker,
      ],
    };
  }
}
