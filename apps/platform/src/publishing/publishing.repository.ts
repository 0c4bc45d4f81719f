import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AttemptOutcome, PublishErrorClass } from '@app/contracts';
import { ConnectionEntity } from '../connections/connection.entity.js';
import { PostEntity, PostTargetEntity, PublishAttemptEntity } from '../posts/post.entity.js';
import type { DispatchHistory } from './safety-limits.js';

/** The publisher's queries: claiming targets, attempts, and what was left behind by dead processes. */
@Injectable()
export class PublishingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the target, skipping it when another process holds it (that process is dispatching it). */
  lockTarget(manager: EntityManager, id: string): Promise<PostTargetEntity | null> {
    return manager
      .createQueryBuilder(PostTargetEntity, 't')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('t.id = :id', { id })
      .getOne();
  }

  findPost(manager: EntityManager, id: string): Promise<PostEntity | null> {
    return manager.findOneBy(PostEntity, { id });
  }

  findTarget(id: string): Promise<PostTargetEntity | null> {
    return this.dataSource.manager.findOneBy(PostTargetEntity, { id });
  }

  async history(
    manager: EntityManager,
    connectionId: string,
    lastDispatchedAt: Date | null,
  ): Promise<DispatchHistory> {
    const [row]: Array<{ count: string; oldest: Date | null }> = await manager.query(
      `SELECT count(*) AS count, min(started_at) AS oldest FROM publish_attempts
       WHERE connection_id = $1 AND started_at > now() - interval '24 hours'
         AND outcome IN ('calling', 'published', 'unconfirmed')`,
      [connectionId],
    );
    return { lastDispatchedAt, countLast24h: Number(row.count), oldestLast24h: row.oldest };
  }

  /** Writes the target's state columns (an UPDATE, not save(), which would SELECT first). */
  async saveTarget(manager: EntityManager, target: PostTargetEntity): Promise<void> {
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
    await manager.update(
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

  async markDispatched(manager: EntityManager, connectionId: string, at: Date): Promise<void> {
    await manager.update(ConnectionEntity, { id: connectionId }, { lastDispatchedAt: at });
  }

  async startAttempt(manager: EntityManager, target: PostTargetEntity, workerId: string): Promise<string> {
    const id = randomUUID();
    await manager.insert(PublishAttemptEntity, {
      id,
      targetId: target.id,
      connectionId: target.connectionId,
      workspaceId: target.workspaceId,
      workerId,
      outcome: 'calling',
      responseStatus: null,
      errorClass: null,
      message: null,
      startedAt: new Date(),
      finishedAt: null,
    });
    return id;
  }

  async finishAttempt(
    manager: EntityManager,
    id: string,
    result: {
      outcome: AttemptOutcome;
      responseStatus: number | null;
      errorClass: PublishErrorClass | null;
      message: string | null;
    },
  ): Promise<void> {
    await manager.update(
      PublishAttemptEntity,
      { id, outcome: 'calling' },
      { ...result, finishedAt: new Date() },
    );
  }

  /** Processes that left attempts `calling`, other than `except`. */
  async callingWorkers(except: string): Promise<string[]> {
    const rows: Array<{ worker_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT worker_id FROM publish_attempts WHERE outcome = 'calling' AND worker_id <> $1`,
      [except],
    );
    return rows.map((row) => row.worker_id);
  }

  /** Marks a dead process's in-flight attempts and their targets `unconfirmed`; returns the targets. */
  async abandonAttempts(manager: EntityManager, workerId: string): Promise<PostTargetEntity[]> {
    const [attempts]: [Array<{ target_id: string }>] = await manager.query(
      `UPDATE publish_attempts SET outcome = 'unconfirmed', error_class = 'unknown_outcome', finished_at = now(),
         message = 'Shopcast stopped while the platform was being called'
       WHERE worker_id = $1 AND outcome = 'calling' RETURNING target_id`,
      [workerId],
    );
    const ids = attempts.map((row) => row.target_id);
    if (ids.length === 0) return [];
    await manager.query(
      `UPDATE post_targets SET status = 'unconfirmed', error_class = 'unknown_outcome', updated_at = now(),
         error_message = 'Shopcast stopped while publishing, so it cannot tell whether the post went out. Check the account before retrying'
       WHERE id = ANY($1) AND status = 'publishing'`,
      [ids],
    );
    return manager.find(PostTargetEntity, { where: { id: In(ids) } });
  }

  /** Scheduled targets past due by more than `graceMs`, whose job may have been lost. */
  async overdueTargets(graceMs: number, limit: number): Promise<Array<{ id: string; dueAt: Date }>> {
    const rows: Array<{ id: string; due_at: Date }> = await this.dataSource.query(
      `SELECT t.id, t.due_at FROM post_targets t
       WHERE t.status = 'scheduled' AND t.platform <> 'manual' AND t.due_at < now() - make_interval(secs => $1)
       ORDER BY t.due_at LIMIT $2`,
      [graceMs / 1000, limit],
    );
    return rows.map((row) => ({ id: row.id, dueAt: row.due_at }));
  }
}
