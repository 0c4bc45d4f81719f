import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  NotFoundError,
  POST_IMPORT_LIMITS,
  type PostImportReportView,
  type StartPostImportRequest,
} from '@app/contracts';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionHost } from '@app/database';
import type { RequestContext } from '@app/messaging';
import { BLOB_STORE, type BlobStore, claimImportFile } from '@app/storage';
import { type PostImportJob, PostImportJobs } from './post-import-jobs.js';
import { PostImportRunner } from './post-import-runner.js';
import type { PostImportEntity } from './post-import.entity.js';
import { toPostImportReport } from './post-import.mapper.js';
import { PostImportsRepository } from './post-imports.repository.js';

/**
 * Starts posts imports and reports on them. A small file runs within the request (201 with the report) unless
 * it must fetch media or generate copy; a large file, or one that must, runs as a job (202, then poll).
 */
@Injectable()
export class PostImportsService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PostImportsRepository,
    private readonly runner: PostImportRunner,
    private readonly jobs: PostImportJobs,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work((job) => this.runJob(job));
  }

  async start(context: RequestContext, request: StartPostImportRequest): Promise<PostImportReportView> {
    const { principal } = context;
    const maxBytes = POST_IMPORT_LIMITS.maxFileBytes;
    const bytes = await claimImportFile(this.blobs, request.sourceKey, principal.workspaceId, maxBytes);
    const runsAsJob = bytes > this.config.imports.inlineMaxBytes;
    const entity = await this.tx.run(async () => {
      const inserted = await this.repository.insert({
        id: randomUUID(),
        workspaceId: principal.workspaceId,
        createdBy: principal.userId,
        role: principal.role,
        correlationId: context.correlationId,
        status: 'running',
        stage: 'checking',
        dryRun: request.dryRun ?? false,
        format: request.format,
        fileName: request.fileName ?? null,
        sourceKey: request.sourceKey,
        processedRows: 0,
        valid: 0,
        created: 0,
        rejected: 0,
        rejectedRows: [],
        createdPosts: [],
        error: null,
        finishedAt: null,
      });
      if (runsAsJob) await this.enqueue(inserted);
      return inserted;
    });
    if (runsAsJob) return this.started(entity);
    const outcome = await this.runner.run(entity, { mayHandOver: true });
    if (outcome.kind === 'finished') return toPostImportReport(outcome.entity);
    await this.enqueue(entity);
    return this.started(entity);
  }

  async get(context: RequestContext, id: string): Promise<PostImportReportView> {
    const entity = await this.repository.findOne(context.principal.workspaceId, id);
    if (!entity) throw new NotFoundError('Posts import');
    return toPostImportReport(entity);
  }

  /** Runs the job's import once: one found finished was run already (the job was delivered again). */
  private async runJob({ workspaceId, importId }: PostImportJob): Promise<void> {
    const entity = await this.repository.findOne(workspaceId, importId);
    if (entity?.status !== 'running') return;
    // The runner records a failure on the import; the job itself ends either way.
    await this.runner.run(entity).catch(() => undefined);
  }

  private enqueue(entity: PostImportEntity): Promise<void> {
    return this.jobs.enqueue({ importId: entity.id, workspaceId: entity.workspaceId });
  }

  /** The report of an import handed to the job, which starts it over: the job reads the file again. */
  private async started(entity: PostImportEntity): Promise<PostImportReportView> {
    return toPostImportReport((await this.repository.findOne(entity.workspaceId, entity.id)) ?? entity);
  }
}
