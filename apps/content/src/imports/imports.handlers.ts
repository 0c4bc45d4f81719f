import { Controller } from '@nestjs/common';
import {
  type ImportIdParams,
  ImportSubjects,
  type PrefillFromUrlDto,
  type StartImportRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { ImportImageRetries } from './import-image-retries.js';
import { ImportsService } from './imports.service.js';
import { ProductPrefillService } from './product-prefill.service.js';

/** The import subjects on the bus, handed over to their services. */
@Controller()
export class ImportsHandlers {
  constructor(
    private readonly imports: ImportsService,
    private readonly prefills: ProductPrefillService,
    private readonly imageRetries: ImportImageRetries,
  ) {}

  @Handles(ImportSubjects.start, 'write')
  start(@Context() context: RequestContext, @Data() data: StartImportRequest) {
    return this.imports.start(context, data);
  }

  @Handles(ImportSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: ImportIdParams) {
    return this.imports.get(context, data.id);
  }

  @Handles(ImportSubjects.retryImages, 'write')
  retryImages(@Context() context: RequestContext, @Data() data: ImportIdParams) {
    return this.imageRetries.retry(context, data.id);
  }

  @Handles(ImportSubjects.prefillFromUrl, 'write')
  prefill(@Data() data: PrefillFromUrlDto) {
    return this.prefills.prefill(data);
  }
}
