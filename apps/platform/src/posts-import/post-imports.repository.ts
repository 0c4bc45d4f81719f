import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { type PostImportFailure, PostImportEntity, type PostImportProgress } from './post-import.entity.js';

/** A post an import would create at a given time, to compare with the posts already there. */
export interface PlannedPost {
  /** The row's position, returned with the match. */
  n: number;
  productId: string;
  connectionId: string;
  text: string;
  scheduledAt: Date;
}

/** Targets that still hold their time: they will be (or were just) published. */
const HOLDING = ['draft', 'needs_review', 'approved', 'scheduled', 'publishing'];

/** Every query of bulk post imports: their rows in post_imports, and what they read of posts; all workspace-bound. */
@Injectable()
export class PostImportsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(entity: Omit<PostImportEntity, 'createdAt'>): Promise<PostImportEntity> {
    await this.tx.manager.insert(PostImportEntity, entity);
    return this.tx.manager.findOneByOrFail(PostImportEntity, {
      workspaceId: entity.workspaceId,
      id: entity.id,
    });
  }

  findOne(workspaceId: string, id: string): Promise<PostImportEntity | null> {
    return this.tx.manager.findOneBy(PostImportEntity, { workspaceId, id });
  }

  async saveProgress(entity: PostImportEntity, progress: PostImportProgress): Promise<void> {
    await this.tx.manager.update(
      PostImportEntity,
      { workspaceId: entity.workspaceId, id: entity.id },
      progress,
    );
  }

  async finish(
    entity: PostImportEntity,
    progress: PostImportProgress,
    error: PostImportFailure | null,
  ): Promise<PostImportEntity> {
    await this.tx.manager.update(
      PostImportEntity,
      { workspaceId: entity.workspaceId, id: entity.id },
      {
        ...progress,
        stage: 'finished',
        error,
        status: error ? 'failed' : 'completed',
        finishedAt: new Date(),
      },
    );
    return this.tx.manager.findOneByOrFail(PostImportEntity, {
      workspaceId: entity.workspaceId,
      id: entity.id,
    });
  }

  /**
   * Per connection, the times of its publishes in the last 24 hours and of its targets due from then on (or
   * waiting for review with their post's time), as the safety limits will count them.
   */
  async timelines(workspaceId: string, connectionIds: string[]): Promise<Map<string, number[]>> {
    if (connectionIds.length === 0) return new Map();
    const rows = await this.tx.manager.query<Array<{ connection_id: string; at: Date }>>(
      `SELECT t.connection_id, coalesce(t.due_at, p.scheduled_at) AS at
       FROM post_targets t JOIN posts p ON p.id = t.post_id
       WHERE t.workspace_id = $1 AND t.connection_id = ANY($2::uuid[]) AND t.status = ANY($3::text[])
         AND coalesce(t.due_at, p.scheduled_at) > now() - interval '24 hours'
       UNION ALL
       SELECT a.connection_id, a.started_at FROM publish_attempts a
       WHERE a.workspace_id = $1 AND a.connection_id = ANY($2::uuid[]) AND a.started_at > now() - interval '24 hours'
         AND a.outcome IN ('calling', 'published', 'unconfirmed')`,
      [workspaceId, connectionIds, HOLDING],
    );
    const times = new Map<string, number[]>(connectionIds.map((id) => [id, []]));
    for (const row of rows) times.get(row.connection_id)?.push(new Date(row.at).getTime());
    return times;
  }

  /** For each planned post already there (same product, connection, text and time, not cancelled), its row and post. */
  async alreadyScheduled(
    workspaceId: string,
    planned: PlannedPost[],
  ): Promise<Array<{ n: number; postId: string }>> {
    if (planned.length === 0) return [];
    const rows = await this.tx.manager.query<Array<{ n: number; post_id: string }>>(
      `SELECT DISTINCT ON (x.n) x.n, p.id AS post_id
       FROM jsonb_to_recordset($2::jsonb) AS x(n integer, product_id uuid, connection_id uuid, text text, scheduled_at timestamptz)
       JOIN post_targets t ON t.connection_id = x.connection_id AND t.workspace_id = $1 AND t.text = x.text
         AND t.status = ANY($3::text[])
       JOIN posts p ON p.id = t.post_id AND p.product_id = x.product_id AND p.scheduled_at = x.scheduled_at
       ORDER BY x.n`,
      [
        workspaceId,
        JSON.stringify(
          planned.map((post) => ({
            n: post.n,
            product_id: post.productId,
            connection_id: post.connectionId,
            text: post.text,
            scheduled_at: post.scheduledAt.toISOString(),
          })),
        ),
        [...HOLDING, 'paused', 'published', 'unconfirmed'],
      ],
    );
    return rows.map((row) => ({ n: row.n, postId: row.post_id }));
  }
}
