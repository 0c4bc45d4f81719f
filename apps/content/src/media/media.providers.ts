import { MediaJobs } from './media-jobs.js';
import { MediaProcessor } from './media-processor.js';
import { MediaAssetEntity, MediaVariantEntity } from './media.entity.js';
import { MediaHandlers } from './media.handlers.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

/** What ContentModule needs to host media: its entities, bus handlers and providers. */
export const MEDIA_ENTITIES = [MediaAssetEntity, MediaVariantEntity];
export const MEDIA_PROVIDERS = [MediaService, MediaRepository, MediaJobs, MediaProcessor];
export { MediaHandlers };
