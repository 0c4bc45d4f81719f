import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { StorageModule } from '@app/storage';
import { ImportsController } from '../imports/imports.controller.js';
import { ImportsService } from '../imports/imports.service.js';
import { PostsImportController } from '../imports/posts-import.controller.js';
import { PostsImportService } from '../imports/posts-import.service.js';
import { MediaFilesController } from './media-files.controller.js';
import { MediaFiles } from './media-files.service.js';
import { MediaController } from './media.controller.js';
import { MediaUploads } from './media-uploads.service.js';
import { UploadStore } from './upload-store.service.js';

/** Uploads (media and import files streamed to storage), the media and import routes (products and posts), and `/media/...` files. */
@Module({})
export class MediaModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MediaModule,
      imports: [StorageModule.forRoot(config)],
      controllers: [MediaController, ImportsController, PostsImportController, MediaFilesController],
      providers: [UploadStore, MediaUploads, MediaFiles, ImportsService, PostsImportService],
    };
  }
}
