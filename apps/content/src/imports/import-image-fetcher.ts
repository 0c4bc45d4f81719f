import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { MediaService } from '../media/media.service.js';
import { type ImportImageJob, ImportImageJobs } from './import-image-jobs.js';
import { ImportsRepository } from './imports.repository.js';

/**
 * Runs the image jobs an import queues: each URL goes through the media service's from-url path (SSRF-safe
 * fetch, validation by content, deduplication, then the usual processing job). A URL the media rules refuse
 * is recorded as failed and reported as a warning on its import; the product keeps its other images.
 */
@Injectable()
export class ImportImageFetcher implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ImportsRepository,
    private readonly media: MediaService,
    private readonly jobs: ImportImageJobs,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(
      (job) => this.fetch(job),
      undefined,
      (job, error) => this.giveUp(job, error),
    );
  }

  /** After the last attempt failed (storage, database): the URL is reported failed, so it can be retried. */
  async giveUp(job: ImportImageJob, error: unknown): Promise<void> {
    this.logger.warn({ productId: job.productId, url: job.url, err: error }, 'Imported image URL failed');
    await this.refuse(job, "it could not be stored; retry the import's images later");
  }

  /** Idempotent: a URL no longer pending (done, failed, or its product deleted) is left as it is. */
  async fetch(job: ImportImageJob): Promise<void> {
    const { workspaceId, productId, url } = job;
    if ((await this.repository.imageSourceStatus(workspaceId, productId, url)) !== 'pending') return;
    try {
      const asset = await this.media.addFromUrl(
        systemContext(workspaceId, job.correlationId),
        productId,
        url,
      );
      await this.repository.settleImageSource(workspaceId, productId, url, { mediaId: asset.id });
    } catch (error) {
      // Anything but a domain refusal (storage, database) is thrown so pg-boss retries the job.
      if (!(error instanceof DomainError)) throw error;
      this.logger.info({ productId, url, reason: error.message }, 'Imported image URL refused');
      await this.refuse(job, error.message);
    }
  }

  /** The URL's failure and its warning commit together: whoever sees one failed sees why. */
  private refuse(job: ImportImageJob, reason: string): Promise<void> {
    const { workspaceId, productId, url } = job;
    return this.tx.run(async () => {
      await this.repository.settleImageSource(workspaceId, productId, url, { failureReason: reason });
      await this.repository.addWarnings(workspaceId, job.importId, [
        {
          line: job.line,
          externalId: job.externalId,
          message: `imageUrls: "${url.slice(0, 100)}" was not added: ${reason}`,
        },
      ]);
    });
  }
}
