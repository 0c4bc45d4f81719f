import { Injectable } from '@nestjs/common';
import type { PostMetricsSnapshot, TargetMetricsView } from '@app/contracts';
import { TransactionHost } from '@app/database';
import { PostEntity, PostTargetEntity } from '../posts/post.entity.js';

interface MetricsRow {
  target_id: string;
  impressions: string;
  views: string;
  likes: string;
  comments: string;
  shares: string;
  saves: string;
  clicks: string;
  collected_at: Date;
}

/**
 * Every query on post_metrics (the latest counters of each published target and whether polling stopped), and
 * the reads of posts and targets that decide which targets can be read.
 */
@Injectable()
export class PostMetricsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** A target whose metrics may be read now (published, with the platform's id), and its post. */
  async findReadable(targetId: string): Promise<{ target: PostTargetEntity; post: PostEntity } | null> {
    const target = await this.tx.manager.findOneBy(PostTargetEntity, { id: targetId });
    if (!target || target.status !== 'published' || !target.externalId) return null;
    const post = await this.tx.manager.findOneBy(PostEntity, {
      id: target.postId,
      workspaceId: target.workspaceId,
    });
    return post ? { target, post } : null;
  }

  /** The targets of a post of the workspace; null when the workspace has no such post. */
  async targetsOfPost(workspaceId: string, postId: string): Promise<PostTargetEntity[] | null> {
    if (!(await this.tx.manager.existsBy(PostEntity, { workspaceId, id: postId }))) return null;
    return this.tx.manager.find(PostTargetEntity, { where: { postId }, order: { id: 'ASC' } });
  }

  async isPollingStopped(targetId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      'SELECT 1 FROM post_metrics WHERE target_id = $1 AND polling_stopped_at IS NOT NULL',
      [targetId],
    );
    return rows.length > 0;
  }

  /** Keeps the newest counters; a reading that succeeds resumes polling a target that had stopped. */
  async record(target: PostTargetEntity, snapshot: PostMetricsSnapshot, collectedAt: Date): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO post_metrics (target_id, workspace_id, post_id, platform, impressions, views, likes, comments,
                                 shares, saves, clicks, collected_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT (target_id) DO UPDATE SET impressions = excluded.impressions, views = excluded.views,
         likes = excluded.likes, comments = excluded.comments, shares = excluded.shares, saves = excluded.saves,
         clicks = excluded.clicks, collected_at = excluded.collected_at, polling_stopped_at = NULL,
         polling_stopped_reason = NULL, updated_at = now()`,
      [
        target.id,
        target.workspaceId,
        target.postId,
        target.platform,
        snapshot.impressions,
        snapshot.views,
        snapshot.likes,
        snapshot.comments,
        snapshot.shares,
        snapshot.saves,
        snapshot.clicks,
        collectedAt,
      ],
    );
  }

  /** Scheduled readings of the target do nothing from now on; the reason is the platform's, in words. */
  async stopPolling(target: PostTargetEntity, reason: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO post_metrics (target_id, workspace_id, post_id, platform, polling_stopped_at, polling_stopped_reason)
       VALUES ($1, $2, $3, $4, now(), $5)
       ON CONFLICT (target_id) DO UPDATE SET polling_stopped_at = now(),
         polling_stopped_reason = excluded.polling_stopped_reason, updated_at = now()`,
      [target.id, target.workspaceId, target.postId, target.platform, reason],
    );
  }

  /** The latest counters of the targets that have been read at least once, by target id. */
  async latestOf(targetIds: string[]): Promise<Map<string, TargetMetricsView>> {
    if (targetIds.length === 0) return new Map();
    const rows: MetricsRow[] = await this.tx.manager.query(
      `SELECT target_id, impressions, views, likes, comments, shares, saves, clicks, collected_at
       FROM post_metrics WHERE target_id = ANY($1::uuid[]) AND collected_at IS NOT NULL`,
      [targetIds],
    );
    return new Map(rows.map((row) => [row.target_id, toMetricsView(row)]));
  }
}

function toMetricsView(row: MetricsRow): TargetMetricsView {
  return {
    impressions: Number(row.impressions),
    views: Number(row.views),
    likes: Number(row.likes),
    comments: Number(row.comments),
    shares: Number(row.shares),
    saves: Number(row.saves),
    clicks: Number(row.clicks),
    collectedAt: new Date(row.collected_at).toISOString(),
  };
}
