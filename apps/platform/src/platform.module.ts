import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { MessagingModule, type Runtime } from '@app/messaging';
import { PLATFORM_MIGRATIONS } from './migrations/index.js';

export const PLATFORM_SCHEMA = 'platform';

export function platformDatabase(config: AppConfig): ServiceDatabaseOptions {
  return { url: config.databaseUrl, schema: PLATFORM_SCHEMA, entities: [], migrations: PLATFORM_MIGRATIONS };
}

/** Platform connections, posts and publishing; for now its schema, outbox and health on the bus. */
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forService(platformDatabase(runtime.config)),
        MessagingModule.forService(runtime, 'platform', PLATFORM_SCHEMA),
      ],
    };
  }
}
