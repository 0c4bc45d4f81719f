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

/** What ContentModule needs to host catalog import: its entity, bus handlers and providers. */
export const IMPORT_ENTITIES = [ImportEntity];
export const IMPORT_PROVIDERS = [
  ImportsService,
  ImportsRepository,
  ImportRunner,
  ImportJobs,
  ImportImageJobs,
  ImportImageFetcher,
  ImportImageRetries,
  ProductPrefillService,
];
export { ImportsHandlers };
