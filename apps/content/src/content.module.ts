import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type ServiceDatabaseOptions } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MessagingModule, type Runtime } from '@app/messaging';
import { StorageModule } from '@app/storage';
import { COPY_ENTITIES, CopyModule } from './copy/copy.module.js';
import { IMPORT_ENTITIES, ImportsModule } from './imports/imports.module.js';
import { MEDIA_ENTITIES, MediaModule } from './media/media.module.js';
import { CONTENT_MIGRATIONS } from './migrations/index.js';
import { PRODUCT_ENTITIES, ProductsModule } from './products/products.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { VIDEO_ENTITIES, VideosModule } from './videos/videos.module.js';

export const CONTENT_SCHEMA = 'content';

export function contentDatabase(config: AppConfig): ServiceDatabaseOptions {
  return {
    url: config.databaseUrl,
    schema: CONTENT_SCHEMA,
    entities: [
      ...PRODUCT_ENTITIES,
      ...MEDIA_ENTITIES,
      ...IMPORT_ENTITIES,
      ...COPY_ENTITIES,
      ...VIDEO_ENTITIES,
    ],
    migrations: CONTENT_MIGRATIONS,
  };
}

/** Content: the product catalog and its import, media, copy and videos, with the schema, outbox and jobs. */
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
        ProductsModule,
        ImportsModule,
        MediaModule,
        UploadsModule,
        VideosModule,
        CopyModule,
      ],
    };
  }
}
