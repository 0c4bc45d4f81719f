import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MessagingModule, type Runtime } from '@app/messaging';
import { StorageModule } from '@app/storage';
import { IMPORT_ENTITIES, IMPORT_PROVIDERS, ImportsHandlers } from './imports/imports.providers.js';
import {
  MEDIA_ENTITIES,
  MEDIA_PROVIDERS,
  MediaHandlers,
  MediaResolveHandlers,
} from './media/media.providers.js';
import { COPY_ENTITIES, CopyModule } from './copy/copy.module.js';
import { CONTENT_MIGRATIONS } from './migrations/index.js';
import { ProductEntity } from './products/product.entity.js';
import { ProductsHandlers } from './products/products.handlers.js';
import { ProductsRepository } from './products/products.repository.js';
import { ProductsService } from './products/products.service.js';
import { VIDEO_ENTITIES, VIDEO_PROVIDERS, VideosHandlers } from './videos/videos.providers.js';

export const CONTENT_SCHEMA = 'content';

export function contentDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: CONTENT_SCHEMA,
    entities: [ProductEntity, ...MEDIA_ENTITIES, ...IMPORT_ENTITIES, ...COPY_ENTITIES, ...VIDEO_ENTITIES],
    migrations: CONTENT_MIGRATIONS,
  };
}

/** The product catalog (and, later, media and copy) on the bus, with its schema and outbox. */
@Module({})
export class ContentModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: ContentModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        DatabaseModule.forService(contentDatabase(runtime.config)),
        MessagingModule.forService(runtime, 'content', CONTENT_SCHEMA),
        JobsModule.forService({ databaseUrl: runtime.config.databaseUrl, schema: CONTENT_SCHEMA }),
        StorageModule.forRoot(runtime.config),
        CopyModule,
      ],
      controllers: [ProductsHandlers, MediaHandlers, MediaResolveHandlers, ImportsHandlers, VideosHandlers],
      providers: [
        ProductsService,
        ProductsRepository,
        ...MEDIA_PROVIDERS,
        ...IMPORT_PROVIDERS,
        ...VIDEO_PROVIDERS,
      ],
    };
  }
}
