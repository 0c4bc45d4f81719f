import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type ImportReportView, NotFoundError, type StartImportRequest } from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BLOB_STORE, type BlobStore, claimImportFile } from '@app/storage';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { ImportJobs } from './import-jobs.js';
import { ImportRunner } from './import-runner.js';
import { toImportReport } from './import.mapper.js';
import { ImportsRepository } from './imports.repository.js';

/** Starts imports (small files within the request, large ones as a job) and reports on them. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ImportsRepository,
    private readonly runner: ImportRunner,
    private readonly jobs: ImportJobs,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(async ({ workspaceId, importId }) => {
      const entity = await this.repository.findOne(workspaceId, importId);
      // An import found finished was run already (a redelivered job): nothing to do.
      if (entity?.status === 'running') await this.runner.run(entity).catch(() => undefined);
    });
  }

  async start(context: RequestContext, request: StartImportRequest): Promise<ImportReportView> {
    const { principal } = context;
    const { maxFileBytes, inlineMaxBytes } = this.config.imports;
    const bytes = await claimImportFile(this.blobs, request.sourceKey, principal.workspaceId, maxFileBytes);
    const runsAsJob = bytes > inlineMaxBytes;
    const entity = await this.tx.run(async () => {
      const inserted = await this.repository.insert({
        id: randomUUID(),
        workspaceId: principal.workspaceId,
        createdBy: principal.userId,
        correlationId: context.correlationId,
        status: 'running',
        format: request.format,
        fileName: request.fileName ?? null,
        sourceKey: request.sourceKey,
        options: {
          mapping: request.mapping,
          filters: request.filters,
          defaultCurrency: request.defaultCurrency,
        },
        processedRows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        rejected: 0,
        rejectedRows: [],
        warnings: [],
        error: null,
        finishedAt: null,
      });
      if (runsAsJob) await this.jobs.enqueue({ importId: inserted.id, workspaceId: principal.workspaceId });
      return inserted;
    });
    if (!runsAsJob) return toImportReport(await this.runner.run(entity));
    return toImportReport(entity);
  }

  async get(context: RequestContext, id: string): Promise<ImportReportView> {
    const entity = await this.repository.findOne(context.principal.workspaceId, id);
    if (!entity) throw new NotFoundError('Import');
    return toImportReport(entity);
  }
}
