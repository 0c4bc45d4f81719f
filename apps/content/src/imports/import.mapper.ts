import type { ImportReportView } from '@app/contracts';
import type { ImportEntity } from './import.entity.js';

/** The contract view of an import; the only shape of an import that leaves the service. */
export function toImportReport(entity: ImportEntity): ImportReportView {
  return {
    id: entity.id,
    status: entity.status,
    format: entity.format,
    fileName: entity.fileName,
    processedRows: entity.processedRows,
    created: entity.created,
    updated: entity.updated,
    unchanged: entity.unchanged,
    skipped: entity.skipped,
    rejected: entity.rejected,
    rejectedRows: entity.rejectedRows,
    warnings: entity.warnings,
    error: entity.error,
    createdAt: entity.createdAt.toISOString(),
    finishedAt: entity.finishedAt?.toISOString() ?? null,
  };
}
