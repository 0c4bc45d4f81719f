import { Module } from '@nestjs/common';
import { BlobCleanupJobs } from './blob-cleanup-jobs.js';
import { MediaBlobCleanup } from './media-blob-cleanup.js';
import { MediaJobs } from './media-jobs.js';
import { MediaProcessor } from './media-processor.js';
import { MediaResolveHandlers } from './media-resolve.handlers.js';
import { MediaResolverService } from './media-resolver.service.js';
import { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';
import { MediaHandlers } from './media.handlers.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

/** The entities media add to the content schema. */
export const MEDIA_ENTITIES = [MediaAssetEntity, MediaVariantEntity];

/**
 * Media assets: uploads and URLs validated by content, the processing job that makes their variants, the
 * removal of their files, and the URLs a publisher fetches. Products remove their media's files on delete,
 * imports add images through the media rules, and videos read and add media.
 */
@Module({
  controllers: [MediaHandlers, MediaResolveHandlers],
  providers: [
    MediaService,
    MediaRepository,
    MediaJobs,
    MediaProcessor,
    MediaResolverService,
    BlobCleanupJobs,
    MediaBlobCleanup,
  ],
  exports: [MediaService, MediaRepository, MediaBlobCleanup],
})
export class MediaModule {}
