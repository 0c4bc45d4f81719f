import { Module } from '@nestjs/common';
import { MediaModule } from '../media/media.module.js';
import { ImportImageFetcher } from './import-image-fetcher.js';
import { ImportImageJobs } from './import-image-jobs.js';
import { ImportImageRetries } from './import-image-retries.js';
import { ImportJobs } from './import-jobs.js';
import { ImportRunner } from './import-runner.js';
import { ImportEntity } from './import.entity.js';
import { ImportsHandlers } from './imports.handlers.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';
import { ProductPrefillService } from './product-prefill.service.js';

/** The entities catalog import adds to the content schema. */
export const IMPORT_ENTITIES = [ImportEntity];

/** Catalog import from CSV and JSON files, its image URLs (added through MediaModule), and prefill from a page. */
@Module({
  imports: [MediaModule],
  controllers: [ImportsHandlers],
  providers: [
    ImportsService,
    ImportsRepository,
    ImportRunner,
    ImportJobs,
    ImportImageJobs,
    ImportImageFetcher,
    ImportImageRetries,
    ProductPrefillService,
  ],
})
export class ImportsModule {}
