import { Injectable } from '@nestjs/common';
import { type ImportImagesRetryView, NotFoundError } from '@app/contracts';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { ImportImageJobs } from './import-image-jobs.js';
import { ImportsRepository } from './imports.repository.js';

/** Queues again the image URLs of an import that could not be added (refused, or failed on every attempt). */
@Injectable()
export class ImportImageRetries {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ImportsRepository,
    private readonly jobs: ImportImageJobs,
  ) {}

  async retry(context: RequestContext, importId: string): Promise<ImportImagesRetryView> {
    const { workspaceId } = context.principal;
    const requeued = await this.tx.run(async () => {
      if (!(await this.repository.findOne(workspaceId, importId))) throw new NotFoundError('Import');
      const sources = await this.repository.reopenFailedImageSources(workspaceId, importId);
      for (const source of sources) {
        await this.jobs.enqueue({ workspaceId, importId, correlationId: context.correlationId, ...source });
      }
      return sources.length;
    });
    if (requeued > 0) this.jobs.wake();
    return { importId, requeued };
  }
}
