import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MessagingModule, type Runtime } from '@app/messaging';
import { StorageModule } from '@app/storage';
import { CampaignFillModule } from './campaign-fill/campaign-fill.module.js';
import { AUTOPILOT_ENTITIES } from './autopilot/autopilot.entity.js';
import { AutopilotModule } from './autopilot/autopilot.module.js';
import { CampaignEntity } from './campaigns/campaign.entity.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { ConnectionEntity } from './connections/connection.entity.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PLATFORM_MIGRATIONS } from './migrations/index.js';
import { PostEntity, PostTargetEntity, PublishAttemptEntity } from './posts/post.entity.js';
import { PostsModule } from './posts/posts.module.js';
import { PostImportEntity } from './posts-import/post-import.entity.js';
import { PostsImportModule } from './posts-import/posts-import.module.js';
import { PublishingModule } from './publishing/publishing.module.js';
import { PublishingSettingsModule } from './settings/publishing-settings.module.js';
import { WebhookDeliveryEntity, WebhookEntity } from './webhooks/webhook.entity.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export const PLATFORM_SCHEMA = 'platform';

export function platformDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: PLATFORM_SCHEMA,
    entities: [
      CampaignEntity,
      ConnectionEntity,
      PostEntity,
      PostTargetEntity,
      PublishAttemptEntity,
      PostImportEntity,
      WebhookEntity,
      WebhookDeliveryEntity,
      ...AUTOPILOT_ENTITIES,
    ],
    migrations: PLATFORM_MIGRATIONS,
  };
}

/** Connections, providers, posts and their bulk imports, campaigns, the publisher, metrics and outbound webhooks (pg-boss jobs in the platform schema). */
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
        // Import files the gateway stored for a posts import.
        StorageModule.forRoot(runtime.config),
        ConnectionsModule,
        CampaignsModule,
        PublishingSettingsModule,
        PostsModule,
        PostsImportModule,
        CampaignFillModule,
        PublishingModule,
        MetricsModule,
        WebhooksModule,
        AutopilotModule,
      ],
    };
  }
}
