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

/** What ContentModule needs to host media: its entities, bus handlers and providers. */
export const MEDIA_ENTITIES = [MediaAssetEntity, MediaVariantEntity];
export const MEDIA_PROVIDERS = [
  MediaService,
  MediaRepository,
  MediaJobs,
  MediaProcessor,
  MediaResolverService,
  BlobCleanupJobs,
  MediaBlobCleanup,
];
export { MediaHandlers, MediaResolveHandlers };
