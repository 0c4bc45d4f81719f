import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AttemptOutcome, PublishErrorClass } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { ConnectionEntity } from '../connections/connection.entity.js';
import { PostEntity, PostTargetEntity, PublishAttemptEntity } from '../posts/post.entity.js';

export interface PublishedRow {
  attemptId: string;
  targetId: string;
  responseStatus: number | null;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: Date;
}

/** The publisher's queries: claiming targets, attempts, and what was left behind by dead processes. */
@Injectable()
export class PublishingRepository {
  constructor(private readonly tx: TransactionHost) {}

  findPost(id: string): Promise<PostEntity | null> {
    return this.tx.manager.findOneBy(PostEntity, { id });
  }

  /** Writes the target's state columns (an UPDATE, not save(), which would SELECT first). */
  async saveTarget(target: PostTargetEntity): Promise<void> {
    target.updatedAt = new Date();
    const {
      status,
      dueAt,
      holdReason,
      attemptCount,
      externalId,
      externalUrl,
      publishedAt,
      errorClass,
      errorMessage,
      updatedAt,
    } = target;
    await this.tx.manager.update(
      PostTargetEntity,
      { id: target.id },
      {
        status,
        dueAt,
        holdReason,
        attemptCount,
        externalId,
        externalUrl,
        publishedAt,
        errorClass,
        errorMessage,
        updatedAt,
      },
    );
  }

  async finishAttempt(
    id: string,
    result: {
      outcome: AttemptOutcome;
      responseStatus: number | null;
      errorClass: PublishErrorClass | null;
      message: string | null;
    },
  ): Promise<void> {
    await this.tx.manager.update(
      PublishAttemptEntity,
      { id, outcome: 'calling' },
      { ...result, finishedAt: new Date() },
    );
  }

  /** Locks those of `ids` that are still `scheduled`, skipping targets another process holds. */
  lockScheduledTargets(ids: readonly string[]): Promise<PostTargetEntity[]> {
    return this.tx.manager
      .createQueryBuilder(PostTargetEntity, 't')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('t.id IN (:...ids)', { ids })
      .andWhere("t.status = 'scheduled'")
      .andWhere('t.due_at IS NOT NULL')
      .getMany();
  }

