import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError, InvalidError, POST_IMPORT_LIMITS as LIMITS, type Role } from '@app/contracts';
import { csvRows, ImportFileError, jsonRows, type SourceRow } from '@app/import-files';
import type { RequestContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { BLOB_STORE, type BlobStore } from '@app/storage';
import { PostDraftingService } from '../posts/post-drafting.service.js';
import { type Candidate, candidateOf, reasonFor, sameRowKey, toCreatePost } from './post-import-candidate.js';
import { POST_IMPORT_COLUMNS, PostImportColumns, REQUIRED_COLUMNS } from './post-import-columns.js';
import { PostImportCreation } from './post-import-creation.js';
import type { PostImportEntity, PostImportFailure } from './post-import.entity.js';
import { PostImportReferences } from './post-import-references.js';
import { type ImportRow, readRow } from './post-import-row.js';
import { PostImportTally } from './post-import-tally.js';
import { PostImportsRepository } from './post-imports.repository.js';
import { RowProblem } from './row-problem.js';

/** Rows checked per call of the creation rules. */
const CHECK_BATCH = 1000;
/** Rows read between two saves of the progress. */
const PROGRESS_EVERY = 1000;

/** How a run ended: finished (with its report), or handed over to a job because it fetches or writes content. */
export type RunOutcome = { kind: 'finished'; entity: PostImportEntity } | { kind: 'handed-over' };

/**
 * Runs a posts import in two stages. Checking reads the whole file and applies every rule a post must pass,
 * creating nothing: a file that cannot be read, has too many rows or lacks a column stops here, before any post
 * exists. Creating (skipped by a dry run) adds the rows' media URLs and generated copy, plans next-slot times and
 * creates the posts in batches through PostDraftingService. A bad row is reported with its line and never stops
 * the others; the good rows of a file with bad ones are created.
 */
@Injectable()
export class PostImportRunner {
  constructor(
    private readonly repository: PostImportsRepository,
    private readonly references: PostImportReferences,
    private readonly drafting: PostDraftingService,
    private readonly creation: PostImportCreation,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Runs the import to its end and records the outcome. With `mayHandOver` (a run within the request), an
   * import that must fetch media or generate copy stops after checking, for a job to run it. A file refused
   * as a whole is recorded as failed and its error rethrown.
   */
  async run(entity: PostImportEntity, { mayHandOver = false } = {}): Promise<RunOutcome> {
    const tally = new PostImportTally();
    const context = contextOf(entity);
    let isHandedOver = false;
    try {
      const candidates = await this.check(entity, context, tally);
      if (!entity.dryRun) {
        if (mayHandOver && this.creation.needsContent(candidates)) {
          isHandedOver = true;
          return { kind: 'handed-over' };
        }
        await this.creation.create(entity, context, tally, candidates);
      }
      return { kind: 'finished', entity: await this.repository.finish(entity, tally.progress(), null) };
    } catch (error) {
      await this.repository.finish(entity, tally.progress(), this.failureOf(entity, error, tally));
      throw error;
    } finally {
      if (!isHandedOver) await this.blobs.delete(entity.sourceKey);
    }
  }

  /** Reads every row and applies every rule of post creation without saving; returns the rows that pass. */
  private async check(
    entity: PostImportEntity,
    context: RequestContext,
    tally: PostImportTally,
  ): Promise<Candidate[]> {
    const rows = await this.read(entity, tally);
    const references = await this.references.load(context, rows);
    const candidates: Candidate[] = [];
    const firstLineOf = new Map<string, number>();
    for (const row of rows) {
      try {
        const candidate = candidateOf(row, references);
        const key = sameRowKey(candidate);
        const firstLine = key === null ? undefined : firstLineOf.get(key);
        if (firstLine !== undefined) throw new RowProblem(`the same post as line ${firstLine}`);
        if (key !== null) firstLineOf.set(key, row.line);
        candidates.push(candidate);
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        tally.reject(row.line, error.message);
      }
    }
    const passing = await this.notYetScheduled(
      entity,
      await this.passingRules(context, candidates, tally),
      tally,
    );
    tally.valid = passing.length;
    tally.stage = entity.dryRun ? 'finished' : 'preparing';
    await this.repository.saveProgress(entity, tally.progress());
    return passing;
  }

  /** Streams the file into rows; a row that cannot be read is rejected, a file that cannot be read throws. */
  private async read(entity: PostImportEntity, tally: PostImportTally): Promise<ImportRow[]> {
    const source = await this.blobs.get(entity.sourceKey);
    const records = entity.format === 'csv' ? csvRows(source) : jsonRows(source);
    const columns = new PostImportColumns();
    const now = new Date();
    const rows: ImportRow[] = [];
    for await (const record of records) {
      if (isBlank(record)) continue;
      tally.processedRows += 1;
      if (tally.processedRows > LIMITS.maxRows) throw tooManyRows();
      const keys = columns.resolve(Object.keys(record.record));
      if (tally.processedRows === 1 && entity.format === 'csv') assertColumns(keys);
      const reading = record.problem
        ? { reason: record.problem }
        : readRow(record.firstLine, record.record, keys, now);
      if ('reason' in reading) tally.reject(record.firstLine, reading.reason);
      else rows.push(reading.row);
      if (tally.processedRows % PROGRESS_EVERY === 0)
        await this.repository.saveProgress(entity, tally.progress());
    }
    return rows;
  }

  /**
   * The rows whose posts pass every rule of post creation (connection state, platform rules, media, campaign),
   * checked by PostDraftingService without saving. Generated copy is not written yet: the product's title stands
   * in for it, and a row's media URLs stand in for the media they will become.
   */
  private async passingRules(
    context: RequestContext,
    candidates: Candidate[],
    tally: PostImportTally,
  ): Promise<Candidate[]> {
    const passing: Candidate[] = [];
    for (let start = 0; start < candidates.length; start += CHECK_BATCH) {
      const batch = candidates.slice(start, start + CHECK_BATCH);
      const inputs = batch.map((candidate) => toCreatePost(candidate, standIns(candidate)));
      const outcomes = await this.drafting.createMany(context, inputs, { dryRun: true });
      outcomes.forEach((outcome, index) => {
        if (outcome instanceof DomainError)
          tally.reject(batch[index].row.line, reasonFor(outcome, batch[index]));
        else passing.push(batch[index]);
      });
    }
    return passing;
  }

  /** Rows whose post (same product, text, account and time) is already scheduled are not created twice. */
  private async notYetScheduled(
    entity: PostImportEntity,
    candidates: Candidate[],
    tally: PostImportTally,
  ): Promise<Candidate[]> {
    const planned = candidates.flatMap((candidate, n) => {
      const { row } = candidate;
      if (row.text === null || row.time.kind !== 'at') return [];
      const scheduledAt = row.time.at;
      return candidate.connections.map((connection) => ({
        n,
        productId: candidate.product.id,
        connectionId: connection.id,
        text: row.text as string,
        scheduledAt,
      }));
    });
    const existing = new Map(
      (await this.repository.alreadyScheduled(entity.workspaceId, planned)).map((match) => [
        match.n,
        match.postId,
      ]),
    );
    return candidates.filter((candidate, n) => {
      const postId = existing.get(n);
      if (postId !== undefined)
        tally.reject(candidate.row.line, `the same post is already scheduled at this time (post ${postId})`);
      return postId === undefined;
    });
  }

  private failureOf(entity: PostImportEntity, error: unknown, tally: PostImportTally): PostImportFailure {
    if (error instanceof ImportFileError)
      return { message: error.message, line: error.line, column: error.column };
    if (error instanceof DomainError) return { message: error.message, line: null, column: null };
    this.logger.error({ err: error, importId: entity.id }, 'Posts import failed');
    return {
      message:
        tally.createdCount > 0
          ? `The import stopped unexpectedly after creating ${tally.createdCount} posts (listed below)`
          : 'The import stopped unexpectedly; no post was created',
      line: null,
      column: null,
    };
  }
}

/** The importer's request chain, re-created for a job: content re-checks the role on every write. */
function contextOf(entity: PostImportEntity): RequestContext {
  return {
    principal: { userId: entity.createdBy, workspaceId: entity.workspaceId, role: entity.role as Role },
    correlationId: entity.correlationId ?? entity.id,
  };
}

/** Until a real import makes them: the product's title for generated copy, media URLs as they are. */
function standIns(candidate: Candidate) {
  const { row, product } = candidate;
  return {
    copy: row.text === null ? () => ({ text: product.title, title: null }) : null,
    mediaIds: row.media.flatMap((media) => ('id' in media ? [media.id] : [])),
    mediaUrls: row.media.flatMap((media) => ('url' in media ? [media.url] : [])),
    plannedAt: null,
  };
}

/** Rows with every cell empty (a spreadsheet's trailing rows) are not rows. */
function isBlank(row: SourceRow): boolean {
  return (
    !row.problem &&
    Object.values(row.record).every((value) => value === null || value === undefined || value === '')
  );
}

function tooManyRows(): DomainError {
  return new DomainError(
    'payload_too_large',
    413,
    `The file has more than ${LIMITS.maxRows.toLocaleString('en')} rows; split it into files of at most ${LIMITS.maxRows.toLocaleString('en')}`,
    { maxRows: LIMITS.maxRows },
  );
}

/** A CSV header must have a column for each required field; without one, no row could be read. */
function assertColumns(keys: Partial<Record<string, string>>): void {
  const missing = REQUIRED_COLUMNS.filter((field) => keys[field] === undefined);
  if (missing.length === 0) return;
  const names = missing.map((field) => `"${POST_IMPORT_COLUMNS[field][0]}"`).join(', ');
  throw new InvalidError(
    `The file has no ${names} column${missing.length > 1 ? 's' : ''}; see the columns a posts import reads`,
    {
      missingColumns: missing,
    },
  );
}
