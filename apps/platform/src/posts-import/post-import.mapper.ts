import type { PostImportReportView } from '@app/contracts';
import type { PostImportEntity } from './post-import.entity.js';

/** The contract view of a posts import; the only shape of one that leaves the service. */
export function toPostImportReport(entity: PostImportEntity): PostImportReportView {
  return {
    id: entity.id,
    status: entity.status,
    stage: entity.stage,
    dryRun: entity.dryRun,
    format: entity.format,
    fileName: entity.fileName,
    processedRows: entity.processedRows,
    valid: entity.valid,
    created: entity.created,
    rejected: entity.rejected,
    rejectedRows: entity.rejectedRows,
    createdPosts: entity.createdPosts,
    error: entity.error,
    createdAt: entity.createdAt.toISOString(),
    finishedAt: entity.finishedAt?.toISOString() ?? null,
  };
}