  /** Locks connections in id order (so two batches never deadlock): one dispatch per connection at a time. */
  lockConnections(ids: readonly string[]): Promise<ConnectionEntity[]> {
    return this.tx.manager
      .createQueryBuilder(ConnectionEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids })
      .orderBy('c.id')
      .getMany();
  }

  findPosts(ids: readonly string[]): Promise<PostEntity[]> {
    return this.tx.manager.find(PostEntity, { where: { id: In([...ids]) } });
  }

  /** Publishes started in the last 24 hours per connection (only connections with any are returned). */
  async dailyCounts(
    connectionIds: readonly string[],
  ): Promise<Map<string, { count: number; oldest: Date | null }>> {
    const rows: Array<{ connection_id: string; count: number; oldest: Date | null }> =
      await this.tx.manager.query(
        `SELECT connection_id, count(*)::int AS count, min(started_at) AS oldest FROM publish_attempts
       WHERE connection_id = ANY($1) AND started_at > now() - interval '24 hours'
         AND outcome IN ('calling', 'published', 'unconfirmed')
       GROUP BY connection_id`,
        [connectionIds],
      );
    return new Map(rows.map((row) => [row.connection_id, { count: row.count, oldest: row.oldest }]));
  }

  /** Moves targets to `publishing` and counts the attempt. */
  async markPublishing(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.manager.query(
      `UPDATE post_targets SET status = 'publishing', attempt_count = attempt_count + 1, hold_reason = NULL,
         updated_at = now()
       WHERE id = ANY($1)`,
      [ids],
    );
  }

  /** Moves targets a safety limit holds back to their new due time, with the reason. */
  async holdTargets(holds: ReadonlyArray<{ id: string; dueAt: Date; reason: string }>): Promise<void> {
    if (holds.length === 0) return;
    await this.tx.manager.query(
      `UPDATE post_targets t SET due_at = x.due_at, hold_reason = x.reason, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, due_at timestamptz, reason text)
       WHERE t.id = x.id`,
      [JSON.stringify(holds.map((hold) => ({ ...hold, due_at: hold.dueAt.toISOString() })))],
    );
  }

  async failTargets(ids: readonly string[], errorClass: PublishErrorClass, message: string): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.manager.query(
      `UPDATE post_targets SET status = 'failed', error_class = $2, error_message = $3, updated_at = now()
       WHERE id = ANY($1)`,
      [ids, errorClass, message],
    );
  }

  async markDispatchedMany(connectionIds: readonly string[], at: Date): Promise<void> {
    if (connectionIds.length === 0) return;
    await this.tx.manager.query(`UPDATE connections SET last_dispatched_at = $2 WHERE id = ANY($1)`, [
      connectionIds,
      at,
    ]);
  }

  /** Records one `calling` attempt per target in one statement; returns the attempt ids by target id. */
  async startAttempts(
    targets: ReadonlyArray<Pick<PostTargetEntity, 'id' | 'connectionId' | 'workspaceId'>>,
    workerId: string,
  ): Promise<Map<string, string>> {
    const attemptIds = new Map(targets.map((target) => [target.id, randomUUID()]));
    if (targets.length === 0) return attemptIds;
    await this.tx.manager.query(
      `INSERT INTO publish_attempts (id, target_id, connection_id, workspace_id, worker_id, outcome, started_at)
       SELECT x.id, x.target_id, x.connection_id, x.workspace_id, $2, 'calling', now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, target_id uuid, connection_id uuid, workspace_id uuid)`,
      [
        JSON.stringify(
          targets.map((target) => ({
            id: attemptIds.get(target.id),
            target_id: target.id,
            connection_id: target.connectionId,
            workspace_id: target.workspaceId,
          })),
        ),
        workerId,
      ],
    );
    return attemptIds;
  }

  /** Records successful calls: attempts `published` (only those still `calling`) and targets `published`. */
  async recordPublished(rows: readonly PublishedRow[]): Promise<void> {
    const json = JSON.stringify(
      rows.map((row) => ({
        attempt_id: row.attemptId,
        target_id: row.targetId,
        response_status: row.responseStatus,
        external_id: row.externalId,
        external_url: row.externalUrl,
        published_at: row.publishedAt.toISOString(),
      })),
    );
    await this.tx.manager.query(
      `UPDATE publish_attempts a SET outcome = 'published', response_status = x.response_status,
         error_class = NULL, message = NULL, finished_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(attempt_id uuid, response_status int)
       WHERE a.id = x.attempt_id AND a.outcome = 'calling'`,
      [json],
    );
    await this.tx.manager.query(
      `UPDATE post_targets t SET status = 'published', external_id = x.external_id, external_url = x.external_url,
         published_at = x.published_at, error_class = NULL, error_message = NULL, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(target_id uuid, external_id text, external_url text, published_at timestamptz)
       WHERE t.id = x.target_id`,
      [json],
    );
  }

  /** Processes that left attempts `calling`, other than `except`. */
  async callingWorkers(except: string): Promise<string[]> {
    const rows: Array<{ worker_id: string }> = await this.tx.manager.query(
      `SELECT DISTINCT worker_id FROM publish_attempts WHERE outcome = 'calling' AND worker_id <> $1`,
      [except],
    );
    return rows.map((row) => row.worker_id);
  }

  /** Marks a dead process's in-flight attempts and their targets `unconfirmed`; returns the targets. */
  async abandonAttempts(workerId: string): Promise<PostTargetEntity[]> {
    const [attempts]: [Array<{ target_id: string }>] = await this.tx.manager.query(
      `UPDATE publish_attempts SET outcome = 'unconfirmed', error_class = 'unknown_outcome', finished_at = now(),
         message = 'Shopcast stopped while the platform was being called'
       WHERE worker_id = $1 AND outcome = 'calling' RETURNING target_id`,
      [workerId],
    );
    const ids = attempts.map((row) => row.target_id);
    if (ids.length === 0) return [];
    await this.tx.manager.query(
      `UPDATE post_targets SET status = 'unconfirmed', error_class = 'unknown_outcome', updated_at = now(),
         error_message = 'Shopcast stopped while publishing, so it cannot tell whether the post went out. Check the account before retrying'
       WHERE id = ANY($1) AND status = 'publishing'`,
      [ids],
    );
    return this.tx.manager.find(PostTargetEntity, { where: { id: In(ids) } });
  }

  /** Scheduled targets past due by more than `graceMs`, whose job may have been lost. */
  async overdueTargets(graceMs: number, limit: number): Promise<Array<{ id: string; dueAt: Date }>> {
    const rows: Array<{ id: string; due_at: Date }> = await this.tx.manager.query(
      `SELECT t.id, t.due_at FROM post_targets t
       WHERE t.status = 'scheduled' AND t.platform <> 'manual' AND t.due_at < now() - make_interval(secs => $1)
       ORDER BY t.due_at LIMIT $2`,
      [graceMs / 1000, limit],
    );
    return rows.map((row) => ({ id: row.id, dueAt: row.due_at }));
  }
}
