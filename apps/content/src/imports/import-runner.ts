import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  CATALOG_EVENT_MAX_PRODUCTS,
  EventSubjects,
  type ImportedProductSummary,
  type ImportWarningView,
} from '@app/contracts';
import { Outbox } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { TransactionHost } from '@app/database';
import { csvRows, ImportFileError, jsonRows, type SourceRow } from '@app/import-files';
import type { ProductEntity } from '../products/product.entity.js';
import { ProductColumns } from './import-columns.js';
import { ImportImageJobs } from './import-image-jobs.js';
import { type ImportedProduct, mapRow } from './import-row.js';
import type { ImportCounts, ImportEntity, ImportFailure } from './import.entity.js';
import { type ImageSource, ImportsRepository, type UpsertedProduct } from './imports.repository.js';
import { OneAtATime } from './one-at-a-time.js';

const BATCH_SIZE = 2500;
const MAX_REPORTED_REJECTIONS = 1000;

interface Pending {
  product: ImportedProduct;
  line: number;
  warnings: string[];
}

/**
 * Streams an import file row by row and upserts accepted rows in batches (each batch one transaction with
 * its product events), so memory stays flat whatever the file size. A bad row is counted and reported with
 * its line; only an unreadable file stops the import.
 */
@Injectable()
export class ImportRunner {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ImportsRepository,
    private readonly outbox: Outbox,
    private readonly imageJobs: ImportImageJobs,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs the import to its end and records the outcome; an unreadable file is rethrown as ImportFileError. */
  async run(entity: ImportEntity): Promise<ImportEntity> {
    const counts: ImportCounts = {
      processedRows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      rejected: 0,
      rejectedRows: [],
    };
    try {
      await this.consume(entity, counts);
      return await this.repository.finish(entity, counts, null);
    } catch (error) {
      const failure: ImportFailure =
        error instanceof ImportFileError
          ? { message: error.message, line: error.line, column: error.column }
          : {
              message: 'The import stopped unexpectedly; rows before the failure were saved',
              line: null,
              column: null,
            };
      if (!(error instanceof ImportFileError))
        this.logger.error({ err: error, importId: entity.id }, 'Import failed');
      await this.repository.finish(entity, counts, failure);
      throw error;
    } finally {
      await this.blobs.delete(entity.sourceKey);
    }
  }

  private async consume(entity: ImportEntity, counts: ImportCounts): Promise<void> {
    const source = await this.blobs.get(entity.sourceKey);
    const rows = entity.format === 'csv' ? csvRows(source) : jsonRows(source);
    const columns = new ProductColumns(entity.options.mapping);
    const filters = entity.options.filters ?? {};
    const firstLineOf = new Map<string, number>();
    // One batch is written while the next is read: the database and the parser work at the same time.
    const writes = new OneAtATime();
    let batch: Pending[] = [];
    try {
      for await (const row of rows) {
        counts.processedRows += 1;
        const outcome = row.problem
          ? ({ kind: 'rejected', reason: row.problem, externalId: null } as const)
          : mapRow(
              row.record,
              columns.resolve(Object.keys(row.record)),
              filters,
              entity.options.defaultCurrency,
            );
        if (outcome.kind === 'skipped') counts.skipped += 1;
        else if (outcome.kind === 'rejected') reject(counts, row, outcome.reason, outcome.externalId);
        else {
          const firstLine = firstLineOf.get(outcome.product.externalId);
          if (firstLine !== undefined) {
            reject(
              counts,
              row,
              `externalId "${outcome.product.externalId}" already appears on line ${firstLine}`,
              outcome.product.externalId,
            );
            continue;
          }
          firstLineOf.set(outcome.product.externalId, row.line);
          batch.push({ product: outcome.product, line: row.line, warnings: outcome.warnings });
        }
        if (batch.length >= BATCH_SIZE) {
          const full = batch;
          batch = [];
          await writes.start(() => this.flush(entity, full, counts));
        }
      }
      const last = batch;
      await writes.start(() => this.flush(entity, last, counts));
      await writes.settled();
    } catch (error) {
      // The batch being written ends (saved or not) before the import is recorded as failed.
      await writes.settled().catch(() => undefined);
      throw error;
    }
  }

  private async flush(entity: ImportEntity, batch: Pending[], counts: ImportCounts): Promise<void> {
    if (batch.length > 0) {
      await this.tx.run(async () => {
        const upserted = await this.repository.upsertProducts(
          entity.workspaceId,
          batch.map((pending) => pending.product),
        );
        const created = upserted.filter((row) => row.isNew).length;
        counts.created += created;
        counts.updated += upserted.length - created;
        counts.unchanged += batch.length - upserted.length;
        await this.outbox.addMany(catalogEvents(entity.id, upserted), {
          workspaceId: entity.workspaceId,
          correlationId: entity.correlationId ?? undefined,
        });
        await this.repository.addWarnings(entity.workspaceId, entity.id, warningsOf(batch));
        await this.queueImages(entity, batch);
      });
    }
    await this.repository.saveProgress(entity, counts);
  }

  /** Queues a fetch per image URL new to its product, in the batch's transaction; the row loop never fetches. */
  private async queueImages(entity: ImportEntity, batch: Pending[]): Promise<void> {
    const sources: ImageSource[] = batch.flatMap(({ product, line }) =>
      product.imageUrls.map((url) => ({ externalId: product.externalId, url, line })),
    );
    const fresh = await this.repository.addImageSources(entity.workspaceId, entity.id, sources);
    for (const source of fresh) {
      await this.imageJobs.enqueue({
        workspaceId: entity.workspaceId,
        importId: entity.id,
        correlationId: entity.correlationId ?? undefined,
        ...source,
      });
    }
  }
}

/** The batch's created and changed products as catalog events of at most CATALOG_EVENT_MAX_PRODUCTS each. */
function catalogEvents(importId: string, upserted: UpsertedProduct[]) {
  const events = [];
  for (let start = 0; start < upserted.length; start += CATALOG_EVENT_MAX_PRODUCTS) {
    const chunk = upserted.slice(start, start + CATALOG_EVENT_MAX_PRODUCTS);
    events.push({
      subject: EventSubjects.catalogImported,
      data: {
        importId,
        created: chunk.filter((row) => row.isNew).map(({ product }) => summaryOf(product)),
        updated: chunk.filter((row) => !row.isNew).map(({ product }) => summaryOf(product)),
      },
    });
  }
  return events;
}

function summaryOf(product: ProductEntity): ImportedProductSummary {
  return {
    id: product.id,
    title: product.title,
    priceMinor: product.priceMinor,
    costMinor: product.costMinor,
    currency: product.currency,
    commissionRate: product.commissionRate,
  };
}

function warningsOf(batch: Pending[]): ImportWarningView[] {
  return batch.flatMap(({ product, line, warnings }) =>
    warnings.map((message) => ({ line, message, externalId: product.externalId })),
  );
}

function reject(counts: ImportCounts, row: SourceRow, reason: string, externalId: string | null): void {
  counts.rejected += 1;
  if (counts.rejectedRows.length < MAX_REPORTED_REJECTIONS)
    counts.rejectedRows.push({ line: row.line, reason, externalId });
}
