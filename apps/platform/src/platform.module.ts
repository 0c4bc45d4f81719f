import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MessagingModule, type Runtime } from '@app/messaging';
import { ConnectionEntity } from './connections/connection.entity.js';
import { ConnectionTokensService } from './connections/connection-tokens.service.js';
import { ConnectionsHandlers } from './connections/connections.handlers.js';
import { ConnectionsRepository } from './connections/connections.repository.js';
import { ConnectionsService } from './connections/connections.service.js';
import { tokenCipherProvider } from './connections/token-cipher.provider.js';
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
import { PublishingSettingsService } from './settings/publishing-settings.service.js';
import { WorkerIdentity } from './publishing/worker-identity.js';

export const PLATFORM_SCHEMA = 'platform';

export function platformDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: PLATFORM_SCHEMA,
    entities: [ConnectionEntity, PostEntity, PostTargetEntity, PublishAttemptEntity],
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
      controllers: [ConnectionsHandlers, PostsHandlers, PublishingSettingsHandlers],
      providers: [
        tokenCipherProvider,
        ProviderRegistry,
        ConnectionsRepository,
        ConnectionTokensService,
        ConnectionsService,
        PostsRepository,
        PostsService,
        PublishingSettingsService,
        PublishingRepository,
        PublishQueue,
        TargetScheduler,
        WorkerIdentity,
        Publisher,
        PublishWorker,
        PublishingSweep,
      ],
    };
  }
}
